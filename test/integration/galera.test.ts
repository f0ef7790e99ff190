// Several sites writing, on a real three-node MariaDB Galera cluster of local mariadbd processes (test/support/galera.ts):
// first what Galera does to the two kinds of lock a single server offers (a FOR UPDATE row lock and GET_LOCK hold on
// one node only) and what the lock-as-write rule (src-main/db/locks.ts) does instead; then the booking, admission and
// payment races sent through the app's own pipeline to three different nodes. The clock stands on Monday 4 January 2027.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Output } from '@shared/contract';
import { AppError, type Result } from '@shared/errors';
import { parseDatabaseUrl } from '../../src-main/db/data-source';
import { lockRows, withNamedLocks } from '../../src-main/db/locks';
import { HospitalEntity } from '../../src-main/features/hospitals';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles, type Runtime } from '../../src-main/ipc/runtime';
import { deskOn, startTestApp, type Desk, type TestApp } from '../support/app';
import { galeraUnavailable, startGaleraCluster, type GaleraCluster } from '../support/galera';
import { doctor, everyDay, patient } from '../support/scheduling';

const unavailable = galeraUnavailable();
const DATABASE = 'hms_galera';

let cluster: GaleraCluster;
let app: TestApp;
/** The app on node 1 (app.runtime), node 2 and node 3: three workstations, each with its own node. */
let runtimes: Runtime[];
let sources: DataSource[];
const figures: Record<string, number | string> = {};

/** A user's window on each node's workstation. */
async function windowsOf(user: { username: string; password: string }): Promise<Desk[]> {
  return Promise.all(
    runtimes.map(async (rt, i) => {
      const d = deskOn(createDispatch(rt, handlerTable), `node${i + 1}-${user.username}`);
      await d.ok('auth.login', { username: user.username, password: user.password });
      return d;
    }),
  );
}

/** One row count, read on node 3 after every node's commits are applied there (causal read). */
async function count(query: string, args: unknown[]): Promise<number> {
  const [row] = await cluster.nodes[2].sql<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${DATABASE}\`.${query}`, args);
  return Number(row.n);
}

function oneWinner<T>(results: Result<T>[]): { won: number; conflicts: number } {
  const won = results.filter((r) => r.ok).length;
  const conflicts = results.filter((r) => !r.ok && r.error.code === 'CONFLICT').length;
  for (const r of results) if (!r.ok) expect(r.error.code, r.error.message).toBe('CONFLICT');
  return { won, conflicts };
}

beforeAll(async () => {
  if (unavailable) return;
  cluster = await startGaleraCluster(3);
  figures.clusterStartSeconds = (cluster.startMs / 1000).toFixed(1);
  await cluster.nodes[0].sql(`CREATE DATABASE ${DATABASE} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const target = (i: number) => parseDatabaseUrl(`${cluster.nodes[i].url}/${DATABASE}`);
  // Set up and migrated through node 1; DDL reaches the other nodes in total order.
  app = await startTestApp({ target: target(0) });
  await app.setClock(new Date('2027-01-04T06:00:00Z'));
  runtimes = [app.runtime, ...[1, 2].map((i) => createRuntime({ envTarget: target(i), profiles: memoryProfiles(), clock: () => app.runtime.clock() }))];
  sources = await Promise.all(runtimes.map((rt) => rt.db.dataSource()));
}, 240_000);

afterAll(async () => {
  if (unavailable) return;
  console.log(`Galera figures: ${JSON.stringify(figures)}`);
  for (const rt of runtimes?.slice(1) ?? []) await rt.db.close().catch(() => undefined);
  await app?.close();
  await cluster?.destroy();
}, 60_000);

describe.skipIf(unavailable)('a three-node Galera cluster', () => {
  it('is one cluster: three nodes Synced, a row written on node 1 read on node 3', async () => {
    for (const n of cluster.nodes) {
      const rows = await n.sql<{ Variable_name: string; Value: string }>("SHOW STATUS WHERE Variable_name IN ('wsrep_cluster_size', 'wsrep_local_state_comment')");
      expect(Object.fromEntries(rows.map((r) => [r.Variable_name, r.Value]))).toEqual({ wsrep_cluster_size: '3', wsrep_local_state_comment: 'Synced' });
    }
    expect(await count('users WHERE username = ?', ['admin'])).toBe(1);
  });
});

describe.skipIf(unavailable)('the locks of one server, on two nodes', () => {
  /** Two transactions, one on node 1 and one on node 2, both open. */
  async function twoOpen(): Promise<[QueryRunner, QueryRunner]> {
    const qrs = [sources[0].createQueryRunner(), sources[1].createQueryRunner()] as [QueryRunner, QueryRunner];
    for (const q of qrs) await q.startTransaction();
    return qrs;
  }
  async function end(qrs: QueryRunner[]): Promise<void> {
    for (const q of qrs) {
      if (q.isTransactionActive) await q.rollbackTransaction().catch(() => undefined);
      await q.release();
    }
  }
  const errno = (e: unknown) => ((e as { driverError?: { errno?: number } }).driverError ?? (e as { errno?: number })).errno;

  it('SELECT … FOR UPDATE is local to its node: both desks pass the lock and both commit', async () => {
    await cluster.nodes[0].sql(`CREATE TABLE ${DATABASE}.galera_probe (id INT AUTO_INCREMENT PRIMARY KEY, who VARCHAR(20) NOT NULL)`);
    const [a, b] = await twoOpen();
    try {
      await a.query('SELECT id FROM hospitals WHERE id = ? FOR UPDATE', [app.hospitalId]);
      // On one server this would wait for node 1's transaction; on the other node it does not.
      const t0 = Date.now();
      await b.query('SELECT id FROM hospitals WHERE id = ? FOR UPDATE', [app.hospitalId]);
      expect(Date.now() - t0).toBeLessThan(1000);
      await a.query("INSERT INTO galera_probe (who) VALUES ('node 1')");
      await b.query("INSERT INTO galera_probe (who) VALUES ('node 2')");
      await a.commitTransaction();
      await b.commitTransaction();
    } finally {
      await end([a, b]);
    }
    expect(await count('galera_probe', [])).toBe(2);
  });

  it('GET_LOCK is not replicated: both nodes hand out the same named lock at once', async () => {
    const [a, b] = await twoOpen();
    try {
      const [[x], [y]] = await Promise.all([a.query("SELECT GET_LOCK('hms-galera-probe', 0) AS got"), b.query("SELECT GET_LOCK('hms-galera-probe', 0) AS got")]);
      expect([Number(x.got), Number(y.got)]).toEqual([1, 1]);
      // On one node the second taker is refused, as on a single server.
      const [[z]] = await Promise.all([sources[0].query("SELECT GET_LOCK('hms-galera-probe', 0) AS got")]);
      expect(Number(z.got)).toBe(0);
    } finally {
      for (const q of [a, b]) await q.query("SELECT RELEASE_LOCK('hms-galera-probe')").catch(() => undefined);
      await end([a, b]);
    }
  });

  it('lockRows writes: of two nodes locking the same row, certification aborts the second to commit (1213)', async () => {
    const [a, b] = await twoOpen();
    try {
      await lockRows(a.manager, HospitalEntity, [app.hospitalId], { only: ['code'] });
      await lockRows(b.manager, HospitalEntity, [app.hospitalId], { only: ['code'] });
      await a.query("INSERT INTO galera_probe (who) VALUES ('node 1 locked')");
      await a.commitTransaction();
      const lost = await (async () => {
        await b.query("INSERT INTO galera_probe (who) VALUES ('node 2 locked')");
        await b.commitTransaction();
      })().then(
        () => null,
        (e: unknown) => e,
      );
      expect(errno(lost)).toBe(1213);
    } finally {
      await end([a, b]);
    }
    expect(await count("galera_probe WHERE who LIKE '%locked'", [])).toBe(1);
  });

  it('a named lock is a write: of two nodes taking the same name, the second to commit is aborted', async () => {
    const [a, b] = await twoOpen();
    try {
      await withNamedLocks(a.manager, ['patient-dob:1990-01-01'], 'busy', () => a.query("INSERT INTO galera_probe (who) VALUES ('node 1 named')"));
      await withNamedLocks(b.manager, ['patient-dob:1990-01-01'], 'busy', () => b.query("INSERT INTO galera_probe (who) VALUES ('node 2 named')"));
      await a.commitTransaction();
      expect(errno(await b.commitTransaction().then(() => null, (e: unknown) => e))).toBe(1213);
    } finally {
      await end([a, b]);
    }
    expect(await count("galera_probe WHERE who LIKE '%named'", [])).toBe(1);
  });
});

describe.skipIf(unavailable)('a call whose transaction another node aborts between two statements', () => {
  /**
   * A desk on node 2 whose stand-in service locks the hospital's row, reads, and then refuses on what it read, as the
   * admission that read back its own new stay as "not found" did. `abort` has node 1 commit a lock of the same row
   * in between: its applier on node 2 aborts the desk's transaction while it sits between statements.
   */
  async function refusingDesk(abort: boolean): Promise<{ result: Result<unknown>; attempts: number }> {
    let attempts = 0;
    const table = {
      ...handlerTable,
      'hospitals.list': async (_input: unknown, ctx: { em: EntityManager }) => {
        attempts++;
        await lockRows(ctx.em, HospitalEntity, [app.hospitalId], { only: ['code'] });
        if (attempts > 1) return [];
        if (abort) {
          await sources[0].transaction((em) => lockRows(em, HospitalEntity, [app.hospitalId], { only: ['code'] }));
          await new Promise((r) => setTimeout(r, 300));
        }
        throw new AppError('NOT_FOUND', 'The hospital was not found.');
      },
    } as typeof handlerTable;
    const user = await app.signedIn(['front_desk']);
    const d = deskOn(createDispatch(runtimes[1], table), `node2-refusing-${abort}`);
    await d.ok('auth.login', { username: user.username, password: user.password });
    return { result: await d.call('hospitals.list', {}), attempts };
  }

  it('a refusal in a transaction nothing aborted is the answer, after one attempt', async () => {
    const { result, attempts } = await refusingDesk(false);
    expect(result.ok ? null : result.error.code).toBe('NOT_FOUND');
    expect(attempts).toBe(1);
  });

  it('a refusal after the transaction was aborted is not believed: the call runs again, and the second run answers', async () => {
    const { result, attempts } = await refusingDesk(true);
    expect(result.ok).toBe(true);
    expect(attempts).toBe(2);
  });
});

describe.skipIf(unavailable)('the races of the desks, one desk per node', () => {
  const ROUNDS = 4;
  let dr: Output<'staff.create'>;
  let front: Desk[];
  let nurses: Desk[];
  let cashiers: Desk[];
  let registrar: Desk;
  let conflictsBefore: number;

  beforeAll(async () => {
    if (unavailable) return;
    const hr = await app.signedIn(['hr']);
    registrar = await app.signedIn(['front_desk']);
    dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', hours: everyDay('09:00', '12:00'), slotMinutes: 30 });
    front = await windowsOf(await app.signedIn(['front_desk']));
    nurses = await windowsOf(await app.signedIn(['nurse']));
    cashiers = await windowsOf(await app.signedIn(['billing']));
    conflictsBefore = await cluster.conflicts();
  }, 120_000);

  afterAll(async () => {
    if (unavailable) return;
    figures.certificationConflicts = (await cluster.conflicts()) - conflictsBefore;
  });

  it('three desks on three nodes booking one slot: one appointment, two CONFLICTs, every round', async () => {
    let conflicts = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const patients = await Promise.all([0, 1, 2].map(() => patient(registrar, app.hospitalId)));
      const start = new Date(Date.parse('2027-01-11T06:00:00Z') + round * 30 * 60_000).toISOString();
      const results = await Promise.all(front.map((d, i) => d.call('appointments.book', { patientId: patients[i].id, doctorId: dr.id, start })));
      const r = oneWinner(results);
      expect(r).toEqual({ won: 1, conflicts: 2 });
      conflicts += r.conflicts;
      expect(await count("appointments WHERE doctor_id = ? AND starts_at = ? AND status <> 'cancelled'", [dr.id, start.replace('T', ' ').replace('Z', '')])).toBe(1);
    }
    figures.bookingRaces = ROUNDS;
    figures.bookingConflicts = conflicts;
  });

  it('three nurses on three nodes admitting three patients into one bed: one admission, two CONFLICTs, every round', async () => {
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 1 });
    const ward = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: ROUNDS });
    let conflicts = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const patients = await Promise.all([0, 1, 2].map(() => patient(registrar, app.hospitalId)));
      const bedId = ward.beds[round].id;
      const results = await Promise.all(nurses.map((d, i) => d.call('admissions.admit', { patientId: patients[i].id, bedId, attendingDoctorId: dr.id, reason: 'Emergency', expectedDischarge: '2027-01-20' })));
      const r = oneWinner(results);
      expect(r).toEqual({ won: 1, conflicts: 2 });
      conflicts += r.conflicts;
      expect(await count("stays WHERE current_bed_id = ? AND active_patient_id IS NOT NULL", [bedId])).toBe(1);
    }
    figures.admissionRaces = ROUNDS;
    figures.admissionConflicts = conflicts;
  });

  it('three cashiers on three nodes paying the last balance of one invoice: one payment, two CONFLICTs, every round', async () => {
    const item = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'MED-AMOX', description: 'Amoxicillin 500 mg, 21 capsules', category: 'medicine', price: 12_500 });
    let conflicts = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const p = await patient(registrar, app.hospitalId);
      const charge = await cashiers[0].ok('charges.add', { patientId: p.id, catalogItemId: item.id });
      const inv = await cashiers[0].ok('invoices.issue', { id: (await cashiers[0].ok('invoices.createDraft', { patientId: p.id, chargeIds: [charge.id] })).id });
      const results = await Promise.all(cashiers.map((d, i) => d.call('payments.record', { invoiceId: inv.id, amount: inv.balance, method: i === 0 ? 'cash' : 'card' })));
      const r = oneWinner(results);
      expect(r).toEqual({ won: 1, conflicts: 2 });
      conflicts += r.conflicts;
      expect(await count('payments WHERE invoice_id = ?', [inv.id])).toBe(1);
    }
    figures.paymentRaces = ROUNDS;
    figures.paymentConflicts = conflicts;
  });
});
