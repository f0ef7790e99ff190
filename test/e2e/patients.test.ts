// One desk's first day through the real UI in Chromium over the harness: set-up, sign-in, registering, finding and
// editing a patient, a stale edit from a second desk, the duplicate warning, the audit trail and user accounts.
// The steps build on each other in order, like the day they describe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
// Registering and editing patients is the front desk's work: two receptionists, at desks F and B.
const FRONT = { username: 'mirembe', fullName: 'Mirembe Nansubuga', password: 'front-desk-2026' };
const FRONT_B = { username: 'opio', fullName: 'Daniel Opio', password: 'second-desk-2026' };
const PATIENT = { first: 'Nakato', last: 'Namubiru', dob: '14/03/1990', phone: '0772123456' };

let harness: Harness;
let browser: Browser;
let deskA: Page;
let deskF: Page;
let deskB: Page;
let patientId: number;

const openDesk = (window?: string) => openDeskAt(browser, harness.url({ window }));

async function openPatientBySearch(page: Page, query: string): Promise<void> {
  await nav(page, 'Patients').click();
  await page.getByLabel('Search patients').waitFor();
  // "/" jumps to the search box from anywhere on the list.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('/');
  await page.keyboard.type(query);
  await page.getByRole('row', { name: new RegExp(`HMS/000001 ${PATIENT.first}`) }).waitFor();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `${PATIENT.first} ${PATIENT.last}` }).waitFor();
}

describe('Hospital Desk in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
  });

  // A later step needs the earlier ones: after a failure the rest are skipped, and the screens are kept for a look.
  stopAtFirstFailure(() => ({ 'failed-desk-a': deskA, 'failed-desk-f': deskF, 'failed-desk-b': deskB }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('sets up the first hospital and administrator, then signs in', async () => {
    deskA = await openDesk();
    await deskA.getByRole('heading', { name: 'Set up Hospital Desk' }).waitFor();
    await deskA.getByLabel('Code').fill('KGH');
    await deskA.getByLabel('Hospital name').fill('Kampala General Hospital');
    await deskA.getByLabel('State / region').fill('Central');
    await deskA.getByLabel('Address').fill('Plot 1, Mulago Hill Road, Kampala');
    await deskA.getByLabel('Default tax rate').fill('18');
    expect(await deskA.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Africa/Kampala');
    expect(await deskA.getByTestId('patient-number-preview').textContent()).toBe('HMS/000001');
    await snap(deskA, '01-setup-hospital', { readmeName: 'setup' });
    await deskA.getByRole('button', { name: 'Next' }).click();

    await deskA.getByLabel('Full name').fill(ADMIN.fullName);
    await deskA.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
    await deskA.getByLabel('Confirm password').fill('not the same password');
    await deskA.getByRole('button', { name: 'Finish set-up' }).click();
    await deskA.getByText('The passwords do not match.').waitFor();
    await deskA.getByLabel('Confirm password').fill(ADMIN.password);
    await deskA.getByRole('button', { name: 'Finish set-up' }).click();

    await deskA.getByText('Set-up is complete.').waitFor();
    expect(await deskA.getByLabel('Username').inputValue()).toBe('admin');
    await deskA.getByRole('textbox', { name: 'Password', exact: true }).fill('wrong password');
    await deskA.getByRole('button', { name: 'Sign in' }).click();
    await deskA.getByText('Wrong username or password.').waitFor();
    await deskA.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN.password);
    await snap(deskA, '02-sign-in', { readmeName: 'sign-in' });
    await deskA.getByRole('button', { name: 'Sign in' }).click();

    // The home screen comes first; the patient list is one click away.
    await nav(deskA, 'Patients').click();
    await deskA.getByRole('heading', { name: 'Patients', exact: true }).waitFor();
    await deskA.getByText('No patients yet').waitFor();
    await deskA.getByTestId('hospital-name').getByText('Kampala General Hospital').waitFor();
    await deskA.getByText(ADMIN.fullName).waitFor();
  });

  it('registers a patient with a Ugandan phone number and opens the new record', async () => {
    // The administrator gives the front desk its accounts; the receptionist registers at desk F.
    await harness.rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const [hospital] = await harness.rpc('setup', 'hospitals.list', {});
    for (const user of [FRONT, FRONT_B]) await harness.rpc('setup', 'users.create', { ...user, roles: ['front_desk'], hospitalIds: [hospital!.id] });
    deskF = await openDesk('F');
    await signIn(deskF, FRONT, 'Patients');
    await nav(deskF, 'Patients').click();
    await deskF.getByRole('link', { name: 'Register patient' }).first().click();
    await deskF.getByRole('heading', { name: 'Register patient' }).waitFor();

    // Saving an empty form shows the required fields next to them and saves nothing.
    await deskF.getByRole('button', { name: 'Register patient' }).click();
    expect(await deskF.getByText('Required.').count()).toBeGreaterThanOrEqual(4);

    await deskF.getByLabel('First name').fill(PATIENT.first);
    await deskF.getByLabel('Last name').fill(PATIENT.last);
    await deskF.getByLabel('Date of birth').fill(PATIENT.dob);
    await deskF.getByText('Female', { exact: true }).click();
    await deskF.getByRole('textbox', { name: 'Phone', exact: true }).fill('12345');
    await deskF.getByLabel('E-mail').fill('nakato.namubiru@example.ug');
    await deskF.getByLabel('Address').fill('Plot 12, Kira Road');
    await deskF.getByLabel('City / town').fill('Entebbe');
    await deskF.getByLabel('National ID').fill('CM90012345678X');
    await deskF.getByRole('textbox', { name: 'Next of kin', exact: true }).fill('Moses Namubiru');
    await deskF.getByLabel('Relationship').fill('Brother');
    await deskF.getByLabel('Insurance provider').fill('Jubilee Health');
    await deskF.getByLabel('Coverage %').fill('80');
    await deskF.getByRole('button', { name: 'Register patient' }).click();
    await deskF.getByText(/Not a valid number for UG; expected 0772123456 or \+256772123456/).waitFor();
    await deskF.getByRole('textbox', { name: 'Phone', exact: true }).fill(PATIENT.phone);
    await snap(deskF, '03-registration-form', { readmeName: 'registration-form', fullPage: true });
    await deskF.getByRole('button', { name: 'Register patient' }).click();

    await notification(deskF, 'Registered HMS/000001');
    await deskF.getByRole('heading', { name: `${PATIENT.first} ${PATIENT.last}` }).waitFor();
    patientId = Number(/#\/patients\/(\d+)/.exec(deskF.url())?.[1]);
    expect(patientId).toBeGreaterThan(0);
    await deskF.getByText('+256 772 123456').waitFor();
    expect(await deskF.getByTestId('national-id').textContent()).toBe('••••678X');
    await deskF.getByRole('button', { name: 'Reveal' }).click();
    await deskF.getByTestId('national-id').getByText('CM90012345678X').waitFor();
    await snap(deskF, '04-patient-page', { readmeName: 'patient-page' });
  });

  it('finds the patient as you type, opens the record from the keyboard and saves an edit', async () => {
    await openPatientBySearch(deskF, 'Namu');
    await nav(deskF, 'Patients').click();
    await deskF.getByRole('row', { name: /HMS\/000001 Nakato Namubiru/ }).waitFor();
    await snap(deskF, '05-patient-list', { readmeName: 'patient-list' });
    await deskF.getByRole('row', { name: /HMS\/000001 Nakato Namubiru/ }).click();

    await deskF.getByRole('button', { name: 'Edit' }).click();
    expect(await deskF.getByLabel('First name').inputValue()).toBe(PATIENT.first);
    await deskF.getByLabel('City / town').fill('Kampala');
    await deskF.getByRole('button', { name: 'Save changes' }).click();
    await notification(deskF, 'Changes to HMS/000001 Nakato Namubiru were saved.');
    await deskF.getByText('Plot 12, Kira Road, Kampala').waitFor();
  });

  it('a stale edit from a second desk gets the conflict, keeps its edits, and applies them again on request', async () => {
    // Desk A starts editing the record as it is now.
    await deskF.getByRole('button', { name: 'Edit' }).click();
    await deskF.getByLabel('Allergies').fill('Penicillin');

    // Meanwhile desk B (another workstation) changes the same patient and saves first.
    deskB = await openDesk('B');
    await signIn(deskB, FRONT_B, 'Patients');
    await openPatientBySearch(deskB, '0772123');
    await deskB.getByRole('button', { name: 'Edit' }).click();
    await deskB.getByLabel('Region / district').fill('Wakiso');
    await deskB.getByRole('button', { name: 'Save changes' }).click();
    await notification(deskB, 'were saved');

    // Desk A is told while still typing, then saves its stale version.
    await deskF.getByText('This record has just been changed at another desk.').waitFor();
    await deskF.getByRole('button', { name: 'Save changes' }).click();
    await deskF.getByText(/Nakato Namubiru \(HMS\/000001\) was changed at another desk at \d\d:\d\d GMT\+3 since you opened the record\. Nothing was saved/).waitFor();
    expect(await deskF.getByLabel('Allergies').inputValue()).toBe('Penicillin');
    const differences = deskF.getByRole('table', { name: 'Differences between your version and the current record' });
    await differences.getByRole('row', { name: /Allergies Penicillin your edit/ }).waitFor();
    await differences.getByRole('row', { name: /Region \/ district — Wakiso changed at the other desk/ }).waitFor();
    await snap(deskF, '06-conflict', { readmeName: 'conflict' });

    await deskF.getByRole('button', { name: 'Apply my changes again' }).click();
    await notification(deskF, 'Changes to HMS/000001 Nakato Namubiru were saved.');
    await deskF.getByRole('button', { name: 'Edit' }).waitFor();
    await deskF.getByText('Penicillin').waitFor();
    await deskF.getByText('Plot 12, Kira Road, Kampala, Wakiso').waitFor();
    await deskB.context().close();
  });

  it('warns of a possible duplicate when the same name and date of birth are registered again', async () => {
    await nav(deskF, 'Patients').click();
    await deskF.getByRole('link', { name: 'Register patient' }).first().click();
    await deskF.getByLabel('First name').fill(PATIENT.first);
    await deskF.getByLabel('Last name').fill('Namubiru');
    await deskF.getByLabel('Date of birth').fill(PATIENT.dob);
    await deskF.getByText('Female', { exact: true }).click();
    await deskF.getByRole('textbox', { name: 'Phone', exact: true }).fill('0701234567');
    await deskF.getByRole('button', { name: 'Register patient' }).click();

    const dialog = deskF.getByRole('dialog', { name: 'Possible duplicate patient' });
    await dialog.waitFor();
    await dialog.getByRole('row', { name: /HMS\/000001 Nakato Namubiru 14 Mar 1990 \+256 772 123456 same date of birth and similar name/i }).waitFor();
    await snap(deskF, '07-duplicate-warning', { readmeName: 'duplicate-warning' });
    await dialog.getByRole('button', { name: 'Register as new patient' }).click();
    await notification(deskF, 'Registered HMS/000002');
  });

  it('shows the patient update in the audit trail, and the chain verifies', async () => {
    await nav(deskA, 'Audit trail').click();
    await deskA.getByRole('heading', { name: 'Audit trail' }).waitFor();
    // Entries read as sentences with the patient by name; the record filter names the kinds of record.
    await deskA.getByRole('combobox', { name: 'Record', exact: true }).click();
    await deskA.getByRole('option', { name: 'Patient', exact: true }).click();
    const registered = deskA.getByRole('row', { name: /Registered a patient\s+Patient: Nakato/ });
    await registered.first().waitFor();
    expect(await registered.count()).toBe(2);
    // Filtered by the first patient's ID, only its own registration stays.
    await deskA.getByLabel('Record ID').fill(String(patientId));
    await expect.poll(() => registered.count()).toBe(1);
    await deskA.getByText('City: Entebbe → Kampala').waitFor();
    await deskA.getByText('Allergies: (none) → Penicillin').waitFor();
    expect(await deskA.getByText('Changed a patient’s details', { exact: true }).count()).toBe(3);
    expect(await deskA.getByText('patient.update').count()).toBe(0);
    await deskA.getByRole('button', { name: 'Verify chain' }).click();
    await deskA.getByText('Audit chain OK').waitFor();
    // The earlier save notifications would cover the page title in the picture.
    const notes = deskA.locator('.mantine-Notification-root');
    for (let i = 0; i < 20 && (await notes.count()) > 0; i++) {
      await notes.first().getByRole('button').click().catch(() => undefined);
      await deskA.waitForTimeout(250);
    }
    expect(await notes.count()).toBe(0);
    await snap(deskA, '08-audit-trail', { readmeName: 'audit-trail' });
  });

  it('lets the administrator create a user account', async () => {
    await nav(deskA, 'Users').click();
    await deskA.getByRole('heading', { name: 'Users' }).waitFor();
    await deskA.getByRole('button', { name: 'New user' }).click();
    const dialog = deskA.getByRole('dialog', { name: 'New user account' });
    await dialog.getByLabel('Username').fill('grace.akello');
    await dialog.getByLabel('Full name').fill('Grace Akello');
    await dialog.getByRole('textbox', { name: 'Password', exact: true }).fill('front-desk-pass-1');
    await dialog.getByLabel('Confirm password').fill('front-desk-pass-1');
    await dialog.getByRole('button', { name: 'Create account' }).click();
    await notification(deskA, 'Grace Akello can now sign in as grace.akello.');
    await deskA.getByRole('row', { name: /grace\.akello Grace Akello/ }).waitFor();
    await snap(deskA, '09-users', { readmeName: 'users' });
  });
});
