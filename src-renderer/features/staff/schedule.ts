// A doctor's weekly hours as the desk reads them (one block per hospital and validity), and the rows of the hours editor.
import type { WorkingHours } from '@shared/contract/staff';
import { clockMinutes } from '@shared/domain/scheduling';

/** The hours of one hospital over one range of dates. */
export interface HoursPeriod {
  hospitalId: number;
  validFrom: string;
  validTo: string | null;
  /** Index 1–7 (Monday–Sunday): that day's blocks in start order. */
  byWeekday: WorkingHours[][];
  when: 'current' | 'upcoming' | 'ended';
}

export function hoursPeriods(hours: WorkingHours[], today: string): HoursPeriod[] {
  const periods = new Map<string, HoursPeriod>();
  for (const h of hours) {
    const key = `${h.hospitalId}|${h.validFrom}|${h.validTo ?? ''}`;
    let p = periods.get(key);
    if (!p) {
      const when = h.validFrom > today ? 'upcoming' : h.validTo !== null && h.validTo < today ? 'ended' : 'current';
      p = { hospitalId: h.hospitalId, validFrom: h.validFrom, validTo: h.validTo, byWeekday: Array.from({ length: 8 }, () => []), when };
      periods.set(key, p);
    }
    p.byWeekday[h.weekday].push(h);
  }
  const rank = { current: 0, upcoming: 1, ended: 2 } as const;
  const list = [...periods.values()];
  for (const p of list) for (const day of p.byWeekday) day.sort((a, b) => clockMinutes(a.start)! - clockMinutes(b.start)!);
  return list.sort((a, b) => rank[a.when] - rank[b.when] || a.hospitalId - b.hospitalId || a.validFrom.localeCompare(b.validFrom));
}

export interface HoursRow {
  /** Stable React key while rows are added and removed. */
  key: number;
  weekday: string;
  start: string;
  end: string;
  slotMinutes: number | '';
}

let nextKey = 1;
export const hoursRow = (weekday: number, start: string, end: string, slotMinutes: number | ''): HoursRow => ({ key: nextKey++, weekday: String(weekday), start, end, slotMinutes });

/** Monday to Friday, 09:00–17:00, in the doctor's default slot. */
export const officeWeek = (slotMinutes: number): HoursRow[] => [1, 2, 3, 4, 5].map((d) => hoursRow(d, '09:00', '17:00', slotMinutes));

/** The rows of a period already set, to change them. */
export const rowsOfPeriod = (p: HoursPeriod): HoursRow[] => p.byWeekday.flat().map((h) => hoursRow(h.weekday, h.start, h.end, h.slotMinutes));
