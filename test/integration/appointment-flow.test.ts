// The appointment status flow on the day itself: check-in with a queue, completion by the doctor, no-shows, cancelling,
// moving, the day views, and a cancel racing a check-in. The clock is set to Monday 1 March 2027, 07:00 in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { department, doctor, patient } from '../support/scheduling';

let app: TestApp;
let hr: Desk;
let desk: Desk;
let drDesk: Desk & { userId: number };
let dr: Output<'staff.create'>;
let colleague: Output<'staff.create'>;

/** 'HH:MM' on 1 March 2027 in Kampala (UTC+3). */
const kla = (hhmm: string, day = '01') => {
  const [h, m] = hhmm.split(':').map(Number);
  return new Date(Date.UTC(2027, 2, Number(day), h - 3, m)).toISOString();
};

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date(kla('07:00')));
  hr = await app.signedIn(['hr']);
  desk = await app.signedIn(['front_desk']);
  drDesk = await app.signedIn(['doctor']);
  const gp = await department(app.admin, app.hospitalId, 'Outpatients');
  const hours = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' }));
  dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', departmentId: gp.id, userId: drDesk.userId, slotMinutes: 15, hours });
  colleague = await doctor(hr, app.hospitalId, { firstName: 'Moses', lastName: 'Kato', departmentId: gp.id, slotMinutes: 15, hours });
});
afterAll(async () => app?.close());

async function book(time: string, doctorId = dr.id, day = '01') {
  const p = await patient(desk, app.hospitalId);
  return desk.ok('appointments.book', { patientId: p.id, doctorId, start: kla(time, day) });
}

describe('check-in and the queue', () => {
  it('gives arriving patients the next place in the doctor queue of the day, in order of arrival', async () => {
    const late = await book('10:00');
    const early = await book('09:00');
    const first = await desk.ok('appointments.checkIn', { id: late.id });
    const second = await desk.ok('appointments.checkIn', { id: early.id });
    expect([first.status, first.queueNumber, second.queueNumber]).toEqual(['checked_in', 1, 2]);
    expect(first.checkedInAt).toBeTruthy();
    // The colleague's queue is a queue of its own.
    const other = await desk.ok('appointments.checkIn', { id: (await book('09:00', colleague.id)).id });
    expect(other.queueNumber).toBe(1);
    const day = await drDesk.ok('appointments.forDoctor', { doctorId: dr.id, from: '2027-03-01' });
    expect(day.filter((a) => a.status === 'checked_in').map((a) => [a.id, a.queueNumber])).toEqual([
      [early.id, 2],
      [late.id, 1],
    ]);
  });

  it('is refused on another day than the appointment', async () => {
    const tomorrow = await book('09:00', dr.id, '02');
    const e = await desk.fails('appointments.checkIn', { id: tomorrow.id }, 'CONFLICT');
    expect(e.message).toBe('This appointment is on 2 Mar 2027; patients check in on the day of their appointment (today is 1 Mar 2027).');
  });
});

describe('the status flow (tests run in order: the no-show test moves the clock to 08:20 and hands its desk to the race after it)', () => {
  it('refuses illegal moves with a sentence saying why', async () => {
    const a = await book('11:00');
    await desk.fails('appointments.complete', { id: a.id }, 'FORBIDDEN');
    expect((await drDesk.fails('appointments.complete', { id: a.id }, 'CONFLICT')).message).toBe(
      'The patient has not been checked in yet: check them in before completing the appointment.',
    );
    const cancelled = await desk.ok('appointments.cancel', { id: a.id, reason: 'Patient travelling' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Patient travelling' });
    expect((await desk.fails('appointments.checkIn', { id: a.id }, 'CONFLICT')).message).toBe('A cancelled appointment cannot be checked in.');
    expect((await desk.fails('appointments.cancel', { id: a.id, reason: 'again' }, 'CONFLICT')).message).toBe('The appointment is already cancelled.');
    await desk.fails('appointments.cancel', { id: a.id, reason: '   ' }, 'VALIDATION');

    const b = await book('11:15');
    await desk.ok('appointments.checkIn', { id: b.id });
    const done = await drDesk.ok('appointments.complete', { id: b.id });
    expect(done.status).toBe('completed');
    expect((await desk.fails('appointments.cancel', { id: b.id, reason: 'late' }, 'CONFLICT')).message).toBe('A completed appointment cannot be cancelled.');
    expect((await desk.fails('appointments.markNoShow', { id: b.id }, 'CONFLICT')).message).toBe('A completed appointment cannot be marked as a no-show.');
  });

  it("lets a doctor complete only their own patients' appointments", async () => {
    const a = await book('12:00', colleague.id);
    await desk.ok('appointments.checkIn', { id: a.id });
    const e = await drDesk.fails('appointments.complete', { id: a.id }, 'FORBIDDEN');
    expect(e.message).toMatch(/own appointments only/);
    // Neither is it the administrator's; a role the administrator widened to it (a clinic lead) completes any.
    await app.admin.fails('appointments.complete', { id: a.id }, 'FORBIDDEN');
    const lead = await app.signedIn(['manager']);
    await lead.fails('appointments.complete', { id: a.id }, 'FORBIDDEN');
    await app.admin.ok('permissions.set', { hospitalId: app.hospitalId, role: 'manager', channel: 'appointments.complete', allowed: true });
    expect((await lead.ok('appointments.complete', { id: a.id })).status).toBe('completed');
    await app.admin.ok('permissions.set', { hospitalId: app.hospitalId, role: 'manager', channel: 'appointments.complete', allowed: null });
  });

  it('marks a no-show only once the appointment time has come', async () => {
    const a = await book('08:00');
    expect((await desk.fails('appointments.markNoShow', { id: a.id }, 'CONFLICT')).message).toMatch(/only be a no-show once that time has come/);
    await app.setClock(new Date(kla('08:20')));
    const d = await app.signedIn(['front_desk']);
    expect((await d.ok('appointments.markNoShow', { id: a.id })).status).toBe('no_show');
    desk = d;
  });

  it('a cancel racing a check-in ends in one consistent state, every time', async () => {
    const other = await app.signedIn(['front_desk']);
    for (let i = 0; i < 8; i++) {
      const a = await book(['13:00', '13:15', '13:30', '13:45', '14:00', '14:15', '14:30', '14:45'][i]);
      const [c, k] = await Promise.all([desk.call('appointments.cancel', { id: a.id, reason: 'raced' }), other.call('appointments.checkIn', { id: a.id })]);
      expect([c.ok, k.ok].filter(Boolean)).toHaveLength(1);
      const [row] = await app.db.sql<{ status: string; queue_number: number | null; cancel_reason: string | null }>('SELECT status, queue_number, cancel_reason FROM appointments WHERE id = ?', [a.id]);
      if (c.ok) expect(row).toEqual({ status: 'cancelled', queue_number: null, cancel_reason: 'raced' });
      else expect(row).toMatchObject({ status: 'checked_in', cancel_reason: null });
      expect(row.status === 'checked_in' ? row.queue_number : 1).toBeGreaterThan(0);
    }
  });
});

describe('moving an appointment', () => {
  it('moves a booked appointment to another free slot, freeing the old one; a stale or taken move is refused', async () => {
    const a = await book('15:00', dr.id, '03');
    const blocker = await book('15:30', dr.id, '03');
    const moved = await desk.ok('appointments.reschedule', { id: a.id, version: a.version, start: kla('16:00', '03') });
    expect(moved).toMatchObject({ start: kla('16:00', '03'), version: a.version + 1, status: 'booked' });
    const free = await desk.ok('appointments.freeSlots', { doctorId: dr.id, date: '2027-03-03' });
    expect(free.slots.map((s) => s.start)).toContain(kla('15:00', '03'));
    expect(free.slots.map((s) => s.start)).not.toContain(kla('16:00', '03'));
    await desk.fails('appointments.reschedule', { id: a.id, version: a.version, start: kla('16:15', '03') }, 'CONFLICT');
    const taken = await desk.fails('appointments.reschedule', { id: a.id, version: moved.version, start: blocker.start }, 'CONFLICT');
    expect(taken.message).toMatch(/The 15:30 slot on Wed 3 Mar 2027 with Dr Jane Okello is already taken/);
    const toColleague = await desk.ok('appointments.reschedule', { id: a.id, version: moved.version, start: kla('16:00', '03'), doctorId: colleague.id });
    expect(toColleague).toMatchObject({ doctorId: colleague.id, doctorName: 'Dr Moses Kato' });
    // Moving to its own slot again is not a conflict with itself.
    expect((await desk.ok('appointments.reschedule', { id: a.id, version: toColleague.version, start: kla('16:00', '03'), doctorId: colleague.id })).version).toBe(toColleague.version + 1);
  });
});

describe('day views (the hospital\'s day is the one the tests above booked on 1 March)', () => {
  it("the hospital's day lists every appointment with patient and doctor, and the doctors working with their hours", async () => {
    const day = await desk.ok('appointments.daySchedule', { hospitalId: app.hospitalId, date: '2027-03-01' });
    expect(day.timeZone).toBe('Africa/Kampala');
    expect(day.appointments.length).toBeGreaterThanOrEqual(8);
    expect(day.appointments.map((a) => a.start)).toEqual([...day.appointments.map((a) => a.start)].sort());
    expect(day.doctors.map((d) => [d.name, d.hours])).toEqual([
      ['Dr Moses Kato', [{ start: '08:00', end: '17:00' }]],
      ['Dr Jane Okello', [{ start: '08:00', end: '17:00' }]],
    ]);
    const onlyJane = await desk.ok('appointments.daySchedule', { hospitalId: app.hospitalId, date: '2027-03-01', doctorId: dr.id });
    expect(new Set(onlyJane.appointments.map((a) => a.doctorId))).toEqual(new Set([dr.id]));
  });

  it("a patient's page shows upcoming appointments soonest first and past ones latest first", async () => {
    const p = await patient(desk, app.hospitalId);
    const soon = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: kla('09:00', '04') });
    const later = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: kla('09:00', '05') });
    await app.setClock(new Date(kla('12:00', '04')));
    const d = await app.signedIn(['front_desk']);
    const upcoming = await d.ok('appointments.forPatient', { patientId: p.id, when: 'upcoming' });
    const past = await d.ok('appointments.forPatient', { patientId: p.id, when: 'past' });
    expect(upcoming).toEqual({ items: [expect.objectContaining({ id: later.id })], nextCursor: null });
    expect(past).toEqual({ items: [expect.objectContaining({ id: soon.id })], nextCursor: null });
    // Each page asked is a read of the patient's record in the trail.
    const audit = await app.db.sql<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'patient' AND entity_id = ? ORDER BY id DESC LIMIT 2", [String(p.id)]);
    expect(audit.map((a) => a.action)).toEqual(['patient.appointments_read', 'patient.appointments_read']);
  });
});

describe('another workstation', () => {
  it("sees a booking made at a different workstation (its own main process) within seconds, through the change feed", async () => {
    // A second workstation: its own runtime (process) on the same database, with the feed running.
    const { createRuntime, memoryProfiles } = await import('../../src-main/ipc/runtime');
    const { startChangeFeed } = await import('../../src-main/ipc/change-feed');
    const other = createRuntime({ envTarget: app.db.target, profiles: memoryProfiles(), poolSize: 2 });
    const seen: { entity: string; ids: string[]; hospitalIds: number[] }[] = [];
    other.events.subscribe((name, payload) => name === 'records.changed' && seen.push(payload as (typeof seen)[number]));
    const stop = startChangeFeed(other, 200);
    try {
      await new Promise((r) => setTimeout(r, 400));
      const d = await app.signedIn(['front_desk']);
      const a = await d.ok('appointments.book', { patientId: (await patient(d, app.hospitalId)).id, doctorId: colleague.id, start: kla('10:00', '05') });
      await expect.poll(() => seen.find((s) => s.entity === 'appointment'), { timeout: 5000, interval: 100 }).toEqual({ entity: 'appointment', ids: [String(a.id)], hospitalIds: [app.hospitalId] });
    } finally {
      stop();
      await other.db.close();
    }
  });
});
