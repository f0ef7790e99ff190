// Clinical records through the real UI in Chromium over the harness: a doctor's consultation from the queue (notes with
// a save refused by another desk's newer version, vitals refused outside what a body can show and flagged outside the
// normal range, a diagnosis found by typing "malar", test orders (one cancelled), a procedure, prescriptions with the allergy warning
// and its reason), completing the appointment signs the record and leaves only addenda; a nurse enters the result on
// the results worklist and corrects it with a reason; the doctor sees it under New results and marks it seen; a ward
// round from the bed drawer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { choose, closeNotifications, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, zoneWhereItIs } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { checkedInToday, CLINIC_ADMIN as ADMIN, CLINIC_DOCTOR as DOCTOR, clinicWithDoctor, FRONT_WINDOW, haemoglobin } from '../support/clinical';

const NURSE = { username: 'joan.akello', fullName: 'Joan Akello', password: 'nurse-pass-2026' };
const PHARMACIST = { username: 'moses.pharm', fullName: 'Moses Ouma', password: 'pharmacy-pass-2026' };
/** Morning at the hospital now: today's slots are free whatever the hour the suite runs. */
const TZ = zoneWhereItIs(8);

let harness: Harness;
let browser: Browser;
let doctorDesk: Page;
let nurseDesk: Page;
let hospitalId: number;
let encounterId: number;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);
const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

describe('Clinical records in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const clinic = await clinicWithDoctor(harness, TZ, [
      { ...NURSE, roles: ['nurse'] },
      { ...PHARMACIST, roles: ['pharmacist'] },
    ]);
    hospitalId = clinic.hospitalId;

    const register = (firstName: string, lastName: string, phone: string, allergies: string | null) =>
      rpc(FRONT_WINDOW, 'patients.register', { hospitalId, firstName, lastName, dateOfBirth: '1990-03-14', sex: 'female', phone, allergies, acknowledgeDuplicates: true });
    const nakato = await register('Nakato', 'Namubiru', '0772123456', 'Paracetamol (rash)');
    const achieng = await register('Achieng', 'Odongo', '0772654321', null);

    // The catalogs: a treatment, a priced haemoglobin test with a range for adult women, two medicines in stock.
    await rpc('setup', 'catalog.create', { hospitalId, code: 'TRT-IVC', description: 'IV cannulation', category: 'treatment', price: 8_000, taxRateBp: 0 });
    const hbItem = await rpc('setup', 'catalog.create', { hospitalId, code: 'LAB-HB', description: 'Haemoglobin', category: 'test', price: 10_000, taxRateBp: 0 });
    await rpc('setup', 'tests.define', haemoglobin(hospitalId, { catalogItemId: hbItem.id }));
    await rpc('setup', 'tests.define', { hospitalId, code: 'CXR', name: 'Chest X-ray', kind: 'imaging', unit: null, ucum: null, loinc: '36643-5', catalogItemId: null, ranges: [] });
    await rpc('setup', 'tests.define', { hospitalId, code: 'MRDT', name: 'Malaria rapid test', kind: 'lab', unit: null, ucum: null, loinc: null, catalogItemId: null, ranges: [] });
    await rpc('setup', 'auth.login', { username: PHARMACIST.username, password: PHARMACIST.password });
    const item = (name: string, strength: string, activeIngredient: string, unitPrice: number) =>
      rpc('setup', 'pharmacy.createItem', { hospitalId, name, strength, form: 'tablet', activeIngredient, unitPrice, reorderLevel: 20 });
    const coartem = await item('Artemether/Lumefantrine', '20/120 mg', 'artemether, lumefantrine', 1_500);
    const paracetamol = await item('Paracetamol', '500 mg', 'paracetamol', 100);
    for (const [m, n] of [[coartem, 'AL-2401'], [paracetamol, 'PCM-2402']] as const) {
      await rpc('setup', 'pharmacy.receive', { itemId: m.id, batchNumber: n, expiryDate: '2099-06-30', quantity: 200, supplier: 'National Medical Stores' });
    }
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });

    // Nakato booked and checked in with Dr Nambi today; Achieng on the ward under her.
    await checkedInToday(harness, { patientId: nakato.id, doctorId: clinic.doctorId, timeZone: TZ, reason: 'Fever and headache' });
    const floor = await rpc('setup', 'rooms.createFloor', { hospitalId, name: '1st floor – Medical', level: 1 });
    const room = await rpc('setup', 'rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 60_000, beds: 2 });
    // The ward's nurse admits.
    await rpc('ward', 'auth.login', { username: NURSE.username, password: NURSE.password });
    await rpc('ward', 'admissions.admit', { patientId: achieng.id, bedId: room.beds[0].id, attendingDoctorId: clinic.doctorId, reason: 'Severe malaria, IV artesunate' });
  });

  stopAtFirstFailure(() => ({ 'clinical-failed-doctor': doctorDesk, 'clinical-failed-nurse': nurseDesk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('starts the consultation from the queue and keeps notes against a newer version saved at another desk', async () => {
    doctorDesk = await openDeskAt(browser, harness.url({ window: 'doctor' }), { width: 1440, height: 1000 });
    doctorDesk.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(doctorDesk, DOCTOR, 'My day');
    await nav(doctorDesk, 'My day').click();
    const queue = section(doctorDesk, 'Queue');
    await queue.getByText('Nakato Namubiru').waitFor();
    await section(doctorDesk, 'New results').getByText('No new results.').waitFor();
    await snap(doctorDesk, 'clinical-01-queue');
    await queue.getByRole('button', { name: 'Start consultation with Nakato Namubiru' }).click();

    await doctorDesk.waitForURL(/#\/encounters\/\d+$/);
    encounterId = Number(/#\/encounters\/(\d+)/.exec(doctorDesk.url())![1]);
    await doctorDesk.getByRole('heading', { name: 'Nakato Namubiru', level: 2 }).waitFor();
    await doctorDesk.getByRole('group', { name: 'Allergies' }).getByText('Paracetamol (rash)').waitFor();
    await doctorDesk.getByTestId('encounter-status').getByText('Open').waitFor();

    const notes = doctorDesk.getByRole('form', { name: 'Notes' });
    await notes.getByLabel('Presenting complaint').fill('Fever and headache for 3 days');
    await notes.getByLabel('Subjective').fill('Fever with chills since Sunday, headache, poor appetite. No cough.');
    await notes.getByLabel('Objective').fill('Febrile, mild pallor, no neck stiffness. Spleen not palpable.');
    // Meanwhile the doctor's colleague saves the plan at another desk: this desk's save is not silently lost nor wins.
    await rpc('setup', 'auth.login', { username: DOCTOR.username, password: DOCTOR.password });
    const current = await rpc('setup', 'encounters.get', { id: encounterId });
    await rpc('setup', 'encounters.update', { id: encounterId, version: current.version, plan: 'Malaria RDT first.' });
    await notes.getByRole('button', { name: 'Save notes' }).click();
    const conflict = notes.getByRole('alert', { name: 'Changed at another desk' });
    await conflict.waitFor();
    await snap(doctorDesk, 'clinical-02-notes-conflict');
    await conflict.getByRole('button', { name: 'Keep mine (save over theirs next)' }).click();
    await notes.getByLabel('Assessment').fill('Probable uncomplicated malaria; anaemia to exclude.');
    await notes.getByLabel('Plan').fill('Malaria RDT, haemoglobin; ACT if positive; review in 3 days.');
    await notes.getByRole('button', { name: 'Save notes' }).click();
    await notification(doctorDesk, 'Notes saved.');
    await doctorDesk.getByText('Unsaved changes').waitFor({ state: 'detached' });
    const saved = await rpc('setup', 'encounters.get', { id: encounterId });
    expect(saved.complaint).toBe('Fever and headache for 3 days');
    expect(saved.plan).toBe('Malaria RDT, haemoglobin; ACT if positive; review in 3 days.');
  });

  it('records vitals: an impossible reading refused, out-of-range values flagged, the BMI computed', async () => {
    const vitals = doctorDesk.getByRole('form', { name: 'Vital signs' });
    await vitals.getByLabel('Temperature').fill('83.6');
    await vitals.getByRole('button', { name: 'Save vital signs' }).click();
    await vitals.getByText('Temperature above 45 °C is not possible; check the reading.').waitFor();
    const readings: [string, string][] = [
      ['Temperature', '38.6'],
      ['Pulse', '112'],
      ['Systolic BP', '118'],
      ['Diastolic BP', '76'],
      ['Respiratory rate', '22'],
      ['SpO₂', '97'],
      ['Weight', '64'],
      ['Height', '165'],
    ];
    for (const [label, value] of readings) await vitals.getByLabel(label, { exact: true }).fill(value);
    await vitals.getByTestId('bmi').getByText('23.5 kg/m²').waitFor();
    await vitals.getByRole('button', { name: 'Save vital signs' }).click();
    await notification(doctorDesk, 'Vital signs saved.');
    await vitals.getByTestId('flag-temperatureC').getByText(/^High/).waitFor();
    await vitals.getByTestId('flag-pulse').getByText(/^High/).waitFor();
    await vitals.getByTestId('flag-respiratoryRate').getByText(/^High/).waitFor();
    expect(await vitals.getByTestId('flag-spo2').count()).toBe(0);
    await closeNotifications(doctorDesk);
    await snap(doctorDesk, 'clinical-03-notes-and-vitals');
  });

  it('codes the diagnosis by typing "malar" (a second one changed and removed), orders tests (one cancelled with a reason), records a procedure', async () => {
    const diagnoses = section(doctorDesk, 'Diagnoses');
    await diagnoses.getByRole('combobox', { name: 'Diagnosis (ICD-10)' }).fill('malar');
    const option = doctorDesk.getByRole('option', { name: /^B54/ });
    await option.waitFor();
    await snap(doctorDesk, 'clinical-04-icd10-search', { readmeName: 'icd10-search' });
    await option.click();
    await doctorDesk.getByRole('form', { name: 'Add a diagnosis' }).getByText('Confirmed', { exact: true }).click();
    await diagnoses.getByRole('button', { name: 'Add diagnosis' }).click();
    const row = diagnoses.getByRole('row', { name: /^B54 / });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/malaria/i);
    // A second diagnosis by code: secondary, since B54 is the primary; then changed and removed again.
    await diagnoses.getByRole('combobox', { name: 'Diagnosis (ICD-10)' }).fill('D64');
    await doctorDesk.getByRole('option', { name: /^D64\.9/ }).click();
    await diagnoses.getByRole('button', { name: 'Add diagnosis' }).click();
    const anaemia = diagnoses.getByRole('row', { name: /^D64\.9 / });
    await anaemia.waitFor();
    expect(await anaemia.getByRole('radio', { name: 'Secondary' }).isChecked()).toBe(true);
    await anaemia.getByText('Confirmed', { exact: true }).click();
    await expect.poll(() => anaemia.getByRole('radio', { name: 'Confirmed' }).isChecked()).toBe(true);
    await anaemia.getByRole('button', { name: 'Remove D64.9' }).click();
    await anaemia.waitFor({ state: 'detached' });

    const tests = section(doctorDesk, 'Tests');
    await tests.getByRole('combobox', { name: 'Test', exact: true }).fill('Haem');
    await doctorDesk.getByRole('option', { name: 'HB Haemoglobin (g/dL)' }).click();
    await doctorDesk.getByRole('form', { name: 'Order a test' }).getByText('Urgent', { exact: true }).click();
    await tests.getByRole('button', { name: 'Order test' }).click();
    await tests.getByRole('row', { name: 'HB Haemoglobin' }).getByText('Waiting for result').waitFor();
    await tests.getByRole('combobox', { name: 'Test', exact: true }).fill('chest');
    await doctorDesk.getByRole('option', { name: 'CXR Chest X-ray' }).click();
    await tests.getByRole('textbox', { name: 'Note for the lab' }).fill('Cough? exclude pneumonia');
    await tests.getByRole('button', { name: 'Order test' }).click();
    await tests.getByRole('row', { name: 'CXR Chest X-ray' }).getByText('Waiting for result').waitFor();
    // An order still waiting can be cancelled, with a reason.
    await tests.getByRole('combobox', { name: 'Test', exact: true }).fill('MRDT');
    await doctorDesk.getByRole('option', { name: 'MRDT Malaria rapid test' }).click();
    await tests.getByRole('button', { name: 'Order test' }).click();
    const rdt = tests.getByRole('row', { name: 'MRDT Malaria rapid test' });
    await rdt.getByRole('button', { name: 'Cancel Malaria rapid test' }).click();
    const cancel = doctorDesk.getByRole('dialog', { name: 'Cancel Malaria rapid test' });
    await cancel.getByLabel('Reason').fill('RDT done at the referring clinic: positive');
    await cancel.getByRole('button', { name: 'Cancel order' }).click();
    await rdt.getByText('Cancelled').waitFor();
    await rdt.getByText('RDT done at the referring clinic: positive').waitFor();
    // The dialog hands focus back when its closing transition ends; a dropdown opened before then closes again.
    await cancel.waitFor({ state: 'detached' });

    const procedures = section(doctorDesk, 'Procedures and treatments');
    // The orders just placed refresh the encounter's sections (live refresh), which can close a dropdown opened at that
    // moment under the pointer (CI saw it twice): open it again and choose, as a desk would.
    // Typing the same text again changes nothing the field would answer to: clear it first, as a desk would retype.
    for (let attempt = 1; ; attempt++) {
      const field = procedures.getByRole('combobox', { name: 'Treatment or procedure' });
      if (attempt > 1) await field.fill('');
      await field.fill('cannul');
      try {
        await doctorDesk.getByRole('option', { name: /TRT-IVC IV cannulation/ }).click({ timeout: 3_000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
        await doctorDesk.keyboard.press('Escape');
      }
    }
    await procedures.getByRole('button', { name: 'Record', exact: true }).click();
    await procedures.getByRole('row', { name: 'TRT-IVC IV cannulation' }).waitFor();
  });

  it('prescribes: the quantity follows from the dosage; a medicine the patient is allergic to needs a reason', async () => {
    const prescriptions = section(doctorDesk, 'Prescriptions');
    await prescriptions.getByRole('button', { name: 'Prescribe' }).click();
    let dialog = doctorDesk.getByRole('dialog', { name: 'Prescribe for Nakato Namubiru' });
    await dialog.getByRole('combobox', { name: 'Medicine' }).fill('Artem');
    await doctorDesk.getByRole('option', { name: /Artemether\/Lumefantrine/ }).click();
    expect(await dialog.getByLabel('Unit').inputValue()).toBe('tablet');
    await dialog.getByLabel('Dose').fill('4');
    await choose(doctorDesk, 'Frequency', 'Twice a day');
    await dialog.getByLabel('Duration (days)').fill('3');
    expect(await dialog.getByLabel('Quantity to dispense').inputValue()).toBe('24');
    await dialog.getByLabel('Instructions').fill('With food or milk');
    await snap(doctorDesk, 'clinical-05-prescribe');
    await dialog.getByRole('button', { name: 'Prescribe', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await prescriptions.getByRole('row', { name: /Artemether\/Lumefantrine/ }).getByText('4 tablets by mouth, twice a day, for 3 days').waitFor();

    await prescriptions.getByRole('button', { name: 'Prescribe' }).click();
    dialog = doctorDesk.getByRole('dialog', { name: 'Prescribe for Nakato Namubiru' });
    await dialog.getByRole('combobox', { name: 'Medicine' }).fill('Parac');
    await doctorDesk.getByRole('option', { name: /Paracetamol 500 mg/ }).click();
    await dialog.getByLabel('Dose').fill('1');
    await dialog.getByLabel('Duration (days)').fill('3');
    expect(await dialog.getByLabel('Quantity to dispense').inputValue()).toBe('9');
    await dialog.getByRole('button', { name: 'Prescribe', exact: true }).click();
    const warning = dialog.getByRole('alert').filter({ hasText: 'Allergy recorded' });
    await warning.waitFor();
    expect(await warning.textContent()).toContain('Paracetamol (rash)');
    await closeNotifications(doctorDesk);
    await snap(doctorDesk, 'clinical-06-allergy-warning', { readmeName: 'allergy-warning' });
    await dialog.getByLabel('Reason to prescribe despite the allergy').fill('Rash was mild; no alternative for fever; watch for rash');
    await dialog.getByRole('button', { name: 'Prescribe despite allergy' }).click();
    await dialog.waitFor({ state: 'detached' });
    await prescriptions.getByRole('row', { name: /Paracetamol/ }).getByText('Despite allergy: Rash was mild; no alternative for fever; watch for rash').waitFor();
    await closeNotifications(doctorDesk);
    await snap(doctorDesk, 'clinical-07-consultation', { fullPage: true, readmeName: 'consultation' });
  });

  it('completes the appointment: the record is signed, read-only, and takes addenda with author and time', async () => {
    await doctorDesk.getByRole('button', { name: 'Complete appointment' }).click();
    const dialog = doctorDesk.getByRole('dialog', { name: 'Complete the appointment' });
    await dialog.getByRole('button', { name: 'Complete and sign' }).click();
    await notification(doctorDesk, 'Appointment completed');
    await doctorDesk.getByTestId('encounter-status').getByText('Signed').waitFor();
    // Nothing is editable any more: no forms of notes, vitals, diagnoses, orders or prescriptions.
    for (const form of ['Notes', 'Vital signs', 'Add a diagnosis', 'Order a test', 'Record a procedure']) expect(await doctorDesk.getByRole('form', { name: form }).count()).toBe(0);
    expect(await doctorDesk.getByRole('button', { name: 'Prescribe' }).count()).toBe(0);
    await section(doctorDesk, 'Notes').getByText('Fever and headache for 3 days').waitFor();

    const addenda = section(doctorDesk, 'Addenda');
    await addenda.getByLabel('New addendum').fill('Patient phoned: rash on day 2 is mild, paracetamol continued.');
    await addenda.getByRole('button', { name: 'Add addendum' }).click();
    const entry = addenda.getByLabel(/^Addendum by .*Sarah Nambi$/);
    await entry.getByText('Patient phoned: rash on day 2 is mild, paracetamol continued.').waitFor();
    await closeNotifications(doctorDesk);
    await snap(doctorDesk, 'clinical-08-signed-with-addendum', { fullPage: true });
    const signed = await rpc('setup', 'encounters.get', { id: encounterId });
    expect(signed.status).toBe('signed');
    expect(signed.addenda.map((a) => a.text)).toEqual(['Patient phoned: rash on day 2 is mild, paracetamol continued.']);
  });

  it("enters the result on the nurses' worklist, flagged against the range, and corrects it only with a reason", async () => {
    nurseDesk = await openDeskAt(browser, harness.url({ window: 'nurse' }), { width: 1366, height: 900 });
    nurseDesk.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(nurseDesk, NURSE, 'Results');
    await nav(nurseDesk, 'Results').click();
    const row = nurseDesk.getByRole('row', { name: 'Urgent Haemoglobin for HMS/000001 Nakato Namubiru' });
    await row.waitFor();
    // Urgent first, though ordered before the X-ray only by seconds.
    const rows = nurseDesk.getByRole('table').getByRole('row');
    await rows.nth(2).getByText('Chest X-ray').waitFor();
    expect(await rows.nth(1).getAttribute('aria-label')).toBe('Urgent Haemoglobin for HMS/000001 Nakato Namubiru');
    await snap(nurseDesk, 'clinical-09-results-worklist', { readmeName: 'results-worklist' });
    await row.getByRole('button', { name: 'Enter result: Haemoglobin of Nakato Namubiru' }).click();
    const dialog = nurseDesk.getByRole('dialog', { name: 'Enter result: Haemoglobin' });
    await dialog.getByText('Women aged 18+: 12–16 g/dL · critical ≤ 7 or ≥ 20').waitFor();
    await dialog.getByLabel('Haemoglobin (g/dL)').fill('9,1');
    await snap(nurseDesk, 'clinical-10-enter-result');
    await dialog.getByRole('button', { name: 'Save result' }).click();
    await notification(nurseDesk, 'Haemoglobin of Nakato Namubiru: 9.1 g/dL (low).');
    await row.waitFor({ state: 'detached' });

    // Imaging takes a report, not a value.
    await nurseDesk.getByRole('button', { name: 'Enter result: Chest X-ray of Nakato Namubiru' }).click();
    const report = nurseDesk.getByRole('dialog', { name: 'Enter result: Chest X-ray' });
    await report.getByRole('button', { name: 'Save result' }).click();
    await report.getByText('Required.').waitFor();
    await report.getByLabel('Report').fill('Lungs clear. No consolidation or effusion. Heart size normal.');
    await report.getByRole('button', { name: 'Save result' }).click();
    await notification(nurseDesk, 'Chest X-ray of Nakato Namubiru: report recorded.');
    await nurseDesk.getByText('Nothing waiting').waitFor();

    // From the encounter: the nurse corrects it; the reason is required and the old value stays in view.
    await nurseDesk.evaluate(`window.location.hash = '/encounters/${encounterId}'`);
    const tests = section(nurseDesk, 'Tests');
    await tests.getByRole('button', { name: 'Correct result of Haemoglobin' }).click();
    const correction = nurseDesk.getByRole('dialog', { name: 'Correct result: Haemoglobin' });
    await correction.getByText('9.1 g/dL').first().waitFor();
    await correction.getByLabel('Haemoglobin (g/dL)').fill('9.4');
    await correction.getByRole('button', { name: 'Save correction' }).click();
    await correction.getByText('Required.').waitFor();
    await correction.getByLabel('Reason for the correction').fill('Transcription error: analyser printout reads 9.4');
    await correction.getByRole('button', { name: 'Save correction' }).click();
    await correction.waitFor({ state: 'detached' });
    const hb = tests.getByRole('row', { name: 'HB Haemoglobin' });
    await hb.getByTestId('result-value').getByText('9.4 g/dL').waitFor();
    await hb.getByText('Was').waitFor();
    await closeNotifications(nurseDesk);
    await tests.scrollIntoViewIfNeeded();
    await snap(nurseDesk, 'clinical-11-corrected-result');
  });

  it('shows the doctor the new result on their day, until marked seen', async () => {
    await nav(doctorDesk, 'My day').click();
    const panel = section(doctorDesk, 'New results');
    const line = panel.getByLabel('Haemoglobin of Nakato Namubiru', { exact: true });
    await line.getByText('9.4 g/dL').waitFor();
    await line.getByText('Low').waitFor();
    await snap(doctorDesk, 'clinical-12-new-results', { readmeName: 'new-results' });
    await panel.getByLabel('Chest X-ray of Nakato Namubiru', { exact: true }).getByText('Lungs clear.', { exact: false }).waitFor();
    await line.getByRole('button', { name: 'Seen: Haemoglobin of Nakato Namubiru' }).click();
    await line.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Seen: Chest X-ray of Nakato Namubiru' }).click();
    await panel.getByText('No new results.').waitFor();
  });

  it('opens a ward round from the bed drawer and signs it', async () => {
    await nav(doctorDesk, 'Wards').click();
    await doctorDesk.getByRole('button', { name: 'Room 101, bed A: Occupied, Achieng Odongo' }).click();
    const drawer = doctorDesk.getByRole('dialog', { name: 'Room 101, bed A' });
    await drawer.getByText('Severe malaria, IV artesunate').waitFor();
    await snap(doctorDesk, 'clinical-13-bed-drawer');
    await drawer.getByRole('button', { name: 'Ward round' }).click();
    await doctorDesk.waitForURL(/#\/encounters\/\d+$/);
    await doctorDesk.getByRole('heading', { name: 'Achieng Odongo', level: 2 }).waitFor();
    await doctorDesk.getByText(/^Ward round of /).waitFor();
    const notes = doctorDesk.getByRole('form', { name: 'Notes' });
    await notes.getByLabel('Objective').fill('Afebrile since yesterday, tolerating oral fluids.');
    await notes.getByLabel('Plan').fill('Switch to oral ACT; discharge tomorrow if well.');
    // Signing with notes not saved yet: the doctor is told before anything is lost.
    await doctorDesk.getByRole('button', { name: 'Sign', exact: true }).click();
    const early = doctorDesk.getByRole('dialog', { name: 'Sign the ward round' });
    await early.getByRole('alert', { name: 'Unsaved changes' }).getByText('Save the notes first').waitFor();
    await early.getByRole('button', { name: 'Back' }).click();
    await early.waitFor({ state: 'detached' });
    await notes.getByRole('button', { name: 'Save notes' }).click();
    await notification(doctorDesk, 'Notes saved.');
    await closeNotifications(doctorDesk);
    await snap(doctorDesk, 'clinical-14-ward-round');
    await doctorDesk.getByRole('button', { name: 'Sign', exact: true }).click();
    await doctorDesk.getByRole('dialog', { name: 'Sign the ward round' }).getByRole('button', { name: 'Sign', exact: true }).click();
    await doctorDesk.getByTestId('encounter-status').getByText('Signed').waitFor();
    await closeNotifications(doctorDesk);
    await snap(doctorDesk, 'clinical-15-ward-round-signed');

    // The stay's rounds are listed in the drawer, each leading back to its record.
    await nav(doctorDesk, 'Wards').click();
    await doctorDesk.getByRole('button', { name: 'Room 101, bed A: Occupied, Achieng Odongo' }).click();
    const rounds = doctorDesk.getByRole('dialog', { name: 'Room 101, bed A' }).getByRole('group', { name: 'Ward rounds' });
    await rounds.getByRole('link').first().click();
    await doctorDesk.getByRole('heading', { name: 'Achieng Odongo', level: 2 }).waitFor();
    await doctorDesk.getByTestId('encounter-status').getByText('Signed').waitFor();
  });
});
