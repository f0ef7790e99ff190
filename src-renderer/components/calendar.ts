// Calendar days on screen: stepping through dates, naming them, and where a hospital's day begins.
import { DateTime } from 'luxon';
import { localDate, weekStartOf } from '@shared/domain/dates';
import { readableDate } from '@shared/domain/format';

export { addDays } from '@shared/domain/dates';

/** "Mon 14 Mar 2026" */
export function dayLabel(date: string): string {
  return isIsoDate(date) ? readableDate(date, { weekday: true }) : date;
}

/** The Monday of the week a date is in. */
export function weekStart(date: string): string {
  return isIsoDate(date) ? weekStartOf(date) : date;
}

/** The instant a hospital's calendar day begins, as an ISO UTC string. */
export function dayStartsAt(date: string, timeZone: string): string {
  return DateTime.fromISO(date, { zone: timeZone }).startOf('day').toUTC().toISO() ?? `${date}T00:00:00.000Z`;
}

/** The hospital's calendar date of an instant. */
export function dateAt(instant: string, timeZone: string): string {
  return localDate(new Date(instant), timeZone);
}

export const isIsoDate = (s: string | null | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid;
