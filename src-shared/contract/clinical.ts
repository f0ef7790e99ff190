// Clinical records: encounters (from a checked-in appointment or a ward round of a stay) with SOAP notes and vitals,
// ICD-10 diagnoses, procedures from the priced catalog, test orders and results, prescriptions; signing and addenda.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, Limit, OptionalText, RequiredText, returns, Text, type Page } from './channel';
import {
  DIAGNOSIS_CERTAINTIES,
  DIAGNOSIS_RANKS,
  FREQUENCIES,
  ICD10_CODE,
  ROUTES,
  TEST_KINDS,
  TEST_PRIORITIES,
  VITAL_RANGES,
  VITALS,
  type DiagnosisCertainty,
  type DiagnosisRank,
  type EncounterKind,
  type EncounterStatus,
  type Frequency,
  type PrescriptionStatus,
  type ReferenceRange,
  type ResultFlag,
  type Route,
  type TestKind,
  type TestOrderStatus,
  type TestPriority,
  type Vital,
  type VitalFlag,
  type Vitals,
} from '../domain/clinical';

/** Who records clinical care. */
export const CLINICIANS = ['doctor'] as const;
/** Who reads and adds to clinical records (notes, vitals, results, addenda). */
export const CLINICAL_STAFF = ['doctor', 'nurse'] as const;
/** Who reads prescriptions (the pharmacy's worklist). */
export const PRESCRIPTION_READERS = ['doctor', 'nurse', 'pharmacist'] as const;
/** Who keeps the test catalog and imports code lists. */
export const CLINICAL_ADMINS = ['admin'] as const;

export interface Diagnosis {
  id: number;
  code: string;
  title: string;
  rank: DiagnosisRank;
  certainty: DiagnosisCertainty;
  note: string | null;
  createdAt: string;
}

export interface Procedure {
  id: number;
  catalogItemId: number;
  code: string;
  description: string;
  quantity: number;
  notes: string | null;
  performedAt: string;
  performedByName: string;
  chargeId: number | null;
}

export interface TestResult {
  id: number;
  valueNumeric: number | null;
  valueText: string | null;
  unit: string | null;
  refLow: number | null;
  refHigh: number | null;
  flag: ResultFlag | null;
  /** Imaging and free-text reports. */
  report: string | null;
  recordedAt: string;
  recordedByName: string;
  /** Set on a correction: why the earlier value was replaced. */
  correctionReason: string | null;
  /** Set on a value a correction replaced. */
  supersededAt: string | null;
}

export interface TestOrder {
  id: number;
  hospitalId: number;
  patientId: number;
  patientName: string;
  patientNumber: string;
  encounterId: number;
  testId: number;
  testCode: string;
  testName: string;
  kind: TestKind;
  priority: TestPriority;
  status: TestOrderStatus;
  note: string | null;
  orderedAt: string;
  orderedById: number;
  orderedByName: string;
  cancelReason: string | null;
  /** The current result; null until resulted. */
  result: TestResult | null;
  /** Values corrections replaced, newest first. */
  history: TestResult[];
  /** When the ordering doctor saw the result. */
  seenAt: string | null;
}

export interface Dispensed {
  id: number;
  quantity: number;
  dispensedAt: string;
  dispensedByName: string;
}

export interface Prescription {
  id: number;
  hospitalId: number;
  patientId: number;
  patientName: string;
  patientNumber: string;
  encounterId: number;
  itemId: number;
  /** Name, strength and form: "Amoxicillin 500 mg capsule". */
  medicine: string;
  activeIngredient: string | null;
  dose: number;
  doseUnit: string;
  route: Route;
  frequency: Frequency;
  durationDays: number | null;
  quantity: number;
  instructions: string | null;
  allergyOverrideReason: string | null;
  status: PrescriptionStatus;
  dispensedQuantity: number;
  prescribedAt: string;
  prescriberName: string;
  cancelReason: string | null;
  dispensings: Dispensed[];
}

export interface Addendum {
  id: number;
  text: string;
  authorName: string;
  createdAt: string;
}

export interface Encounter {
  id: number;
  hospitalId: number;
  patientId: number;
  patientName: string;
  patientNumber: string;
  /** The patient's recorded allergies, shown beside prescribing. */
  allergies: string | null;
  kind: EncounterKind;
  appointmentId: number | null;
  stayId: number | null;
  /** Ward rounds: the hospital's local day of the round. */
  roundDate: string | null;
  doctorId: number;
  doctorName: string;
  status: EncounterStatus;
  startedAt: string;
  signedAt: string | null;
  signedByName: string | null;
  complaint: string | null;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  plan: string | null;
  vitals: Vitals;
  bmi: number | null;
  vitalFlags: Partial<Record<Vital, VitalFlag>>;
  diagnoses: Diagnosis[];
  procedures: Procedure[];
  tests: TestOrder[];
  prescriptions: Prescription[];
  addenda: Addendum[];
  version: number;
}

export interface IcdCode {
  code: string;
  title: string;
  /** In the starter list of common diagnoses (ranked first). */
  common: boolean;
}

export interface TestDefinition {
  id: number;
  hospitalId: number;
  code: string;
  name: string;
  kind: TestKind;
  /** Unit as shown ("mmol/L") and its UCUM code ("mmol/L"); null for reports without a value. */
  unit: string | null;
  ucum: string | null;
  loinc: string | null;
  catalogItemId: number | null;
  price: number | null;
  currency: string;
  ranges: ReferenceRange[];
  active: boolean;
}

/** A vital sign: a number within what a living body can show (else refused), kept to the range's decimals. */
const vital = (k: Vital) => {
  const r = VITAL_RANGES[k];
  return z
    .number({ error: `${r.label}: expected a number.` })
    .min(r.min, { error: `${r.label} below ${r.min} ${r.unit} is not possible; check the reading.` })
    .max(r.max, { error: `${r.label} above ${r.max} ${r.unit} is not possible; check the reading.` })
    .transform((v) => Math.round(v * 10 ** r.decimals) / 10 ** r.decimals)
    .nullable();
};
export const VitalsInput = z
  .object(Object.fromEntries(VITALS.map((k) => [k, vital(k).optional()])) as { [K in Vital]: z.ZodOptional<ReturnType<typeof vital>> })
  .refine((v) => v.systolic == null || v.diastolic == null || v.systolic > v.diastolic, { path: ['diastolic'], error: 'Diastolic must be below systolic.' });

/** A text of an update: left out = unchanged, null or empty = cleared. */
const TextChange = (max: number) =>
  Text(max)
    .transform((s) => s || null)
    .nullable()
    .optional();
const NoteChange = TextChange(10_000);
const Quantity = z.number({ error: 'Expected a whole number.' }).int({ error: 'Whole units only.' }).min(1, { error: 'At least 1.' }).max(100_000);
const Decimal = z.number({ error: 'Expected a number.' }).finite().min(-1e9).max(1e9);
/** A test order or a prescription called off, with the reason the record keeps. */
const CancelWithReason = z.object({ id: Id, reason: RequiredText(300) });

export const ReferenceRangeInput = z
  .object({
    sex: z.enum(['female', 'male']).nullable().default(null),
    ageFromYears: z.number().int().min(0).max(150).default(0),
    ageToYears: z.number().int().min(1).max(200).nullable().default(null),
    low: Decimal.nullable().default(null),
    high: Decimal.nullable().default(null),
    criticalLow: Decimal.nullable().default(null),
    criticalHigh: Decimal.nullable().default(null),
  })
  .refine((r) => r.ageToYears == null || r.ageToYears > r.ageFromYears, { path: ['ageToYears'], error: 'Must be above the lower age.' })
  .refine((r) => r.low == null || r.high == null || r.low <= r.high, { path: ['high'], error: 'Must not be below the low limit.' })
  .refine((r) => r.criticalLow == null || r.low == null || r.criticalLow <= r.low, { path: ['criticalLow'], error: 'Must not be above the low limit.' })
  .refine((r) => r.criticalHigh == null || r.high == null || r.criticalHigh >= r.high, { path: ['criticalHigh'], error: 'Must not be below the high limit.' });

/** Record kinds of this area. */
export const clinicalKinds = ['encounter', 'test_order', 'prescription', 'test_definition', 'icd10_code'] as const;

const ENCOUNTER_SHOWS = ['encounter', 'test_order', 'prescription', 'dispensing', 'patient'] as const;

export const clinical = {
  /** Opens (or returns the open) encounter of a checked-in appointment, or today's ward round of a current stay. */
  'encounters.open': channel({
    input: z.union([z.object({ appointmentId: Id }).strict(), z.object({ stayId: Id }).strict()], { error: 'Give an appointment or a stay.' }),
    output: returns<Encounter>(),
    access: CLINICIANS,
    kind: 'write',
    changes: ['encounter'],
  }),
  'encounters.get': channel({ input: z.object({ id: Id }), output: returns<Encounter>(), access: CLINICAL_STAFF, kind: 'read', shows: ENCOUNTER_SHOWS, auditedRead: true }),
  /** The encounters of an appointment or a stay (a stay has one per ward round). */
  'encounters.find': channel({
    input: z.union([z.object({ appointmentId: Id }).strict(), z.object({ stayId: Id }).strict()]),
    output: returns<{ id: number; status: EncounterStatus; startedAt: string; roundDate: string | null; doctorName: string }[]>(),
    access: CLINICAL_STAFF,
    kind: 'read',
    shows: ['encounter'],
  }),
  /** Notes and vitals of an open encounter; `version` guards against two desks editing at once. */
  'encounters.update': channel({
    input: z.object({
      id: Id,
      version: z.number().int().min(1),
      complaint: TextChange(2000),
      subjective: NoteChange,
      objective: NoteChange,
      assessment: NoteChange,
      plan: NoteChange,
      vitals: VitalsInput.optional(),
    }),
    output: returns<Encounter>(),
    access: CLINICAL_STAFF,
    kind: 'write',
    changes: ['encounter'],
  }),
  /** Signs an open encounter (completing its appointment signs it too): from then on it is read-only. */
  'encounters.sign': channel({ input: z.object({ id: Id }), output: returns<Encounter>(), access: CLINICIANS, kind: 'write', changes: ['encounter'] }),
  /** A correction or later note on a signed encounter, kept with author and time. */
  'encounters.addendum': channel({ input: z.object({ id: Id, text: RequiredText(5000) }), output: returns<Encounter>(), access: CLINICAL_STAFF, kind: 'write', changes: ['encounter'] }),

  /** ICD-10 codes by code prefix ("A0", "E11.") or words ("malar", "type 2 diab"); common diagnoses first. */
  'diagnoses.searchCodes': channel({
    input: z.object({ query: Text(100), limit: z.number().int().min(1).max(50).default(20) }),
    output: returns<IcdCode[]>(),
    access: 'signedIn',
    kind: 'read',
    shows: ['icd10_code'],
  }),
  /** A full code list as CSV (code, title; a header row is recognised), added to or replacing titles of the list. */
  'diagnoses.importCodes': channel({
    input: z.object({ csv: z.string().min(1, { error: 'The file is empty.' }).max(30_000_000, { error: 'The file is larger than 30 MB.' }), jobId: Text(60).optional() }),
    output: returns<{ added: number; updated: number; unchanged: number; rejected: { line: number; reason: string }[] }>(),
    access: CLINICAL_ADMINS,
    kind: 'write',
    changes: ['icd10_code'],
  }),
  'diagnoses.add': channel({
    input: z.object({
      encounterId: Id,
      code: z.string().trim().toUpperCase().regex(ICD10_CODE, { error: 'Not an ICD-10 code (e.g. B54 or E11.9).' }),
      rank: z.enum(DIAGNOSIS_RANKS).default('secondary'),
      certainty: z.enum(DIAGNOSIS_CERTAINTIES).default('provisional'),
      note: OptionalText(1000),
    }),
    output: returns<Encounter>(),
    access: CLINICIANS,
    kind: 'write',
    changes: ['encounter'],
  }),
  'diagnoses.update': channel({
    input: z.object({ id: Id, rank: z.enum(DIAGNOSIS_RANKS).optional(), certainty: z.enum(DIAGNOSIS_CERTAINTIES).optional(), note: TextChange(1000) }),
    output: returns<Encounter>(),
    access: CLINICIANS,
    kind: 'write',
    changes: ['encounter'],
  }),
  'diagnoses.remove': channel({ input: z.object({ id: Id }), output: returns<Encounter>(), access: CLINICIANS, kind: 'write', changes: ['encounter'] }),

  /** A treatment or procedure from the hospital's priced catalog: charged at once. */
  'procedures.record': channel({
    input: z.object({ encounterId: Id, catalogItemId: Id, quantity: Quantity.default(1), notes: OptionalText(2000) }),
    output: returns<Encounter>(),
    access: CLINICIANS,
    kind: 'write',
    changes: ['encounter', 'charge'],
  }),
  /** Removes a procedure of an open encounter whose charge is not invoiced yet (and that charge). */
  'procedures.remove': channel({ input: z.object({ id: Id }), output: returns<Encounter>(), access: CLINICIANS, kind: 'write', changes: ['encounter', 'charge'] }),

  'tests.catalog': channel({
    input: z.object({ hospitalId: Id, query: Text(100).default(''), kind: z.enum(TEST_KINDS).optional(), includeInactive: z.boolean().default(false) }),
    output: returns<TestDefinition[]>(),
    access: 'signedIn',
    kind: 'read',
    shows: ['test_definition', 'catalog_item'],
  }),
  'tests.define': channel({
    input: z.object({
      hospitalId: Id,
      code: RequiredText(20).pipe(z.string().regex(/^[A-Za-z0-9._-]+$/, { error: 'Letters, digits, dot, dash and underscore only.' })),
      name: RequiredText(120),
      kind: z.enum(TEST_KINDS),
      unit: OptionalText(30),
      ucum: OptionalText(30),
      loinc: OptionalText(20),
      catalogItemId: Id.nullable().default(null),
      ranges: z.array(ReferenceRangeInput).max(20).default([]),
    }),
    output: returns<TestDefinition>(),
    access: CLINICAL_ADMINS,
    kind: 'write',
    changes: ['test_definition'],
  }),
  'tests.updateDefinition': channel({
    input: z.object({
      id: Id,
      name: RequiredText(120).optional(),
      unit: TextChange(30),
      ucum: TextChange(30),
      loinc: TextChange(20),
      catalogItemId: Id.nullable().optional(),
      ranges: z.array(ReferenceRangeInput).max(20).optional(),
      active: z.boolean().optional(),
    }),
    output: returns<TestDefinition>(),
    access: CLINICAL_ADMINS,
    kind: 'write',
    changes: ['test_definition'],
  }),
  'tests.order': channel({
    input: z.object({ encounterId: Id, testId: Id, priority: z.enum(TEST_PRIORITIES).default('routine'), note: OptionalText(1000) }),
    output: returns<Encounter>(),
    access: CLINICIANS,
    kind: 'write',
    changes: ['encounter', 'test_order'],
  }),
  'tests.cancel': channel({ input: CancelWithReason, output: returns<TestOrder>(), access: CLINICIANS, kind: 'write', changes: ['test_order'] }),
  /**
   * The result of an order: a number (flagged against the reference range for the patient's sex and age) or text,
   * or an imaging report. A resulted order takes a new value only with a correction reason; the old value stays.
   */
  'tests.recordResult': channel({
    input: z
      .object({
        orderId: Id,
        value: Decimal.nullable().optional(),
        valueText: OptionalText(200),
        report: OptionalText(20_000),
        correctionReason: OptionalText(300),
      })
      .refine((r) => r.value != null || r.valueText || r.report, { path: ['value'], error: 'Enter a value or a report.' }),
    output: returns<TestOrder>(),
    access: CLINICAL_STAFF,
    kind: 'write',
    changes: ['test_order', 'charge'],
  }),
  /** Orders waiting for a result at a hospital (the nurses' and lab's worklist), urgent first, then oldest. */
  'tests.pending': channel({
    input: z.object({ hospitalId: Id, kind: z.enum(TEST_KINDS).optional(), cursor: Cursor, limit: Limit }),
    output: returns<Page<TestOrder>>(),
    access: CLINICAL_STAFF,
    kind: 'read',
    shows: ['test_order', 'patient'],
  }),
  /** Results of a doctor's orders not yet seen by them (the doctor's day view), newest first. */
  'tests.newResults': channel({
    input: z.object({ doctorId: Id.optional() }),
    output: returns<TestOrder[]>(),
    access: CLINICAL_STAFF,
    kind: 'read',
    shows: ['test_order'],
  }),
  'tests.markSeen': channel({ input: z.object({ ids: z.array(Id).min(1).max(200) }), output: returns<{ marked: number }>(), access: CLINICIANS, kind: 'write', changes: ['test_order'] }),

  /**
   * A prescription of a stocked medicine. When the patient's recorded allergies name the medicine or its active
   * ingredient, it is refused (VALIDATION on `allergyOverrideReason`, the matches in `details`) until a reason is given.
   */
  'prescriptions.create': channel({
    input: z.object({
      encounterId: Id,
      itemId: Id,
      dose: z.number({ error: 'Expected a dose.' }).positive({ error: 'Must be above zero.' }).max(100_000),
      doseUnit: RequiredText(20),
      route: z.enum(ROUTES),
      frequency: z.enum(FREQUENCIES),
      durationDays: z.number().int().min(1).max(365).nullable().default(null),
      quantity: Quantity,
      instructions: OptionalText(1000),
      allergyOverrideReason: OptionalText(500),
    }),
    output: returns<Encounter>(),
    access: CLINICIANS,
    kind: 'write',
    changes: ['encounter', 'prescription'],
  }),
  'prescriptions.cancel': channel({ input: CancelWithReason, output: returns<Prescription>(), access: CLINICIANS, kind: 'write', changes: ['prescription'] }),
  /** A hospital's prescriptions: those still to dispense (the pharmacy's queue, oldest first) or all, newest first. */
  'prescriptions.list': channel({
    input: z.object({ hospitalId: Id, status: z.enum(['to_dispense', 'all']).default('to_dispense'), patientId: Id.optional(), from: IsoDate.optional(), cursor: Cursor, limit: Limit }),
    output: returns<Page<Prescription>>(),
    access: PRESCRIPTION_READERS,
    kind: 'read',
    shows: ['prescription', 'dispensing', 'patient'],
  }),
  'prescriptions.get': channel({ input: z.object({ id: Id }), output: returns<Prescription>(), access: PRESCRIPTION_READERS, kind: 'read', shows: ['prescription', 'dispensing'] }),
} as const;

