// "Only this computer" in Chromium: on a workstation with nothing configured the first screen offers this computer
// beside a database server; choosing it starts the private MariaDB server (data in the user-data folder) and goes on to
// the first-hospital set-up, connected as the application account. And `npm run demo -- --browser`: a private server
// with the demo chain behind the harness, signed in to with a demo account.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import type { Browser } from 'playwright-core';
import { launchChromium, openDeskAt, signIn, snap } from '../support/browser';
import { spawnHarness, type AppProcess } from '../support/harness';

const ROOT = resolve(import.meta.dirname, '../..');
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the first screen of a workstation with nothing configured', () => {
  let harness: AppProcess;
  let userData: string;

  beforeAll(async () => {
    userData = mkdtempSync(join(tmpdir(), 'hms-e2e-userdata-'));
    process.env.HMS_EMBEDDED_DIR = join(userData, 'mariadb');
    try {
      harness = await spawnHarness('');
    } finally {
      delete process.env.HMS_EMBEDDED_DIR;
    }
  });
  afterAll(async () => {
    await harness?.stop();
    rmSync(userData, { recursive: true, force: true });
  });

  it('offers "Only this computer" beside "A database server"; choosing it starts a private server and goes on to set-up', async () => {
    const page = await openDeskAt(browser, harness.url(), { width: 1100, height: 720 });
    await page.getByRole('heading', { name: 'Where should Hospital Desk keep its records?' }).waitFor();
    await page.getByRole('heading', { name: 'A database server' }).waitFor();
    await snap(page, 'embedded-first-screen', { readmeName: 'first-screen' });

    // "A database server" leads to the connection form (with its read replicas), and back.
    await page.getByRole('button', { name: 'A database server' }).click();
    await page.getByRole('heading', { name: 'Connect to the database' }).waitFor();
    await page.getByLabel('Read replicas (optional)').waitFor();
    await snap(page, 'embedded-connection-form-replicas', { fullPage: true });
    await page.getByRole('button', { name: 'Back to the choice: this computer or a server' }).click();

    const began = Date.now();
    await page.getByRole('button', { name: 'Only this computer' }).click();
    await page.getByRole('heading', { name: 'Set up Hospital Desk' }).waitFor({ timeout: 90_000 });
    console.log(`embedded e2e: "Only this computer" to the set-up screen in ${Date.now() - began} ms (new data directory, schema, accounts)`);
    await snap(page, 'embedded-setup-after-choice');
    const status = await harness.rpc('w', 'connection.status', {});
    expect(status).toMatchObject({ connected: true, user: 'hd_app', host: '127.0.0.1', database: 'hospital_desk', accountWarning: null, thisComputer: { available: true, inUse: true } });
    expect(status.thisComputer?.dataDir).toBe(join(userData, 'mariadb', 'data'));
    expect(existsSync(join(userData, 'mariadb', 'data', 'hospital_desk'))).toBe(true);

    // Stopping the app stops its private server, cleanly (the error log says so).
    const pid = Number(readFileSync(join(userData, 'mariadb', 'mariadbd.pid'), 'utf8').trim());
    expect(alive(pid)).toBe(true);
    await harness.stop();
    for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
    expect(readFileSync(join(userData, 'mariadb', 'mariadbd.err'), 'utf8')).toMatch(/Shutdown complete/);
  }, 120_000);

  it('moves to a database server with db:backup --this-computer and db:restore', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hms-e2e-move-'));
    const target = `hms_t_move_${randomBytes(4).toString('hex')}`;
    try {
      const backup = execFileSync(process.execPath, [join(ROOT, 'out/main/cli.js'), 'backup', '--this-computer', join(userData, 'mariadb'), '--out', out], { cwd: ROOT, encoding: 'utf8' });
      const file = /backup of this computer's database \(.*\): (\S+\.sql\.gz)/.exec(backup)?.[1];
      expect(file).toBeTruthy();
      // The server started for the backup was stopped after it (mariadbd removes its pid file on a clean shutdown).
      expect(backup).toMatch(/backup of this computer's database/);
      expect(existsSync(join(userData, 'mariadb', 'mariadbd.pid'))).toBe(false);
      const restore = execFileSync(process.execPath, [join(ROOT, 'out/main/cli.js'), 'restore', '--url', `mysql://root@127.0.0.1:3306/${target}`, '--file', file!], { cwd: ROOT, encoding: 'utf8' });
      expect(restore).toMatch(new RegExp(`restored .* into ${target}`));
      const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: target });
      const [rows] = (await conn.query('SELECT COUNT(*) AS n FROM migrations')) as unknown as [{ n: number }[]];
      await conn.end();
      expect(Number(rows[0].n)).toBeGreaterThan(10);
      // db:provision on the restored database: its accounts on the server, the application account's grants.
      const provision = execFileSync(
        process.execPath,
        [join(ROOT, 'out/main/cli.js'), 'provision', '--admin-url', 'mysql://root@127.0.0.1:3306/', '--database', target, '--owner-user', `${target}_o`, '--app-user', `${target}_a`],
        { cwd: ROOT, encoding: 'utf8' },
      );
      const appUrl = /application account \(workstations[^\n]*\n\s+(\S+)/.exec(provision)?.[1];
      expect(provision).toMatch(/schema is up to date/);
      const u = new URL(appUrl!);
      const desk = await mysql.createConnection({ host: u.hostname, port: Number(u.port), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: target });
      // The workstation's account reads what the private database held (the settings its schema started with).
      const [settings] = (await desk.query('SELECT `key` FROM settings')) as unknown as [{ key: string }[]];
      await desk.end();
      expect(settings.map((r) => r.key)).toContain('idle_lock_minutes');
    } finally {
      const conn = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root' });
      await conn.query(`DROP DATABASE IF EXISTS \`${target}\``);
      await conn.query(`DROP USER IF EXISTS \`${target}_o\`@'%', \`${target}_a\`@'%'`);
      await conn.end();
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('npm run demo -- --browser', () => {
  let demo: ChildProcess;
  let dir: string;
  let output = '';

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      const exited = new Promise((r) => demo.once('exit', r));
      demo.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts a private server with the demo chain behind the harness; a demo account signs in', async () => {
    dir = mkdtempSync(join(tmpdir(), 'hms-e2e-demo-'));
    const began = Date.now();
    demo = spawn(process.execPath, [join(ROOT, 'out/main/demo.js'), '--browser', '--dir', dir, '--patients', '200', '--payroll-runs', '0'], {
      cwd: ROOT,
      env: { ...process.env, HMS_DEMO_NO_OPEN: '1', HMS_DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    demo.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const address = await new Promise<string>((resolveUrl, reject) => {
      const timer = setInterval(() => {
        const m = /Hospital Desk in the browser: (\S+)/.exec(output);
        if (m) {
          clearInterval(timer);
          resolveUrl(m[1]);
        }
      }, 100);
      demo.once('exit', (code) => {
        clearInterval(timer);
        reject(new Error(`npm run demo exited (${code}):\n${output}`));
      });
    });
    console.log(`demo e2e: private server, 200-patient chain and harness ready in ${Date.now() - began} ms`);
    expect(output).toMatch(/Private MariaDB server on 127\.0\.0\.1:\d+ \(data in .*\), started in \d+ ms with a new data directory/);
    const page = await openDeskAt(browser, address);
    await signIn(page, { username: 'frontdesk.kla', password: 'hospital-demo' });
    await snap(page, 'demo-browser-signed-in');

    // Ctrl+C: the harness and the private server stop, the server cleanly.
    const exited = new Promise((r) => demo.once('exit', r));
    demo.kill('SIGINT');
    await exited;
    expect(output).toMatch(/The private MariaDB server has shut down/);
    expect(readFileSync(join(dir, 'mariadbd.err'), 'utf8')).toMatch(/Shutdown complete/);
  }, 180_000);
});
