// The pipeline's side of the change vocabulary and of errors: who asks is checked before what is asked, a taken
// unique key answers CONFLICT naming its field, and a write that audits a kind its channel does not declare fails.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecordsChanged } from '@shared/contract/changes';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch } from '../../src-main/ipc/pipeline';
import type { HandlerTable } from '../../src-main/platform/handlers';
import { deskOn, startTestApp, type Desk, type TestApp } from '../support/app';

let app: TestApp;
let nurse: Desk;

beforeAll(async () => {
  app = await startTestApp();
  nurse = await app.signedIn(['nurse']);
});
afterAll(async () => app?.close());

describe('who asks comes before what is asked', () => {
  it('answers an anonymous caller UNAUTHENTICATED, even with a malformed body', async () => {
    const e = await app.desk().fails('users.create', { username: 42 }, 'UNAUTHENTICATED');
    expect(e.fields).toBeUndefined();
  });

  it('answers a caller without the role FORBIDDEN, even with a malformed body', async () => {
    const e = await nurse.fails('users.create', { roles: 'everything' }, 'FORBIDDEN');
    expect(e.fields).toBeUndefined();
  });

  it('reads the session afresh before the input: a role taken away at another desk answers FORBIDDEN, a deactivated account UNAUTHENTICATED', async () => {
    const clerk = await app.signedIn(['billing']);
    const [user] = (await app.admin.ok('users.list', { query: clerk.username })).items;
    const demoted = await app.admin.ok('users.update', { id: clerk.userId, version: user.version, roles: ['front_desk'] });
    // The clerk's session still says billing: only the database knows better.
    expect((await clerk.fails('catalog.create', { code: 7 }, 'FORBIDDEN')).fields).toBeUndefined();
    await app.admin.ok('users.update', { id: clerk.userId, version: demoted.version, active: false });
    expect((await clerk.fails('patients.register', { firstName: 7 }, 'UNAUTHENTICATED')).fields).toBeUndefined();
  });

  it('validates the input of a caller who may ask', async () => {
    const e = await app.admin.fails('users.create', { username: 42 }, 'VALIDATION');
    expect(e.fields).toHaveProperty('username');
    // Public channels have nobody to check first.
    expect((await app.desk().fails('auth.login', { username: 42 }, 'VALIDATION')).fields).toHaveProperty('password');
  });
});

describe('a taken business key', () => {
  it('answers CONFLICT with the field when the unique key catches it (a race the pre-check lost)', async () => {
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'East wing', level: 1 });
    // A handler that skips the pre-check, as a second desk does when it checked a moment before the first one wrote.
    const racing: HandlerTable = {
      ...handlerTable,
      'rooms.createFloor': async (_input, ctx) => {
        await ctx.em.query('INSERT INTO floors (hospital_id, name, level) SELECT hospital_id, name, level FROM floors WHERE id = ?', [floor.id]);
        throw new Error('the unique key should have refused the copy');
      },
    };
    const desk = deskOn(createDispatch(app.runtime, racing), 'admin');
    const e = await desk.fails('rooms.createFloor', { hospitalId: app.hospitalId, name: 'East wing', level: 1 }, 'CONFLICT');
    expect(e).toEqual({ code: 'CONFLICT', message: 'This hospital already has a floor with that name.', fields: { name: 'This hospital already has a floor with that name.' } });
  });
});

describe('the declared changes', () => {
  it('announces to this workstation the kinds a write changed, after the commit', async () => {
    const seen: RecordsChanged[] = [];
    const off = app.runtime.events.subscribe((name, payload) => name === 'records.changed' && seen.push(payload as RecordsChanged));
    try {
      const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'West wing', level: 2 });
      expect(seen).toEqual([{ entity: 'floor', ids: [String(floor.id)], hospitalIds: [app.hospitalId] }]);
      seen.length = 0;
      // Reads change nothing, even audited ones.
      await nurse.ok('rooms.list', { hospitalId: app.hospitalId });
      expect(seen).toEqual([]);
    } finally {
      off();
    }
  });

  it('refuses a write that audits a kind its channel does not declare: a mistake in the code, and nothing is kept', async () => {
    const careless: HandlerTable = {
      ...handlerTable,
      'settings.update': async (input, ctx) => {
        await ctx.em.query("UPDATE settings SET value = ? WHERE `key` = 'idle_lock_minutes'", [String(input.idleLockMinutes)]);
        ctx.audit({ entity: 'invoice', changes: { idleLockMinutes: input.idleLockMinutes } });
        return input;
      },
    };
    const before = await app.admin.ok('settings.get');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const e = await deskOn(createDispatch(app.runtime, careless), 'admin').fails('settings.update', { idleLockMinutes: before.idleLockMinutes + 1 }, 'INTERNAL');
      expect(e.message).toMatch(/Something went wrong/);
      expect(String(logged.mock.calls[0]?.[1])).toMatch(/settings\.update audits a change of 'invoice'/);
    } finally {
      logged.mockRestore();
    }
    expect(await app.admin.ok('settings.get')).toEqual(before);
  });
});
