// The pharmacy, the patient journal and clinical setup through the real UI in Chromium over the harness: a doctor's
// prescription (written over the harness channels from a checked-in appointment) waits in the pharmacist's queue; asking
// for more than the shelf holds is refused in the server's words, naming the stock left; a part is dispensed first
// expiry first out, a delivery is received on the medicine's page, and the rest is dispensed. The doctor then reads the
// encounter in the patient's journal, prints the journal (the PDF in the preview and saved, parsed back) and exports
// FHIR. The administrator keeps the test catalog (reference ranges) and imports an ICD-10 list with a rejected line.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { addDays } from '@shared/domain/dates';
import { ARTIFACTS, choose, closeNotifications, downloaded, keepForReadme, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, typedDate, zoneWhereItIs } from '../support/browser';
import { checkedInToday, CLINIC_ADMIN as ADMIN, CLINIC_DOCTOR as DOCTOR, clinicWithDoctor, FRONT_WINDOW } from '../support/clinical';
import { startHarness, type Harness } from '../support/harness';
import { pdfPng, pdfText } from '../support/pdf';

const PHARMACIST = { username: 'john.mugisha', fullName: 'John Mugisha', password: 'pharmacy-pass-2026' };
/** Morning in the hospital's zone, so today's slots are there whenever the suite runs. */
const TZ = zoneWhereItIs(8);

let harness: Harness;
let browser: Browser;
let pharmacy: Page;
let doctorDesk: Page;
let adminDesk: Page;
let hospitalId: number;
let patientId: number;
let itemId: number;
let diagnosisCode: string;
let diagnosisTitle: string;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);

describe('Pharmacy, journal and clinical setup in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const clinic = await clinicWithDoctor(harness, TZ, [{ ...PHARMACIST, roles: ['pharmacist'] }]);
    hospitalId = clinic.hospitalId;
    patientId = (
      await rpc(FRONT_WINDOW, 'patients.register', { hospitalId, firstName: 'Nakato', lastName: 'Namubiru', dateOfBirth: '1990-03-14', sex: 'female', phone: '0772123456', allergies: 'Sulfa drugs', acknowledgeDuplicates: true })
    ).id;

    // Today's consultation: booked, checked in, opened by the doctor with vitals, a malaria diagnosis and a prescription.
    const appointment = await checkedInToday(harness, { patientId, doctorId: clinic.doctorId, timeZone: TZ, reason: 'Fever for three days' });

    // The medicine, its price, and two deliveries: 6 expiring in 60 days (dispensed first), 10 in two years.
    const item = await rpc('setup', 'pharmacy.createItem', { hospitalId, name: 'Amoxicillin', strength: '500 mg', form: 'capsule', activeIngredient: 'amoxicillin', unitPrice: 500, reorderLevel: 20 });
    itemId = item.id;
    await rpc('pharmacist', 'auth.login', { username: PHARMACIST.username, password: PHARMACIST.password });
    const today = todayIn(TZ);
    await rpc('pharmacist', 'pharmacy.receive', { itemId, batchNumber: 'AMX-EARLY', expiryDate: addDays(today, 60), quantity: 6, supplier: 'Joint Medical Store' });
    await rpc('pharmacist', 'pharmacy.receive', { itemId, batchNumber: 'AMX-LATE', expiryDate: addDays(today, 730), quantity: 10, supplier: 'Joint Medical Store' });

    await rpc('doctor', 'auth.login', { username: DOCTOR.username, password: DOCTOR.password });
    const encounter = await rpc('doctor', 'encounters.open', { appointmentId: appointment.id });
    await rpc('doctor', 'encounters.update', {
      id: encounter.id,
      version: encounter.version,
      complaint: 'Fever and headache for three days',
      assessment: 'Uncomplicated malaria',
      vitals: { temperatureC: 38.9, pulse: 104, systolic: 118, diastolic: 76, weightKg: 62, heightCm: 165 },
    });
    const codes = await rpc('doctor', 'diagnoses.searchCodes', { query: 'malar', limit: 20 });
    const code = codes.find((c) => c.code === 'B54') ?? codes[0];
    if (!code) throw new Error('The ICD-10 starter list has no malaria code');
    diagnosisCode = code.code;
    diagnosisTitle = code.title;
    await rpc('doctor', 'diagnoses.add', { encounterId: encounter.id, code: code.code, rank: 'primary', certainty: 'confirmed' });
    // A blood count with a high white cell count, recorded by the doctor.
    const wbc = await rpc('setup', 'tests.define', { hospitalId, code: 'WBC', name: 'White cell count', kind: 'lab', unit: '10⁹/L', ucum: '10*9/L', ranges: [{ low: 4, high: 11, criticalHigh: 30 }] });
    const ordered = await rpc('doctor', 'tests.order', { encounterId: encounter.id, testId: wbc.id });
    await rpc('doctor', 'tests.recordResult', { orderId: ordered.tests[0]!.id, value: 14.2 });
    await rpc('doctor', 'prescriptions.create', { encounterId: encounter.id, itemId, dose: 500, doseUnit: 'mg', route: 'oral', frequency: 'tds', durationDays: 7, quantity: 21, instructions: 'After meals' });
  });

  stopAtFirstFailure(() => ({ 'pharmacy-failed': pharmacy, 'journal-failed': doctorDesk, 'clinical-setup-failed': adminDesk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('shows the stock of the medicine (low against its reorder level) and the batch expiring within 90 days', async () => {
    pharmacy = await openDeskAt(browser, harness.url({ window: 'pharmacy-desk' }), { width: 1440, height: 900 });
    pharmacy.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(pharmacy, PHARMACIST, 'Pharmacy');
    await nav(pharmacy, 'Pharmacy').click();
    await pharmacy.getByRole('tab', { name: 'Stock' }).click();
    const row = pharmacy.getByRole('row', { name: 'Open Amoxicillin 500 mg capsule' });
    await row.getByTestId('on-hand').getByText('16', { exact: true }).waitFor();
    await row.getByText('Low', { exact: true }).waitFor();
    await snap(pharmacy, 'pharmacy-01-stock');

    await pharmacy.getByRole('tab', { name: 'Alerts' }).click();
    await pharmacy.getByRole('region', { name: 'Low stock' }).getByRole('link', { name: 'Amoxicillin 500 mg capsule' }).waitFor();
    const expiring = pharmacy.getByRole('region', { name: 'Expiring batches' });
    await expiring.getByText('AMX-EARLY').waitFor();
    expect(await expiring.getByText('AMX-LATE').count()).toBe(0);
    await snap(pharmacy, 'pharmacy-02-alerts');
  });

  it('refuses to dispense more than the shelf holds, naming the stock left; dispenses a part first expiry first out', async () => {
    await pharmacy.getByRole('tab', { name: 'To dispense' }).click();
    const row = pharmacy.getByRole('row', { name: 'Nakato Namubiru Amoxicillin 500 mg capsule' });
    await row.getByText('0 / 21').waitFor();
    await row.getByText('Dr Sarah Nambi').or(row.getByText('Sarah Nambi')).first().waitFor();
    await snap(pharmacy, 'pharmacy-03-queue', { readmeName: 'pharmacy-queue' });

    await row.getByRole('button', { name: 'Dispense Amoxicillin 500 mg capsule for Nakato Namubiru' }).click();
    const dialog = pharmacy.getByRole('dialog', { name: 'Dispense Amoxicillin 500 mg capsule' });
    // The whole remainder is offered; the shelf holds 16.
    expect(await dialog.getByLabel('Quantity to dispense').inputValue()).toBe('21');
    await dialog.getByTestId('on-hand').getByText(/^16 usable/).waitFor();
    await dialog.getByRole('button', { name: 'Dispense', exact: true }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'Not dispensed' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/16/);
    await snap(pharmacy, 'pharmacy-04-refused');

    // The form offers what the shelf holds: a part now, the rest later.
    await dialog.getByRole('button', { name: 'Dispense those 16 now' }).click();
    expect(await dialog.getByLabel('Quantity to dispense').inputValue()).toBe('16');
    await dialog.getByText('A part: 5 stay to dispense later.').waitFor();
    await dialog.getByRole('button', { name: 'Dispense', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // First expiry first out: the 6 of the early batch, then 10 of the later one.
    await notification(pharmacy, /6 from AMX-EARLY, 10 from AMX-LATE\. 5 still to dispense\./);
    await row.getByText('16 / 21').waitFor();
    await closeNotifications(pharmacy);
    await snap(pharmacy, 'pharmacy-05-partly-dispensed');
  });

  it("receives a delivery on the medicine's page and dispenses the rest: the queue is empty", async () => {
    await pharmacy.getByRole('tab', { name: 'Stock' }).click();
    await pharmacy.getByRole('row', { name: 'Open Amoxicillin 500 mg capsule' }).click();
    await pharmacy.getByRole('heading', { name: /Amoxicillin 500 mg capsule/ }).waitFor();
    await pharmacy.getByRole('button', { name: 'Receive stock' }).click();
    const receive = pharmacy.getByRole('dialog', { name: 'Receive Amoxicillin 500 mg capsule' });
    await receive.getByLabel('Batch number').fill('AMX-NEW');
    await receive.getByLabel('Expiry date').fill(typedDate(addDays(todayIn(TZ), 400)));
    await receive.getByLabel('Quantity (units)').fill('50');
    await receive.getByLabel('Supplier').fill('Quality Chemicals');
    await receive.getByRole('button', { name: 'Receive' }).click();
    await receive.waitFor({ state: 'detached' });
    await notification(pharmacy, 'Stock received');
    await pharmacy.getByRole('region', { name: 'Stock summary' }).getByTestId('on-hand').getByText('50', { exact: true }).waitFor();
    const batches = pharmacy.getByRole('region', { name: 'Batches' });
    await batches.getByRole('row', { name: /Batch AMX-NEW/ }).waitFor();
    const movements = pharmacy.getByRole('region', { name: 'Stock movements' });
    await movements.getByText('+50').waitFor();
    await movements.getByText('-6').waitFor();

    // A damaged unit taken off the new batch, with its reason.
    await batches.getByRole('button', { name: 'Adjust batch AMX-NEW' }).click();
    const adjust = pharmacy.getByRole('dialog', { name: 'Adjust batch AMX-NEW' });
    await adjust.getByLabel('Units').fill('1');
    await adjust.getByLabel('Note').fill('Blister torn');
    await adjust.getByRole('button', { name: 'Adjust' }).click();
    await adjust.waitFor({ state: 'detached' });
    await movements.getByText(/Damaged · Blister torn/).waitFor();
    await pharmacy.getByRole('region', { name: 'Stock summary' }).getByTestId('on-hand').getByText('49', { exact: true }).waitFor();
    await closeNotifications(pharmacy);
    await snap(pharmacy, 'pharmacy-06-medicine', { fullPage: true, readmeName: 'pharmacy-medicine' });

    await nav(pharmacy, 'Pharmacy').click();
    await pharmacy.getByRole('tab', { name: 'To dispense' }).click();
    const row = pharmacy.getByRole('row', { name: 'Nakato Namubiru Amoxicillin 500 mg capsule' });
    await row.getByRole('button', { name: /^Dispense / }).click();
    const dialog = pharmacy.getByRole('dialog', { name: 'Dispense Amoxicillin 500 mg capsule' });
    expect(await dialog.getByLabel('Quantity to dispense').inputValue()).toBe('5');
    // The answer is lost on the way back (the server dispensed; the browser sees the connection drop), and the
    // pharmacist presses Dispense again: the same submit's key, so the 5 are dispensed and charged once.
    let lost = 0;
    await pharmacy.route('**/rpc/pharmacy.dispense', async (route) => {
      if (lost++ > 0) return route.continue();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await dialog.getByRole('button', { name: 'Dispense', exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Not dispensed' }).waitFor();
    await dialog.getByRole('button', { name: 'Dispense', exact: true }).click();
    await notification(pharmacy, /5 from AMX-NEW\. Prescription complete\./);
    await pharmacy.unroute('**/rpc/pharmacy.dispense');
    expect(lost).toBe(2);
    await pharmacy.getByText('Nothing to dispense').waitFor();
    const stock = await rpc('pharmacist', 'pharmacy.item', { id: itemId });
    expect(stock.item.onHand).toBe(44);
    expect(stock.movements.filter((m) => m.kind === 'dispense' && m.batchNumber === 'AMX-NEW').map((m) => m.quantity)).toEqual([-5]);
    await closeNotifications(pharmacy);
  });

  it("shows the encounter in the patient's journal: diagnosis, flagged vitals, the prescription with what was dispensed", async () => {
    doctorDesk = await openDeskAt(browser, harness.url({ window: 'doctor-desk' }), { width: 1440, height: 960 });
    doctorDesk.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(doctorDesk, DOCTOR, 'Patients');
    await nav(doctorDesk, 'Patients').click();
    await doctorDesk.getByLabel('Search patients').fill('Namubiru');
    await doctorDesk.getByRole('row', { name: /HMS\/000001 Nakato Namubiru/ }).click();
    await doctorDesk.getByRole('tab', { name: 'Journal' }).click();

    const journal = doctorDesk.getByRole('region', { name: 'Journal' });
    const encounter = journal.getByRole('article', { name: /^Consultation · / });
    await encounter.waitFor();
    await encounter.getByLabel('Diagnoses').getByText(diagnosisCode, { exact: true }).waitFor();
    await encounter.getByLabel('Diagnoses').getByText(diagnosisTitle).waitFor();
    await encounter.getByLabel('Vital signs').getByText(/Temperature 38\.9 °C · high/).waitFor();
    await encounter.getByRole('table', { name: 'Results' }).getByRole('row', { name: /White cell count 14\.2 10⁹\/L 4–11 High/ }).waitFor();
    const prescriptions = encounter.getByLabel('Prescriptions');
    await prescriptions.getByText('21 of 21 dispensed').waitFor();
    await prescriptions.getByText(/^Dispensed 16 on /).waitFor();
    await prescriptions.getByText(/^Dispensed 5 on /).waitFor();
    await journal.getByRole('article', { name: /^Appointment with / }).waitFor();
    await snap(doctorDesk, 'journal-01-timeline', { fullPage: true, readmeName: 'patient-journal' });

    // Only encounters: the appointment leaves the timeline.
    await journal.getByRole('group', { name: 'Kinds shown' }).getByText('Appointments').click();
    await journal.getByRole('article', { name: /^Appointment with / }).waitFor({ state: 'detached' });
    await encounter.waitFor();
    await journal.getByRole('button', { name: 'Show everything' }).click();
    await journal.getByRole('article', { name: /^Appointment with / }).waitFor();
    // From tomorrow on there is nothing yet.
    await journal.getByRole('textbox', { name: 'From' }).fill(typedDate(addDays(todayIn(TZ), 1)));
    await journal.getByText('Nothing in the journal matches these filters.').waitFor();
    await journal.getByRole('button', { name: 'Show everything' }).click();
    await encounter.waitFor();
  });

  it('prints the journal: the PDF in the preview, saved, and read back', async () => {
    const journal = doctorDesk.getByRole('region', { name: 'Journal' });
    await journal.getByRole('button', { name: 'Print journal (PDF)' }).click();
    const viewer = doctorDesk.getByRole('dialog', { name: /^Journal of Nakato Namubiru/ });
    await viewer.locator('iframe').waitFor();
    const caption = viewer.getByText(/\.pdf · \d+ pages?$/);
    await caption.waitFor();
    const pages = Number(/· (\d+) page/.exec((await caption.textContent())!)![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    await snap(doctorDesk, 'journal-02-pdf-preview');
    const saved = await downloaded(doctorDesk, () => viewer.getByRole('link', { name: 'Save PDF' }).click());
    expect(saved.name).toMatch(/\.pdf$/);
    expect(saved.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(saved.bytes);
    for (const s of [diagnosisCode, 'Amoxicillin', 'Namubiru']) expect(text).toContain(s);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'journal.pdf'), saved.bytes);
    keepForReadme(pdfPng(saved.bytes, 'journal-03-pdf-page-1', 1, 70), 'journal-pdf');
    await doctorDesk.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('exports the patient as a FHIR bundle (JSON download)', async () => {
    const journal = doctorDesk.getByRole('region', { name: 'Journal' });
    const file = await downloaded(doctorDesk, () => journal.getByRole('button', { name: 'Export FHIR' }).click());
    expect(file.name).toMatch(/\.json$/);
    const bundle = JSON.parse(file.bytes.toString('utf8')) as { resourceType: string; type: string; entry: { resource: { resourceType: string } }[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    const types = new Set(bundle.entry.map((e) => e.resource.resourceType));
    for (const t of ['Patient', 'Encounter', 'Condition', 'MedicationRequest']) expect(types).toContain(t);
    await notification(doctorDesk, 'FHIR export saved');
    await closeNotifications(doctorDesk);
  });

  it('keeps the test catalog with reference ranges, imports an ICD-10 list with progress, and offers the pharmacist role', async () => {
    adminDesk = await openDeskAt(browser, harness.url({ window: 'admin-desk' }), { width: 1440, height: 960 });
    adminDesk.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(adminDesk, ADMIN, 'Clinical setup');
    await nav(adminDesk, 'Clinical setup').click();
    await adminDesk.getByRole('button', { name: 'New test' }).click();
    const dialog = adminDesk.getByRole('dialog', { name: 'New test' });
    await dialog.getByRole('textbox', { name: 'Code', exact: true }).fill('HB');
    await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Haemoglobin');
    await dialog.getByRole('textbox', { name: 'Unit as shown', exact: true }).fill('g/dL');
    await dialog.getByRole('textbox', { name: 'UCUM unit', exact: true }).fill('g/dL');
    await dialog.getByRole('button', { name: 'Add range' }).click();
    await dialog.getByRole('button', { name: 'Add range' }).click();
    await choose(adminDesk, 'Sex, range 1', 'Female');
    await dialog.getByRole('textbox', { name: 'Age from, range 1', exact: true }).fill('18');
    await dialog.getByRole('textbox', { name: 'Low, range 1', exact: true }).fill('12');
    await dialog.getByRole('textbox', { name: 'High, range 1', exact: true }).fill('16');
    await dialog.getByRole('textbox', { name: 'Critical low, range 1', exact: true }).fill('7');
    await choose(adminDesk, 'Sex, range 2', /^Male$/);
    await dialog.getByRole('textbox', { name: 'Age from, range 2', exact: true }).fill('18');
    await dialog.getByRole('textbox', { name: 'Low, range 2', exact: true }).fill('13.5');
    // A high limit below the low one is refused by the contract's own rule, beside the field.
    await dialog.getByRole('textbox', { name: 'High, range 2', exact: true }).fill('11');
    await dialog.getByRole('button', { name: 'Add test' }).click();
    await dialog.getByText('Must not be below the low limit.').waitFor();
    await snap(adminDesk, 'clinical-setup-01-test-ranges');
    await dialog.getByRole('textbox', { name: 'High, range 2', exact: true }).fill('17.5');
    await dialog.getByRole('button', { name: 'Add test' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = adminDesk.getByRole('row', { name: /^HB Haemoglobin/ });
    await row.getByText('F 18+ y: 12–16 g/dL (critical ≤ 7)').waitFor();
    await row.getByText('M 18+ y: 13.5–17.5 g/dL').waitFor();
    // Changed later: the men's upper limit, and a critical high for everyone.
    await row.click();
    const edit = adminDesk.getByRole('dialog', { name: 'Edit HB' });
    expect(await edit.getByRole('textbox', { name: 'High, range 2', exact: true }).inputValue()).toBe('17.5');
    await edit.getByRole('textbox', { name: 'High, range 2', exact: true }).fill('17');
    await edit.getByRole('textbox', { name: 'Critical high, range 2', exact: true }).fill('20');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('M 18+ y: 13.5–17 g/dL (critical ≥ 20)').waitFor();
    await closeNotifications(adminDesk);
    await snap(adminDesk, 'clinical-setup-02-test-catalog');

    await adminDesk.getByRole('tab', { name: 'ICD-10 codes' }).click();
    // A national release of about 78,000 codes (synthetic ones after a few real lines), with one line that is no code.
    const release = ['code,title', 'A00.0,"Cholera due to Vibrio cholerae 01, biovar cholerae"', 'Z99.89,Dependence on other enabling machines and devices', 'not a code,Nothing', 'U07.1,COVID-19, virus identified'];
    for (let letter = 0; letter < 26; letter++) {
      for (let n = 0; n < 100; n++) {
        for (let d = 0; d < 30; d++) release.push(`${String.fromCharCode(65 + letter)}${String(n).padStart(2, '0')}.Q${d.toString(36).toUpperCase()},Synthetic condition ${letter}-${n}-${d}`);
      }
    }
    const csv = release.join('\n');
    const [chooser] = await Promise.all([adminDesk.waitForEvent('filechooser'), adminDesk.getByLabel('Code list (CSV)').click()]);
    await chooser.setFiles({ name: 'icd10-national.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await adminDesk.getByRole('button', { name: 'Import' }).click();
    // Main reports its progress while it works through the file.
    await adminDesk.getByRole('status').getByText(/^[1-9][\d,]* of [\d,]+ lines read$/).waitFor({ timeout: 60_000 });
    await snap(adminDesk, 'clinical-setup-03-icd10-progress');
    const summary = adminDesk.getByLabel('Import result');
    await summary.waitFor({ timeout: 60_000 });
    await adminDesk.getByRole('status').getByText('Done.').waitFor();
    // Every synthetic code is new; the real ones may be in the starter list already.
    await summary.getByText(/^78,00[0-3]$/).waitFor();
    const rejected = summary.getByRole('table', { name: 'Rejected lines' });
    await rejected.getByRole('row', { name: /^4 / }).waitFor();
    await adminDesk.getByLabel('Code or words').fill('Z99.89');
    await adminDesk.getByRole('table', { name: 'Matching codes' }).getByText('Dependence on other enabling machines and devices').waitFor();
    await closeNotifications(adminDesk);
    await snap(adminDesk, 'clinical-setup-04-icd10-import', { fullPage: true, readmeName: 'icd10-import' });

    // The users screen lists the pharmacist with the role in words, and offers it for a new account.
    await nav(adminDesk, 'Users').click();
    await adminDesk.getByRole('row', { name: /john\.mugisha/ }).getByText('Pharmacist').waitFor();
    await adminDesk.getByRole('button', { name: 'New user' }).click();
    const roles = adminDesk.getByRole('dialog', { name: 'New user account' }).getByRole('combobox', { name: 'Roles' });
    await roles.focus();
    await adminDesk.keyboard.press('ArrowDown');
    const option = adminDesk.getByRole('option', { name: 'Pharmacist' });
    await option.scrollIntoViewIfNeeded();
    await option.hover();
    await snap(adminDesk, 'users-pharmacist-role');
    await adminDesk.keyboard.press('Escape');
  });
});
