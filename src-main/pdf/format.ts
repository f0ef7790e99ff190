// Dates and times as printed documents show them: unambiguous ("14 Mar 2026"), in the hospital's time zone, with
// English month names fixed in readableDate rather than taken from ICU (whose short forms vary: "Sep"/"Sept").
import { DateTime } from 'luxon';
import { readableDate } from '@shared/domain/dates';

function day(dt: DateTime): string {
  return readableDate(dt.toISODate()!);
}

/** A calendar date 'YYYY-MM-DD' as "14 Mar 2026". */
export function printDate(isoDate: string): string {
  const dt = DateTime.fromISO(isoDate, { zone: 'UTC' });
  if (!dt.isValid) throw new Error(`Not a date: ${isoDate}`);
  return day(dt);
}

/** An instant as the local day in a time zone: "14 Mar 2026". */
export function printLocalDay(instant: string | Date, timeZone: string): string {
  return day(toZone(instant, timeZone));
}

/** An instant as local date and time in a time zone: "14 Mar 2026 09:30". */
export function printLocalDateTime(instant: string | Date, timeZone: string): string {
  const dt = toZone(instant, timeZone);
  return `${day(dt)} ${dt.toFormat('HH:mm')}`;
}

/** The print time for a footer: "14 Mar 2026 09:30 (UTC+03:00)"; the offset says which clock without relying on zone abbreviations. */
export function printStamp(instant: string | Date, timeZone: string): string {
  const dt = toZone(instant, timeZone);
  return `${day(dt)} ${dt.toFormat('HH:mm')} (UTC${dt.toFormat('ZZ')})`;
}

function toZone(instant: string | Date, timeZone: string): DateTime {
  const dt = (typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'UTC' }) : DateTime.fromJSDate(instant)).setZone(timeZone);
  if (!dt.isValid) throw new Error(`Cannot show ${String(instant)} in ${timeZone}: ${dt.invalidExplanation ?? dt.invalidReason}`);
  return dt;
}
