// The pure parts of the reports: the period rules, buckets of a trend, age bands, ageing buckets, lead-time bands,
// histogram statistics, the tables a report makes and how their cells read, the read-only guard of the report reader,
// and the UTC offsets written into report SQL in place of MariaDB's (unloaded) time zone tables.
import { describe, expect, it } from 'vitest';
import type { DepartmentPerformance, Occupancy, Revenue, SchedulingTrends } from '@shared/contract/reports';
import { ReportFilter, TrendFilter } from '@shared/contract/reports';
import {
  addYears,
  ageBandOf,
  ageingBucketOf,
  autoGranularity,
  bucketOf,
  cellPlain,
  cellText,
  daysBetween,
  histogramStats,
  leadBandOf,
  periodBuckets,
  periodProblem,
  ratio,
  REPORT_CHANNELS,
  REPORTS,
  reportTables,
} from '@shared/domain/reports';
import { assertReadOnlySql } from '../../src-main/features/reports/report-reader';
import { offsetTimeline, sql, raw } from '../../src-main/features/reports/report-scope';
import { niceCeiling } from '../../src-main/pdf/report.pdf';

const head = { from: '2027-01-01', to: '2027-01-31', departmentId: null, hospitals: [{ id: 1, name: 'Kampala General', currency: 'UGX', timeZone: 'Africa/Kampala' }], generatedAt: '2027-02-01T00:00:00.000Z' };

describe('the period', () => {
  it('counts days inclusively and adds years, 29 February becoming 28 February', () => {
    expect(daysBetween('2027-01-25', '2027-02-07')).toBe(14);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(3);
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addYears('2025-06-30', 1)).toBe('2026-06-30');
  });

  it('refuses an end before the start and more than three years', () => {
    expect(periodProblem('2027-01-02', '2027-01-01')).toEqual({ field: 'to', message: 'The period must end on or after its first day.' });
    expect(periodProblem('2027-01-01', '2027-01-01')).toBeNull();
    expect(periodProblem('2024-01-01', '2026-12-31')).toBeNull();
    expect(periodProblem('2024-01-01', '2027-01-01')?.message).toMatch(/at most 3 years/);
    expect(periodProblem('2024-02-29', '2027-02-27')).toBeNull();
    expect(periodProblem('2024-02-29', '2027-02-28')?.field).toBe('to');
  });

  it('checks the filter through the contract schema: real dates, strict fields, granularity', () => {
    expect(ReportFilter.safeParse({ from: '2027-02-29', to: '2027-03-01' }).success).toBe(false);
    expect(ReportFilter.safeParse({ from: '2027-01-01', to: '2027-01-31', extra: 1 }).success).toBe(false);
    expect(ReportFilter.safeParse({ from: '2027-01-01', to: '2027-01-31', hospitalIds: [] }).success).toBe(true);
    expect(TrendFilter.safeParse({ from: '2027-01-01', to: '2027-01-31', granularity: 'week' }).success).toBe(true);
    expect(TrendFilter.safeParse({ from: '2027-01-01', to: '2027-01-31', granularity: 'year' }).success).toBe(false);
    const bad = ReportFilter.safeParse({ from: '2027-01-31', to: '2027-01-01' });
    expect(bad.success ? null : bad.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['to', 'The period must end on or after its first day.']]);
  });

  it('chooses days up to a month, weeks up to half a year, months beyond', () => {
    expect(autoGranularity('2027-01-01', '2027-01-31')).toBe('day');
    expect(autoGranularity('2027-01-01', '2027-02-01')).toBe('week');
    expect(autoGranularity('2027-01-01', '2027-07-02')).toBe('week');
    expect(autoGranularity('2027-01-01', '2027-07-03')).toBe('month');
  });

  it('cuts buckets from Monday and the first of the month, clipped to the period, with their days', () => {
    // 2027-01-27 is a Wednesday.
    expect(periodBuckets('2027-01-27', '2027-02-10', 'week')).toEqual([
      { period: '2027-01-27', days: 5 },
      { period: '2027-02-01', days: 7 },
      { period: '2027-02-08', days: 3 },
    ]);
    expect(periodBuckets('2027-01-15', '2027-03-03', 'month')).toEqual([
      { period: '2027-01-15', days: 17 },
      { period: '2027-02-01', days: 28 },
      { period: '2027-03-01', days: 3 },
    ]);
    expect(periodBuckets('2027-12-30', '2028-01-01', 'day').map((b) => b.period)).toEqual(['2027-12-30', '2027-12-31', '2028-01-01']);
    expect(periodBuckets('2027-12-15', '2028-01-10', 'month').map((b) => b.period)).toEqual(['2027-12-15', '2028-01-01']);
    expect(bucketOf('2027-01-29', '2027-01-27', 'week')).toBe('2027-01-27');
    expect(bucketOf('2027-02-03', '2027-01-27', 'week')).toBe('2027-02-01');
    expect(bucketOf('2027-02-03', '2027-01-27', 'month')).toBe('2027-02-01');
  });
});

describe('bands', () => {
  it('puts ages into bands with the lower bound included', () => {
    expect([0, 4, 5, 14, 15, 44, 45, 74, 75, 103].map((a) => ageBandOf(a).key)).toEqual(['0_4', '0_4', '5_14', '5_14', '15_24', '35_44', '45_54', '65_74', '75_plus', '75_plus']);
  });

  it('ages receivables 0–30, 31–60, 61–90 and over 90 days', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 400].map((d) => ageingBucketOf(d).key)).toEqual(['0_30', '0_30', '31_60', '31_60', '61_90', '61_90', '90_plus', '90_plus']);
  });

  it('bands lead times, a negative one counting as the same day', () => {
    expect([-1, 0, 1, 2, 3, 7, 8, 14, 15, 30, 31].map((d) => leadBandOf(d).key)).toEqual(['same_day', 'same_day', '1_2', '1_2', '3_7', '3_7', '8_14', '8_14', '15_30', '15_30', '31_plus']);
  });

  it('takes mean and median of a histogram', () => {
    expect(histogramStats(new Map())).toEqual({ mean: null, median: null });
    // 0, 0, 1, 3, 7, 8: mean 19/6 = 3.17, median (1 + 3)/2
    expect(histogramStats(new Map([[0, 2], [1, 1], [3, 1], [7, 1], [8, 1]]))).toEqual({ mean: 3.2, median: 2 });
    expect(histogramStats(new Map([[5, 3], [1, 1]]))).toEqual({ mean: 4, median: 5 });
    expect(ratio(1, 3)).toBe(0.3333);
    expect(ratio(1, 0)).toBeNull();
  });
});

describe('report tables', () => {
  const performance: DepartmentPerformance = {
    ...head,
    rows: [
      { hospitalId: 2, hospitalName: 'Boston Harbor', departmentId: 3, departmentName: 'Cardiology', booked: 2, completed: 1, cancelled: 0, noShow: 1, noShowRate: 0.5, averageWaitMinutes: 15, waitedVisits: 1, currency: 'USD', consultationRevenue: 50_000 },
      { hospitalId: 1, hospitalName: 'Kampala General', departmentId: 1, departmentName: 'Outpatients', booked: 4, completed: 2, cancelled: 1, noShow: 1, noShowRate: 0.3333, averageWaitMinutes: null, waitedVisits: 0, currency: 'UGX', consultationRevenue: 100_000 },
    ],
    revenueByCurrency: [
      { currency: 'UGX', amount: 100_000 },
      { currency: 'USD', amount: 50_000 },
    ],
  };

  it('describes every report with tables whose columns the rows carry, and a chart over one of them', () => {
    for (const channel of REPORT_CHANNELS) {
      const meta = REPORTS[channel];
      expect(meta.channel).toBe(channel);
      expect(meta.slug).toMatch(/^[a-z-]+$/);
    }
    const tables = reportTables('reports.departmentPerformance', performance);
    expect(tables.map((t) => t.key)).toEqual(['departments', 'revenue']);
    for (const t of tables) for (const r of t.rows) for (const c of t.columns) expect(Object.hasOwn(r, c.key), `${t.key}.${c.key}`).toBe(true);
    const chart = REPORTS['reports.departmentPerformance'].chart!;
    const table = tables.find((t) => t.key === chart.table)!;
    for (const k of [chart.label, ...chart.values]) expect(table.columns.some((c) => c.key === k)).toBe(true);
    // Two currencies: money cells take the row's.
    expect(table.currency).toBeUndefined();
  });

  it('reads cells as people read them, and plainly for files', () => {
    const [t] = reportTables('reports.departmentPerformance', performance);
    const col = (k: string) => t.columns.find((c) => c.key === k)!;
    const [bos, kla] = t.rows;
    expect(cellText(t, col('consultationRevenue'), bos)).toBe('$500.00');
    expect(cellText(t, col('consultationRevenue'), kla).replace(/\u00a0/g, ' ')).toMatch(/^(USh|UGX) 100,000$/);
    expect(cellText(t, col('noShowRate'), kla)).toBe('33.3%');
    expect(cellText(t, col('averageWaitMinutes'), kla)).toBe('–');
    expect(cellPlain(t, col('consultationRevenue'), bos)).toBe('500.00');
    expect(cellPlain(t, col('consultationRevenue'), kla)).toBe('100000');
    expect(cellPlain(t, col('noShowRate'), kla)).toBe('33.33');
    expect(cellPlain(t, col('averageWaitMinutes'), kla)).toBe('');
  });

  it('lays the heat map out as weekdays × 24 hours and ends the ward table with the whole selection', () => {
    const trends: SchedulingTrends = {
      ...head,
      granularity: 'day',
      series: [],
      heatmap: Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24) + 1, hour: i % 24, appointments: i === 24 * 4 + 23 ? 7 : 0 })),
      leadTime: [],
      averageLeadDays: null,
      medianLeadDays: null,
    };
    const heat = reportTables('reports.schedulingTrends', trends).find((t) => t.key === 'heatmap')!;
    expect(heat.columns).toHaveLength(25);
    expect(heat.rows).toHaveLength(7);
    expect(heat.rows[4]).toMatchObject({ weekday: 'Friday', h23: 7, h00: 0 });
    const total = { beds: 4, patientDays: 14, occupancy: 0.25, admissions: 4, discharges: 3, averageLengthOfStay: 2, bedTurnover: 0.75 };
    const occupancy: Occupancy = { ...head, granularity: 'day', series: [], wards: [], total };
    const wards = reportTables('reports.occupancy', occupancy).find((t) => t.key === 'wards')!;
    expect(wards.rows).toEqual([{ hospitalName: 'All', wardName: 'All wards', roomType: '', ...total }]);
  });

  it('gives a revenue table one currency when all its rows share it', () => {
    const revenue: Revenue = {
      ...head,
      invoiced: [{ currency: 'UGX', invoices: 1, invoiced: 5, insuranceShare: 0, patientShare: 5, voided: 0 }],
      collected: [],
      outstanding: [],
    };
    const [invoiced, collected] = reportTables('reports.revenue', revenue);
    expect(invoiced.currency).toBe('UGX');
    expect(collected.currency).toBeUndefined();
  });
});

describe('the report reader', () => {
  it('lets plain reads through and nothing else', () => {
    expect(() => assertReadOnlySql('SELECT 1')).not.toThrow();
    expect(() => assertReadOnlySql('  /* x */ WITH a AS (SELECT 1) SELECT * FROM a')).not.toThrow();
    for (const bad of ['UPDATE appointments SET status = 1', 'SELECT 1; DELETE FROM patients', 'SELECT * FROM invoices FOR UPDATE', 'SELECT 1 INTO OUTFILE "/tmp/x"', 'DELETE FROM x', 'CALL p()']) {
      expect(() => assertReadOnlySql(bad), bad).toThrow(/not a plain read/);
    }
  });

  it('keeps each value beside its placeholder', () => {
    const inner = sql`a.hospital_id IN (${[1, 2]}) AND a.local_date BETWEEN ${'2027-01-01'} AND ${'2027-01-31'}`;
    const q = sql`SELECT ${raw('COUNT(*)')} FROM appointments a WHERE ${inner} AND a.status <> ${'cancelled'}`;
    expect(q).toEqual({ sql: 'SELECT COUNT(*) FROM appointments a WHERE a.hospital_id IN (?,?) AND a.local_date BETWEEN ? AND ? AND a.status <> ?', args: [1, 2, '2027-01-01', '2027-01-31', 'cancelled'] });
    expect(sql`x IN (${[]})`).toEqual({ sql: 'x IN (NULL)', args: [] });
  });
});

describe('UTC offsets of a zone over a span', () => {
  it('finds both daylight-saving changes of a New York year to the minute', () => {
    const t = offsetTimeline('America/New_York', Date.parse('2027-01-01T00:00:00Z'), Date.parse('2028-01-01T00:00:00Z'));
    expect(t.first).toBe(-300);
    expect(t.changes.map((c) => [new Date(c.at).toISOString(), c.offset])).toEqual([
      // 14 Mar 2027 02:00 EST and 7 Nov 2027 02:00 EDT
      ['2027-03-14T07:00:00.000Z', -240],
      ['2027-11-07T06:00:00.000Z', -300],
    ]);
  });

  it('has no changes where the clock never moves', () => {
    expect(offsetTimeline('Africa/Kampala', Date.parse('2027-01-01T00:00:00Z'), Date.parse('2030-01-01T00:00:00Z'))).toEqual({ first: 180, changes: [] });
    expect(offsetTimeline('Asia/Kolkata', Date.parse('2027-01-01T00:00:00Z'), Date.parse('2027-06-01T00:00:00Z'))).toEqual({ first: 330, changes: [] });
  });
});

describe('the chart axis', () => {
  it('rounds the top up to four even steps', () => {
    expect([1, 3, 4, 5, 9, 13, 100, 137].map(niceCeiling)).toEqual([4, 4, 4, 8, 10, 20, 100, 200]);
  });
});
