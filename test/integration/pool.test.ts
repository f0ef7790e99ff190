// A workstation's connection pool on a server shared by hundreds of workstations: at most 4 connections, calls beyond
// that wait their turn, idle connections are closed, a server at its connection limit is waited for (not taken for an
// outage); and no call takes a second connection while it holds one, so many
// doctors opening consultations at once on a small pool all finish. Connections are counted by the server itself
// (information_schema.PROCESSLIST of the test's own database). The clock stands on Monday 1 March 2027 in Kampala.
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { DEFAULT_POOL_SIZE } from '../../src-main/db/data-source';
import { Database } from '../../src-main/db/database';
import { ENTITIES } from '../../src-main/features/entities';
import { memoryProfiles } from '../../src-main/ipc/runtime';
import { ADMIN_PASSWORD, startTestApp, type Desk, type TestApp } from '../support/app';
import { doctor, patient } from '../support/scheduling';

const kla = (hhmm: string) => new Date(`2027-03-01T${hhmm}:00+03:00`);

let app: TestApp;
let admin: mysql.Connection;

/** The connections the server holds open on this test's database (the counting connection itself has none chosen). */
async function held(database: string): Promise<number> {
  const [rows] = (await admin.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ?', [database])) as unknown as [{ n: number }[]];
  return Number(rows[0].n);
}

async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return Date.now() - started;
}

beforeAll(async () => {
  // A pool of two: the smallest a workstation could be given, where a call that wanted a second connection would stall.
  app = await startTestApp({ poolSize: 2 });
  await app.setClock(kla('08:00'));
  const t = app.db.target;
  admin = await mysql.createConnection({ host: t.host, port: t.port, user: t.user, password: t.password });
});
afterAll(async () => {
  await admin?.end();
  await app?.close();
});

describe("a workstation's pool", () => {
  it('holds at most 4 connections by default: 12 calls at once all finish, queued; idle ones are closed', async () => {
    expect(DEFAULT_POOL_SIZE).toBe(4);
    const database = app.db.target.database;
    // A second workstation on the same database, with the default pool and a short idle timeout.
    const db = new Database(ENTITIES, app.db.target, memoryProfiles(), undefined, DEFAULT_POOL_SIZE, { idleTimeoutMs: 3000 });
    try {
      // What the test app's own pool keeps open.
      const before = await held(database);
      await db.dataSource();
      let peak = 0;
      let running = true;
      const sampler = (async () => {
        while (running) {
          peak = Math.max(peak, (await held(database)) - before);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      const started = Date.now();
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => db.readLagTolerant(async (em) => (await em.query('SELECT SLEEP(0.4) AS s, ? AS i', [i]))[0].i)));
      const took = Date.now() - started;
      running = false;
      await sampler;
      expect(results.map(Number)).toEqual(Array.from({ length: 12 }, (_, i) => i));
      // Twelve 0.4 s calls on four connections: three rounds, not one.
      expect(took).toBeGreaterThanOrEqual(1150);
      expect(peak).toBeGreaterThan(0);
      expect(peak).toBeLessThanOrEqual(4);
      // Released connections not taken again are closed within IDLE_RELEASE_MS (plus the counting's own 100 ms steps).
      const toNone = await until(async () => (await held(database)) - before <= 0, 2000);
      console.info(`pool of ${DEFAULT_POOL_SIZE}, 12 calls of 0.4 s at once: ${took} ms, ${peak} connections at the busiest; none held ${toNone} ms after the burst`);
    } finally {
      await db.close();
    }
  }, 30_000);
});

describe('opening consultations at once on a pool of two', () => {
  let desk: Desk;
  let dr: Output<'staff.create'>;
  let slot = 0;
  const doctors: Desk[] = [];

  beforeAll(async () => {
    desk = await app.signedIn(['front_desk']);
    const doc = await app.signedIn(['doctor']);
    const hr = await app.signedIn(['hr']);
    dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', userId: doc.userId, slotMinutes: 15, hours: [{ weekday: 1, start: '08:00', end: '18:00', slotMinutes: 15 }] });
    // The doctor signed in at four desks.
    for (let i = 0; i < 4; i++) {
      const d = app.desk();
      await d.ok('auth.login', { username: doc.username, password: doc.password });
      doctors.push(d);
    }
  });

  async function checkedIn(): Promise<Output<'appointments.book'>> {
    const p = await patient(desk, app.hospitalId);
    const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: new Date(kla('09:00').getTime() + 15 * 60_000 * slot++).toISOString() });
    await desk.ok('appointments.checkIn', { id: a.id });
    return a;
  }

  it('finishes 12 encounters.open calls on three appointments (four desks each), one encounter per appointment', async () => {
    const appointments = [await checkedIn(), await checkedIn(), await checkedIn()];
    const started = Date.now();
    const opened = await Promise.all(appointments.flatMap((a) => doctors.map((d) => d.ok('encounters.open', { appointmentId: a.id }))));
    const took = Date.now() - started;
    for (const [i, a] of appointments.entries()) {
      const ids = new Set(opened.slice(i * 4, i * 4 + 4).map((e) => e.id));
      expect(ids.size).toBe(1);
      const [{ n }] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM encounters WHERE appointment_id = ?', [a.id]);
      expect(Number(n)).toBe(1);
    }
    console.info(`12 encounters.open at once on a pool of 2: ${took} ms`);
  }, 30_000);
});

describe('a server at its connection limit', () => {
  const user = `hd_full_${process.pid}`;
  const password = 'Full-server-1';
  let other: TestApp;

  beforeAll(async () => {
    const t = app.db.target;
    await admin.query(`CREATE USER ?@'%' IDENTIFIED BY ? WITH MAX_USER_CONNECTIONS 2`, [user, password]);
    await admin.query(`GRANT ALL PRIVILEGES ON \`${t.database}\`.* TO ?@'%'`, [user]);
    // A workstation whose account may hold two connections: the server's answer when they are taken is the same
    // refusal as max_connections' ("too many connections"), counted per account so the test leaves the server alone.
    other = await startTestApp({ target: { ...t, user, password }, setup: false });
  });
  afterAll(async () => {
    await other?.runtime.db.close();
    await admin?.query('DROP USER IF EXISTS ?@\'%\'', [user]);
  });

  it('makes calls wait for a free connection instead of failing them or closing the pool', async () => {
    const desk = other.desk();
    await desk.ok('auth.login', { username: 'admin', password: ADMIN_PASSWORD });
    const t = app.db.target;
    // Take both of the account's connections once the workstation's own have been released and closed.
    const hogs: mysql.Connection[] = [];
    await until(async () => {
      try {
        while (hogs.length < 2) hogs.push(await mysql.createConnection({ host: t.host, port: t.port, user, password, database: t.database }));
        return true;
      } catch {
        return false;
      }
    }, 5000);
    const started = Date.now();
    const calls = Promise.all(Array.from({ length: 6 }, () => desk.call('hospitals.list', {})));
    // A second of a full server, then one connection comes free.
    await new Promise((r) => setTimeout(r, 1000));
    await hogs.pop()!.end();
    const results = await calls;
    const took = Date.now() - started;
    await hogs.pop()!.end();
    expect(results.map((r) => r.ok)).toEqual(Array(6).fill(true));
    expect(took).toBeGreaterThanOrEqual(1000);
    // The workstation never took the refusal for an outage.
    const status = await desk.ok('connection.status', {});
    expect(status.connected).toBe(true);
    console.info(`6 calls on a full server: all answered ${took} ms after they were made, 1 s after a connection came free`);
  }, 30_000);
});
