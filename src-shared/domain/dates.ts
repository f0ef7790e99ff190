// Calendar dates as 'YYYY-MM-DD' strings: parsing what people type, checking they exist, calendar arithmetic.
// How they read ("14 Mar 1990") is domain/format.ts.

/**
 * The calendar the app accepts anywhere a date comes in: a birth in 1900 to a booking in 2199. Beyond it calendar
 * arithmetic leaves the four-digit years the database and `YYYY-MM-DD` strings hold.
 */
export const EARLIEST_DATE = '1900-01-01';
export const LATEST_DATE = '2199-12-31';
export const DATE_RANGE_MESSAGE = 'Must be between 1900 and 2199.';

/** A real 'YYYY-MM-DD' date within EARLIEST_DATE … LATEST_DATE. */
export function isDateInRange(iso: string): boolean {
  return isRealDate(iso) && iso >= EARLIEST_DATE && iso <= LATEST_DATE;
}

/** A 'YYYY-MM' month within the range. */
export function isMonthInRange(month: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && month >= EARLIEST_DATE.slice(0, 7) && month <= LATEST_DATE.slice(0, 7);
}

/** An instant whose UTC calendar date is within the range (an offset may not carry it out). */
export function isInstantInRange(iso: string): boolean {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return false;
  return t >= Date.parse(`${EARLIEST_DATE}T00:00:00Z`) && t <= Date.parse(`${LATEST_DATE}T23:59:59.999Z`);
}

export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[mo - 1];
}

/** Reads a typed date in ISO or in the desk's own order (DMY or MDY with / . or -); null when it is not a real date. */
export function parseTypedDate(text: string, order: 'DMY' | 'MDY'): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return isRealDate(t) ? t : null;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return null;
  const [a, b, y] = [m[1].padStart(2, '0'), m[2].padStart(2, '0'), m[3]];
  const iso = order === 'DMY' ? `${y}-${b}-${a}` : `${y}-${a}-${b}`;
  return isRealDate(iso) ? iso : null;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a typed date is refused, in the desk's words: written the wrong way ("Type the date as DD/MM/YYYY …"), or written
 * right but not a day of the calendar ("31/02/2030": "No such date: February 2030 has 28 days."). Null when the text
 * is a real date or empty.
 */
export function typedDateProblem(text: string, order: 'DMY' | 'MDY'): string | null {
  const t = text.trim();
  if (t === '' || parseTypedDate(t, order)) return null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const parts = iso ? { y: iso[1], m: iso[2], d: iso[3] } : typed ? (order === 'DMY' ? { d: typed[1], m: typed[2], y: typed[3] } : { m: typed[1], d: typed[2], y: typed[3] }) : null;
  const shape = `Type the date as ${order === 'DMY' ? 'DD/MM/YYYY, e.g. 14/03/1990' : 'MM/DD/YYYY, e.g. 03/14/1990'}.`;
  if (!parts || Number(parts.y) < 1) return shape;
  const month = Number(parts.m);
  if (month < 1 || month > 12) return `No such date: there is no month ${month}.`;
  if (Number(parts.d) < 1) return 'No such date: days start at 1.';
  const y = Number(parts.y);
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return Number(parts.d) > days ? `No such date: ${MONTH_NAMES[month - 1]} ${y} has ${days} days.` : shape;
}

export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

const dayFormats = new Map<string | undefined, Intl.DateTimeFormat>();

/** The calendar date ('YYYY-MM-DD') of an instant in a time zone: "today" at a hospital. Formatters are cached per zone. */
export function localDate(instant: Date, timeZone?: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, f);
  }
  return f.format(instant);
}

/** 'YYYY-MM-DD' plus `days` calendar days (time zones play no part in calendar arithmetic). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday) of a calendar date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the ISO week a date falls in. */
export function weekStartOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}
