// The reports over appointments: by department and doctor, department performance, scheduling trends (demographics:
// demographics.report.ts).
// Days are the hospital's local days as stored with each appointment (`local_date`); hours and booking days come from
// the stored instants through the hospital's UTC offsets (report-scope.ts). Counts by day, department, doctor and status
// and the heat map's starts read the summaries that triggers keep current with every write to appointments (migration
// 1765100000000), waits and consultation revenue the visit summary kept by triggers on appointments, encounters and
// charges (1765300000000); lead times read the appointments themselves.
import type {
  AppointmentsByDepartment,
  DepartmentPerformance,
  DepartmentPerformanceRow,
  HeatCell,
  SchedulingTrends,
  StatusCounts,
} from '@shared/contract/reports';
import {
  autoGranularity,
  bucketOf,
  histogramStats,
  isoWeekday,
  LEAD_TIME_BANDS,
  leadBandOf,
  periodBuckets,
  ratio,
  round,
  type Granularity,
} from '@shared/domain/reports';
import type { AppointmentStatus } from '@shared/domain/scheduling';
import type { CallContext } from '../../platform/context';
import { dayNumber, join, raw, reportScope, sql, type Fragment, type ReportFilterInput, type ReportScope } from './report-scope';

const NO_DEPARTMENT = 'No department';

/** The appointments of the report: its hospitals, its local days, its department. Alias `a`. */
function appointmentWhere(s: ReportScope): Fragment {
  const dep = s.departmentId !== null ? sql` AND a.department_id = ${s.departmentId}` : raw('');
  return sql`a.hospital_id IN (${s.ids}) AND a.local_date BETWEEN ${s.from} AND ${s.to}${dep}`;
}

/** The same rows of the day summary (report_appointment_days, department 0 = none). Alias `a`. */
function summaryWhere(s: ReportScope): Fragment {
  const dep = s.departmentId !== null ? sql` AND a.department_id = ${s.departmentId}` : raw('');
  return sql`a.hospital_id IN (${s.ids}) AND a.local_date BETWEEN ${s.from} AND ${s.to}${dep}`;
}

const emptyCounts = (): StatusCounts => ({ booked: 0, checkedIn: 0, completed: 0, cancelled: 0, noShow: 0, total: 0 });

const STATUS_FIELD: Record<AppointmentStatus, keyof StatusCounts> = { booked: 'booked', checked_in: 'checkedIn', completed: 'completed', cancelled: 'cancelled', no_show: 'noShow' };

function addStatus(c: StatusCounts, status: AppointmentStatus, n: number): void {
  c[STATUS_FIELD[status]] += n;
  c.total += n;
}

async function departmentNames(s: ReportScope, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows: { id: number; name: string }[] = await s.reader.query(`SELECT id, name FROM departments WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

const byName = <T extends { hospitalName: string }>(key: (r: T) => string) => (a: T, b: T) => a.hospitalName.localeCompare(b.hospitalName) || key(a).localeCompare(key(b));

// ---- 1. appointments by department and by doctor ----

export async function appointmentsByDepartment(ctx: CallContext, filter: ReportFilterInput): Promise<AppointmentsByDepartment> {
  const s = await reportScope(ctx, filter);
  const q = sql`SELECT a.hospital_id, NULLIF(a.department_id, 0) AS department_id, a.doctor_id, a.status, SUM(a.n) AS n FROM report_appointment_days a
    WHERE ${summaryWhere(s)} GROUP BY a.hospital_id, a.department_id, a.doctor_id, a.status HAVING SUM(a.n) > 0`;
  const counted: { hospital_id: number; department_id: number | null; doctor_id: number; status: AppointmentStatus; n: number | string }[] = await s.reader.query(q.sql, q.args);

  const deps = await departmentNames(s, [...new Set(counted.filter((r) => r.department_id !== null).map((r) => Number(r.department_id)))]);
  const doctorIds = [...new Set(counted.map((r) => Number(r.doctor_id)))];
  const doctors = new Map<number, string>();
  if (doctorIds.length) {
    const rows: { id: number; first_name: string; last_name: string }[] = await s.reader.query(`SELECT id, first_name, last_name FROM staff WHERE id IN (${doctorIds.map(() => '?').join(',')})`, doctorIds);
    for (const r of rows) doctors.set(Number(r.id), `${r.first_name} ${r.last_name}`);
  }

  const byDep = new Map<string, AppointmentsByDepartment['rows'][number]>();
  const byDoc = new Map<string, AppointmentsByDepartment['doctors'][number]>();
  for (const r of counted) {
    const h = s.hospital(Number(r.hospital_id));
    const depId = r.department_id === null ? null : Number(r.department_id);
    const depName = depId === null ? NO_DEPARTMENT : (deps.get(depId) ?? `Department ${depId}`);
    const dk = `${h.id}|${depId}`;
    let d = byDep.get(dk);
    if (!d) byDep.set(dk, (d = { hospitalId: h.id, hospitalName: h.name, departmentId: depId, departmentName: depName, ...emptyCounts() }));
    addStatus(d, r.status, Number(r.n));
    const ok = `${h.id}|${r.doctor_id}|${depId}`;
    let o = byDoc.get(ok);
    if (!o) byDoc.set(ok, (o = { hospitalId: h.id, hospitalName: h.name, doctorId: Number(r.doctor_id), doctorName: doctors.get(Number(r.doctor_id)) ?? `Doctor ${r.doctor_id}`, departmentName: depName, ...emptyCounts() }));
    addStatus(o, r.status, Number(r.n));
  }
  return {
    ...s.head,
    rows: [...byDep.values()].sort(byName((r) => r.departmentName)),
    doctors: [...byDoc.values()].sort(byName((r) => `${r.doctorName}|${r.departmentName}`)),
  };
}

// ---- 2. department performance ----

export async function departmentPerformance(ctx: CallContext, filter: ReportFilterInput): Promise<DepartmentPerformance> {
  const s = await reportScope(ctx, filter);
  // Counts by status from the day summary; waits (check-in to the start of the consultation's encounter, visits that
  // have both in that order) and consultation revenue (the charge of a completed appointment, by currency) from the
  // visit summary (migration 1765300000000), whose '' currency rows hold the waits.
  const counts = sql`SELECT a.hospital_id, NULLIF(a.department_id, 0) AS department_id, a.status, SUM(a.n) AS n FROM report_appointment_days a
    WHERE ${summaryWhere(s)} GROUP BY a.hospital_id, a.department_id, a.status HAVING SUM(a.n) > 0`;
  const q = sql`SELECT a.hospital_id, NULLIF(a.department_id, 0) AS department_id, NULLIF(a.currency, '') AS currency, SUM(a.waited) AS waited,
      SUM(a.wait_seconds) AS seconds, SUM(a.amount) AS amount
    FROM report_visit_days a WHERE ${summaryWhere(s)} GROUP BY a.hospital_id, a.department_id, a.currency
    HAVING SUM(a.waited) <> 0 OR SUM(a.amount) <> 0`;
  const statusRows: { hospital_id: number; department_id: number | null; status: AppointmentStatus; n: number | string }[] = await s.reader.query(counts.sql, counts.args);
  const countRows: {
    hospital_id: number;
    department_id: number | null;
    currency: string | null;
    waited: number | string;
    seconds: number | string | null;
    amount: number | string | null;
  }[] = await s.reader.query(q.sql, q.args);

  const deps = await departmentNames(s, [...new Set([...statusRows, ...countRows].filter((r) => r.department_id !== null).map((r) => Number(r.department_id)))]);
  const totals = new Map<string, number>();
  const rows = new Map<string, DepartmentPerformanceRow & { checkedIn: number; waitSeconds: number }>();
  const rowOf = (hospitalId: number, departmentId: number | null) => {
    const key = `${hospitalId}|${departmentId}`;
    let r = rows.get(key);
    if (!r) {
      const h = s.hospital(hospitalId);
      r = {
        hospitalId,
        hospitalName: h.name,
        departmentId,
        departmentName: departmentId === null ? NO_DEPARTMENT : (deps.get(departmentId) ?? `Department ${departmentId}`),
        booked: 0,
        completed: 0,
        cancelled: 0,
        noShow: 0,
        noShowRate: null,
        averageWaitMinutes: null,
        waitedVisits: 0,
        currency: h.currency,
        consultationRevenue: 0,
        checkedIn: 0,
        waitSeconds: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  const depOf = (v: number | null) => (v === null ? null : Number(v));
  for (const c of statusRows) {
    const r = rowOf(Number(c.hospital_id), depOf(c.department_id));
    const n = Number(c.n);
    r.booked += n;
    if (c.status === 'completed') r.completed += n;
    if (c.status === 'cancelled') r.cancelled += n;
    if (c.status === 'no_show') r.noShow += n;
    if (c.status === 'checked_in') r.checkedIn += n;
  }
  for (const c of countRows) {
    const r = rowOf(Number(c.hospital_id), depOf(c.department_id));
    r.waitedVisits += Number(c.waited);
    r.waitSeconds += Number(c.seconds ?? 0);
    if (c.currency !== null && c.amount !== null) {
      // A hospital bills in its own currency; a charge in another (the hospital's currency changed) is summed apart.
      if (c.currency === r.currency) r.consultationRevenue += Number(c.amount);
      totals.set(c.currency, (totals.get(c.currency) ?? 0) + Number(c.amount));
    }
  }
  const out = [...rows.values()]
    .map(({ checkedIn, waitSeconds, ...r }) => ({
      ...r,
      noShowRate: ratio(r.noShow, r.completed + checkedIn + r.noShow),
      averageWaitMinutes: r.waitedVisits ? round(waitSeconds / r.waitedVisits / 60, 1) : null,
    }))
    .sort(byName((r) => r.departmentName));
  return {
    ...s.head,
    rows: out,
    revenueByCurrency: [...totals.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount })),
  };
}

// ---- 3. scheduling trends ----

/**
 * The local hour of a start known by its hospital's local day and the quarter of an hour of the UTC day it fell in: the
 * one instant with that UTC quarter whose local day is `day` (offsets change on whole quarters, so the quarter's
 * first instant has the start's offset). Whole numbers only: a chain's year has some 75,000 such rows.
 */
function localHourOf(s: ReportScope, hospitalId: number, dayN: number, quarter: number): number {
  const base = dayN * DAY_MS + quarter * 15 * 60_000;
  for (const k of [0, -1, 1]) {
    const at = base + k * DAY_MS;
    const local = at + s.offsetAt(hospitalId, at) * 60_000;
    if (Math.floor(local / DAY_MS) === dayN) return Math.floor((local - dayN * DAY_MS) / 3_600_000);
  }
  const local = base + s.offsetAt(hospitalId, base) * 60_000;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
}

const DAY_MS = 86_400_000;

export async function schedulingTrends(ctx: CallContext, filter: ReportFilterInput & { granularity?: Granularity }): Promise<SchedulingTrends> {
  const s = await reportScope(ctx, filter);
  const granularity = filter.granularity ?? autoGranularity(s.from, s.to);
  const where = appointmentWhere(s);
  // The series from the day summary (by local day and status); the heat map from the starts of the appointments that
  // were not cancelled by local day and UTC quarter of an hour, turned into local hours here.
  const perDay = sql`SELECT a.local_date AS day, a.status, SUM(a.n) AS n
    FROM report_appointment_days a WHERE ${summaryWhere(s)} GROUP BY a.local_date, a.status HAVING SUM(a.n) > 0`;
  const starts = s.departmentId !== null
    ? sql`SELECT a.hospital_id, a.local_date AS day, (HOUR(a.starts_at) * 60 + MINUTE(a.starts_at)) DIV 15 AS quarter, COUNT(*) AS n
        FROM appointments a WHERE ${where} AND a.status <> 'cancelled' GROUP BY a.hospital_id, a.local_date, quarter`
    : sql`SELECT a.hospital_id, a.local_date AS day, a.utc_quarter AS quarter, a.n
        FROM report_appointment_quarters a WHERE ${summaryWhere(s)} AND a.n > 0`;
  // Lead times per time zone of the hospitals covered, each with its own offsets (a constant where the zone keeps one
  // over the period): one CASE over the hospitals and instants for every appointment cost a third of a chain's year.
  const dep = s.departmentId !== null ? sql` AND a.department_id = ${s.departmentId}` : raw('');
  const lead = join(
    s.zones().map(
      (z) => sql`SELECT DATEDIFF(a.local_date, ${z.localDaySql('a.created_at')}) AS days, COUNT(*) AS n
        FROM appointments a WHERE a.hospital_id IN (${z.ids}) AND a.local_date BETWEEN ${s.from} AND ${s.to}${dep} AND a.status <> 'cancelled' GROUP BY days`,
    ),
    ' UNION ALL ',
  );
  const dayRows: { day: string; status: AppointmentStatus; n: number | string }[] = await s.reader.query(perDay.sql, perDay.args);
  const startRows: { hospital_id: number; day: string; quarter: number | string; n: number | string }[] = await s.reader.query(starts.sql, starts.args);
  const leadRows: { days: number | string; n: number | string }[] = await s.reader.query(lead.sql, lead.args);

  const series = new Map(periodBuckets(s.from, s.to, granularity).map((b) => [b.period, { period: b.period, appointments: 0, completed: 0, cancelled: 0, noShow: 0 }]));
  const heatmap: HeatCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) for (let hour = 0; hour < 24; hour++) heatmap.push({ weekday, hour, appointments: 0 });
  for (const r of dayRows) {
    const day = String(r.day);
    const n = Number(r.n);
    const p = series.get(bucketOf(day, s.from, granularity));
    if (p) {
      if (r.status === 'cancelled') p.cancelled += n;
      else p.appointments += n;
      if (r.status === 'completed') p.completed += n;
      if (r.status === 'no_show') p.noShow += n;
    }
  }
  // Each local day's number and weekday worked out once (a day has up to 96 quarters at each hospital).
  const days = new Map<string, { n: number; weekday: number }>();
  for (const r of startRows) {
    const day = String(r.day);
    let d = days.get(day);
    if (!d) days.set(day, (d = { n: dayNumber(day), weekday: isoWeekday(day) }));
    const hour = localHourOf(s, Number(r.hospital_id), d.n, Number(r.quarter));
    const cell = heatmap[(d.weekday - 1) * 24 + hour];
    if (cell) cell.appointments += Number(r.n);
  }
  const bands = new Map<string, number>(LEAD_TIME_BANDS.map((b) => [b.key, 0]));
  const histogram = new Map<number, number>();
  for (const r of leadRows) {
    const days = Math.max(0, Number(r.days));
    const n = Number(r.n);
    const band = leadBandOf(days).key;
    bands.set(band, (bands.get(band) ?? 0) + n);
    histogram.set(days, (histogram.get(days) ?? 0) + n);
  }
  const stats = histogramStats(histogram);
  return {
    ...s.head,
    granularity,
    series: [...series.values()],
    heatmap,
    leadTime: LEAD_TIME_BANDS.map((b) => ({ key: b.key, label: b.label, appointments: bands.get(b.key) ?? 0 })),
    averageLeadDays: stats.mean,
    medianLeadDays: stats.median,
  };
}
