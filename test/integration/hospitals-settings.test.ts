import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, UGANDA, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('hospitals of the chain', () => {
  it('adds a hospital in another state and refuses a taken code or a bad format', async () => {
    const h = await app.admin.ok('hospitals.create', { ...UGANDA, code: 'MBR', name: 'Mbarara Referral', region: 'Western', patientNumberFormat: 'MBR/{yyyy}/{seq:5}' });
    expect(h).toMatchObject({ code: 'MBR', region: 'Western', currency: 'UGX', defaultTaxRateBp: 1800, version: 1 });
    expect((await app.admin.fails('hospitals.create', { ...UGANDA, code: 'MBR' }, 'CONFLICT')).fields).toEqual({ code: 'A hospital with that code already exists.' });
    const bad = await app.admin.fails('hospitals.create', { ...UGANDA, code: 'mbr x', country: 'ZZ', currency: 'EUR', patientNumberFormat: '{seq:3}{seq:3}', defaultTaxRateBp: -1 }, 'VALIDATION');
    expect(Object.keys(bad.fields!).sort()).toEqual(['code', 'country', 'currency', 'defaultTaxRateBp', 'patientNumberFormat']);
  });

  it('edits a hospital with its version and refuses a stale edit', async () => {
    const [h] = (await app.admin.ok('hospitals.list')).filter((x) => x.code === 'HMS');
    const u = await app.admin.ok('hospitals.update', { id: h.id, version: h.version, name: 'Kampala General Hospital', address: 'Plot 2' });
    expect(u).toMatchObject({ name: 'Kampala General Hospital', address: 'Plot 2', version: h.version + 1 });
    await app.admin.fails('hospitals.update', { id: h.id, version: h.version, name: 'Stale' }, 'CONFLICT');
    await app.admin.fails('hospitals.update', { id: 9999, version: 1, name: 'Ghost' }, 'NOT_FOUND');
    const nurse = await app.signedIn(['nurse']);
    await nurse.fails('hospitals.update', { id: h.id, version: u.version, name: 'Nurse' }, 'FORBIDDEN');
    expect((await nurse.ok('hospitals.list')).map((x) => x.code)).toEqual(['HMS']);
  });
});

describe('settings', () => {
  it('lets administrators set the idle lock time, within bounds', async () => {
    expect(await app.admin.ok('settings.get')).toEqual({ idleLockMinutes: 10 });
    expect(await app.admin.ok('settings.update', { idleLockMinutes: 3 })).toEqual({ idleLockMinutes: 3 });
    await app.admin.fails('settings.update', { idleLockMinutes: 0 }, 'VALIDATION');
    await app.admin.fails('settings.update', { idleLockMinutes: 2.5 }, 'VALIDATION');
    const desk = await app.signedIn(['front_desk']);
    expect((await desk.ok('auth.me'))?.idleLockMinutes).toBe(3);
    await desk.fails('settings.update', { idleLockMinutes: 30 }, 'FORBIDDEN');
    await app.admin.ok('settings.update', { idleLockMinutes: 10 });
  });
});

describe('the database connection', () => {
  it('reports where the connection comes from, never the password; the account and database to administrators only', async () => {
    const s = await app.admin.ok('connection.status');
    expect(s).toMatchObject({ source: 'env', connected: true, database: app.db.target.database, message: null });
    expect(s.serverVersion).toMatch(/\d+\.\d+/);
    // No password field, only whether an administrator's password is needed to change it.
    expect(Object.keys(s).filter((k) => /password/i.test(k))).toEqual(['needsAdminPassword']);
    // Anyone else, signed in or not, learns that it works (issue 15: the status named the account to everyone).
    expect(await app.desk().ok('connection.status')).toEqual({ source: 'env', connected: true, host: null, port: null, user: null, database: null, serverVersion: null, message: null, needsAdminPassword: false, accountWarning: null, needsUpgrade: false, needsNewerApp: false, replicaWarning: null, appVersion: expect.any(String), schemaVersion: expect.any(String) });
  });

  it('after set-up, only an administrator may test or change it; the env setting cannot be overridden', async () => {
    const t = app.db.target;
    await app.desk().fails('connection.test', t, 'FORBIDDEN');
    expect(await app.admin.ok('connection.test', t)).toMatchObject({ databaseExists: true });
    const wrong = await app.admin.fails('connection.test', { ...t, password: 'definitely-wrong' }, 'DB_UNAVAILABLE');
    expect(wrong.message).toMatch(/refused the user name or password/);
    const closed = await app.admin.fails('connection.test', { ...t, port: 1 }, 'DB_UNAVAILABLE');
    expect(closed.message).toMatch(/refused the connection/);
    expect((await app.admin.fails('connection.save', t, 'CONFLICT')).message).toMatch(/HMS_DATABASE_URL/);
  });
});
