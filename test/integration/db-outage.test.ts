// The database going away in the middle of a working session, on a private throwaway server that the test kills:
// calls answer DB_UNAVAILABLE within seconds, nothing half-written remains, and the app recovers by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventName, Events } from '@shared/contract';
import { Database, ensureDatabase, migrate } from '../../src-main/db/database';
import { createDataSource } from '../../src-main/db/data-source';
import { ENTITIES } from '../../src-main/features/entities';
import { memoryProfiles } from '../../src-main/ipc/runtime';
import { freePort, startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { createTestDatabase } from '../support/test-db';

let server: ThrowawayServer;
let app: TestApp;
let desk: Desk;
const events: { name: EventName; payload: Events[EventName] }[] = [];

const patient = (i: number) => ({
  hospitalId: app.hospitalId,
  firstName: `Outage${i}`,
  lastName: 'Kizza',
  dateOfBirth: '1975-06-01',
  sex: 'male' as const,
  phone: `07720${String(10000 + i).padStart(5, '0')}`,
  acknowledgeDuplicates: true,
});

async function timed<T>(p: Promise<T>): Promise<{ result: T; ms: number }> {
  const t0 = performance.now();
  const result = await p;
  return { result, ms: performance.now() - t0 };
}

describe('a database outage in the middle of a session (tests run in order: the second recovers from the outage the first causes)', () => {
  beforeAll(async () => {
    server = await startThrowawayMariadb();
    app = await startTestApp({ serverUrl: server.url });
    app.runtime.events.subscribe((name, payload) => events.push({ name, payload }));
    desk = await app.signedIn(['front_desk']);
    await desk.ok('patients.register', patient(0));
  });
  afterAll(async () => {
    await app?.runtime.db.close();
    await server?.destroy();
  });

  it('answers DB_UNAVAILABLE within seconds while the server is down, with a sentence and no internals', async () => {
    // Registrations in flight when the server dies, and more after: each answers, none hangs.
    const inFlight = Array.from({ length: 12 }, (_, i) => timed(desk.call('patients.register', patient(i + 1))));
    await new Promise((r) => setTimeout(r, 15));
    await server.stop();
    const during = await Promise.all(inFlight);
    for (const { ms } of during) expect(ms).toBeLessThan(5000);
    expect(during.some(({ result }) => !result.ok && result.error.code === 'DB_UNAVAILABLE')).toBe(true);

    for (const channel of ['patients.search', 'patients.register'] as const) {
      const { result, ms } = await timed(desk.call(channel, channel === 'patients.search' ? { query: 'Kizza' } : patient(99)));
      expect(ms).toBeLessThan(5000);
      expect(result).toEqual({ ok: false, error: { code: 'DB_UNAVAILABLE', message: expect.any(String) } });
      if (!result.ok) expect(result.error.message).not.toMatch(/SELECT|INSERT|ECONN|127\.0\.0\.1|stack/i);
    }
    const down = events.filter((e) => e.name === 'connection.changed' && !(e.payload as Events['connection.changed']).connected);
    expect(down.length).toBeGreaterThan(0);
    expect((await desk.ok('connection.status', {})).connected).toBe(false);
  });

  it('recovers by itself when the server is back, in the same session, with nothing half-written', async () => {
    await server.start();
    let search: Awaited<ReturnType<Desk['call']>> | null = null;
    for (let i = 0; i < 50; i++) {
      search = await desk.call('patients.search', { query: 'Kizza' });
      if (search.ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(search?.ok).toBe(true);
    expect(events.at(-1)).toEqual({ name: 'connection.changed', payload: { connected: true, message: null } });

    // Every patient row that survived has its audit entry, and every audit entry its row: each registration is whole or absent.
    const rows = await app.db.sql<{ id: number; patient_number: string }>('SELECT id, patient_number FROM patients ORDER BY id');
    const audited = await app.db.sql<{ entity_id: string }>(`SELECT entity_id FROM audit_log WHERE action = 'patient.register' AND entity = 'patient' ORDER BY entity_id + 0`);
    expect(audited.map((a) => Number(a.entity_id))).toEqual(rows.map((r) => r.id));
    const [counter] = await app.db.sql<{ next_value: number }>('SELECT next_value FROM number_sequences');
    expect(Number(counter.next_value)).toBe(rows.length + 1);
    expect(new Set(rows.map((r) => r.patient_number)).size).toBe(rows.length);
    expect(await app.admin.ok('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null });

    // And work goes on: the next registration takes the next free number.
    const next = await desk.ok('patients.register', patient(100));
    expect(next.patientNumber).toBe(`HMS/${String(counter.next_value).padStart(6, '0')}`);
  });
});

describe('connecting', () => {
  it('answers DB_UNAVAILABLE at once when nothing listens at the address', async () => {
    const port = await freePort();
    const db = new Database(ENTITIES, { host: '127.0.0.1', port, user: 'root', password: '', database: 'hms_nowhere' }, memoryProfiles());
    const t0 = performance.now();
    await expect(db.dataSource()).rejects.toMatchObject({ code: 'DB_UNAVAILABLE', message: 'The database server refused the connection: is it running?' });
    expect(performance.now() - t0).toBeLessThan(5000);
    expect((await db.status()).connected).toBe(false);
  });

  it('refuses a database that a newer Hospital Desk has upgraded', async () => {
    const target = await createTestDatabase();
    const ds = createDataSource(target.target, ENTITIES, 2, await ensureDatabase(target.target));
    await ds.initialize();
    await migrate(ds);
    await ds.query(`INSERT INTO migrations (timestamp, name) VALUES (1999999999999, 'FutureFeature1999999999999')`);
    await ds.destroy();

    const db = new Database(ENTITIES, target.target, memoryProfiles());
    await expect(db.dataSource()).rejects.toMatchObject({
      code: 'DB_UNAVAILABLE',
      message: expect.stringContaining('upgraded by a newer Hospital Desk (schema FutureFeature1999999999999)'),
    });
    await target.drop();
  });
});
