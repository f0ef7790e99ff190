// A patient's clinical record as a FHIR R4 Bundle of type `collection`: the Patient, Appointments, Encounters
// (consultations AMB, stays and ward rounds IMP), Conditions (ICD-10), Observations (vital signs with LOINC codes and
// UCUM units, blood pressure as the 85354-9 panel; laboratory and imaging results with reference ranges and
// interpretation), and MedicationRequests. Entries are named by `urn:uuid:` full URLs made from the record's kind and
// id (the same record gives the same id in every export) and refer to each other by them.
import { createHash } from 'node:crypto';
import type { JournalEntry } from '@shared/contract/journal';
import type { Encounter, Prescription, TestOrder, TestResult } from '@shared/contract/clinical';
import type { AppointmentStatus } from '@shared/domain/scheduling';
import { BMI_LOINC, FREQUENCY_LABELS, FREQUENCY_TIMING, ROUTE_LABELS, VITAL_RANGES, type PrescriptionStatus, type Vital } from '@shared/domain/clinical';
import type { PatientHead } from './journal.timeline';

type Json = { [key: string]: unknown };
export interface FhirResource extends Json {
  resourceType: string;
  id: string;
}
export interface FhirBundle extends FhirResource {
  resourceType: 'Bundle';
  type: 'collection';
  timestamp: string;
  entry: { fullUrl: string; resource: FhirResource }[];
}

export const SYSTEMS = {
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  doseRateType: 'http://terminology.hl7.org/CodeSystem/dose-rate-type',
  patientNumber: 'urn:hospital-desk:patient-number',
  testCode: 'urn:hospital-desk:test-code',
} as const;

/** A name-based UUID (SHA-1, version 5 layout) of a record: stable across exports. */
export function recordUuid(kind: string, id: number | string): string {
  const h = createHash('sha1').update(`hospital-desk/${kind}/${id}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** FHIR allows no empty values: nulls, empty strings, arrays and objects are left out, all the way down. */
function clean<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clean).filter((v) => !isEmpty(v)) as T;
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      const c = clean(v);
      if (!isEmpty(c)) out[k] = c;
    }
    return out as T;
  }
  return value;
}
const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

const coding = (system: string, code: string, display?: string) => ({ system, code, display });
const concept = (system: string, code: string, display?: string, text?: string) => ({ coding: [coding(system, code, display)], text });
const quantity = (value: number, unit: string | null, ucum: string | null) => (ucum ? { value, unit: unit ?? ucum, system: SYSTEMS.ucum, code: ucum } : { value, unit: unit ?? undefined });

const APPOINTMENT_STATUS: Record<AppointmentStatus, string> = { booked: 'booked', checked_in: 'arrived', completed: 'fulfilled', cancelled: 'cancelled', no_show: 'noshow' };
const PRESCRIPTION_STATUS: Record<PrescriptionStatus, string> = { active: 'active', partially_dispensed: 'active', dispensed: 'completed', cancelled: 'cancelled' };
const INTERPRETATION: Record<string, string> = { N: 'Normal', L: 'Low', H: 'High', LL: 'Critical low', HH: 'Critical high', AA: 'Critical abnormal' };

/** The test catalog's codes of the ordered tests (LOINC and the UCUM code of the unit). */
export type TestCodes = Map<number, { loinc: string | null; ucum: string | null }>;

interface Ctx {
  patientRef: { reference: string; display: string };
  entries: { fullUrl: string; resource: FhirResource }[];
}

function add(ctx: Ctx, kind: string, id: number | string, resource: Omit<FhirResource, 'id'>): string {
  const uuid = recordUuid(kind, id);
  const fullUrl = `urn:uuid:${uuid}`;
  ctx.entries.push({ fullUrl, resource: clean({ ...resource, id: uuid } as FhirResource) });
  return fullUrl;
}

function patientResource(p: PatientHead): Omit<FhirResource, 'id'> {
  return {
    resourceType: 'Patient',
    identifier: [{ use: 'usual', system: SYSTEMS.patientNumber, value: p.patientNumber }],
    name: [{ use: 'official', text: p.name, family: p.lastName, given: [p.firstName, p.middleName] }],
    gender: p.sex,
    birthDate: p.dateOfBirth,
    telecom: [p.phone ? { system: 'phone', value: p.phone, use: 'mobile' } : null, p.email ? { system: 'email', value: p.email } : null],
    address: p.addressLine || p.city || p.region ? [{ line: [p.addressLine], city: p.city, state: p.region, postalCode: p.postalCode }] : [],
  };
}

function interpretationOf(flag: TestResult['flag'], r: TestResult): string | null {
  if (flag == null) return null;
  if (flag === 'normal') return 'N';
  if (flag === 'low') return 'L';
  if (flag === 'high') return 'H';
  const v = r.valueNumeric;
  if (v != null && r.refLow != null && v < r.refLow) return 'LL';
  if (v != null && r.refHigh != null && v > r.refHigh) return 'HH';
  return 'AA';
}
const interpretation = (code: string | null) => (code ? [concept(SYSTEMS.interpretation, code, INTERPRETATION[code])] : []);

function vitalObservations(ctx: Ctx, e: Encounter, encounterRef: string): void {
  const status = e.status === 'signed' ? 'final' : 'preliminary';
  const base = {
    resourceType: 'Observation',
    status,
    category: [concept(SYSTEMS.observationCategory, 'vital-signs', 'Vital Signs')],
    subject: ctx.patientRef,
    encounter: { reference: encounterRef },
    effectiveDateTime: e.startedAt,
  };
  const flagCode = (k: Vital) => (e.vitalFlags[k] === 'low' ? 'L' : e.vitalFlags[k] === 'high' ? 'H' : null);
  const single = (k: Vital) => {
    const value = e.vitals[k];
    if (value == null) return;
    const r = VITAL_RANGES[k];
    add(ctx, `vital-${k}`, e.id, {
      ...base,
      code: concept(SYSTEMS.loinc, r.loinc, r.label, r.label),
      valueQuantity: quantity(value, r.unit, r.ucum),
      interpretation: interpretation(flagCode(k)),
    });
  };
  for (const k of ['temperatureC', 'pulse', 'respiratoryRate', 'spo2', 'weightKg', 'heightCm'] as const) single(k);
  const { systolic, diastolic } = e.vitals;
  if (systolic != null || diastolic != null) {
    const component = (k: 'systolic' | 'diastolic') => {
      const value = e.vitals[k];
      if (value == null) return null;
      const r = VITAL_RANGES[k];
      return { code: concept(SYSTEMS.loinc, r.loinc, r.label), valueQuantity: quantity(value, r.unit, r.ucum), interpretation: interpretation(flagCode(k)) };
    };
    add(ctx, 'vital-bp', e.id, {
      ...base,
      code: concept(SYSTEMS.loinc, '85354-9', 'Blood pressure panel with all children optional', 'Blood pressure'),
      component: [component('systolic'), component('diastolic')],
    });
  }
  if (e.bmi != null) {
    add(ctx, 'vital-bmi', e.id, { ...base, code: concept(SYSTEMS.loinc, BMI_LOINC, 'Body mass index (BMI) [Ratio]', 'BMI'), valueQuantity: quantity(e.bmi, 'kg/m2', 'kg/m2') });
  }
}

function resultObservation(ctx: Ctx, e: Encounter, t: TestOrder, codes: TestCodes, encounterRef: string): void {
  const r = t.result;
  if (!r || t.status === 'cancelled') return;
  const code = codes.get(t.testId);
  const value =
    r.valueNumeric != null
      ? { valueQuantity: quantity(r.valueNumeric, r.unit, code?.ucum ?? null) }
      : r.valueText != null
        ? { valueString: r.valueText }
        : r.report != null
          ? { valueString: r.report }
          : {};
  const bound = (v: number | null) => (v == null ? null : quantity(v, r.unit, code?.ucum ?? null));
  const hasRange = r.refLow != null || r.refHigh != null;
  add(ctx, 'result', t.id, {
    resourceType: 'Observation',
    status: r.correctionReason ? 'corrected' : 'final',
    category: [t.kind === 'imaging' ? concept(SYSTEMS.observationCategory, 'imaging', 'Imaging') : concept(SYSTEMS.observationCategory, 'laboratory', 'Laboratory')],
    code: { coding: [code?.loinc ? coding(SYSTEMS.loinc, code.loinc) : null, coding(SYSTEMS.testCode, t.testCode, t.testName)], text: t.testName },
    subject: ctx.patientRef,
    encounter: { reference: encounterRef },
    effectiveDateTime: t.orderedAt,
    issued: r.recordedAt,
    performer: [{ display: r.recordedByName }],
    ...value,
    interpretation: interpretation(interpretationOf(r.flag, r)),
    referenceRange: hasRange ? [{ low: bound(r.refLow), high: bound(r.refHigh) }] : [],
    note: [r.report && (r.valueNumeric != null || r.valueText != null) ? { text: r.report } : null, r.correctionReason ? { text: `Corrected: ${r.correctionReason}` } : null],
  });
}

function medicationRequest(ctx: Ctx, p: Prescription, encounterRef: string): void {
  const timing = FREQUENCY_TIMING[p.frequency];
  const bounds = p.durationDays != null ? { boundsDuration: { value: p.durationDays, unit: 'd', system: SYSTEMS.ucum, code: 'd' } } : {};
  const repeat =
    p.frequency === 'once'
      ? { count: 1 }
      : timing
        ? { ...bounds, frequency: timing.frequency, period: timing.period, periodUnit: timing.periodUnit, when: p.frequency === 'nocte' ? ['HS'] : [] }
        : p.frequency === 'prn'
          ? bounds
          : {};
  add(ctx, 'prescription', p.id, {
    resourceType: 'MedicationRequest',
    status: PRESCRIPTION_STATUS[p.status],
    statusReason: p.status === 'cancelled' && p.cancelReason ? { text: p.cancelReason } : null,
    intent: 'order',
    medicationCodeableConcept: { text: p.medicine },
    subject: ctx.patientRef,
    encounter: { reference: encounterRef },
    authoredOn: p.prescribedAt,
    requester: { display: p.prescriberName },
    note: p.allergyOverrideReason ? [{ text: `Prescribed despite a recorded allergy: ${p.allergyOverrideReason}` }] : [],
    dosageInstruction: [
      {
        sequence: 1,
        text: `${p.dose} ${p.doseUnit} ${FREQUENCY_LABELS[p.frequency].toLowerCase()}, ${ROUTE_LABELS[p.route].toLowerCase()}${p.durationDays != null ? `, ${p.durationDays} days` : ''}`,
        patientInstruction: p.instructions,
        timing: { repeat },
        asNeededBoolean: p.frequency === 'prn' ? true : null,
        route: { text: ROUTE_LABELS[p.route] },
        doseAndRate: [{ type: concept(SYSTEMS.doseRateType, 'ordered', 'Ordered'), doseQuantity: { value: p.dose, unit: p.doseUnit } }],
      },
    ],
    dispenseRequest: {
      quantity: { value: p.quantity },
      expectedSupplyDuration: p.durationDays != null ? { value: p.durationDays, unit: 'days', system: SYSTEMS.ucum, code: 'd' } : null,
    },
  });
}

function encounterResources(ctx: Ctx, entry: Extract<JournalEntry, { kind: 'encounter' }>, codes: TestCodes): void {
  const e = entry.encounter;
  const encounterRef = `urn:uuid:${recordUuid('encounter', e.id)}`;
  const conditionRefs = e.diagnoses.map((d) =>
    add(ctx, 'diagnosis', d.id, {
      resourceType: 'Condition',
      clinicalStatus: concept(SYSTEMS.conditionClinical, 'active', 'Active'),
      verificationStatus: concept(SYSTEMS.conditionVerification, d.certainty, d.certainty === 'confirmed' ? 'Confirmed' : 'Provisional'),
      category: [concept(SYSTEMS.conditionCategory, 'encounter-diagnosis', 'Encounter Diagnosis')],
      code: concept(SYSTEMS.icd10, d.code, d.title, d.title),
      subject: ctx.patientRef,
      encounter: { reference: encounterRef },
      recordedDate: d.createdAt,
      note: d.note ? [{ text: d.note }] : [],
    }),
  );
  const inpatient = e.kind === 'inpatient';
  add(ctx, 'encounter', e.id, {
    resourceType: 'Encounter',
    status: e.status === 'signed' ? 'finished' : 'in-progress',
    class: inpatient ? coding(SYSTEMS.actCode, 'IMP', 'inpatient encounter') : coding(SYSTEMS.actCode, 'AMB', 'ambulatory'),
    type: [{ text: inpatient ? 'Ward round' : 'Consultation' }],
    subject: ctx.patientRef,
    participant: [{ type: [concept(SYSTEMS.participationType, 'ATND', 'attender')], individual: { display: e.doctorName } }],
    appointment: e.appointmentId != null ? [{ reference: `urn:uuid:${recordUuid('appointment', e.appointmentId)}` }] : [],
    period: { start: e.startedAt, end: e.signedAt },
    reasonCode: e.complaint ? [{ text: e.complaint }] : [],
    diagnosis: e.diagnoses.map((d, i) => ({
      condition: { reference: conditionRefs[i] },
      rank: d.rank === 'primary' ? 1 : 2,
    })),
    partOf: e.stayId != null ? { reference: `urn:uuid:${recordUuid('stay', e.stayId)}` } : null,
    serviceProvider: { display: entry.hospitalName },
  });
  vitalObservations(ctx, e, encounterRef);
  for (const t of e.tests) resultObservation(ctx, e, t, codes, encounterRef);
  for (const p of e.prescriptions) medicationRequest(ctx, p, encounterRef);
}

/**
 * The bundle. `entries` are the patient's records the caller may see (appointments, encounters, admissions), any
 * order; an appointment or stay an encounter names but the caller may not see is referred to by display only.
 */
export function fhirBundle(patient: PatientHead, entries: readonly JournalEntry[], codes: TestCodes, now: Date): FhirBundle {
  const ctx: Ctx = { patientRef: { reference: `urn:uuid:${recordUuid('patient', patient.id)}`, display: patient.name }, entries: [] };
  add(ctx, 'patient', patient.id, patientResource(patient));
  for (const entry of entries) {
    if (entry.kind === 'appointment') {
      const a = entry.appointment;
      const status = APPOINTMENT_STATUS[a.status];
      add(ctx, 'appointment', entry.id, {
        resourceType: 'Appointment',
        status,
        cancelationReason: (status === 'cancelled' || status === 'noshow') && a.cancelReason ? { text: a.cancelReason } : null,
        serviceType: a.departmentName ? [{ text: a.departmentName }] : [],
        description: a.reason,
        start: a.start,
        end: a.end,
        participant: [
          { actor: ctx.patientRef, required: 'required', status: 'accepted' },
          { actor: { display: a.doctorName }, required: 'required', status: 'accepted' },
        ],
      });
    } else if (entry.kind === 'admission') {
      const s = entry.admission;
      add(ctx, 'stay', entry.id, {
        resourceType: 'Encounter',
        status: s.dischargedAt ? 'finished' : 'in-progress',
        class: coding(SYSTEMS.actCode, 'IMP', 'inpatient encounter'),
        type: [{ text: 'Admission' }],
        subject: ctx.patientRef,
        period: { start: s.admittedAt, end: s.dischargedAt },
        reasonCode: s.reason ? [{ text: s.reason }] : [],
        location: s.beds.map((b) => ({ location: { display: `${b.ward}, room ${b.room}, bed ${b.bed}` }, status: b.to ? 'completed' : 'active', period: { start: b.from, end: b.to } })),
        serviceProvider: { display: entry.hospitalName },
      });
    } else if (entry.kind === 'encounter') {
      encounterResources(ctx, entry, codes);
    }
  }
  // References to records outside the export (another hospital's appointment or stay) would dangle: drop them.
  const exported = new Set(ctx.entries.map((x) => x.fullUrl));
  for (const { resource } of ctx.entries) {
    if (resource.resourceType !== 'Encounter') continue;
    const appointment = resource.appointment as { reference: string }[] | undefined;
    if (appointment) {
      const kept = appointment.filter((ref) => exported.has(ref.reference));
      if (kept.length) resource.appointment = kept;
      else delete resource.appointment;
    }
    const partOf = resource.partOf as { reference: string } | undefined;
    if (partOf && !exported.has(partOf.reference)) delete resource.partOf;
  }
  return {
    resourceType: 'Bundle',
    id: recordUuid('export', `${patient.id}/${now.toISOString()}`),
    type: 'collection',
    timestamp: now.toISOString(),
    entry: ctx.entries,
  };
}
