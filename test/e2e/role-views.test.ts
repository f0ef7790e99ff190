// Issue 17, items 14, 15 and 18, in Chromium over the harness on the demo chain: each role lands on its own home screen
// (never on "not part of this version", never on the page the last user left open); a role sees a link only where it
// may follow it (HR no patient anywhere, and not even a widened HR is sent to "Not available to your role" by a
// patient's name; a doctor's patient names are links until the hospital takes patient records from doctors); the
// registration form opens on First name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDatabase } from '../../src-main/seed/seed';
import { launchChromium, nav, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

const TODAY = new Date().toISOString().slice(0, 10);
const HR = { username: 'hr.kla', password: DEMO_PASSWORD };
const DOCTOR = { username: 'doctor.kla', password: DEMO_PASSWORD };
const FRONT = { username: 'frontdesk.kla', password: DEMO_PASSWORD };

let harness: Harness;
let browser: Browser;
let desk: Page | undefined;
let kla: number;

/**
 * Waits until nothing on the page is loading. Run in the page as a string (these tests are typed without the DOM) and
 * polled from here: the app's CSP (no eval) refuses waitForFunction's in-page polling.
 */
async function settled(page: Page): Promise<void> {
  const busy = `[...document.querySelectorAll('.mantine-Loader-root, [aria-busy="true"]')].some((el) => el.offsetParent !== null)`;
  await expect.poll(() => page.evaluate<boolean>(busy), { timeout: 20_000, interval: 50 }).toBe(false);
}

/** The links to patients' records on the page (in the page, not the navigation). */
const patientLinks = (page: Page) => page.locator('main a[href^="#/patients/"]:not([href="#/patients/new"])');

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** Admin's say at Kampala: widen (true), narrow (false) or reset (null) a role's channel. */
const setPermission = (role: 'hr' | 'doctor', channel: string, allowed: boolean | null) => harness.rpc('admin', 'permissions.set', { hospitalId: kla, role, channel, allowed });

describe('What each role sees and where it lands', () => {
  beforeAll(async () => {
    harness = await startHarness();
    await seedDatabase(harness.db.target, {
      patients: 300,
      appointments: 1500,
      doctorsPerDepartment: 1,
      beds: 12,
      bedBookings: 30,
      invoices: 100,
      invoicePdfs: 0,
      encounters: 100,
      rotaWeeksBack: 1,
      rotaWeeksAhead: 1,
      payrollRuns: 1,
      seed: 23,
      asOf: TODAY,
    });
    kla = Number((await harness.db.sql<{ id: number }>("SELECT id FROM hospitals WHERE code = 'KLA'"))[0].id);
    await harness.rpc('admin', 'auth.login', { username: 'admin', password: DEMO_PASSWORD });
    browser = await launchChromium();
    desk = await openDeskAt(browser, harness.url({ window: 'desk' }), { width: 1440, height: 900 });
  }, 300_000);

  stopAtFirstFailure(() => ({ 'role-views-failed': desk }));

  afterAll(async () => {
    await setPermission('hr', 'appointments.daySchedule', null).catch(() => undefined);
    await setPermission('doctor', 'patients.get', null).catch(() => undefined);
    await browser?.close();
    await harness?.stop();
  });

  it("HR lands on its own home screen: the rota's gaps and the month's payroll, no 'not part of this version'", async () => {
    const page = desk!;
    await signIn(page, HR, 'Home');
    await settled(page);
    const staff = page.getByRole('region', { name: 'Staff' });
    await staff.waitFor();
    await staff.getByText('Shifts short of staff').waitFor();
    await staff.getByText(/Payroll of /).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/not part of this version/i);
    expect(text).not.toMatch(/Not available to your role/);
    await snap(page, 'role-views-hr-home');
  });

  it('HR has no Schedule or Patients in its navigation, and no link to a patient on any screen it visits', async () => {
    const page = desk!;
    const areas = await page.getByRole('navigation', { name: 'Areas' }).getByRole('link').allInnerTexts();
    expect(areas).toEqual(expect.arrayContaining(['Home', 'Rota', 'Payroll', 'Staff']));
    expect(areas).not.toContain('Schedule');
    expect(areas).not.toContain('Patients');
    expect(areas.some((a) => /day/i.test(a) && a !== 'Home')).toBe(false);
    for (const area of areas) {
      await nav(page, area).click();
      await settled(page);
      const text = await page.locator('main').innerText();
      expect(text, area).not.toMatch(/Not available to your role|not part of this version/i);
      expect(await patientLinks(page).count(), `patient links on ${area}`).toBe(0);
    }
  });

  it("a Schedule widened to HR at Kampala names the patients without linking them to a page HR may not open", async () => {
    const page = desk!;
    await setPermission('hr', 'appointments.daySchedule', true);
    await page.reload();
    await nav(page, 'Schedule').click();
    await page.getByRole('heading', { name: 'Hospital schedule' }).waitFor();
    // A working day with patients booked (today may be a Sunday).
    const [day] = await harness.db.sql<{ d: string }>("SELECT DATE_FORMAT(MIN(local_date), '%Y-%m-%d') AS d FROM appointments WHERE hospital_id = ? AND local_date >= ?", [kla, TODAY]);
    await page.evaluate(`window.location.hash = '#/appointments?date=${day.d}'`);
    await settled(page);
    // The day's patients are on screen (as plain words), none of them a link to "Not available to your role".
    const named = page.locator('main [data-testid="record-text"]');
    await named.first().waitFor();
    expect(await named.count()).toBeGreaterThan(0);
    expect(await patientLinks(page).count()).toBe(0);
    await snap(page, 'role-views-hr-widened-schedule');
    await setPermission('hr', 'appointments.daySchedule', null);
  });

  it('a new sign-in starts on the home screen, not on the page the last user left open', async () => {
    const page = desk!;
    await nav(page, 'Rota').click();
    await settled(page);
    await signOut(page);
    await signIn(page, DOCTOR, 'Home');
    expect(new URL(page.url()).hash).toBe('#/');
    await page.getByRole('region', { name: 'My patients today' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Not available to your role/);
  });

  it("links a doctor's patients on their day, and names them without a link where the hospital takes patient records from doctors", async () => {
    const page = desk!;
    await nav(page, 'My day').click();
    await settled(page);
    // The seeded doctor has patients today (and this week): their names open their records.
    await page.locator('main').getByText('Week', { exact: true }).click();
    await settled(page);
    await patientLinks(page).first().waitFor();
    const linked = await patientLinks(page).count();
    expect(linked).toBeGreaterThan(0);
    await patientLinks(page).first().click();
    await page.waitForURL(/#\/patients\/\d+$/);
    await settled(page);
    expect(await page.locator('main').innerText()).not.toMatch(/Not available to your role/);
    await page.goBack();
    await settled(page);

    // Kampala narrows doctors: no patient records. The same day names the patients as plain text.
    await setPermission('doctor', 'patients.get', false);
    await page.reload();
    await settled(page);
    await page.locator('main').getByText('Week', { exact: true }).click();
    await settled(page);
    await page.locator('main [data-testid="record-text"]').first().waitFor();
    expect(await patientLinks(page).count()).toBe(0);
    await snap(page, 'role-views-doctor-narrowed');
    await setPermission('doctor', 'patients.get', null);
    await signOut(page);
  });

  it('the registration form opens on First name', async () => {
    const page = desk!;
    await signIn(page, FRONT, 'Patients');
    await nav(page, 'Patients').click();
    await page.getByRole('link', { name: 'Register patient' }).click();
    const first = page.getByRole('textbox', { name: 'First name' });
    await first.waitFor();
    const id = await first.getAttribute('id');
    await expect.poll(() => page.evaluate<string | null>('document.activeElement?.id ?? null'), { timeout: 5_000 }).toBe(id);
    // Typing goes straight into the field.
    await page.keyboard.type('Nakato');
    expect(await first.inputValue()).toBe('Nakato');
  });

  it('shows notifications below the header, never over it', async () => {
    const page = desk!;
    const header = await page.locator('header').boundingBox();
    expect(header).not.toBeNull();
    // Where the top notifications start (Mantine keeps a container for each position, empty until one shows).
    const top = await page.evaluate<number | null>(`document.querySelector('.mantine-Notifications-root[data-position^="top"]')?.getBoundingClientRect().top ?? null`);
    expect(top).not.toBeNull();
    expect(top!).toBeGreaterThanOrEqual(header!.y + header!.height);
  });
  it('the pharmacist home leads to the main screens of the work: the dispensing queue first', async () => {
    const page = desk!;
    await signOut(page);
    await signIn(page, { username: 'pharmacist.kla', password: DEMO_PASSWORD }, 'Home');
    const areas = page.getByRole('region', { name: 'Your areas' });
    await areas.waitFor();
    expect(await areas.getByRole('link').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Dispensing queue/), expect.stringMatching(/^Medicine stock/)]));
    expect(await page.locator('main').innerText()).not.toMatch(/not part of this version|Nothing to count/i);
    await areas.getByRole('link', { name: 'Dispensing queue' }).click();
    await page.getByRole('heading', { name: 'Pharmacy' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/Not available to your role/);
  });
});
