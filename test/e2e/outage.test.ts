// The database going away while a desk fills in a registration, in Chromium through the harness on a throwaway server:
// the banner shows, the form keeps what was typed, and saving works again once the server is back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, nav, notification, signIn, snap } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', password: 'outage-chief-pass', fullName: 'Outage Admin' };
// Registering is the front desk's work.
const FRONT = { username: 'mirembe', password: 'front-desk-2026', fullName: 'Mirembe Nansubuga' };

let server: ThrowawayServer;
let harness: Harness;
let browser: Browser;
let page: Page;

describe('the database going away during registration', () => {
  beforeAll(async () => {
    server = await startThrowawayMariadb();
    harness = await startHarness({ serverUrl: server.url });
    const init = await fetch(`${harness.baseUrl}/rpc/setup.initialize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hospital: UGANDA, admin: ADMIN }),
    });
    const body = (await init.json()) as { ok: boolean; data: { hospitalId: number } };
    expect(body.ok).toBe(true);
    await harness.rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await harness.rpc('setup', 'users.create', { ...FRONT, roles: ['front_desk'], hospitalIds: [body.data.hospitalId] });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
    page.setDefaultTimeout(10_000);
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await server?.destroy();
  });

  it('shows the banner, keeps the form, and saves once the server is back', async () => {
    await page.goto(harness.url());
    await signIn(page, FRONT);
    await nav(page, 'Patients').click();
    await page.getByRole('heading', { name: 'Patients', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Register patient' }).first().click();
    await page.getByLabel('First name').fill('Okello');
    await page.getByLabel('Last name').fill('Ssemwanga');
    await page.getByLabel('Date of birth').fill('02/11/1984');
    await page.getByText('Male', { exact: true }).click();
    await page.getByRole('textbox', { name: 'Phone', exact: true }).fill('0752123456');

    await server.stop();
    await page.getByRole('button', { name: 'Register patient' }).click();
    await page.getByRole('alert').filter({ hasText: 'Database unreachable' }).waitFor();
    expect(await page.getByLabel('First name').inputValue()).toBe('Okello');
    expect(await page.getByLabel('Last name').inputValue()).toBe('Ssemwanga');
    expect(await page.getByRole('textbox', { name: 'Phone', exact: true }).inputValue()).toBe('0752123456');
    await snap(page, 'outage-banner', { readmeName: 'outage' });

    await server.start();
    await page.getByText('Database connection is back').waitFor({ timeout: 15_000 });
    await page.getByRole('alert').filter({ hasText: 'Database unreachable' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Register patient' }).click();
    await notification(page, 'Registered HMS/000001');
    await page.getByRole('heading', { name: 'Okello Ssemwanga' }).waitFor();
    expect(await harness.db.sql('SELECT patient_number FROM patients')).toEqual([{ patient_number: 'HMS/000001' }]);
  });
});
