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
