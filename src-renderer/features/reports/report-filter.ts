// What a report screen asks for: the filter as the screen holds it (and as a link may set it), the report channel's
// input made from it, and who may open which report. Pure: no client, no DOM.
import type { TrendFilter } from '@shared/contract/reports';
import { periodProblem, REPORT_CHANNELS, REPORTS, type Granularity, type ReportChannel, type ReportMeta } from '@shared/domain/reports';
import { isPresetKey, presetPeriod, type Period } from '@shared/domain/report-periods';

export interface ReportFilterState extends Period {
  /** Empty: every hospital in the caller's scope. */
  hospitalIds: number[];
  departmentId: number | null;
  /** Null: the report picks (days up to a month, weeks up to half a year, months beyond). */
  granularity: Granularity | null;
}

/** The filter the last report screen used: opening another report keeps the period and hospitals. */
let remembered: ReportFilterState | null = null;

/** What a link may ask for (#/reports/revenue?period=last-month&hospitals=1,3): a preset or a period, and hospitals. */
export interface ReportLink {
  from?: string;
  to?: string;
  period?: string;
  hospitalIds?: number[];
}

/** The filter a report opens with: the link's, over the last one used, over this month at every hospital in scope. */
export function initialFilter(today: string, link: ReportLink = {}): ReportFilterState {
  const base = remembered ?? { ...presetPeriod('this-month', today), hospitalIds: [], departmentId: null, granularity: null };
  const period = isPresetKey(link.period) ? presetPeriod(link.period, today) : link.from && link.to ? { from: link.from, to: link.to } : null;
  const hospitals = link.hospitalIds ?? null;
  if (!period && !hospitals) return base;
  return { ...base, ...(period ?? {}), ...(hospitals ? { hospitalIds: hospitals, departmentId: null } : {}) };
}

export function rememberFilter(f: ReportFilterState): void {
  remembered = f;
}

/** What is wrong with the period as typed, or null when it can be asked. */
export function filterProblem(f: ReportFilterState): string | null {
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  if (!iso.test(f.from)) return 'Type the first day of the period.';
  if (!iso.test(f.to)) return 'Type the last day of the period.';
  return periodProblem(f.from, f.to)?.message ?? null;
}

/** The report channel's input: only what applies to this report. */
export function reportInput(meta: ReportMeta, f: ReportFilterState): TrendFilter {
  return {
    from: f.from,
    to: f.to,
    ...(f.hospitalIds.length > 0 ? { hospitalIds: f.hospitalIds } : {}),
    ...(meta.filters.department && f.departmentId !== null ? { departmentId: f.departmentId } : {}),
    ...(meta.filters.granularity && f.granularity !== null ? { granularity: f.granularity } : {}),
  };
}

/** The reports the user may open (may call their channels at the desk's hospital), in the order of the list. */
export function reportsFor(can: (channel: ReportChannel) => boolean): ReportMeta[] {
  return REPORT_CHANNELS.filter((c) => can(c)).map((c) => REPORTS[c]);
}

/** Whether any report is open to the user (the navigation entry). */
export const readsReports = (can: (channel: ReportChannel) => boolean) => reportsFor(can).length > 0;
