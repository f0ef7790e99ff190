// A read replica that hangs rather than dies (SIGSTOP: its TCP connections stay open, nothing answers): a replica read
// still answers within a few seconds, from the primary, and the status line says the replica is not answering.
// The clock is set to Monday 1 March 2027, 07:00 in Kampala.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { startReplicatedPair, type ReplicatedPair } from '../support/replication';
import { patient } from '../support/scheduling';

let pair: ReplicatedPair;
let app: TestApp;
let desk: Desk;
let replicaPid = 0;
let frozen = false;

beforeAll(async () => {
  pair = await startReplicatedPair('hms_frozen');
  app = await startTestApp({ target: pair.target });
  await app.setClock(new Date('2027-03-01T07:00:00+03:00'));
  desk = await app.signedIn(['front_desk']);
  const [{ f }] = await pair.sql('replica', 'SELECT @@GLOBAL.pid_file AS f');
  replicaPid = Number(readFileSync(String(f), 'utf8').trim());
  await pair.caughtUp();
}, 120_000);
afterAll(async () => {
  if (frozen) process.kill(replicaPid, 'SIGCONT');
  await app?.close();
  await pair?.destroy();
});

const counts = () => app.runtime.db.replicaCounts() ?? { replica: 0, primary: 0 };

describe('a read replica that hangs', () => {
  it('costs a replica read a few seconds at most: the primary answers it, and the status line warns', async () => {
    const p = await patient(desk, app.hospitalId, { firstName: 'Akello', lastName: 'Frozenreplica' });
    // Answered by the replica first: its pooled connection is open when the server freezes.
    const before = counts();
    expect((await desk.ok('patients.search', { query: 'Frozenreplica' })).items.map((i) => i.id)).toEqual([p.id]);
    expect(counts().replica).toBe(before.replica + 1);

    process.kill(replicaPid, 'SIGSTOP');
    frozen = true;
    const started = Date.now();
    expect((await desk.ok('patients.search', { query: 'Frozenreplica' })).items.map((i) => i.id)).toEqual([p.id]);
    const waited = Date.now() - started;
    expect(counts().primary).toBe(before.primary + 1);
    expect(waited).toBeLessThan(5000);
    // Left aside: the next read goes straight to the primary.
    const again = Date.now();
    await desk.ok('patients.search', { query: 'Frozenreplica' });
    const next = Date.now() - again;
    expect(counts().primary).toBe(before.primary + 2);
    const status = await app.admin.ok('connection.status');
    expect(status).toMatchObject({ connected: true, message: null });
    expect(status.replicaWarning).toMatch(/The read replica 127\.0\.0\.1:\d+ is not answering\./);
    console.info(`replica frozen (SIGSTOP): the first read answered by the primary after ${waited} ms, the next in ${next} ms`);

    process.kill(replicaPid, 'SIGCONT');
    frozen = false;
  }, 60_000);
});
