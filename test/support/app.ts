// The app's handler pipeline in-process against a test database: the same path the transports take, minus the wire.
import { randomBytes } from 'node:crypto';
import type { ChannelName, Input, Output } from '@shared/contract';
import type { AppErrorShape, Result } from '@shared/errors';
import { ROLES, type Role } from '@shared/domain/roles';
import type { HospitalFields } from '@shared/contract/hospitals';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch, type Dispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles, type Runtime } from '../../src-main/ipc/runtime';
import mysql from 'mysql2/promise';
import { databaseUrl, type DbTarget } from '../../src-main/db/data-source';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface Desk {
  window: string;
  call<K extends ChannelName>(channel: K, input?: Input<K>): Promise<Result<Output<K>>>;
  /** Calls and expects success. */
  ok<K extends ChannelName>(channel: K, input?: Input<K>): Promise<Output<K>>;
  /** Calls and expects this error code. */
  fails<K extends ChannelName>(channel: K, input: Input<K> | unknown, code: AppErrorShape['code']): Promise<AppErrorShape>;
}

export interface TestApp {
  db: TestDatabase;
  runtime: Runtime;
  dispatch: Dispatch;
  /** A new window (workstation) with no session. */
  desk(name?: string): Desk;
  /** The administrator created by setup, signed in on its own window. */
  admin: Desk;
  hospitalId: number;
  /**
   * An account holding every role across the chain (a small clinic's one-person-does-all account), signed in on a new
   * window: for setting up a scene with workflow writes the administrator no longer makes, never for testing who may
   * do what. A doctor's own-list rules still apply to it where only the doctor role grants a channel.
   */
  operator(): Promise<Desk & { userId: number; username: string; password: string }>;
  /** A user with these roles (and the first hospital), signed in on a new window. */
  signedIn(roles: Role[], opts?: { hospitalIds?: number[]; allHospitals?: boolean }): Promise<Desk & { userId: number; username: string; password: string }>;
  /** Moves the clock of every service forward. */
  advanceClock(ms: number): void;
  /** Sets the clock of every service to this instant (it runs on from there); the admin signs in again. */
  setClock(at: Date): Promise<void>;
  close(): Promise<void>;
}

/** A window (workstation) over a dispatch function, with helpers that expect success or a given error. */
export function deskOn(dispatch: Dispatch, name = `w${randomBytes(4).toString('hex')}`): Desk {
  const call = (channel: string, input?: unknown) => dispatch(name, channel, input) as never;
  return {
    window: name,
    call,
    ok: async (channel, input) => {
      const r = (await call(channel, input)) as Result<unknown>;
      if (!r.ok) throw new Error(`${channel} failed: ${JSON.stringify(r.error)}`);
      return r.data as never;
    },
    fails: async (channel, input, code) => {
      const r = (await call(channel, input)) as Result<unknown>;
      if (r.ok) throw new Error(`${channel} succeeded but ${code} was expected`);
      if (r.error.code !== code) throw new Error(`${channel} failed with ${r.error.code} (${r.error.message}) but ${code} was expected`);
      return r.error;
    },
  };
}

/** Meets the password policy (12 characters, not the username, not a common password), as every test password must. */
export const ADMIN_PASSWORD = 'chief-of-desks-2026';

export const UGANDA: HospitalFields = {
  code: 'HMS',
  name: 'Kampala General',
  country: 'UG',
  region: 'Central',
  address: 'Plot 1, Kampala Road',
  timeZone: 'Africa/Kampala',
  currency: 'UGX',
  defaultTaxRateBp: 1800,
  patientNumberFormat: 'HMS/{seq:6}',
};

/**
 * A database the test provisioned itself, reached with the given account (the app's account, say): the app connects
 * with it, `db.sql` uses it too, and close() leaves the database to the test.
 */
function givenDatabase(target: DbTarget): TestDatabase {
  const pool = mysql.createPool({ host: target.host, port: target.port, user: target.user, password: target.password, database: target.database, dateStrings: ['DATE'], timezone: 'Z', connectionLimit: 2 });
  return {
    url: databaseUrl(target),
    target,
    sql: async (query, args = []) => (await pool.query(query, args))[0] as never,
    drop: async () => {
      await pool.end().catch(() => undefined);
    },
  };
}

export async function startTestApp(opts: { setup?: boolean; poolSize?: number; serverUrl?: string; target?: DbTarget } = {}): Promise<TestApp> {
  const db = opts.target ? givenDatabase(opts.target) : await createTestDatabase(opts.serverUrl);
  let offset = 0;
  const runtime = createRuntime({ envTarget: db.target, profiles: memoryProfiles(), clock: () => new Date(Date.now() + offset), poolSize: opts.poolSize });
  const dispatch = createDispatch(runtime, handlerTable);

  const desk = (name?: string): Desk => deskOn(dispatch, name);

  const admin = desk('admin');
  let hospitalId = 0;
  if (opts.setup !== false) {
    const init = await admin.ok('setup.initialize', { hospital: UGANDA, admin: { username: 'admin', password: ADMIN_PASSWORD, fullName: 'Ada Admin' } });
    hospitalId = init.hospitalId;
    await admin.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
  }

  let userCount = 0;
  return {
    db,
    runtime,
    dispatch,
    desk,
    admin,
    hospitalId,
    advanceClock: (ms) => {
      offset += ms;
    },
    setClock: async (at) => {
      offset = at.getTime() - Date.now();
      // A jump of hours or days would leave every open window idle-locked.
      if (opts.setup !== false) await admin.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    },
    operator: () => signedIn([...ROLES], { allHospitals: true }),
    signedIn: (roles, o = {}) => signedIn(roles, o),
    close: async () => {
      await runtime.db.close();
      await db.drop();
    },
  };

  async function signedIn(roles: Role[], o: { hospitalIds?: number[]; allHospitals?: boolean } = {}) {
    const username = `${roles[0]!.replace('_', '')}${++userCount}`;
    const password = `desk-secret-${userCount}-pw`;
    const user = await admin.ok('users.create', {
      username,
      password,
      fullName: `Test ${username}`,
      roles,
      hospitalIds: o.allHospitals ? [] : (o.hospitalIds ?? [hospitalId]),
      allHospitals: o.allHospitals ?? false,
    });
    const d = desk();
    await d.ok('auth.login', { username, password });
    return { ...d, userId: user.id, username, password };
  }
}
