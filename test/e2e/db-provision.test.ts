// First run on a new server, in Chromium through the harness (no HMS_DATABASE_URL: the connection screen): an
// administrator sets up the database with the server's root account, sees the owner password once, and the
// workstation goes on to the first-hospital set-up connected as the application account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openDeskAt, snap } from '../support/browser';
import { spawnHarness, type AppProcess } from '../support/harness';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';
import mysql from 'mysql2/promise';
import { provisionDatabase } from '../../src-main/db/accounts';
import { createDataSource, databaseUrl } from '../../src-main/db/data-source';
import { ENTITIES } from '../../src-main/features/entities';

let server: ThrowawayServer;
let harness: AppProcess;
let browser: Browser;
let page: Page;

describe('setting up a new database from the connection screen', () => {
  beforeAll(async () => {
    server = await startThrowawayMariadb();
    harness = await spawnHarness('');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await server?.destroy();
  });

  it("creates the database and both accounts with the server administrator's password, typed once", async () => {
    page = await openDeskAt(browser, harness.url());
    await page.getByRole('heading', { name: 'Connect to the database' }).waitFor();
    await page.getByRole('button', { name: 'Set up a new database with the server’s administrator account' }).click();
    await page.getByLabel('Host').fill('127.0.0.1');
    await page.getByRole('textbox', { name: 'Port' }).fill(String(server.port));
    await page.getByRole('textbox', { name: /^Server administrator\s*\*?$/ }).fill('root');
    await page.getByLabel('New database').fill('hospital_e2e');
    await page.getByRole('button', { name: 'Set up the database' }).click();
    const owner = page.getByTestId('owner-password');
    await owner.waitFor({ timeout: 30_000 });
    const ownerPassword = (await owner.textContent()) ?? '';
    expect(ownerPassword.length).toBeGreaterThanOrEqual(20);
    // The screen waits for the administrator to note the password, though the workstation is connected meanwhile.
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await page.waitForTimeout(5500);
    await owner.waitFor();
    await snap(page, 'db-provision-owner-password');
    await page.getByRole('button', { name: 'I have noted the owner password' }).click();
    await page.getByRole('heading', { name: 'Set up Hospital Desk' }).waitFor();
    const status = await harness.rpc('w', 'connection.status', {});
    expect(status).toMatchObject({ connected: true, user: 'hd_app', database: 'hospital_e2e', accountWarning: null });
    // The owner password shown works, and the owner may not grant.
    const conn = await mysql.createConnection({ host: '127.0.0.1', port: server.port, user: 'hd_owner', password: ownerPassword, database: 'hospital_e2e' });
    const [grants] = (await conn.query('SHOW GRANTS')) as unknown as [Record<string, string>[]];
    await conn.end();
    expect(grants.map((g) => Object.values(g)[0]).join('\n')).not.toMatch(/WITH GRANT OPTION/);
  });

  it('lets an administrator upgrade a database that is behind with the owner account, typed once', async () => {
    const p = await provisionDatabase({ host: '127.0.0.1', port: server.port, user: 'root', password: '' }, { database: 'hospital_old', ownerUser: 'old_owner', appUser: 'old_app' }, ENTITIES);
    const ds = await createDataSource(p.owner, ENTITIES, 1).initialize();
    await ds.undoLastMigration({ transaction: 'each' });
    await ds.destroy();
    const desk = await spawnHarness(databaseUrl({ ...p.app, password: p.app.password! }));
    try {
      const old = await openDeskAt(browser, desk.url());
      await old.getByRole('note').filter({ hasText: 'The database needs upgrading to this version of Hospital Desk' }).waitFor();
      await old.getByRole('textbox', { name: /^Owner account/ }).fill('old_owner');
      await old.getByLabel('Owner password').fill('wrong-password');
      await old.getByRole('button', { name: 'Upgrade the database' }).click();
      await old.getByText('The database refused the owner account’s user name or password.').waitFor();
      await old.getByLabel('Owner password').fill(p.owner.password);
      await old.getByRole('button', { name: 'Upgrade the database' }).click();
      await old.getByRole('heading', { name: 'Set up Hospital Desk' }).waitFor({ timeout: 30_000 });
      expect(await desk.rpc('w', 'connection.status', {})).toMatchObject({ connected: true, needsUpgrade: false });
    } finally {
      await desk.stop();
    }
  });
});
