// Attacks on the clinical records, the pharmacy and the journal through the channels: another hospital's ids on
// every channel taking one, the wrong roles, hostile input (FULLTEXT operators, odd CSV files, odd numbers), double
// submits and two desks at once, cursor tampering. Each test fails while the hole it names is open. The clock stands
// on Monday 1 March 2027, 08:00 in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, Output } from '@shared/contract';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { haemoglobin } from '../support/clinical';
import { doctor, patient } from '../support/scheduling';
import { pdfText } from '../support/pdf';

const textOf = (pdf: string) => pdfText(pdf, false);

type User = Desk & { userId: number; username: string; password: string };

let app: TestApp;
let A: number;
let B: number;
let desk: Desk;
/** Per hospital: the doctor's desk and staff id, the next free slot. */
const clinics = new Map<number, { doc: User; doctorId: number; slot: number }>();
/** Hospital B's records, made by B's own staff. */
const b = {} as {
  patientId: number;
  appointmentId: number;
  encounterId: number;
  diagnosisId: number;
  procedureId: number;
  testId: number;
  testOrderId: number;
  prescriptionId: number;
  itemId: number;
  batchId: number;
  catalogItemId: number;
  stayId: number;
};
/** Hospital A's staff (scoped to A only). */
let docA: User;
let nurseA: User;
let pharmA: User;
let billingA: User;
let frontA: User;
let hrA: User;
let managerA: User;
let catalogA: number;
let testA: number;
let itemA: Output<'pharmacy.createItem'>;

const kla = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+03:00`);

async function clinic(hospitalId: number): Promise<void> {
  const hr = await app.signedIn(['hr'], { hospitalIds: [hospitalId] });
  const doc = await app.signedIn(['doctor'], { hospitalIds: [hospitalId] });
  // Five-minute slots around the clock: from 07:00 UTC on, well over a hundred patients a day in either zone.
  const d = await doctor(hr, hospitalId, { userId: doc.userId, slotMinutes: 5, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00', slotMinutes: 5 })) });
  clinics.set(hospitalId, { doc, doctorId: d.id, slot: 0 });
}

/** A new patient of the hospital, booked and checked in with its doctor, the encounter opened. */
async function seen(hospitalId = A, over: Parameters<typeof patient>[2] = {}): Promise<{ encounterId: number; patientId: number; appointmentId: number }> {
  const c = clinics.get(hospitalId)!;
  const p = await patient(desk, hospitalId, hospitalId === B ? { phone: `98${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`, ...over } : over);
  const start = nextStart(c);
  const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: c.doctorId, start });
  await desk.ok('appointments.checkIn', { id: a.id });
  const e = await c.doc.ok('encounters.open', { appointmentId: a.id });
  return { encounterId: e.id, patientId: p.id, appointmentId: a.id };
}

/** The doctor's next free five-minute slot of the day. */
const nextStart = (c: { slot: number }) => new Date(Date.parse('2027-03-01T07:00:00.000Z') + 5 * 60_000 * c.slot++).toISOString();

const count = async (sql: string, args: unknown[] = []) => Number((await app.db.sql<{ n: number }>(sql, args))[0].n);

let medSerial = 0;
async function medicine(hospitalId: number, by: Desk, stock: number): Promise<{ item: Output<'pharmacy.createItem'>; batchId: number }> {
  const item = await by.ok('pharmacy.createItem', { hospitalId, name: `Attackamol ${++medSerial}`, strength: '500 mg', form: 'tablet', activeIngredient: null, unitPrice: 100, reorderLevel: 0 });
  const batch = stock > 0 ? await by.ok('pharmacy.receive', { itemId: item.id, batchNumber: `ATK-${medSerial}`, expiryDate: '2028-12-31', quantity: stock, supplier: 'NMS' }) : null;
  return { item, batchId: batch ? (batch as { id: number }).id : 0 };
}

async function prescribe(hospitalId: number, encounterId: number, itemId: number, quantity: number): Promise<number> {
  const after = await clinics.get(hospitalId)!.doc.ok('prescriptions.create', { encounterId, itemId, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity });
  return after.prescriptions.reduce((x, y) => (y.id > x.id ? y : x)).id;
}

beforeAll(async () => {
  app = await startTestApp();
  A = app.hospitalId;
  await app.setClock(kla('2027-03-01', '08:00'));
  desk = await app.signedIn(['front_desk'], { allHospitals: true });
  B = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'PNQ', name: 'Pune Care', country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', defaultTaxRateBp: 1200, patientNumberFormat: 'PNQ-{seq:5}' })).id;
  await clinic(A);
  await clinic(B);
  docA = clinics.get(A)!.doc;
  nurseA = await app.signedIn(['nurse'], { hospitalIds: [A] });
  pharmA = await app.signedIn(['pharmacist'], { hospitalIds: [A] });
  billingA = await app.signedIn(['billing'], { hospitalIds: [A] });
  frontA = await app.signedIn(['front_desk'], { hospitalIds: [A] });
  hrA = await app.signedIn(['hr'], { hospitalIds: [A] });
  managerA = await app.signedIn(['manager'], { hospitalIds: [A] });
  const pharmB = await app.signedIn(['pharmacist'], { hospitalIds: [B] });

  // Hospital A's catalog.
  catalogA = (await app.admin.ok('catalog.create', { hospitalId: A, code: 'TRT-A', description: 'Dressing A', category: 'treatment', price: 10_000 })).id;
  testA = (await app.admin.ok('tests.define', haemoglobin(A))).id;
  itemA = (await medicine(A, pharmA, 100)).item;

  // Hospital B's records: an encounter with a diagnosis, a procedure, a test order, a prescription; a stay.
  const e = await seen(B);
  Object.assign(b, { patientId: e.patientId, appointmentId: e.appointmentId, encounterId: e.encounterId });
  const docB = clinics.get(B)!.doc;
  const withDx = await docB.ok('diagnoses.add', { encounterId: e.encounterId, code: 'B54', rank: 'primary' });
  b.diagnosisId = withDx.diagnoses[0].id;
  b.catalogItemId = (await app.admin.ok('catalog.create', { hospitalId: B, code: 'TRT-B', description: 'Dressing B', category: 'treatment', price: 500 })).id;
  const withProc = await docB.ok('procedures.record', { encounterId: e.encounterId, catalogItemId: b.catalogItemId });
  b.procedureId = withProc.procedures[0].id;
  b.testId = (await app.admin.ok('tests.define', haemoglobin(B))).id;
  const withTest = await docB.ok('tests.order', { encounterId: e.encounterId, testId: b.testId });
  b.testOrderId = withTest.tests[0].id;
  const med = await medicine(B, pharmB, 50);
  b.itemId = med.item.id;
  b.batchId = med.batchId;
  b.prescriptionId = await prescribe(B, e.encounterId, b.itemId, 10);
  const floor = await app.admin.ok('rooms.createFloor', { hospitalId: B, name: 'Ward B', level: 1 });
  const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: 'B1', roomType: 'general_ward', dailyRate: 5_000, beds: 2 });
  const nurseB = await app.signedIn(['nurse'], { hospitalIds: [B] });
  b.stayId = (await nurseB.ok('admissions.admit', { patientId: b.patientId, bedId: room.beds[0].id, attendingDoctorId: clinics.get(B)!.doctorId, reason: 'Observation' })).id;
}, 120_000);
afterAll(async () => app?.close());

/** Every table the clinical and pharmacy channels write, counted. */
async function snapshot(): Promise<Record<string, number>> {
  const tables = ['encounters', 'encounter_addenda', 'diagnoses', 'procedures', 'test_orders', 'test_results', 'prescriptions', 'dispensings', 'stock_batches', 'charges', 'test_definitions', 'test_ranges', 'medicine_items'];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = await count(`SELECT COUNT(*) AS n FROM ${t}`);
  const [v] = await app.db.sql<Record<string, unknown>>('SELECT (SELECT SUM(version) FROM encounters) AS ev, (SELECT SUM(version) FROM prescriptions) AS pv, (SELECT SUM(version) FROM test_orders) AS tv, (SELECT SUM(on_hand) FROM medicine_items) AS oh, (SELECT SUM(quantity) FROM stock_batches) AS sq');
  for (const [k, x] of Object.entries(v)) out[k] = Number(x);
  return out;
}

describe("another hospital's ids", () => {
  it("refuses every channel given hospital B's ids to a user of hospital A, and writes nothing", async () => {
    const before = await snapshot();
    const nurseCalls: [ChannelName, unknown][] = [
      ['encounters.get', { id: b.encounterId }],
      ['encounters.find', { appointmentId: b.appointmentId }],
      ['encounters.find', { stayId: b.stayId }],
      ['encounters.update', { id: b.encounterId, version: 1, complaint: 'x' }],
      ['encounters.addendum', { id: b.encounterId, text: 'Not mine' }],
      ['tests.recordResult', { orderId: b.testOrderId, value: 13 }],
      ['tests.pending', { hospitalId: B }],
      ['prescriptions.get', { id: b.prescriptionId }],
      ['prescriptions.list', { hospitalId: B }],
      ['pharmacy.item', { id: b.itemId }],
      ['pharmacy.items', { hospitalId: B }],
      ['pharmacy.stock', { hospitalId: B }],
      ['tests.catalog', { hospitalId: B }],
    ];
    const doctorCalls: [ChannelName, unknown][] = [
      ['encounters.open', { appointmentId: b.appointmentId }],
      ['encounters.open', { stayId: b.stayId }],
      ['encounters.sign', { id: b.encounterId }],
      ['diagnoses.add', { encounterId: b.encounterId, code: 'J18.9' }],
      ['diagnoses.update', { id: b.diagnosisId, rank: 'secondary' }],
      ['diagnoses.remove', { id: b.diagnosisId }],
      ['procedures.record', { encounterId: b.encounterId, catalogItemId: b.catalogItemId }],
      ['procedures.remove', { id: b.procedureId }],
      ['tests.order', { encounterId: b.encounterId, testId: b.testId }],
      ['tests.cancel', { id: b.testOrderId, reason: 'Not mine' }],
      ['tests.markSeen', { ids: [b.testOrderId] }],
      ['prescriptions.create', { encounterId: b.encounterId, itemId: b.itemId, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 }],
      ['prescriptions.cancel', { id: b.prescriptionId, reason: 'Not mine' }],
    ];
    const pharmacistCalls: [ChannelName, unknown][] = [
      ['pharmacy.dispense', { prescriptionId: b.prescriptionId, quantity: 1 }],
      ['pharmacy.receive', { itemId: b.itemId, batchNumber: 'X1', expiryDate: '2028-01-01', quantity: 5 }],
      ['pharmacy.adjust', { batchId: b.batchId, quantity: -1, reason: 'damaged' }],
      ['pharmacy.updateItem', { id: b.itemId, version: 1, unitPrice: 1 }],
      ['pharmacy.createItem', { hospitalId: B, name: 'Sneaky', form: 'tablet', unitPrice: 1 }],
    ];
    const adminA = await app.signedIn(['admin'], { hospitalIds: [A] });
    const adminCalls: [ChannelName, unknown][] = [
      ['tests.define', haemoglobin(B, { code: 'HB2' })],
      ['tests.updateDefinition', { id: b.testId, name: 'Renamed' }],
      ['tests.define', haemoglobin(A, { code: 'HB3', catalogItemId: b.catalogItemId })],
    ];
    const answered: string[] = [];
    for (const [who, calls] of [
      [nurseA, nurseCalls],
      [docA, doctorCalls],
      [pharmA, pharmacistCalls],
      [adminA, adminCalls],
    ] as const) {
      for (const [channel, input] of calls) {
        const r = await who.call(channel, input as never);
        const code = r.ok ? 'OK' : r.error.code;
        // Marking seen leaves other doctors' orders as they are (marked 0).
        if (channel === 'tests.markSeen' && r.ok && (r.data as { marked: number }).marked === 0) continue;
        if (!['NOT_FOUND', 'FORBIDDEN', ...(channel === 'tests.define' ? ['VALIDATION'] : [])].includes(code)) answered.push(`${channel} ${JSON.stringify(input)} → ${code}`);
      }
    }
    expect(answered).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("lists none of hospital B's results, orders or prescriptions to a user of hospital A, whoever they are asked for", async () => {
    const nurseB = await app.signedIn(['nurse'], { hospitalIds: [B] });
    const e = await seen(B);
    const order = (await clinics.get(B)!.doc.ok('tests.order', { encounterId: e.encounterId, testId: b.testId })).tests[0].id;
    await nurseB.ok('tests.recordResult', { orderId: order, value: 9 });
    expect((await nurseB.ok('tests.newResults', { doctorId: clinics.get(B)!.doctorId })).map((o) => o.id)).toContain(order);
    expect(await nurseA.ok('tests.newResults', { doctorId: clinics.get(B)!.doctorId })).toEqual([]);
    expect((await nurseA.ok('tests.pending', { hospitalId: A })).items.filter((o) => o.hospitalId !== A)).toEqual([]);
    expect((await pharmA.ok('prescriptions.list', { hospitalId: A, status: 'all', patientId: b.patientId })).items).toEqual([]);
    expect((await pharmA.ok('pharmacy.items', { hospitalId: A, query: 'Attackamol' })).items.filter((i) => i.hospitalId !== A)).toEqual([]);
  });

  it("refuses hospital B's medicine, catalog item and test on hospital A's encounter", async () => {
    const e = await seen(A);
    const before = await snapshot();
    await docA.fails('prescriptions.create', { encounterId: e.encounterId, itemId: b.itemId, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 }, 'NOT_FOUND');
    await docA.fails('procedures.record', { encounterId: e.encounterId, catalogItemId: b.catalogItemId }, 'NOT_FOUND');
    await docA.fails('tests.order', { encounterId: e.encounterId, testId: b.testId }, 'NOT_FOUND');
    await app.admin.fails('tests.updateDefinition', { id: testA, catalogItemId: b.catalogItemId }, 'VALIDATION');
    expect(await snapshot()).toEqual(before);
  });

  it("shows an A-only user none of B's records in the journal, its PDF or the FHIR export of a patient registered at B", async () => {
    // The patient of B is seen at A too.
    const atA = await seen(A, {});
    void atA;
    const journal = await docA.ok('patients.journal', { patientId: b.patientId, limit: 100 });
    expect(journal.items.filter((x) => x.hospitalId !== A)).toEqual([]);
    const pdf = textOf((await docA.ok('patients.journalPdf', { patientId: b.patientId })).pdfBase64);
    expect(pdf).not.toContain('B54');
    expect(pdf).not.toContain('Unspecified malaria');
    expect(pdf).not.toContain('Dressing B');
    const fhir = (await docA.ok('patients.fhirExport', { patientId: b.patientId })).json;
    expect(fhir).not.toContain('B54');
    expect(fhir).not.toContain('malaria');
    expect(JSON.parse(fhir).entry.filter((x: { resource: { resourceType: string } }) => x.resource.resourceType !== 'Patient')).toEqual([]);
  });
});

describe('roles', () => {
  it('refuses writes to roles that do not make them, and writes nothing', async () => {
    const e = await seen(A);
    const enc = await docA.ok('tests.order', { encounterId: e.encounterId, testId: testA });
    const orderId = enc.tests[0].id;
    const rxId = await prescribe(A, e.encounterId, itemA.id, 2);
    const before = await snapshot();
    const writes: [ChannelName, unknown][] = [
      ['encounters.open', { appointmentId: e.appointmentId }],
      ['encounters.update', { id: e.encounterId, version: 1, complaint: 'x' }],
      ['encounters.sign', { id: e.encounterId }],
      ['diagnoses.add', { encounterId: e.encounterId, code: 'B54' }],
      ['procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA }],
      ['tests.order', { encounterId: e.encounterId, testId: testA }],
      ['tests.recordResult', { orderId, value: 13 }],
      ['tests.cancel', { id: orderId, reason: 'x' }],
      ['prescriptions.create', { encounterId: e.encounterId, itemId: itemA.id, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 }],
      ['prescriptions.cancel', { id: rxId, reason: 'x' }],
      ['pharmacy.dispense', { prescriptionId: rxId, quantity: 1 }],
      ['diagnoses.importCodes', { csv: 'Z99.99,Sneaky code' }],
      ['tests.define', haemoglobin(A, { code: 'HBX' })],
    ];
    const refused: string[] = [];
    for (const who of [billingA, frontA, hrA, managerA]) {
      for (const [channel, input] of writes) {
        const r = await who.call(channel, input as never);
        if (r.ok || r.error.code !== 'FORBIDDEN') refused.push(`${who.username} ${channel} → ${r.ok ? 'OK' : r.error.code}`);
      }
    }
    // A nurse neither diagnoses, prescribes, records procedures nor orders; a doctor does not dispense; a pharmacist reads no encounter.
    for (const [who, channel, input] of [
      [nurseA, 'diagnoses.add', { encounterId: e.encounterId, code: 'B54' }],
      [nurseA, 'prescriptions.create', { encounterId: e.encounterId, itemId: itemA.id, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 }],
      [nurseA, 'procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA }],
      [nurseA, 'tests.order', { encounterId: e.encounterId, testId: testA }],
      [nurseA, 'pharmacy.dispense', { prescriptionId: rxId, quantity: 1 }],
      [docA, 'pharmacy.dispense', { prescriptionId: rxId, quantity: 1 }],
      [docA, 'pharmacy.adjust', { batchId: 1, quantity: -1, reason: 'damaged' }],
      [pharmA, 'encounters.get', { id: e.encounterId }],
      [pharmA, 'encounters.find', { appointmentId: e.appointmentId }],
      [pharmA, 'tests.recordResult', { orderId, value: 13 }],
      [billingA, 'patients.fhirExport', { patientId: e.patientId }],
      [frontA, 'patients.fhirExport', { patientId: e.patientId }],
      [pharmA, 'patients.fhirExport', { patientId: e.patientId }],
      [billingA, 'encounters.get', { id: e.encounterId }],
      [billingA, 'prescriptions.get', { id: rxId }],
    ] as [User, ChannelName, unknown][]) {
      const r = await who.call(channel, input as never);
      if (r.ok || r.error.code !== 'FORBIDDEN') refused.push(`${who.username} ${channel} → ${r.ok ? 'OK' : r.error.code}`);
    }
    expect(refused).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses every doctor-only write to a doctor account not on the staff list or whose staff record is terminated', async () => {
    const e = await seen(A);
    const withAll = await docA.ok('diagnoses.add', { encounterId: e.encounterId, code: 'B54', rank: 'primary' });
    await docA.ok('procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA });
    await docA.ok('tests.order', { encounterId: e.encounterId, testId: testA });
    const rx = await prescribe(A, e.encounterId, itemA.id, 3);
    const enc = await docA.ok('encounters.get', { id: e.encounterId });
    const unlinked = await app.signedIn(['doctor'], { hospitalIds: [A] });
    const leaver = await app.signedIn(['doctor'], { hospitalIds: [A] });
    const hr = await app.signedIn(['hr'], { hospitalIds: [A] });
    const staff = await doctor(hr, A, { userId: leaver.userId });
    await hr.ok('staff.terminate', { id: staff.id, version: staff.version, terminatedOn: '2027-03-01', reason: 'Left' });
    const before = await snapshot();
    const writes: [ChannelName, unknown][] = [
      ['diagnoses.add', { encounterId: e.encounterId, code: 'J18.9' }],
      ['diagnoses.update', { id: withAll.diagnoses[0].id, certainty: 'confirmed' }],
      ['diagnoses.remove', { id: withAll.diagnoses[0].id }],
      ['procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA }],
      ['procedures.remove', { id: enc.procedures[0].id }],
      ['tests.order', { encounterId: e.encounterId, testId: testA }],
      ['tests.cancel', { id: enc.tests[0].id, reason: 'Not needed' }],
      ['prescriptions.create', { encounterId: e.encounterId, itemId: itemA.id, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 }],
      ['prescriptions.cancel', { id: rx, reason: 'Not needed' }],
      ['encounters.sign', { id: e.encounterId }],
    ];
    const answered: string[] = [];
    for (const who of [unlinked, leaver]) {
      for (const [channel, input] of writes) {
        const r = await who.call(channel, input as never);
        if (r.ok || r.error.code !== 'FORBIDDEN') answered.push(`${who.username} ${channel} → ${r.ok ? 'OK' : r.error.code}`);
      }
    }
    expect(answered).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it("signs an encounter only in the name of the doctor who holds it, also when its appointment is completed", async () => {
    // A colleague covers the consultation: the encounter is theirs.
    const colleague = await app.signedIn(['doctor'], { hospitalIds: [A] });
    await doctor(await app.signedIn(['hr'], { hospitalIds: [A] }), A, { userId: colleague.userId, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '06:00', end: '23:00' })) });
    const c = clinics.get(A)!;
    const p = await patient(desk, A);
    const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: c.doctorId, start: nextStart(c) });
    await desk.ok('appointments.checkIn', { id: a.id });
    const e = await colleague.ok('encounters.open', { appointmentId: a.id });
    await docA.fails('encounters.sign', { id: e.id }, 'FORBIDDEN');
    // The appointment's doctor does not sign it by completing the appointment; an administrator completes none.
    await app.admin.fails('appointments.complete', { id: a.id }, 'FORBIDDEN');
    for (const who of [docA]) {
      const r = await who.call('appointments.complete', { id: a.id });
      const [row] = await app.db.sql<{ status: string; signed_by: number | null }>('SELECT status, signed_by FROM encounters WHERE id = ?', [e.id]);
      if (r.ok) expect(row).toEqual({ status: 'signed', signed_by: colleague.userId });
      else expect([r.error.code, row]).toEqual(['CONFLICT', { status: 'open', signed_by: null }]);
    }
    // The holder signs; then the appointment completes.
    await colleague.ok('encounters.sign', { id: e.id });
    expect((await docA.ok('appointments.complete', { id: a.id })).status).toBe('completed');
    const [row] = await app.db.sql<{ signed_by: number }>('SELECT signed_by FROM encounters WHERE id = ?', [e.id]);
    expect(row.signed_by).toBe(colleague.userId);
  });

  it('never shows billing, front desk or HR a diagnosis code, in the journal or its PDF', async () => {
    const e = await seen(A);
    await docA.ok('diagnoses.add', { encounterId: e.encounterId, code: 'J18.9', rank: 'primary', note: 'Right lower lobe' });
    await docA.ok('encounters.update', { id: e.encounterId, version: 1, complaint: 'Cough and fever', assessment: 'Pneumonia suspected' });
    await docA.ok('procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA });
    const dx = /J18|pneumonia|Right lower lobe|Cough and fever/i;
    const adminA = await app.signedIn(['admin'], { hospitalIds: [A] });
    for (const who of [billingA, frontA, managerA, pharmA, hrA, adminA]) {
      const r = await who.call('patients.journal', { patientId: e.patientId, limit: 100 });
      if (r.ok) expect(JSON.stringify(r.data), who.username).not.toMatch(dx);
      const pdf = await who.call('patients.journalPdf', { patientId: e.patientId });
      if (pdf.ok) expect(textOf(pdf.data.pdfBase64), who.username).not.toMatch(dx);
    }
    for (const kinds of [['encounter'], ['encounter', 'invoice']] as const) {
      const r = await billingA.call('patients.journal', { patientId: e.patientId, kinds: [...kinds] });
      if (r.ok) expect(JSON.stringify(r.data)).not.toMatch(dx);
    }
  });
});

describe('hostile input', () => {
  it('answers FULLTEXT operators and SQL-looking words in code search without an internal error', async () => {
    const queries = ['+', '-', '"', '*', '@', '(', ')', '~', '<', '>', '*', '"unterminated', '+'.repeat(100), "'; DROP TABLE icd10_codes; --", 'malaria" OR "1"="1', '+malar* -fever', '@distance 3', 'a*b*c*', '(malaria', '>>><<<', '\\', '%', '_', "o'brien", 'ab', 'x', ' ', '٣٤٥', '\u0000', 'mal\u0000aria', 'B5%', 'B_4', 'A00.00000', 'E11.', 'ZZZ'];
    const bad: string[] = [];
    for (const query of queries) {
      const r = await docA.call('diagnoses.searchCodes', { query });
      if (!r.ok && r.error.code !== 'VALIDATION') bad.push(`${JSON.stringify(query)} → ${r.error.code} ${r.error.message}`);
    }
    expect(bad).toEqual([]);
    expect(await count('SELECT COUNT(*) AS n FROM icd10_codes')).toBeGreaterThan(100);
    // Wildcards in a code prefix are literal.
    expect((await docA.ok('diagnoses.searchCodes', { query: 'B5%' })).filter((c) => !c.code.startsWith('B5'))).toEqual([]);
  });

  it('imports odd CSV files without an internal error, rejecting what does not fit', async () => {
    const adminA = await app.signedIn(['admin'], { allHospitals: true });
    const files = ['\n', 'code,title', 'code,title\r\n', '\r\n\r\n', `Z98.1,${'T'.repeat(10_000)}`, 'A00.00000,Too long a code', 'Z99.8,First\nZ99.8,Second', 'Z99.7,CRLF one\r\nZ99.6,CRLF two\r\n', '"Z99.5","Quoted ""title"""', '"unterminated', ',,,,', 'Z99.4', `${'Z'.repeat(10_000)},title`];
    const bad: string[] = [];
    for (const csv of files) {
      const r = await adminA.call('diagnoses.importCodes', { csv });
      if (!r.ok && r.error.code !== 'VALIDATION') bad.push(`${JSON.stringify(csv.slice(0, 30))} → ${r.error.code} ${r.error.message}`);
    }
    expect(bad).toEqual([]);
    await adminA.fails('diagnoses.importCodes', { csv: '' }, 'VALIDATION');
    const dup = await adminA.ok('diagnoses.importCodes', { csv: 'Z99.3,First\nZ99.3,Second' });
    expect(dup).toMatchObject({ added: 1, rejected: [{ line: 2 }] });
    const long = await adminA.ok('diagnoses.importCodes', { csv: `Z98.2,${'T'.repeat(10_000)}` });
    expect(long).toMatchObject({ added: 0, rejected: [{ line: 1 }] });
    expect(await count("SELECT COUNT(*) AS n FROM icd10_codes WHERE code = 'A00.00000' OR code LIKE 'ZZZ%'")).toBe(0);
    const crlf = await app.db.sql<{ code: string; title: string }>("SELECT code, title FROM icd10_codes WHERE code IN ('Z99.7', 'Z99.6') ORDER BY code");
    expect(crlf).toEqual([
      { code: 'Z99.6', title: 'CRLF two' },
      { code: 'Z99.7', title: 'CRLF one' },
    ]);
  });

  it('stores or refuses odd Unicode in text fields, search and import without an internal error', async () => {
    const e = await seen(A);
    const odd = ['🦠🧬💊'.repeat(30), 'a\u0000b', '\uD800', '\uDFFFx', 'e\u0301\u0301\u0301', '\u202Eevil', 'ﬁ ß İ ǅ', '²³', '\uFEFF', '𝔸𝕓𝕔 malaria'];
    const bad: string[] = [];
    let version = 1;
    for (const text of odd) {
      const r = await nurseA.call('encounters.update', { id: e.encounterId, version, complaint: text, plan: text });
      if (r.ok) version = r.data.version;
      else if (r.error.code !== 'VALIDATION') bad.push(`update ${JSON.stringify(text)} → ${r.error.code} ${r.error.message}`);
      const s2 = await docA.call('diagnoses.searchCodes', { query: text });
      if (!s2.ok && s2.error.code !== 'VALIDATION') bad.push(`search ${JSON.stringify(text)} → ${s2.error.code} ${s2.error.message}`);
      const d = await docA.call('diagnoses.add', { encounterId: e.encounterId, code: 'B54', note: text });
      if (d.ok) await docA.ok('diagnoses.remove', { id: d.data.diagnoses[0].id });
      else if (d.error.code !== 'VALIDATION') bad.push(`diagnosis ${JSON.stringify(text)} → ${d.error.code} ${d.error.message}`);
    }
    const csv = odd.map((t, i) => `Z97.${i},${t.replace(/[,"\r\n]/g, ' ')}`).join('\n');
    const imported = await app.admin.call('diagnoses.importCodes', { csv });
    if (!imported.ok && imported.error.code !== 'VALIDATION') bad.push(`import → ${imported.error.code} ${imported.error.message}`);
    const pdf = await docA.call('patients.journalPdf', { patientId: e.patientId });
    if (!pdf.ok) bad.push(`journalPdf → ${pdf.error.code} ${pdf.error.message}`);
    const fhir = await docA.call('patients.fhirExport', { patientId: e.patientId });
    if (!fhir.ok) bad.push(`fhirExport → ${fhir.error.code} ${fhir.error.message}`);
    expect(bad).toEqual([]);
  });

  it('prints the journal and exports FHIR with the longest notes, words without a space and reports the channels allow', async () => {
    const e = await seen(A);
    const word = (n: number, c = 'W') => c.repeat(n);
    await nurseA.ok('encounters.update', { id: e.encounterId, version: 1, complaint: word(2000, 'C'), subjective: word(10_000, 'S'), objective: `${'line\n'.repeat(2000)}`, assessment: '\t'.repeat(10_000), plan: word(10_000, 'P') });
    await docA.ok('diagnoses.add', { encounterId: e.encounterId, code: 'B54', note: word(1000, 'N') });
    const order = (await docA.ok('tests.order', { encounterId: e.encounterId, testId: testA, note: word(1000, 'O') })).tests[0].id;
    await nurseA.ok('tests.recordResult', { orderId: order, valueText: word(200, 'V'), report: word(20_000, 'R') });
    await docA.ok('prescriptions.create', { encounterId: e.encounterId, itemId: itemA.id, dose: 99_999.99, doseUnit: word(20, 'U'), route: 'oral', frequency: 'tds', quantity: 100_000, instructions: word(1000, 'I') });
    await docA.ok('encounters.sign', { id: e.encounterId });
    for (let i = 0; i < 3; i++) await nurseA.ok('encounters.addendum', { id: e.encounterId, text: word(5000, 'A') });
    const started = Date.now();
    const pdf = await docA.call('patients.journalPdf', { patientId: e.patientId });
    expect(pdf.ok ? 'OK' : `${pdf.error.code} ${pdf.error.message}`).toBe('OK');
    expect(Date.now() - started).toBeLessThan(20_000);
    const fhir = await docA.call('patients.fhirExport', { patientId: e.patientId });
    expect(fhir.ok ? 'OK' : `${fhir.error.code} ${fhir.error.message}`).toBe('OK');
    const page = await docA.call('patients.journal', { patientId: e.patientId });
    expect(page.ok).toBe(true);
  }, 60_000);

  it('charges price times quantity exactly or refuses it, never rounded, for procedures and dispensing', async () => {
    const e = await seen(A);
    const dear = await app.admin.ok('catalog.create', { hospitalId: A, code: 'TRT-DEAR', description: 'Dear treatment', category: 'treatment', price: 99_999_999_999, taxRateBp: 1800 });
    const before = await snapshot();
    // 9,999,799,999,900,001 minor units: beyond what a number holds to the unit.
    await docA.fails('procedures.record', { encounterId: e.encounterId, catalogItemId: dear.id, quantity: 99_999 }, 'VALIDATION');
    expect(await snapshot()).toEqual(before);
    const enc = await docA.ok('procedures.record', { encounterId: e.encounterId, catalogItemId: dear.id, quantity: 90_000 });
    const [c] = await app.db.sql<{ id: number; amount: string }>('SELECT id, CAST(amount AS CHAR) AS amount FROM charges WHERE source_type = ? AND source_id = ?', ['procedure', enc.procedures[0].id]);
    expect(c.amount).toBe(String(99_999_999_999n * 90_000n));
    // Dispensing 99,999 units at the dearest unit price.
    const dearMed = await pharmA.ok('pharmacy.createItem', { hospitalId: A, name: 'Dearamol', form: 'tablet', unitPrice: 99_999_999_999 });
    await pharmA.ok('pharmacy.receive', { itemId: dearMed.id, batchNumber: 'DEAR-1', expiryDate: '2028-12-31', quantity: 100_000 });
    const rx = await prescribe(A, e.encounterId, dearMed.id, 99_999);
    const beforeDispensing = await snapshot();
    await pharmA.fails('pharmacy.dispense', { prescriptionId: rx, quantity: 99_999 }, 'VALIDATION');
    expect(await snapshot()).toEqual(beforeDispensing);
  });

  it('answers date filters at the ends of the calendar without an internal error, and still finds what lies between', async () => {
    const e = await seen(A);
    await docA.ok('diagnoses.add', { encounterId: e.encounterId, code: 'B54' });
    const bad: string[] = [];
    for (const [from, to] of [
      ['0001-01-01', '9999-12-31'],
      ['0000-01-01', '9999-12-31'],
      ['0099-12-31', '2027-03-01'],
      ['1000-01-01', '2999-01-01'],
      ['2027-03-01', '2027-03-01'],
    ]) {
      const r = await docA.call('patients.journal', { patientId: e.patientId, from, to });
      if (!r.ok) {
        if (r.error.code !== 'VALIDATION') bad.push(`journal ${from}..${to} → ${r.error.code} ${r.error.message}`);
      } else if (!r.data.items.some((x) => x.kind === 'encounter')) bad.push(`journal ${from}..${to} misses the encounter`);
      const pdf = await docA.call('patients.journalPdf', { patientId: e.patientId, from, to });
      if (!pdf.ok && pdf.error.code !== 'VALIDATION') bad.push(`pdf ${from}..${to} → ${pdf.error.code} ${pdf.error.message}`);
      const list = await nurseA.call('prescriptions.list', { hospitalId: A, from, status: 'all' });
      if (!list.ok && list.error.code !== 'VALIDATION') bad.push(`prescriptions ${from} → ${list.error.code} ${list.error.message}`);
    }
    for (const expiryDate of ['9999-12-31', '0001-01-01']) {
      const r = await pharmA.call('pharmacy.receive', { itemId: itemA.id, batchNumber: `END-${expiryDate}`, expiryDate, quantity: 1 });
      if (!r.ok && r.error.code !== 'VALIDATION') bad.push(`receive ${expiryDate} → ${r.error.code} ${r.error.message}`);
    }
    const stock = await pharmA.call('pharmacy.stock', { hospitalId: A });
    if (!stock.ok) bad.push(`stock → ${stock.error.code}`);
    expect(bad).toEqual([]);
  });

  it('refuses, without an internal error, a charge whose note does not fit after the catalog description', async () => {
    const e = await seen(A);
    const long = await app.admin.ok('catalog.create', { hospitalId: A, code: 'TRT-LONG', description: 'D'.repeat(200), category: 'treatment', price: 1_000 });
    const before = await snapshot();
    const r = await nurseA.fails('charges.add', { patientId: e.patientId, catalogItemId: long.id, note: 'N'.repeat(200) }, 'VALIDATION');
    expect(r.fields).toEqual({ note: "The item's description leaves no room for a note." });
    expect(await snapshot()).toEqual(before);
    const shorter = await app.admin.ok('catalog.create', { hospitalId: A, code: 'TRT-LONG2', description: 'D'.repeat(150), category: 'treatment', price: 1_000 });
    expect((await nurseA.fails('charges.add', { patientId: e.patientId, catalogItemId: shorter.id, note: 'N'.repeat(48) }, 'VALIDATION')).fields).toEqual({ note: 'With the item\'s description, at most 47 characters of note fit.' });
    expect((await nurseA.ok('charges.add', { patientId: e.patientId, catalogItemId: shorter.id, note: 'N'.repeat(47) })).description).toHaveLength(200);
  });

  it('records the care of a doctor with the longest names the staff list takes without an internal error', async () => {
    const longDoc = await app.signedIn(['doctor'], { hospitalIds: [A] });
    const hr = await app.signedIn(['hr'], { hospitalIds: [A] });
    const staff = await doctor(hr, A, { userId: longDoc.userId, firstName: 'F'.repeat(100), lastName: 'L'.repeat(100), slotMinutes: 15, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '06:00', end: '23:00', slotMinutes: 15 })) });
    const p = await patient(desk, A);
    const free = await desk.ok('appointments.freeSlots', { doctorId: staff.id, date: '2027-03-01' });
    const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: staff.id, start: free.slots.at(-1)!.start });
    await desk.ok('appointments.checkIn', { id: a.id });
    const bad: string[] = [];
    const e = await longDoc.call('encounters.open', { appointmentId: a.id });
    if (!e.ok) throw new Error(`encounters.open → ${e.error.code}`);
    for (const [channel, input] of [
      ['procedures.record', { encounterId: e.data.id, catalogItemId: catalogA }],
      ['tests.order', { encounterId: e.data.id, testId: testA }],
      ['prescriptions.create', { encounterId: e.data.id, itemId: itemA.id, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 }],
      ['appointments.complete', { id: a.id }],
    ] as [ChannelName, unknown][]) {
      const r = await longDoc.call(channel, input as never);
      if (!r.ok) bad.push(`${channel} → ${r.error.code} ${r.error.message}`);
    }
    expect(bad).toEqual([]);
    const got = await longDoc.ok('encounters.get', { id: e.data.id });
    expect(got).toMatchObject({ status: 'signed', prescriptions: [{ prescriberName: `Dr ${'F'.repeat(100)} ${'L'.repeat(95)}…` }] });
    const [charge] = await app.db.sql<{ description: string }>("SELECT description FROM charges WHERE source_type = 'appointment' AND source_id = ?", [a.id]);
    expect(charge.description).toHaveLength(200);
  });

  it('refuses blank required texts (reasons, addenda, dose units, batch numbers) and answers NOT_FOUND for ids that do not exist', async () => {
    const e = await seen(A);
    const order = (await docA.ok('tests.order', { encounterId: e.encounterId, testId: testA })).tests[0].id;
    const rx = await prescribe(A, e.encounterId, itemA.id, 2);
    const before = await snapshot();
    const bad: string[] = [];
    for (const blank of ['', '   ', '\n\t ', '\u00A0\u2003']) {
      for (const [who, channel, input] of [
        [docA, 'tests.cancel', { id: order, reason: blank }],
        [docA, 'prescriptions.cancel', { id: rx, reason: blank }],
        [docA, 'prescriptions.create', { encounterId: e.encounterId, itemId: itemA.id, dose: 1, doseUnit: blank, route: 'oral', frequency: 'tds', quantity: 1 }],
        [pharmA, 'pharmacy.receive', { itemId: itemA.id, batchNumber: blank, expiryDate: '2028-01-01', quantity: 1 }],
      ] as [Desk, ChannelName, unknown][]) {
        const r = await who.call(channel, input as never);
        if (r.ok || r.error.code !== 'VALIDATION') bad.push(`${channel} ${JSON.stringify(blank)} → ${r.ok ? 'OK' : r.error.code}`);
      }
    }
    const missing = 2_000_000_000;
    for (const [who, channel, input] of [
      [nurseA, 'encounters.get', { id: missing }],
      [docA, 'diagnoses.remove', { id: missing }],
      [docA, 'procedures.remove', { id: missing }],
      [docA, 'tests.cancel', { id: missing, reason: 'x' }],
      [nurseA, 'tests.recordResult', { orderId: missing, value: 1 }],
      [docA, 'prescriptions.create', { encounterId: e.encounterId, itemId: missing, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 }],
      [pharmA, 'pharmacy.dispense', { prescriptionId: missing, quantity: 1 }],
      [pharmA, 'pharmacy.adjust', { batchId: missing, quantity: -1, reason: 'damaged' }],
      [docA, 'patients.journal', { patientId: missing }],
      [docA, 'patients.journalPdf', { patientId: missing }],
      [docA, 'patients.fhirExport', { patientId: missing }],
      [docA, 'encounters.open', { appointmentId: missing }],
      [docA, 'encounters.open', { stayId: missing }],
    ] as [Desk, ChannelName, unknown][]) {
      const r = await who.call(channel, input as never);
      if (r.ok || r.error.code !== 'NOT_FOUND') bad.push(`${channel} missing → ${r.ok ? 'OK' : r.error.code}`);
    }
    expect(bad).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('does not let an allergy written with a hyphen, in capitals or in brackets slip past the prescription check', async () => {
    const pharmacyItem = await pharmA.ok('pharmacy.createItem', { hospitalId: A, name: 'Amoxicillin', strength: '250 mg', form: 'capsule', unitPrice: 100 });
    const slipped: string[] = [];
    for (const allergies of ['Amoxicillin-clavulanate (hives)', 'AMOXICILLIN', 'co-amoxiclav; amoxicillin-clav', 'allergic to: amoxicillin.', 'Penicillins (incl. amoxicillin)', 'Beta-lactams (amoxicillin, hives)']) {
      const e = await seen(A, { allergies });
      const r = await docA.call('prescriptions.create', { encounterId: e.encounterId, itemId: pharmacyItem.id, dose: 250, doseUnit: 'mg', route: 'oral', frequency: 'tds', quantity: 15 });
      if (r.ok || r.error.code !== 'VALIDATION') slipped.push(`${allergies} → ${r.ok ? 'OK' : r.error.code}`);
    }
    expect(slipped).toEqual([]);
  });

  it('refuses NaN, Infinity, negative, fractional and oversized numbers, impossible dates and oversized text', async () => {
    const e = await seen(A);
    const enc = await docA.ok('tests.order', { encounterId: e.encounterId, testId: testA });
    const orderId = enc.tests[0].id;
    const rx = { encounterId: e.encounterId, itemId: itemA.id, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 };
    const before = await snapshot();
    const bad: string[] = [];
    const expectInvalid = async (who: Desk, channel: ChannelName, input: unknown) => {
      const r = await who.call(channel, input as never);
      if (r.ok || r.error.code !== 'VALIDATION') bad.push(`${channel} ${JSON.stringify(input).slice(0, 80)} → ${r.ok ? 'OK' : r.error.code}`);
    };
    for (const v of [NaN, Infinity, -Infinity, 1e300, '13', null]) await expectInvalid(nurseA, 'tests.recordResult', { orderId, value: v });
    for (const q of [0, -1, 1.5, NaN, Infinity, 1e12, '2']) {
      await expectInvalid(docA, 'prescriptions.create', { ...rx, quantity: q });
      await expectInvalid(docA, 'procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA, quantity: q });
      await expectInvalid(pharmA, 'pharmacy.receive', { itemId: itemA.id, batchNumber: 'N1', expiryDate: '2028-01-01', quantity: q });
    }
    for (const d of [0, -5, NaN, Infinity, 1e7]) await expectInvalid(docA, 'prescriptions.create', { ...rx, dose: d });
    for (const id of [0, -1, 1.5, NaN, 2 ** 53, '1']) await expectInvalid(docA, 'encounters.get', { id });
    for (const v of [0, -1, 1.5, NaN]) await expectInvalid(nurseA, 'encounters.update', { id: e.encounterId, version: v, complaint: 'x' });
    for (const t of [NaN, Infinity, 1e6, -300]) await expectInvalid(nurseA, 'encounters.update', { id: e.encounterId, version: 1, vitals: { temperatureC: t } });
    for (const date of ['2027-02-30', '2027-13-01', '2027-00-10', '27-03-01', '2027-3-1', '']) {
      await expectInvalid(pharmA, 'pharmacy.receive', { itemId: itemA.id, batchNumber: 'D1', expiryDate: date, quantity: 1 });
      await expectInvalid(docA, 'patients.journal', { patientId: e.patientId, from: date });
      await expectInvalid(nurseA, 'prescriptions.list', { hospitalId: A, from: date });
    }
    await expectInvalid(nurseA, 'encounters.update', { id: e.encounterId, version: 1, plan: 'x'.repeat(10_001) });
    await expectInvalid(nurseA, 'encounters.update', { id: e.encounterId, version: 1, complaint: 'x'.repeat(2001) });
    await expectInvalid(nurseA, 'tests.recordResult', { orderId, report: 'x'.repeat(20_001) });
    await expectInvalid(docA, 'diagnoses.add', { encounterId: e.encounterId, code: 'B54', note: 'x'.repeat(1001) });
    await expectInvalid(docA, 'diagnoses.add', { encounterId: e.encounterId, code: 'B54; DROP TABLE x' });
    await expectInvalid(docA, 'diagnoses.searchCodes', { query: 'x'.repeat(101) });
    await expectInvalid(docA, 'prescriptions.create', { ...rx, doseUnit: 'x'.repeat(21) });
    await expectInvalid(pharmA, 'pharmacy.adjust', { batchId: 1, quantity: 0, reason: 'damaged' });
    await expectInvalid(pharmA, 'pharmacy.adjust', { batchId: 1, quantity: 1.5, reason: 'count_correction' });
    await expectInvalid(pharmA, 'pharmacy.adjust', { batchId: 1, quantity: 5, reason: 'damaged' });
    expect(bad).toEqual([]);
    expect(await snapshot()).toEqual(before);
    // A result far outside the range is stored as given and flagged, not an internal error.
    const r = await nurseA.ok('tests.recordResult', { orderId, value: 999_999_999.99999 });
    expect(r.result?.valueNumeric).toBeCloseTo(1e9, 0);
  });
});

describe('double submits and races', () => {
  it('records one result and one charge when the same result is sent twice at once; a second is a correction only with a reason', async () => {
    const price = await app.admin.ok('catalog.create', { hospitalId: A, code: 'LAB-HB-RACE', description: 'Haemoglobin race', category: 'test', price: 8_000, taxRateBp: 0 });
    const t = await app.admin.ok('tests.define', haemoglobin(A, { code: 'HBR', catalogItemId: price.id }));
    const e = await seen(A);
    const order = (await docA.ok('tests.order', { encounterId: e.encounterId, testId: t.id })).tests[0].id;
    const nurse2 = await app.signedIn(['nurse'], { hospitalIds: [A] });
    const answers = await Promise.all([nurseA.call('tests.recordResult', { orderId: order, value: 11 }), nurse2.call('tests.recordResult', { orderId: order, value: 11 })]);
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    expect(answers.filter((x) => !x.ok).map((x) => !x.ok && x.error.code)).toEqual(['VALIDATION']);
    expect(await count('SELECT COUNT(*) AS n FROM test_results WHERE order_id = ?', [order])).toBe(1);
    expect(await count("SELECT COUNT(*) AS n FROM charges WHERE source_type = 'test_order' AND source_id = ?", [order])).toBe(1);
    const corrected = await nurse2.ok('tests.recordResult', { orderId: order, value: 12, correctionReason: 'Re-run' });
    expect([corrected.result?.valueNumeric, corrected.history.map((x) => x.valueNumeric)]).toEqual([12, [11]]);
    expect(await count("SELECT COUNT(*) AS n FROM charges WHERE source_type = 'test_order' AND source_id = ?", [order])).toBe(1);
  });

  it('keeps one charge per procedure when the same procedure is recorded twice at once', async () => {
    const e = await seen(A);
    const docA2 = app.desk();
    await docA2.ok('auth.login', { username: docA.username, password: docA.password });
    await Promise.all([docA.ok('procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA }), docA2.ok('procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA })]);
    const procs = await app.db.sql<{ id: number; charge_id: number | null }>('SELECT id, charge_id FROM procedures WHERE encounter_id = ?', [e.encounterId]);
    expect(procs).toHaveLength(2);
    expect(procs.every((p) => p.charge_id !== null)).toBe(true);
    expect(await count("SELECT COUNT(*) AS n FROM charges WHERE source_type = 'procedure' AND source_id IN (?, ?)", procs.map((p) => p.id))).toBe(2);
  });

  it('adds nothing after signing when signing and adding a diagnosis race', async () => {
    for (let i = 0; i < 4; i++) {
      const e = await seen(A);
      const docA2 = app.desk();
      await docA2.ok('auth.login', { username: docA.username, password: docA.password });
      const [signed, added] = await Promise.all([docA.call('encounters.sign', { id: e.encounterId }), docA2.call('diagnoses.add', { encounterId: e.encounterId, code: 'B54' })]);
      expect(signed.ok).toBe(true);
      const [row] = await app.db.sql<{ signed_at: Date }>('SELECT signed_at FROM encounters WHERE id = ?', [e.encounterId]);
      const dx = await app.db.sql<{ created_at: Date }>('SELECT created_at FROM diagnoses WHERE encounter_id = ?', [e.encounterId]);
      if (added.ok) expect(dx).toHaveLength(1);
      else {
        expect(added.error.code).toBe('CONFLICT');
        expect(dx).toHaveLength(0);
      }
      for (const d of dx) expect(d.created_at.getTime()).toBeLessThanOrEqual(row.signed_at.getTime());
      // The signed encounter's answer equals what is stored.
      const now = await docA.ok('encounters.get', { id: e.encounterId });
      expect(now.diagnoses).toHaveLength(dx.length);
    }
  });

  it('writes no order, procedure or prescription after signing when they race the signature', async () => {
    const desks = await Promise.all(
      [0, 1, 2].map(async () => {
        const d = app.desk();
        await d.ok('auth.login', { username: docA.username, password: docA.password });
        return d;
      }),
    );
    for (let i = 0; i < 3; i++) {
      const e = await seen(A);
      const [signed, ...writes] = await Promise.all([
        docA.call('encounters.sign', { id: e.encounterId }),
        desks[0].call('tests.order', { encounterId: e.encounterId, testId: testA }),
        desks[1].call('procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA }),
        desks[2].call('prescriptions.create', { encounterId: e.encounterId, itemId: itemA.id, dose: 1, doseUnit: 'tab', route: 'oral', frequency: 'tds', quantity: 1 }),
      ]);
      expect(signed.ok).toBe(true);
      for (const w of writes) if (!w.ok) expect(w.error.code).toBe('CONFLICT');
      const got = await docA.ok('encounters.get', { id: e.encounterId });
      expect([got.tests.length, got.procedures.length, got.prescriptions.length]).toEqual(writes.map((w) => (w.ok ? 1 : 0)));
      const signedAt = Date.parse(got.signedAt!);
      for (const at of [...got.tests.map((t) => t.orderedAt), ...got.procedures.map((p) => p.performedAt), ...got.prescriptions.map((p) => p.prescribedAt)]) expect(Date.parse(at)).toBeLessThanOrEqual(signedAt);
      expect(await count("SELECT COUNT(*) AS n FROM charges WHERE source_type = 'procedure' AND source_id IN (SELECT id FROM procedures WHERE encounter_id = ?)", [e.encounterId])).toBe(got.procedures.length);
    }
  });

  it('leaves a signed encounter with nothing written after it when completing the appointment races an update', async () => {
    for (let i = 0; i < 4; i++) {
      const e = await seen(A);
      const [done, upd] = await Promise.all([docA.call('appointments.complete', { id: e.appointmentId }), nurseA.call('encounters.update', { id: e.encounterId, version: 1, complaint: `Race ${i}` })]);
      expect(done.ok).toBe(true);
      const got = await docA.ok('encounters.get', { id: e.encounterId });
      expect(got.status).toBe('signed');
      if (upd.ok) expect(got.complaint).toBe(`Race ${i}`);
      else {
        expect(upd.error.code).toBe('CONFLICT');
        expect(got.complaint).toBeNull();
      }
    }
  });

  it('either removes a procedure with its charge or invoices it, when removing and invoicing race', async () => {
    for (let i = 0; i < 4; i++) {
      const e = await seen(A);
      const enc = await docA.ok('procedures.record', { encounterId: e.encounterId, catalogItemId: catalogA });
      const procedureId = enc.procedures[0].id;
      const [{ charge_id: chargeId }] = await app.db.sql<{ charge_id: number }>('SELECT charge_id FROM procedures WHERE id = ?', [procedureId]);
      const [removed, drafted] = await Promise.all([docA.call('procedures.remove', { id: procedureId }), billingA.call('invoices.createDraft', { patientId: e.patientId, chargeIds: [Number(chargeId)] })]);
      const procedures = await count('SELECT COUNT(*) AS n FROM procedures WHERE id = ?', [procedureId]);
      const charges = await count('SELECT COUNT(*) AS n FROM charges WHERE id = ?', [chargeId]);
      const lines = await count('SELECT COUNT(*) AS n FROM invoice_lines WHERE charge_id = ?', [chargeId]);
      expect([removed.ok, drafted.ok].filter(Boolean)).toHaveLength(1);
      if (removed.ok) expect([procedures, charges, lines]).toEqual([0, 0, 0]);
      else expect([removed.error.code, procedures, charges, lines]).toEqual(['CONFLICT', 1, 1, 1]);
    }
  });

  it('keeps one row and answers CONFLICT, never INTERNAL, when two desks add the same diagnosis, batch, test or medicine at once', async () => {
    const codes: string[] = [];
    const twice = async (label: string, run: () => Promise<{ ok: boolean; error?: { code: string; message: string } }>, rows: () => Promise<number>) => {
      const answers = await Promise.all([run(), run()]);
      const failed = answers.filter((x) => !x.ok).map((x) => x.error!.code);
      if (answers.filter((x) => x.ok).length !== 1 || failed.some((c) => c !== 'CONFLICT') || (await rows()) !== 1) codes.push(`${label}: ${JSON.stringify(answers.map((x) => (x.ok ? 'OK' : `${x.error!.code} ${x.error!.message}`)))} rows ${await rows()}`);
    };
    const docA2 = app.desk();
    await docA2.ok('auth.login', { username: docA.username, password: docA.password });
    const pharm2 = await app.signedIn(['pharmacist'], { hospitalIds: [A] });
    const admin2 = await app.signedIn(['admin'], { allHospitals: true });
    for (let i = 0; i < 3; i++) {
      const e = await seen(A);
      let turn = 0;
      await twice(
        `diagnoses.add ${i}`,
        () => [docA, docA2][turn++ % 2].call('diagnoses.add', { encounterId: e.encounterId, code: 'B54' }),
        () => count("SELECT COUNT(*) AS n FROM diagnoses WHERE encounter_id = ? AND code = 'B54'", [e.encounterId]),
      );
      await twice(
        `pharmacy.receive ${i}`,
        () => [pharmA, pharm2][turn++ % 2].call('pharmacy.receive', { itemId: itemA.id, batchNumber: `SAME-${i}`, expiryDate: '2028-06-30', quantity: 10 }),
        () => count('SELECT COUNT(*) AS n FROM stock_batches WHERE item_id = ? AND batch_number = ?', [itemA.id, `SAME-${i}`]),
      );
      await twice(
        `tests.define ${i}`,
        () => [app.admin, admin2][turn++ % 2].call('tests.define', haemoglobin(A, { code: `SAME${i}` })),
        () => count('SELECT COUNT(*) AS n FROM test_definitions WHERE hospital_id = ? AND code = ?', [A, `SAME${i}`]),
      );
      await twice(
        `pharmacy.createItem ${i}`,
        () => [pharmA, pharm2][turn++ % 2].call('pharmacy.createItem', { hospitalId: A, name: `Twin ${i}`, strength: '5 mg', form: 'tablet', unitPrice: 10 }),
        () => count('SELECT COUNT(*) AS n FROM medicine_items WHERE hospital_id = ? AND name = ?', [A, `Twin ${i}`]),
      );
    }
    expect(codes).toEqual([]);
    // The stock agrees with its batches.
    const [s] = await app.db.sql<{ on_hand: number; q: number }>('SELECT m.on_hand, (SELECT SUM(quantity) FROM stock_batches WHERE item_id = m.id) AS q FROM medicine_items m WHERE m.id = ?', [itemA.id]);
    expect(Number(s.on_hand)).toBe(Number(s.q));
  });

  it('keeps one primary diagnosis, and a test either cancelled without a result or resulted and charged, when desks race', async () => {
    const docA2 = app.desk();
    await docA2.ok('auth.login', { username: docA.username, password: docA.password });
    const price = await app.admin.ok('catalog.create', { hospitalId: A, code: 'LAB-HB-RC', description: 'Haemoglobin cancel race', category: 'test', price: 7_000, taxRateBp: 0 });
    const t = await app.admin.ok('tests.define', haemoglobin(A, { code: 'HBC', catalogItemId: price.id }));
    for (let i = 0; i < 4; i++) {
      const e = await seen(A);
      await Promise.all([docA.ok('diagnoses.add', { encounterId: e.encounterId, code: 'B54', rank: 'primary' }), docA2.ok('diagnoses.add', { encounterId: e.encounterId, code: 'J18.9', rank: 'primary' })]);
      expect(await count("SELECT COUNT(*) AS n FROM diagnoses WHERE encounter_id = ? AND `rank` = 'primary'", [e.encounterId])).toBe(1);
      const order = (await docA.ok('tests.order', { encounterId: e.encounterId, testId: t.id })).tests[0].id;
      const [cancel, result] = await Promise.all([docA2.call('tests.cancel', { id: order, reason: 'Not needed' }), nurseA.call('tests.recordResult', { orderId: order, value: 12 })]);
      expect([cancel.ok, result.ok].filter(Boolean)).toHaveLength(1);
      const [o] = await app.db.sql<{ status: string }>('SELECT status FROM test_orders WHERE id = ?', [order]);
      const results = await count('SELECT COUNT(*) AS n FROM test_results WHERE order_id = ?', [order]);
      const charges = await count("SELECT COUNT(*) AS n FROM charges WHERE source_type = 'test_order' AND source_id = ?", [order]);
      expect([o.status, results, charges]).toEqual(cancel.ok ? ['cancelled', 0, 0] : ['resulted', 1, 1]);
    }
  });

  it('refuses an update with a stale version, once', async () => {
    const e = await seen(A);
    const nurse2 = await app.signedIn(['nurse'], { hospitalIds: [A] });
    const r = await Promise.all([nurseA.call('encounters.update', { id: e.encounterId, version: 1, complaint: 'One' }), nurse2.call('encounters.update', { id: e.encounterId, version: 1, complaint: 'Two' })]);
    expect(r.filter((x) => x.ok)).toHaveLength(1);
    expect(r.filter((x) => !x.ok).map((x) => !x.ok && x.error.code)).toEqual(['CONFLICT']);
    expect((await nurseA.ok('encounters.get', { id: e.encounterId })).version).toBe(2);
  });

  it('never dispenses a cancelled prescription when cancelling and dispensing race; state and stock agree', async () => {
    for (let i = 0; i < 4; i++) {
      const { item } = await medicine(A, pharmA, 20);
      const e = await seen(A);
      const rx = await prescribe(A, e.encounterId, item.id, 5);
      const [cancel, disp] = await Promise.all([docA.call('prescriptions.cancel', { id: rx, reason: 'Changed mind' }), pharmA.call('pharmacy.dispense', { prescriptionId: rx, quantity: 5 })]);
      const [p] = await app.db.sql<{ status: string; dispensed_quantity: number }>('SELECT status, dispensed_quantity FROM prescriptions WHERE id = ?', [rx]);
      const dispensed = await count('SELECT COALESCE(SUM(quantity), 0) AS n FROM dispensings WHERE prescription_id = ?', [rx]);
      const [stock] = await app.db.sql<{ on_hand: number; batches: number }>('SELECT on_hand, (SELECT SUM(quantity) FROM stock_batches WHERE item_id = m.id) AS batches FROM medicine_items m WHERE id = ?', [item.id]);
      expect(Number(p.dispensed_quantity)).toBe(dispensed);
      expect(Number(stock.on_hand)).toBe(20 - dispensed);
      expect(Number(stock.batches)).toBe(20 - dispensed);
      if (cancel.ok) {
        expect(disp.ok).toBe(false);
        expect(p.status).toBe('cancelled');
        expect(dispensed).toBe(0);
      } else {
        expect(disp.ok).toBe(true);
        expect(p.status).toBe('dispensed');
      }
    }
  });

  it('never goes below zero when an adjustment and a dispensing take the last units at once', async () => {
    for (let i = 0; i < 4; i++) {
      const { item, batchId } = await medicine(A, pharmA, 5);
      const e = await seen(A);
      const rx = await prescribe(A, e.encounterId, item.id, 5);
      const pharm2 = await app.signedIn(['pharmacist'], { hospitalIds: [A] });
      const [adj, disp] = await Promise.all([pharm2.call('pharmacy.adjust', { batchId, quantity: -5, reason: 'damaged' }), pharmA.call('pharmacy.dispense', { prescriptionId: rx, quantity: 5 })]);
      expect([adj.ok, disp.ok].filter(Boolean)).toHaveLength(1);
      const [s] = await app.db.sql<{ on_hand: number; q: number }>('SELECT m.on_hand, b.quantity AS q FROM medicine_items m JOIN stock_batches b ON b.item_id = m.id WHERE m.id = ?', [item.id]);
      expect([Number(s.on_hand), Number(s.q)]).toEqual([0, 0]);
    }
  });
});

describe('journal cursors and filters', () => {
  it('refuses a tampered cursor, from after to, and a cursor carried to another patient leaks nothing', async () => {
    const e = await seen(A);
    const other = await seen(A);
    for (let i = 0; i < 3; i++) await docA.ok('tests.order', { encounterId: e.encounterId, testId: testA });
    const cursors = ['garbage', Buffer.from('[1,"x"]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,"2027-03-01T00:00:00.000Z",99,"1 OR 1=1"]').toString('base64url'), Buffer.from('[1,null,null,null]').toString('base64url'), Buffer.from('[99,"2027-03-01T00:00:00.000Z",1,1]').toString('base64url'), Buffer.from('[1,"not a date",1,1]').toString('base64url'), Buffer.from('[1,"2027-03-01T00:00:00.000Z",1.5,1e400]').toString('base64url'), 'x'.repeat(5000)];
    const bad: string[] = [];
    for (const cursor of cursors) {
      const r = await docA.call('patients.journal', { patientId: e.patientId, cursor, limit: 1 });
      if (r.ok || r.error.code !== 'VALIDATION') bad.push(`${cursor.slice(0, 40)} → ${r.ok ? 'OK' : r.error.code}`);
    }
    expect(bad).toEqual([]);
    await docA.fails('patients.journal', { patientId: e.patientId, from: '2027-03-05', to: '2027-03-01' }, 'VALIDATION');
    await docA.fails('patients.journalPdf', { patientId: e.patientId, from: '2027-03-05', to: '2027-03-01' }, 'VALIDATION');
    const first = await docA.ok('patients.journal', { patientId: e.patientId, limit: 1 });
    const carried = await docA.call('patients.journal', { patientId: other.patientId, cursor: first.nextCursor ?? undefined, limit: 100 });
    if (carried.ok) expect(carried.data.items.filter((x) => x.kind === 'encounter' && x.encounter.patientId !== other.patientId)).toEqual([]);
    // Kinds a role may not see are not shown when asked for.
    const billing = await billingA.call('patients.journal', { patientId: e.patientId, kinds: ['encounter'] });
    if (billing.ok) expect(billing.data.items.filter((x) => !billing.data.view.kinds.includes(x.kind))).toEqual([]);
  });
});
