// Settings shows which Hospital Desk this workstation runs and which schema its database holds (the newest migration
// and the version that ran it): what an administrator compares across a chain's workstations before an upgrade.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, nav, signIn, snap } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';
import { MIGRATIONS } from '../../src-main/db/data-source';

const ADMIN = { username: 'admin', password: 'versions-chief-pass', fullName: 'Versions Admin' };
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

let harness: Harness;
let browser: Browser;
let page: Page;

describe('versions in Settings', () => {
  beforeAll(async () => {
    harness = await startHarness();
    const init = await fetch(`${harness.baseUrl}/rpc/setup.initialize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hospital: UGANDA, admin: ADMIN }),
    });
    expect(((await init.json()) as { ok: boolean }).ok).toBe(true);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
    page.setDefaultTimeout(10_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('shows the app version and the schema version beside the connection', async () => {
    await page.goto(harness.url());
    await signIn(page, ADMIN);
    await nav(page, 'Settings').click();
    const line = page.getByTestId('versions');
    await line.waitFor();
    // The newest migration of this build, run by this version when the harness created the schema.
    expect(await line.textContent()).toBe(`Hospital Desk ${VERSION} on this workstation · database schema ${MIGRATIONS[MIGRATIONS.length - 1].name} (Hospital Desk ${VERSION})`);
    await snap(page, 'settings-versions');
  }, 60_000);
});
