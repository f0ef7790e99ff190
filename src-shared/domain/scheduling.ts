// Scheduling rules both sides share: staff roles, weekdays, clock times, appointment statuses and their legal moves.
import { WEEKDAY_NAMES } from './format';

/** What a staff member does (wider than the app's sign-in roles: not every employee has an account). */
export const STAFF_ROLES = ['doctor', 'nurse', 'front_desk', 'billing', 'hr', 'manager', 'admin', 'technician', 'pharmacist', 'support'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  doctor: 'Doctor',
  nurse: 'Nurse',
  front_desk: 'Front desk',
  billing: 'Billing',
  hr: 'HR',
  manager: 'Manager',
  admin: 'Administrator',
  technician: 'Technician',
  pharmacist: 'Pharmacist',
  support: 'Support staff',
};

export const STAFF_STATUSES = ['active', 'on_leave', 'terminated'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Indexed by ISO weekday (index 0 unused). */
export const WEEKDAY_LABELS = ['', ...WEEKDAY_NAMES] as const;

/** 'HH:MM' (00:00–24:00) → minutes after midnight; null when it is not a clock time. */
export function clockMinutes(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export const clockText = (minutes: number): string => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Slot lengths a schedule may use, in minutes. */
export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;

export const EXCEPTION_KINDS = ['leave', 'sick', 'conference', 'training', 'other'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const EXCEPTION_LABELS: Record<ExceptionKind, string> = {
  leave: 'Leave',
  sick: 'Sick leave',
  conference: 'Conference',
  training: 'Training',
  other: 'Away',
};

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  checked_in: 'Checked in',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'No-show',
};

/** booked → checked_in → completed; booked → cancelled | no_show. Everything else is refused. */
const MOVES: Record<AppointmentStatus, readonly AppointmentStatus[]> = {
  booked: ['checked_in', 'cancelled', 'no_show'],
  checked_in: ['completed'],
  completed: [],
  cancelled: [],
  no_show: [],
};

export function canMove(from: AppointmentStatus, to: AppointmentStatus): boolean {
  return MOVES[from].includes(to);
}

/** Why a move is refused, in the desk's words ("A cancelled appointment cannot be checked in."). */
export function refusedMove(from: AppointmentStatus, to: AppointmentStatus): string {
  const verb: Record<AppointmentStatus, string> = {
    booked: 'booked',
    checked_in: 'checked in',
    completed: 'completed',
    cancelled: 'cancelled',
    no_show: 'marked as a no-show',
  };
  if (from === to) return `The appointment is already ${verb[to]}.`;
  if (from === 'booked') return 'The patient has not been checked in yet: check them in before completing the appointment.';
  if (from === 'checked_in') return `The patient is already checked in: the appointment cannot be ${verb[to]}.`;
  const state = from === 'no_show' ? 'no-show' : verb[from];
  return `A ${state} appointment cannot be ${verb[to]}.`;
}

/** Statuses that hold the doctor's and the patient's time. */
export const HOLDING_STATUSES: readonly AppointmentStatus[] = ['booked', 'checked_in', 'completed', 'no_show'];

/** The longest appointment a slot can make; bounds the overlap searches. */
export const MAX_APPOINTMENT_MINUTES = MAX_SLOT_MINUTES;

/**
 * A department's doctors for one day in "first free doctor" order: those with a free slot first, by their earliest one
 * (ISO instants, compared as plain text: a locale-aware compare puts punctuation and letters before digits), then those
 * without any (off, on leave, fully booked); each group by name.
 */
export function byFirstFree<T extends { doctorName: string; slots: readonly { start: string }[] }>(days: readonly T[]): T[] {
  const earliest = (d: T) => d.slots[0]?.start;
  return [...days].sort((a, b) => {
    const x = earliest(a);
    const y = earliest(b);
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return x < y ? -1 : 1;
    }
    return a.doctorName.localeCompare(b.doctorName);
  });
}
