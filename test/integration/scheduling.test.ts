// Departments, staff records, doctors' hours and exceptions, free slots across time zones and daylight saving, and the
// booking rules, including many desks booking at once. The clock stands on Monday 4 January 2027.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { department, doctor, patient } from '../support/scheduling';

let app: TestApp;
let hr: Desk;
let desk: Desk;
let nycId: number;
let cardiology: Output<'departments.create'>;

beforeAll(async () => {
  app = await startTestApp();
  // A fixed "now" (Monday 4 January 2027): the dates below stay in the future whenever the suite runs.
  await app.setClock(new Date('2027-01-04T06:00:00Z'));
  hr = await app.signedIn(['hr'], { allHospitals: true });
  desk = await app.signedIn(['front_desk'], { allHospitals: true });
  nycId = (
    await app.admin.ok('hospitals.create', { ...UGANDA, code: 'NYC', name: 'Hudson Clinic', country: 'US', region: 'New York', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'NYC{seq:7}' })
  ).id;
  cardiology = await department(app.admin, app.hospitalId, 'Cardiology');
});
afterAll(async () => app?.close());

const at = (iso: string) => new Date(iso).toISOString();

describe('departments', () => {
  it('are created by administrators, listed per hospital, and unique by name within a hospital', async () => {
    await department(app.admin, app.hospitalId, 'Radiology');
    await department(app.admin, nycId, 'Radiology');
    const e = await app.admin.fails('departments.create', { hospitalId: app.hospitalId, name: 'Radiology' }, 'CONFLICT');
    expect(e.fields).toEqual({ name: 'This hospital already has a department with that name.' });
    await hr.fails('departments.create', { hospitalId: app.hospitalId, name: 'Surgery' }, 'FORBIDDEN');
    const names = (await desk.ok('departments.list', { hospitalId: app.hospitalId })).map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['Cardiology', 'Radiology']));
    expect(names).not.toContain('Surgery');
  });

  it('can be renamed and retired; retired ones leave the default list', async () => {
    const d = await department(app.admin, app.hospitalId, 'Physio');
    const renamed = await app.admin.ok('departments.update', { id: d.id, name: 'Physical Medicine', active: false });
    expect(renamed).toMatchObject({ name: 'Physical Medicine', active: false });
    expect((await desk.ok('departments.list', { hospitalId: app.hospitalId })).map((x) => x.id)).not.toContain(d.id);
    expect((await desk.ok('departments.list', { hospitalId: app.hospitalId, includeInactive: true })).map((x) => x.id)).toContain(d.id);
  });

  it('is not retired while doctors still belong to it; a record keeping a since-retired department can still be edited', async () => {
    const d = await department(app.admin, app.hospitalId, 'Dermatology');
    const dr = await doctor(hr, app.hospitalId, { departmentId: d.id });
    const nurse = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Ann', lastName: 'Derm', staffRole: 'nurse', departmentId: d.id, hireDate: '2022-01-01', contractedHours: 40 });
    const e = await app.admin.fails('departments.update', { id: d.id, active: false }, 'CONFLICT');
    expect(e.message).toBe('1 doctor still belongs to Dermatology: move them to another department before retiring it.');
    await hr.ok('staff.terminate', { id: dr.id, version: dr.version, terminatedOn: '2026-11-01', reason: 'Retired' });
    await app.admin.ok('departments.update', { id: d.id, active: false });
    const edited = await hr.ok('staff.update', { id: nurse.id, version: nurse.version, departmentId: d.id, contractedHours: 30 });
    expect(edited).toMatchObject({ departmentName: 'Dermatology', contractedHours: 30 });
    expect((await hr.fails('staff.create', { hospitalId: app.hospitalId, firstName: 'Bo', lastName: 'Derm', staffRole: 'nurse', departmentId: d.id, hireDate: '2022-01-01', contractedHours: 40 }, 'VALIDATION')).fields?.departmentId).toBe('Dermatology is no longer in use.');
  });
});

describe('staff records (uses the New York department the tests of "departments" created)', () => {
  it('hires a nurse with a generated employee number and a phone checked for the hospital country', async () => {
    const bad = await hr.fails('staff.create', { hospitalId: app.hospitalId, firstName: 'Sarah', lastName: 'Achieng', staffRole: 'nurse', hireDate: '2024-02-01', contractedHours: 40, phone: '12345' }, 'VALIDATION');
    expect(bad.fields?.phone).toBeTruthy();
    const s = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Sarah', lastName: 'Achieng', staffRole: 'nurse', hireDate: '2024-02-01', contractedHours: 40, phone: '0772 555 123', departmentId: cardiology.id });
    expect(s).toMatchObject({ employeeNumber: expect.stringMatching(/^HMS-\d{5}$/), phone: '+256772555123', status: 'active', departmentName: 'Cardiology', doctor: null, version: 1 });
    const audit = await app.db.sql<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'staff' AND entity_id = ?", [String(s.id)]);
    expect(audit.map((a) => a.action)).toEqual(['staff.create']);
  });

  it('refuses a doctor without a licence, a duplicate licence, a department of another hospital, and bad input', async () => {
    const base = { hospitalId: app.hospitalId, firstName: 'Peter', lastName: 'Okello', staffRole: 'doctor' as const, hireDate: '2021-05-01', contractedHours: 40 };
    expect((await hr.fails('staff.create', base, 'VALIDATION')).fields).toHaveProperty(['doctor.specialization']);
    const doc = { specialization: 'Cardiology', licenceNumber: 'UMDPC-1234', consultationFee: 80000 };
    await hr.ok('staff.create', { ...base, doctor: doc });
    expect((await hr.fails('staff.create', { ...base, firstName: 'Paul', doctor: doc }, 'CONFLICT')).fields).toEqual({ 'doctor.licenceNumber': 'Another doctor already has that licence number.' });
    const nycDep = (await desk.ok('departments.list', { hospitalId: nycId }))[0];
    expect((await hr.fails('staff.create', { ...base, staffRole: 'nurse', departmentId: nycDep.id }, 'VALIDATION')).fields?.departmentId).toMatch(/Not a department of Kampala General/);
    const e = await hr.fails('staff.create', { ...base, staffRole: 'nurse', firstName: 'x'.repeat(101), contractedHours: 'forty', hireDate: '2021-02-30' }, 'VALIDATION');
    expect(Object.keys(e.fields ?? {})).toEqual(expect.arrayContaining(['firstName', 'contractedHours', 'hireDate']));
    const sneaky = await hr.ok('staff.create', { ...base, staffRole: 'support', lastName: "O'Brien'); DROP TABLE staff; --" });
    expect((await hr.ok('staff.get', { id: sneaky.id })).lastName).toBe("O'Brien'); DROP TABLE staff; --");
  });

  it('is kept by HR and administrators only', async () => {
    await desk.fails('staff.create', { hospitalId: app.hospitalId, firstName: 'A', lastName: 'B', staffRole: 'nurse', hireDate: '2021-05-01', contractedHours: 40 }, 'FORBIDDEN');
    await desk.fails('staff.list', {}, 'FORBIDDEN');
    const ugOnly = await app.signedIn(['hr']);
    await ugOnly.fails('staff.create', { hospitalId: nycId, firstName: 'A', lastName: 'B', staffRole: 'nurse', hireDate: '2021-05-01', contractedHours: 40 }, 'FORBIDDEN');
  });

  it('a stale edit gets a conflict; on leave and back; termination moves the record to the searchable archive for good', async () => {
    const s = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Joseph', lastName: 'Mugisha', staffRole: 'technician', hireDate: '2019-03-01', contractedHours: 40 });
    const edited = await hr.ok('staff.update', { id: s.id, version: s.version, contractedHours: 32 });
    expect(edited).toMatchObject({ contractedHours: 32, version: 2 });
    const stale = await hr.fails('staff.update', { id: s.id, version: 1, contractedHours: 20 }, 'CONFLICT');
    expect(stale.message).toMatch(/Joseph Mugisha .* was changed at another desk/);
    const onLeave = await hr.ok('staff.update', { id: s.id, version: 2, status: 'on_leave' });
    expect(onLeave.status).toBe('on_leave');
    expect((await hr.ok('staff.list', { hospitalId: app.hospitalId, view: 'on_leave' })).items.map((x) => x.id)).toContain(s.id);

    const gone = await hr.ok('staff.terminate', { id: s.id, version: onLeave.version, terminatedOn: '2026-10-31', reason: 'Resigned' });
    expect(gone).toMatchObject({ status: 'terminated', terminatedOn: '2026-10-31', terminationReason: 'Resigned' });
    const current = await hr.ok('staff.list', { hospitalId: app.hospitalId, query: 'Mugisha' });
    expect(current.items).toEqual([]);
    const archive = await hr.ok('staff.list', { hospitalId: app.hospitalId, view: 'archive', query: 'Mugi' });
    expect(archive.items.map((x) => x.id)).toEqual([s.id]);
    await hr.fails('staff.update', { id: s.id, version: gone.version, contractedHours: 10 }, 'CONFLICT');
    await hr.fails('staff.terminate', { id: s.id, version: gone.version, terminatedOn: '2026-11-01', reason: 'again' }, 'CONFLICT');
    expect(await app.db.sql('SELECT id FROM staff WHERE id = ?', [s.id])).toHaveLength(1);
  });

  it('lists in name order with keyset paging', async () => {
    for (const last of ['Zawadi', 'Yiga', 'Xavier']) {
      await hr.ok('staff.create', { hospitalId: nycId, firstName: 'Pat', lastName: last, staffRole: 'billing', hireDate: '2022-01-01', contractedHours: 40 });
    }
    const first = await hr.ok('staff.list', { hospitalId: nycId, staffRole: 'billing', limit: 2 });
    expect(first.items.map((x) => x.lastName)).toEqual(['Xavier', 'Yiga']);
    const next = await hr.ok('staff.list', { hospitalId: nycId, staffRole: 'billing', limit: 2, cursor: first.nextCursor });
    expect(next.items.map((x) => x.lastName)).toEqual(['Zawadi']);
    expect(next.nextCursor).toBeNull();
    await hr.fails('staff.list', { cursor: 'not-a-cursor' }, 'VALIDATION');
  });
});

describe("doctors' weekly hours", () => {
  it('a new schedule for a period replaces the hours of that period and keeps what lies before and after', async () => {
    const d = await doctor(hr, app.hospitalId, { hours: [{ weekday: 1, start: '09:00', end: '12:00' }], validFrom: '2027-01-01' });
    await hr.ok('doctors.setSchedule', { doctorId: d.id, hospitalId: app.hospitalId, validFrom: '2027-02-01', validTo: '2027-02-28', hours: [{ weekday: 2, start: '14:00', end: '16:00', slotMinutes: 20 }] });
    const s = await desk.ok('doctors.getSchedule', { doctorId: d.id });
    const view = s.hours.map((h) => `${h.validFrom}..${h.validTo ?? ''} ${h.weekday} ${h.start}-${h.end}/${h.slotMinutes}`);
    expect(view).toEqual(['2027-01-01..2027-01-31 1 09:00-12:00/30', '2027-02-01..2027-02-28 2 14:00-16:00/20', '2027-03-01.. 1 09:00-12:00/30']);
  });

  it('refuses overlapping blocks, an end before the start, and blocks shorter than a slot', async () => {
    const d = await doctor(hr, app.hospitalId);
    const e = await hr.fails(
      'doctors.setSchedule',
      { doctorId: d.id, hospitalId: app.hospitalId, validFrom: '2027-01-01', hours: [{ weekday: 1, start: '09:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '13:00' }] },
      'VALIDATION',
    );
    expect(e.fields?.['hours.1.start']).toMatch(/Overlaps Monday 09:00–12:00/);
    const e2 = await hr.fails('doctors.setSchedule', { doctorId: d.id, hospitalId: app.hospitalId, validFrom: '2027-01-01', hours: [{ weekday: 1, start: '12:00', end: '09:00' }] }, 'VALIDATION');
    expect(e2.fields?.['hours.0.end']).toBe('Must be after the start.');
    const e3 = await hr.fails('doctors.setSchedule', { doctorId: d.id, hospitalId: app.hospitalId, validFrom: '2027-01-01', hours: [{ weekday: 1, start: '09:00', end: '09:20' }] }, 'VALIDATION');
    expect(e3.fields?.['hours.0.end']).toMatch(/Shorter than one 30-minute slot/);
    await hr.fails('doctors.setSchedule', { doctorId: d.id, hospitalId: app.hospitalId, validFrom: '2027-01-01', hours: [{ weekday: 8, start: '25:00', end: '09:00' }] }, 'VALIDATION');
    await desk.fails('doctors.setSchedule', { doctorId: d.id, hospitalId: app.hospitalId, validFrom: '2027-01-01', hours: [] }, 'FORBIDDEN');
  });
});

describe('free slots', () => {
  it('are counted in the hospital time zone: Kampala (UTC+3)', async () => {
    const d = await doctor(hr, app.hospitalId, { hours: [{ weekday: 1, start: '09:00', end: '12:00' }] });
    const day = await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-01' });
    expect(day.unavailable).toBeNull();
    expect(day.slots.map((s) => s.start)).toEqual(['06:00', '06:30', '07:00', '07:30', '08:00', '08:30'].map((t) => at(`2027-03-01T${t}:00Z`)));
    expect(day.slots[0]).toMatchObject({ end: at('2027-03-01T06:30:00Z'), hospitalId: app.hospitalId });
  });

  it('are counted in the hospital time zone: New York (UTC-5, UTC-4 in summer)', async () => {
    const d = await doctor(hr, nycId, { hours: [{ weekday: 1, start: '09:00', end: '10:00' }] });
    const winter = await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-08' });
    expect(winter.slots.map((s) => s.start)).toEqual([at('2027-03-08T14:00:00Z'), at('2027-03-08T14:30:00Z')]);
    const summer = await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-15' });
    expect(summer.slots.map((s) => s.start)).toEqual([at('2027-03-15T13:00:00Z'), at('2027-03-15T13:30:00Z')]);
  });

  it('follow real time across daylight-saving changes: three hours of slots when clocks jump forward, five when they fall back', async () => {
    const d = await doctor(hr, nycId, { hours: [{ weekday: 7, start: '00:00', end: '04:00', slotMinutes: 60 }] });
    const spring = await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-14' });
    expect(spring.slots.map((s) => s.start)).toEqual([at('2027-03-14T05:00:00Z'), at('2027-03-14T06:00:00Z'), at('2027-03-14T07:00:00Z')]);
    const autumn = await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-11-07' });
    expect(autumn.slots.map((s) => s.start)).toEqual(['04:00', '05:00', '06:00', '07:00', '08:00'].map((t) => at(`2027-11-07T${t}:00Z`)));
    // The slot after the jump is bookable like any other.
    const p = await patient(desk, app.hospitalId);
    const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: d.id, start: at('2027-03-14T07:00:00Z') });
    expect(a).toMatchObject({ date: '2027-03-14', end: at('2027-03-14T08:00:00Z') });
  });

  it('say why a day has none: not working, on leave, fully booked, past', async () => {
    const d = await doctor(hr, app.hospitalId, { firstName: 'Ruth', lastName: 'Nabirye', hours: [{ weekday: 1, start: '09:00', end: '10:00' }] });
    expect((await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-02' })).unavailable).toEqual({ reason: 'not_working', message: 'Dr Ruth Nabirye does not work on Tuesdays.' });
    const away = await hr.ok('doctors.addException', { doctorId: d.id, kind: 'leave', startDate: '2027-03-08', endDate: '2027-03-12', note: 'Annual leave' });
    expect(away.affectedAppointments).toEqual([]);
    expect((await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-08' })).unavailable).toEqual({ reason: 'on_leave', message: 'Dr Ruth Nabirye is on leave from 8 Mar 2027 to 12 Mar 2027.' });
    const p1 = await patient(desk, app.hospitalId);
    const p2 = await patient(desk, app.hospitalId);
    await desk.ok('appointments.book', { patientId: p1.id, doctorId: d.id, start: at('2027-03-15T06:00:00Z') });
    await desk.ok('appointments.book', { patientId: p2.id, doctorId: d.id, start: at('2027-03-15T06:30:00Z') });
    const full = await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-15' });
    expect(full).toMatchObject({ slots: [], unavailable: { reason: 'fully_booked', message: 'Dr Ruth Nabirye is fully booked on 15 Mar 2027.' } });
    expect((await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2025-03-03' })).unavailable?.reason).toBe('past');
  });

  it('a part-day exception removes only its hours, and lists the booked appointments that fall in it', async () => {
    const d = await doctor(hr, app.hospitalId, { hours: [{ weekday: 3, start: '09:00', end: '12:00', slotMinutes: 60 }] });
    const p = await patient(desk, app.hospitalId);
    const booked = await desk.ok('appointments.book', { patientId: p.id, doctorId: d.id, start: at('2027-03-03T07:00:00Z') });
    const away = await hr.ok('doctors.addException', { doctorId: d.id, kind: 'conference', startDate: '2027-03-03', endDate: '2027-03-03', startTime: '10:00', endTime: '12:00' });
    expect(away.affectedAppointments.map((a) => a.id)).toEqual([booked.id]);
    const day = await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-03' });
    expect(day.slots.map((s) => s.start)).toEqual([at('2027-03-03T06:00:00Z')]);
    await hr.ok('doctors.removeException', { id: away.exception.id });
    expect((await desk.ok('appointments.freeSlots', { doctorId: d.id, date: '2027-03-03' })).slots).toHaveLength(2);
  });

  it('of a department list each doctor; the next free slots come from the doctor and from colleagues', async () => {
    const dep = await department(app.admin, app.hospitalId, 'Pediatrics');
    const a = await doctor(hr, app.hospitalId, { departmentId: dep.id, lastName: 'Aaron', hours: [{ weekday: 1, start: '09:00', end: '10:00' }] });
    const b = await doctor(hr, app.hospitalId, { departmentId: dep.id, lastName: 'Baker', hours: [{ weekday: 2, start: '09:00', end: '10:00' }] });
    const slots = await desk.ok('appointments.departmentSlots', { hospitalId: app.hospitalId, departmentId: dep.id, date: '2027-03-01' });
    expect(slots.map((s) => [s.doctorId, s.slots.length, s.unavailable?.reason ?? null])).toEqual([
      [a.id, 2, null],
      [b.id, 0, 'not_working'],
    ]);
    await hr.ok('doctors.addException', { doctorId: a.id, kind: 'sick', startDate: '2027-03-01', endDate: '2027-03-01' });
    const next = await desk.ok('appointments.nextFree', { doctorId: a.id, after: at('2027-02-28T00:00:00Z'), limit: 3 });
    expect(next.doctor.map((o) => o.start)).toEqual([at('2027-03-08T06:00:00Z'), at('2027-03-08T06:30:00Z'), at('2027-03-15T06:00:00Z')]);
    expect(next.others.map((o) => [o.doctorId, o.start])).toEqual([
      [b.id, at('2027-03-02T06:00:00Z')],
      [b.id, at('2027-03-02T06:30:00Z')],
      [b.id, at('2027-03-09T06:00:00Z')],
    ]);
    const firstFree = await desk.ok('appointments.nextFree', { departmentId: dep.id, after: at('2027-02-28T00:00:00Z'), limit: 1 });
    expect(firstFree).toEqual({ doctor: [], others: [expect.objectContaining({ doctorId: b.id, start: at('2027-03-02T06:00:00Z') })] });
  });
});

describe('booking', () => {
  let dr: Output<'staff.create'>;
  beforeAll(async () => {
    dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', departmentId: cardiology.id, hours: [{ weekday: 1, start: '09:00', end: '12:00' }] });
  });

  it('books a free slot; the slot is gone from the free slots, the audit trail has it, and other windows are told', async () => {
    const p = await patient(desk, app.hospitalId);
    const events: unknown[] = [];
    const off = app.runtime.events.subscribe((name, payload) => name === 'records.changed' && events.push(payload));
    const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: at('2027-04-05T06:00:00Z'), reason: 'Chest pain follow-up' });
    off();
    expect(a).toMatchObject({ status: 'booked', doctorName: 'Dr Jane Okello', patientNumber: p.patientNumber, date: '2027-04-05', end: at('2027-04-05T06:30:00Z'), departmentName: 'Cardiology', reason: 'Chest pain follow-up', queueNumber: null });
    expect(events).toEqual([{ entity: 'appointment', ids: [String(a.id)], hospitalIds: [app.hospitalId] }]);
    const day = await desk.ok('appointments.freeSlots', { doctorId: dr.id, date: '2027-04-05' });
    expect(day.slots.map((s) => s.start)).not.toContain(a.start);
    expect(day.slots).toHaveLength(5);
    const audit = await app.db.sql<{ action: string }>("SELECT action FROM audit_log WHERE entity = 'appointment' AND entity_id = ?", [String(a.id)]);
    expect(audit.map((x) => x.action)).toEqual(['appointment.book']);
  });

  it('refuses a taken slot with a message naming it, a time that is not a slot, the past, and leave', async () => {
    const [p1, p2] = [await patient(desk, app.hospitalId), await patient(desk, app.hospitalId)];
    await desk.ok('appointments.book', { patientId: p1.id, doctorId: dr.id, start: at('2027-04-12T07:00:00Z') });
    const taken = await desk.fails('appointments.book', { patientId: p2.id, doctorId: dr.id, start: at('2027-04-12T07:00:00Z') }, 'CONFLICT');
    expect(taken.message).toBe('The 10:00 slot on Mon 12 Apr 2027 with Dr Jane Okello is already taken. Choose another slot.');
    const odd = await desk.fails('appointments.book', { patientId: p2.id, doctorId: dr.id, start: at('2027-04-12T07:10:00Z') }, 'VALIDATION');
    expect(odd.fields?.start).toMatch(/not one of Dr Jane Okello's slots/);
    const tuesday = await desk.fails('appointments.book', { patientId: p2.id, doctorId: dr.id, start: at('2027-04-13T07:00:00Z') }, 'VALIDATION');
    expect(tuesday.fields?.start).toBe('Dr Jane Okello does not work on Tuesdays.');
    const past = await desk.fails('appointments.book', { patientId: p2.id, doctorId: dr.id, start: at('2025-04-14T07:00:00Z') }, 'VALIDATION');
    expect(past.message).toBe('Appointments cannot be booked in the past.');
    await hr.ok('doctors.addException', { doctorId: dr.id, kind: 'leave', startDate: '2027-04-19', endDate: '2027-04-19' });
    const leave = await desk.fails('appointments.book', { patientId: p2.id, doctorId: dr.id, start: at('2027-04-19T07:00:00Z') }, 'VALIDATION');
    expect(leave.fields?.start).toBe('Dr Jane Okello is on leave on 19 Apr 2027.');
    await desk.fails('appointments.book', { patientId: p2.id, doctorId: dr.id, start: '12 April 2027 10:00' }, 'VALIDATION');
    await desk.fails('appointments.book', { patientId: 999999, doctorId: dr.id, start: at('2027-04-12T08:00:00Z') }, 'NOT_FOUND');
    await hr.fails('appointments.book', { patientId: p2.id, doctorId: dr.id, start: at('2027-04-12T08:00:00Z') }, 'FORBIDDEN');
  });

  it("refuses a patient's second appointment at an overlapping time with another doctor", async () => {
    const other = await doctor(hr, app.hospitalId, { slotMinutes: 45, hours: [{ weekday: 1, start: '09:00', end: '12:00' }] });
    const p = await patient(desk, app.hospitalId);
    await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: at('2027-04-26T06:30:00Z') });
    const e = await desk.fails('appointments.book', { patientId: p.id, doctorId: other.id, start: at('2027-04-26T06:00:00Z') }, 'CONFLICT');
    expect(e.message).toMatch(/already has an appointment at 09:30 on Mon 26 Apr 2027 with Dr Jane Okello/);
    await desk.ok('appointments.book', { patientId: p.id, doctorId: other.id, start: at('2027-04-26T07:30:00Z') });
  });

  it('fifty desks booking one slot at the same instant: one appointment, 49 conflicts naming the slot', async () => {
    const patients: Output<'patients.register'>[] = [];
    for (let i = 0; i < 50; i++) patients.push(await patient(desk, app.hospitalId));
    // Fifty windows (workstations) signed in with one account.
    const fd = await app.signedIn(['front_desk']);
    const desks = await Promise.all(
      patients.map(async (_p, i) => {
        const w = app.desk(`booking-${i}`);
        await w.ok('auth.login', { username: fd.username, password: fd.password });
        return w;
      }),
    );
    const start = at('2027-05-03T08:00:00Z');
    const results = await Promise.all(desks.map((w, i) => w.call('appointments.book', { patientId: patients[i].id, doctorId: dr.id, start })));
    const ok = results.filter((r) => r.ok);
    const conflicts = results.filter((r) => !r.ok && r.error.code === 'CONFLICT');
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    for (const c of conflicts) if (!c.ok) expect(c.error.message).toBe('The 11:00 slot on Mon 3 May 2027 with Dr Jane Okello is already taken. Choose another slot.');
    const rows = await app.db.sql("SELECT id FROM appointments WHERE doctor_id = ? AND starts_at = '2027-05-03 08:00:00.000'", [dr.id]);
    expect(rows).toHaveLength(1);
  });

  it('two desks booking one patient with two doctors into overlapping times: one succeeds, every time', async () => {
    const second = await doctor(hr, app.hospitalId, { slotMinutes: 30, hours: [{ weekday: 1, start: '09:00', end: '12:00' }] });
    const [d1, d2] = [await app.signedIn(['front_desk']), await app.signedIn(['front_desk'])];
    for (let i = 0; i < 8; i++) {
      const p = await patient(desk, app.hospitalId);
      const start = at(`2027-05-${String(10 + 7 * (i % 3)).padStart(2, '0')}T0${6 + Math.floor(i / 3)}:30:00Z`);
      const [r1, r2] = await Promise.all([
        d1.call('appointments.book', { patientId: p.id, doctorId: dr.id, start }),
        d2.call('appointments.book', { patientId: p.id, doctorId: second.id, start }),
      ]);
      expect([r1.ok, r2.ok].filter(Boolean)).toHaveLength(1);
      const loser = r1.ok ? r2 : r1;
      expect(!loser.ok && loser.error.code).toBe('CONFLICT');
      const rows = await app.db.sql("SELECT id FROM appointments WHERE patient_id = ? AND status <> 'cancelled'", [p.id]);
      expect(rows).toHaveLength(1);
    }
  });
});
