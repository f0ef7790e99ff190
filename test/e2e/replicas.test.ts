// The harness started with HMS_DATABASE_URL and HMS_DATABASE_REPLICA_URLS on two throwaway mariadbd in GTID replication:
// the audit list reads the replica; once the replica is killed the same screens keep working and the administrator's
// connection status line in Settings names the replica left aside.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, nav, signIn, snap } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { startReplicatedPair, type ReplicatedPair } from '../support/replication';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', password: 'replica-chief-pass', fullName: 'Replica Admin' };

let pair: ReplicatedPair;
let harness: Harness;
let browser: Browser;
let page: Page;

describe('a workstation with a read replica', () => {
  beforeAll(async () => {
    pair = await startReplicatedPair('unused');
    // The harness reads its replicas from the environment, as a workstation would (database: the primary's).
    process.env.HMS_DATABASE_REPLICA_URLS = `mysql://root@127.0.0.1:${pair.replica.port}`;
    try {
      harness = await startHarness({ serverUrl: pair.primary.url });
    } finally {
      delete process.env.HMS_DATABASE_REPLICA_URLS;
    }
    const init = await fetch(`${harness.baseUrl}/rpc/setup.initialize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ hospital: UGANDA, admin: ADMIN }),
    });
    expect(((await init.json()) as { ok: boolean }).ok).toBe(true);
    await harness.rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await pair.caughtUp();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 860 } })).newPage();
    page.setDefaultTimeout(10_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await pair?.destroy();
  });

  it('reads the audit list from the replica, and warns in Settings once the replica is gone', async () => {
    const before = await pair.selects('replica');
    const page1 = await harness.rpc('setup', 'audit.list', {});
    expect(page1.items.length).toBeGreaterThan(0);
    expect((await pair.selects('replica')) - before).toBeGreaterThan(0);

    await page.goto(harness.url());
    await signIn(page, ADMIN);
    await nav(page, 'Settings').click();
    const line = page.getByRole('status').filter({ hasText: 'Connected' });
    await line.waitFor();
    expect(await line.textContent()).not.toMatch(/replica/);

    await pair.replica.stop();
    // The audit list still answers, from the primary.
    expect((await harness.rpc('setup', 'audit.list', {})).items.length).toBeGreaterThan(0);
    await page.reload();
    await line.waitFor();
    await expect.poll(async () => line.textContent(), { timeout: 10_000 }).toMatch(/The read replica 127\.0\.0\.1:\d+ is not answering\. Reports, boards and searches read from the primary server until it is back\./);
    await snap(page, 'replica-left-aside');
  }, 60_000);
});
