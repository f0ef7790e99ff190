// Free slots of a doctor on a local day: weekly hours in the hospital's own time zone, minus exceptions, minus
// appointments, minus what has passed. Pure: callers bring the rows; nothing here reads the database or the clock.
import { isoWeekday } from '@shared/domain/dates';
import { readableDate, weekdayName } from '@shared/domain/format';
import type { UnavailableReason } from '@shared/contract/appointments';
import { EXCEPTION_LABELS, type ExceptionKind } from '@shared/domain/scheduling';
import { localInstant } from '../../platform/zones';

export interface HoursBlock {
  hospitalId: number;
  weekday: number;
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
  validFrom: string;
  validTo: string | null;
}

export interface AwayBlock {
  kind: ExceptionKind;
  startDate: string;
  endDate: string;
  startMinute: number | null;
  endMinute: number | null;
}

/** A time range in epoch milliseconds, end exclusive. */
export interface Busy {
  start: number;
  end: number;
}

export interface FreeSlot {
  start: number;
  end: number;
  hospitalId: number;
}

export interface DayAvailability {
  slots: FreeSlot[];
  unavailable: { reason: UnavailableReason; message: string } | null;
}

export interface DoctorDay {
  doctorName: string;
  /** Staff status and termination date. */
  status: 'active' | 'on_leave' | 'terminated';
  terminatedOn: string | null;
  blocks: HoursBlock[];
  away: AwayBlock[];
  busy: Busy[];
}

export const blockValidOn = (b: HoursBlock, date: string) => b.weekday === isoWeekday(date) && b.validFrom <= date && (b.validTo === null || date <= b.validTo);

/** The instants an absence covers, in the zone of the hospital whose hours it removes. */
export function awayRange(a: AwayBlock, zone: string): Busy {
  return { start: localInstant(a.startDate, a.startMinute ?? 0, zone), end: localInstant(a.endDate, a.endMinute ?? 1440, zone) };
}

const overlaps = (a: Busy, b: Busy) => a.start < b.end && b.start < a.end;

/**
 * Slots step through real time from the block's start to its end: on a daylight-saving day a 00:00–04:00 block holds
 * three or five hours of slots, as the doctor is really there that long.
 */
export function dayAvailability(day: DoctorDay, date: string, zoneOf: (hospitalId: number) => string, today: string, now: number): DayAvailability {
  const name = day.doctorName;
  if (day.status === 'terminated' && (day.terminatedOn === null || day.terminatedOn <= date)) {
    return { slots: [], unavailable: { reason: 'terminated', message: `${name} no longer works here.` } };
  }
  if (date < today) return { slots: [], unavailable: { reason: 'past', message: `${readableDate(date)} has passed.` } };
  const blocks = day.blocks.filter((b) => blockValidOn(b, date));
  if (blocks.length === 0) return { slots: [], unavailable: { reason: 'not_working', message: `${name} does not work on ${weekdayName(date)}s.` } };
  if (day.status === 'on_leave' && date === today) {
    return { slots: [], unavailable: { reason: 'on_leave', message: `${name} is on leave today.` } };
  }

  const candidates: FreeSlot[] = [];
  for (const b of blocks) {
    const zone = zoneOf(b.hospitalId);
    const end = localInstant(date, b.endMinute, zone);
    const step = b.slotMinutes * 60_000;
    for (let t = localInstant(date, b.startMinute, zone); t + step <= end; t += step) candidates.push({ start: t, end: t + step, hospitalId: b.hospitalId });
  }
  candidates.sort((a, b) => a.start - b.start);
  if (candidates.length === 0) return { slots: [], unavailable: { reason: 'not_working', message: `${name} has no slots on ${weekdayName(date)}s.` } };

  // Absences and bookings as instant ranges, worked out once per zone, and only those that touch this day.
  const dayStart = candidates[0]?.start ?? 0;
  const dayEnd = candidates.reduce((m, c) => Math.max(m, c.end), 0);
  const awayByZone = new Map<string, { block: AwayBlock; range: Busy }[]>();
  const awayIn = (zone: string) => {
    let list = awayByZone.get(zone);
    if (!list) {
      list = day.away.map((block) => ({ block, range: awayRange(block, zone) })).filter((a) => a.range.start < dayEnd && dayStart < a.range.end);
      awayByZone.set(zone, list);
    }
    return list;
  };
  let awayHit: AwayBlock | null = null;
  const present = day.away.length === 0 ? candidates : candidates.filter((s) => {
    const hit = awayIn(zoneOf(s.hospitalId)).find((a) => overlaps(s, a.range));
    if (hit) awayHit ??= hit.block;
    return !hit;
  });
  if (present.length === 0) {
    const a = awayHit as AwayBlock | null;
    const what = a ? EXCEPTION_LABELS[a.kind].toLowerCase() : 'away';
    const span = a ? (a.startDate === a.endDate ? ` on ${readableDate(a.startDate)}` : ` from ${readableDate(a.startDate)} to ${readableDate(a.endDate)}`) : '';
    const away = a?.kind === 'conference' || a?.kind === 'training';
    return { slots: [], unavailable: { reason: 'on_leave', message: away ? `${name} is away (${what})${span}.` : `${name} is on ${what}${span}.` } };
  }
  const busy = day.busy.filter((b) => b.start < dayEnd && dayStart < b.end);
  const free = busy.length === 0 ? present : present.filter((s) => !busy.some((b) => overlaps(s, b)));
  if (free.length === 0) return { slots: [], unavailable: { reason: 'fully_booked', message: `${name} is fully booked on ${readableDate(date)}.` } };
  const ahead = free.filter((s) => s.start > now);
  if (ahead.length === 0) return { slots: [], unavailable: { reason: 'past', message: `The last free slot of ${name} on ${readableDate(date)} has passed.` } };
  return { slots: ahead, unavailable: null };
}
