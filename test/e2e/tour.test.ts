// Issue 17: a tour of every screen per role on the demo chain, in Chromium over the harness. Each demo account signs in,
// visits every area of its navigation and every tab there, waits for the data, and fails on an error notification, a
// console error, a "not available" page, a page wider than the window or text cut off in a table cell. On each screen
// and tab it opens every dialog a button there opens (see OPENS_A_DIALOG), checks the dialog shows its title and no
// problem, and closes it again, by its close button and by Escape in turn. Each screen's draw time (from the click to
// the data on screen) is recorded in test-artifacts/e2e/tour-times.json, the dialogs in tour-dialogs.json, and each
// screen is kept as a screenshot; the home screens of the roles go to the README (home-role-*).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDatabase } from '../../src-main/seed/seed';
import { ARTIFACTS, launchChromium, openDeskAt, signIn, snap } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

const TODAY = new Date().toISOString().slice(0, 10);
/** The demo accounts of Kampala, one per role, and the chain's director. */
const ACCOUNTS = ['frontdesk.kla', 'doctor.kla', 'nurse.kla', 'pharmacist.kla', 'billing.kla', 'hr.kla', 'manager.kla', 'admin.kla', 'director'] as const;

let harness: Harness;
let browser: Browser;
const times: { account: string; screen: string; ms: number }[] = [];
const dialogs: { account: string; screen: string; button: string; title: string; closedBy: string }[] = [];

/**
 * The buttons that open a dialog, by their words: every other button of a screen may write at once (Check in,
 * Complete, Record payment…) or download, and a tour must change nothing. Each name is tried once per screen.
 */
const OPENS_A_DIALOG =
  /^(Add [\w ]+|New [\w ]+|Edit|Edit [\w ]+|Record leave|Copy a week|Bill a patient|Print day’s invoices|Archive old invoices|Start run|Create signing key|Reschedule|Cancel|Dispense|Terminate|Set weekly hours|Set pay from a date|Finalize|Void|Prescribe|Receive[\w ]*|Adjust)(…|\.\.\.)?$/;

/** Waits until nothing on the page is loading: no loader, nothing marked busy, no skeleton (run in the page). */
const SETTLED = `![...document.querySelectorAll('.mantine-Loader-root, [aria-busy="true"], .mantine-Skeleton-root')].some((el) => el.offsetParent !== null)`;

async function settled(page: Page): Promise<void> {
  // Polled from here: the app's CSP (no eval) refuses waitForFunction's in-page polling.
  const until = Date.now() + 20_000;
  while (!(await page.evaluate(SETTLED))) {
    if (Date.now() > until) throw new Error('the screen kept loading for 20 s');
    await new Promise((r) => setTimeout(r, 40));
  }
}

/** What is wrong on the screen as a user would see it (run in the page). */
const PROBLEMS = `(() => {
  const out = [];
  const text = document.body.innerText;
  if (/Not available to your role/.test(text)) out.push('a "not available to your role" page');
  if (/not part of this version/i.test(text)) out.push('"not part of this version"');
  for (const n of document.querySelectorAll('.mantine-Notification-root')) {
    const color = getComputedStyle(n).getPropertyValue('--notification-color');
    if (/red/.test(color)) out.push('error notification: ' + n.innerText.slice(0, 120));
  }
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth + 1) out.push('page wider than the window (' + root.scrollWidth + ' > ' + root.clientWidth + ')');
  for (const el of document.querySelectorAll('td, th')) {
    if (el.offsetParent === null) continue;
    const style = getComputedStyle(el);
    const clips = style.overflow === 'hidden' || style.overflowX === 'hidden';
    if (clips && style.textOverflow !== 'ellipsis' && el.scrollWidth > el.clientWidth + 1) out.push('text cut off in a cell: "' + el.innerText.slice(0, 60) + '"');
  }
  return out;
})()`;

async function problemsOn(page: Page): Promise<string[]> {
  return (await page.evaluate(PROBLEMS)) as string[];
}

/**
 * Opens and closes every dialog the buttons of the screen open (OPENS_A_DIALOG): its title is shown, nothing is wrong
 * on it, and it closes by its close button or by Escape (in turn). A button that opened no dialog is left alone.
 */
async function tourDialogs(page: Page, account: string, screen: string, found: string[]): Promise<void> {
  const main = page.getByRole('main');
  const names = [...new Set((await main.getByRole('button').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()))].filter((n) => OPENS_A_DIALOG.test(n));
  for (const name of names) {
    const button = main.getByRole('button', { name, exact: true }).first();
    if (!(await button.isVisible().catch(() => false)) || !(await button.isEnabled().catch(() => false))) continue;
    const before = page.url();
    await button.click();
    const dialog = page.getByRole('dialog').last();
    const opened = await dialog.waitFor({ timeout: 2_000 }).then(
      () => true,
      () => false,
    );
    if (!opened) {
      // Not a dialog after all (a link styled as a button): back to the screen.
      if (page.url() !== before) {
        await page.goBack();
        await settled(page);
      }
      continue;
    }
    await settled(page);
    const title = (await dialog.getAttribute('aria-labelledby').then((id) => (id ? page.locator(`[id="${id}"]`).innerText() : ''))).trim();
    if (!title) found.push(`${screen} › "${name}": a dialog without a title`);
    for (const p of await problemsOn(page)) found.push(`${screen} › dialog "${title || name}": ${p}`);
    await snap(page, `tour-${account}-dialog-${`${screen}-${name}`.replace(/\W+/g, '-').toLowerCase()}`);
    const byButton = dialogs.length % 2 === 0;
    if (byButton) await dialog.locator('.mantine-Modal-close').click();
    else await page.keyboard.press('Escape');
    const closed = await dialog.waitFor({ state: 'hidden', timeout: 3_000 }).then(
      () => true,
      () => false,
    );
    if (!closed) {
      found.push(`${screen} › dialog "${title || name}" did not close by ${byButton ? 'its close button' : 'Escape'}`);
      await page.keyboard.press('Escape');
    }
    dialogs.push({ account, screen, button: name, title, closedBy: byButton ? 'close button' : 'Escape' });
  }
}

describe('A tour of every screen per role', () => {
  beforeAll(async () => {
    harness = await startHarness();
    await seedDatabase(harness.db.target, {
      patients: 600,
      appointments: 3000,
      doctorsPerDepartment: 2,
      beds: 24,
      bedBookings: 120,
      invoices: 400,
      invoicePdfs: 0,
      encounters: 400,
      rotaWeeksBack: 2,
      rotaWeeksAhead: 1,
      payrollRuns: 1,
      seed: 17,
      asOf: TODAY,
    });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'tour-times.json'), JSON.stringify(times, null, 2));
    writeFileSync(join(ARTIFACTS, 'tour-dialogs.json'), JSON.stringify(dialogs, null, 2));
    await browser?.close();
    await harness?.stop();
  });

  for (const account of ACCOUNTS) {
    it(`${account} visits every area of their navigation and every tab without an error`, async () => {
      const page = await openDeskAt(browser, harness.url({ window: `tour-${account}` }), { width: 1440, height: 900 });
      const errors: string[] = [];
      // A failed request is named by its response (the console only says "Failed to load resource").
      page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(`console: ${m.text().slice(0, 200)}`));
      page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url().replace(/^https?:\/\/[^/]+/, '')}`));
      page.on('pageerror', (e) => errors.push(`page error: ${e.message.slice(0, 200)}`));
      const found: string[] = [];
      try {
        await signIn(page, { username: account, password: DEMO_PASSWORD });
        await settled(page);
        for (const p of await problemsOn(page)) found.push(`home: ${p}`);
        await snap(page, `tour-${account}-home`, { readmeName: `home-role-${account.replace('.kla', '')}` });

        const areas = await page.getByRole('navigation', { name: 'Areas' }).getByRole('link').allInnerTexts();
        expect(areas.length).toBeGreaterThan(2);
        for (const area of areas) {
          const started = Date.now();
          await page.getByRole('navigation', { name: 'Areas' }).getByRole('link', { name: area, exact: true }).click();
          // The route changes, then the screen's queries start: a frame later it is loading or drawn.
          await page.waitForTimeout(30);
          await settled(page);
          times.push({ account, screen: area, ms: Date.now() - started });
          for (const p of await problemsOn(page)) found.push(`${area}: ${p}`);
          await snap(page, `tour-${account}-${area.replace(/\W+/g, '-').toLowerCase()}`);
          await tourDialogs(page, account, area, found);
          const tabs = page.getByRole('main').getByRole('tab');
          const names = await tabs.allInnerTexts();
          for (const [i, tab] of names.entries()) {
            const t = Date.now();
            await tabs.nth(i).click();
            await settled(page);
            times.push({ account, screen: `${area} › ${tab}`, ms: Date.now() - t });
            for (const p of await problemsOn(page)) found.push(`${area} › ${tab}: ${p}`);
            await tourDialogs(page, account, `${area} › ${tab}`, found);
          }
          if (area === 'Schedule') {
            // Today may be a Sunday with nobody working: the first day ahead with appointments, for their dialogs
            // (cancel, reschedule) too; for the doctor, the first day with their own (a doctor's day is their list).
            const own = account === 'doctor.kla' ? account : '';
            const [day] = await harness.db.sql<{ d: string | null }>(
              `SELECT DATE_FORMAT(MIN(a.local_date), '%Y-%m-%d') AS d FROM appointments a JOIN hospitals h ON h.id = a.hospital_id
                WHERE h.code = 'KLA' AND a.local_date >= ? AND a.status = 'booked'
                  AND (? = '' OR a.doctor_id = (SELECT s.id FROM staff s JOIN users u ON u.id = s.user_id WHERE u.username = ?))`,
              [TODAY, own, own],
            );
            if (!day?.d) found.push('no booked appointment ahead at Kampala for the Schedule’s dialogs');
            else {
              await page.evaluate(`window.location.hash = '#/appointments?date=${day.d}'`);
              // The previous day stays on screen while the new one loads (no loader): wait for its rows.
              const shown = await page
                .locator('[data-appointment-row]')
                .first()
                .waitFor({ timeout: 10_000 })
                .then(
                  () => true,
                  () => false,
                );
              await settled(page);
              for (const p of await problemsOn(page)) found.push(`Schedule of ${day.d}: ${p}`);
              // The front desk and the doctor have booked appointments on that day to see; other roles' Schedules
              // may be narrower (a department), with nobody booked that day.
              if (shown) await tourDialogs(page, account, `Schedule of ${day.d}`, found);
              else if (account === 'frontdesk.kla' || own) found.push(`Schedule of ${day.d}: no appointment shown within 10 s`);
            }
          }
        }
      } finally {
        await page.context().close();
      }
      expect([...found, ...errors]).toEqual([]);
    }, 300_000);
  }

  it('opened and closed dialogs on the screens of the tour', () => {
    // The tour above ran first (the tests of a file run in order): without dialogs found, OPENS_A_DIALOG matched no button.
    expect(new Set(dialogs.map((d) => d.title)).size).toBeGreaterThan(8);
    // The Schedule's own, from the front desk's visit to a day with appointments.
    expect(dialogs.filter((d) => d.account === 'frontdesk.kla').map((d) => d.title)).toEqual(expect.arrayContaining(['Cancel appointment', 'Reschedule appointment']));
    expect(dialogs.some((d) => d.closedBy === 'Escape') && dialogs.some((d) => d.closedBy === 'close button')).toBe(true);
  });
});
