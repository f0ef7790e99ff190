import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles } from '../../src-main/ipc/runtime';
import { ADMIN_PASSWORD, deskOn, startTestApp, UGANDA, type TestApp } from '../support/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.close());

describe('first-run set-up', () => {
  it('reports that set-up is done and refuses a second initialisation', async () => {
    const desk = app.desk();
    expect(await desk.ok('setup.status')).toEqual({ needsConnection: false, needsSetup: false });
    const err = await desk.fails(
      'setup.initialize',
      { hospital: { ...UGANDA, code: 'OTHER' }, admin: { username: 'intruder', password: 'takeover-attempt-2026', fullName: 'Intruder' } },
      'CONFLICT',
    );
    expect(err.message).toMatch(/already set up/);
    expect(await app.db.sql('SELECT id FROM users WHERE username = ?', ['intruder'])).toHaveLength(0);
    expect(await app.db.sql('SELECT id FROM hospitals WHERE code = ?', ['OTHER'])).toHaveLength(0);
  });

  it('on an empty database asks for set-up, and creates the hospital and a chain-wide admin', async () => {
    const fresh = await startTestApp({ setup: false });
    try {
      const desk = fresh.desk();
      expect(await desk.ok('setup.status')).toEqual({ needsConnection: false, needsSetup: true });
      const bad = await desk.fails('setup.initialize', { hospital: { ...UGANDA, patientNumberFormat: 'HMS/', timeZone: 'Mars/Olympus' }, admin: { username: 'a', password: 'short', fullName: '' } }, 'VALIDATION');
      expect(Object.keys(bad.fields!).sort()).toEqual(['admin.fullName', 'admin.password', 'admin.username', 'hospital.patientNumberFormat', 'hospital.timeZone']);
      const weak = { hospital: UGANDA, admin: { username: 'Boss', password: 'qwerty123456', fullName: 'The Boss' } };
      expect((await desk.fails('setup.initialize', weak, 'VALIDATION')).fields).toEqual({ 'admin.password': expect.stringMatching(/common/) });
      const named = { hospital: UGANDA, admin: { username: 'Boss', password: 'the-BOSS-of-it-all', fullName: 'The Boss' } };
      expect((await desk.fails('setup.initialize', named, 'VALIDATION')).fields).toEqual({ 'admin.password': expect.stringMatching(/username/) });
      const init = await desk.ok('setup.initialize', { hospital: UGANDA, admin: { username: 'Boss', password: 'chain-head-secret-9', fullName: 'The Boss' } });
      const session = await desk.ok('auth.login', { username: 'boss', password: 'chain-head-secret-9' });
      expect(session.user).toMatchObject({ username: 'boss', roles: ['admin'], allHospitals: true });
      expect((await desk.ok('hospitals.list')).map((h) => h.id)).toEqual([init.hospitalId]);
    } finally {
      await fresh.close();
    }
  });
});

describe('sign-in', () => {
  it('signs in, tells who is signed in, and signs out', async () => {
    const desk = app.desk();
    expect(await desk.ok('auth.me')).toBeNull();
    await desk.fails('patients.search', { query: '' }, 'UNAUTHENTICATED');
    const s = await desk.ok('auth.login', { username: 'ADMIN', password: ADMIN_PASSWORD });
    expect(s.user.username).toBe('admin');
    expect(JSON.stringify(s)).not.toMatch(/hash|password/i);
    expect((await desk.ok('auth.me'))?.user.id).toBe(s.user.id);
    await desk.ok('auth.logout');
    expect(await desk.ok('auth.me')).toBeNull();
    await desk.fails('users.list', {}, 'UNAUTHENTICATED');
  });

  it('answers the same for an unknown user and a wrong password', async () => {
    const a = await app.desk().fails('auth.login', { username: 'nobody', password: 'whatever-password' }, 'UNAUTHENTICATED');
    const b = await app.desk().fails('auth.login', { username: 'admin', password: 'wrong-password' }, 'UNAUTHENTICATED');
    expect(a.message).toBe(b.message);
    await app.admin.ok('users.resetPassword', { id: (await app.admin.ok('auth.me'))!.user.id, newPassword: ADMIN_PASSWORD });
  });

  it('answers an unknown username exactly as a real one, however many times it is tried (no username enumeration)', async () => {
    const real = await app.signedIn(['front_desk']);
    const desk = app.desk();
    const answers = async (username: string) => {
      const out: string[] = [];
      for (let i = 0; i < 7; i++) out.push((await desk.fails('auth.login', { username, password: 'not-the-password' }, 'UNAUTHENTICATED')).message);
      out.push((await desk.fails('auth.login', { username, password: real.password }, 'UNAUTHENTICATED')).message);
      return out;
    };
    const forReal = await answers(real.username);
    const forNobody = await answers('no.such.person');
    expect(forNobody).toEqual(forReal);
    expect(new Set(forReal).size).toBe(1);
    // The real account did lock: its right password was refused above.
    const [row] = await app.db.sql<{ locked_until: Date | null }>('SELECT locked_until FROM users WHERE id = ?', [real.userId]);
    expect(row.locked_until).not.toBeNull();
    const off = await app.signedIn(['nurse']);
    const [account] = (await app.admin.ok('users.list', { query: off.username })).items;
    await app.admin.ok('users.update', { id: off.userId, version: account.version, active: false });
    expect((await app.desk().fails('auth.login', { username: off.username, password: off.password }, 'UNAUTHENTICATED')).message).toBe(forReal[0]);
  });

  it('locks an account for 15 minutes after five failed sign-ins, and a password reset lifts it', async () => {
    const u = await app.signedIn(['front_desk']);
    const desk = app.desk();
    for (let i = 0; i < 4; i++) expect((await desk.fails('auth.login', { username: u.username, password: 'wrong-one-here' }, 'UNAUTHENTICATED')).message).toMatch(/Wrong/);
    // The fifth locks the account, though sign-in says no more than it says to a wrong password (or an unknown name).
    expect((await desk.fails('auth.login', { username: u.username, password: 'wrong-one-here' }, 'UNAUTHENTICATED')).message).toMatch(/Wrong.*locked for 15 minutes/);
    // Even the right password is refused while locked.
    expect((await desk.fails('auth.login', { username: u.username, password: u.password }, 'UNAUTHENTICATED')).message).toMatch(/Wrong/);
    const [row] = await app.db.sql<{ locked_until: Date }>('SELECT locked_until FROM users WHERE id = ?', [u.userId]);
    const minutes = (new Date(row.locked_until).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15.1);
    const audit = await app.db.sql<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'user' AND entity_id = ? ORDER BY id", [String(u.userId)]);
    expect(audit.map((a) => a.action)).toEqual(['user.create', 'auth.login', 'auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.login_failed', 'auth.locked_out']);

    await app.admin.ok('users.resetPassword', { id: u.userId, newPassword: 'a-brand-new-password' });
    await desk.ok('auth.login', { username: u.username, password: 'a-brand-new-password' });
  });

  it('lets the lock expire after 15 minutes', async () => {
    const u = await app.signedIn(['nurse']);
    const desk = app.desk();
    for (let i = 0; i < 5; i++) await desk.fails('auth.login', { username: u.username, password: 'not-the-password' }, 'UNAUTHENTICATED');
    await desk.fails('auth.login', { username: u.username, password: u.password }, 'UNAUTHENTICATED');
    app.advanceClock(15 * 60_000 + 1000);
    await desk.ok('auth.login', { username: u.username, password: u.password });
    // The administrator's own window idled through those 15 minutes too.
    expect((await app.admin.fails('users.list', {}, 'UNAUTHENTICATED')).message).toMatch(/locked/);
    await app.admin.ok('auth.unlock', { password: ADMIN_PASSWORD });
  });

  it('locks the screen after the idle time; only the password unlocks it', async () => {
    await app.admin.ok('settings.update', { idleLockMinutes: 5 });
    const u = await app.signedIn(['front_desk']);
    await u.ok('patients.search', { query: '' });
    app.advanceClock(5 * 60_000 + 1000);
    await app.admin.ok('auth.unlock', { password: ADMIN_PASSWORD });
    expect((await u.fails('patients.search', { query: '' }, 'UNAUTHENTICATED')).message).toMatch(/locked/);
    expect((await u.ok('auth.me'))?.locked).toBe(true);
    await u.fails('auth.unlock', { password: 'wrong-password' }, 'UNAUTHENTICATED');
    const s = await u.ok('auth.unlock', { password: u.password });
    expect(s.locked).toBe(false);
    await u.ok('patients.search', { query: '' });
    await u.ok('auth.lock');
    await u.fails('patients.search', { query: '' }, 'UNAUTHENTICATED');
    await u.ok('auth.unlock', { password: u.password });
    await app.admin.ok('settings.update', { idleLockMinutes: 10 });
  });
  it('counts wrong passwords at the lock screen too: the fifth ends the session and locks the account', async () => {
    const u = await app.signedIn(['front_desk']);
    await u.ok('auth.lock');
    for (let i = 0; i < 4; i++) expect((await u.fails('auth.unlock', { password: 'guess-guess' }, 'UNAUTHENTICATED')).message).toBe('Wrong password.');
    expect((await u.fails('auth.unlock', { password: 'guess-guess' }, 'UNAUTHENTICATED')).message).toMatch(/locked/);
    expect(await u.ok('auth.me')).toBeNull();
    await app.desk().fails('auth.login', { username: u.username, password: u.password }, 'UNAUTHENTICATED');
  });
});

describe('user accounts', () => {
  it('only administrators manage users', async () => {
    const desk = await app.signedIn(['front_desk', 'nurse']);
    await desk.fails('users.list', {}, 'FORBIDDEN');
    await desk.fails('users.create', { username: 'x1x', password: 'long-enough-pass', fullName: 'X', roles: ['admin'], hospitalIds: [app.hospitalId] }, 'FORBIDDEN');
    await app.desk().fails('users.create', { username: 'x1x', password: 'long-enough-pass', fullName: 'X', roles: ['admin'], hospitalIds: [app.hospitalId] }, 'UNAUTHENTICATED');
  });

  it('creates users with roles and hospitals, refuses a taken username, and never returns the password', async () => {
    const input = { username: 'Grace.N', password: 'grace-password-1', fullName: 'Grace Namutebi', roles: ['front_desk' as const, 'billing' as const], hospitalIds: [app.hospitalId] };
    const u = await app.admin.ok('users.create', input);
    expect(u).toMatchObject({ username: 'grace.n', roles: ['front_desk', 'billing'], hospitalIds: [app.hospitalId], allHospitals: false, active: true, version: 1 });
    expect(JSON.stringify(u)).not.toMatch(/password|hash/i);
    expect((await app.admin.fails('users.create', input, 'CONFLICT')).message).toMatch(/taken/);
    const v = await app.admin.fails('users.create', { ...input, username: 'ok.name', roles: ['surgeon'], hospitalIds: [] }, 'VALIDATION');
    expect(Object.keys(v.fields!)).toEqual(expect.arrayContaining(['roles.0']));
    const scope = await app.admin.fails('users.create', { ...input, username: 'ok.name', hospitalIds: [] }, 'VALIDATION');
    expect(scope.fields).toHaveProperty('hospitalIds');
    const unknownHospital = await app.admin.fails('users.create', { ...input, username: 'ok.name', hospitalIds: [9999] }, 'VALIDATION');
    expect(unknownHospital.fields).toHaveProperty('hospitalIds');
    const [audit] = await app.db.sql<{ changes: string }>("SELECT changes FROM audit_log WHERE action = 'user.create' AND entity_id = ?", [String(u.id)]);
    expect(audit.changes).not.toMatch(/grace-password/);
  });

  it('pages through users by name', async () => {
    for (const n of ['pager.a', 'pager.b', 'pager.c']) {
      await app.admin.ok('users.create', { username: n, password: 'paging-password', fullName: n, roles: ['hr'], hospitalIds: [app.hospitalId] });
    }
    const p1 = await app.admin.ok('users.list', { query: 'pager', limit: 2 });
    expect(p1.items.map((u) => u.username)).toEqual(['pager.a', 'pager.b']);
    const p2 = await app.admin.ok('users.list', { query: 'pager', limit: 2, cursor: p1.nextCursor });
    expect(p2.items.map((u) => u.username)).toEqual(['pager.c']);
    expect(p2.nextCursor).toBeNull();
  });

  it('applies role changes and deactivation at the next call of that user, and refuses a stale edit', async () => {
    const u = await app.signedIn(['front_desk']);
    await u.ok('patients.search', { query: '' });
    const [account] = (await app.admin.ok('users.list', { query: u.username })).items;
    const updated = await app.admin.ok('users.update', { id: u.userId, version: account.version, roles: ['hr'] });
    expect(updated.roles).toEqual(['hr']);
    expect(updated.version).toBe(account.version + 1);
    await u.fails('patients.search', { query: '' }, 'FORBIDDEN');
    const stale = await app.admin.fails('users.update', { id: u.userId, version: account.version, active: false }, 'CONFLICT');
    expect(stale.message).toMatch(/changed at another desk/);
    await app.admin.ok('users.update', { id: u.userId, version: updated.version, active: false });
    expect((await u.fails('settings.get', {}, 'UNAUTHENTICATED')).message).toMatch(/deactivated/);
    await app.desk().fails('auth.login', { username: u.username, password: u.password }, 'UNAUTHENTICATED');
    expect((await app.admin.ok('users.list', { query: u.username })).items).toHaveLength(0);
    expect((await app.admin.ok('users.list', { query: u.username, includeInactive: true })).items[0].active).toBe(false);
  });

  it('keeps an administrator from locking themselves out', async () => {
    const me = (await app.admin.ok('users.list', { query: 'admin' })).items.find((u) => u.username === 'admin')!;
    await app.admin.fails('users.update', { id: me.id, version: me.version, active: false }, 'CONFLICT');
    await app.admin.fails('users.update', { id: me.id, version: me.version, roles: ['hr'] }, 'CONFLICT');
  });

  it('refuses passwords that are short, repetitive, common or hold the username, wherever a password is set', async () => {
    const base = { fullName: 'Policy Test', roles: ['nurse' as const], hospitalIds: [app.hospitalId] };
    for (const password of ['aaaaaaaaaa', '1234567890', 'aaaaaaaaaaaaaaaa', '121212121212', 'Password1234', 'qwertyuiop123', '1qaz2wsx3edc']) {
      const e = await app.admin.fails('users.create', { ...base, username: 'policy.nurse', password }, 'VALIDATION');
      expect(Object.keys(e.fields!)).toEqual(['password']);
    }
    for (const password of ['Policy.Nurse', 'my-policy.nurse-pw', 'POLICY.NURSE.2026']) {
      expect((await app.admin.fails('users.create', { ...base, username: 'policy.nurse', password }, 'VALIDATION')).fields).toEqual({ password: expect.stringMatching(/username/) });
    }
    expect(await app.db.sql("SELECT id FROM users WHERE username = 'policy.nurse'")).toHaveLength(0);

    const u = await app.signedIn(['nurse']);
    for (const newPassword of ['short-pw', 'password1234', `${u.username}-and-more`]) {
      await u.fails('auth.changePassword', { currentPassword: u.password, newPassword }, 'VALIDATION');
      await app.admin.fails('users.resetPassword', { id: u.userId, newPassword }, 'VALIDATION');
    }
    await app.desk().ok('auth.login', { username: u.username, password: u.password });
  });

  it('ends the other sessions of an account when its password is changed or reset, here and at other workstations', async () => {
    const u = await app.signedIn(['front_desk']);
    const secondWindow = app.desk();
    await secondWindow.ok('auth.login', { username: u.username, password: u.password });
    const elsewhere = createRuntime({ envTarget: app.db.target, profiles: memoryProfiles() });
    try {
      const otherWorkstation = deskOn(createDispatch(elsewhere, handlerTable));
      await otherWorkstation.ok('auth.login', { username: u.username, password: u.password });
      for (const d of [u, secondWindow, otherWorkstation]) await d.ok('patients.search', { query: '' });

      await u.ok('auth.changePassword', { currentPassword: u.password, newPassword: 'my-own-new-secret-1' });
      await u.ok('patients.search', { query: '' });
      await secondWindow.fails('patients.search', { query: '' }, 'UNAUTHENTICATED');
      expect(await secondWindow.ok('auth.me')).toBeNull();
      expect((await otherWorkstation.fails('patients.search', { query: '' }, 'UNAUTHENTICATED')).message).toMatch(/password .* changed/);
      expect(await otherWorkstation.ok('auth.me')).toBeNull();

      await otherWorkstation.ok('auth.login', { username: u.username, password: 'my-own-new-secret-1' });
      await app.admin.ok('users.resetPassword', { id: u.userId, newPassword: 'set-by-the-admin-7' });
      await u.fails('patients.search', { query: '' }, 'UNAUTHENTICATED');
      await otherWorkstation.fails('patients.search', { query: '' }, 'UNAUTHENTICATED');
      await app.admin.ok('users.list', {});
      await app.desk().fails('auth.login', { username: u.username, password: 'my-own-new-secret-1' }, 'UNAUTHENTICATED');
      await app.desk().ok('auth.login', { username: u.username, password: 'set-by-the-admin-7' });
    } finally {
      await elsewhere.db.close();
    }
  });

  it('limits a hospital administrator to their own hospitals', async () => {
    const other = await app.admin.ok('hospitals.create', { ...UGANDA, code: 'GUL', name: 'Gulu Regional', patientNumberFormat: 'GUL/{seq:6}' });
    const localAdmin = await app.signedIn(['admin'], { hospitalIds: [app.hospitalId] });
    await localAdmin.fails('users.create', { username: 'gulu.nurse', password: 'gulu-password-1', fullName: 'G', roles: ['nurse'], hospitalIds: [other.id] }, 'FORBIDDEN');
    await localAdmin.fails('users.create', { username: 'chain.nurse', password: 'chain-password-1', fullName: 'C', roles: ['nurse'], hospitalIds: [], allHospitals: true }, 'FORBIDDEN');
    await localAdmin.fails('hospitals.create', { ...UGANDA, code: 'MBR', name: 'Mbarara', patientNumberFormat: 'MBR/{seq:6}' }, 'FORBIDDEN');
    expect((await localAdmin.ok('hospitals.list')).map((h) => h.code)).toEqual(['HMS']);
    expect((await app.admin.ok('hospitals.list')).map((h) => h.code).sort()).toEqual(['GUL', 'HMS']);
  });

  it('lets a hospital administrator change only accounts whose every hospital they administer', async () => {
    const gulu = await app.admin.ok('hospitals.create', { ...UGANDA, code: 'GU2', name: 'Gulu North', patientNumberFormat: 'GU2/{seq:6}' });
    const localAdmin = await app.signedIn(['admin'], { hospitalIds: [app.hospitalId] });
    const both = await app.signedIn(['nurse'], { hospitalIds: [app.hospitalId, gulu.id] });
    const mine = await app.signedIn(['nurse'], { hospitalIds: [app.hospitalId] });
    const versionOf = async (id: number, username: string) => (await app.admin.ok('users.list', { query: username })).items.find((x) => x.id === id)!.version;

    // The shared account is listed, but none of its settings or its password can be changed from one hospital.
    expect((await localAdmin.ok('users.list', { query: both.username })).items.map((x) => x.id)).toEqual([both.userId]);
    const v = await versionOf(both.userId, both.username);
    for (const change of [{ roles: ['admin' as const] }, { active: false }, { fullName: 'Renamed' }, { hospitalIds: [app.hospitalId] }]) {
      expect((await localAdmin.fails('users.update', { id: both.userId, version: v, ...change }, 'FORBIDDEN')).message).toMatch(/hospitals you do not administer/);
    }
    await localAdmin.fails('users.resetPassword', { id: both.userId, newPassword: 'taken-over-now-1' }, 'FORBIDDEN');
    await both.ok('patients.search', { query: '' });
    await app.desk().fails('auth.login', { username: both.username, password: 'taken-over-now-1' }, 'UNAUTHENTICATED');
    const [account] = await app.db.sql<{ roles: string; active: number }>('SELECT roles, active FROM users WHERE id = ?', [both.userId]);
    expect(account).toMatchObject({ roles: 'nurse', active: 1 });

    // An account of its own hospital only: allowed; and a chain-wide admin may change the shared one.
    await localAdmin.ok('users.update', { id: mine.userId, version: await versionOf(mine.userId, mine.username), roles: ['nurse', 'front_desk'] });
    await localAdmin.ok('users.resetPassword', { id: mine.userId, newPassword: 'reset-locally-ok-1' });
    await app.admin.ok('users.resetPassword', { id: both.userId, newPassword: 'reset-by-the-chain-1' });
  });
});
