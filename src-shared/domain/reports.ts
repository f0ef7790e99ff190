// Reports both sides share: which reports there are and what they filter by, the period rules, age bands, receivable
// ageing buckets, lead-time bands, the buckets of a trend, and `reportTables` — the one description of the tables a
// report's output makes, used alike by the PDF, the CSV export and the screens.
import type {
  AppointmentsByDepartment,
  Demographics,
  DepartmentPerformance,
  Occupancy,
  ReportOutputs,
  Revenue,
  SchedulingTrends,
  StaffHours,
} from '../contract/reports';
import { addDays, isoWeekday, isRealDate, weekStartOf } from './dates';
import { formatMoney, moneyDecimal } from './money';
import { readableDate } from './format';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from './billing';
import { ROOM_TYPE_LABELS, type RoomType } from './wards';

export const REPORT_CHANNELS = [
  'reports.appointmentsByDepartment',
  'reports.departmentPerformance',
  'reports.schedulingTrends',
  'reports.demographics',
  'reports.occupancy',
  'reports.revenue',
  'reports.staffHours',
] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** The longest period a report covers: three years (from + 3 years − 1 day, at most). */
export const MAX_PERIOD_YEARS = 3;

export interface ReportMeta {
  channel: ReportChannel;
  /** A short slug for file names and URLs (#/reports/<slug>). */
  slug: string;
  title: string;
  description: string;
  /** Which filters apply besides hospitals and the period. */
  filters: { department: boolean; granularity: boolean };
  /** The table a bar chart is drawn from, its label column and the value columns (stacked when several). */
  chart: { table: string; label: string; values: string[]; title: string } | null;
}

export const REPORTS: Record<ReportChannel, ReportMeta> = {
  'reports.appointmentsByDepartment': {
    channel: 'reports.appointmentsByDepartment',
    slug: 'appointments-by-department',
    title: 'Appointments by department',
    description: 'Appointments of the period by status, per department and per doctor.',
    filters: { department: true, granularity: false },
    chart: { table: 'departments', label: 'departmentName', values: ['completed', 'booked', 'checkedIn', 'noShow', 'cancelled'], title: 'Appointments by department' },
  },
  'reports.departmentPerformance': {
    channel: 'reports.departmentPerformance',
    slug: 'department-performance',
    title: 'Department performance',
    description: 'Booked, completed, cancelled and no-show appointments, the no-show rate, the wait from check-in to consultation and consultation revenue.',
    filters: { department: true, granularity: false },
    chart: { table: 'departments', label: 'departmentName', values: ['completed', 'noShow', 'cancelled'], title: 'Outcomes by department' },
  },
  'reports.schedulingTrends': {
    channel: 'reports.schedulingTrends',
    slug: 'scheduling-trends',
    title: 'Scheduling trends',
    description: 'Appointments per day, week or month, by weekday and hour, and how far ahead they are booked.',
    filters: { department: true, granularity: true },
    chart: { table: 'series', label: 'period', values: ['appointments'], title: 'Appointments over time' },
  },
  'reports.demographics': {
    channel: 'reports.demographics',
    slug: 'demographics',
    title: 'Patient demographics',
    description: 'Patients seen in the period by age band, sex, region, and new or returning.',
    filters: { department: true, granularity: false },
    chart: { table: 'ageBands', label: 'label', values: ['patients'], title: 'Patients by age band' },
  },
  'reports.occupancy': {
    channel: 'reports.occupancy',
    slug: 'occupancy',
    title: 'Occupancy',
    description: 'Bed occupancy, admissions, discharges, patient-days, average length of stay and bed turnover, over time and per ward and room type.',
    filters: { department: false, granularity: true },
    chart: { table: 'series', label: 'period', values: ['patientDays'], title: 'Patient-days over time' },
  },
  'reports.revenue': {
    channel: 'reports.revenue',
    slug: 'revenue',
    title: 'Revenue and receivables',
    description: 'Invoiced, collected by payment method, outstanding by age, insurance and patient shares; per currency, never converted.',
    filters: { department: false, granularity: false },
    chart: null,
  },
  'reports.staffHours': {
    channel: 'reports.staffHours',
    slug: 'staff-hours',
    title: 'Staff hours',
    description: 'Planned against contracted hours, night and weekend hours, and coverage met per department.',
    filters: { department: true, granularity: false },
    chart: { table: 'departments', label: 'departmentName', values: ['plannedHours', 'contractedHours'], title: 'Planned and contracted hours' },
  },
};

export const reportBySlug = (slug: string): ReportMeta | undefined => Object.values(REPORTS).find((r) => r.slug === slug);

// ---- the period ----

/** Days from `from` to `to`, both included (calendar arithmetic). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The same day `years` later (29 Feb → 28 Feb). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isRealDate(day) ? day : addDays(`${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`, d - 2);
}

/** What is wrong with a period (real dates checked by the schema first), or null: from after to, or more than three years. */
export function periodProblem(from: string, to: string): { field: 'from' | 'to'; message: string } | null {
  if (!isRealDate(from) || !isRealDate(to)) return null;
  if (from > to) return { field: 'to', message: 'The period must end on or after its first day.' };
  if (to >= addYears(from, MAX_PERIOD_YEARS)) return { field: 'to', message: `A report covers at most ${MAX_PERIOD_YEARS} years; choose a shorter period.` };
  return null;
}

/** Without a choice: days up to a month, weeks up to half a year, months beyond. */
export function autoGranularity(from: string, to: string): Granularity {
  const days = daysBetween(from, to);
  return days <= 31 ? 'day' : days <= 183 ? 'week' : 'month';
}

/** The first day of the bucket a day falls in (not clipped). */
export function bucketStart(date: string, g: Granularity): string {
  if (g === 'day') return date;
  if (g === 'week') return weekStartOf(date);
  return `${date.slice(0, 8)}01`;
}

/** Every bucket of the period: its key (first day, clipped to the period) and its days within the period. */
export function periodBuckets(from: string, to: string, g: Granularity): { period: string; days: number }[] {
  const out: { period: string; days: number }[] = [];
  let day = from;
  while (day <= to) {
    const start = day;
    let next = g === 'day' ? addDays(day, 1) : g === 'week' ? addDays(weekStartOf(day), 7) : nextMonth(day);
    if (next > addDays(to, 1)) next = addDays(to, 1);
    out.push({ period: start, days: daysBetween(start, addDays(next, -1)) });
    day = next;
  }
  return out;
}

function nextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The key of the bucket (clipped to the period) a day of the period falls in. */
export function bucketOf(date: string, from: string, g: Granularity): string {
  const s = bucketStart(date, g);
  return s < from ? from : s;
}

// ---- bands ----

/** Age bands in years, lower bound included, upper bound excluded (null: open). */
export const AGE_BANDS = [
  { key: '0_4', label: '0–4', from: 0, to: 5 },
  { key: '5_14', label: '5–14', from: 5, to: 15 },
  { key: '15_24', label: '15–24', from: 15, to: 25 },
  { key: '25_34', label: '25–34', from: 25, to: 35 },
  { key: '35_44', label: '35–44', from: 35, to: 45 },
  { key: '45_54', label: '45–54', from: 45, to: 55 },
  { key: '55_64', label: '55–64', from: 55, to: 65 },
  { key: '65_74', label: '65–74', from: 65, to: 75 },
  { key: '75_plus', label: '75+', from: 75, to: null },
] as const;

export function ageBandOf(age: number): (typeof AGE_BANDS)[number] {
  return AGE_BANDS.find((b) => age >= b.from && (b.to === null || age < b.to)) ?? AGE_BANDS[0];
}

/** Receivables by days since issue as of the period's last day. */
export const AGEING_BUCKETS = [
  { key: '0_30', label: '0–30 days', from: 0, to: 30 },
  { key: '31_60', label: '31–60 days', from: 31, to: 60 },
  { key: '61_90', label: '61–90 days', from: 61, to: 90 },
  { key: '90_plus', label: 'Over 90 days', from: 91, to: null },
] as const;

export function ageingBucketOf(daysSinceIssue: number): (typeof AGEING_BUCKETS)[number] {
  return AGEING_BUCKETS.find((b) => daysSinceIssue <= (b.to ?? Infinity)) ?? AGEING_BUCKETS[3];
}

/** Days from the local day of booking to the local day of the visit. */
export const LEAD_TIME_BANDS = [
  { key: 'same_day', label: 'Same day', from: 0, to: 0 },
  { key: '1_2', label: '1–2 days', from: 1, to: 2 },
  { key: '3_7', label: '3–7 days', from: 3, to: 7 },
  { key: '8_14', label: '8–14 days', from: 8, to: 14 },
  { key: '15_30', label: '15–30 days', from: 15, to: 30 },
  { key: '31_plus', label: 'Over 30 days', from: 31, to: null },
] as const;

/** Negative lead (a visit entered after the day) counts as same day. */
export function leadBandOf(days: number): (typeof LEAD_TIME_BANDS)[number] {
  return LEAD_TIME_BANDS.find((b) => days <= (b.to ?? Infinity)) ?? LEAD_TIME_BANDS[5];
}

/** Mean and median of a histogram of whole values (value → count); nulls when empty. */
export function histogramStats(counts: Map<number, number>): { mean: number | null; median: number | null } {
  const values = [...counts.keys()].sort((a, b) => a - b);
  const n = values.reduce((s, v) => s + (counts.get(v) ?? 0), 0);
  if (n === 0) return { mean: null, median: null };
  const sum = values.reduce((s, v) => s + v * (counts.get(v) ?? 0), 0);
  const at = (k: number): number => {
    let seen = 0;
    for (const v of values) {
      seen += counts.get(v) ?? 0;
      if (seen > k) return v;
    }
    return values[values.length - 1];
  };
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  return { mean: round(sum / n, 1), median };
}

/** A ratio, null when the denominator is 0 (kept as a fraction; a 'percent' column shows it ×100). */
export const ratio = (num: number, den: number, digits = 4): number | null => (den > 0 ? round(num / den, digits) : null);

export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** ISO weekday of a day (re-exported for the services' bucketing). */
export { isoWeekday };

// ---- tables ----

export type ColumnKind = 'text' | 'int' | 'money' | 'percent' | 'decimal' | 'date';

export interface ReportColumn {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Money columns: the row field holding the currency (when the table has no single `currency`). */
  currencyKey?: string;
}

export type ReportCell = string | number | null;
export type ReportRow = Record<string, ReportCell>;

export interface ReportTable {
  key: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  /** The currency of every money column, when the whole table is in one. */
  currency?: string;
}

const col = (key: string, header: string, kind: ColumnKind = 'int', currencyKey?: string): ReportColumn => (currencyKey ? { key, header, kind, currencyKey } : { key, header, kind });

const COUNT_COLUMNS = [col('booked', 'Booked'), col('checkedIn', 'Checked in'), col('completed', 'Completed'), col('cancelled', 'Cancelled'), col('noShow', 'No-show'), col('total', 'Total')];

/** The single currency of a set of rows, if they share one. */
function oneCurrency(rows: { currency: string }[]): string | undefined {
  const set = new Set(rows.map((r) => r.currency));
  return set.size === 1 ? [...set][0] : undefined;
}

const withCurrency = (t: ReportTable, currency: string | undefined): ReportTable => (currency ? { ...t, currency } : t);

type Tables<K extends ReportChannel> = (output: ReportOutputs[K]) => ReportTable[];

const TABLES: { [K in ReportChannel]: Tables<K> } = {
  'reports.appointmentsByDepartment': (o: AppointmentsByDepartment) => [
    {
      key: 'departments',
      title: 'By department',
      columns: [col('hospitalName', 'Hospital', 'text'), col('departmentName', 'Department', 'text'), ...COUNT_COLUMNS],
      rows: o.rows.map((r) => ({ ...r })),
    },
    {
      key: 'doctors',
      title: 'By doctor',
      columns: [col('hospitalName', 'Hospital', 'text'), col('doctorName', 'Doctor', 'text'), col('departmentName', 'Department', 'text'), ...COUNT_COLUMNS],
      rows: o.doctors.map((r) => ({ ...r })),
    },
  ],
  'reports.departmentPerformance': (o: DepartmentPerformance) => [
    withCurrency(
      {
        key: 'departments',
        title: 'Department performance',
        columns: [
          col('hospitalName', 'Hospital', 'text'),
          col('departmentName', 'Department', 'text'),
          col('booked', 'Booked'),
          col('completed', 'Completed'),
          col('cancelled', 'Cancelled'),
          col('noShow', 'No-show'),
          col('noShowRate', 'No-show rate', 'percent'),
          col('averageWaitMinutes', 'Average wait (min)', 'decimal'),
          col('consultationRevenue', 'Consultation revenue', 'money', 'currency'),
        ],
        rows: o.rows.map((r) => ({ ...r })),
      },
      oneCurrency(o.rows),
    ),
    {
      key: 'revenue',
      title: 'Consultation revenue by currency',
      columns: [col('currency', 'Currency', 'text'), col('amount', 'Consultation revenue', 'money', 'currency')],
      rows: o.revenueByCurrency.map((r) => ({ ...r })),
    },
  ],
  'reports.schedulingTrends': (o: SchedulingTrends) => [
    {
      key: 'series',
      title: `Appointments per ${o.granularity}`,
      columns: [col('period', o.granularity === 'day' ? 'Day' : o.granularity === 'week' ? 'Week from' : 'Month from', 'date'), col('appointments', 'Appointments'), col('completed', 'Completed'), col('noShow', 'No-show'), col('cancelled', 'Cancelled')],
      rows: o.series.map((r) => ({ ...r })),
    },
    {
      key: 'heatmap',
      title: 'By weekday and hour (local time)',
      columns: [col('weekday', 'Weekday', 'text'), ...Array.from({ length: 24 }, (_, h) => col(`h${String(h).padStart(2, '0')}`, String(h).padStart(2, '0')))],
      rows: WEEKDAY_NAMES.map((name, i) => {
        const row: ReportRow = { weekday: name };
        for (const c of o.heatmap) if (c.weekday === i + 1) row[`h${String(c.hour).padStart(2, '0')}`] = c.appointments;
        return row;
      }),
    },
    {
      key: 'leadTime',
      title: `Lead time from booking to visit (average ${o.averageLeadDays ?? '–'} days, median ${o.medianLeadDays ?? '–'})`,
      columns: [col('label', 'Booked ahead', 'text'), col('appointments', 'Appointments')],
      rows: o.leadTime.map((r) => ({ key: r.key, label: r.label, appointments: r.appointments })),
    },
  ],
  'reports.demographics': (o: Demographics) => {
    const table = (key: string, title: string, header: string, rows: { key: string; label: string; patients: number }[]): ReportTable => ({
      key,
      title,
      columns: [col('label', header, 'text'), col('patients', 'Patients'), col('share', 'Share', 'percent')],
      rows: rows.map((r) => ({ key: r.key, label: r.label, patients: r.patients, share: ratio(r.patients, o.patients) })),
    });
    return [
      table('ageBands', 'Age bands', 'Age', o.ageBands),
      table('sex', 'Sex', 'Sex', o.sex),
      table('regions', 'Region / district', 'Region', o.regions),
      table('newVsReturning', 'New and returning patients', 'Patients', o.newVsReturning),
    ];
  },
  'reports.occupancy': (o: Occupancy) => [
    {
      key: 'series',
      title: `Occupancy per ${o.granularity}`,
      columns: [
        col('period', o.granularity === 'day' ? 'Day' : o.granularity === 'week' ? 'Week from' : 'Month from', 'date'),
        col('beds', 'Beds'),
        col('patientDays', 'Patient-days'),
        col('occupancy', 'Occupancy', 'percent'),
        col('admissions', 'Admissions'),
        col('discharges', 'Discharges'),
      ],
      rows: o.series.map((r) => ({ ...r })),
    },
    {
      key: 'wards',
      title: 'By ward and room type',
      columns: [
        col('hospitalName', 'Hospital', 'text'),
        col('wardName', 'Ward', 'text'),
        col('roomType', 'Room type', 'text'),
        col('beds', 'Beds'),
        col('patientDays', 'Patient-days'),
        col('occupancy', 'Occupancy', 'percent'),
        col('admissions', 'Admissions'),
        col('discharges', 'Discharges'),
        col('averageLengthOfStay', 'Average stay (days)', 'decimal'),
        col('bedTurnover', 'Bed turnover', 'decimal'),
      ],
      rows: [
        ...o.wards.map((r) => ({ ...r, roomType: ROOM_TYPE_LABELS[r.roomType as RoomType] ?? r.roomType })),
        { hospitalName: 'All', wardName: 'All wards', roomType: '', ...o.total },
      ],
    },
  ],
  'reports.revenue': (o: Revenue) => [
    withCurrency(
      {
        key: 'invoiced',
        title: 'Invoiced',
        columns: [
          col('currency', 'Currency', 'text'),
          col('invoices', 'Invoices'),
          col('invoiced', 'Invoiced', 'money', 'currency'),
          col('insuranceShare', 'Insurance share', 'money', 'currency'),
          col('patientShare', 'Patient share', 'money', 'currency'),
          col('voided', 'Voided'),
        ],
        rows: o.invoiced.map((r) => ({ ...r })),
      },
      oneCurrency(o.invoiced),
    ),
    withCurrency(
      {
        key: 'collected',
        title: 'Collected by payment method',
        columns: [col('currency', 'Currency', 'text'), col('method', 'Method', 'text'), col('payments', 'Payments'), col('amount', 'Collected', 'money', 'currency')],
        rows: o.collected.map((r) => ({ ...r, method: PAYMENT_METHOD_LABELS[r.method as PaymentMethod] ?? r.method })),
      },
      oneCurrency(o.collected),
    ),
    withCurrency(
      {
        key: 'outstanding',
        title: `Outstanding by age on ${readableDate(o.to)}`,
        columns: [col('currency', 'Currency', 'text'), col('label', 'Age', 'text'), col('invoices', 'Invoices'), col('outstanding', 'Outstanding', 'money', 'currency')],
        rows: o.outstanding.map((r) => ({ currency: r.currency, bucket: r.bucket, label: r.label, invoices: r.invoices, outstanding: r.outstanding })),
      },
      oneCurrency(o.outstanding),
    ),
  ],
  'reports.staffHours': (o: StaffHours) => [
    {
      key: 'departments',
      title: 'Staff hours by department',
      columns: [
        col('hospitalName', 'Hospital', 'text'),
        col('departmentName', 'Department', 'text'),
        col('staff', 'Staff'),
        col('contractedHours', 'Contracted h', 'decimal'),
        col('plannedHours', 'Planned h', 'decimal'),
        col('differenceHours', 'Difference h', 'decimal'),
        col('nightHours', 'Night h', 'decimal'),
        col('weekendHours', 'Weekend h', 'decimal'),
        col('coverageMet', 'Cover met'),
        col('coverageCells', 'Cover cells'),
        col('coverageRate', 'Coverage', 'percent'),
        col('coverageGap', 'Gap (people)'),
      ],
      rows: o.rows.map((r) => ({ ...r })),
    },
  ],
};

/** The tables of a report's output, in the order they are shown. */
export function reportTables<K extends ReportChannel>(report: K, output: ReportOutputs[K]): ReportTable[] {
  return (TABLES[report] as Tables<K>)(output);
}

/** The currency of a money cell: the column's row field, else the table's. */
export function cellCurrency(table: ReportTable, column: ReportColumn, row: ReportRow): string | undefined {
  const c = column.currencyKey ? row[column.currencyKey] : undefined;
  return typeof c === 'string' ? c : table.currency;
}

/** A cell as people read it: money formatted in its currency, a percent with one decimal, '–' for none. */
export function cellText(table: ReportTable, column: ReportColumn, row: ReportRow): string {
  const v = row[column.key];
  if (v === null || v === undefined || v === '') return column.kind === 'text' ? '' : '–';
  switch (column.kind) {
    case 'money': {
      const cur = cellCurrency(table, column, row);
      return cur ? formatMoney(Number(v), cur) : String(v);
    }
    case 'percent':
      return `${(Number(v) * 100).toFixed(1)}%`;
    case 'int':
      return Number(v).toLocaleString('en');
    case 'decimal':
      return Number(v).toLocaleString('en', { maximumFractionDigits: 2 });
    case 'date':
      return readableDate(String(v));
    default:
      return String(v);
  }
}

/** A cell for a file a program reads (CSV): money as an exact decimal in major units, a percent as 12.5, '' for none. */
export function cellPlain(table: ReportTable, column: ReportColumn, row: ReportRow): string {
  const v = row[column.key];
  if (v === null || v === undefined) return '';
  switch (column.kind) {
    case 'money': {
      const cur = cellCurrency(table, column, row);
      return cur ? moneyDecimal(Number(v), cur) : String(v);
    }
    case 'percent':
      return String(round(Number(v) * 100, 2));
    default:
      return String(v);
  }
}
