// Issue 15, finding 4: while a workstation's configured database cannot be reached, nobody unsigned repoints it at
// another database (where they could make themselves administrator), probes servers or guesses passwords with it;
// they learn only that the database is unreachable. The administrator who set the hospital up, or who last signed in
// at the workstation, guards its profile: with their user name and password the connection can be changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl, type DbTarget } from '../../src-main/db/data-source';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles, type Runtime } from '../../src-main/ipc/runtime';
import { hashPassword } from '../../src-main/features/users';
import { ADMIN_PASSWORD, deskOn, UGANDA } from '../support/app';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let server: ThrowawayServer;
let runtime: Runtime;
let elsewhere: TestDatabase;
let target: DbTarget;

const fieldsOf = (t: DbTarget) => ({ host: t.host, port: t.port, user: t.user, password: t.password, database: t.database });

beforeAll(async () => {
  server = await startThrowawayMariadb();
  target = parseDatabaseUrl(`${server.url.replace(/\/$/, '')}/guarded`);
  // A workstation configured through its saved profile (not HMS_DATABASE_URL), set up by its administrator.
  runtime = createRuntime({ envTarget: null, profiles: memoryProfiles() });
  const dispatch = createDispatch(runtime, handlerTable);
  const first = deskOn(dispatch, 'first');
  await first.ok('connection.save', fieldsOf(target));
  await first.ok('setup.initialize', { hospital: UGANDA, admin: { username: 'admin', password: ADMIN_PASSWORD, fullName: 'Ada Admin' } });
  elsewhere = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await runtime?.db.close();
  await server?.destroy();
  await elsewhere?.drop();
});

describe('a configured workstation whose database is unreachable', () => {
  it('tells an unsigned caller only that the database is unreachable, and what is needed', async () => {
    const desk = deskOn(createDispatch(runtime, handlerTable), 'stranger');
    const up = await desk.ok('connection.status');
    // Connected and set up: the account and database are an administrator's business.
    expect(up).toMatchObject({ connected: true, host: null, user: null, database: null, needsAdminPassword: false });
    await server.stop();
    const down = await desk.ok('connection.status');
    expect(down).toEqual({ source: 'profile', connected: false, host: null, port: null, user: null, database: null, serverVersion: null, message: 'The database is unreachable.', needsAdminPassword: true, accountWarning: null, needsUpgrade: false, needsNewerApp: false, replicaWarning: null, appVersion: expect.any(String), schemaVersion: null });
  });

  it('refuses to test or save another connection without the administrator’s user name and password', async () => {
    const desk = deskOn(createDispatch(runtime, handlerTable), 'intruder');
    const other = fieldsOf(elsewhere.target);
    for (const channel of ['connection.test', 'connection.save'] as const) {
      const e = await desk.fails(channel, other, 'FORBIDDEN');
      expect(e.message).toMatch(/unreachable/);
      expect(e.message).not.toMatch(/127\.0\.0\.1|guarded|root/);
    }
    // Ports and passwords are not probed: the answer is the same refusal whatever the server.
    await desk.fails('connection.test', { ...other, port: 1 }, 'FORBIDDEN');
    await desk.fails('connection.save', { ...other, adminUsername: 'admin', adminPassword: 'not-the-password-at-all' }, 'FORBIDDEN');
    await desk.fails('connection.save', { ...other, adminUsername: 'someone', adminPassword: ADMIN_PASSWORD }, 'FORBIDDEN');
    // Still pointed at the unreachable database.
    expect((await runtime.db.status()).database).toBe('guarded');
  });

  it('lets the administrator repoint it with their user name and password', async () => {
    const desk = deskOn(createDispatch(runtime, handlerTable), 'admin-desk');
    // Two wrong tries above are under the limit: the right ones (the name in any case) repoint the workstation.
    const saved = await desk.ok('connection.save', { ...fieldsOf(elsewhere.target), adminUsername: 'Admin', adminPassword: ADMIN_PASSWORD });
    expect(saved.connected).toBe(true);
    expect((await runtime.db.status()).database).toBe(elsewhere.target.database);
    await server.start();
  });

  it('leaves a workstation configured by HMS_DATABASE_URL to whoever can change that setting', async () => {
    const envRuntime = createRuntime({ envTarget: parseDatabaseUrl(`${server.url.replace(/\/$/, '')}/guarded`), profiles: memoryProfiles() });
    try {
      const desk = deskOn(createDispatch(envRuntime, handlerTable), 'env-desk');
      await desk.ok('connection.status');
      await server.stop();
      expect(await desk.ok('connection.status')).toMatchObject({ source: 'env', connected: false, needsAdminPassword: false, host: null });
      const e = await desk.fails('connection.save', { ...fieldsOf(elsewhere.target), adminUsername: 'admin', adminPassword: ADMIN_PASSWORD }, 'FORBIDDEN');
      expect(e.message).toMatch(/HMS_DATABASE_URL/);
    } finally {
      await envRuntime.db.close();
      await server.start();
    }
  });
  it('stops taking passwords after five wrong ones', async () => {
    // A workstation of its own, guarded by the administrator, whose database is down (the last test: the pause holds).
    const guessed = createRuntime({ envTarget: null, profiles: memoryProfiles(target) });
    await guessed.db.setProfileGuard({ username: 'admin', passwordHash: await hashPassword(ADMIN_PASSWORD) });
    const desk = deskOn(createDispatch(guessed, handlerTable), 'guesser');
    await server.stop();
    try {
      expect(await desk.ok('connection.status')).toMatchObject({ connected: false, needsAdminPassword: true });
      for (let i = 0; i < 5; i++) await desk.fails('connection.test', { ...fieldsOf(elsewhere.target), adminUsername: 'admin', adminPassword: `guess-number-${i}` }, 'FORBIDDEN');
      const e = await desk.fails('connection.test', { ...fieldsOf(elsewhere.target), adminUsername: 'admin', adminPassword: ADMIN_PASSWORD }, 'FORBIDDEN');
      expect(e.message).toMatch(/Too many wrong/);
    } finally {
      await guessed.db.close();
      await server.start();
    }
  });

});
