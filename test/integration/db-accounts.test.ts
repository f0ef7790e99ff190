// Least-privilege database accounts (issue 15): db:provision's owner and application accounts on a private server;
// the whole app runs under the application account, which cannot rewrite the audit trail or change the schema; the
// connection says clearly when the schema is behind, when the account lacks rights and (to administrators) when it
// has too many.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantApplicationAccount, provisionDatabase, type ProvisionResult } from '../../src-main/db/accounts';
import { Database, NEEDS_UPGRADE_MESSAGE } from '../../src-main/db/database';
import { createDataSource, parseDatabaseUrl, type DbTarget } from '../../src-main/db/data-source';
import { ENTITIES } from '../../src-main/features/entities';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles } from '../../src-main/ipc/runtime';
import { ADMIN_PASSWORD, deskOn, startTestApp, UGANDA, type TestApp } from '../support/app';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';
import { department, doctor, patient } from '../support/scheduling';

let server: ThrowawayServer;
let rootAdmin: Omit<DbTarget, 'database'>;
let provisioned: ProvisionResult;
let appTarget: DbTarget;
let app: TestApp;

const asAccount = (t: DbTarget) => mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password, database: t.database });

/** Runs one statement as the account and returns the server's error code (null: it was allowed). */
async function serverRefuses(t: DbTarget, sql: string): Promise<string | null> {
  let conn: mysql.Connection | null = null;
  try {
    conn = await asAccount(t);
    await conn.query(sql);
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  } finally {
    await conn?.end();
  }
}

beforeAll(async () => {
  server = await startThrowawayMariadb();
  const { database: _unused, ...admin } = parseDatabaseUrl(`${server.url}/x`);
  rootAdmin = admin;
  provisioned = await provisionDatabase(rootAdmin, { database: 'hospital_main' }, ENTITIES);
  appTarget = { ...provisioned.app, password: provisioned.app.password! };
  app = await startTestApp({ target: appTarget });
  await app.setClock(new Date('2027-03-01T09:00:00+03:00'));
});

afterAll(async () => {
  await app?.close();
  await server?.destroy();
});

describe('db:provision', () => {
  it('creates the database, migrates it as the owner, and grants the application account DML table by table', async () => {
    expect(provisioned.migrationsApplied.length).toBeGreaterThan(10);
    expect(provisioned.owner.user).toBe('hd_owner');
    expect(provisioned.app.user).toBe('hd_app');
    const root = await mysql.createConnection({ host: rootAdmin.host, port: rootAdmin.port, user: 'root' });
    try {
      const grantsOf = async (u: string) => ((await root.query(`SHOW GRANTS FOR '${u}'@'%'`))[0] as Record<string, string>[]).map((r) => Object.values(r)[0]);
      const ownerGrants = grantsOf('hd_owner');
      expect(await ownerGrants).toEqual([expect.stringMatching(/^GRANT USAGE ON \*\.\*/), expect.stringMatching(/^GRANT ALL PRIVILEGES ON `hospital\\_main`\.\* TO `hd_owner`@`%`$/)]);
      const appGrants = await grantsOf('hd_app');
      expect(appGrants[0]).toMatch(/^GRANT USAGE ON \*\.\* TO `hd_app`@`%`/);
      expect(appGrants.find((g) => g.includes('`audit_log`'))).toBe('GRANT SELECT, INSERT ON `hospital_main`.`audit_log` TO `hd_app`@`%`');
      expect(appGrants.find((g) => g.includes('`patients`'))).toBe('GRANT SELECT, INSERT, UPDATE, DELETE ON `hospital_main`.`patients` TO `hd_app`@`%`');
      expect(appGrants.find((g) => g.includes('`migrations`'))).toBe('GRANT SELECT ON `hospital_main`.`migrations` TO `hd_app`@`%`');
      expect(appGrants.filter((g) => /ALL PRIVILEGES|GRANT OPTION|ALTER|DROP|TRIGGER|CREATE/.test(g.replace(/^GRANT/, '')))).toEqual([]);
      const [[{ n }]] = (await root.query(`SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'hospital_main'`)) as unknown as [[{ n: number }]];
      expect(appGrants.length).toBe(Number(n) + 1);
    } finally {
      await root.end();
    }
  });

  it('can be run again: it re-applies the grants, keeps the application password and gives the owner a new one', async () => {
    const again = await provisionDatabase(rootAdmin, { database: 'hospital_main' }, ENTITIES);
    expect(again.migrationsApplied).toEqual([]);
    expect(again.app.password).toBeNull();
    expect(again.owner.password).not.toBe(provisioned.owner.password);
    provisioned = { ...provisioned, owner: again.owner };
    expect(await serverRefuses(appTarget, 'SELECT COUNT(*) FROM patients')).toBeNull();
  });
});

describe('the app under the application account', () => {
  it('runs a working day in every area: patients, appointments, wards, billing, shifts, payroll, reports, audit', async () => {
    const admin = app.admin;
    expect((await admin.ok('connection.status')).accountWarning).toBeNull();
    const desk = await app.signedIn(['front_desk']);
    const hr = await app.signedIn(['hr']);
    const doc = await app.signedIn(['doctor']);
    const nurse = await app.signedIn(['nurse']);
    const cashier = await app.signedIn(['billing']);
    const opd = await department(admin, app.hospitalId, 'Outpatients');
    const dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', userId: doc.userId, departmentId: opd.id, hours: [{ weekday: 1, start: '10:00', end: '11:00' }] });
    const p = await patient(desk, app.hospitalId, { nationalId: 'CM-ACC-0001' });
    await desk.ok('patients.update', { id: p.id, version: p.version, phone: '0772999111' });
    const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: '2027-03-01T07:00:00.000Z' });
    await desk.ok('appointments.checkIn', { id: a.id });
    await doc.ok('appointments.complete', { id: a.id });

    const floor = await admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 1 });
    const ward = await admin.ok('rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 2 });
    const stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: ward.beds[0].id, attendingDoctorId: dr.id, reason: 'Observation' });
    await nurse.ok('admissions.discharge', { stayId: stay.id, note: 'Recovered' });

    const xray = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'RAD-XR', description: 'Chest X-ray', category: 'test', price: 45_000, taxRateBp: 0 });
    const charge = await cashier.ok('charges.add', { patientId: p.id, catalogItemId: xray.id, quantity: 1 });
    const unbilled = await cashier.ok('charges.unbilled', { patientId: p.id });
    const draft = await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: [...new Set([charge.id, ...unbilled.items.map((c) => c.id)])] });
    const invoice = await cashier.ok('invoices.issue', { id: draft.id });
    const paid = await cashier.ok('payments.record', { invoiceId: invoice.id, amount: invoice.balance, method: 'card' });
    expect(paid).toBeTruthy();

    const day = await hr.ok('shifts.createType', { hospitalId: app.hospitalId, name: 'Day', code: 'D', start: '07:00', end: '15:00' });
    const staff = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Pay', lastName: 'Person', staffRole: 'nurse', departmentId: opd.id, hireDate: '2020-01-06', contractedHours: 40, userId: null });
    await hr.ok('shifts.assign', { staffId: staff.id, date: '2027-03-02', shiftTypeId: day.id, departmentId: opd.id });
    await hr.ok('payroll.setStructure', { staffId: staff.id, validFrom: '2026-01-01', basis: 'salaried', monthlyBase: 2_000_000 });
    const run = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-03' });
    await hr.ok('payroll.finalize', { runId: run.id, version: run.version, paidOn: '2027-03-31' });

    const period = { from: '2027-03-01', to: '2027-03-31' };
    for (const report of ['reports.appointmentsByDepartment', 'reports.revenue', 'reports.occupancy', 'reports.staffHours', 'reports.demographics'] as const) {
      await admin.ok(report, period);
    }
    expect((await admin.ok('reports.revenue', period)).collected).toEqual([expect.objectContaining({ method: 'card' })]);
    expect((await admin.ok('audit.verify')).ok).toBe(true);
  });

  it('cannot rewrite, empty or drop the audit trail, change any table or create a trigger: the server refuses', async () => {
    for (const sql of ['UPDATE audit_log SET action = action', 'DELETE FROM audit_log', 'TRUNCATE TABLE audit_log']) {
      expect(await serverRefuses(appTarget, sql)).toBe('ER_TABLEACCESS_DENIED_ERROR');
    }
    expect(await serverRefuses(appTarget, 'DROP TABLE audit_log')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await serverRefuses(appTarget, 'ALTER TABLE patients ADD COLUMN x INT')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await serverRefuses(appTarget, 'DROP TABLE patients')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await serverRefuses(appTarget, 'CREATE TABLE sneaky (id INT)')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await serverRefuses(appTarget, 'CREATE TRIGGER sneaky BEFORE INSERT ON patients FOR EACH ROW SET @x = 1')).toBe('ER_TABLEACCESS_DENIED_ERROR');
    expect(await serverRefuses(appTarget, 'DROP TRIGGER audit_log_no_update')).toMatch(/^ER_(TABLEACCESS|DBACCESS|SPECIFIC_ACCESS)_DENIED_ERROR$/);
    expect(await serverRefuses(appTarget, 'CREATE DATABASE elsewhere')).toBe('ER_DBACCESS_DENIED_ERROR');
    expect(await serverRefuses(appTarget, "SELECT LOAD_FILE('/etc/passwd') IS NULL")).toBeNull();
  });
});

describe('what the connection says about the account', () => {
  /** A fresh workstation on this database with a saved profile (no guard yet), and its unsigned window. */
  function workstation(target: DbTarget) {
    const runtime = createRuntime({ envTarget: null, profiles: memoryProfiles(target) });
    return { runtime, desk: deskOn(createDispatch(runtime, handlerTable)) };
  }

  it('says the database needs upgrading, not that the password is wrong, when the schema is behind', async () => {
    const owner = await asAccount(provisioned.owner);
    const [[newest]] = (await owner.query('SELECT * FROM migrations ORDER BY id DESC LIMIT 1')) as unknown as [[Record<string, unknown>]];
    await owner.query('DELETE FROM migrations WHERE id = ?', [newest.id]);
    try {
      const w = workstation(appTarget);
      const login = await w.desk.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
      expect(login.ok).toBe(false);
      const status = await w.desk.ok('connection.status');
      expect(status).toMatchObject({ connected: false, message: NEEDS_UPGRADE_MESSAGE });
      expect(status.message).not.toMatch(/password/);
      await w.runtime.db.close();
      // Back as it was (re-running the migration would meet its own tables), the application account connects again.
      await owner.query('INSERT INTO migrations SET ?', [newest]);
      const after = workstation(appTarget);
      expect((await after.desk.ok('connection.status')).connected).toBe(true);
      await after.runtime.db.close();
    } finally {
      await owner.end();
    }
  });

  it('upgrades a schema that is behind with the owner credentials an administrator types, and refuses other accounts', async () => {
    // A database of its own (no workstation holds it open), really one migration behind: the newest one undone.
    const fresh = await provisionDatabase(rootAdmin, { database: 'hospital_behind', ownerUser: 'hd_owner3', appUser: 'hd_app3' }, ENTITIES);
    const ownerDs = await createDataSource(fresh.owner, ENTITIES, 1).initialize();
    await ownerDs.undoLastMigration({ transaction: 'each' });
    await ownerDs.destroy();
    const appBehind = { ...fresh.app, password: fresh.app.password! };
    const w = workstation(appBehind);
    try {
      expect(await w.desk.ok('connection.status')).toMatchObject({ connected: false, needsUpgrade: true, message: NEEDS_UPGRADE_MESSAGE });
      expect((await w.desk.fails('setup.upgrade', { ownerUser: 'hd_owner3', ownerPassword: 'not-it' }, 'FORBIDDEN')).message).toMatch(/refused the owner/);
      expect((await w.desk.fails('setup.upgrade', { ownerUser: 'hd_app3', ownerPassword: appBehind.password }, 'FORBIDDEN')).message).toMatch(/may not upgrade/);
      const after = await w.desk.ok('setup.upgrade', { ownerUser: 'hd_owner3', ownerPassword: fresh.owner.password });
      expect(after).toMatchObject({ connected: true, needsUpgrade: false });
      await w.desk.fails('setup.upgrade', { ownerUser: 'hd_owner3', ownerPassword: fresh.owner.password }, 'CONFLICT');
      // The workstation still connects as its own account; the owner's credentials were for that call only.
      expect(await w.runtime.db.status()).toMatchObject({ user: 'hd_app3', accountWarning: null });
    } finally {
      await w.runtime.db.close();
    }
  });

  it('says the account lacks rights when a table is missing its grant, and names it to administrators only', async () => {
    const root = await mysql.createConnection({ host: rootAdmin.host, port: rootAdmin.port, user: 'root' });
    await root.query("REVOKE DELETE ON hospital_main.patients FROM 'hd_app'@'%'");
    try {
      const db = new Database(ENTITIES, appTarget, memoryProfiles());
      const status = await db.status(true);
      expect(status.connected).toBe(false);
      expect(status.message).toMatch(/lacks rights/);
      expect(status.message).not.toMatch(/patients|password/);
      expect(status.accountWarning).toMatch(/patients: DELETE/);
      await db.close();
    } finally {
      await grantApplicationAccount(rootAdmin, { database: 'hospital_main', appUser: 'hd_app' });
      await root.end();
    }
  });

  it('sends an account to db:provision when the database does not exist for it, rather than claiming a wrong password', async () => {
    const db = new Database(ENTITIES, { ...appTarget, database: 'hospital_absent' }, memoryProfiles());
    const status = await db.status(true);
    expect(status.connected).toBe(false);
    expect(status.message).toMatch(/does not exist, or this account has no rights on it: .*db:provision/);
    await db.close();
    expect(await serverRefuses({ ...rootAdmin, user: 'hd_app', password: appTarget.password, database: '' }, 'SHOW DATABASES LIKE "hospital_absent"')).toBeNull();
  });

  it('tells administrators, and no one else, that an account may do more than the app needs', async () => {
    const runtime = createRuntime({ envTarget: provisioned.owner, profiles: memoryProfiles() });
    const dispatch = createDispatch(runtime, handlerTable);
    try {
      const admin = deskOn(dispatch);
      await admin.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
      const told = await admin.ok('connection.status');
      expect(told.connected).toBe(true);
      expect(told.accountWarning).toMatch(/may do more than Hospital Desk needs .*CREATE, ALTER, DROP/);
      const unsigned = await deskOn(dispatch).ok('connection.status');
      expect(unsigned.accountWarning).toBeNull();
      expect(unsigned.user).toBeNull();
    } finally {
      await runtime.db.close();
    }
  });
});

describe('setting up a new database from the connection screen', () => {
  it('provisions with the server administrator typed once and keeps only the application account on the workstation', async () => {
    let saved: DbTarget | null = null;
    const profiles = memoryProfiles();
    const runtime = createRuntime({ envTarget: null, profiles: { ...profiles, save: async (t) => ((saved = t), profiles.save(t)) } });
    const dispatch = createDispatch(runtime, handlerTable);
    try {
      const stranger = deskOn(dispatch);
      const r = await stranger.ok('setup.provision', { host: rootAdmin.host, port: rootAdmin.port, serverAdminUser: 'root', serverAdminPassword: '', database: 'hospital_screen', ownerUser: 'hd_owner2', appUser: 'hd_app2' });
      expect(r).toMatchObject({ ownerUser: 'hd_owner2', appUser: 'hd_app2', status: { connected: true, user: 'hd_app2', database: 'hospital_screen', accountWarning: null } });
      expect(r.ownerPassword.length).toBeGreaterThanOrEqual(20);
      expect(saved).toMatchObject({ user: 'hd_app2', database: 'hospital_screen' });
      expect(JSON.stringify(saved)).not.toContain('root');
      await stranger.ok('setup.initialize', { hospital: { ...UGANDA }, admin: { username: 'admin', password: ADMIN_PASSWORD, fullName: 'Ada Admin' } });
      // Set up and in use: nobody unsigned provisions again from this workstation.
      await deskOn(dispatch).fails('setup.provision', { host: rootAdmin.host, port: rootAdmin.port, serverAdminUser: 'root', database: 'hospital_other' }, 'FORBIDDEN');
      expect(await serverRefuses({ ...rootAdmin, user: 'hd_app2', password: 'wrong', database: 'hospital_screen' }, 'SELECT 1')).toBe('ER_ACCESS_DENIED_ERROR');
    } finally {
      await runtime.db.close();
    }
  });

  it('says so when the account given is not the server administrator', async () => {
    const runtime = createRuntime({ envTarget: null, profiles: memoryProfiles() });
    try {
      const e = await deskOn(createDispatch(runtime, handlerTable)).fails(
        'setup.provision',
        { host: rootAdmin.host, port: rootAdmin.port, serverAdminUser: 'hd_app', serverAdminPassword: appTarget.password, database: 'hospital_nope' },
        'FORBIDDEN',
      );
      expect(e.message).toMatch(/may not create databases and accounts/);
    } finally {
      await runtime.db.close();
    }
  });
});

describe('TLS to the database server', () => {
  let tlsServer: ThrowawayServer;
  let dir: string;
  let ca: string;
  let target: DbTarget;

  const certificate = (name: string) => {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, `${name}-key.pem`), '-out', join(dir, `${name}.pem`)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
    return join(dir, `${name}.pem`);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hms-tls-'));
    const cert = certificate('server');
    certificate('stranger');
    ca = readFileSync(cert, 'utf8');
    tlsServer = await startThrowawayMariadb({ serverArgs: [`--ssl-cert=${cert}`, `--ssl-key=${join(dir, 'server-key.pem')}`, `--ssl-ca=${cert}`] });
    const root = await mysql.createConnection({ host: '127.0.0.1', port: tlsServer.port, user: 'root' });
    await root.query("CREATE USER 'tls_app'@'%' IDENTIFIED BY 'tls-secret-2026' REQUIRE SSL");
    await root.query("GRANT ALL PRIVILEGES ON `tls\\_db`.* TO 'tls_app'@'%'");
    await root.query('CREATE DATABASE tls_db');
    await root.end();
    target = { host: '127.0.0.1', port: tlsServer.port, user: 'tls_app', password: 'tls-secret-2026', database: 'tls_db' };
  });

  afterAll(async () => {
    await tlsServer?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects over TLS checked against the CA certificate of the profile', async () => {
    const db = new Database(ENTITIES, { ...target, ca }, memoryProfiles());
    try {
      expect(await db.status(true)).toMatchObject({ connected: true, message: null });
      const [{ Value }] = await (await db.dataSource()).query("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
      expect(Value).not.toBe('');
    } finally {
      await db.close();
    }
  });

  it('takes the CA certificate from ?ssl-ca= in HMS_DATABASE_URL', () => {
    expect(parseDatabaseUrl(`mysql://tls_app:x@127.0.0.1:${tlsServer.port}/tls_db?ssl-ca=${encodeURIComponent(join(dir, 'server.pem'))}`).ca).toBe(ca);
  });

  it('fails clearly without the CA certificate, or with another one', async () => {
    const plain = new Database(ENTITIES, target, memoryProfiles());
    expect((await plain.status(true)).message).toMatch(/requires TLS: give the server’s CA certificate/);
    await plain.close();
    const stranger = new Database(ENTITIES, { ...target, ca: readFileSync(join(dir, 'stranger.pem'), 'utf8') }, memoryProfiles());
    expect((await stranger.status(true)).message).toMatch(/TLS certificate was not accepted/);
    await stranger.close();
  });
});
