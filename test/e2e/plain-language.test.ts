// Hospital language on screen (issue 17 item 12): an admission form sent with nothing chosen says what to choose, and
// its errors stay readable (no list opens over them); the audit trail reads as sentences with names: no channel
// names, keys or internal ids outside an entry's Details, and its record filter offers every kind of record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { RECORD_KINDS, type ChannelName, type Input } from '@shared/contract';
import { launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, zoneWhereItIs } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const NURSE = { username: 'akello', fullName: 'Grace Akello', password: 'ward-nurse-2026' };
const FRONT = { username: 'mirembe', fullName: 'Mirembe Nansubuga', password: 'front-desk-2026' };
const HR = { username: 'kizza', fullName: 'Joseph Kizza', password: 'people-office-2026' };
const TZ = zoneWhereItIs(10);
/** A channel or key as developers write it: 'patient.appointments_read', 'appointments.book', 'staff.update'. */
const CHANNEL_NAME = /\b[a-z]+\.[a-z][A-Za-z]+\b/;

let harness: Harness;
let browser: Browser;
let nurse: Page;
let admin: Page;
let patientId = 0;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);
const openDesk = (window: string) => openDeskAt(browser, harness.url({ window }), { width: 1440, height: 960 });

/** The text a person reads in the audit table: every cell, without the entries' opened Details. */
async function readableText(page: Page): Promise<string> {
  let text = await page.locator('table').first().innerText();
  for (const details of await page.getByTestId('audit-details').allInnerTexts()) text = text.replace(details, '');
  return text;
}

describe('Plain language in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const init = await rpc('setup', 'setup.initialize', { hospital: { ...UGANDA, timeZone: TZ }, admin: ADMIN });
    const hospitalId = init.hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const medicine = await rpc('setup', 'departments.create', { hospitalId, name: 'Internal medicine' });
    for (const [win, user, role] of [['nurse', NURSE, 'nurse'], ['front', FRONT, 'front_desk'], ['hr', HR, 'hr']] as const) {
      await rpc('setup', 'users.create', { ...user, roles: [role], hospitalIds: [hospitalId] });
      await rpc(win, 'auth.login', { username: user.username, password: user.password });
    }
    await rpc('hr', 'staff.create', {
      hospitalId,
      firstName: 'Peter',
      lastName: 'Okot',
      staffRole: 'doctor',
      departmentId: medicine.id,
      hireDate: '2020-01-06',
      contractedHours: 40,
      userId: null,
      doctor: { specialization: 'Internal medicine', licenceNumber: 'UMDPC-1', consultationFee: 50000, defaultSlotMinutes: 30 },
    });
    const nakato = await rpc('front', 'patients.register', { hospitalId, firstName: 'Nakato', lastName: 'Namubiru', dateOfBirth: '1990-03-14', sex: 'female', phone: '0772123456', acknowledgeDuplicates: true });
    patientId = nakato.id;
    await rpc('front', 'patients.update', { id: nakato.id, version: nakato.version, city: 'Kampala' });
    // Audited reads: a patient's record and their appointments.
    await rpc('front', 'patients.get', { id: nakato.id });
    await rpc('front', 'appointments.forPatient', { patientId: nakato.id, when: 'past' });
    const ground = await rpc('setup', 'rooms.createFloor', { hospitalId, name: 'Ground floor', level: 0 });
    await rpc('setup', 'rooms.createRoom', { floorId: ground.id, number: 'G01', roomType: 'general_ward', dailyRate: 50_000, beds: 2 });
  });

  stopAtFirstFailure(() => ({ 'plain-language-failed-nurse': nurse, 'plain-language-failed-admin': admin }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('says which choice is missing on the admission form, with no list over the message', async () => {
    nurse = await openDesk('N');
    await signIn(nurse, NURSE);
    await nav(nurse, 'Wards').click();
    await nurse.getByRole('button', { name: 'Room G01, bed A: Free', exact: true }).click();
    const drawer = nurse.getByRole('dialog', { name: 'Room G01, bed A' });
    await drawer.getByRole('button', { name: 'Admit patient' }).click();
    await drawer.getByRole('button', { name: 'Admit', exact: true }).click();
    const doctorError = drawer.getByText('Choose the attending doctor.');
    await doctorError.waitFor();
    const patientError = drawer.getByText('Find the patient first.');
    await patientError.waitFor();
    expect(await drawer.getByText(/numeric id|Expected (a|text)|Choose one from the list/).count()).toBe(0);
    // The patient field has the focus for its error; no list opened over the messages below it.
    await expect.poll(() => nurse.evaluate<string | null>("document.activeElement?.getAttribute('aria-invalid') ?? null")).toBe('true');
    expect(await nurse.getByRole('listbox').count()).toBe(0);
    for (const message of [patientError, doctorError]) {
      const box = (await message.boundingBox())!;
      const onTop = await nurse.evaluate<string>(`document.elementFromPoint(${box.x + 4}, ${box.y + box.height / 2})?.textContent ?? ''`);
      expect(onTop).toContain(await message.textContent());
    }
    await snap(nurse, 'plain-language-01-admit-empty');

    // Admitted in the end, under the doctor named in the trail below.
    await drawer.getByRole('combobox', { name: 'Patient', exact: true }).fill('Namu');
    await nurse.getByRole('option', { name: /Nakato Namubiru/ }).click();
    await drawer.getByRole('combobox', { name: 'Attending doctor', exact: true }).click();
    await nurse.getByRole('option', { name: /Peter Okot/ }).click();
    await drawer.getByLabel('Reason for admission').fill('Pneumonia');
    await drawer.getByRole('button', { name: 'Admit', exact: true }).click();
    await notification(nurse, 'Nakato Namubiru is in Room G01, bed A');
  });

  it('reads the audit trail as sentences with names, the technical entry behind Details', async () => {
    admin = await openDesk('A');
    await signIn(admin, ADMIN);
    await nav(admin, 'Audit trail').click();
    await admin.getByRole('heading', { name: 'Audit trail' }).waitFor();
    const rows = admin.getByTestId('audit-what');
    await rows.filter({ hasText: 'Admitted a patient' }).first().waitFor();
    for (const sentence of ['Registered a patient', 'Changed a patient’s details', 'Opened a patient’s record', 'Viewed a patient’s appointments', 'Added a staff member', 'Added a room', 'Created a user account', 'Signed in']) {
      await rows.filter({ hasText: sentence }).first().waitFor();
    }
    // The record and the people by name, and changed fields by their labels.
    await admin.getByTestId('audit-what').filter({ hasText: 'Patient: Nakato Namubiru (HMS/000001)' }).first().waitFor();
    await admin.getByTestId('audit-what').filter({ hasText: 'Hospital stay: Nakato Namubiru (HMS/000001)' }).waitFor();
    await admin.getByText('Attending doctor: Peter Okot').waitFor();
    await admin.getByText('City: (none) → Kampala').waitFor();
    const text = await readableText(admin);
    expect(text.match(CHANNEL_NAME)).toBeNull();
    expect(text).not.toMatch(/\b[a-z]+[A-Z][A-Za-z]*Id\b|staffId|patientId|∅/);
    await snap(admin, 'plain-language-02-audit-trail', { fullPage: true });

    // Details show the entry as stored, for the administrator who needs it.
    const admitted = admin.getByRole('row').filter({ hasText: 'Admitted a patient' }).first();
    await admitted.getByRole('button', { name: /Details of entry/ }).click();
    const details = admitted.getByTestId('audit-details');
    await details.getByText('Channel: admissions.admit').waitFor();
    await details.getByText('Action: stay.admit').waitFor();
    expect(await details.textContent()).toContain(`"patientId": ${patientId}`);
    // Still nothing technical outside the opened details.
    expect((await readableText(admin)).match(CHANNEL_NAME)).toBeNull();
    await snap(admin, 'plain-language-03-audit-details');
    await admitted.getByRole('button', { name: /Details of entry/ }).click();
    await details.waitFor({ state: 'detached' });
  });

  it('filters by every kind of record, named in words', async () => {
    await admin.getByRole('combobox', { name: 'Record', exact: true }).click();
    const options = admin.getByRole('listbox').getByRole('option');
    await options.first().waitFor();
    expect(await options.count()).toBe(RECORD_KINDS.length);
    const labels = await options.allTextContents();
    for (const l of labels) expect(l).not.toMatch(/_|^[a-z]/);
    await admin.getByRole('option', { name: 'Hospital stay', exact: true }).click();
    await admin.getByTestId('audit-what').filter({ hasText: 'Admitted a patient' }).first().waitFor();
    await admin.getByTestId('audit-what').filter({ hasText: 'Registered a patient' }).waitFor({ state: 'detached' });
  });

  it('shows a patient’s record without versions or internal numbers at the front desk, and says what booking needs', async () => {
    const front = await openDesk('F');
    await signIn(front, FRONT);
    await front.evaluate(`location.hash = '/patients/${patientId}'`);
    await front.getByText(/Registered .* · Last changed/).waitFor();
    expect(await front.getByText(/Version \d|SHA-256/).count()).toBe(0);
    // The technical facts are for whoever checks the audit trail, not for the front desk.
    expect(await front.getByTestId('technical-details').count()).toBe(0);

    // Booking with nothing chosen says what to choose, in the desk's words.
    await front.evaluate(`location.hash = '/appointments/book'`);
    await front.getByRole('heading', { name: 'Book appointment' }).waitFor();
    await front.getByRole('button', { name: 'Book', exact: true }).click();
    await front.getByText('Find the patient first.').waitFor();
    await front.getByText('Choose a free slot.').waitFor();
    expect(await front.getByText(/numeric id|Expected (a|text)/).count()).toBe(0);
    expect(await front.getByRole('listbox').count()).toBe(0);
    await front.context().close();
  });
});
