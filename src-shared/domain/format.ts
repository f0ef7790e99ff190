// How dates, times and people's names read in messages, on paper and on screen: one module with fixed English names,
// so every desk and every ICU build prints the same words ("Sep", never "Sept"; "Mon", never "Mon.").
import { isoWeekday } from './dates';

export const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
/** Index 0 is Monday (ISO weekday 1). */
export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** "Monday" for a calendar date ('YYYY-MM-DD'). */
export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[isoWeekday(date) - 1];
}

export interface ReadableDateOptions {
  /** Starts with the short weekday: "Wed 3 Mar 2027". */
  weekday?: boolean;
  /** Leaves the year out ("Tue 2 Mar"), where the week around it says which year. */
  year?: boolean;
}

/**
 * A calendar date ('YYYY-MM-DD') as "14 Mar 1990": unambiguous at day-first and month-first desks alike; on screen, in
 * messages and on paper. Text that is not a date comes back as it was.
 */
export function readableDate(iso: string, options: ReadableDateOptions = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const day = `${Number(m[3])} ${MONTH_NAMES[Number(m[2]) - 1]}${options.year === false ? '' : ` ${m[1]}`}`;
  return options.weekday ? `${weekdayName(iso).slice(0, 3)} ${day}` : day;
}

/** The wall clock of an instant in a time zone (the workstation's when none is given). */
export interface WallClock {
  date: string;
  hour: number;
  minute: number;
  second: number;
  /** Minutes ahead of UTC. */
  offsetMinutes: number;
}

const clockFormats = new Map<string | undefined, Intl.DateTimeFormat>();

/** Numeric parts only: their digits are the same in every ICU build, unlike month and weekday names. */
export function wallClock(instant: Date | string | number, timeZone?: string): WallClock {
  const at = instant instanceof Date ? instant : new Date(instant);
  let f = clockFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    clockFormats.set(timeZone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year, month, day, hour, minute, second } = parts;
  const offsetMinutes = Math.round((Date.UTC(year, month - 1, day, hour, minute, second) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  return { date: `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`, hour, minute, second, offsetMinutes };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The clock time of an instant: "09:05" (or "09:05:12"). */
export function clockTime(instant: Date | string | number, timeZone?: string, options: { seconds?: boolean } = {}): string {
  return clockOf(wallClock(instant, timeZone), options.seconds);
}

const clockOf = (c: WallClock, seconds = false) => `${pad(c.hour)}:${pad(c.minute)}${seconds ? `:${pad(c.second)}` : ''}`;

/** The local day of an instant, as readableDate words it: "Tue 24 Nov 2026" with `weekday`. */
export function readableDay(instant: Date | string | number, timeZone?: string, options: ReadableDateOptions = {}): string {
  return readableDate(wallClock(instant, timeZone).date, options);
}

export interface ReadableDateTimeOptions extends ReadableDateOptions {
  seconds?: boolean;
  /** Between the date and the time: a space on paper and in messages, ", " in screen lists. */
  separator?: string;
  /** Ends with the offset, "(UTC+03:00)": says which clock without relying on zone abbreviations. */
  offset?: boolean;
}

/** An instant as local date and time: "14 Mar 2026 09:30"; with `offset`, "14 Mar 2026 09:30 (UTC+03:00)". */
export function readableDateTime(instant: Date | string | number, timeZone?: string, options: ReadableDateTimeOptions = {}): string {
  const c = wallClock(instant, timeZone);
  const text = `${readableDate(c.date, options)}${options.separator ?? ' '}${clockOf(c, options.seconds)}`;
  return options.offset ? `${text} (UTC${utcOffset(c.offsetMinutes)})` : text;
}

/** "+03:00", "-05:00", "+05:30". */
export function utcOffset(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The offset as a short zone name after a clock time: "GMT+3", "GMT+5:30", "GMT". */
export function gmtOffset(instant: Date | string | number, timeZone?: string): string {
  const o = wallClock(instant, timeZone).offsetMinutes;
  if (o === 0) return 'GMT';
  const abs = Math.abs(o);
  return `GMT${o < 0 ? '-' : '+'}${Math.floor(abs / 60)}${abs % 60 ? `:${pad(abs % 60)}` : ''}`;
}

/** A person's full name, middle name included when there is one: "Nakato Grace Namubiru". */
export function fullName(first: string, middle: string | null | undefined, last: string): string {
  return [first, middle, last].filter(Boolean).join(' ');
}

export function personName(p: { firstName: string; middleName?: string | null; lastName: string }): string {
  return fullName(p.firstName, p.middleName, p.lastName);
}

/** How a doctor is named on every screen and paper: "Dr Jane Okello". */
export const doctorName = (first: string, last: string) => `Dr ${first} ${last}`;

/**
 * A text made of parts, cut to what its column holds (the last character an ellipsis when cut): the parts may each be
 * as long as their own fields allow, and together longer ("Dr " and two names of 100 in a column of 200).
 */
export const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** A count with its noun, singular for one: "1 charge", "3 charges", "1,200 entries" (the plural given when not +s). */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
