// "Only this computer": the private MariaDB server of src-main/db/embedded.ts in a temporary user-data folder, set up
// with the least-privilege accounts; a kill -9 of the server and of the writing client mid-write loses no committed
// row; it listens on 127.0.0.1 only; its data moves to another server with the backup and restore of db:backup/db:restore.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src-main/db/backup';
import type { DbTarget } from '../../src-main/db/data-source';
import { EmbeddedServer } from '../../src-main/db/embedded';
import { ENTITIES } from '../../src-main/features/entities';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles } from '../../src-main/ipc/runtime';
import { ADMIN_PASSWORD, UGANDA } from '../support/app';

const ROOT = resolve(import.meta.dirname, '../..');
let userData: string;
let server: EmbeddedServer;
let app: DbTarget;
const firstStart = { ms: 0 };

const connect = (t: DbTarget) => mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password, database: t.database || undefined });

async function query<T = Record<string, unknown>>(t: DbTarget, sql: string, args: unknown[] = []): Promise<T[]> {
  const conn = await connect(t);
  try {
    return (await conn.query(sql, args))[0] as T[];
  } finally {
    await conn.end();
  }
}

beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'hms-userdata-'));
  server = new EmbeddedServer({ baseDir: join(userData, 'mariadb') });
  const began = Date.now();
  app = await server.setUp(ENTITIES);
  firstStart.ms = server.lastStartMs;
  console.log(`embedded: first start (data directory initialised) ${server.lastStartMs} ms; with provisioning ${Date.now() - began} ms`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  rmSync(userData, { recursive: true, force: true });
});

describe('the private server of "Only this computer"', () => {
  it('keeps its data in the user-data folder, listens on 127.0.0.1 only, and root needs the password kept there', async () => {
    expect(server.dataDir.startsWith(userData)).toBe(true);
    expect(statSync(join(server.dataDir, 'ibdata1')).isFile()).toBe(true);
    expect(statSync(join(userData, 'mariadb', 'server.json')).mode & 0o777).toBe(0o600);
    const [v] = await query<{ bind: string; net: number; flush: number; dw: number }>(
      { ...server.admin(), database: '' },
      'SELECT @@bind_address AS bind, @@skip_networking AS net, @@innodb_flush_log_at_trx_commit AS flush, @@innodb_doublewrite AS dw',
    );
    expect(v).toEqual({ bind: '127.0.0.1', net: 0, flush: 1, dw: 1 });
    // Root without the password, and root for any other host name, are refused.
    await expect(query({ ...server.admin(), password: '', database: '' }, 'SELECT 1')).rejects.toThrow(/Access denied/);
    const roots = await query<{ Host: string; plugin: string }>({ ...server.admin(), database: '' }, "SELECT Host FROM mysql.user WHERE User = 'root' ORDER BY Host");
    expect(roots.map((r) => r.Host)).toEqual(['127.0.0.1', 'localhost']);
    // Nothing answers on the machine's other addresses: the port is bound to loopback alone.
    const { networkInterfaces } = await import('node:os');
    const other = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal);
    if (other) await expect(mysql.createConnection({ host: other.address, port: app.port, user: 'root', connectTimeout: 1500 })).rejects.toThrow();
  });

  it('gives the workstation the application account, which may not change the schema', async () => {
    expect(app).toMatchObject({ host: '127.0.0.1', user: 'hd_app', database: 'hospital_desk', embedded: true });
    const grants = (await query<Record<string, string>>(app, 'SHOW GRANTS')).map((g) => Object.values(g)[0]).join('\n');
    expect(grants).not.toMatch(/ALL PRIVILEGES|CREATE|ALTER|DROP|GRANT OPTION/);
    await expect(query(app, 'CREATE TABLE intruder (id INT)')).rejects.toThrow(/denied/);
    await expect(query(app, 'ALTER TABLE patients ADD COLUMN x INT')).rejects.toThrow(/denied/);
    await expect(query(app, 'DROP TABLE settings')).rejects.toThrow(/denied/);
  });

  it('serves the app: first-run set-up through the channels, with the application account', async () => {
    const runtime = createRuntime({ envTarget: null, profiles: memoryProfiles(app) });
    const dispatch = createDispatch(runtime, handlerTable);
    try {
      const setup = await dispatch('w1', 'setup.initialize', {
        hospital: { ...UGANDA, code: 'HOME', name: 'Home Clinic' },
        admin: { username: 'admin', password: ADMIN_PASSWORD, fullName: 'Ada Admin' },
      });
      expect(setup).toMatchObject({ ok: true });
      expect(await dispatch('w1', 'auth.login', { username: 'admin', password: ADMIN_PASSWORD })).toMatchObject({ ok: true });
      const status = await dispatch('w1', 'connection.status', {});
      expect(status).toMatchObject({ ok: true, data: { connected: true, user: 'hd_app', accountWarning: null } });
    } finally {
      await runtime.db.close();
    }
  });

  it("takes read replicas from the connection form and keeps a saved profile's when the field is left out", async () => {
    const profiles = memoryProfiles({ ...app });
    const runtime = createRuntime({ envTarget: null, profiles });
    const dispatch = createDispatch(runtime, handlerTable);
    const fields = { host: app.host, port: app.port, user: app.user, password: app.password, database: app.database };
    try {
      expect(await dispatch('w1', 'auth.login', { username: 'admin', password: ADMIN_PASSWORD })).toMatchObject({ ok: true });
      const saved = await dispatch('w1', 'connection.save', { ...fields, readReplicas: ' replica1.lan:3307, mysql://reader:s3cret@replica2.lan/hospital_desk ' });
      expect(saved).toMatchObject({ ok: true, data: { connected: true, replicas: ['replica1.lan:3307', 'replica2.lan:3306'] } });
      expect((await profiles.load())?.replicas).toEqual([
        { host: 'replica1.lan', port: 3307, user: app.user, password: app.password, database: app.database },
        { host: 'replica2.lan', port: 3306, user: 'reader', password: 's3cret', database: app.database },
      ]);
      // Saved again without the field (a new password, say): the replicas, with the second one's own account, stay.
      expect(await dispatch('w1', 'connection.save', fields)).toMatchObject({ ok: true });
      expect((await profiles.load())?.replicas?.map((r) => `${r.user}@${r.host}:${r.port}`)).toEqual([`${app.user}@replica1.lan:3307`, 'reader@replica2.lan:3306']);
      // A replica of another database, or something that is no address, is refused on the field.
      expect(await dispatch('w1', 'connection.save', { ...fields, readReplicas: 'mysql://r@replica3.lan/other_db' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { readReplicas: expect.stringMatching(/primary's database/) } } });
      expect(await dispatch('w1', 'connection.test', { ...fields, readReplicas: 'not a host!' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { readReplicas: expect.stringMatching(/host:port/) } } });
      expect((await profiles.load())?.replicas).toHaveLength(2);
      // Emptied: none.
      expect(await dispatch('w1', 'connection.save', { ...fields, readReplicas: '' })).toMatchObject({ ok: true });
      expect((await profiles.load())?.replicas).toBeUndefined();
    } finally {
      await runtime.db.close();
    }
  });

  it('loses no committed row when the server and the writing client are killed (-9) mid-write', async () => {
    // The writer: a separate process committing one hospital row per transaction and reporting each commit once the
    // server acknowledged it. Killed with the server, it may have one transaction in flight whose fate it never learned.
    const script = `
      const mysql = require('mysql2/promise');
      (async () => {
        const c = await mysql.createConnection(${JSON.stringify({ host: app.host, port: app.port, user: app.user, password: app.password, database: app.database })});
        for (let i = 1; ; i++) {
          await c.beginTransaction();
          await c.query("INSERT INTO hospitals (code, name, country, time_zone, currency, patient_number_format, version) VALUES (?, ?, 'UG', 'Africa/Kampala', 'UGX', 'K-{seq:6}', 1)", ['K' + i, 'Crash ' + i + ' ' + 'x'.repeat(90)]);
          await c.commit();
          process.stdout.write('committed ' + i + '\\n');
        }
      })().catch((e) => { process.stderr.write(String(e)); process.exit(2); });`;
    const writer = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: number[] = [];
    let buffered = '';
    writer.stdout.on('data', (c: Buffer) => {
      buffered += c.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const l of lines) if (l.startsWith('committed ')) committed.push(Number(l.slice(10)));
    });
    const writerExit = new Promise((r) => writer.once('exit', r));
    while (committed.length < 1500) await new Promise((r) => setTimeout(r, 20));
    // Both at once, mid-loop: no shutdown, no flush beyond what each commit already made durable.
    const serverPid = server.pid!;
    process.kill(serverPid, 'SIGKILL');
    writer.kill('SIGKILL');
    await writerExit;
    await server.kill();

    const began = Date.now();
    await server.start();
    const recoveryMs = Date.now() - began;
    const rows = await query<{ code: string }>(app.port === server.port ? app : { ...app, port: server.port! }, "SELECT code FROM hospitals WHERE code LIKE 'K%'");
    const found = new Set(rows.map((r) => Number(r.code.slice(1))));
    const lost = committed.filter((i) => !found.has(i));
    const last = Math.max(...committed);
    const extra = [...found].filter((i) => !committed.includes(i));
    console.log(`embedded kill -9: ${committed.length} commits acknowledged, ${found.size} rows found after recovery (${extra.length} in flight committed), lost ${lost.length}; restart with recovery ${recoveryMs} ms`);
    expect(lost).toEqual([]);
    // At most the one transaction in flight when the writer died may have committed without the writer learning it.
    expect(extra.every((i) => i === last + 1)).toBe(true);
    expect(server.port).toBe(app.port);
  }, 120_000);

  it('shuts down cleanly and starts again on the same port with the same data', async () => {
    const pid = server.pid!;
    await server.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    const began = Date.now();
    await server.start();
    console.log(`embedded: restart after a clean shutdown ${Date.now() - began} ms`);
    const [{ n }] = await query<{ n: number }>(app, 'SELECT COUNT(*) AS n FROM hospitals');
    expect(Number(n)).toBeGreaterThan(1500);
  }, 60_000);

  it('on a later start, a profile saved as "Only this computer" starts the private server before connecting', async () => {
    await server.stop();
    // A new app process: its own EmbeddedServer over the same user-data folder, the saved profile marked embedded.
    const runtime = createRuntime({ envTarget: null, profiles: memoryProfiles({ ...app }), embeddedDir: join(userData, 'mariadb') });
    const dispatch = createDispatch(runtime, handlerTable);
    try {
      expect(runtime.embedded?.running()).toBe(false);
      expect(await dispatch('w9', 'setup.status', {})).toMatchObject({ ok: true, data: { needsConnection: false, needsSetup: false } });
      expect(runtime.embedded?.running()).toBe(true);
      // Anyone at the desk learns it is this computer's database; where its files are, administrators only.
      expect(await dispatch('w9', 'connection.status', {})).toMatchObject({ ok: true, data: { connected: true, thisComputer: { available: true, inUse: true, dataDir: null } } });
    } finally {
      await runtime.db.close();
      await runtime.embedded?.stop();
    }
    await server.start();
  }, 60_000);

  it('takes over its own server left running by an app that was killed, instead of starting a second one', async () => {
    const pid = server.pid!;
    // A new process over the same folder, while the first one's mariadbd still runs (the app died, mariadbd did not).
    const next = new EmbeddedServer({ baseDir: join(userData, 'mariadb'), entities: ENTITIES });
    expect(await next.start()).toBe(app.port);
    expect(next.pid).toBe(pid);
    expect(next.startedHere).toBe(false);
    const [{ n }] = await query<{ n: number }>(app, 'SELECT COUNT(*) AS n FROM users');
    expect(Number(n)).toBeGreaterThan(0);
    // Quitting that app shuts the server down cleanly all the same.
    await next.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    expect(server.running()).toBe(false);
    await server.start();
  }, 90_000);

  it('moves to another server with the backup and restore of db:backup and db:restore', async () => {
    const out = mkdtempSync(join(tmpdir(), 'hms-embedded-backup-'));
    const target = `hms_t_emb_${randomBytes(4).toString('hex')}`;
    const other: DbTarget = { host: '127.0.0.1', port: 3306, user: 'root', password: '', database: target };
    try {
      const b = await backupDatabase({ ...server.admin(), database: server.database }, out);
      const r = await restoreDatabase(other, b.path);
      expect(r.auditHead).toEqual(b.auditHead);
      const count = (t: DbTarget) => query<{ n: number }>(t, 'SELECT (SELECT COUNT(*) FROM hospitals) + (SELECT COUNT(*) FROM users) * 1000000 AS n');
      expect(await count(other)).toEqual(await count(app));
    } finally {
      await query({ ...other, database: '' }, `DROP DATABASE IF EXISTS \`${target}\``);
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
