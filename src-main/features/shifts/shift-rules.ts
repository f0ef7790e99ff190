// The working-time rules of one shift, pure: when a shift really starts and ends in the hospital's zone (a night
// across a daylight-saving change is 7 or 9 hours), its night and weekend minutes, and why it may not be worked.
import { addDays, isoWeekday, localDate, weekStartOf } from '@shared/domain/dates';
import { clockTime, readableDate, readableDay } from '@shared/domain/format';
import { LEAVE_LABELS, NIGHT_END_MINUTE, NIGHT_START_MINUTE, crossesMidnight, hoursText, type LeaveKind } from '@shared/domain/shifts';
import { localInstant } from '../../platform/zones';

export interface ShiftTimes {
  start: number;
  end: number;
  minutes: number;
  nightMinutes: number;
  weekendMinutes: number;
}

const overlapMs = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

export function shiftTimes(date: string, startMinute: number, endMinute: number, zone: string): ShiftTimes {
  const start = localInstant(date, startMinute, zone);
  const end = localInstant(crossesMidnight(startMinute, endMinute) ? addDays(date, 1) : date, endMinute, zone);
  let night = 0;
  let weekend = 0;
  for (let d = addDays(date, -1); d <= addDays(date, 1); d = addDays(d, 1)) {
    const midnight = localInstant(d, 0, zone);
    const next = localInstant(d, 1440, zone);
    night += overlapMs(start, end, midnight, localInstant(d, NIGHT_END_MINUTE, zone)) + overlapMs(start, end, localInstant(d, NIGHT_START_MINUTE, zone), next);
    if (isoWeekday(d) >= 6) weekend += overlapMs(start, end, midnight, next);
  }
  return { start, end, minutes: Math.round((end - start) / 60_000), nightMinutes: Math.round(night / 60_000), weekendMinutes: Math.round(weekend / 60_000) };
}

export interface PlannedShift {
  id?: number;
  date: string;
  start: number;
  end: number;
  minutes: number;
  code: string;
  name: string;
}

export interface Person {
  name: string;
  status: 'active' | 'on_leave' | 'terminated';
  terminatedOn: string | null;
}

export interface Leave {
  kind: LeaveKind;
  startDate: string;
  endDate: string;
}

const when = (s: PlannedShift, zone: string) =>
  `${s.name} shift of ${readableDay(s.start, zone, { weekday: true, year: false })} (${clockTime(s.start, zone)}–${clockTime(s.end, zone)})`;

/** Why `shift` may not be given to this person, or null. `others` are their other shifts around it (any department). */
export function refusal(person: Person, shift: PlannedShift, others: PlannedShift[], leave: Leave[], rules: { minRestMinutes: number; maxWeekMinutes: number }, zone: string): string | null {
  if (person.status === 'terminated' && (person.terminatedOn === null || person.terminatedOn <= shift.date)) {
    return `${person.name} left on ${readableDate(person.terminatedOn ?? shift.date)}: no shifts from that day on.`;
  }
  const lastDay = localDate(new Date(shift.end - 1), zone);
  const away = leave.find((l) => l.startDate <= lastDay && shift.date <= l.endDate);
  if (away) return `${person.name} is on ${LEAVE_LABELS[away.kind].toLowerCase()} from ${readableDate(away.startDate)} to ${readableDate(away.endDate)}.`;
  for (const o of others) {
    if (o.id !== undefined && o.id === shift.id) continue;
    if (o.start < shift.end && shift.start < o.end) return `Overlaps ${person.name}'s ${when(o, zone)}.`;
    const gap = o.end <= shift.start ? shift.start - o.end : o.start >= shift.end ? o.start - shift.end : 0;
    if (gap / 60_000 < rules.minRestMinutes) {
      const after = o.end <= shift.start;
      return `Only ${hoursText(Math.round(gap / 60_000))} of rest ${after ? 'after' : 'before'} ${person.name}'s ${when(o, zone)}; the minimum is ${hoursText(rules.minRestMinutes)}.`;
    }
  }
  const week = weekStartOf(shift.date);
  const weekEnd = addDays(week, 7);
  const total = shift.minutes + others.filter((o) => o.id !== shift.id && o.date >= week && o.date < weekEnd).reduce((n, o) => n + o.minutes, 0);
  if (total > rules.maxWeekMinutes) {
    return `${person.name} would work ${hoursText(total)} in the week of ${readableDate(week)}; the maximum is ${hoursText(rules.maxWeekMinutes)}.`;
  }
  return null;
}
