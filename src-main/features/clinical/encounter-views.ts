// Reading clinical records as the screens, the journal and the FHIR export show them: encounters with their
// diagnoses, procedures, tests (results and corrected values), prescriptions (with dispensing) and addenda, each
// part in one query for any number of encounters.
import type { EntityManager } from 'typeorm';
import type { Addendum, Diagnosis, Dispensed, Encounter, Prescription, Procedure, TestOrder, TestResult } from '@shared/contract/clinical';
import { bmiOf, vitalFlags, type JournalView, type Vitals } from '@shared/domain/clinical';
import type { DiagnosisCertainty, DiagnosisRank, EncounterKind, EncounterStatus, Frequency, PrescriptionStatus, ResultFlag, Route, TestKind, TestOrderStatus, TestPriority } from '@shared/domain/clinical';
import { doctorName, fullName } from '@shared/domain/format';
import type { CallContext } from '../../platform/context';

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

/** Groups rows by a key, keeping their order. */
function groupBy<R, K>(rows: R[], key: (r: R) => K): Map<K, R[]> {
  const m = new Map<K, R[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/** What every row here carries: its id, the hospital and the patient (named). */
interface PatientPartRow {
  id: number | string;
  hospital_id: number;
  patient_id: number | string;
  patient_first: string;
  patient_middle: string | null;
  patient_last: string;
  patient_number: string;
}

const patientPart = (r: PatientPartRow) => ({
  id: Number(r.id),
  hospitalId: Number(r.hospital_id),
  patientId: Number(r.patient_id),
  patientName: fullName(r.patient_first, r.patient_middle, r.patient_last),
  patientNumber: r.patient_number,
});

/** Rows of `select` whose `idColumn` is in `ids`, converted, in the order of `ids` (missing ones left out). */
async function loadByIds<R, T extends { id: number }>(em: EntityManager, select: string, idColumn: string, ids: number[], convert: (em: EntityManager, rows: R[]) => Promise<T[]>): Promise<T[]> {
  if (ids.length === 0) return [];
  const rows: R[] = await em.query(`${select} WHERE ${idColumn} IN (${marks(ids.length)})`, ids);
  const byId = new Map((await convert(em, rows)).map((x) => [x.id, x]));
  return ids.map((id) => byId.get(id)).filter((x): x is T => !!x);
}

// ---- test orders ----

interface TestOrderRow extends PatientPartRow {
  encounter_id: number | string;
  test_id: number;
  test_code: string;
  test_name: string;
  kind: TestKind;
  priority: TestPriority;
  priority_rank: number | string;
  status: TestOrderStatus;
  note: string | null;
  ordered_at: Date;
  ordered_by: number;
  ordered_by_name: string;
  cancel_reason: string | null;
  resulted_at: Date | null;
  seen_at: Date | null;
}

export const TEST_ORDER_SELECT = `SELECT o.id, o.hospital_id, o.patient_id, p.first_name AS patient_first, p.middle_name AS patient_middle,
       p.last_name AS patient_last, p.patient_number, o.encounter_id, o.test_id, t.code AS test_code, t.name AS test_name, t.kind,
       o.priority, o.priority + 0 AS priority_rank, o.status, o.note, o.ordered_at, o.ordered_by, o.ordered_by_name, o.cancel_reason,
       o.resulted_at, o.seen_at
  FROM test_orders o
  JOIN test_definitions t ON t.id = o.test_id
  JOIN patients p ON p.id = o.patient_id`;

export type { TestOrderRow };

interface ResultRow {
  id: number | string;
  order_id: number | string;
  value_numeric: string | null;
  value_text: string | null;
  unit: string | null;
  ref_low: string | null;
  ref_high: string | null;
  flag: ResultFlag | null;
  report: string | null;
  recorded_at: Date;
  recorded_by_name: string;
  correction_reason: string | null;
  superseded_at: Date | null;
}

const toResult = (r: ResultRow): TestResult => ({
  id: Number(r.id),
  valueNumeric: num(r.value_numeric),
  valueText: r.value_text,
  unit: r.unit,
  refLow: num(r.ref_low),
  refHigh: num(r.ref_high),
  flag: r.flag,
  report: r.report,
  recordedAt: r.recorded_at.toISOString(),
  recordedByName: r.recorded_by_name,
  correctionReason: r.correction_reason,
  supersededAt: iso(r.superseded_at),
});

/** Test orders from rows of TEST_ORDER_SELECT, with their current result and the values corrections replaced. */
export async function toTestOrders(em: EntityManager, rows: TestOrderRow[]): Promise<TestOrder[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const results: ResultRow[] = await em.query(
    `SELECT id, order_id, value_numeric, value_text, unit, ref_low, ref_high, flag, report, recorded_at, recorded_by_name, correction_reason, superseded_at
       FROM test_results WHERE order_id IN (${marks(ids.length)}) ORDER BY order_id, id DESC`,
    ids,
  );
  const byOrder = groupBy(results, (r) => Number(r.order_id));
  return rows.map((r) => {
    const all = byOrder.get(Number(r.id)) ?? [];
    const current = all.find((x) => x.superseded_at === null);
    return {
      ...patientPart(r),
      encounterId: Number(r.encounter_id),
      testId: Number(r.test_id),
      testCode: r.test_code,
      testName: r.test_name,
      kind: r.kind,
      priority: r.priority,
      status: r.status,
      note: r.note,
      orderedAt: r.ordered_at.toISOString(),
      orderedById: Number(r.ordered_by),
      orderedByName: r.ordered_by_name,
      cancelReason: r.cancel_reason,
      result: current ? toResult(current) : null,
      history: all.filter((x) => x.superseded_at !== null).map(toResult),
      seenAt: iso(r.seen_at),
    };
  });
}

/** Test orders by id, in the order of `ids` (missing ones left out). */
export function loadTestOrders(em: EntityManager, ids: number[]): Promise<TestOrder[]> {
  return loadByIds(em, TEST_ORDER_SELECT, 'o.id', ids, toTestOrders);
}

// ---- prescriptions ----

interface PrescriptionRow extends PatientPartRow {
  encounter_id: number | string;
  item_id: number;
  medicine: string;
  active_ingredient: string | null;
  dose: string;
  dose_unit: string;
  route: Route;
  frequency: Frequency;
  duration_days: number | null;
  quantity: number;
  instructions: string | null;
  allergy_override_reason: string | null;
  status: PrescriptionStatus;
  dispensed_quantity: number;
  prescribed_at: Date;
  prescriber_name: string;
  cancel_reason: string | null;
}

export const PRESCRIPTION_SELECT = `SELECT r.id, r.hospital_id, r.patient_id, p.first_name AS patient_first, p.middle_name AS patient_middle,
       p.last_name AS patient_last, p.patient_number, r.encounter_id, r.item_id, r.medicine, m.active_ingredient, r.dose, r.dose_unit,
       r.route, r.frequency, r.duration_days, r.quantity, r.instructions, r.allergy_override_reason, r.status, r.dispensed_quantity,
       r.prescribed_at, r.prescriber_name, r.cancel_reason
  FROM prescriptions r
  JOIN patients p ON p.id = r.patient_id
  JOIN medicine_items m ON m.id = r.item_id`;

export type { PrescriptionRow };

/** Prescriptions from rows of PRESCRIPTION_SELECT, with what was dispensed against each (oldest first). */
export async function toPrescriptions(em: EntityManager, rows: PrescriptionRow[]): Promise<Prescription[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.id));
  const dispensed: { id: number | string; prescription_id: number | string; quantity: number; dispensed_at: Date; dispensed_by_name: string }[] = await em.query(
    `SELECT id, prescription_id, quantity, dispensed_at, dispensed_by_name FROM dispensings WHERE prescription_id IN (${marks(ids.length)}) ORDER BY prescription_id, id`,
    ids,
  );
  const byPrescription = groupBy(dispensed, (d) => Number(d.prescription_id));
  return rows.map((r) => ({
    ...patientPart(r),
    encounterId: Number(r.encounter_id),
    itemId: Number(r.item_id),
    medicine: r.medicine,
    activeIngredient: r.active_ingredient,
    dose: Number(r.dose),
    doseUnit: r.dose_unit,
    route: r.route,
    frequency: r.frequency,
    durationDays: r.duration_days === null ? null : Number(r.duration_days),
    quantity: Number(r.quantity),
    instructions: r.instructions,
    allergyOverrideReason: r.allergy_override_reason,
    status: r.status,
    dispensedQuantity: Number(r.dispensed_quantity),
    prescribedAt: r.prescribed_at.toISOString(),
    prescriberName: r.prescriber_name,
    cancelReason: r.cancel_reason,
    dispensings: (byPrescription.get(Number(r.id)) ?? []).map(
      (d): Dispensed => ({ id: Number(d.id), quantity: Number(d.quantity), dispensedAt: d.dispensed_at.toISOString(), dispensedByName: d.dispensed_by_name }),
    ),
  }));
}

/** Prescriptions by id, in the order of `ids` (missing ones left out). No scope check: the caller has made it. */
export function loadPrescriptions(em: EntityManager, ids: number[]): Promise<Prescription[]> {
  return loadByIds(em, PRESCRIPTION_SELECT, 'r.id', ids, toPrescriptions);
}

// ---- encounters ----

interface EncounterRow extends PatientPartRow {
  allergies: string | null;
  kind: EncounterKind;
  appointment_id: number | string | null;
  stay_id: number | string | null;
  round_date: string | null;
  doctor_id: number;
  doctor_first: string;
  doctor_last: string;
  status: EncounterStatus;
  started_at: Date;
  signed_at: Date | null;
  signed_by_name: string | null;
  complaint: string | null;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  plan: string | null;
  temperature_c: string | null;
  pulse: number | null;
  systolic: number | null;
  diastolic: number | null;
  respiratory_rate: number | null;
  spo2: number | null;
  weight_kg: string | null;
  height_cm: string | null;
  version: number;
}

const ENCOUNTER_SELECT = `SELECT e.id, e.hospital_id, e.patient_id, p.first_name AS patient_first, p.middle_name AS patient_middle,
       p.last_name AS patient_last, p.patient_number, p.allergies, e.kind, e.appointment_id, e.stay_id, e.round_date, e.doctor_id,
       s.first_name AS doctor_first, s.last_name AS doctor_last, e.status, e.started_at, e.signed_at, u.full_name AS signed_by_name,
       e.complaint, e.subjective, e.objective, e.assessment, e.plan, e.temperature_c, e.pulse, e.systolic, e.diastolic,
       e.respiratory_rate, e.spo2, e.weight_kg, e.height_cm, e.version
  FROM encounters e
  JOIN patients p ON p.id = e.patient_id
  JOIN staff s ON s.id = e.doctor_id
  LEFT JOIN users u ON u.id = e.signed_by`;

const EMPTY_VITALS: Vitals = { temperatureC: null, pulse: null, systolic: null, diastolic: null, respiratoryRate: null, spo2: null, weightKg: null, heightCm: null };

const FULL_VIEW: Pick<JournalView, 'clinical' | 'prescriptions'> = { clinical: true, prescriptions: true };

/**
 * Full encounters in the order of `ids` (missing ids left out). With `view.clinical === false` the notes, vitals,
 * diagnoses, procedures and tests are left empty; with `view.prescriptions === false` the prescriptions. No scope
 * check and no audit: the caller (a channel or the journal) has made both.
 */
export function loadEncounters(ctx: CallContext, ids: number[], view: Pick<JournalView, 'clinical' | 'prescriptions'> = FULL_VIEW): Promise<Encounter[]> {
  return loadEncountersWith(ctx.em, ids, view);
}

/** loadEncounters on a given manager (a fresh read outside the call's transaction). */
export async function loadEncountersWith(em: EntityManager, ids: number[], view: Pick<JournalView, 'clinical' | 'prescriptions'> = FULL_VIEW): Promise<Encounter[]> {
  if (ids.length === 0) return [];
  const unique = [...new Set(ids)];
  const list = marks(unique.length);
  const rows: EncounterRow[] = await em.query(`${ENCOUNTER_SELECT} WHERE e.id IN (${list})`, unique);
  if (rows.length === 0) return [];

  const clinical = view.clinical;
  const [diagnoses, procedures, orderRows, prescriptionRows, addenda] = await Promise.all([
    clinical
      ? (em.query(
          `SELECT id, encounter_id, code, title, \`rank\`, certainty, note, created_at FROM diagnoses WHERE encounter_id IN (${list}) ORDER BY encounter_id, \`rank\` + 0, id`,
          unique,
        ) as Promise<{ id: number | string; encounter_id: number | string; code: string; title: string; rank: DiagnosisRank; certainty: DiagnosisCertainty; note: string | null; created_at: Date }[]>)
      : Promise.resolve([]),
    clinical
      ? (em.query(
          `SELECT id, encounter_id, catalog_item_id, code, description, quantity, notes, performed_at, performed_by_name, charge_id FROM procedures WHERE encounter_id IN (${list}) ORDER BY encounter_id, id`,
          unique,
        ) as Promise<
          { id: number | string; encounter_id: number | string; catalog_item_id: number; code: string; description: string; quantity: number; notes: string | null; performed_at: Date; performed_by_name: string; charge_id: number | string | null }[]
        >)
      : Promise.resolve([]),
    clinical ? (em.query(`${TEST_ORDER_SELECT} WHERE o.encounter_id IN (${list}) ORDER BY o.encounter_id, o.id`, unique) as Promise<TestOrderRow[]>) : Promise.resolve([]),
    view.prescriptions ? (em.query(`${PRESCRIPTION_SELECT} WHERE r.encounter_id IN (${list}) ORDER BY r.encounter_id, r.id`, unique) as Promise<PrescriptionRow[]>) : Promise.resolve([]),
    clinical
      ? (em.query(`SELECT id, encounter_id, text, author_name, created_at FROM encounter_addenda WHERE encounter_id IN (${list}) ORDER BY encounter_id, id`, unique) as Promise<
          { id: number | string; encounter_id: number | string; text: string; author_name: string; created_at: Date }[]
        >)
      : Promise.resolve([]),
  ]);
  const [tests, prescriptions] = await Promise.all([toTestOrders(em, orderRows), toPrescriptions(em, prescriptionRows)]);

  const diagnosesOf = groupBy(diagnoses, (d) => Number(d.encounter_id));
  const proceduresOf = groupBy(procedures, (p) => Number(p.encounter_id));
  const testsOf = groupBy(tests, (t) => t.encounterId);
  const prescriptionsOf = groupBy(prescriptions, (p) => p.encounterId);
  const addendaOf = groupBy(addenda, (a) => Number(a.encounter_id));

  const byId = new Map<number, Encounter>();
  for (const r of rows) {
    const id = Number(r.id);
    const vitals: Vitals = clinical
      ? {
          temperatureC: num(r.temperature_c),
          pulse: num(r.pulse),
          systolic: num(r.systolic),
          diastolic: num(r.diastolic),
          respiratoryRate: num(r.respiratory_rate),
          spo2: num(r.spo2),
          weightKg: num(r.weight_kg),
          heightCm: num(r.height_cm),
        }
      : EMPTY_VITALS;
    byId.set(id, {
      ...patientPart(r),
      allergies: r.allergies,
      kind: r.kind,
      appointmentId: num(r.appointment_id),
      stayId: num(r.stay_id),
      roundDate: r.round_date,
      doctorId: Number(r.doctor_id),
      doctorName: doctorName(r.doctor_first, r.doctor_last),
      status: r.status,
      startedAt: r.started_at.toISOString(),
      signedAt: iso(r.signed_at),
      // Signed without an account on record (records brought in from elsewhere, the demo chain's doctors): its doctor signed it.
      signedByName: r.signed_by_name ?? (r.signed_at ? doctorName(r.doctor_first, r.doctor_last) : null),
      complaint: clinical ? r.complaint : null,
      subjective: clinical ? r.subjective : null,
      objective: clinical ? r.objective : null,
      assessment: clinical ? r.assessment : null,
      plan: clinical ? r.plan : null,
      vitals: { ...vitals },
      bmi: bmiOf(vitals.weightKg, vitals.heightCm),
      vitalFlags: vitalFlags(vitals),
      diagnoses: (diagnosesOf.get(id) ?? []).map(
        (d): Diagnosis => ({ id: Number(d.id), code: d.code, title: d.title, rank: d.rank, certainty: d.certainty, note: d.note, createdAt: d.created_at.toISOString() }),
      ),
      procedures: (proceduresOf.get(id) ?? []).map(
        (p): Procedure => ({
          id: Number(p.id),
          catalogItemId: Number(p.catalog_item_id),
          code: p.code,
          description: p.description,
          quantity: Number(p.quantity),
          notes: p.notes,
          performedAt: p.performed_at.toISOString(),
          performedByName: p.performed_by_name,
          chargeId: num(p.charge_id),
        }),
      ),
      tests: testsOf.get(id) ?? [],
      prescriptions: prescriptionsOf.get(id) ?? [],
      addenda: (addendaOf.get(id) ?? []).map((a): Addendum => ({ id: Number(a.id), text: a.text, authorName: a.author_name, createdAt: a.created_at.toISOString() })),
      version: Number(r.version),
    });
  }
  return ids.map((id) => byId.get(id)).filter((e): e is Encounter => !!e);
}
