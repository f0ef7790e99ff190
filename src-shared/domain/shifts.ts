// Shift rules both sides share: leave kinds, default limits, and how a shift's clock times read.
import { clockText } from './scheduling';

export const LEAVE_KINDS = ['annual', 'sick', 'training', 'maternity', 'unpaid', 'other'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export const LEAVE_LABELS: Record<LeaveKind, string> = {
  annual: 'Annual leave',
  sick: 'Sick leave',
  training: 'Training',
  maternity: 'Maternity/paternity leave',
  unpaid: 'Unpaid leave',
  other: 'Leave',
};

/** Defaults of a hospital's working-time rules. */
export const DEFAULT_MIN_REST_MINUTES = 11 * 60;
export const DEFAULT_MAX_WEEK_MINUTES = 48 * 60;

/** Night hours for pay: 22:00–06:00 local. */
export const NIGHT_START_MINUTE = 22 * 60;
export const NIGHT_END_MINUTE = 6 * 60;

/** A shift ends on the next day when its end is not after its start (Night 23:00–07:00). */
export const crossesMidnight = (startMinute: number, endMinute: number) => endMinute <= startMinute;

/** "23:00–07:00 (+1)" */
export function shiftHoursText(startMinute: number, endMinute: number): string {
  return `${clockText(startMinute)}–${clockText(endMinute)}${crossesMidnight(startMinute, endMinute) ? ' (+1)' : ''}`;
}

/** Hours and minutes as people say them: "7 h", "8 h 30". */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

/** A doctor's weekly bookable block at a hospital: weekday 1–7 and local minutes, valid from–to (null: open). */
export interface BookableBlock {
  weekday: number;
  startMinute: number;
  endMinute: number;
  validFrom: string;
  validTo: string | null;
}

/**
 * The part of a shift starting on `date` that falls on that day, in local minutes: a night 23:00–07:00 is 23:00–24:00
 * of its first day (booking offers a day's hours day by day).
 */
export function shiftPartOfDay(startMinute: number, endMinute: number): { startMinute: number; endMinute: number } {
  return { startMinute, endMinute: crossesMidnight(startMinute, endMinute) ? 24 * 60 : endMinute };
}

/**
 * Whether booking can offer patients any of a doctor's shift: some weekly hours at the shift's hospital, valid on its
 * day and on its weekday, overlap the shift's part of that day. A shift on the rota with none is the mismatch both
 * screens show ("on the rota, yet booking says the doctor does not work that day").
 */
export function shiftBookable(blocks: readonly BookableBlock[], date: string, weekday: number, startMinute: number, endMinute: number): boolean {
  const part = shiftPartOfDay(startMinute, endMinute);
  return blocks.some((b) => b.weekday === weekday && b.validFrom <= date && (b.validTo === null || date <= b.validTo) && b.startMinute < part.endMinute && part.startMinute < b.endMinute);
}
