// Backups: a dump of a database the desks wrote to comes back whole in a new database (audit chain, patients,
// appointments, the report-summary triggers and their tables), made and restored by an owner account whose password
// never reaches a command line or a file; damaged files, strange files and occupied databases are refused.
import { spawn, type SpawnOptions } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, promises as fs, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase, type BackupSummary, type RestoreSummary } from '../../src-main/db/backup';
import { MIGRATIONS, type DbTarget } from '../../src-main/db/data-source';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles } from '../../src-main/ipc/runtime';
import { ADMIN_PASSWORD, deskOn, startTestApp, type Desk, type TestApp } from '../support/app';
import { freePort } from '../support/mariadb';
import { department, doctor, everyDay, patient } from '../support/scheduling';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

const OWNER = `hms_bk_${randomBytes(3).toString('hex')}`;
/** Quotes, a backslash, a hash and a semicolon: what an option file or a shell would misread if it were not quoted. */
const PASSWORD = `Own"er's #pass\\word; ${randomBytes(4).toString('hex')}`;
const SUMMARY_TABLES = ['report_appointment_days', 'report_appointment_quarters', 'report_visit_days', 'report_patient_days'];

let app: TestApp;
let desk_: Desk & { username: string; password: string };
let root: mysql.Connection;
let outDir: string;
let backup: BackupSummary;
let restored: TestDatabase;
let restore: RestoreSummary;
/** The source's rows as they were when the backup was taken (later tests write more). */
const sourceRows = new Map<string, string[]>();
const COMPARED_TABLES = ['patients', 'appointments', 'audit_log', ...SUMMARY_TABLES];
const extraDatabases: string[] = [];
const spawned: { command: string; args: readonly string[]; env: NodeJS.ProcessEnv; defaultsFile: string | null; defaultsMode: number | null }[] = [];

/** Starts children as the backup would, noting what it passed: the argv `ps` would show and the environment. */
function recordingSpawn(command: string, args: readonly string[], options: SpawnOptions) {
  const defaultsFile = args.find((a) => a.startsWith('--defaults-extra-file='))?.split('=')[1] ?? null;
  spawned.push({ command, args, env: options.env ?? process.env, defaultsFile, defaultsMode: defaultsFile ? statSync(defaultsFile).mode & 0o777 : null });
  return spawn(command, args, options);
}

const owner = (database: string): DbTarget => ({ ...app.db.target, user: OWNER, password: PASSWORD, database });

async function grantOwner(database: string): Promise<void> {
  await root.query(`GRANT ALL PRIVILEGES ON \`${database}\`.* TO ?@'%'`, [OWNER]);
}

/** A database name this file drops afterwards. */
async function scratchDatabase(): Promise<string> {
  const name = `hms_t_bk_${randomBytes(4).toString('hex')}`;
  extraDatabases.push(name);
  await grantOwner(name);
  return name;
}

const K = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00+03:00`)).toISOString();

const rowsOf = async (db: TestDatabase, table: string) =>
  (await db.sql<Record<string, unknown>>(`SELECT * FROM \`${table}\``)).map((r) => JSON.stringify(r)).sort();

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-03-01T06:00:00Z'));
  // One account holding every role sets the scene: the administrator makes no workflow writes.
  desk_ = await app.operator();
  const desk: Desk = desk_;
  const opd = await department(desk, app.hospitalId, 'Outpatients');
  const jane = await doctor(desk, app.hospitalId, { departmentId: opd.id, hours: everyDay('08:00', '17:00'), validFrom: '2027-01-01' });
  const ps = [];
  for (let i = 0; i < 3; i++) ps.push(await patient(desk, app.hospitalId));
  await desk.ok('appointments.book', { patientId: ps[0].id, doctorId: jane.id, start: K('2027-03-02', '09:00') });
  const b = await desk.ok('appointments.book', { patientId: ps[1].id, doctorId: jane.id, start: K('2027-03-02', '09:30') });
  await desk.ok('appointments.book', { patientId: ps[2].id, doctorId: jane.id, start: K('2027-03-03', '10:00') });
  await desk.ok('appointments.cancel', { id: b.id, reason: 'Travelling' });

  const t = app.db.target;
  root = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
  await root.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [OWNER, PASSWORD]);
  await grantOwner(t.database);
  restored = await createTestDatabase();
  await grantOwner(restored.target.database);

  outDir = mkdtempSync(join(tmpdir(), 'hms-backups-'));
  backup = await backupDatabase(owner(t.database), outDir, { spawn: recordingSpawn });
  for (const table of COMPARED_TABLES) sourceRows.set(table, await rowsOf(app.db, table));
  restore = await restoreDatabase(owner(restored.target.database), backup.path, { spawn: recordingSpawn });
});

afterAll(async () => {
  for (const name of extraDatabases) await root?.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await root?.query(`DROP USER IF EXISTS ?@'%'`, [OWNER]);
  await root?.end();
  await restored?.drop();
  await app?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('a backup', () => {
  it('is a gzip named after the database and the UTC minute, described by its header and its sidecar', async () => {
    expect(backup.file).toMatch(new RegExp(`^${app.db.target.database}-\\d{4}-\\d\\d-\\d\\dT\\d{4}Z\\.sql\\.gz$`));
    const [head] = await app.db.sql<{ last_id: number; last_hash: string }>('SELECT last_id, last_hash FROM audit_head');
    const [{ n }] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
    const [{ v }] = await app.db.sql<{ v: string }>('SELECT VERSION() AS v');
    const gz = await fs.readFile(backup.path);
    const sidecar = JSON.parse(await fs.readFile(`${backup.path}.json`, 'utf8'));
    expect(sidecar).toMatchObject({
      format: 'hospital-desk-backup/1',
      database: app.db.target.database,
      schemaVersion: MIGRATIONS[MIGRATIONS.length - 1].name,
      migrations: MIGRATIONS.map((m) => m.name),
      auditHead: { id: Number(head.last_id), hash: head.last_hash },
      auditRows: Number(n),
      serverVersion: v,
      bytes: gz.length,
      sha256: createHash('sha256').update(gz).digest('hex'),
    });
    expect(Number(n)).toBeGreaterThan(5);

    const dump = gunzipSync(gz).toString('utf8');
    const [first, ...rest] = dump.split('\n');
    expect(JSON.parse(first.replace('-- Hospital Desk backup ', ''))).toMatchObject({ schemaVersion: sidecar.schemaVersion, auditHead: sidecar.auditHead, auditRows: sidecar.auditRows, serverVersion: v });
    expect(rest.slice(0, 4).join('\n')).toContain(`audit head: entry ${head.last_id}, hash ${head.last_hash}`);
    expect(dump).toMatch(/TRIGGER report_appointments_insert AFTER INSERT ON appointments/);
    expect(dump.trimEnd()).toMatch(/-- Dump completed on .*$/);
    expect(spawned[0].args).toEqual(expect.arrayContaining(['--single-transaction', '--routines', '--triggers', '--events', '--hex-blob']));
  });

  it('keeps the password off every command line, out of the environment and out of the files', async () => {
    expect(spawned.map((s) => s.command)).toEqual(['mariadb-dump', 'mariadb']);
    for (const s of spawned) {
      expect(s.args.join(' ')).not.toContain(PASSWORD);
      expect(s.args.join(' ')).not.toContain('#pass');
      expect(Object.values(s.env).join('\n')).not.toContain(PASSWORD);
      expect(s.args[0]).toMatch(/^--defaults-extra-file=/);
      expect(s.defaultsMode).toBe(0o600);
      expect(existsSync(s.defaultsFile!)).toBe(false);
    }
    expect(await fs.readFile(`${backup.path}.json`, 'utf8')).not.toContain(PASSWORD);
    expect(gunzipSync(await fs.readFile(backup.path)).toString('utf8')).not.toContain(PASSWORD);
    expect((await fs.readdir(outDir)).sort()).toEqual([backup.file, `${backup.file}.json`]);
  });

  it('taken while a desk keeps writing, records the audit head and entry count of the very rows it dumped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hms-backups-busy-'));
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        await patient(desk_, app.hospitalId);
        written++;
      }
    })();
    try {
      await new Promise((r) => setTimeout(r, 150));
      const busy = await backupDatabase(owner(app.db.target.database), dir);
      await new Promise((r) => setTimeout(r, 150));
      writing = false;
      await writer;
      expect(written).toBeGreaterThan(2);
      const [{ n }] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log');
      expect(busy.auditRows).toBeLessThan(Number(n));
      // The restore compares the restored audit_head row and audit_log count with the sidecar: any skew fails it.
      const target = await scratchDatabase();
      await expect(restoreDatabase(owner(target), busy.path)).resolves.toMatchObject({ auditHead: busy.auditHead, auditRows: busy.auditRows });
      expect(busy.auditRows).toBe(busy.auditHead.id);
    } finally {
      writing = false;
      await writer;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a restore', () => {
  it('gives a copy the app opens, whose audit chain verifies through the same head, with the same patients, appointments, summaries and triggers', async () => {
    expect(restore).toMatchObject({ replaced: false, schemaVersion: backup.schemaVersion, auditHead: backup.auditHead, auditRows: backup.auditRows });
    expect(restore.compatibility).toMatchObject({ state: 'current', pending: [], unknown: [] });
    const [head] = await restored.sql<{ last_id: number; last_hash: string }>('SELECT last_id, last_hash FROM audit_head');
    expect({ id: Number(head.last_id), hash: head.last_hash }).toEqual(backup.auditHead);

    for (const table of COMPARED_TABLES) {
      expect({ table, rows: await rowsOf(restored, table) }).toEqual({ table, rows: sourceRows.get(table) });
    }
    expect(sourceRows.get('audit_log')!.length).toBe(backup.auditRows);
    expect((await rowsOf(restored, 'appointments')).length).toBe(3);
    const triggers = async (db: TestDatabase) =>
      (await db.sql<Record<string, string>>('SHOW TRIGGERS')).map((t) => `${t.Trigger} ${t.Timing} ${t.Event} ${t.Table} ${t.Statement}`).sort();
    expect(await triggers(restored)).toEqual(await triggers(app.db));
    expect((await triggers(restored)).filter((t) => t.startsWith('report_')).length).toBeGreaterThanOrEqual(6);
    // The restoring account became the triggers' definer: it may not name root without SUPER.
    expect(new Set((await restored.sql<{ Definer: string }>('SHOW TRIGGERS')).map((t) => t.Definer))).toEqual(new Set([`${OWNER}@%`]));

    // The app on the copy: it signs in, verifies the chain and sees the desk's records.
    const runtime = createRuntime({ envTarget: restored.target, profiles: memoryProfiles(), clock: () => new Date('2027-03-01T06:30:00Z') });
    try {
      const desk = deskOn(createDispatch(runtime, handlerTable), 'restored-admin');
      await desk.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
      const verified = await desk.ok('audit.verify');
      expect(verified).toMatchObject({ ok: true, brokenAt: null });
      expect(verified.checked).toBeGreaterThanOrEqual(backup.auditRows);
      const [entry] = await restored.sql<{ hash: string }>('SELECT hash FROM audit_log WHERE id = ?', [backup.auditHead.id]);
      expect(entry.hash).toBe(backup.auditHead.hash);
      const [a] = await restored.sql<{ id: number; patient_id: number; doctor_id: number }>("SELECT id, patient_id, doctor_id FROM appointments WHERE status <> 'cancelled' ORDER BY id LIMIT 1");
      expect(await desk.ok('appointments.get', { id: a.id })).toMatchObject({ id: a.id });

      // The triggers work in the copy: a booking there is counted in its summary.
      const count = async () => Number((await restored.sql<{ n: number }>('SELECT COALESCE(SUM(n), 0) AS n FROM report_appointment_days'))[0].n);
      const before = await count();
      const operator = deskOn(createDispatch(runtime, handlerTable), 'restored-operator');
      await operator.ok('auth.login', { username: desk_.username, password: desk_.password });
      await operator.ok('appointments.book', { patientId: a.patient_id, doctorId: a.doctor_id, start: K('2027-03-04', '11:00') });
      expect(await count()).toBe(before + 1);
      expect((await desk.ok('audit.verify')).ok).toBe(true);
    } finally {
      await runtime.db.close();
    }
  });

  it('refuses a file changed by one byte, before touching the database', async () => {
    const tampered = join(outDir, 'tampered.sql.gz');
    const bytes = await fs.readFile(backup.path);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    await fs.writeFile(tampered, bytes);
    await fs.copyFile(`${backup.path}.json`, `${tampered}.json`);
    const target = await scratchDatabase();
    await expect(restoreDatabase(owner(target), tampered)).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH', message: expect.stringMatching(/SHA-256/) });
    const [exists] = (await root.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [target])) as unknown as [unknown[]];
    expect(exists).toEqual([]);
    await fs.rm(tampered);
    await fs.rm(`${tampered}.json`);
  });

  it('refuses a file that is not a backup', async () => {
    const stray = join(outDir, 'stray.sql.gz');
    await fs.writeFile(stray, gzipSync('DROP TABLE patients;\n'));
    const target = await scratchDatabase();
    await expect(restoreDatabase(owner(target), stray)).rejects.toMatchObject({ code: 'NOT_A_BACKUP', message: expect.stringMatching(/no sidecar/) });
    // A sidecar copied beside it, checksum and all: the file still lacks the header.
    const sidecar = JSON.parse(await fs.readFile(`${backup.path}.json`, 'utf8'));
    sidecar.sha256 = createHash('sha256').update(await fs.readFile(stray)).digest('hex');
    await fs.writeFile(`${stray}.json`, JSON.stringify(sidecar));
    await expect(restoreDatabase(owner(target), stray)).rejects.toMatchObject({ code: 'NOT_A_BACKUP', message: expect.stringMatching(/header/) });
    await fs.rm(stray);
    await fs.rm(`${stray}.json`);
  });

  it('refuses a database that is not empty unless forced, and then replaces its contents', async () => {
    await expect(restoreDatabase(owner(app.db.target.database), backup.path)).rejects.toMatchObject({ code: 'NOT_EMPTY', message: expect.stringMatching(/--force/) });
    const target = await scratchDatabase();
    await root.query(`CREATE DATABASE \`${target}\``);
    await root.query(`CREATE TABLE \`${target}\`.leftover (id INT PRIMARY KEY)`);
    await expect(restoreDatabase(owner(target), backup.path)).rejects.toMatchObject({ code: 'NOT_EMPTY' });
    const r = await restoreDatabase(owner(target), backup.path, { force: true });
    expect(r).toMatchObject({ replaced: true, auditHead: backup.auditHead, auditRows: backup.auditRows });
    const [tables] = (await root.query('SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [target])) as unknown as [{ TABLE_NAME: string }[]];
    expect(tables.map((t) => t.TABLE_NAME)).not.toContain('leftover');
    expect(tables.map((t) => t.TABLE_NAME)).toContain('audit_log');
  });
});

describe('backup failures', () => {
  it('say clearly when mariadb-dump is missing, the password is wrong or the server cannot be reached, and leave no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hms-backups-fail-'));
    try {
      const source = owner(app.db.target.database);
      await expect(backupDatabase(source, dir, { dumpCommand: 'mariadb-dump-not-installed' })).rejects.toMatchObject({ code: 'TOOL_MISSING', message: expect.stringMatching(/not installed/) });
      await expect(backupDatabase({ ...source, password: 'not-the-password' }, dir)).rejects.toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringMatching(/refused the user name or password/) });
      await expect(backupDatabase({ ...source, port: await freePort() }, dir)).rejects.toMatchObject({ code: 'UNREACHABLE', message: expect.stringMatching(/refused the connection/) });
      await expect(restoreDatabase({ ...source, password: 'not-the-password', database: 'hms_t_bk_never' }, backup.path)).rejects.toMatchObject({ code: 'ACCESS_DENIED' });
      expect(await fs.readdir(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
