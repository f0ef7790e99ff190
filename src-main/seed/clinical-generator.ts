// Seeded clinical records and pharmacy stock: each hospital's test catalog (with the catalog items it is charged at)
// and medicine list; an encounter for each recent completed appointment (signed when it was completed) and ward rounds
// of the stays, with vitals, ICD-10 diagnoses, procedures, tests and results, prescriptions; stock received in batches
// and dispensed first-expiry-first-out day by day, so every batch, movement, dispensing and charge agrees with the rest.
import type { EntityRow } from '../db/writer';
import type {
  DiagnosisEntity,
  EncounterEntity,
  PrescriptionEntity,
  ProcedureEntity,
  TestDefinitionEntity,
  TestOrderEntity,
  TestRangeEntity,
  TestResultEntity,
} from '../features/clinical';
import { ICD10_STARTER } from '../features/clinical';
import type { DispensingEntity, MedicineItemEntity, StockBatchEntity, StockMovementEntity } from '../features/pharmacy';
import { medicineLabel } from '../features/pharmacy';
import {
  ageInYears,
  allergyMatches,
  planDispense,
  rangeFor,
  resultFlag,
  VITAL_RANGES,
  VITALS,
  EXPIRY_WARNING_DAYS,
  type ReferenceRange,
  type Vital,
  type Vitals,
} from '@shared/domain/clinical';
import { doctorName } from '@shared/domain/format';
import { DayNames, epochDay, Weighted, type ChainPlan, type HospitalRow, type SeedRandom } from './generator';
import { NOW_MINUTE, PATIENT_SEXES, type AppointmentRow, type PatientIndex } from './appointment-generator';
import { LocalClock, type StaffPlan, type StaffRow } from './staff-generator';
import type { ChargeRow, StayRow } from './ward-generator';
import { price, type CatalogItemRow } from './billing-generator';
import {
  MEDICINES,
  PRESCRIPTION_CANCEL_REASONS,
  ROUNDS,
  RX,
  SUPPLIERS,
  TEST_CANCEL_REASONS,
  TESTS,
  VISITS,
  type Bias,
  type MedicineSpec,
  type RxSlot,
  type Scenario,
  type TestSpec,
  type TestUnits,
  type VitalSign,
} from './clinical-data';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DAMAGE_NOTES = ['Bottle broken on the shelf', 'Blister packs crushed in delivery', 'Water damage in the store', 'Seal broken, not safe to dispense'];
/** Encounters of each kind (visits, ward rounds) unless --encounters says otherwise: the most recent ones. */
export const DEFAULT_ENCOUNTERS = 20_000;

// ---- rows ----

export type TestDefinitionRow = EntityRow<TestDefinitionEntity>;
export type TestRangeRow = EntityRow<TestRangeEntity>;
export type EncounterRow = EntityRow<EncounterEntity>;
export type DiagnosisRow = EntityRow<DiagnosisEntity>;
export type ProcedureRow = EntityRow<ProcedureEntity>;
export type TestOrderRow = EntityRow<TestOrderEntity>;
export type TestResultRow = EntityRow<TestResultEntity>;
export type PrescriptionRow = EntityRow<PrescriptionEntity>;
export type MedicineItemRow = EntityRow<MedicineItemEntity>;
export type StockBatchRow = EntityRow<StockBatchEntity>;
export type StockMovementRow = EntityRow<StockMovementEntity>;
export type DispensingRow = EntityRow<DispensingEntity>;

/** One hospital's clinical records and pharmacy at the reference date, for the summary. */
export interface ClinicalCensus {
  code: string;
  tests: number;
  medicines: number;
  visits: number;
  rounds: number;
  open: number;
  diagnoses: number;
  testOrders: number;
  results: number;
  prescriptions: number;
  dispensings: number;
  batches: number;
  /** Medicines at or below their reorder level, batches expiring within EXPIRY_WARNING_DAYS, expired batches still on the shelf. */
  low: number;
  expiring: number;
  expired: number;
}

export interface ClinicalPlan {
  catalog: CatalogItemRow[];
  testDefinitions: TestDefinitionRow[];
  testRanges: TestRangeRow[];
  medicineItems: MedicineItemRow[];
  stockBatches: StockBatchRow[];
  encounters: EncounterRow[];
  diagnoses: DiagnosisRow[];
  procedures: ProcedureRow[];
  testOrders: TestOrderRow[];
  testResults: TestResultRow[];
  prescriptions: PrescriptionRow[];
  dispensings: DispensingRow[];
  stockMovements: StockMovementRow[];
  charges: ChargeRow[];
  census: ClinicalCensus[];
}

export interface ClinicalOptions {
  /** Id of the first catalog item and charge this step writes (billing wrote those before). */
  firstCatalogId: number;
  firstChargeId: number;
  /** At most this many visits and this many ward rounds, the most recent (default DEFAULT_ENCOUNTERS). */
  encounters?: number;
}

// ---- what earlier steps leave ----

/** Appointments seen by a doctor, as the appointments step streams past: completed ones and those checked in now. */
export class Consultations {
  readonly id: number[] = [];
  readonly hospital: number[] = [];
  readonly doctor: number[] = [];
  readonly patient: number[] = [];
  readonly reason: (string | null)[] = [];
  /** When the doctor saw the patient (after check-in and the slot's start). */
  readonly startMs: number[] = [];
  /** When the appointment was completed; NaN while the patient is still checked in. */
  readonly completedMs: number[] = [];

  get length(): number {
    return this.id.length;
  }

  record(rows: readonly AppointmentRow[]): void {
    for (const a of rows) {
      if (a.status !== 'completed' && a.status !== 'checked_in') continue;
      this.id.push(a.id);
      this.hospital.push(a.hospital_id);
      this.doctor.push(a.doctor_id);
      this.patient.push(a.patient_id);
      this.reason.push(a.reason);
      this.startMs.push(Math.max(instantMs(a.starts_at), instantMs(a.checked_in_at!)));
      this.completedMs.push(a.completed_at === null ? NaN : instantMs(a.completed_at));
    }
  }
}

const instantMs = (sql: string): number => Date.parse(`${sql.replace(' ', 'T')}Z`);

// ---- small helpers ----

/** Roughly normal: mean 0, sd 1, within ±3. */
const gauss = (r: SeedRandom) => (r.next() + r.next() + r.next() - 1.5) * 2;
const roundTo = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const roundUp = (x: number, step: number) => Math.max(step, Math.ceil(x / step) * step);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** A medicine's price per unit: shillings in fifties, rupees in halves, dollars in cents. */
function unitPrice(r: SeedRandom, hospital: HospitalRow, [ugx, inr, usd]: readonly [number, number, number]): number {
  const spread = 0.9 + r.next() * 0.2;
  switch (hospital.currency) {
    case 'UGX':
      return Math.max(50, Math.round((ugx * spread) / 50) * 50);
    case 'INR':
      return Math.max(50, Math.round((inr * spread * 100) / 50) * 50);
    default:
      return Math.max(1, Math.round(usd * spread * 100));
  }
}

const countryIndex = (country: string) => (country === 'UG' ? 0 : country === 'IN' ? 1 : 2);

interface Actor {
  id: number;
  name: string;
}

interface Test {
  row: TestDefinitionRow;
  spec: TestSpec;
  units: TestUnits;
  item: CatalogItemRow | null;
}

interface Medicine {
  row: MedicineItemRow;
  spec: MedicineSpec;
  label: string;
  /** Units asked for over the run, to size deliveries. */
  demand: number;
}

/** What the pharmacy is asked to hand out for a prescription, and when. */
interface Request {
  p: PrescriptionRow;
  med: Medicine;
  atMs: number;
}

interface DraftEncounter {
  h: number;
  patient: number;
  doctor: StaffRow;
  kind: 'outpatient' | 'inpatient';
  appointmentId: number | null;
  stay: StayRow | null;
  roundDay: number | null;
  /** First round of its stay: the whole work-up; later rounds add less. */
  firstRound: boolean;
  reason: string | null;
  startMs: number;
  /** Signed at; NaN while open. */
  signedMs: number;
}

// ---- the plan ----

export function planClinical(
  random: (purpose: string) => SeedRandom,
  chain: ChainPlan,
  staff: StaffPlan,
  patients: PatientIndex,
  consultations: Consultations,
  stays: readonly StayRow[],
  billingCatalog: readonly CatalogItemRow[],
  options: ClinicalOptions,
): ClinicalPlan {
  const plan: ClinicalPlan = {
    catalog: [],
    testDefinitions: [],
    testRanges: [],
    medicineItems: [],
    stockBatches: [],
    encounters: [],
    diagnoses: [],
    procedures: [],
    testOrders: [],
    testResults: [],
    prescriptions: [],
    dispensings: [],
    stockMovements: [],
    charges: [],
    census: [],
  };
  const asOfDay = epochDay(chain.asOf);
  const days = new DayNames(asOfDay - 4 * 366, asOfDay + 4 * 366);
  const clocks = chain.hospitals.map((h) => new LocalClock(h.time_zone));
  const nowMs = clocks.map((c) => c.utc(asOfDay, NOW_MINUTE));
  const localDay = (h: number, ms: number): number => {
    let d = Math.floor(ms / DAY_MS);
    while (clocks[h].utc(d, 0) > ms) d--;
    while (clocks[h].utc(d + 1, 0) <= ms) d++;
    return d;
  };
  const codes = new Map(ICD10_STARTER.map((c) => [c.code, c.title]));
  const founded = chain.hospitals[0]?.created_at ?? `${chain.asOf} 00:00:00.000`;
  const max = options.encounters ?? DEFAULT_ENCOUNTERS;

  // People: doctors by staff id; nurses record results; the pharmacist receives and dispenses.
  const staffById = new Map(staff.staff.map((s) => [s.id, s]));
  const userName = new Map(chain.users.map((u) => [u.id, u.full_name]));
  const accounts = (h: number, role: string): Actor[] =>
    chain.accountPeople.filter((a) => a.hospitalIndex === h && a.role === role).map((a) => ({ id: a.userId, name: userName.get(a.userId) ?? `${a.first} ${a.last}` }));
  const nurses = chain.hospitals.map((_, h) => accounts(h, 'nurse'));
  const pharmacists = chain.hospitals.map((_, h) => {
    const list = accounts(h, 'pharmacist');
    return list.length ? list : [...accounts(h, 'manager'), ...accounts(h, 'admin')];
  });

  // ---- each hospital's test catalog and medicines ----
  const rc = random('clinical:catalog');
  const catalogByCode = chain.hospitals.map(() => new Map<string, CatalogItemRow>());
  for (const item of billingCatalog) catalogByCode[item.hospital_id - 1]?.set(item.code, item);
  const tests = chain.hospitals.map(() => new Map<string, Test>());
  const medicines = chain.hospitals.map(() => new Map<string, Medicine>());
  chain.hospitals.forEach((hospital, h) => {
    for (const spec of TESTS) {
      let item = catalogByCode[h].get(spec.catalog) ?? null;
      if (!item && spec.price) {
        item = {
          id: options.firstCatalogId + plan.catalog.length,
          hospital_id: hospital.id,
          code: spec.catalog,
          description: spec.name,
          category: 'test',
          price: price(rc, hospital, ...spec.price),
          tax_rate_bp: 0,
          active: true,
          created_at: founded,
        };
        plan.catalog.push(item);
        catalogByCode[h].set(item.code, item);
      }
      const units = hospital.country !== 'UG' && spec.conventional ? spec.conventional : spec.si;
      const row: TestDefinitionRow = {
        id: plan.testDefinitions.length + 1,
        hospital_id: hospital.id,
        code: spec.code,
        name: spec.name,
        kind: spec.kind,
        unit: units.unit,
        ucum: units.ucum,
        loinc: units.loinc,
        catalog_item_id: item?.id ?? null,
        active: true,
        created_at: founded,
      };
      plan.testDefinitions.push(row);
      for (const range of units.ranges) {
        plan.testRanges.push({
          id: plan.testRanges.length + 1,
          test_id: row.id,
          sex: range.sex,
          age_from_years: range.ageFromYears,
          age_to_years: range.ageToYears,
          low: range.low,
          high: range.high,
          critical_low: range.criticalLow,
          critical_high: range.criticalHigh,
        });
      }
      tests[h].set(spec.code, { row, spec, units, item });
    }
    for (const spec of MEDICINES) {
      if (spec.countries && !spec.countries.includes(hospital.country)) continue;
      const row: MedicineItemRow = {
        id: plan.medicineItems.length + 1,
        hospital_id: hospital.id,
        name: spec.name,
        strength: spec.strength,
        form: spec.form,
        active_ingredient: spec.ingredient,
        unit_price: unitPrice(rc, hospital, spec.price),
        tax_rate_bp: hospital.default_tax_rate_bp,
        reorder_level: 0,
        on_hand: 0,
        active: true,
        created_at: founded,
        version: 1,
      };
      plan.medicineItems.push(row);
      medicines[h].set(spec.key, { row, spec, label: medicineLabel(row), demand: 0 });
    }
  });

  // ---- which encounters there are ----
  const drafts: DraftEncounter[] = [];
  {
    const visits: DraftEncounter[] = [];
    const rv = random('clinical:visits');
    for (let i = 0; i < consultations.length; i++) {
      const h = consultations.hospital[i] - 1;
      const doctor = staffById.get(consultations.doctor[i]);
      if (!doctor) continue;
      const completed = consultations.completedMs[i];
      // A doctor has opened the record of most patients waiting in the room now.
      const startMs = consultations.startMs[i] + rv.between(1, 4) * MINUTE_MS;
      if (Number.isNaN(completed) ? startMs > nowMs[h] || !rv.chance(0.6) : startMs >= completed) continue;
      visits.push({
        h,
        patient: consultations.patient[i],
        doctor,
        kind: 'outpatient',
        appointmentId: consultations.id[i],
        stay: null,
        roundDay: null,
        firstRound: true,
        reason: consultations.reason[i],
        startMs,
        signedMs: completed,
      });
    }
    visits.sort((a, b) => b.startMs - a.startMs || (a.appointmentId ?? 0) - (b.appointmentId ?? 0));
    drafts.push(...visits.slice(0, max));

    const rounds: DraftEncounter[] = [];
    const rr = random('clinical:rounds');
    for (const stay of stays) {
      const h = stay.hospital_id - 1;
      const doctor = staffById.get(stay.attending_doctor_id);
      if (!doctor) continue;
      const admittedMs = instantMs(stay.admitted_at);
      const endMs = stay.discharged_at === null ? nowMs[h] : instantMs(stay.discharged_at);
      const seen = new Set<number>();
      let first = true;
      for (let day = localDay(h, admittedMs); day <= localDay(h, endMs); day++) {
        // The admitting round, then about every third day; today's round of most current stays.
        const isFirst = first;
        const today = day === asOfDay;
        if (!isFirst && !rr.chance(today ? 0.6 : 0.3)) continue;
        const startMs = isFirst ? admittedMs + rr.between(20, 120) * MINUTE_MS : clocks[h].utc(day, rr.between(8 * 60, 11 * 60 + 30));
        const roundDay = localDay(h, startMs);
        if (startMs >= endMs - 5 * MINUTE_MS || startMs > nowMs[h] || seen.has(roundDay)) continue;
        seen.add(roundDay);
        first = false;
        const signedMs = startMs + rr.between(15, 50) * MINUTE_MS;
        const open = signedMs > nowMs[h] || (roundDay === asOfDay && stay.discharged_at === null && rr.chance(0.4));
        rounds.push({
          h,
          patient: stay.patient_id,
          doctor,
          kind: 'inpatient',
          appointmentId: null,
          stay,
          roundDay,
          firstRound: isFirst,
          reason: stay.reason,
          startMs,
          signedMs: open ? NaN : Math.min(signedMs, endMs - MINUTE_MS),
        });
      }
    }
    rounds.sort((a, b) => b.startMs - a.startMs || (a.stay?.id ?? 0) - (b.stay?.id ?? 0));
    drafts.push(...rounds.slice(0, max));
  }
  drafts.sort((a, b) => a.startMs - b.startMs || (a.appointmentId ?? 0) - (b.appointmentId ?? 0) || (a.stay?.id ?? 0) - (b.stay?.id ?? 0));

  // ---- each encounter's content ----
  const r = random('clinical:care');
  const requests: Request[][] = chain.hospitals.map(() => []);
  const charges: { row: ChargeRow; onto: { charge_id: number | null } }[] = [];
  const stayScenario = new Map<number, Scenario>();
  /** What a stay's rounds have prescribed: a course is written once, later rounds add what is new. */
  const stayMedicines = new Map<number, Set<string>>();
  const visitTables = [0, 1, 2].map((c) => new Weighted(VISITS.filter((s) => s.weight[c] > 0).map((s) => [s, s.weight[c]] as const)));
  const usable = (s: Scenario, age: number, sex: string) =>
    (!s.ages || (age >= s.ages[0] && age <= s.ages[1])) && (!s.sex || s.sex === sex) && s.primary.some((c) => codes.has(c));
  const chooseVisit = (reason: string | null, age: number, sex: string, country: number): Scenario => {
    if (reason) {
      const fits = VISITS.filter((s) => s.reasons?.test(reason) && usable(s, age, sex));
      if (fits.length) return r.weighted(new Weighted(fits.map((s) => [s, s.weight[country] + 0.5] as const)));
    }
    for (let tries = 0; tries < 20; tries++) {
      const s = r.weighted(visitTables[country]);
      if (usable(s, age, sex)) return s;
    }
    return VISITS.find((s) => s.key === 'urti')!;
  };
  const chargeOf = (h: number, patient: number, category: ChargeRow['category'], description: string, quantity: number, price: number, taxRateBp: number, serviceDay: number, source: [string, number], by: number | null, atMs: number) => ({
    id: 0,
    hospital_id: h + 1,
    patient_id: patient,
    category,
    description,
    quantity,
    unit_price: price,
    amount: Number(BigInt(price) * BigInt(quantity)),
    currency: chain.hospitals[h].currency,
    tax_rate_bp: taxRateBp,
    service_date: days.iso(serviceDay),
    source_type: source[0],
    source_id: source[1],
    invoice_id: null,
    created_by: by,
    created_at: days.instant(atMs),
  });

  drafts.forEach((d, k) => {
    const id = k + 1;
    const h = d.h;
    const hospital = chain.hospitals[h];
    const country = countryIndex(hospital.country);
    const p = d.patient - 1;
    const sex = PATIENT_SEXES[patients.sex[p]] ?? 'unknown';
    const day = localDay(h, d.startMs);
    const age = Math.max(0, ageInYears(days.iso(patients.birthDay[p]), days.iso(day)));
    const allergies = patients.allergies.get(d.patient) ?? null;
    const open = Number.isNaN(d.signedMs);
    // Everything the doctor records falls between opening and signing (or now, while open).
    const endMs = open ? Math.max(d.startMs + MINUTE_MS, Math.min(nowMs[h], d.startMs + 40 * MINUTE_MS)) : d.signedMs;
    const during = () => d.startMs + Math.floor((0.1 + 0.85 * r.next()) * (endMs - d.startMs));
    const doctorUser = d.doctor.user_id;
    const doctor = doctorName(d.doctor.first_name, d.doctor.last_name);

    let scenario: Scenario;
    if (d.kind === 'outpatient') scenario = chooseVisit(d.reason, age, sex, country);
    else {
      const stayId = d.stay!.id;
      scenario = stayScenario.get(stayId) ?? ROUNDS.find((s) => s.reasons.test(d.reason ?? '') && s.primary.some((c) => codes.has(c))) ?? ROUNDS[ROUNDS.length - 1];
      stayScenario.set(stayId, scenario);
    }
    const later = d.kind === 'inpatient' && !d.firstRound;
    const weight = later ? 0.3 : 1;

    // Vitals.
    const vitals = vitalsOf(r, age, sex, country, scenario.vitals ?? [], later);
    const flagged = VITALS.filter((v) => vitals[v] !== null && isOut(v, vitals[v]!));

    // Diagnoses: the primary first, mostly confirmed; then others.
    const available = scenario.primary.filter((c) => codes.has(c));
    const primary = r.chance(0.75) ? available[0] : r.pick(available);
    const dx: [string, 'primary' | 'secondary'][] = [[primary, 'primary']];
    for (const [code, chance] of scenario.secondary ?? []) if (codes.has(code) && r.chance(chance) && dx.length < 3) dx.push([code, 'secondary']);
    if (age >= 40 && dx.length < 3 && r.chance(0.12)) {
      const comorbid = r.pick(['I10', 'E11.9', 'E78.5']);
      if (codes.has(comorbid)) dx.push([comorbid, 'secondary']);
    }
    const seenCodes = new Set<string>();
    for (const [code, rank] of dx) {
      if (seenCodes.has(code)) continue;
      seenCodes.add(code);
      plan.diagnoses.push({
        id: plan.diagnoses.length + 1,
        encounter_id: id,
        hospital_id: h + 1,
        patient_id: d.patient,
        code,
        title: codes.get(code)!,
        rank,
        certainty: later || r.chance(rank === 'primary' ? 0.8 : 0.9) ? 'confirmed' : 'provisional',
        note: null,
        created_by: doctorUser,
        created_at: days.instant(during()),
      });
    }

    // Notes.
    const complaint = later ? `Ward round, day ${(d.roundDay ?? day) - localDay(h, instantMs(d.stay!.admitted_at)) + 1}` : r.pick(scenario.complaints);
    const vitalNote = flagged.length ? ` ${flagged.map((v) => `${VITAL_RANGES[v].label} ${vitals[v]} ${VITAL_RANGES[v].unit}`).join(', ')}.` : ' Observations within normal limits.';

    // Procedures.
    for (const [code, chance] of scenario.procedures ?? []) {
      const item = catalogByCode[h].get(code);
      if (!item || !item.active || !r.chance(chance * weight)) continue;
      const at = during();
      const quantity = code === 'TRT-IVF' && d.kind === 'inpatient' ? r.between(1, 3) : 1;
      const row: ProcedureRow = {
        id: plan.procedures.length + 1,
        encounter_id: id,
        hospital_id: h + 1,
        patient_id: d.patient,
        catalog_item_id: item.id,
        code: item.code,
        description: item.description,
        quantity,
        notes: null,
        performed_by: d.doctor.id,
        performed_by_name: doctor,
        performed_at: days.instant(at),
        charge_id: null,
      };
      plan.procedures.push(row);
      charges.push({ row: chargeOf(h, d.patient, item.category, item.description, quantity, item.price, item.tax_rate_bp, localDay(h, at), ['procedure', row.id], doctorUser, at), onto: row });
    }

    // Tests, resulted by the nurses and lab as the day goes on.
    for (const [code, chance, bias] of scenario.tests ?? []) {
      const test = tests[h].get(code);
      if (!test || !r.chance(chance * weight)) continue;
      const orderedMs = during();
      const imaging = test.spec.kind === 'imaging';
      const urgent = r.chance(d.kind === 'inpatient' ? 0.25 : 0.08);
      const order: TestOrderRow = {
        id: plan.testOrders.length + 1,
        encounter_id: id,
        hospital_id: h + 1,
        patient_id: d.patient,
        test_id: test.row.id,
        priority: urgent ? 'urgent' : 'routine',
        status: 'ordered',
        note: null,
        ordered_by: d.doctor.id,
        ordered_by_name: doctor,
        ordered_at: days.instant(orderedMs),
        cancel_reason: null,
        resulted_at: null,
        seen_at: null,
        charge_id: null,
        version: 1,
      };
      plan.testOrders.push(order);
      if (r.chance(0.02)) {
        order.status = 'cancelled';
        order.cancel_reason = r.pick(TEST_CANCEL_REASONS);
        order.version = 2;
        continue;
      }
      const resultMs = orderedMs + (urgent ? r.between(15, 90) : imaging ? r.between(30, 360) : r.between(25, 240)) * MINUTE_MS;
      if (resultMs > nowMs[h]) continue;
      const nurse = nurses[h].length ? r.pick(nurses[h]) : { id: doctorUser ?? 1, name: doctor };
      // The range is the one for the patient's age on the day of the result.
      // (As the app computes it: a baby registered before the recorded birth date has a negative age and no range.)
      const ageThen = (ms: number) => ageInYears(days.iso(patients.birthDay[p]), days.iso(localDay(h, ms)));
      const corrected = !imaging && r.chance(0.01);
      const first: TestResultRow = {
        id: plan.testResults.length + 1,
        order_id: order.id,
        ...resultOf(r, test, sex, ageThen(resultMs), bias),
        recorded_by: nurse.id,
        recorded_by_name: nurse.name,
        recorded_at: days.instant(resultMs),
        correction_reason: null,
        superseded_at: null,
      };
      plan.testResults.push(first);
      order.status = 'resulted';
      order.resulted_at = first.recorded_at;
      order.version = 2;
      let lastMs = resultMs;
      if (corrected) {
        const fixMs = resultMs + r.between(10, 120) * MINUTE_MS;
        if (fixMs <= nowMs[h]) {
          first.superseded_at = days.instant(fixMs);
          plan.testResults.push({
            id: plan.testResults.length + 1,
            order_id: order.id,
            ...resultOf(r, test, sex, ageThen(fixMs), bias),
            recorded_by: nurse.id,
            recorded_by_name: nurse.name,
            recorded_at: days.instant(fixMs),
            correction_reason: r.pick(['Transcription error', 'Wrong sample label corrected', 'Re-run on a fresh sample']),
            superseded_at: null,
          });
          // A correction is a result of its own: the order counts it, and the doctor is shown it as new.
          order.resulted_at = days.instant(fixMs);
          order.version = 3;
          lastMs = fixMs;
        }
      }
      // The ordering doctor has seen most results older than a day.
      const seenMs = lastMs + r.between(30, 20 * 60) * MINUTE_MS;
      if (seenMs <= nowMs[h] - DAY_MS || (seenMs <= nowMs[h] && r.chance(0.4))) {
        order.seen_at = days.instant(seenMs);
      }
      if (test.item) {
        charges.push({ row: chargeOf(h, d.patient, 'test', test.item.description, 1, test.item.price, test.item.tax_rate_bp, localDay(h, resultMs), ['test_order', order.id], nurse.id, resultMs), onto: order });
      }
    }

    // Prescriptions of stocked medicines the patient is not recorded as allergic to.
    const prescribed = d.stay ? (stayMedicines.get(d.stay.id) ?? new Set<string>()) : new Set<string>();
    if (d.stay) stayMedicines.set(d.stay.id, prescribed);
    for (const [chance, ...alternatives] of (scenario.rx ?? []) as readonly RxSlot[]) {
      if (!r.chance(chance * weight)) continue;
      for (const alt of alternatives) {
        const spec = RX[alt](age);
        const med = spec && medicines[h].get(spec.med);
        if (!spec || !med || prescribed.has(spec.med)) continue;
        if (allergyMatches(allergies, { name: med.row.name, activeIngredient: med.row.active_ingredient }).length) continue;
        prescribed.add(spec.med);
        const at = during();
        const row: PrescriptionRow = {
          id: plan.prescriptions.length + 1,
          encounter_id: id,
          hospital_id: h + 1,
          patient_id: d.patient,
          item_id: med.row.id,
          medicine: med.label,
          dose: spec.dose,
          dose_unit: spec.doseUnit,
          route: spec.route,
          frequency: spec.frequency,
          duration_days: spec.days,
          quantity: spec.quantity,
          instructions: spec.instructions,
          allergy_override_reason: null,
          status: 'active',
          dispensed_quantity: 0,
          prescribed_by: d.doctor.id,
          prescriber_name: doctor,
          prescribed_at: days.instant(at),
          cancel_reason: null,
          version: 1,
        };
        plan.prescriptions.push(row);
        med.demand += spec.quantity;
        if (r.chance(0.015)) {
          row.status = 'cancelled';
          row.cancel_reason = r.pick(PRESCRIPTION_CANCEL_REASONS);
          row.version = 2;
        } else if (!open && r.chance(d.kind === 'inpatient' ? 0.96 : 0.88)) {
          // Collected at the pharmacy after the visit; the ward's medicine comes up within a few hours.
          requests[h].push({ p: row, med, atMs: Math.max(at, d.signedMs) + r.between(5, d.kind === 'inpatient' ? 180 : 90) * MINUTE_MS });
        }
        break;
      }
    }

    plan.encounters.push({
      id,
      hospital_id: h + 1,
      patient_id: d.patient,
      doctor_id: d.doctor.id,
      kind: d.kind,
      appointment_id: d.appointmentId,
      stay_id: d.stay?.id ?? null,
      round_date: d.roundDay === null ? null : days.iso(d.roundDay),
      status: open ? 'open' : 'signed',
      started_at: days.instant(d.startMs),
      signed_at: open ? null : days.instant(d.signedMs),
      signed_by: open ? null : doctorUser,
      complaint,
      subjective: later ? 'Feels better than yesterday; eating and sleeping.' : `${complaint}.${allergies ? ` Known allergy: ${allergies}.` : ''}`,
      objective: `${scenario.findings}${vitalNote}`,
      assessment: dx.map(([c]) => codes.get(c)).join('; '),
      plan: scenario.plan,
      temperature_c: vitals.temperatureC,
      pulse: vitals.pulse,
      systolic: vitals.systolic,
      diastolic: vitals.diastolic,
      respiratory_rate: vitals.respiratoryRate,
      spo2: vitals.spo2,
      weight_kg: vitals.weightKg,
      height_cm: vitals.heightCm,
      created_by: doctorUser,
      // Opened, notes and vitals saved, and signed: a version each.
      version: open ? 2 : 3,
    });
  });

  // ---- the pharmacy, day by day: deliveries, write-offs of expired stock and dispensing, first expiry first out ----
  const movements: { row: StockMovementRow; ms: number; batch: StockBatchRow; dispensing?: DispensingRow }[] = [];
  const dispensings: { row: DispensingRow; ms: number }[] = [];
  const batches: { row: StockBatchRow; ms: number }[] = [];
  const firstDay = drafts.length ? Math.min(...chain.hospitals.map((_, h) => localDay(h, drafts[0].startMs))) : asOfDay - 30;
  chain.hospitals.forEach((hospital, h) => {
    const rs = random(`clinical:stock:${hospital.code}`);
    const meds = [...medicines[h].values()];
    if (meds.length === 0) return;
    const pharmacist = pharmacists[h][0] ?? { id: chain.users[0]?.id ?? 1, name: chain.users[0]?.full_name ?? 'Pharmacy' };
    const suppliers = SUPPLIERS[hospital.country] ?? SUPPLIERS.US;
    const span = Math.max(30, asOfDay - firstDay + 1);
    const shelves = new Map<Medicine, { row: StockBatchRow; writeOffDay: number }[]>();
    const numbers = new Set<string>();
    const pending = new Map<Medicine, number>(); // item → local day its delivery arrives
    const deliveries = new Map<number, { med: Medicine; quantity: number; shortDated: boolean }[]>();
    const followUps = new Map<number, Request[]>();
    // A few medicines are not reordered over the last month: they run low.
    const lowOnes = new Set([...meds].filter((m) => m.demand > 0).sort((a, b) => a.row.id - b.row.id).filter(() => rs.chance(0.08)));
    for (const med of meds) {
      const daily = med.demand / span;
      const small = med.spec.form !== 'tablet' && med.spec.form !== 'capsule';
      med.row.reorder_level = Math.max(small ? 5 : 50, roundUp(daily * 14, small ? 1 : 10));
      shelves.set(med, []);
    }
    const deliverySize = (med: Medicine) => roundUp(Math.max((med.demand / span) * rs.between(45, 90), med.row.reorder_level * 1.5), med.spec.pack);

    const receive = (med: Medicine, quantity: number, ms: number, shortDated: boolean, expiresOn?: number) => {
      const day = localDay(h, ms);
      let number: string;
      do number = `${rs.letters(2)}${rs.digits(5)}`;
      while (numbers.has(`${med.row.id}:${number}`));
      numbers.add(`${med.row.id}:${number}`);
      const expiry = expiresOn ?? day + (shortDated ? rs.between(60, 200) : rs.between(300, 1000));
      const row: StockBatchRow = {
        id: 0,
        item_id: med.row.id,
        hospital_id: hospital.id,
        batch_number: number,
        expiry_date: days.iso(expiry),
        supplier: rs.pick(suppliers),
        received_quantity: quantity,
        quantity,
        received_at: days.instant(ms),
        received_by: pharmacist.id,
      };
      batches.push({ row, ms });
      // Most expired stock is taken off the shelf within a fortnight; some is still there.
      shelves.get(med)!.push({ row, writeOffDay: rs.chance(0.85) ? expiry + rs.between(0, 14) : Infinity });
      movements.push({ row: stockMovement(hospital.id, med, 'receipt', quantity, null, null, pharmacist, ms), ms, batch: row });
    };

    // Opening stock, delivered before the first encounter (an older batch now and then, expiring sooner).
    for (const med of meds) {
      if (rs.chance(0.3)) {
        const ms = clocks[h].utc(firstDay - rs.between(120, 250), rs.between(9 * 60, 16 * 60));
        receive(med, roundUp(deliverySize(med) / 2, med.spec.pack), ms, true, firstDay + rs.between(10, 150));
      }
      receive(med, deliverySize(med), clocks[h].utc(firstDay - rs.between(3, 60), rs.between(9 * 60, 16 * 60)), rs.chance(0.1));
    }

    const byDay = new Map<number, Request[]>();
    for (const q of requests[h]) {
      if (q.atMs > nowMs[h]) continue;
      const day = localDay(h, q.atMs);
      const list = byDay.get(day) ?? [];
      list.push(q);
      byDay.set(day, list);
    }
    const fresh = (med: Medicine, today: string) => shelves.get(med)!.reduce((n, b) => n + (b.row.expiry_date > today ? b.row.quantity : 0), 0);

    for (let day = firstDay; day <= asOfDay; day++) {
      const today = days.iso(day);
      /** Deliveries (0), dispensing (1) and damage (2), in time order. */
      type Event = { ms: number; kind: 0 | 1 | 2; med?: Medicine; quantity?: number; shortDated?: boolean; q?: Request };
      const events: Event[] = [];
      // Morning: expired batches off the shelf, orders for what runs low.
      const morning = clocks[h].utc(day, 8 * 60 + rs.int(45));
      if (morning > nowMs[h]) break;
      // Now and then a bottle breaks or a pack is found spoilt during the day.
      if (rs.chance(0.04)) events.push({ ms: clocks[h].utc(day, rs.between(9 * 60, 17 * 60)), kind: 2, med: rs.pick(meds) });
      for (const med of meds) {
        for (const b of shelves.get(med)!) {
          if (b.writeOffDay !== day || b.row.quantity === 0) continue;
          movements.push({ row: stockMovement(hospital.id, med, 'adjustment', -b.row.quantity, 'expired', 'Expired on the shelf; sent for destruction', pharmacist, morning), ms: morning, batch: b.row });
          b.row.quantity = 0;
        }
        const arriving = pending.get(med);
        if (arriving !== undefined && arriving > day) continue;
        if (fresh(med, today) > med.row.reorder_level) continue;
        if (lowOnes.has(med) && day >= asOfDay - 30) continue;
        if (med.demand === 0) continue;
        const arrives = day + rs.between(1, 3);
        pending.set(med, arrives);
        const list = deliveries.get(arrives) ?? [];
        list.push({ med, quantity: deliverySize(med), shortDated: rs.chance(0.12) });
        deliveries.set(arrives, list);
      }
      for (const d of deliveries.get(day) ?? []) events.push({ ms: clocks[h].utc(day, rs.between(10 * 60, 15 * 60)), kind: 0, med: d.med, quantity: d.quantity, shortDated: d.shortDated });
      for (const q of byDay.get(day) ?? []) events.push({ ms: q.atMs, kind: 1, q });
      for (const q of followUps.get(day) ?? []) events.push({ ms: q.atMs, kind: 1, q });
      events.sort((a, b) => a.ms - b.ms || a.kind - b.kind || (a.q?.p.id ?? 0) - (b.q?.p.id ?? 0));
      for (const e of events) {
        if (e.ms > nowMs[h]) continue;
        if (e.kind === 0) {
          receive(e.med!, e.quantity!, e.ms, e.shortDated!);
          pending.delete(e.med!);
          continue;
        }
        if (e.kind === 2) {
          const med = e.med!;
          const b = shelves.get(med)!.find((x) => x.row.quantity > 0 && x.row.expiry_date > today);
          if (!b) continue;
          const lost = Math.min(b.row.quantity, med.spec.form === 'tablet' || med.spec.form === 'capsule' ? rs.between(5, 30) : 1);
          b.row.quantity -= lost;
          movements.push({ row: stockMovement(hospital.id, med, 'adjustment', -lost, 'damaged', rs.pick(DAMAGE_NOTES), pharmacist, e.ms), ms: e.ms, batch: b.row });
          continue;
        }
        const { p, med } = e.q!;
        const wanted = p.quantity - p.dispensed_quantity;
        const shelf = shelves.get(med)!;
        const stock = shelf.map((b, i) => ({ id: i, expiryDate: b.row.expiry_date, quantity: b.row.quantity }));
        const have = fresh(med, today);
        const quantity = Math.min(wanted, have);
        const taken = quantity > 0 ? planDispense(stock, quantity, today) : null;
        if (!taken) continue;
        const row: DispensingRow = {
          id: 0,
          prescription_id: p.id,
          hospital_id: hospital.id,
          patient_id: p.patient_id,
          item_id: med.row.id,
          quantity,
          dispensed_by: pharmacist.id,
          dispensed_by_name: pharmacist.name,
          dispensed_at: days.instant(e.ms),
          charge_id: null,
          idempotency_key: null,
        };
        dispensings.push({ row, ms: e.ms });
        for (const t of taken) {
          const b = shelf[t.batchId].row;
          b.quantity -= t.quantity;
          movements.push({ row: stockMovement(hospital.id, med, 'dispense', -t.quantity, null, null, pharmacist, e.ms, p.id), ms: e.ms, batch: b, dispensing: row });
        }
        p.dispensed_quantity += quantity;
        p.status = p.dispensed_quantity >= p.quantity ? 'dispensed' : 'partially_dispensed';
        p.version++;
        charges.push({
          row: chargeOf(h, p.patient_id, 'medicine', med.label, quantity, med.row.unit_price, med.row.tax_rate_bp, day, ['dispensing', 0], pharmacist.id, e.ms),
          onto: row,
        });
        // The rest is handed out once the next delivery is in, if the patient comes back for it.
        if (p.status === 'partially_dispensed' && rs.chance(0.7)) {
          const arrives = pending.get(med);
          if (arrives !== undefined) {
            const back = arrives + rs.between(1, 2);
            const list = followUps.get(back) ?? [];
            list.push({ p, med, atMs: clocks[h].utc(back, rs.between(9 * 60, 16 * 60)) });
            followUps.set(back, list);
          }
        }
      }
    }
    for (const med of meds) med.row.on_hand = shelves.get(med)!.reduce((n, b) => n + b.row.quantity, 0);
  });

  // Ids in the order things happened; the rows that point at them follow.
  batches.sort((a, b) => a.ms - b.ms || a.row.item_id - b.row.item_id);
  batches.forEach((b, i) => (b.row.id = i + 1));
  plan.stockBatches = batches.map((b) => b.row);
  dispensings.sort((a, b) => a.ms - b.ms || a.row.prescription_id - b.row.prescription_id);
  dispensings.forEach((d, i) => (d.row.id = i + 1));
  plan.dispensings = dispensings.map((d) => d.row);
  for (const m of movements) m.row.batch_id = m.batch.id;
  movements.sort((a, b) => a.ms - b.ms || a.row.batch_id - b.row.batch_id);
  plan.stockMovements = movements.map((m, i) => {
    m.row.id = i + 1;
    if (m.dispensing) m.row.dispensing_id = m.dispensing.id;
    return m.row;
  });
  charges.sort((a, b) => (a.row.created_at < b.row.created_at ? -1 : a.row.created_at > b.row.created_at ? 1 : 0));
  charges.forEach((c, i) => {
    c.row.id = options.firstChargeId + i;
    if (c.row.source_type === 'dispensing') c.row.source_id = (c.onto as DispensingRow).id;
    c.onto.charge_id = c.row.id;
  });
  plan.charges = charges.map((c) => c.row);

  // ---- census ----
  plan.census = chain.hospitals.map((hospital, h) => {
    const id = hospital.id;
    const today = days.iso(asOfDay);
    const soon = days.iso(asOfDay + EXPIRY_WARNING_DAYS);
    const mine = plan.stockBatches.filter((b) => b.hospital_id === id && b.quantity > 0);
    const encounters = plan.encounters.filter((e) => e.hospital_id === id);
    return {
      code: hospital.code,
      tests: tests[h].size,
      medicines: medicines[h].size,
      visits: encounters.filter((e) => e.kind === 'outpatient').length,
      rounds: encounters.filter((e) => e.kind === 'inpatient').length,
      open: encounters.filter((e) => e.status === 'open').length,
      diagnoses: plan.diagnoses.filter((d) => d.hospital_id === id).length,
      testOrders: plan.testOrders.filter((o) => o.hospital_id === id).length,
      results: plan.testOrders.filter((o) => o.hospital_id === id && o.status === 'resulted').length,
      prescriptions: plan.prescriptions.filter((p) => p.hospital_id === id).length,
      dispensings: plan.dispensings.filter((d) => d.hospital_id === id).length,
      batches: plan.stockBatches.filter((b) => b.hospital_id === id).length,
      low: [...medicines[h].values()].filter((m) => mine.filter((b) => b.item_id === m.row.id && b.expiry_date > today).reduce((n, b) => n + b.quantity, 0) <= m.row.reorder_level).length,
      expiring: mine.filter((b) => b.expiry_date > today && b.expiry_date <= soon).length,
      expired: mine.filter((b) => b.expiry_date <= today).length,
    };
  });
  return plan;
}

/** A stock movement as the pharmacy's services write it (its id, batch id and dispensing id are filled in once ids are given). */
function stockMovement(
  hospitalId: number,
  med: Medicine,
  kind: StockMovementRow['kind'],
  quantity: number,
  reason: StockMovementRow['reason'],
  note: string | null,
  by: Actor,
  ms: number,
  prescriptionId: number | null = null,
): StockMovementRow {
  return {
    id: 0,
    hospital_id: hospitalId,
    item_id: med.row.id,
    batch_id: 0,
    kind,
    quantity,
    reason,
    note,
    prescription_id: prescriptionId,
    dispensing_id: null,
    by_user: by.id,
    by_name: by.name,
    at: new Date(ms).toISOString().replace('T', ' ').slice(0, 23),
  };
}

// ---- vitals ----

function isOut(v: Vital, value: number): boolean {
  const r = VITAL_RANGES[v];
  return (r.normalLow != null && value < r.normalLow) || (r.normalHigh != null && value > r.normalHigh);
}

const ADULT_HEIGHT = [
  [170, 159],
  [166, 153],
  [176, 162],
] as const;
const BMI = [
  [22.5, 3.5],
  [23.5, 3.5],
  [28.5, 5.5],
] as const;

/** Readings as a nurse takes them: by age, sex and country, moved by the clinical picture. */
function vitalsOf(r: SeedRandom, age: number, sex: string, country: number, signs: readonly VitalSign[], later: boolean): Vitals {
  const has = (s: VitalSign) => signs.includes(s) && (!later || r.chance(0.5));
  const male = sex === 'male' || (sex !== 'female' && r.chance(0.5));
  let temperature = 36.6 + gauss(r) * 0.3;
  if (has('fever')) temperature = 37.9 + r.next() * 2.3;
  else if (has('mildFever')) temperature = 37.1 + r.next() * 1.2;
  const childPulse = age < 1 ? 130 : age < 5 ? 110 : age < 12 ? 95 : 78;
  let pulse = childPulse + gauss(r) * 9 + Math.max(0, temperature - 37) * 10;
  if (has('tachycardia')) pulse += r.between(12, 35);
  const childRate = age < 1 ? 40 : age < 5 ? 28 : age < 12 ? 22 : 16;
  let rate = childRate + gauss(r) * 2;
  if (has('tachypnoea')) rate += r.between(6, 14);
  let spo2 = 96 + r.int(5);
  if (has('hypoxia')) spo2 = r.between(86, 95);
  let systolic: number | null = null;
  let diastolic: number | null = null;
  if (age >= 3) {
    systolic = (age < 12 ? 98 : 108 + Math.min(age, 80) * 0.3) + gauss(r) * 10;
    diastolic = systolic * 0.62 + gauss(r) * 5;
    if (has('hypertension')) {
      systolic = r.between(142, 188);
      diastolic = r.between(88, 114);
    } else if (has('hypotension')) {
      systolic = r.between(78, 96);
      diastolic = r.between(42, 60);
    }
    if (diastolic >= systolic - 15) diastolic = systolic - r.between(20, 45);
  }
  // Size: children grow about 6 cm a year to 12, then to their adult height by 18.
  const adult = ADULT_HEIGHT[country][male ? 0 : 1];
  const u = gauss(r);
  let height: number;
  let bmi: number;
  if (age < 1) {
    const months = r.next();
    height = 50 + months * 25 + u * 2;
    bmi = 13.5 + months * 3.5 + gauss(r) * 0.8;
  } else if (age < 18) {
    const at12 = 75 + 6.2 * 12;
    height = (age <= 12 ? 75 + 6.2 * age : at12 + ((adult - at12) * (age - 12)) / 6) + u * 5;
    bmi = 16 + Math.max(0, age - 9) * 0.55 + gauss(r) * 1.6;
  } else {
    height = adult + u * 6.5;
    bmi = BMI[country][0] + gauss(r) * BMI[country][1] + (age > 40 ? 1 : 0);
  }
  bmi = clamp(bmi, 12, 55);
  const weight = (bmi * height * height) / 10_000;
  const v = (k: Vital, x: number | null): number | null => (x === null ? null : roundTo(clamp(x, VITAL_RANGES[k].min, VITAL_RANGES[k].max), VITAL_RANGES[k].decimals));
  return {
    temperatureC: v('temperatureC', temperature),
    pulse: v('pulse', pulse),
    systolic: v('systolic', systolic),
    diastolic: v('diastolic', diastolic),
    respiratoryRate: v('respiratoryRate', rate),
    spo2: v('spo2', Math.min(100, spo2)),
    weightKg: later && r.chance(0.7) ? null : v('weightKg', weight),
    heightCm: later ? null : v('heightCm', height),
  };
}

// ---- results ----

type ResultFields = Pick<TestResultRow, 'value_numeric' | 'value_text' | 'unit' | 'ref_low' | 'ref_high' | 'flag' | 'report'>;

/** A result as the lab reports it: a number flagged against the patient's range, a text, or an imaging report. */
function resultOf(r: SeedRandom, test: Test, sex: string, age: number, bias: Bias): ResultFields {
  const abnormal = bias === 'normal' ? r.chance(0.05) : r.chance(0.8);
  if (test.spec.reports) {
    return { value_numeric: null, value_text: null, unit: null, ref_low: null, ref_high: null, flag: null, report: r.pick(abnormal ? test.spec.reports.abnormal : test.spec.reports.normal) };
  }
  if (test.spec.text) {
    return { value_numeric: null, value_text: r.pick(abnormal ? test.spec.text.abnormal : test.spec.text.normal), unit: null, ref_low: null, ref_high: null, flag: null, report: null };
  }
  const ranges: readonly ReferenceRange[] = test.units.ranges;
  const range = rangeFor(ranges, sex, age) ?? ranges.find((x) => x.sex === null) ?? ranges[0] ?? null;
  const value = numericValue(r, range, bias === 'abnormal' ? (r.chance(0.5) ? 'high' : 'low') : bias, test.units.decimals);
  const applied = rangeFor(ranges, sex, age);
  return {
    value_numeric: value,
    value_text: null,
    unit: test.units.unit,
    ref_low: applied?.low ?? null,
    ref_high: applied?.high ?? null,
    flag: resultFlag(value, applied),
    report: null,
  };
}

function numericValue(r: SeedRandom, range: ReferenceRange | null, bias: Bias, decimals: number): number {
  const step = 10 ** -decimals;
  if (!range) return roundTo(1 + r.next() * 9, decimals);
  const lo = range.low;
  const hi = range.high ?? (lo ?? 1) * 2;
  const x = r.next();
  let value: number;
  const goHigh = (bias === 'high' && x < 0.8) || (bias === 'normal' && x < 0.04);
  const goLow = lo !== null && lo > 0 && ((bias === 'low' && x < 0.8) || (bias === 'normal' && x >= 0.04 && x < 0.07));
  if (goHigh) {
    value = range.criticalHigh !== null && r.chance(0.05) ? range.criticalHigh * (1 + r.next() * 0.3) : hi + (hi - (lo ?? 0)) * (0.05 + r.next() ** 1.5 * 2.5);
  } else if (goLow) {
    const floor = range.criticalLow ?? 0;
    value = range.criticalLow !== null && r.chance(0.05) ? range.criticalLow * (0.75 + r.next() * 0.25) : lo! - (lo! - floor) * (0.08 + r.next() * 0.7);
  } else {
    value = lo === null ? hi * (0.3 + 0.65 * r.next()) : lo + (hi - lo) * (0.1 + 0.8 * r.next());
  }
  return Math.max(step, roundTo(value, decimals));
}
