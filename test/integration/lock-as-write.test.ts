// The lock-as-write rule on one server (src-main/db/locks.ts): every row lock and named lock the app takes also writes
// a row of `row_locks`, which is what a Galera cluster's certification compares between nodes (a FOR UPDATE lock or
// GET_LOCK is local to one node). These tests hold the rule without a cluster; test/integration/galera.test.ts shows
// what it buys on one. The clock stands on Monday 4 January 2027.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { lockRows, withNamedLocks } from '../../src-main/db/locks';
import { HospitalEntity } from '../../src-main/features/hospitals';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { doctor, everyDay, patient } from '../support/scheduling';

let app: TestApp;
let ds: DataSource;
let desk: Desk;

const locks = async (table: string, key?: number | string) =>
  Object.fromEntries(
    (await app.db.sql<{ lock_key: string; n: number }>(`SELECT lock_key, n FROM row_locks WHERE lock_table = ?${key === undefined ? '' : ' AND lock_key = ?'}`, key === undefined ? [table] : [table, String(key)])).map((r) => [
      r.lock_key,
      Number(r.n),
    ]),
  );

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-01-04T06:00:00Z'));
  ds = await app.runtime.db.dataSource();
  desk = await app.signedIn(['front_desk', 'nurse', 'billing'], { allHospitals: true });
});
afterAll(async () => app?.close());

describe('row locks', () => {
  it('lockRows bumps one row_locks counter per row it found, in the same transaction, and none for a missing id', async () => {
    const other = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'JIN', name: 'Jinja Clinic', patientNumberFormat: 'JIN{seq:5}' })).id;
    const before = await locks('hospitals');
    const got = await ds.transaction((em) => lockRows(em, HospitalEntity, [other, 987654, app.hospitalId], { only: ['code'] }));
    expect(got.map((h) => [h.id, h.code])).toEqual([
      [app.hospitalId, 'HMS'],
      [other, 'JIN'],
    ]);
    const after = await locks('hospitals');
    expect(after[String(app.hospitalId)]).toBe((before[String(app.hospitalId)] ?? 0) + 1);
    expect(after[String(other)]).toBe((before[String(other)] ?? 0) + 1);
    expect(after['987654']).toBeUndefined();
    // Rolled back with its transaction, like the lock itself.
    await expect(
      ds.transaction(async (em) => {
        await lockRows(em, HospitalEntity, [other]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await locks('hospitals'))[String(other)]).toBe(after[String(other)]);
  });

  it('the audit head, always rewritten by its locker, gets no second write', async () => {
    const before = await locks('audit_head');
    await patient(desk, app.hospitalId);
    expect((await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM audit_log WHERE channel = ?', ['patients.register']))[0].n).toBeGreaterThan(0);
    expect(await locks('audit_head')).toEqual(before);
  });

  it('a booking writes the locks of its doctor and patient, an admission its bed, a payment its invoice', async () => {
    const hr = await app.signedIn(['hr']);
    const dr = await doctor(hr, app.hospitalId, { hours: everyDay('09:00', '12:00'), slotMinutes: 30 });
    const p = await patient(desk, app.hospitalId);
    const [doctorBefore, patientBefore] = [(await locks('doctors', dr.id))[String(dr.id)] ?? 0, (await locks('patients', p.id))[String(p.id)] ?? 0];
    await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: '2027-01-11T06:00:00.000Z' });
    expect(await locks('doctors', dr.id)).toEqual({ [String(dr.id)]: doctorBefore + 1 });
    expect(await locks('patients', p.id)).toEqual({ [String(p.id)]: patientBefore + 1 });

    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward block', level: 1 });
    const ward = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 2 });
    const bedId = ward.beds[0].id;
    const bedBefore = (await locks('beds', bedId))[String(bedId)] ?? 0;
    await desk.ok('admissions.admit', { patientId: p.id, bedId, attendingDoctorId: dr.id, reason: 'Observation', expectedDischarge: '2027-01-08' });
    expect(await locks('beds', bedId)).toEqual({ [String(bedId)]: bedBefore + 1 });

    const item = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'REG', description: 'Registration', category: 'other', price: 5_000 });
    const charge = await desk.ok('charges.add', { patientId: p.id, catalogItemId: item.id });
    const inv = await desk.ok('invoices.issue', { id: (await desk.ok('invoices.createDraft', { patientId: p.id, chargeIds: [charge.id] })).id });
    expect((await locks('charges', charge.id))[String(charge.id)]).toBeGreaterThanOrEqual(1);
    const before = (await locks('invoices', inv.id))[String(inv.id)] ?? 0;
    await desk.ok('payments.record', { invoiceId: inv.id, amount: 1_000, method: 'cash' });
    expect((await locks('invoices', inv.id))[String(inv.id)]).toBe(before + 1);
  });
});

describe('named locks', () => {
  it('registering a patient writes the named locks of its birth date and phone instead of taking GET_LOCK', async () => {
    const before = Object.keys(await locks('')).length;
    await patient(desk, app.hospitalId, { dateOfBirth: '1971-07-07', phone: '0772 700 707', acknowledgeDuplicates: false });
    expect(Object.keys(await locks('')).length).toBeGreaterThanOrEqual(before + 2);
  });

  it('are held until the transaction ends: a second taker waits, and answers busy when the first holds on too long', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const entered = new Promise<void>((r) => (inside = r));
    const first = ds.transaction('READ COMMITTED', (em) =>
      withNamedLocks(em, ['dob:2001-01-01'], 'busy', async () => {
        inside();
        await held;
        return 'first';
      }),
    );
    await entered;
    const t0 = Date.now();
    await expect(ds.transaction('READ COMMITTED', (em) => withNamedLocks(em, ['dob:2001-01-01', 'phone:+256700000001'], 'Another desk is registering.', async () => 'second', 1))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Another desk is registering.',
    });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    // Another name is not held up.
    expect(await ds.transaction('READ COMMITTED', (em) => withNamedLocks(em, ['dob:2001-01-02'], 'busy', async () => 'other', 1))).toBe('other');
    // Once the first commits, the second goes through, waiting only for it.
    const second = ds.transaction('READ COMMITTED', (em) => withNamedLocks(em, ['dob:2001-01-01'], 'busy', async () => 'second', 10));
    await new Promise((r) => setTimeout(r, 200));
    release();
    expect(await Promise.all([first, second])).toEqual(['first', 'second']);
  });
});
