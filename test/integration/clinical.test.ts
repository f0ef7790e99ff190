// Clinical records on MariaDB: encounters from a checked-in appointment and from a ward stay (one per round),
// notes and vitals under a version check, signing (by completing the appointment too) and addenda; ICD-10 search and
// import; diagnoses, procedures with their charges, tests with reference ranges by sex and age band, results and
// corrections, the worklist and a doctor's new results; prescriptions with the allergy check; roles and hospital
// scope. The clock stands on Monday 1 March 2027, 08:00 in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { doctor, patient } from '../support/scheduling';

let app: TestApp;
let desk: Desk;
let doc: Desk & { userId: number };
let nurse: Desk;
let dr: Output<'staff.create'>;
let otherId: number;
let amoxicillin: number;
let paracetamol: number;

/** An instant given as Kampala wall-clock time (UTC+3). */
const kla = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+03:00`);
let slot = 0;

/** A medicine on the hospital's list (the pharmacy's own channels are tested with the pharmacy). */
async function medicine(hospitalId: number, name: string, strength: string, form: string, ingredient: string | null): Promise<number> {
  await app.db.sql('INSERT INTO medicine_items (hospital_id, name, strength, form, active_ingredient, unit_price) VALUES (?, ?, ?, ?, ?, ?)', [hospitalId, name, strength, form, ingredient, 500]);
  const [r] = await app.db.sql<{ id: number }>('SELECT id FROM medicine_items WHERE hospital_id = ? AND name = ? AND strength = ?', [hospitalId, name, strength]);
  return r.id;
}

/** A patient booked with the doctor later today and checked in. */
async function checkedIn(over: Parameters<typeof patient>[2] = {}): Promise<{ patient: Output<'patients.register'>; appointment: Output<'appointments.book'> }> {
  const p = await patient(desk, app.hospitalId, over);
  const start = new Date(kla('2027-03-01', '09:00').getTime() + 15 * 60_000 * slot++);
  const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: start.toISOString() });
  await desk.ok('appointments.checkIn', { id: a.id });
  return { patient: p, appointment: a };
}

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(kla('2027-03-01', '08:00'));
  desk = await app.signedIn(['front_desk'], { allHospitals: true });
  nurse = await app.signedIn(['nurse']);
  doc = await app.signedIn(['doctor']);
  const hr = await app.signedIn(['hr']);
  dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', userId: doc.userId, slotMinutes: 15, hours: [{ weekday: 1, start: '08:00', end: '18:00', slotMinutes: 15 }] });
  otherId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'PNQ', name: 'Pune Care', country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', defaultTaxRateBp: 1200, patientNumberFormat: 'PNQ-{seq:5}' })).id;
  amoxicillin = await medicine(app.hospitalId, 'Amoxicillin', '500 mg', 'capsule', 'amoxicillin');
  paracetamol = await medicine(app.hospitalId, 'Paracetamol', '500 mg', 'tablet', 'paracetamol');
});
afterAll(async () => app?.close());

describe('encounters', () => {
  it('opens once per checked-in appointment, keeps notes and vitals under a version, and completing the appointment signs it', async () => {
    const { patient: p, appointment: a } = await checkedIn();
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    expect(e).toMatchObject({ kind: 'outpatient', status: 'open', appointmentId: a.id, patientId: p.id, doctorId: dr.id, doctorName: 'Dr Jane Okello', version: 1, diagnoses: [], bmi: null });
    expect((await doc.ok('encounters.open', { appointmentId: a.id })).id).toBe(e.id);
    const u = await nurse.ok('encounters.update', { id: e.id, version: 1, complaint: 'Fever for three days', vitals: { temperatureC: 38.94, pulse: 104, systolic: 120, diastolic: 80, weightKg: 70, heightCm: 175 } });
    expect(u.vitals).toMatchObject({ temperatureC: 38.9, pulse: 104, systolic: 120, diastolic: 80, weightKg: 70, heightCm: 175, spo2: null });
    expect(u.bmi).toBe(22.9);
    expect(u.vitalFlags).toEqual({ temperatureC: 'high', pulse: 'high' });
    expect(u.version).toBe(2);
    // Another desk with the old version is refused; leaving a note out keeps it.
    await doc.fails('encounters.update', { id: e.id, version: 1, subjective: 'x' }, 'CONFLICT');
    const v = await doc.ok('encounters.update', { id: e.id, version: 2, subjective: 'Headache, chills', vitals: { pulse: 96 } });
    expect(v).toMatchObject({ complaint: 'Fever for three days', subjective: 'Headache, chills', version: 3, vitals: { pulse: 96, temperatureC: 38.9 } });
    await doc.ok('appointments.complete', { id: a.id });
    const signed = await doc.ok('encounters.get', { id: e.id });
    expect(signed).toMatchObject({ status: 'signed', signedByName: `Test ${doc.username}` });
    const refused = await doc.fails('encounters.update', { id: e.id, version: signed.version, plan: 'more' }, 'CONFLICT');
    expect(refused.message).toMatch(/signed.*addendum/);
  });

  it('refuses impossible vitals and a diastolic not below the systolic', async () => {
    const { appointment: a } = await checkedIn();
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    expect((await nurse.fails('encounters.update', { id: e.id, version: 1, vitals: { temperatureC: 47 } }, 'VALIDATION')).fields).toEqual({ 'vitals.temperatureC': 'Temperature above 45 °C is not possible; check the reading.' });
    await nurse.fails('encounters.update', { id: e.id, version: 1, vitals: { spo2: 101 } }, 'VALIDATION');
    const first = await nurse.ok('encounters.update', { id: e.id, version: 1, vitals: { systolic: 100 } });
    expect((await nurse.fails('encounters.update', { id: e.id, version: first.version, vitals: { diastolic: 100 } }, 'VALIDATION')).fields).toEqual({ 'vitals.diastolic': 'Diastolic must be below systolic (100 mmHg).' });
    const low = await nurse.ok('encounters.update', { id: e.id, version: first.version, vitals: { spo2: 93, respiratoryRate: 12, diastolic: 60 } });
    expect(low.vitalFlags).toEqual({ spo2: 'low' });
  });

  it('prescribes, refusing a medicine the patient is allergic to until a reason is given', async () => {
    const { appointment: a } = await checkedIn({ allergies: 'Penicillin (rash); amoxicillin' });
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    const base = { encounterId: e.id, dose: 500, doseUnit: 'mg', route: 'oral', frequency: 'tds', durationDays: 5, quantity: 15 } as const;
    const refused = await doc.fails('prescriptions.create', { ...base, itemId: amoxicillin }, 'VALIDATION');
    expect(refused.fields).toEqual({ allergyOverrideReason: 'Recorded allergy: "amoxicillin" matches Amoxicillin 500 mg capsule. Give a reason to prescribe anyway.' });
    expect(refused.details).toEqual({ allergyMatches: ['amoxicillin'] });
    const ok = await doc.ok('prescriptions.create', { ...base, itemId: amoxicillin, allergyOverrideReason: 'Tolerated a full course in 2025' });
    expect(ok.prescriptions.map((r) => [r.medicine, r.status, r.allergyOverrideReason, r.prescriberName])).toEqual([['Amoxicillin 500 mg capsule', 'active', 'Tolerated a full course in 2025', 'Dr Jane Okello']]);
    const para = await doc.ok('prescriptions.create', { ...base, itemId: paracetamol, frequency: 'qid', allergyOverrideReason: 'not needed' });
    expect(para.prescriptions[1]).toMatchObject({ medicine: 'Paracetamol 500 mg tablet', allergyOverrideReason: null, activeIngredient: 'paracetamol' });
    const queue = await nurse.ok('prescriptions.list', { hospitalId: app.hospitalId });
    expect(queue.items.map((r) => r.id)).toEqual(expect.arrayContaining(para.prescriptions.map((r) => r.id)));
  });
});
