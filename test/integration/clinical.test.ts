// Clinical records on MariaDB: encounters from a checked-in appointment and from a ward stay (one per round),
// notes and vitals under a version check, signing (by completing the appointment too) and addenda; ICD-10 search and
// import; diagnoses, procedures with their charges, tests with reference ranges by sex and age band, results and
// corrections, the worklist and a doctor's new results; prescriptions with the allergy check; roles and hospital
// scope. The clock stands on Monday 1 March 2027, 08:00 in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { haemoglobin } from '../support/clinical';
import { doctor, patient } from '../support/scheduling';

let app: TestApp;
let desk: Desk;
let doc: Desk & { userId: number; username: string; password: string };
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

describe('opening at once and the pharmacy queue', () => {
  it('opens one encounter when several desks of the doctor open the same appointment at once', async () => {
    const { appointment: a } = await checkedIn();
    const desks = await Promise.all(Array.from({ length: 6 }, async () => {
      const d = app.desk();
      await d.ok('auth.login', { username: doc.username, password: doc.password });
      return d;
    }));
    const opened = await Promise.all(desks.map((d) => d.ok('encounters.open', { appointmentId: a.id })));
    expect(new Set(opened.map((e) => e.id)).size).toBe(1);
    const [{ n }] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM encounters WHERE appointment_id = ?', [a.id]);
    expect(Number(n)).toBe(1);
  });

  it('lists what is left to dispense oldest first, everything newest first, page by page; a cancelled prescription leaves the queue', async () => {
    const { patient: p, appointment: a } = await checkedIn();
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      app.advanceClock(1000);
      const enc = await doc.ok('prescriptions.create', { encounterId: e.id, itemId: paracetamol, dose: 1, doseUnit: 'g', route: 'oral', frequency: 'qid', quantity: 10 + i });
      ids.push(enc.prescriptions.at(-1)!.id);
    }
    const walk = async (status: 'to_dispense' | 'all') => {
      const out: number[] = [];
      let cursor: string | null | undefined;
      do {
        const page = await nurse.ok('prescriptions.list', { hospitalId: app.hospitalId, patientId: p.id, status, cursor, limit: 2 });
        out.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    expect(await walk('to_dispense')).toEqual(ids);
    expect(await walk('all')).toEqual([...ids].reverse());
    const cancelled = await doc.ok('prescriptions.cancel', { id: ids[1], reason: 'Duplicate' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Duplicate', dispensedQuantity: 0 });
    await doc.fails('prescriptions.cancel', { id: ids[1], reason: 'again' }, 'CONFLICT');
    expect(await walk('to_dispense')).toEqual([ids[0], ids[2]]);
    const pharmacist = await app.signedIn(['pharmacist']);
    expect(await pharmacist.ok('prescriptions.get', { id: ids[0] })).toMatchObject({ medicine: 'Paracetamol 500 mg tablet', quantity: 10, dispensings: [] });
    await pharmacist.fails('encounters.get', { id: e.id }, 'FORBIDDEN');
  });
});

describe('signed encounters and addenda', () => {
  it('refuses every change once signed; addenda are kept with author and time; an open encounter is edited directly', async () => {
    const { appointment: a } = await checkedIn();
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    expect((await nurse.fails('encounters.addendum', { id: e.id, text: 'Too early' }, 'CONFLICT')).message).toMatch(/edit the notes directly/);
    await nurse.fails('encounters.sign', { id: e.id }, 'FORBIDDEN');
    const signed = await doc.ok('encounters.sign', { id: e.id });
    expect(signed).toMatchObject({ status: 'signed', version: 2 });
    await doc.fails('encounters.sign', { id: e.id }, 'CONFLICT');
    await doc.fails('diagnoses.add', { encounterId: e.id, code: 'B54' }, 'CONFLICT');
    await doc.fails('prescriptions.create', { encounterId: e.id, itemId: paracetamol, dose: 1, doseUnit: 'g', route: 'oral', frequency: 'once', quantity: 2 }, 'CONFLICT');
    await nurse.fails('encounters.update', { id: e.id, version: 2, vitals: { pulse: 80 } }, 'CONFLICT');
    const withNote = await nurse.ok('encounters.addendum', { id: e.id, text: 'Patient called: fever settled.' });
    const later = await doc.ok('encounters.addendum', { id: e.id, text: 'Reviewed.' });
    expect(withNote.addenda.map((x) => [x.text, x.authorName])).toEqual([['Patient called: fever settled.', expect.stringMatching(/^Test nurse/)]]);
    expect(later.addenda.map((x) => x.text)).toEqual(['Patient called: fever settled.', 'Reviewed.']);
    expect(Date.parse(later.addenda[0].createdAt)).toBeGreaterThan(0);
    // Completing the appointment afterwards leaves the signature as it was.
    await doc.ok('appointments.complete', { id: a.id });
    expect((await doc.ok('encounters.get', { id: e.id })).signedAt).toBe(signed.signedAt);
  });

  it('is read as an audited read', async () => {
    const { appointment: a } = await checkedIn();
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    await nurse.ok('encounters.get', { id: e.id });
    const rows = await app.db.sql<{ action: string; entity: string }>("SELECT action, entity FROM audit_log WHERE entity = 'encounter' AND entity_id = ? ORDER BY id", [String(e.id)]);
    expect(rows.map((r) => r.action)).toEqual(['encounter.open', 'encounter.read']);
  });
});

describe('diagnoses and procedures', () => {
  it('codes diagnoses with one primary at most, refuses unknown and repeated codes, and lets only doctors diagnose', async () => {
    const { appointment: a } = await checkedIn();
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    await doc.ok('diagnoses.add', { encounterId: e.id, code: 'b54', rank: 'primary' });
    const two = await doc.ok('diagnoses.add', { encounterId: e.id, code: 'D64.9', certainty: 'confirmed' });
    expect(two.diagnoses.map((d) => [d.code, d.title, d.rank, d.certainty])).toEqual([
      ['B54', 'Unspecified malaria', 'primary', 'provisional'],
      ['D64.9', 'Anaemia, unspecified', 'secondary', 'confirmed'],
    ]);
    const swapped = await doc.ok('diagnoses.add', { encounterId: e.id, code: 'B50.9', rank: 'primary', certainty: 'confirmed' });
    expect(swapped.diagnoses.filter((d) => d.rank === 'primary').map((d) => d.code)).toEqual(['B50.9']);
    const b54 = swapped.diagnoses.find((d) => d.code === 'B54')!;
    const back = await doc.ok('diagnoses.update', { id: b54.id, rank: 'primary', note: 'RDT positive' });
    expect(back.diagnoses.map((d) => [d.code, d.rank])).toEqual([
      ['B54', 'primary'],
      ['D64.9', 'secondary'],
      ['B50.9', 'secondary'],
    ]);
    expect(back.diagnoses[0].note).toBe('RDT positive');
    const confirmed = await doc.ok('diagnoses.update', { id: b54.id, certainty: 'confirmed' });
    expect(confirmed.diagnoses[0]).toMatchObject({ code: 'B54', certainty: 'confirmed', note: 'RDT positive' });
    expect((await doc.fails('diagnoses.add', { encounterId: e.id, code: 'B54' }, 'CONFLICT')).fields).toEqual({ code: 'B54 Unspecified malaria is already a diagnosis of this encounter.' });
    expect((await doc.fails('diagnoses.add', { encounterId: e.id, code: 'Z99.89' }, 'VALIDATION')).fields?.code).toMatch(/not in the ICD-10 list/);
    await doc.fails('diagnoses.add', { encounterId: e.id, code: 'malaria' }, 'VALIDATION');
    await nurse.fails('diagnoses.add', { encounterId: e.id, code: 'I10' }, 'FORBIDDEN');
    const removed = await doc.ok('diagnoses.remove', { id: b54.id });
    expect(removed.diagnoses.map((d) => d.code)).toEqual(['D64.9', 'B50.9']);
  });

  it('records a procedure from the catalog with its charge, once, and withdraws the charge with the procedure', async () => {
    const cashier = await app.signedIn(['billing']);
    const dressing = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'TRT-DRS', description: 'Wound dressing', category: 'treatment', price: 10_000 });
    const xray = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'RAD-CXR', description: 'Chest X-ray', category: 'test', price: 45_000 });
    const { patient: p, appointment: a } = await checkedIn();
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    const withProc = await doc.ok('procedures.record', { encounterId: e.id, catalogItemId: dressing.id, quantity: 2, notes: 'Left shin' });
    const proc = withProc.procedures[0];
    expect(proc).toMatchObject({ code: 'TRT-DRS', description: 'Wound dressing', quantity: 2, notes: 'Left shin', performedByName: 'Dr Jane Okello' });
    const charges = await cashier.ok('charges.unbilled', { patientId: p.id });
    expect(charges.items.map((c) => [c.id, c.category, c.amount, c.sourceType, c.sourceId])).toEqual([[proc.chargeId, 'treatment', 20_000, 'procedure', proc.id]]);
    await doc.fails('procedures.record', { encounterId: e.id, catalogItemId: xray.id }, 'CONFLICT');
    const after = await doc.ok('procedures.remove', { id: proc.id });
    expect(after.procedures).toEqual([]);
    expect((await cashier.ok('charges.unbilled', { patientId: p.id })).items).toEqual([]);
    // Once its charge is on an invoice the procedure stays.
    const again = (await doc.ok('procedures.record', { encounterId: e.id, catalogItemId: dressing.id })).procedures[0];
    await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: [again.chargeId!] });
    expect((await doc.fails('procedures.remove', { id: again.id }, 'CONFLICT')).message).toMatch(/already on an invoice/);
    expect((await doc.ok('encounters.get', { id: e.id })).procedures.map((x) => x.id)).toEqual([again.id]);
  });
});

describe('tests and results', () => {
  let hb: Output<'tests.define'>;
  let malaria: Output<'tests.define'>;
  let cashier: Desk;

  beforeAll(async () => {
    cashier = await app.signedIn(['billing']);
    const price = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'LAB-HB', description: 'Haemoglobin', category: 'test', price: 8_000, taxRateBp: 0 });
    hb = await app.admin.ok(
      'tests.define',
      haemoglobin(app.hospitalId, {
        catalogItemId: price.id,
        ranges: [
          { sex: null, ageFromYears: 0, ageToYears: 12, low: 11, high: 14.5, criticalLow: 7, criticalHigh: null },
          { sex: 'female', ageFromYears: 12, low: 12, high: 16, criticalLow: 7, criticalHigh: 20 },
          { sex: 'male', ageFromYears: 12, low: 13, high: 17, criticalLow: 7, criticalHigh: 20 },
        ],
      }),
    );
    malaria = await app.admin.ok('tests.define', { hospitalId: app.hospitalId, code: 'MRDT', name: 'Malaria rapid test', kind: 'lab' });
  });

  it('keeps the catalog per hospital with unique codes, edited by administrators only', async () => {
    expect(hb).toMatchObject({ code: 'HB', price: 8_000, currency: 'UGX', active: true });
    expect(hb.ranges.map((r) => [r.sex, r.ageFromYears, r.ageToYears, r.low, r.high])).toEqual([
      [null, 0, 12, 11, 14.5],
      ['female', 12, null, 12, 16],
      ['male', 12, null, 13, 17],
    ]);
    expect((await app.admin.fails('tests.define', { hospitalId: app.hospitalId, code: 'HB', name: 'Again', kind: 'lab' }, 'CONFLICT')).fields).toEqual({ code: 'A test with that code is already in the catalog.' });
    await doc.fails('tests.define', { hospitalId: app.hospitalId, code: 'X', name: 'X', kind: 'lab' }, 'FORBIDDEN');
    expect((await nurse.ok('tests.catalog', { hospitalId: app.hospitalId, query: 'haem' })).map((t) => t.code)).toEqual(['HB']);
    const off = await app.admin.ok('tests.updateDefinition', { id: malaria.id, active: false });
    expect(off.active).toBe(false);
    // What an update leaves out stays as it was.
    const renamed = await app.admin.ok('tests.updateDefinition', { id: hb.id, name: 'Haemoglobin (Hb)' });
    expect(renamed).toMatchObject({ name: 'Haemoglobin (Hb)', unit: 'g/dL', ucum: 'g/dL', loinc: '718-7', price: 8_000 });
    expect(renamed.ranges).toHaveLength(3);
    await app.admin.ok('tests.updateDefinition', { id: hb.id, name: 'Haemoglobin' });
    expect((await nurse.ok('tests.catalog', { hospitalId: app.hospitalId })).map((t) => t.code)).toEqual(['HB']);
    await app.admin.ok('tests.updateDefinition', { id: malaria.id, active: true });
  });

  /** A result of a new Hb order for a patient of this sex and date of birth. */
  async function hbResult(sex: 'female' | 'male', dateOfBirth: string, value: number): Promise<Output<'tests.recordResult'>> {
    const { appointment: a } = await checkedIn({ sex, dateOfBirth });
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    const ordered = await doc.ok('tests.order', { encounterId: e.id, testId: hb.id });
    return nurse.ok('tests.recordResult', { orderId: ordered.tests[0].id, value });
  }

  it('flags results at the range edges, by sex and by age band on the day of the result', async () => {
    const adult = '1990-05-05';
    const flags: [string, string, number, string][] = [
      ['female', adult, 12, 'normal'],
      ['female', adult, 11.99, 'low'],
      ['female', adult, 16, 'normal'],
      ['female', adult, 16.01, 'high'],
      ['female', adult, 7, 'critical'],
      ['female', adult, 20, 'critical'],
      ['male', adult, 12.5, 'low'],
      // Twelve today: the adult band. Twelve tomorrow: still the child's.
      ['female', '2015-03-01', 11.5, 'low'],
      ['female', '2015-03-02', 11.5, 'normal'],
    ];
    for (const [sex, dob, value, flag] of flags) {
      const r = await hbResult(sex as 'female' | 'male', dob, value);
      expect([sex, dob, value, r.result?.flag]).toEqual([sex, dob, value, flag]);
    }
    const male = await hbResult('male', adult, 13);
    expect(male.result).toMatchObject({ valueNumeric: 13, unit: 'g/dL', refLow: 13, refHigh: 17, flag: 'normal', recordedByName: expect.stringMatching(/^Test nurse/) });
  });

  it('corrects a result only with a reason, keeping the old value, and charges the test once', async () => {
    const { patient: p, appointment: a } = await checkedIn({ sex: 'female', dateOfBirth: '1985-01-01' });
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    const order = (await doc.ok('tests.order', { encounterId: e.id, testId: hb.id, priority: 'urgent' })).tests[0];
    expect(order).toMatchObject({ status: 'ordered', priority: 'urgent', orderedById: dr.id, orderedByName: 'Dr Jane Okello', result: null });
    const first = await nurse.ok('tests.recordResult', { orderId: order.id, value: 9.5 });
    expect(first).toMatchObject({ status: 'resulted', result: { valueNumeric: 9.5, flag: 'low' }, history: [] });
    expect((await nurse.fails('tests.recordResult', { orderId: order.id, value: 10.5 }, 'VALIDATION')).fields).toEqual({ correctionReason: 'The test already has a result: give the reason for correcting it.' });
    const fixed = await nurse.ok('tests.recordResult', { orderId: order.id, value: 12.5, correctionReason: 'Sample was haemolysed' });
    expect(fixed.result).toMatchObject({ valueNumeric: 12.5, flag: 'normal', correctionReason: 'Sample was haemolysed', supersededAt: null });
    expect(fixed.history.map((h) => [h.valueNumeric, h.flag, h.supersededAt !== null])).toEqual([[9.5, 'low', true]]);
    const charges = (await cashier.ok('charges.unbilled', { patientId: p.id })).items.filter((c) => c.sourceType === 'test_order');
    expect(charges.map((c) => [c.category, c.description, c.amount, c.sourceId])).toEqual([['test', 'Haemoglobin', 8_000, order.id]]);
    // A test without a price is resulted without a charge; a cancelled one takes no result.
    const rdt = (await doc.ok('tests.order', { encounterId: e.id, testId: malaria.id })).tests[1];
    const text = await nurse.ok('tests.recordResult', { orderId: rdt.id, valueText: 'Positive (P. falciparum)' });
    expect(text.result).toMatchObject({ valueText: 'Positive (P. falciparum)', valueNumeric: null, flag: null });
    expect((await cashier.ok('charges.unbilled', { patientId: p.id })).items.filter((c) => c.sourceType === 'test_order')).toHaveLength(1);
    const third = (await doc.ok('tests.order', { encounterId: e.id, testId: malaria.id })).tests[2];
    await nurse.fails('tests.cancel', { id: third.id, reason: 'x' }, 'FORBIDDEN');
    const cancelled = await doc.ok('tests.cancel', { id: third.id, reason: 'Ordered twice' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Ordered twice' });
    await nurse.fails('tests.recordResult', { orderId: third.id, valueText: 'Negative' }, 'CONFLICT');
    await doc.fails('tests.cancel', { id: order.id, reason: 'late' }, 'CONFLICT');
  });

  it("lists the worklist urgent first then oldest, page by page, and the doctor's new results until seen", async () => {
    const { appointment: a } = await checkedIn();
    const e = await doc.ok('encounters.open', { appointmentId: a.id });
    const routine1 = (await doc.ok('tests.order', { encounterId: e.id, testId: hb.id })).tests[0];
    app.advanceClock(1000);
    const routine2 = (await doc.ok('tests.order', { encounterId: e.id, testId: malaria.id })).tests[1];
    app.advanceClock(1000);
    const urgent = (await doc.ok('tests.order', { encounterId: e.id, testId: malaria.id, priority: 'urgent' })).tests[2];
    const seen: number[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await nurse.ok('tests.pending', { hospitalId: app.hospitalId, cursor, limit: 2 });
      seen.push(...page.items.map((o) => o.id));
      cursor = page.nextCursor;
    } while (cursor);
    const mine = seen.filter((id) => [routine1.id, routine2.id, urgent.id].includes(id));
    expect(mine).toEqual([urgent.id, routine1.id, routine2.id]);
    expect(seen.indexOf(urgent.id)).toBeLessThan(seen.indexOf(routine1.id));

    for (const o of [routine1, urgent]) await nurse.ok('tests.recordResult', { orderId: o.id, value: 13 });
    const fresh = await doc.ok('tests.newResults', {});
    expect(fresh.map((o) => o.id).slice(0, 2)).toEqual([urgent.id, routine1.id]);
    expect((await nurse.ok('tests.newResults', { doctorId: dr.id })).map((o) => o.id)).toEqual(fresh.map((o) => o.id));
    expect(await doc.ok('tests.markSeen', { ids: [urgent.id, routine2.id] })).toEqual({ marked: 1 });
    expect((await doc.ok('tests.newResults', {})).map((o) => o.id)).not.toContain(urgent.id);
  });
});

describe('ICD-10 codes', () => {
  it('are installed at setup and found by code, by words (common ones first) and by short words', async () => {
    const [{ n }] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM icd10_codes WHERE common = 1');
    expect(Number(n)).toBeGreaterThanOrEqual(300);
    expect((await nurse.ok('diagnoses.searchCodes', { query: 'B54' })).map((c) => c.code)).toEqual(['B54']);
    const e11 = await nurse.ok('diagnoses.searchCodes', { query: 'e11' });
    expect(e11.length).toBeGreaterThan(3);
    expect(e11.every((c) => c.code.startsWith('E11'))).toBe(true);
    expect((await nurse.ok('diagnoses.searchCodes', { query: 'E119' })).map((c) => c.code)).toEqual(['E11.9']);
    const malar = await nurse.ok('diagnoses.searchCodes', { query: 'malar' });
    expect(malar.map((c) => c.code)).toEqual(expect.arrayContaining(['B54', 'B50.9', 'B51.9']));
    expect(malar.every((c) => /malaria/i.test(c.title))).toBe(true);
    expect((await nurse.ok('diagnoses.searchCodes', { query: 'type 2 diab' })).map((c) => c.code)).toContain('E11.9');
    expect((await nurse.ok('diagnoses.searchCodes', { query: 'type 1 diab' })).map((c) => c.code)).toEqual(['E10.1', 'E10.9']);
    expect((await nurse.ok('diagnoses.searchCodes', { query: 'the' })).length).toBeGreaterThanOrEqual(0);
  });

  it('imports a CSV (BOM, header, quoted titles), reporting bad lines, and finds the new codes at once', async () => {
    const csv =
      '\ufeffCode,Description\r\n' +
      'B54,Malaria (unspecified)\r\n' +
      'A00.0,"Cholera due to Vibrio cholerae 01, biovar cholerae"\r\n' +
      'E119,Type 2 diabetes mellitus without complications\r\n' +
      'XX1,Not a code\r\n' +
      'A01.1,\r\n' +
      `A01.2,${'x'.repeat(256)}\r\n` +
      'A00.0,Twice\r\n' +
      '"B50.1","Zanzibarian quartan ""test"" fever"\n';
    await doc.fails('diagnoses.importCodes', { csv }, 'FORBIDDEN');
    const progress: unknown[] = [];
    const stop = app.runtime.events.subscribe((name, payload) => {
      if (name === 'diagnoses.importProgress') progress.push(payload);
    });
    const r = await app.admin.ok('diagnoses.importCodes', { csv, jobId: 'icd-1' });
    stop();
    expect(progress).toEqual([
      { jobId: 'icd-1', done: 0, total: 4 },
      { jobId: 'icd-1', done: 4, total: 4 },
    ]);
    expect(r).toEqual({
      added: 2,
      updated: 1,
      unchanged: 1,
      rejected: [
        { line: 5, reason: expect.stringMatching(/"XX1" is not an ICD-10 code/) },
        { line: 6, reason: 'A01.1 has no title.' },
        { line: 7, reason: 'The title of A01.2 is 256 characters long; at most 255 fit.' },
        { line: 8, reason: 'A00.0 is already on line 3.' },
      ],
    });
    expect(await nurse.ok('diagnoses.searchCodes', { query: 'zanzibarian' })).toEqual([{ code: 'B50.1', title: 'Zanzibarian quartan "test" fever', common: false }]);
    expect((await nurse.ok('diagnoses.searchCodes', { query: 'B54' }))[0]).toEqual({ code: 'B54', title: 'Malaria (unspecified)', common: true });
  });
});

describe('roles and hospitals', () => {
  it('lets only doctors open encounters and keeps other hospitals\' records out of reach', async () => {
    const { appointment: a } = await checkedIn();
    await desk.fails('encounters.open', { appointmentId: a.id }, 'FORBIDDEN');
    const cashier = await app.signedIn(['billing']);
    await cashier.fails('encounters.open', { appointmentId: a.id }, 'FORBIDDEN');
    await cashier.fails('encounters.get', { id: 1 }, 'FORBIDDEN');
    await nurse.fails('encounters.open', { appointmentId: a.id }, 'FORBIDDEN');
    // A doctor account with no doctor record cannot record care.
    const unlinked = await app.signedIn(['doctor']);
    expect((await unlinked.fails('encounters.open', { appointmentId: a.id }, 'FORBIDDEN')).message).toMatch(/not linked to a doctor/);

    // Pune: a doctor there, a patient checked in on Pune's day.
    const hr = await app.signedIn(['hr'], { hospitalIds: [otherId] });
    const puneDoc = await app.signedIn(['doctor'], { hospitalIds: [otherId] });
    const puneDr = await doctor(hr, otherId, { userId: puneDoc.userId, hours: [{ weekday: 1, start: '08:00', end: '18:00' }] });
    const p = await patient(desk, app.hospitalId);
    const pa = await desk.ok('appointments.book', { patientId: p.id, doctorId: puneDr.id, start: '2027-03-01T09:00:00.000Z' });
    await desk.ok('appointments.checkIn', { id: pa.id });
    await doc.fails('encounters.open', { appointmentId: pa.id }, 'FORBIDDEN');
    const pe = await puneDoc.ok('encounters.open', { appointmentId: pa.id });
    await doc.fails('encounters.get', { id: pe.id }, 'FORBIDDEN');
    await nurse.fails('encounters.update', { id: pe.id, version: 1, plan: 'x' }, 'FORBIDDEN');
    await doc.fails('diagnoses.add', { encounterId: pe.id, code: 'I10' }, 'FORBIDDEN');
    await nurse.fails('tests.pending', { hospitalId: otherId }, 'FORBIDDEN');
    await nurse.fails('prescriptions.list', { hospitalId: otherId }, 'FORBIDDEN');
    // A medicine of another hospital is not offered to this one's encounters.
    await puneDoc.fails('prescriptions.create', { encounterId: pe.id, itemId: paracetamol, dose: 1, doseUnit: 'g', route: 'oral', frequency: 'once', quantity: 2 }, 'NOT_FOUND');
  });
});

describe('ward rounds', () => {
  it('opens one encounter per stay and hospital day, and none once the patient is discharged', async () => {
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 1 });
    const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 2 });
    const wardNurse = await app.signedIn(['nurse']);
    const p = await patient(desk, app.hospitalId);
    const stay = await wardNurse.ok('admissions.admit', { patientId: p.id, bedId: room.beds[0].id, attendingDoctorId: dr.id, reason: 'Severe malaria' });
    const round1 = await doc.ok('encounters.open', { stayId: stay.id });
    expect(round1).toMatchObject({ kind: 'inpatient', stayId: stay.id, roundDate: '2027-03-01', appointmentId: null });
    expect((await doc.ok('encounters.open', { stayId: stay.id })).id).toBe(round1.id);
    await app.setClock(kla('2027-03-02', '07:30'));
    await doc.ok('auth.login', { username: doc.username, password: doc.password });
    const round2 = await doc.ok('encounters.open', { stayId: stay.id });
    expect(round2).toMatchObject({ roundDate: '2027-03-02' });
    expect(round2.id).not.toBe(round1.id);
    expect((await doc.ok('encounters.find', { stayId: stay.id })).map((x) => x.roundDate)).toEqual(['2027-03-01', '2027-03-02']);
    const wardNurse2 = await app.signedIn(['nurse']);
    await wardNurse2.ok('admissions.discharge', { stayId: stay.id, note: 'Recovered' });
    await app.setClock(kla('2027-03-03', '07:30'));
    await doc.ok('auth.login', { username: doc.username, password: doc.password });
    expect((await doc.fails('encounters.open', { stayId: stay.id }, 'CONFLICT')).message).toMatch(/discharged/);
  });
});
