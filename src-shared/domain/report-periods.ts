// The date ranges a report offers in one click (today, this month, last month, this year, …) from a desk's local
// today, and how a range and a bucket of a trend read.
import { addDays } from './dates';
import { MONTH_NAMES, readableDate } from './format';

export interface Period {
  from: string;
  to: string;
}

export type PresetKey = 'today' | 'this-month' | 'last-month' | 'last-90' | 'this-year' | 'last-year';

export const PRESETS: readonly { key: PresetKey; label: string }[] = [
  { key: 'today', label: 'Today' },
  { key: 'this-month', label: 'This month' },
  { key: 'last-month', label: 'Last month' },
  { key: 'last-90', label: 'Last 90 days' },
  { key: 'this-year', label: 'This year' },
  { key: 'last-year', label: 'Last year' },
];

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const lastDayOfMonth = (d: string) => {
  const [y, m] = d.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
};

/** The range of a preset on `today` ('YYYY-MM-DD'): months and years are whole, up to today for the current ones. */
export function presetPeriod(key: PresetKey, today: string): Period {
  const year = today.slice(0, 4);
  switch (key) {
    case 'today':
      return { from: today, to: today };
    case 'this-month':
      return { from: monthStart(today), to: today };
    case 'last-month': {
      const end = addDays(monthStart(today), -1);
      return { from: monthStart(end), to: lastDayOfMonth(end) };
    }
    case 'last-90':
      return { from: addDays(today, -89), to: today };
    case 'this-year':
      return { from: `${year}-01-01`, to: today };
    case 'last-year':
      return { from: `${Number(year) - 1}-01-01`, to: `${Number(year) - 1}-12-31` };
  }
}

/** The preset a range is, if any (to light its button). */
export function presetOf(period: Period, today: string): PresetKey | null {
  return PRESETS.find((p) => {
    const r = presetPeriod(p.key, today);
    return r.from === period.from && r.to === period.to;
  })?.key ?? null;
}

/** "1 Mar – 31 Mar 2026", "1 Jan 2025 – 5 Dec 2026". */
export function periodLabel({ from, to }: Period): string {
  if (from === to) return readableDate(from);
  const sameYear = from.slice(0, 4) === to.slice(0, 4);
  const start = sameYear ? `${Number(from.slice(8, 10))} ${MONTH_NAMES[Number(from.slice(5, 7)) - 1]}` : readableDate(from);
  return `${start} – ${readableDate(to)}`;
}

/** Whole days from one date to another, both counted. */
export function daysIn({ from, to }: Period): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A trend's bucket as a short axis label: a day "14 Mar", a week "w/c 9 Mar", a month "Mar 2026". */
export function bucketLabel(bucket: string, granularity: 'day' | 'week' | 'month'): string {
  if (/^\d{4}-\d{2}$/.test(bucket)) return `${MONTH_NAMES[Number(bucket.slice(5, 7)) - 1]} ${bucket.slice(0, 4)}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(bucket)) return bucket;
  const short = `${Number(bucket.slice(8, 10))} ${MONTH_NAMES[Number(bucket.slice(5, 7)) - 1]}`;
  if (granularity === 'month') return `${MONTH_NAMES[Number(bucket.slice(5, 7)) - 1]} ${bucket.slice(0, 4)}`;
  return granularity === 'week' ? `w/c ${short}` : short;
}

export const isPresetKey = (key: string | undefined): key is PresetKey => PRESETS.some((p) => p.key === key);
