// A demo-data run: create and migrate the database, refuse one that holds data (unless reset), then run the steps in order.
import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { DataSource, EntityTarget } from 'typeorm';
import { createDataSource, type DbTarget } from '../db/data-source';
import { ensureDatabase, migrate } from '../db/database';
import { ENTITIES } from '../features/entities';
import { appendAudit } from '../features/audit/audit-chain';
import { hashPassword } from '../features/users/passwords';
import { DEFAULT_AS_OF, isoDay, PatientGenerator, planChain, SeedRandom, type ChainPlan, type SequencePosition } from './generator';
import { AppointmentGenerator, emptyPatientIndex, recordPatients, type PatientIndex } from './appointment-generator';
import { DEFAULT_DOCTORS_PER_DEPARTMENT, departmentStaffTargets, planStaff, type StaffPlan } from './staff-generator';
import { DEFAULT_ROTA_WEEKS_AHEAD, DEFAULT_ROTA_WEEKS_BACK, MAX_ROTA_WEEKS, planRotas, type RotaCensus } from './rota-generator';
import { SITES } from './sites';
import { DEFAULT_BEDS, DEFAULT_BOOKINGS_PER_BED, planWards, STAY_HISTORY_DAYS, type WardCensus } from './ward-generator';
import { BulkWriter, type EntityRow } from '../db/writer';
import { DEFER_REPORT_SUMMARIES, rebuildReportSummaries } from '../features/reports/report-summaries';
import { advanceSequences, sequenceKey } from '../db/sequences';
import { HospitalEntity } from '../features/hospitals/hospital.entity';
import { DepartmentEntity } from '../features/staff/department.entity';
import { UserEntity, UserHospitalEntity } from '../features/users/user.entity';
import { PatientEntity } from '../features/patients/patient.entity';
import { DoctorEntity, DoctorExceptionEntity, DoctorScheduleEntity, StaffEntity } from '../features/staff/staff.entity';
import { AppointmentEntity } from '../features/appointments/appointment.entity';
import { BedEntity, FloorEntity, RoomEntity } from '../features/wards/ward.entity';
import { BedBookingEntity, BedStayEntity, StayEntity, TheatreBookingEntity } from '../features/wards/stay.entity';
import { CoverageRuleEntity, RotaRulesEntity, ShiftAssignmentEntity, ShiftTypeEntity, StaffLeaveEntity } from '../features/shifts/shift.entity';
import { BillingSettingsEntity, CatalogItemEntity, InvoiceDocumentEntity, InvoiceEntity, InvoiceLineEntity, PaymentEntity } from '../features/billing/billing.entity';
import { ChargeEntity } from '../features/billing/charge.entity';
import { CompletedVisits, DEFAULT_INVOICE_PDFS, defaultInvoices, invoiceAsPrinted, invoicesToPrint, planBilling, type BillingCensus, type InvoiceLineRow, type PrintedPatient } from './billing-generator';
import type { ChargeRow } from './ward-generator';
import { renderInvoicePdf } from '../pdf/invoice.pdf';
import { ICD10_STARTER, installStarterCodes, DiagnosisEntity, EncounterEntity, PrescriptionEntity, ProcedureEntity, TestDefinitionEntity, TestOrderEntity, TestRangeEntity, TestResultEntity } from '../features/clinical';
import { DispensingEntity, MedicineItemEntity, StockBatchEntity, StockMovementEntity } from '../features/pharmacy';
import { Consultations, DEFAULT_ENCOUNTERS, planClinical, type ClinicalCensus } from './clinical-generator';
import type { StayRow } from './ward-generator';
import type { CatalogItemRow } from './billing-generator';
import { MAX_PAYROLL_RUNS, seedPayroll } from './payroll-generator';

/** Every demo account signs in with this; printed at the end of each run and in the README. */
export const DEMO_PASSWORD = 'hospital-demo';

export interface SeedOptions {
  patients: number;
  /** Appointments across the chain; default defaultAppointments(patients). */
  appointments?: number;
  /** Doctors in each department that sees patients (default 4). */
  doctorsPerDepartment?: number;
  /** Beds at every hospital (default 120); 0 leaves a hospital without wards. */
  beds?: number;
  /** Beds at particular hospitals by code, over `beds`: { KLA: 2000 }. */
  bedsAt?: Record<string, number>;
  /** Current stays plus future bed reservations across the chain, shared in proportion to beds (default 2 per bed). */
  bedBookings?: number;
  /** Days of admissions and discharges simulated before asOf (default 42): a year or more for reports over stays. */
  stayHistoryDays?: number;
  /** Departments made up to this many staff with nurses, by "CODE:Department": { 'KLA:Nursing': 200 }. */
  staffAt?: Record<string, number>;
  /** Whole weeks of shifts before the week of asOf (default 8), and after it (default 4). */
  rotaWeeksBack?: number;
  rotaWeeksAhead?: number;
  /** Invoices across the chain, roughly (default defaultInvoices(patients)); at most one per visit or discharge. */
  invoices?: number;
  /** Invoices per hospital, the most recently issued or voided, whose PDF the seed renders and stores (default 200). */
  invoicePdfs?: number;
  /** Encounters of completed appointments, and ward rounds, at most this many of each: the most recent (default 20,000). */
  encounters?: number;
  /** Payroll runs per hospital, the latest whole months of the rota before asOf (default all of them); 0 runs none. */
  payrollRuns?: number;
  seed: number;
  /** Drop and recreate the database first. */
  reset?: boolean;
  /** "Today" of the generated data (YYYY-MM-DD); the same seed and date give the same data. */
  asOf?: string;
  /** Rows per INSERT statement. */
  batchRows?: number;
  /** Connections inserting at once. */
  connections?: number;
  /** Time of the audit entry that records the run. */
  clock?: () => Date;
}

export interface SeedProgress {
  step: string;
  done: number;
  total: number;
  /** Since the step began, so done / elapsed is the step's own rate. */
  elapsedMs: number;
}

export interface SeedSummary {
  database: string;
  seed: number;
  asOf: string;
  /** Rows written per table. */
  rows: Record<string, number>;
  seconds: number;
  /** Seconds spent in the patients step alone, and its rate. */
  patientSeconds: number;
  patientsPerSecond: number;
  /** Seconds spent in the appointments step alone, and its rate. */
  appointmentSeconds: number;
  appointmentsPerSecond: number;
  /** Days the appointments cover, as local dates at the hospitals. */
  appointmentsFrom: string | null;
  appointmentsTo: string | null;
  /** Seconds spent in the wards step, and each hospital's beds, occupancy and reservations. */
  wardSeconds: number;
  wards: WardCensus[];
  /** Seconds spent in the rota step, the local days its shifts cover, and each department's staff, shifts and coverage. */
  rotaSeconds: number;
  rotaFrom: string | null;
  rotaTo: string | null;
  rotas: RotaCensus[];
  /** Seconds spent in the billing step (PDFs included), each hospital's billing, and the PDFs stored with their time. */
  billingSeconds: number;
  billing: BillingCensus[];
  invoicePdfs: number;
  invoicePdfSeconds: number;
  /** Seconds spent in the clinical step, and each hospital's clinical records and pharmacy. */
  clinicalSeconds: number;
  clinical: ClinicalCensus[];
  /** Seconds spent in the payroll step, the months it ran at every hospital, their slips and the PDFs stored. */
  payrollSeconds: number;
  payroll: { months: string[]; slips: number; pdfs: number };
  chain: ChainPlan;
  demoPassword: string;
}

export interface SeedContext {
  readonly options: Required<Omit<SeedOptions, 'reset' | 'beds' | 'bedsAt' | 'bedBookings' | 'staffAt'>> & {
    /** Beds per hospital, in hospital order. */
    beds: number[];
    bedBookings: number;
    /** --staff-at as department id → staff. */
    departmentStaff: ReadonlyMap<number, number>;
  };
  readonly chain: ChainPlan;
  readonly writer: BulkWriter;
  readonly ds: DataSource;
  /** Filled by the patients step: what later steps need to know of each patient without reading them back. */
  readonly patients: PatientIndex;
  /** Filled by the staff step. */
  staff: StaffPlan | null;
  /** Filled by the appointments step. */
  appointmentDays: { from: string; to: string } | null;
  /** Filled by the wards step. */
  wards: WardCensus[];
  /** Filled by the rota step. */
  rotas: { from: string; to: string; census: RotaCensus[] } | null;
  /** Filled by the appointments step: the completed ones, each charged a consultation by the billing step. */
  readonly visits: CompletedVisits;
  /** Filled by the wards step: the room charges of discharged stays, which billing puts on invoices. */
  roomCharges: ChargeRow[];
  /** Filled by the billing step. */
  billing: { census: BillingCensus[]; pdfs: number; pdfMs: number } | null;
  /** Filled by the appointments step: completed appointments and those checked in now, each seen by a doctor. */
  readonly consultations: Consultations;
  /** Filled by the wards step: every stay, for the ward rounds. */
  stays: StayRow[];
  /** Filled by the billing step: the catalog, which procedures and tests are charged from. */
  catalog: CatalogItemRow[];
  /** Filled by the clinical step. */
  clinical: ClinicalCensus[];
  /** Filled by the payroll step: the months run at every hospital, their slips, and the PDFs stored (the latest month's). */
  payroll: { months: string[]; slips: number; pdfs: number } | null;
  /** Rows written per table, for the summary. */
  readonly rows: Record<string, number>;
  /** Timings per step in ms. */
  readonly timings: Record<string, number>;
  /** A random stream of this run for one purpose (one per step keeps earlier steps' data stable when steps are added). */
  random(purpose: string): SeedRandom;
  progress(step: string, done: number, total: number): void;
  /** Bulk-inserts rows of one entity's table and counts them. */
  insert<E>(entity: EntityTarget<E>, rows: readonly EntityRow<E>[]): Promise<void>;
  /** A writer for a step of many tables: inserts in batches of `batchRows` (or `batch`), reporting progress over `total` rows. */
  batches(step: string, total: number): BatchWrite;
}

/** Writes rows of one table in batches, counting them towards its step's progress. */
export type BatchWrite = <E>(entity: EntityTarget<E>, rows: readonly EntityRow<E>[], batch?: number) => Promise<void>;

/** One table's rows among the several a step writes. */
interface TableRows {
  count: number;
  writeWith(write: BatchWrite): Promise<void>;
}

const rowsOf = <E>(entity: EntityTarget<E>, rows: readonly EntityRow<E>[]): TableRows => ({ count: rows.length, writeWith: (write) => write(entity, rows) });

/**
 * Writes a step's tables in the order given (parents first), with progress over their rows and `more` rows the step
 * writes afterwards through `write`; `finish` waits for the last statement and reports the step done.
 */
async function writeTables(ctx: SeedContext, step: string, tables: readonly TableRows[], more = 0): Promise<{ write: BatchWrite; finish(): Promise<void> }> {
  const total = tables.reduce((n, t) => n + t.count, more);
  const write = ctx.batches(step, total);
  for (const t of tables) await t.writeWith(write);
  return {
    write,
    finish: async () => {
      await ctx.writer.flush();
      ctx.progress(step, total, total);
    },
  };
}

/** One unit of demo data. Later issues add steps (staff, rooms, appointments, …) after the ones they depend on. */
export interface SeedStep {
  name: string;
  run(ctx: SeedContext): Promise<void>;
}

/** Beds one hospital may have. */
export const MAX_BEDS = 10_000;

/** A step that plans from the staff (nothing without them) and writes the tables its plan returns, in that order. */
function staffedStep(name: string, plan: (ctx: SeedContext, staff: StaffPlan) => TableRows[]): SeedStep {
  return {
    name,
    run: async (ctx) => {
      if (!ctx.staff) return;
      await (await writeTables(ctx, name, plan(ctx, ctx.staff))).finish();
    },
  };
}

export const SEED_STEPS: SeedStep[] = [
  {
    name: 'hospitals',
    run: async (ctx) => {
      await ctx.insert(HospitalEntity, ctx.chain.hospitals);
      await ctx.insert(DepartmentEntity, ctx.chain.departments);
    },
  },
  {
    name: 'users',
    run: async (ctx) => {
      // Every demo account has the same published password, so one salted hash serves them all (scrypt costs ~50 ms each).
      const hash = await hashPassword(DEMO_PASSWORD);
      await ctx.insert(
        UserEntity,
        ctx.chain.users.map((u) => ({ ...u, password_hash: hash })),
      );
      await ctx.insert(UserHospitalEntity, ctx.chain.userHospitals);
    },
  },
  {
    name: 'patients',
    run: async (ctx) => {
      const total = ctx.options.patients;
      const generator = new PatientGenerator(ctx.random('patients'), ctx.chain, total);
      const before = ctx.writer.rowsWritten;
      while (generator.generated < total) {
        const rows = generator.next(ctx.options.batchRows);
        recordPatients(ctx.patients, rows);
        await ctx.insert(PatientEntity, rows);
        ctx.progress('patients', ctx.writer.rowsWritten - before, total);
      }
      await ctx.writer.flush();
      ctx.progress('patients', total, total);
      await writeSequences(ctx, generator.sequences());
    },
  },
  {
    name: 'staff',
    run: async (ctx) => {
      const plan = planStaff(ctx.random('staff'), ctx.chain, ctx.options.doctorsPerDepartment, ctx.options.departmentStaff);
      ctx.staff = plan;
      await ctx.insert(StaffEntity, plan.staff);
      await ctx.insert(DoctorEntity, plan.doctors);
      await ctx.insert(DoctorScheduleEntity, plan.schedules);
      await ctx.insert(DoctorExceptionEntity, plan.exceptions);
      // Staff hired in the app continue each hospital's employee numbers (KLA-00042 → KLA-00043).
      const perHospital = new Map<number, number>();
      for (const s of plan.staff) perHospital.set(s.hospital_id, (perHospital.get(s.hospital_id) ?? 0) + 1);
      await writeSequences(ctx, [...perHospital].map(([hospitalId, n]) => ({ key: sequenceKey.employee(hospitalId), nextValue: n + 1 })));
    },
  },
  {
    name: 'appointments',
    run: async (ctx) => {
      const total = ctx.options.appointments;
      if (total === 0 || !ctx.staff) return;
      const generator = new AppointmentGenerator(ctx.random('appointments'), ctx.chain, ctx.staff, ctx.patients, total);
      ctx.appointmentDays = { from: isoDay(generator.firstDay), to: isoDay(generator.lastDay) };
      const before = ctx.writer.rowsWritten;
      while (!generator.done) {
        const rows = generator.next(ctx.options.batchRows);
        ctx.visits.record(rows);
        ctx.consultations.record(rows);
        await ctx.insert(AppointmentEntity, rows);
        ctx.progress('appointments', ctx.writer.rowsWritten - before, total);
      }
      await ctx.writer.flush();
      ctx.progress('appointments', total, total);
    },
  },
  staffedStep('wards', (ctx, staff) => {
    const plan = planWards(ctx.random, ctx.chain, staff, ctx.patients, { beds: ctx.options.beds, bookings: ctx.options.bedBookings, historyDays: ctx.options.stayHistoryDays });
    ctx.wards = plan.census;
    ctx.roomCharges = plan.charges;
    ctx.stays = plan.stays;
    // Parents before children: the places first; stays need beds, bed stays and charges need stays.
    const places = [rowsOf(FloorEntity, plan.floors), rowsOf(RoomEntity, plan.rooms), rowsOf(BedEntity, plan.beds)];
    const stays = [rowsOf(StayEntity, plan.stays), rowsOf(BedStayEntity, plan.bedStays), rowsOf(BedBookingEntity, plan.bedBookings), rowsOf(TheatreBookingEntity, plan.theatreBookings)];
    return [...places, ...stays, rowsOf(ChargeEntity, plan.charges)];
  }),
  staffedStep('rotas', (ctx, staff) => {
    const { rotaWeeksBack: weeksBack, rotaWeeksAhead: weeksAhead } = ctx.options;
    const plan = planRotas(ctx.random, ctx.chain, staff, { weeksBack, weeksAhead });
    ctx.rotas = { from: plan.from, to: plan.to, census: plan.census };
    return [rowsOf(ShiftTypeEntity, plan.shiftTypes), rowsOf(RotaRulesEntity, plan.rules), rowsOf(CoverageRuleEntity, plan.coverage), rowsOf(StaffLeaveEntity, plan.leave), rowsOf(ShiftAssignmentEntity, plan.assignments)];
  }),
  {
    name: 'billing',
    run: async (ctx) => {
      if (!ctx.staff) return;
      const plan = planBilling(ctx.random, ctx.chain, ctx.staff, ctx.patients, ctx.visits, ctx.roomCharges, {
        invoices: ctx.options.invoices,
        firstChargeId: ctx.roomCharges.length + 1,
      });
      ctx.catalog = plan.catalog;
      const printed = invoicesToPrint(plan, ctx.options.invoicePdfs);
      const setup = [rowsOf(CatalogItemEntity, plan.catalog), rowsOf(BillingSettingsEntity, plan.settings), rowsOf(ChargeEntity, plan.charges)];
      const invoices = [rowsOf(InvoiceEntity, plan.invoices), rowsOf(InvoiceLineEntity, plan.lines), rowsOf(PaymentEntity, plan.payments)];
      // The stored PDFs come after these, counted in the step's progress.
      const billing = await writeTables(ctx, 'billing', [...setup, ...invoices], printed.length);
      // The wards step wrote the room charges unbilled; those now on an invoice that is not void point to it.
      if (plan.roomChargeInvoices.size) {
        await ctx.writer.query(
          `UPDATE charges c JOIN invoice_lines l ON l.charge_id = c.id JOIN invoices i ON i.id = l.invoice_id
              SET c.invoice_id = i.id WHERE c.source_type = 'stay' AND c.id < ? AND i.status <> 'void'`,
          [ctx.roomCharges.length + 1],
        );
      }
      await writeSequences(ctx, plan.sequences);

      // The stored PDFs of the latest invoices, as issuing (or voiding) them stored it; the others are made on first print.
      const pdfStarted = performance.now();
      if (printed.length) {
        const ids = [...new Set(printed.map((i) => i.patient_id))];
        const patients = new Map<number, PrintedPatient>();
        for (let i = 0; i < ids.length; i += 5000) {
          const [rows] = await ctx.writer.pool.query(`SELECT id, patient_number, first_name, middle_name, last_name FROM patients WHERE id IN (${ids.slice(i, i + 5000).join(',')})`);
          for (const p of rows as PrintedPatient[]) patients.set(Number(p.id), p);
        }
        const linesOf = new Map<number, InvoiceLineRow[]>();
        const wanted = new Set(printed.map((i) => i.id));
        for (const l of plan.lines) if (wanted.has(l.invoice_id)) linesOf.set(l.invoice_id, [...(linesOf.get(l.invoice_id) ?? []), l]);
        const heads = ctx.chain.hospitals.map((h, k) => ({
          head: { name: h.name, address: h.address ?? '', region: h.region ?? '', taxNumber: plan.settings[k].tax_number, timeZone: h.time_zone },
          paper: plan.settings[k].paper,
        }));
        let docs: EntityRow<InvoiceDocumentEntity>[] = [];
        for (const row of printed) {
          const { invoice, at } = invoiceAsPrinted(row, linesOf.get(row.id) ?? [], patients.get(row.patient_id)!);
          const { head, paper } = heads[row.hospital_id - 1];
          const { bytes, pages } = await renderInvoicePdf(invoice, head, { paper, at });
          docs.push({ invoice_id: row.id, pdf: bytes, sha256: createHash('sha256').update(bytes).digest('hex'), pages, created_at: (row.status === 'void' ? row.voided_at : row.issued_at)! });
          // A few megabytes a statement, well inside max_allowed_packet.
          if (docs.length === 50) {
            await billing.write(InvoiceDocumentEntity, docs);
            docs = [];
          }
        }
        await billing.write(InvoiceDocumentEntity, docs);
      }
      await billing.finish();
      ctx.billing = { census: plan.census, pdfs: printed.length, pdfMs: performance.now() - pdfStarted };
    },
  },
  {
    name: 'clinical',
    run: async (ctx) => {
      // The ICD-10 starter list, as setting up an installation installs it; diagnoses are coded from it.
      await ctx.writer.flush();
      await installStarterCodes(ctx.ds.manager);
      ctx.rows.icd10_codes = ICD10_STARTER.length;
      if (!ctx.staff) return;
      const plan = planClinical(ctx.random, ctx.chain, ctx.staff, ctx.patients, ctx.consultations, ctx.stays, ctx.catalog, {
        firstCatalogId: ctx.catalog.length + 1,
        firstChargeId: (ctx.rows.charges ?? 0) + 1,
        encounters: ctx.options.encounters,
      });
      ctx.clinical = plan.census;
      // Parents first: the catalog and stock, then encounters and what hangs on them, the movements and charges last.
      const catalog = [rowsOf(CatalogItemEntity, plan.catalog), rowsOf(TestDefinitionEntity, plan.testDefinitions), rowsOf(TestRangeEntity, plan.testRanges)];
      const stock = [rowsOf(MedicineItemEntity, plan.medicineItems), rowsOf(StockBatchEntity, plan.stockBatches)];
      const records = [rowsOf(EncounterEntity, plan.encounters), rowsOf(DiagnosisEntity, plan.diagnoses), rowsOf(ProcedureEntity, plan.procedures), rowsOf(TestOrderEntity, plan.testOrders), rowsOf(TestResultEntity, plan.testResults)];
      const pharmacy = [rowsOf(PrescriptionEntity, plan.prescriptions), rowsOf(DispensingEntity, plan.dispensings), rowsOf(StockMovementEntity, plan.stockMovements), rowsOf(ChargeEntity, plan.charges)];
      await (await writeTables(ctx, 'clinical', [...catalog, ...stock, ...records, ...pharmacy])).finish();
    },
  },
  { name: 'payroll', run: seedPayroll },
  {
    name: 'statistics',
    run: async (ctx) => {
      // The tables were opened empty: until the index statistics are read again the optimizer plans for empty tables (a
      // week rota of 200 staff went through every shift of the hospital by shift type: 130 ms instead of 5).
      const tables = Object.keys(ctx.rows).filter((t) => /^[a-z_]+$/.test(t));
      if (tables.length) await ctx.writer.query(`ANALYZE TABLE ${tables.map(quoteName).join(', ')}`);
    },
  },
  {
    name: 'audit',
    run: async (ctx) => {
      const { seed, asOf, patients, appointments, doctorsPerDepartment, bedBookings, rotaWeeksBack, rotaWeeksAhead } = ctx.options;
      const beds = Object.fromEntries(ctx.chain.hospitals.map((h, i) => [h.code, ctx.options.beds[i]]));
      await ctx.ds.transaction((em) =>
        appendAudit(em, { userId: null, username: null }, 'cli.seed', ctx.options.clock(), [
          {
            action: 'seed.demo_data',
            changes: {
              seed,
              asOf,
              patients,
              appointments: ctx.rows.appointments ?? 0,
              requestedAppointments: appointments,
              doctorsPerDepartment,
              beds,
              bedBookings,
              staffAt: Object.fromEntries(ctx.options.departmentStaff),
              rotaWeeksBack,
              rotaWeeksAhead,
              shifts: ctx.rows.shift_assignments ?? 0,
              invoices: ctx.rows.invoices ?? 0,
              requestedInvoices: ctx.options.invoices,
              encounters: ctx.rows.encounters ?? 0,
              maxEncounters: ctx.options.encounters,
              hospitals: ctx.chain.hospitals.map((h) => h.code),
            },
          },
        ]),
      );
    },
  },
];

/** Registration continues after the seeded numbers: each counter stands one past the highest number it gave. */
async function writeSequences(ctx: SeedContext, sequences: SequencePosition[]): Promise<void> {
  await ctx.writer.flush();
  await advanceSequences(ctx.ds.manager, sequences);
  ctx.rows.number_sequences = (ctx.rows.number_sequences ?? 0) + sequences.length;
}

const quoteName = (name: string) => `\`${name.replace(/`/g, '')}\``;

async function dropDatabase(t: DbTarget): Promise<void> {
  const conn = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${quoteName(t.database)}`);
  } finally {
    await conn.end().catch(() => undefined);
  }
}

/** Demo rows mixed into real (or earlier demo) rows would be a mess nobody can undo: say so, and how to start afresh. */
async function refuseIfNotEmpty(ds: DataSource, t: DbTarget): Promise<void> {
  const [row] = await ds.query(
    'SELECT (SELECT COUNT(*) FROM hospitals) AS hospitals, (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM patients) AS patients',
  );
  const counts = { hospitals: Number(row.hospitals), users: Number(row.users), patients: Number(row.patients) };
  if (counts.hospitals + counts.users + counts.patients === 0) return;
  const held = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`)
    .join(', ');
  throw new Error(
    `The database "${t.database}" already holds data (${held}); seeding would mix demo records into it. ` +
      `Run again with --reset to drop and recreate "${t.database}", or point HMS_DATABASE_URL at a new database.`,
  );
}

/** Beds of each hospital in chain order: `beds` everywhere (default DEFAULT_BEDS), `bedsAt` by code over it. */
export function bedsPerHospital(options: Pick<SeedOptions, 'beds' | 'bedsAt'>, sites: readonly { code: string }[] = SITES): number[] {
  const check = (n: number, what: string) => {
    if (!Number.isSafeInteger(n) || n < 0 || n > MAX_BEDS) throw new Error(`${what} must be a whole number of beds from 0 to ${MAX_BEDS.toLocaleString('en-US')}, not ${n}`);
    return n;
  };
  const all = check(options.beds ?? DEFAULT_BEDS, '--beds');
  const at = options.bedsAt ?? {};
  for (const code of Object.keys(at)) {
    if (!sites.some((s) => s.code === code)) throw new Error(`--beds-at: no hospital "${code}"; the codes are ${sites.map((s) => s.code).join(', ')}`);
  }
  return sites.map((s) => check(at[s.code] ?? all, `--beds-at ${s.code}`));
}

/** Three per patient, at most 200,000 (a million is there for the asking: --appointments 1000000). */
export const defaultAppointments = (patients: number): number => Math.min(patients * 3, 200_000);

export async function seedDatabase(target: DbTarget, options: SeedOptions, onProgress: (p: SeedProgress) => void = () => {}): Promise<SeedSummary> {
  const beds = bedsPerHospital(options);
  const asOf = options.asOf ?? DEFAULT_AS_OF;
  const chain = planChain(SeedRandom.for(options.seed, 'chain'), asOf);
  const opts: SeedContext['options'] = {
    patients: options.patients,
    beds,
    bedBookings: options.bedBookings ?? DEFAULT_BOOKINGS_PER_BED * beds.reduce((s, b) => s + b, 0),
    stayHistoryDays: options.stayHistoryDays ?? STAY_HISTORY_DAYS,
    appointments: options.appointments ?? defaultAppointments(options.patients),
    doctorsPerDepartment: options.doctorsPerDepartment ?? DEFAULT_DOCTORS_PER_DEPARTMENT,
    departmentStaff: departmentStaffTargets(chain, options.staffAt),
    rotaWeeksBack: options.rotaWeeksBack ?? DEFAULT_ROTA_WEEKS_BACK,
    rotaWeeksAhead: options.rotaWeeksAhead ?? DEFAULT_ROTA_WEEKS_AHEAD,
    invoices: options.invoices ?? defaultInvoices(options.patients),
    invoicePdfs: options.invoicePdfs ?? DEFAULT_INVOICE_PDFS,
    encounters: options.encounters ?? DEFAULT_ENCOUNTERS,
    payrollRuns: options.payrollRuns ?? MAX_PAYROLL_RUNS,
    seed: options.seed,
    asOf,
    batchRows: options.batchRows ?? 2000,
    connections: options.connections ?? 2,
    clock: options.clock ?? (() => new Date()),
  };
  if (!Number.isSafeInteger(opts.patients) || opts.patients < 0) throw new Error('--patients must be a whole number ≥ 0');
  if (!Number.isSafeInteger(opts.seed)) throw new Error('--seed must be a whole number');
  if (!Number.isSafeInteger(opts.appointments) || opts.appointments < 0) throw new Error('--appointments must be a whole number ≥ 0');
  if (opts.appointments > 0 && opts.patients === 0) throw new Error('--appointments needs patients to book: give --patients as well');
  if (!Number.isSafeInteger(opts.doctorsPerDepartment) || opts.doctorsPerDepartment < 1 || opts.doctorsPerDepartment > 500) {
    throw new Error('--doctors-per-department must be a whole number from 1 to 500');
  }
  if (!Number.isSafeInteger(opts.bedBookings) || opts.bedBookings < 0) throw new Error('--bed-bookings must be a whole number ≥ 0');
  if (!Number.isSafeInteger(opts.stayHistoryDays) || opts.stayHistoryDays < 1 || opts.stayHistoryDays > 3 * 366) throw new Error('stayHistoryDays must be a whole number of days from 1 to 1,098');
  for (const [flag, weeks] of [['--rota-weeks-back', opts.rotaWeeksBack], ['--rota-weeks-ahead', opts.rotaWeeksAhead]] as const) {
    if (!Number.isSafeInteger(weeks) || weeks < 0 || weeks > MAX_ROTA_WEEKS) throw new Error(`${flag} must be a whole number of weeks from 0 to ${MAX_ROTA_WEEKS}`);
  }
  if (!Number.isSafeInteger(opts.invoices) || opts.invoices < 0) throw new Error('--invoices must be a whole number ≥ 0');
  if (!Number.isSafeInteger(opts.invoicePdfs) || opts.invoicePdfs < 0) throw new Error('--invoice-pdfs must be a whole number ≥ 0');
  if (!Number.isSafeInteger(opts.encounters) || opts.encounters < 0) throw new Error('--encounters must be a whole number ≥ 0');
  if (!Number.isSafeInteger(opts.payrollRuns) || opts.payrollRuns < 0) throw new Error('--payroll-runs must be a whole number ≥ 0');
  const started = performance.now();
  if (options.reset) await dropDatabase(target);
  const flavor = await ensureDatabase(target);
  const ds = await createDataSource(target, ENTITIES, 2, flavor).initialize();
  let writer: BulkWriter | null = null;
  try {
    await migrate(ds);
    await refuseIfNotEmpty(ds, target);
    writer = BulkWriter.open(target, ds, opts.connections);
    const w = writer;
    // Concurrent multi-row INSERTs would deadlock on the report summaries' shared rows: rebuilt once at the end instead.
    w.pool.on('connection', (c) => c.query(DEFER_REPORT_SUMMARIES));
    const rows: Record<string, number> = {};
    const timings: Record<string, number> = {};
    let stepStarted = performance.now();
    const ctx: SeedContext = {
      options: opts,
      chain,
      writer: w,
      ds,
      patients: emptyPatientIndex(opts.patients),
      staff: null,
      appointmentDays: null,
      wards: [],
      rotas: null,
      visits: new CompletedVisits(),
      roomCharges: [],
      billing: null,
      consultations: new Consultations(),
      stays: [],
      catalog: [],
      clinical: [],
      payroll: null,
      rows,
      timings,
      random: (purpose) => SeedRandom.for(opts.seed, purpose),
      progress: (step, done, total) => onProgress({ step, done, total, elapsedMs: performance.now() - stepStarted }),
      insert: async (entity, list) => {
        if (list.length === 0) return;
        await w.insert(entity, list);
        const table = w.tableOf(entity);
        rows[table] = (rows[table] ?? 0) + list.length;
      },
      batches: (step, total) => {
        let done = 0;
        return async (table, list, batch = opts.batchRows) => {
          for (let i = 0; i < list.length; i += batch) {
            const part = list.slice(i, i + batch);
            await ctx.insert(table, part);
            done += part.length;
            ctx.progress(step, done, total);
          }
        };
      },
    };
    for (const step of SEED_STEPS) {
      stepStarted = performance.now();
      await step.run(ctx);
      await w.flush();
      timings[step.name] = performance.now() - stepStarted;
    }
    await rebuildReportSummaries((statement) => ds.query(statement));
    const patientSeconds = (timings.patients ?? 0) / 1000;
    const appointmentSeconds = (timings.appointments ?? 0) / 1000;
    return {
      database: target.database,
      seed: opts.seed,
      asOf: opts.asOf,
      rows,
      seconds: (performance.now() - started) / 1000,
      patientSeconds,
      patientsPerSecond: patientSeconds > 0 ? opts.patients / patientSeconds : 0,
      appointmentSeconds,
      appointmentsPerSecond: appointmentSeconds > 0 ? (rows.appointments ?? 0) / appointmentSeconds : 0,
      appointmentsFrom: ctx.appointmentDays?.from ?? null,
      appointmentsTo: ctx.appointmentDays?.to ?? null,
      wardSeconds: (timings.wards ?? 0) / 1000,
      wards: ctx.wards,
      rotaSeconds: (timings.rotas ?? 0) / 1000,
      rotaFrom: ctx.rotas?.from ?? null,
      rotaTo: ctx.rotas?.to ?? null,
      rotas: ctx.rotas?.census ?? [],
      billingSeconds: (timings.billing ?? 0) / 1000,
      billing: ctx.billing?.census ?? [],
      invoicePdfs: ctx.billing?.pdfs ?? 0,
      invoicePdfSeconds: (ctx.billing?.pdfMs ?? 0) / 1000,
      clinicalSeconds: (timings.clinical ?? 0) / 1000,
      clinical: ctx.clinical,
      payrollSeconds: (timings.payroll ?? 0) / 1000,
      payroll: ctx.payroll ?? { months: [], slips: 0, pdfs: 0 },
      chain: ctx.chain,
      demoPassword: DEMO_PASSWORD,
    };
  } finally {
    await writer?.close();
    await ds.destroy().catch(() => undefined);
  }
}
