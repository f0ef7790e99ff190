// Issue 17, item 16: the rota and booking agree about a doctor's day. A doctor on a Saturday shift with no Saturday
// clinic hours is flagged on the rota, the booking answer says the rota has them on that day, and HR makes the shift's
// hours bookable in one step (a new version of the weekly hours from that day; the other days untouched).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { department, doctor } from '../support/scheduling';

let app: TestApp;
let hr: Desk;
let desk: Desk;
let ward: Output<'departments.create'>;
let day: Output<'shifts.createType'>;
let dr: Output<'staff.create'>;

// Monday 1 March 2027, 06:00 in Kampala; Saturday is the 6th.
const SATURDAY = '2027-03-06';
const MONDAY = '2027-03-01';

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-03-01T06:00:00+03:00'));
  hr = await app.signedIn(['hr']);
  desk = await app.signedIn(['front_desk']);
  ward = await department(app.admin, app.hospitalId, 'Outpatients');
  day = await hr.ok('shifts.createType', { hospitalId: app.hospitalId, name: 'Day', code: 'D', start: '07:00', end: '15:00' });
  dr = await doctor(hr, app.hospitalId, { firstName: 'Paul', lastName: 'Lwanga', departmentId: ward.id, hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })), validFrom: '2027-01-01' });
});
afterAll(async () => app?.close());

describe('a doctor on the rota on a day without bookable hours', () => {
  it('is flagged on the rota and named by booking, and HR aligns the hours in one step', async () => {
    const weekdayShift = await hr.ok('shifts.assign', { staffId: dr.id, date: MONDAY, shiftTypeId: day.id, departmentId: ward.id });
    const saturdayShift = await hr.ok('shifts.assign', { staffId: dr.id, date: SATURDAY, shiftTypeId: day.id, departmentId: ward.id });

    const rota = await hr.ok('shifts.rota', { departmentId: ward.id, weekStart: MONDAY });
    expect(rota.unbookable).toEqual([{ assignmentId: saturdayShift.id, message: expect.stringMatching(/Paul Lwanga is on the rota \(Day 07:00–15:00\) but has no bookable hours on Saturdays/) }]);
    expect(rota.unbookable.map((u) => u.assignmentId)).not.toContain(weekdayShift.id);

    const before = await desk.ok('appointments.freeSlots', { doctorId: dr.id, date: SATURDAY });
    expect(before.slots).toEqual([]);
    expect(before.unavailable).toMatchObject({ reason: 'not_working', message: expect.stringMatching(/does not work on Saturdays\. Yet the rota has them on Day 07:00–15:00 that day: HR can make those hours bookable/) });
    const byDepartment = await desk.ok('appointments.departmentSlots', { hospitalId: app.hospitalId, date: SATURDAY, departmentId: ward.id });
    expect(byDepartment[0]!.unavailable?.message).toMatch(/Yet the rota has them/);

    // Only HR keeps doctors' hours; a nurse's shift has none to align.
    await desk.fails('doctors.alignWithShift', { shiftId: saturdayShift.id }, 'FORBIDDEN');
    await hr.fails('doctors.alignWithShift', { shiftId: weekdayShift.id }, 'CONFLICT');
    const schedule = await hr.ok('doctors.alignWithShift', { shiftId: saturdayShift.id });
    const from6 = schedule.hours.filter((h) => h.validFrom === SATURDAY);
    expect(from6.map((h) => [h.weekday, h.start, h.end]).sort()).toEqual([
      [1, '08:00', '17:00'],
      [2, '08:00', '17:00'],
      [3, '08:00', '17:00'],
      [4, '08:00', '17:00'],
      [5, '08:00', '17:00'],
      [6, '07:00', '15:00'],
    ]);
    // The week before keeps its hours as they were (history).
    expect(schedule.hours.filter((h) => h.validTo === '2027-03-05').map((h) => h.weekday).sort()).toEqual([1, 2, 3, 4, 5]);

    const after = await desk.ok('appointments.freeSlots', { doctorId: dr.id, date: SATURDAY });
    expect(after.unavailable).toBeNull();
    expect(after.slots.length).toBe(16);
    expect((await hr.ok('shifts.rota', { departmentId: ward.id, weekStart: MONDAY })).unbookable).toEqual([]);
    await hr.fails('doctors.alignWithShift', { shiftId: saturdayShift.id }, 'CONFLICT');
    await hr.fails('doctors.alignWithShift', { shiftId: 999_999 }, 'NOT_FOUND');
  });

  it('is another hospital’s business elsewhere: a scoped HR account cannot align a shift it cannot see', async () => {
    const other = (await app.admin.ok('hospitals.create', { code: 'GUL', name: 'Gulu', country: 'UG', region: 'Northern', address: 'Gulu', timeZone: 'Africa/Kampala', currency: 'UGX', defaultTaxRateBp: 1800, patientNumberFormat: 'GUL/{seq:6}' })).id;
    const guluHr = await app.signedIn(['hr'], { hospitalIds: [other] });
    const s = await hr.ok('shifts.assign', { staffId: dr.id, date: '2027-03-07', shiftTypeId: day.id, departmentId: ward.id });
    await guluHr.fails('doctors.alignWithShift', { shiftId: s.id }, 'FORBIDDEN');
  });
});
