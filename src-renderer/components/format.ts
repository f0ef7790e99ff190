// How dates, instants, names and phones read on screen and in CSV files: one place, so every list agrees; dates and
// names come from @shared/domain/format, the module messages and printed documents use too.
import { localDate } from '@shared/domain/dates';
import { clockTime, readableDate, readableDateTime } from '@shared/domain/format';
import { formatPhone } from '@shared/domain/phone';

/** A calendar date ('YYYY-MM-DD') as "14 Mar 1990": unambiguous at day-first and month-first desks alike. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? readableDate(iso) : '';
}

/** An instant in the hospital's time zone (or the workstation's), e.g. "14 Mar 2026, 09:05:12". */
export function formatDateTime(iso: string | null | undefined, timeZone?: string, withSeconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return readableDateTime(d, timeZone, { seconds: withSeconds, separator: ', ' });
}

/** The clock time of an instant in the hospital's time zone (or the workstation's), e.g. "09:05". */
export function formatTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return clockTime(d, timeZone);
}

/** Today's calendar date in a time zone, as 'YYYY-MM-DD'. */
export function todayIn(timeZone?: string): string {
  return localDate(new Date(), timeZone);
}

export function displayPhone(e164: string | null | undefined): string {
  return e164 ? formatPhone(e164) : '';
}

export { counted, personName } from '@shared/domain/format';

export const SEX_LABELS: Record<string, string> = { female: 'Female', male: 'Male', other: 'Other', unknown: 'Unknown' };

/** Date format hint for the desk's date order. */
export const datePattern = (order: 'DMY' | 'MDY') => (order === 'DMY' ? 'DD/MM/YYYY' : 'MM/DD/YYYY');

/** An ISO date shown the way the desk types it (14/03/1990 or 03/14/1990). */
export function typedDate(iso: string | null | undefined, order: 'DMY' | 'MDY'): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return iso ?? '';
  return order === 'DMY' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[3]}/${m[1]}`;
}

export { currencyDigits, formatMoney, moneyDecimal, parseMoney, type MoneyParse } from '@shared/domain/money';
