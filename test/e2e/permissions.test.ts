// Permissions through the real UI in Chromium over the harness: an administrator lets nurses book appointments at one
// hospital, the nurse's desk offers the booking screen without a reload, and once the tick is withdrawn it is gone again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { closeNotifications, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const NURSE = { username: 'akello', fullName: 'Grace Akello', password: 'ward-nurse-2026' };

let harness: Harness;
let browser: Browser;
let admin: Page;
let nurse: Page;

const openDesk = (window: string) => openDeskAt(browser, harness.url({ window }), { width: 1440, height: 960 });
const bookTick = (page: Page) => page.getByRole('checkbox', { name: 'Nurse: book (appointments)', exact: true });

describe('Permissions in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const { hospitalId } = await harness.rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN });
    await harness.rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await harness.rpc('setup', 'departments.create', { hospitalId, name: 'Cardiology' });
    await harness.rpc('setup', 'users.create', { ...NURSE, roles: ['nurse'], hospitalIds: [hospitalId] });
  });

  stopAtFirstFailure(() => ({ 'permissions-failed-admin': admin, 'permissions-failed-nurse': nurse }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('a nurse books no appointments under the standard role table', async () => {
    nurse = await openDesk('nurse');
    await signIn(nurse, NURSE, 'Schedule');
    await nav(nurse, 'Schedule').click();
    await nurse.getByRole('heading', { name: 'Hospital schedule' }).waitFor();
    expect(await nurse.getByRole('link', { name: 'Book appointment' }).count()).toBe(0);
    await nurse.goto(harness.url({ window: 'nurse', hash: '/appointments/book' }));
    await nurse.getByText('Not available to your role').waitFor();
  });

  it('lets the administrator tick Nurse for booking at the hospital, and the nurse’s desk offers booking at once', async () => {
    admin = await openDesk('admin');
    await signIn(admin, ADMIN, 'Permissions');
    await nav(admin, 'Permissions').click();
    await admin.getByRole('heading', { name: 'Permissions' }).waitFor();
    await admin.getByText('Standard role table', { exact: true }).waitFor();
    await admin.getByRole('checkbox', { name: 'Front desk: register (patients)', exact: true }).waitFor();
    await snap(admin, 'permissions-all');
    await admin.getByRole('textbox', { name: 'Find' }).fill('book');
    // The find box keeps the rows that book: appointments, beds and theatres, not the rest.
    await admin.getByRole('checkbox', { name: 'Front desk: book (beds)', exact: true }).waitFor();
    expect(await admin.getByRole('checkbox', { name: /: discharge \(admissions\)$/ }).count()).toBe(0);
    expect(await bookTick(admin).isChecked()).toBe(false);
    expect(await admin.getByRole('checkbox', { name: 'Front desk: book (appointments)', exact: true }).isChecked()).toBe(true);

    // The tick shows what was saved: it turns once the change is recorded.
    await bookTick(admin).click();
    await notification(admin, 'Nurse may now book (appointments) at Kampala General.');
    await expect.poll(() => bookTick(admin).isChecked()).toBe(true);
    await admin.getByText(/^1 change from the standard table/).waitFor();
    await closeNotifications(admin);
    await admin.mouse.move(1, 1);
    await snap(admin, 'permissions', { readmeName: 'permissions' });

    // The nurse's desk follows without a reload: the booking screen is there, and so is the schedule's link to it.
    await nurse.getByRole('heading', { name: 'Book appointment' }).waitFor({ timeout: 5_000 });
    expect(await nurse.getByText('Not available to your role').count()).toBe(0);
    await nav(nurse, 'Schedule').click();
    await nurse.getByRole('link', { name: 'Book appointment' }).click();
    await nurse.getByRole('heading', { name: 'Book appointment' }).waitFor();
    await nurse.getByRole('combobox', { name: 'Department' }).waitFor();
  });

  it('takes booking away from the nurse again when the administrator unticks it', async () => {
    await closeNotifications(admin);
    await bookTick(admin).click();
    await notification(admin, 'Nurse may no longer book (appointments) at Kampala General.');
    await expect.poll(() => bookTick(admin).isChecked()).toBe(false);
    await admin.getByText('Standard role table', { exact: true }).waitFor();

    await nurse.getByText('Not available to your role').waitFor({ timeout: 5_000 });
    await nav(nurse, 'Schedule').click();
    await nurse.getByRole('heading', { name: 'Hospital schedule' }).waitFor();
    expect(await nurse.getByRole('link', { name: 'Book appointment' }).count()).toBe(0);
  });
});
