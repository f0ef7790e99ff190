// The report screens' pure parts: the period presets on a desk's today, the preset a range is, trend bucket labels,
// the filter a link opens with, and the report channel's input made from the screen's filter.
import { describe, expect, it } from 'vitest';
import { REPORTS } from '@shared/domain/reports';
import { bucketLabel, daysIn, periodLabel, presetOf, presetPeriod } from '../../src-renderer/features/reports/periods';
import { filterProblem, initialFilter, reportInput, type ReportFilterState } from '../../src-renderer/features/reports/report-filter';

describe('period presets', () => {
  it.each([
    ['today', '2026-03-14', '2026-03-14', '2026-03-14'],
    ['this-month', '2026-03-14', '2026-03-01', '2026-03-14'],
    ['last-month', '2026-03-14', '2026-02-01', '2026-02-28'],
    ['last-month', '2024-03-31', '2024-02-01', '2024-02-29'],
    ['last-month', '2026-01-05', '2025-12-01', '2025-12-31'],
    ['last-90', '2026-03-14', '2025-12-15', '2026-03-14'],
    ['this-year', '2026-03-14', '2026-01-01', '2026-03-14'],
    ['last-year', '2026-03-14', '2025-01-01', '2025-12-31'],
  ] as const)('%s on %s is %s – %s', (key, today, from, to) => {
    expect(presetPeriod(key, today)).toEqual({ from, to });
    expect(presetOf({ from, to }, today)).toBe(key === 'this-month' && today.endsWith('-01') ? 'today' : key);
  });

  it('names no preset for a range typed by hand, and counts its days', () => {
    expect(presetOf({ from: '2026-03-02', to: '2026-03-09' }, '2026-03-14')).toBeNull();
    expect(daysIn({ from: '2026-03-02', to: '2026-03-09' })).toBe(8);
    expect(daysIn(presetPeriod('last-90', '2026-03-14'))).toBe(90);
  });

  it('reads ranges and trend buckets the way the axis shows them', () => {
    expect(periodLabel({ from: '2026-03-01', to: '2026-03-31' })).toBe('1 Mar – 31 Mar 2026');
    expect(periodLabel({ from: '2025-12-01', to: '2026-01-31' })).toBe('1 Dec 2025 – 31 Jan 2026');
    expect(bucketLabel('2026-03-09', 'day')).toBe('9 Mar');
    expect(bucketLabel('2026-03-09', 'week')).toBe('w/c 9 Mar');
    expect(bucketLabel('2026-03-01', 'month')).toBe('Mar 2026');
  });
});

describe('the filter of a report screen', () => {
  const base: ReportFilterState = { from: '2026-03-01', to: '2026-03-14', hospitalIds: [], departmentId: 7, granularity: 'week' };

  it('asks only what applies to the report: no department for revenue, no granularity outside the trends', () => {
    expect(reportInput(REPORTS['reports.revenue'], base)).toEqual({ from: '2026-03-01', to: '2026-03-14' });
    expect(reportInput(REPORTS['reports.appointmentsByDepartment'], { ...base, hospitalIds: [3] })).toEqual({ from: '2026-03-01', to: '2026-03-14', hospitalIds: [3], departmentId: 7 });
    expect(reportInput(REPORTS['reports.schedulingTrends'], base)).toEqual({ from: '2026-03-01', to: '2026-03-14', departmentId: 7, granularity: 'week' });
    expect(reportInput(REPORTS['reports.occupancy'], { ...base, granularity: null })).toEqual({ from: '2026-03-01', to: '2026-03-14' });
  });

  it('holds back a period that is half typed, backwards, or longer than three years', () => {
    expect(filterProblem(base)).toBeNull();
    expect(filterProblem({ ...base, from: '01/03/20' })).toMatch(/first day/);
    expect(filterProblem({ ...base, from: '2026-03-15' })).toMatch(/on or after/);
    expect(filterProblem({ ...base, from: '2023-03-14' })).toMatch(/at most 3 years/);
  });

  it('opens a link with its preset or period and hospitals, else this month everywhere', () => {
    expect(initialFilter('2026-03-14')).toMatchObject({ from: '2026-03-01', to: '2026-03-14', hospitalIds: [] });
    expect(initialFilter('2026-03-14', { period: 'last-month', hospitalIds: [2, 5] })).toMatchObject({ from: '2026-02-01', to: '2026-02-28', hospitalIds: [2, 5] });
    expect(initialFilter('2026-03-14', { from: '2026-01-10', to: '2026-01-20' })).toMatchObject({ from: '2026-01-10', to: '2026-01-20' });
    expect(initialFilter('2026-03-14', { period: 'next-decade' })).toMatchObject({ from: '2026-03-01', to: '2026-03-14' });
  });
});
