// Reports: seven read-only reports over the caller's hospitals (one, several or the whole chain in scope) and a date
// range in each hospital's own local days, each exportable as CSV and PDF. Amounts are grouped by currency, never
// converted. Report queries go through one read-only entry point (a replica when one is configured).
//
// The tables a report shows (PDF, CSV, screen) come from `reportTables` in src-shared/domain/reports.ts, never from a
// second description of the same output.
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { GRANULARITIES, periodProblem, REPORT_CHANNELS, type Granularity, type ReportChannel } from '../domain/reports';
import type { PaymentMethod } from '../domain/billing';
import type { RoomType } from '../domain/wards';
import { channel, Id, IsoDate, returns } from './channel';

// ---- input ----

const FilterFields = {
  /** Absent or empty: every hospital in the caller's scope. A hospital outside it: FORBIDDEN. */
  hospitalIds: z.array(Id).max(200, { error: 'At most 200 hospitals.' }).optional(),
  /** First local day of the period (each hospital's own calendar). */
  from: IsoDate,
  /** Last local day of the period, included. */
  to: IsoDate,
  /** Only this department (reports that have departments; the others ignore it). */
  departmentId: Id.optional(),
};

const checkPeriod = (f: { from: string; to: string }, ctx: z.RefinementCtx) => {
  const problem = periodProblem(f.from, f.to);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
};

/** The filter every report takes: hospitals, a period of local days (from ≤ to, at most three years), a department. */
export const ReportFilter = z.object(FilterFields).strict().superRefine(checkPeriod);
export type ReportFilter = z.input<typeof ReportFilter>;

/** Scheduling trends and occupancy add how the period is cut: by day, ISO week (from Monday) or calendar month. */
export const TrendFilter = z
  .object({ ...FilterFields, granularity: z.enum(GRANULARITIES, { error: 'Choose day, week or month.' }).optional() })
  .strict()
  .superRefine(checkPeriod);
export type TrendFilter = z.input<typeof TrendFilter>;

// ---- output: what every report says about itself ----

/** A hospital a report covers. */
export interface ReportHospital {
  id: number;
  name: string;
  /** The currency its amounts are in (minor units). */
  currency: string;
  /** IANA zone its local days are reckoned in. */
  timeZone: string;
}

export interface ReportHead {
  /** The period asked for: local days, both included. */
  from: string;
  to: string;
  /** The department asked for, when one was. */
  departmentId: number | null;
  /** The hospitals the figures cover (the caller's scope when none were named), by name. */
  hospitals: ReportHospital[];
  /** When the figures were read (ISO instant). */
  generatedAt: string;
}

/** Appointments counted by their status now. */
export interface StatusCounts {
  /** Booked and not yet checked in. */
  booked: number;
  /** Checked in, consultation not yet completed. */
  checkedIn: number;
  completed: number;
  cancelled: number;
  noShow: number;
  /** Every appointment, whatever its status (cancelled ones included). */
  total: number;
}

// 1. appointments by department and doctor

export interface DepartmentCountRow extends StatusCounts {
  hospitalId: number;
  hospitalName: string;
  /** Null: appointments booked with no department. */
  departmentId: number | null;
  /** 'No department' when none. */
  departmentName: string;
}

export interface DoctorCountRow extends StatusCounts {
  hospitalId: number;
  hospitalName: string;
  doctorId: number;
  /** "First Last". */
  doctorName: string;
  /** The department of the appointments (a doctor's appointments in two departments make two rows). */
  departmentName: string;
}

export interface AppointmentsByDepartment extends ReportHead {
  /** One row per hospital and department with appointments on a local day of the period, by hospital then department name. */
  rows: DepartmentCountRow[];
  /** One row per hospital, doctor and department, by hospital then doctor name. */
  doctors: DoctorCountRow[];
}

// 2. department performance

export interface DepartmentPerformanceRow {
  hospitalId: number;
  hospitalName: string;
  departmentId: number | null;
  departmentName: string;
  /** Appointments on a day of the period, whatever became of them (cancelled ones too). */
  booked: number;
  completed: number;
  cancelled: number;
  noShow: number;
  /** noShow ÷ (completed + checked in + noShow): of those expected who came to an outcome, the share who never came; null when none. */
  noShowRate: number | null;
  /** Average whole minutes from check-in to the start of the consultation (the encounter), over visits with both; null when none. */
  averageWaitMinutes: number | null;
  /** Visits the average wait is taken over. */
  waitedVisits: number;
  /** The hospital's currency. */
  currency: string;
  /** Consultation charges (minor units) of this department's appointments of the period. */
  consultationRevenue: number;
}

/** A sum in one currency. */
export interface CurrencyAmount {
  currency: string;
  /** Minor units. */
  amount: number;
}

export interface DepartmentPerformance extends ReportHead {
  /** One row per hospital and department with appointments in the period. */
  rows: DepartmentPerformanceRow[];
  /** Consultation revenue of all rows, one sum per currency (never converted). */
  revenueByCurrency: CurrencyAmount[];
}

// 3. scheduling trends

export interface TrendPoint {
  /** First local day of the bucket: the day, the Monday of the ISO week, the first of the month (clipped to the period). */
  period: string;
  /** Appointments on the bucket's days, not cancelled. */
  appointments: number;
  completed: number;
  cancelled: number;
  noShow: number;
}

export interface HeatCell {
  /** ISO weekday of the hospital's local day, 1 = Monday. */
  weekday: number;
  /** Local hour of the appointment's start, 0–23. */
  hour: number;
  /** Appointments (not cancelled) starting in that weekday and hour. */
  appointments: number;
}

export interface LeadTimeBand {
  /** A key of LEAD_TIME_BANDS in domain/reports.ts. */
  key: string;
  label: string;
  /** Appointments (not cancelled) booked that many local days ahead. */
  appointments: number;
}

export interface SchedulingTrends extends ReportHead {
  granularity: Granularity;
  /** Every bucket of the period in order, empty buckets included. */
  series: TrendPoint[];
  /** All 7 × 24 cells, Monday 00 first, zeros included. */
  heatmap: HeatCell[];
  /** Days from the local day of booking to the local day of the visit, in bands. */
  leadTime: LeadTimeBand[];
  /** Mean lead time in days (one decimal); null without appointments. */
  averageLeadDays: number | null;
  /** Median lead time in days; null without appointments. */
  medianLeadDays: number | null;
}

// 4. demographics

export interface CountRow {
  /** The key of the group (an age band's key, a sex, a region…). */
  key: string;
  /** How the group reads. */
  label: string;
  /** Distinct patients in the group. */
  patients: number;
}

export interface Demographics extends ReportHead {
  /** Distinct patients with an appointment (not cancelled) on a day of the period at the hospitals covered. */
  patients: number;
  /** Age on the period's last day, in AGE_BANDS order, zeros included. */
  ageBands: CountRow[];
  /** female, male, other, unknown, zeros included. */
  sex: CountRow[];
  /** Region as registered (the city when no region is recorded, else 'Not recorded'), most patients first. */
  regions: CountRow[];
  /** 'new': no earlier appointment (not cancelled) at the hospitals covered before the period; 'returning': had one. */
  newVsReturning: CountRow[];
}

// 5. occupancy

export interface OccupancyPoint {
  /** First local day of the bucket. */
  period: string;
  /** Beds of the hospitals covered (now). */
  beds: number;
  /** Patient-days in the bucket (a stay counts its admission day up to but not its discharge day; a same-day stay counts one). */
  patientDays: number;
  /** patientDays ÷ (beds × days of the bucket); null without beds. */
  occupancy: number | null;
  /** Stays admitted on a day of the bucket. */
  admissions: number;
  /** Stays discharged on a day of the bucket. */
  discharges: number;
}

export interface WardOccupancyRow {
  hospitalId: number;
  hospitalName: string;
  /** The floor (ward) the beds are on. */
  wardId: number;
  wardName: string;
  roomType: RoomType;
  /** Beds of that ward and room type (now). */
  beds: number;
  /** Patient-days spent in those beds in the period. */
  patientDays: number;
  /** patientDays ÷ (beds × days of the period); null without beds. */
  occupancy: number | null;
  /** Stays admitted in the period into one of those beds. */
  admissions: number;
  /** Stays discharged in the period from one of those beds. */
  discharges: number;
  /** Average length in days (one decimal) of the stays discharged from those beds in the period, admission to discharge; null when none. */
  averageLengthOfStay: number | null;
  /** discharges ÷ beds (two decimals); null without beds. */
  bedTurnover: number | null;
}

export interface Occupancy extends ReportHead {
  granularity: Granularity;
  /** Every bucket of the period, for the hospitals covered together. */
  series: OccupancyPoint[];
  /** One row per hospital, ward and room type with beds. */
  wards: WardOccupancyRow[];
  /** The whole selection over the whole period. */
  total: Omit<WardOccupancyRow, 'hospitalId' | 'hospitalName' | 'wardId' | 'wardName' | 'roomType'>;
}

// 6. revenue and receivables

export interface InvoicedRow {
  currency: string;
  /** Invoices issued on a day of the period (void ones left out). */
  invoices: number;
  /** Their totals (minor units, tax and discount applied). */
  invoiced: number;
  /** What insurers owe of them. */
  insuranceShare: number;
  /** invoiced − insuranceShare. */
  patientShare: number;
  /** Invoices issued in the period and voided since (not in the sums). */
  voided: number;
}

export interface CollectedRow {
  currency: string;
  method: PaymentMethod;
  /** Payments taken on a day of the period. */
  payments: number;
  /** Their sum (minor units). */
  amount: number;
}

export interface AgeingRow {
  currency: string;
  /** A key of AGEING_BUCKETS: '0_30', '31_60', '61_90', '90_plus'. */
  bucket: string;
  label: string;
  /** Invoices with something owed at the end of the period's last day, issued that many days before it. */
  invoices: number;
  /** Owed then (total − payments up to that day), minor units. */
  outstanding: number;
}

export interface Revenue extends ReportHead {
  /** One row per currency. */
  invoiced: InvoicedRow[];
  /** One row per currency and payment method with payments. */
  collected: CollectedRow[];
  /** Receivables ageing as of the period's last day: every bucket of every currency with invoices issued. */
  outstanding: AgeingRow[];
}

// 7. staff hours

export interface StaffHoursRow {
  hospitalId: number;
  hospitalName: string;
  departmentId: number;
  departmentName: string;
  /** Staff employed in the department on some day of the period. */
  staff: number;
  /** Contracted weekly hours × the weeks each was employed within the period (one decimal). */
  contractedHours: number;
  /** Hours of the shifts rostered in the department on days of the period (one decimal). */
  plannedHours: number;
  /** plannedHours − contractedHours. */
  differenceHours: number;
  /** Of plannedHours, the night hours (22:00–06:00 local) and the weekend hours. */
  nightHours: number;
  weekendHours: number;
  /** Coverage cells of the period (each day × each coverage rule of the department). */
  coverageCells: number;
  /** Cells with at least the required headcount rostered. */
  coverageMet: number;
  /** coverageMet ÷ coverageCells; null without coverage rules. */
  coverageRate: number | null;
  /** Headcount missing summed over the cells that fell short. */
  coverageGap: number;
}

export interface StaffHours extends ReportHead {
  rows: StaffHoursRow[];
}

// ---- PDF ----

export const ExportPdfInput = z
  .object({
    report: z.enum(REPORT_CHANNELS, { error: 'Choose a report.' }),
    /** The report's own input (checked by that report's schema). */
    input: z.unknown(),
  })
  .strict();

export interface ReportPdf {
  fileName: string;
  pdfBase64: string;
  pages: number;
  sha256: string;
}

// ---- channels ----

/** Every report: managers and administrators; a few open to the role the figures belong to. */
export const REPORT_READERS: readonly Role[] = ['manager', 'admin'];
const REVENUE_READERS: readonly Role[] = ['manager', 'admin', 'billing'];
const STAFF_HOURS_READERS: readonly Role[] = ['manager', 'admin', 'hr'];

/** Who may read each report (the PDF export checks the same list for the report it prints). */
export const REPORT_ACCESS: Record<ReportChannel, readonly Role[]> = {
  'reports.appointmentsByDepartment': REPORT_READERS,
  'reports.departmentPerformance': REPORT_READERS,
  'reports.schedulingTrends': REPORT_READERS,
  'reports.demographics': REPORT_READERS,
  'reports.occupancy': REPORT_READERS,
  'reports.revenue': REVENUE_READERS,
  'reports.staffHours': STAFF_HOURS_READERS,
};

export const reports = {
  /** Appointments of the period by status, per hospital and department, and per doctor. */
  'reports.appointmentsByDepartment': channel({
    input: ReportFilter,
    output: returns<AppointmentsByDepartment>(),
    access: REPORT_READERS,
    kind: 'read',
    replica: true,
    shows: ['appointment', 'department', 'doctor', 'staff'],
  }),
  /** Booked, completed, cancelled, no-show, no-show rate, wait from check-in and consultation revenue per department. */
  'reports.departmentPerformance': channel({
    input: ReportFilter,
    output: returns<DepartmentPerformance>(),
    access: REPORT_READERS,
    kind: 'read',
    replica: true,
    shows: ['appointment', 'department', 'encounter', 'charge'],
  }),
  /** Appointments per day/week/month, the weekday × hour heat map, and lead time from booking to visit. */
  'reports.schedulingTrends': channel({ input: TrendFilter, output: returns<SchedulingTrends>(), access: REPORT_READERS, kind: 'read', replica: true, shows: ['appointment'] }),
  /** Patients seen in the period by age band, sex, region, new vs returning. */
  'reports.demographics': channel({ input: ReportFilter, output: returns<Demographics>(), access: REPORT_READERS, kind: 'read', replica: true, shows: ['appointment', 'patient'] }),
  /** Occupancy, admissions, discharges, patient-days, length of stay and bed turnover, over time and per ward and room type. */
  'reports.occupancy': channel({ input: TrendFilter, output: returns<Occupancy>(), access: REPORT_READERS, kind: 'read', replica: true, shows: ['stay', 'bed', 'room', 'floor'] }),
  /** Invoiced, collected by payment method, receivables by age, insurance vs patient share; per currency. */
  'reports.revenue': channel({ input: ReportFilter, output: returns<Revenue>(), access: REVENUE_READERS, kind: 'read', replica: true, shows: ['invoice'] }),
  /** Planned vs contracted hours, night and weekend hours, coverage met, per department. */
  'reports.staffHours': channel({
    input: ReportFilter,
    output: returns<StaffHours>(),
    access: STAFF_HOURS_READERS,
    kind: 'read',
    replica: true,
    shows: ['shift', 'staff', 'coverage_rule', 'department'],
  }),
  /** A report as a PDF on the hospital's letterhead: its tables, the filter and period, a bar chart where it has one. */
  'reports.exportPdf': channel({
    input: ExportPdfInput,
    output: returns<ReportPdf>(),
    access: ['manager', 'admin', 'billing', 'hr'],
    kind: 'read',
    replica: true,
    shows: [],
  }),
} as const;

export const reportKinds = [] as const;

/** The output of each report channel, by name (the PDF, CSV export and screens switch on it). */
export interface ReportOutputs {
  'reports.appointmentsByDepartment': AppointmentsByDepartment;
  'reports.departmentPerformance': DepartmentPerformance;
  'reports.schedulingTrends': SchedulingTrends;
  'reports.demographics': Demographics;
  'reports.occupancy': Occupancy;
  'reports.revenue': Revenue;
  'reports.staffHours': StaffHours;
}
