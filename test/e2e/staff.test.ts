// HR's and the administrator's day with staff records, in Chromium over the harness: departments, a new doctor with
// a fee in shillings, the doctor's weekly hours, an absence that hits booked appointments, and a nurse who leaves
// and is then found only in the staff archive. The steps build on each other in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { closeNotifications as closeNotificationsOn, launchChromium, nav as navOf, notification as notificationOn, openDeskAt, signIn, snap, stopAtFirstFailure, typedDate as typed } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
// Departments are the administrator's; staff records, doctors' hours and absences are HR's; booking the front desk's.
const HR = { username: 'kizza', fullName: 'Joseph Kizza', password: 'people-office-2026' };
const FRONT = { username: 'mirembe', fullName: 'Mirembe Nansubuga', password: 'front-desk-2026' };
const DOCTOR = { first: 'Grace', last: 'Achieng', licence: 'UMDPC-48213', specialization: 'Paediatrics' };

let harness: Harness;
let browser: Browser;
let page: Page;
let hospitalId: number;
let doctorId: number;

/** A channel called over the harness as another workstation ("api"), for the facts the screens under test do not make. */
const rpc = <K extends ChannelName>(channel: K, input: Input<K>) => harness.rpc('api', channel, input);
/** The same, at HR's office ("hr-api") or the front desk ("front-api"): the workstations of the roles that own the work. */
const hrRpc = <K extends ChannelName>(channel: K, input: Input<K>) => harness.rpc('hr-api', channel, input);
const frontRpc = <K extends ChannelName>(channel: K, input: Input<K>) => harness.rpc('front-api', channel, input);

/** 'YYYY-MM-DD' `days` after today (UTC; the tests stay clear of midnight by using days ahead). */
function daysAhead(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
/** The first Monday at least a week ahead: booked and absent on a plain working day. */
function mondayAhead(): string {
  for (let d = 7; ; d++) if (new Date(`${daysAhead(d)}T12:00:00Z`).getUTCDay() === 1) return daysAhead(d);
}

// One desk in this file: the shared helpers bound to its page.
const nav = (area: string) => navOf(page, area);
const notification = (text: string | RegExp) => notificationOn(page, text);
const closeNotifications = () => closeNotificationsOn(page);

describe('Staff, departments and doctors’ hours in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    ({ hospitalId } = await rpc('setup.initialize', { hospital: UGANDA, admin: ADMIN }));
    await rpc('auth.login', { username: ADMIN.username, password: ADMIN.password });
    for (const name of ['Paediatrics', 'Internal Medicine', 'Surgery']) await rpc('departments.create', { hospitalId, name });
    for (const [win, user, role] of [['hr-api', HR, 'hr'], ['front-api', FRONT, 'front_desk']] as const) {
      await rpc('users.create', { ...user, roles: [role], hospitalIds: [hospitalId] });
      await harness.rpc(win, 'auth.login', { username: user.username, password: user.password });
    }
    // Colleagues already on file, so the list looks like a hospital's.
    const colleagues = [
      ['Moses', 'Ssemakula', 'nurse', '0772410001'],
      ['Sarah', 'Nabirye', 'front_desk', '0701410002'],
      ['Joseph', 'Kato', 'technician', null],
    ] as const;
    for (const [firstName, lastName, staffRole, phone] of colleagues) {
      await hrRpc('staff.create', { hospitalId, firstName, lastName, staffRole, phone, hireDate: '2023-02-01', contractedHours: 40 });
    }
    // The administrator keeps the departments; the rest of the file is at HR's desk.
    page = await openDeskAt(browser, harness.url({ window: 'admin-desk' }));
    await signIn(page, ADMIN, 'Departments');
  });

  stopAtFirstFailure(() => ({ 'staff-failed': page }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('adds a department, is told when a name is taken, and renames one', async () => {
    await nav('Departments').click();
    await page.getByRole('heading', { name: 'Departments' }).waitFor();
    await page.getByRole('button', { name: 'Add department' }).click();
    const dialog = page.getByRole('dialog', { name: /New department/ });
    await dialog.getByLabel('Name').fill('Surgery');
    await dialog.getByRole('button', { name: 'Add department' }).click();
    // A taken name is the unique key's CONFLICT, said on the field.
    await dialog.getByText('This hospital already has a department with that name.').waitFor();
    await dialog.getByLabel('Name').fill('Maternity');
    await dialog.getByRole('button', { name: 'Add department' }).click();
    await notification('Maternity is active.');

    await page.getByRole('row', { name: /Internal Medicine/ }).click();
    const edit = page.getByRole('dialog', { name: 'Department' });
    await edit.getByLabel('Name').fill('General Medicine');
    await edit.getByRole('button', { name: 'Save department' }).click();
    await notification('General Medicine is active.');
    await page.getByRole('row', { name: /General Medicine active/ }).waitFor();
    expect(await page.getByRole('row', { name: /Internal Medicine/ }).count()).toBe(0);
    await closeNotifications();
    await snap(page, 'staff-01-departments', { readmeName: 'departments' });
  });

  it('adds a doctor: the doctor’s fields appear with the role, and the fee is read in Uganda shillings', async () => {
    await page.context().close();
    page = await openDeskAt(browser, harness.url({ window: 'hr-desk' }));
    await signIn(page, HR, 'Staff');
    await nav('Staff').click();
    await page.getByRole('row', { name: /Moses Ssemakula Nurse/ }).waitFor();
    await page.getByRole('button', { name: 'Add staff member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add staff member' });
    await dialog.getByLabel('First name').fill(DOCTOR.first);
    await dialog.getByLabel('Last name').fill(DOCTOR.last);
    await dialog.getByLabel('Phone').fill('0772123456');
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await page.getByRole('option', { name: 'Doctor', exact: true }).click();
    await dialog.getByRole('combobox', { name: 'Department' }).click();
    await page.getByRole('option', { name: 'Paediatrics' }).click();
    await dialog.getByLabel('Specialization').fill(DOCTOR.specialization);
    await dialog.getByLabel('Licence number').fill(DOCTOR.licence);
    // Shillings have no smaller unit: a fraction is refused by the field, with what to type instead.
    await dialog.getByLabel('Consultation fee').fill('50000.50');
    await dialog.getByRole('button', { name: 'Add staff member' }).click();
    await dialog.getByText('UGX has no smaller unit: type whole UGX, e.g. 50000.').waitFor();
    await dialog.getByLabel('Consultation fee').fill('50,000');
    await dialog.getByLabel('Default slot length (minutes)').fill('20');
    await dialog.getByRole('button', { name: 'Add staff member' }).click();
    await notification(/Grace Achieng \(HMS-\S+\) is on the staff of Kampala General/);

    await page.getByRole('row', { name: /Grace Achieng Doctor/ }).click();
    await page.getByRole('heading', { name: 'Dr Grace Achieng' }).waitFor();
    doctorId = Number(/#\/staff\/(\d+)/.exec(page.url())?.[1]);
    expect(doctorId).toBeGreaterThan(0);
    await page.getByText(/^(USh|UGX)\s?50,000$/).waitFor();
    await page.getByText('+256 772 123456').waitFor();
    await page.getByText('No working hours yet: this doctor cannot be booked until hours are set.').waitFor();
  });

  it('sets weekly hours from the Monday–Friday proposal, refusing a block that ends before it starts', async () => {
    await page.getByRole('button', { name: 'Set weekly hours…' }).click();
    const dialog = page.getByRole('dialog', { name: /Weekly hours of Dr Grace Achieng/ });
    // Proposed: Monday to Friday 09:00–17:00 in the doctor's 20-minute slots.
    await dialog.getByLabel('End of block 5').waitFor();
    expect(await dialog.getByRole('table', { name: 'Weekly hours blocks' }).getByRole('row').count()).toBe(6);
    expect(await dialog.getByLabel('Slot minutes of block 1').inputValue()).toBe('20');
    await dialog.getByLabel('End of block 5').fill('13:00');
    await dialog.getByRole('button', { name: 'Add a block' }).click();
    await dialog.getByLabel('Start of block 6').fill('14');
    await dialog.getByLabel('End of block 6').fill('1130');
    await dialog.getByRole('button', { name: 'Save weekly hours' }).click();
    await dialog.getByText('Must be after the start.').waitFor();
    expect(await dialog.getByLabel('Start of block 6').inputValue()).toBe('14:00');
    await dialog.getByLabel('End of block 6').fill('16:30');
    await dialog.getByRole('button', { name: 'Save weekly hours' }).click();
    await notification(/Dr Grace Achieng at Kampala General from .*: 6 blocks a week/);

    const hours = page.getByRole('region', { name: /Hours at Kampala General/ });
    await hours.getByRole('row', { name: /^Monday 09:00–17:00\s*20 min slots$/ }).waitFor();
    await hours.getByRole('row', { name: /^Friday 09:00–13:00\s*20 min slots$/ }).waitFor();
    await hours.getByRole('row', { name: /^Saturday 14:00–16:30\s*20 min slots$/ }).waitFor();
    await hours.getByText('Current').waitFor();
  });

  it('adds a conference that falls on a booked appointment, and lists the patient to move', async () => {
    const monday = mondayAhead();
    const patient = await frontRpc('patients.register', {
      hospitalId,
      firstName: 'Nakato',
      lastName: 'Namubiru',
      dateOfBirth: '1990-03-14',
      sex: 'female',
      phone: '0772987654',
      acknowledgeDuplicates: true,
    });
    const free = await frontRpc('appointments.freeSlots', { doctorId, date: monday });
    expect(free.slots.length).toBeGreaterThan(0);
    await frontRpc('appointments.book', { patientId: patient.id, doctorId, start: free.slots[3].start, reason: 'Vaccination review' });

    await page.getByRole('button', { name: 'Add exception…' }).click();
    const dialog = page.getByRole('dialog', { name: /Absence of Dr Grace Achieng/ });
    await dialog.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Conference' }).click();
    await dialog.getByLabel('First day').fill(typed(monday));
    await dialog.getByLabel('Last day').fill(typed(daysAhead(-1)));
    await dialog.getByRole('button', { name: 'Add exception' }).click();
    await dialog.getByText('Must not be before the first day.').waitFor();
    const tuesday = new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await dialog.getByLabel('Last day').fill(typed(tuesday));
    await dialog.getByLabel('Note').fill('East African Paediatrics Congress, Nairobi');
    await dialog.getByRole('button', { name: 'Add exception' }).click();

    await dialog.getByText('These booked appointments fall in the absence: move them').waitFor();
    await dialog.getByRole('list', { name: 'Appointments to move' }).getByText(/Nakato Namubiru \(HMS\/000001\) · Booked · Vaccination review/).waitFor();
    await snap(page, 'staff-02-affected-appointments');
    await dialog.getByRole('button', { name: 'Done' }).click();

    const exceptions = page.getByRole('table', { name: 'Exceptions' });
    await exceptions.getByRole('row', { name: /Conference .* All day East African Paediatrics Congress, Nairobi/ }).waitFor();
    await closeNotifications();
    await snap(page, 'staff-03-doctor-schedule', { readmeName: 'doctor-schedule', fullPage: true });
  });

  it('terminates a nurse, who then leaves the current list and is found, read-only, in the archive', async () => {
    await nav('Staff').click();
    await page.getByRole('row', { name: /Moses Ssemakula Nurse/ }).waitFor();
    await snap(page, 'staff-04-list', { readmeName: 'staff' });

    await page.getByRole('button', { name: 'Actions for Moses Ssemakula' }).click();
    await page.getByRole('menuitem', { name: 'Terminate employment…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terminate employment' });
    await dialog.getByRole('button', { name: 'Terminate Moses Ssemakula' }).click();
    await dialog.getByText('Required.').waitFor();
    await dialog.getByLabel('Reason').fill('Moved to Mulago National Referral Hospital');
    await dialog.getByRole('button', { name: 'Terminate Moses Ssemakula' }).click();
    await notification(/Moses Ssemakula \(\S+\) was terminated as of .* and is now in the staff archive/);
    await page.getByRole('row', { name: /Moses Ssemakula/ }).waitFor({ state: 'detached' });

    await page.getByText('Archive', { exact: true }).click();
    await page.getByRole('heading', { name: 'Staff archive' }).waitFor();
    await page.getByLabel('Search staff').fill('ssema');
    const row = page.getByRole('row', { name: /Moses Ssemakula Nurse/ });
    await row.getByText('Moved to Mulago National Referral Hospital').waitFor();
    expect(await page.getByRole('row', { name: /Grace Achieng/ }).count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Moses Ssemakula' }).waitFor();
    await page.getByText(/Former staff: employment ended/).waitFor();
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Terminate/ }).count()).toBe(0);
  });
});
