// The persistence kit as the channels use it: every paged list walks its rows exactly once and refuses a page marker
// it did not make; rows are locked in id order whatever order they are asked in; a taken business key found by a
// pre-check answers CONFLICT naming the field, as the unique key would. The clock stands on Monday 1 March 2027,
// 06:00 in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName, Input } from '@shared/contract';
import type { Page } from '@shared/contract/channel';
import { CHARGE_CATEGORIES, type ChargeCategory } from '@shared/domain/billing';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { department, doctor, everyDay, patient } from '../support/scheduling';
import { lockRows } from '../../src-main/db/locks';
import { encodeCursor } from '../../src-main/db/pages';
import { DepartmentEntity } from '../../src-main/features/staff';

let app: TestApp;
let hr: Desk;
let cashier: Desk;
let nurse: Desk;
let deskClerk: Desk;

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-03-01T06:00:00+03:00'));
  hr = await app.signedIn(['hr']);
  cashier = await app.signedIn(['billing']);
  nurse = await app.signedIn(['nurse']);
  deskClerk = await app.signedIn(['front_desk']);
});
afterAll(async () => app?.close());

/** Every item of a list, a page of `limit` at a time, following the page markers. */
async function walk<T extends { id: number }, K extends ChannelName>(desk: Desk, channel: K, input: Input<K>, limit: number): Promise<T[]> {
  const seen: T[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const page = (await desk.ok(channel, { ...(input as object), limit, cursor } as Input<K>)) as unknown as Page<T>;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items);
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('the pages never ended');
}

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

describe('paging (rows that tie on every sort column but the id are the hard case)', () => {
  it('walks the whole catalog exactly once, in category and description order', async () => {
    const made: number[] = [];
    for (let i = 0; i < 7; i++) {
      // Four items share category and description: only the id orders them.
      const description = i < 4 ? 'Dressing pack' : `Item ${i}`;
      made.push((await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: `PG-${i}`, description, category: i % 2 ? 'medicine' : 'treatment', price: 1000 })).id);
    }
    const all = await walk<{ id: number; category: string; description: string }, 'catalog.list'>(cashier, 'catalog.list', { hospitalId: app.hospitalId, query: '', includeInactive: false }, 2);
    expect(ids(all).sort((a, b) => a - b)).toEqual(made);
    // Categories in the order they are declared (the column is an ENUM of them), then description, then id.
    const inOrder = all.map((i) => `${CHARGE_CATEGORIES.indexOf(i.category as ChargeCategory)}|${i.description}|${String(i.id).padStart(6, '0')}`);
    expect(inOrder).toEqual([...inOrder].sort());
  });

  it('walks every bed reservation exactly once, by arrival, room and bed', async () => {
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Paging block', level: 5 });
    const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '501', roomType: 'general_ward', dailyRate: 10_000, beds: 5 });
    const made: number[] = [];
    for (const [i, bed] of room.beds.entries()) {
      const p = await patient(deskClerk, app.hospitalId);
      // Three reservations arrive on the same day in the same room: the bed label and the id order them.
      const from = i < 3 ? '2027-03-10' : `2027-03-1${i}`;
      made.push((await deskClerk.ok('beds.book', { bedId: bed.id, patientId: p.id, from, to: '2027-03-20' })).id);
    }
    const all = await walk<{ id: number }, 'beds.bookings'>(nurse, 'beds.bookings', { hospitalId: app.hospitalId }, 2);
    expect(ids(all).sort((a, b) => a - b)).toEqual(made);
    expect(ids(all)).toEqual(made);
    // One bed's reservations (the bed drawer's list).
    expect(ids((await nurse.ok('beds.bookings', { hospitalId: app.hospitalId, bedId: room.beds[1].id })).items)).toEqual([made[1]]);
  });

  it('walks all leave of a period exactly once, by first day and name', async () => {
    const dep = await department(app.admin, app.hospitalId, 'Paging ward');
    const made: number[] = [];
    for (let i = 0; i < 5; i++) {
      // The same name and the same first day for most of them.
      const s = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Ruth', lastName: 'Namubiru', staffRole: 'nurse', departmentId: dep.id, hireDate: '2020-01-01', contractedHours: 40 });
      const startDate = i < 4 ? '2027-04-05' : '2027-04-01';
      made.push((await hr.ok('leave.record', { staffId: s.id, kind: 'annual', startDate, endDate: '2027-04-09' })).leave.id);
    }
    const all = await walk<{ id: number }, 'leave.list'>(hr, 'leave.list', { hospitalId: app.hospitalId, from: '2027-04-01', to: '2027-04-30' }, 2);
    expect(ids(all).sort((a, b) => a - b)).toEqual(made);
    expect(ids(all)).toEqual([made[4], ...made.slice(0, 4)]);
  });

  it('walks the doctors of a department exactly once, by name', async () => {
    const dep = await department(app.admin, app.hospitalId, 'Paging clinic');
    const made: number[] = [];
    // Namesakes: only the id orders them.
    for (let i = 0; i < 5; i++) made.push((await doctor(hr, app.hospitalId, { firstName: 'Moses', lastName: i < 4 ? 'Kato' : 'Achieng', departmentId: dep.id })).id);
    const all = await walk<{ id: number }, 'doctors.list'>(deskClerk, 'doctors.list', { hospitalId: app.hospitalId, departmentId: dep.id, query: '' }, 2);
    expect(ids(all)).toEqual([made[4], ...made.slice(0, 4)]);
  });

  it("walks a patient's unbilled charges exactly once, by day of service", async () => {
    const item = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'PG-CH', description: 'Wound dressing', category: 'treatment', price: 2000 });
    const p = await patient(deskClerk, app.hospitalId);
    const made: number[] = [];
    // The same item on the same day, five times: only the id orders them.
    for (let i = 0; i < 5; i++) made.push((await nurse.ok('charges.add', { patientId: p.id, catalogItemId: item.id })).id);
    const all = await walk<{ id: number }, 'charges.unbilled'>(cashier, 'charges.unbilled', { patientId: p.id }, 2);
    expect(ids(all)).toEqual(made);
  });

  it("walks a patient's stays exactly once, the latest admission first", async () => {
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Paging stays', level: 7 });
    const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '701', roomType: 'general_ward', dailyRate: 10_000, beds: 3 });
    const dr = await doctor(hr, app.hospitalId);
    const p = await patient(deskClerk, app.hospitalId);
    const made: number[] = [];
    // The clock stands still: every admission has the same instant, and the id orders them.
    for (const [i, bed] of room.beds.entries()) {
      const stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: bed.id, attendingDoctorId: dr.id, reason: 'Observation' });
      made.push(stay.id);
      if (i < room.beds.length - 1) await nurse.ok('admissions.discharge', { stayId: stay.id });
    }
    const all = await walk<{ id: number }, 'admissions.forPatient'>(nurse, 'admissions.forPatient', { patientId: p.id }, 2);
    expect(ids(all)).toEqual([...made].reverse());
  });

  it("walks a patient's upcoming and past appointments exactly once: soonest first, latest first", async () => {
    const dr = await doctor(hr, app.hospitalId, { hours: everyDay('08:00', '17:00') });
    const p = await patient(deskClerk, app.hospitalId);
    const at = (local: string) => new Date(`${local}:00+03:00`).toISOString();
    const book = async (local: string) => (await deskClerk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: at(local) })).id;
    // Three appointments at 09:00 on Tuesday (each cancelled, which frees the slot for the next): only the id orders them.
    const tied: number[] = [];
    for (let i = 0; i < 3; i++) {
      tied.push(await book('2027-03-02T09:00'));
      await deskClerk.ok('appointments.cancel', { id: tied[i], reason: 'Rebooked' });
    }
    const tuesday = await book('2027-03-02T10:00');
    const wednesday = await book('2027-03-03T09:00');
    const list = (desk: Desk, when: 'upcoming' | 'past') => walk<{ id: number }, 'appointments.forPatient'>(desk, 'appointments.forPatient', { patientId: p.id, when }, 2);
    try {
      expect(ids(await list(deskClerk, 'upcoming'))).toEqual([...tied, tuesday, wednesday]);
      expect(await list(deskClerk, 'past')).toEqual([]);
      // Tuesday noon, at a desk signed in then (the screens idle since Monday are locked): Tuesday's are past, latest
      // first; Wednesday's is still ahead.
      await app.setClock(new Date('2027-03-02T12:00:00+03:00'));
      const tuesdayDesk = await app.signedIn(['front_desk']);
      expect(ids(await list(tuesdayDesk, 'upcoming'))).toEqual([wednesday]);
      expect(ids(await list(tuesdayDesk, 'past'))).toEqual([tuesday, ...[...tied].reverse()]);
      await app.setClock(new Date('2027-03-04T06:00:00+03:00'));
      const thursdayDesk = await app.signedIn(['front_desk']);
      expect(await list(thursdayDesk, 'upcoming')).toEqual([]);
      expect(ids(await list(thursdayDesk, 'past'))).toEqual([wednesday, tuesday, ...[...tied].reverse()]);
    } finally {
      await app.setClock(new Date('2027-03-01T06:00:00+03:00'));
    }
  });

  it('refuses a page marker it did not make, on every paged list: VALIDATION on the field cursor', async () => {
    const tampered = [
      'garbage',
      '12', // the audit trail's old marker: a bare id
      Buffer.from(JSON.stringify(['Namubiru', 1])).toString('base64url'), // an old marker without the version
      encodeCursor([1.5]), // right version, a value no list sorts by
      encodeCursor([]), // right version, no position
      Buffer.from('["k1", 1').toString('base64url'), // cut short
    ];
    const lists: [Desk, ChannelName, object][] = [
      [deskClerk, 'patients.search', { query: 'a' }],
      [hr, 'staff.list', { hospitalId: app.hospitalId }],
      [app.admin, 'users.list', {}],
      [app.admin, 'audit.list', {}],
      [cashier, 'invoices.list', { hospitalId: app.hospitalId }],
      [cashier, 'catalog.list', { hospitalId: app.hospitalId }],
      [nurse, 'beds.bookings', { hospitalId: app.hospitalId }],
      [hr, 'leave.list', { hospitalId: app.hospitalId, from: '2027-04-01', to: '2027-04-30' }],
      [deskClerk, 'doctors.list', { hospitalId: app.hospitalId }],
      [cashier, 'charges.unbilled', { patientId: (await patient(deskClerk, app.hospitalId)).id }],
      [nurse, 'admissions.forPatient', { patientId: (await patient(deskClerk, app.hospitalId)).id }],
      [deskClerk, 'appointments.forPatient', { patientId: (await patient(deskClerk, app.hospitalId)).id, when: 'upcoming' }],
      [deskClerk, 'appointments.forPatient', { patientId: (await patient(deskClerk, app.hospitalId)).id, when: 'past' }],
    ];
    for (const [desk, channel, input] of lists) {
      for (const cursor of tampered) {
        const e = await desk.fails(channel, { ...input, cursor } as never, 'VALIDATION');
        expect(e.fields, `${channel} with ${cursor}`).toEqual({ cursor: 'This page marker is not valid.' });
      }
    }
  });
});

describe('row locks', () => {
  it('locks rows in id order whatever order they are asked in', async () => {
    const deps = [];
    for (const name of ['Lock A', 'Lock B', 'Lock C']) deps.push((await department(app.admin, app.hospitalId, name)).id);
    const [low, middle, high] = deps;
    const ds = await app.runtime.db.dataSource();
    const holder = ds.createQueryRunner();
    const locker = ds.createQueryRunner();
    const prober = ds.createQueryRunner();
    try {
      for (const q of [holder, locker, prober]) await q.startTransaction();
      // Another desk holds the middle row: the locker takes the lowest row, then waits there.
      await holder.manager.query('SELECT id FROM departments WHERE id = ? FOR UPDATE', [middle]);
      const locked = lockRows(locker.manager, DepartmentEntity, [high, low, middle]);
      await new Promise((r) => setTimeout(r, 300));
      await expect(prober.manager.query('SELECT id FROM departments WHERE id = ? FOR UPDATE NOWAIT', [low])).rejects.toThrow();
      expect(await prober.manager.query('SELECT id FROM departments WHERE id = ? FOR UPDATE NOWAIT', [high])).toHaveLength(1);
      await prober.rollbackTransaction();
      await holder.rollbackTransaction();
      expect((await locked).map((d) => d.id)).toEqual([low, middle, high]);
      expect((await locked)[0]).toBeInstanceOf(DepartmentEntity);
      await locker.rollbackTransaction();
    } finally {
      for (const q of [holder, locker, prober]) await q.release();
    }
  });
});

describe('a taken business key found before writing answers as the unique key does: CONFLICT naming the field', () => {
  it('usernames, bed labels, employee numbers, department and shift names', async () => {
    const taken = async (desk: Desk, channel: ChannelName, input: object) => (await desk.fails(channel, input, 'CONFLICT')).fields;
    expect(await taken(app.admin, 'users.create', { username: 'admin', password: 'long-enough-pw', fullName: 'Another', roles: ['nurse'], hospitalIds: [app.hospitalId], allHospitals: false })).toEqual({
      username: 'That username is already taken.',
    });
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Conflict block', level: 6 });
    const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: '601', roomType: 'private', dailyRate: 1, beds: 1 });
    expect(await taken(app.admin, 'rooms.addBed', { roomId: room.id, label: 'A' })).toEqual({ label: 'The room already has a bed with that label.' });
    const s = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Joan', lastName: 'Auma', staffRole: 'nurse', hireDate: '2020-01-01', contractedHours: 40 });
    expect(await taken(hr, 'staff.create', { hospitalId: app.hospitalId, firstName: 'Jo', lastName: 'Other', staffRole: 'nurse', hireDate: '2020-01-01', contractedHours: 40, employeeNumber: s.employeeNumber })).toEqual({
      employeeNumber: 'That employee number is already in use at this hospital.',
    });
    const radiology = await department(app.admin, app.hospitalId, 'Radiology');
    const surgery = await department(app.admin, app.hospitalId, 'Surgery');
    expect(await taken(app.admin, 'departments.update', { id: surgery.id, name: radiology.name })).toEqual({ name: 'This hospital already has a department with that name.' });
    await hr.ok('shifts.createType', { hospitalId: app.hospitalId, name: 'Early', code: 'EA', start: '06:00', end: '14:00' });
    expect(await taken(hr, 'shifts.createType', { hospitalId: app.hospitalId, name: 'Early', code: 'E2', start: '06:00', end: '14:00' })).toEqual({ name: 'That shift name is already in use.' });
  });
});
