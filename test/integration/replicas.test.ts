// A primary and a read replica in MariaDB's GTID replication (two throwaway mariadbd): reports, boards and searches are
// answered by the replica, every other call by the primary; a desk sees its own writes at once; a replica that lags or
// stops is left aside with a warning in the connection status and costs no call an error.
// The clock is set to Monday 1 March 2027, 07:00 in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { startReplicatedPair, type ReplicatedPair } from '../support/replication';
import { department, doctor, patient } from '../support/scheduling';

const kla = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(2027, 2, 1, h - 3, m)).toISOString();
};
const DAY = '2027-03-01';

let pair: ReplicatedPair;
let app: TestApp;
let desk: Desk;
let manager: Desk;
let dr: Output<'staff.create'>;

beforeAll(async () => {
  pair = await startReplicatedPair('hms_replicas');
  app = await startTestApp({ target: pair.target });
  await app.setClock(new Date(kla('07:00')));
  const hr = await app.signedIn(['hr']);
  desk = await app.signedIn(['front_desk']);
  manager = await app.signedIn(['manager']);
  const gp = await department(app.admin, app.hospitalId, 'Outpatients');
  dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', departmentId: gp.id, slotMinutes: 15, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })) });
  await pair.caughtUp();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await pair?.destroy();
});

const counts = () => app.runtime.db.replicaCounts() ?? { replica: 0, primary: 0 };
const appointmentsToday = async (d: Desk) => {
  const figures = (await d.ok('dashboard.get', { hospitalId: app.hospitalId })).hospitals[0].frontDesk!.appointments;
  return Object.values(figures).reduce((n, f) => n + Number(f.value), 0);
};

describe('a primary with a read replica', () => {
  it('shows a desk its own writes at once: the booking in the day schedule, the patient in search, the count on the dashboard', async () => {
    const before = await appointmentsToday(desk);
    const replicaReads = counts().replica;
    const p = await patient(desk, app.hospitalId, { firstName: 'Nakato', lastName: 'Replicaread' });
    // Found at once by the search, which the replica answers after it has caught up with this desk's write.
    const found = await desk.ok('patients.search', { query: 'Replicaread' });
    expect(found.items.map((i) => i.id)).toEqual([p.id]);
    const booked = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: kla('09:00') });
    const day = await desk.ok('appointments.daySchedule', { hospitalId: app.hospitalId, date: DAY });
    expect(day.appointments.map((a) => a.id)).toContain(booked.id);
    expect(await appointmentsToday(desk)).toBe(before + 1);
    // The search and the dashboard after the booking were the replica's; none fell back to the primary.
    expect(counts().replica - replicaReads).toBe(2);
    expect(counts().primary).toBe(0);
  });

  it('keeps within a few milliseconds of the primary while idle: twenty registrations, each read back at once by search', async () => {
    const lags: number[] = [];
    const primaryReads = counts().primary;
    for (let i = 0; i < 20; i++) {
      const p = await patient(desk, app.hospitalId, { lastName: `Lagprobe${String.fromCharCode(97 + i)}` });
      const started = performance.now();
      await pair.caughtUp(5);
      lags.push(performance.now() - started);
      expect((await desk.ok('patients.search', { query: `Lagprobe${String.fromCharCode(97 + i)}` })).items.map((x) => x.id)).toEqual([p.id]);
    }
    // Every read-back was the replica's: it had the write within the 0.5 s the workstation waits.
    expect(counts().primary).toBe(primaryReads);
    lags.sort((a, b) => a - b);
    console.info(`replica behind the primary after a write: median ${lags[10].toFixed(1)} ms, worst ${lags[19].toFixed(1)} ms (20 writes)`);
  }, 60_000);

  it('never writes on a replica: its sessions are read-only, and a write sent there is answered by the primary', async () => {
    const { replica, primary } = counts();
    const [{ ro }] = await app.runtime.db.readLagTolerant((em) => em.query('SELECT @@SESSION.tx_read_only AS ro'));
    expect(Number(ro)).toBe(1);
    expect(counts()).toEqual({ replica: replica + 1, primary });
    // A lag-tolerant read that wrongly writes: refused on the replica, done on the primary, replicated back.
    await app.runtime.db.readLagTolerant((em) => em.query("INSERT INTO settings (`key`, value) VALUES ('replica.probe', '1')"));
    expect(counts()).toEqual({ replica: replica + 1, primary: primary + 1 });
    await pair.caughtUp();
    expect(await pair.sql('replica', "SELECT value FROM hms_replicas.settings WHERE `key` = 'replica.probe'")).toEqual([{ value: '1' }]);
  });

  it('answers reports from the replica: its Com_select counter moves, the primary’s hardly', async () => {
    const onReplica = await pair.selects('replica');
    const onPrimary = await pair.selects('primary');
    const report = await manager.ok('reports.appointmentsByDepartment', { from: DAY, to: DAY });
    expect(JSON.stringify(report)).toContain('Outpatients');
    await manager.ok('reports.demographics', { from: '2027-02-01', to: DAY });
    await manager.ok('reports.schedulingTrends', { from: '2027-02-01', to: DAY, granularity: 'week' });
    const replicaSelects = (await pair.selects('replica')) - onReplica;
    const primarySelects = (await pair.selects('primary')) - onPrimary;
    console.info(`three reports: ${replicaSelects} SELECTs on the replica, ${primarySelects} on the primary`);
    expect(replicaSelects).toBeGreaterThanOrEqual(6);
    // At most the periodic lag check reads the primary's GTID position.
    expect(primarySelects).toBeLessThanOrEqual(1);
  });

  it('reads the primary while the replica lags beyond the limit, and says so in the status line', async () => {
    await pair.delay(3);
    const primaryReads = counts().primary;
    const p = await patient(desk, app.hospitalId, { firstName: 'Apio', lastName: 'Lagging' });
    const started = Date.now();
    const found = await desk.ok('patients.search', { query: 'Lagging' });
    const waited = Date.now() - started;
    expect(found.items.map((i) => i.id)).toEqual([p.id]);
    expect(counts().primary).toBe(primaryReads + 1);
    // Left aside: the next read goes straight to the primary, without waiting for the replica again.
    const again = Date.now();
    await desk.ok('patients.search', { query: 'Lagging' });
    console.info(`replica 3 s behind: the first read waited ${waited} ms before reading the primary, the next ${Date.now() - again} ms in all`);
    expect(counts().primary).toBe(primaryReads + 2);
    const forAdmin = await app.admin.ok('connection.status');
    expect(forAdmin.connected).toBe(true);
    expect(forAdmin.replicaWarning).toMatch(/The read replica 127\.0\.0\.1:\d+ is more than 0\.5 s behind the primary\. Reports, boards and searches read from the primary server until it is back\./);
    const forDesk = await desk.ok('connection.status');
    expect(forDesk.replicaWarning).toBe('Reports and boards are read from the main database server for now; they may be slower.');
    // Back in step: once the pause is over the replica serves again.
    await pair.delay(0);
    await pair.caughtUp();
    for (let i = 0; i < 150 && (await app.admin.ok('connection.status')).replicaWarning; i++) await new Promise((r) => setTimeout(r, 100));
    const replicaReads = counts().replica;
    await desk.ok('patients.search', { query: 'Lagging' });
    expect(counts().replica).toBe(replicaReads + 1);
  }, 60_000);

  it('keeps working when the replica stops mid-session: no call fails, the status line warns', async () => {
    await pair.replica.stop(); // kill -9: its pooled connections die with it
    const p = await patient(desk, app.hospitalId, { firstName: 'Auma', lastName: 'Afterstop' });
    expect((await desk.ok('patients.search', { query: 'Afterstop' })).items.map((i) => i.id)).toEqual([p.id]);
    const booked = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: kla('10:00') });
    expect((await desk.ok('appointments.daySchedule', { hospitalId: app.hospitalId, date: DAY })).appointments.map((a) => a.id)).toContain(booked.id);
    expect(await appointmentsToday(desk)).toBeGreaterThanOrEqual(2);
    await manager.ok('reports.appointmentsByDepartment', { from: DAY, to: DAY });
    await desk.ok('occupancy.board', { hospitalId: app.hospitalId });
    const status = await app.admin.ok('connection.status');
    expect(status.connected).toBe(true);
    expect(status.message).toBeNull();
    expect(status.replicaWarning).toMatch(/The read replica 127\.0\.0\.1:\d+ is not answering\./);
    console.info(`reads served: ${JSON.stringify(counts())}`);
  }, 60_000);
});
