// Shift types, assignments and their rules (overlap, rest across midnight and week boundaries, weekly maximum, leave,
// termination), daylight-saving nights, two planners at once, the rota with coverage gaps, copying a week, the rota
// PDF, and a person's own shifts. The clock stands on Monday 1 March 2027, 06:00 in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { department, doctor, patient } from '../support/scheduling';
import { pdfInfo, pdfText } from '../support/pdf';

let app: TestApp;
let hr: Desk;
let ward: Output<'departments.create'>;
let day: Output<'shifts.createType'>;
let evening: Output<'shifts.createType'>;
let night: Output<'shifts.createType'>;
let serial = 0;

async function nurse(name: string, departmentId = ward.id, hospitalId = app.hospitalId): Promise<Output<'staff.create'>> {
  return hr.ok('staff.create', { hospitalId, firstName: name, lastName: `Nurse${++serial}`, staffRole: 'nurse', departmentId, hireDate: '2020-01-01', contractedHours: 40 });
}

const assign = (staffId: number, date: string, type: { id: number }, departmentId = ward.id) => hr.call('shifts.assign', { staffId, date, shiftTypeId: type.id, departmentId });

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-03-01T06:00:00+03:00'));
  hr = await app.signedIn(['hr'], { allHospitals: true });
  ward = await department(app.admin, app.hospitalId, 'Medical Ward');
  day = await hr.ok('shifts.createType', { hospitalId: app.hospitalId, name: 'Day', code: 'D', start: '07:00', end: '15:00' });
  evening = await hr.ok('shifts.createType', { hospitalId: app.hospitalId, name: 'Evening', code: 'E', start: '15:00', end: '23:00', payMultiplierBp: 11000 });
  night = await hr.ok('shifts.createType', { hospitalId: app.hospitalId, name: 'Night', code: 'N', start: '23:00', end: '07:00', payMultiplierBp: 12500 });
});
afterAll(async () => app?.close());

describe('shift types', () => {
  it('are listed in order of their start; a night crosses midnight; names and codes are unique per hospital', async () => {
    const types = await hr.ok('shifts.listTypes', { hospitalId: app.hospitalId });
    expect(types.map((t) => [t.code, t.start, t.end, t.crossesMidnight, t.payMultiplierBp])).toEqual([
      ['D', '07:00', '15:00', false, 10000],
      ['E', '15:00', '23:00', false, 11000],
      ['N', '23:00', '07:00', true, 12500],
    ]);
    expect((await hr.fails('shifts.createType', { hospitalId: app.hospitalId, name: 'Late', code: 'n', start: '12:00', end: '20:00' }, 'CONFLICT')).fields).toEqual({ code: 'That shift code is already in use.' });
    expect((await hr.fails('shifts.createType', { hospitalId: app.hospitalId, name: 'Day', code: 'X', start: '12:00', end: '20:00' }, 'CONFLICT')).fields).toEqual({ name: 'That shift name is already in use.' });
    await hr.fails('shifts.createType', { hospitalId: app.hospitalId, name: 'Odd', code: 'O', start: '09:00', end: '09:00' }, 'VALIDATION');
    const n = await app.signedIn(['nurse']);
    await n.fails('shifts.createType', { hospitalId: app.hospitalId, name: 'Long', code: 'L', start: '08:00', end: '20:00' }, 'FORBIDDEN');
    expect(await n.ok('shifts.getRules', { hospitalId: app.hospitalId })).toEqual({ hospitalId: app.hospitalId, minRestMinutes: 660, maxWeekMinutes: 2880 });
  });
});

describe('assigning', () => {
  it('stores what payroll needs: real minutes, night minutes (22–06) and weekend minutes', async () => {
    const p = await nurse('Agnes');
    const d = await assign(p.id, '2027-03-02', day);
    expect(d.ok && d.data).toMatchObject({ shiftCode: 'D', minutes: 480, nightMinutes: 0, weekendMinutes: 0, payMultiplierBp: 10000, start: '2027-03-02T04:00:00.000Z' });
    const n = await assign(p.id, '2027-03-06', night);
    expect(n.ok && n.data).toMatchObject({ minutes: 480, nightMinutes: 420, weekendMinutes: 480, payMultiplierBp: 12500, start: '2027-03-06T20:00:00.000Z', end: '2027-03-07T04:00:00.000Z' });
  });

  it('refuses an overlap and too little rest, naming the other shift, including a night that ends on the next day', async () => {
    const p = await nurse('Betty');
    expect((await assign(p.id, '2027-03-02', day)).ok).toBe(true);
    const again = await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-02', shiftTypeId: day.id, departmentId: ward.id }, 'CONFLICT');
    expect(again.message).toBe("Overlaps Betty Nurse2's Day shift of Tue 2 Mar (07:00–15:00).");
    const evening0 = await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-02', shiftTypeId: evening.id, departmentId: ward.id }, 'CONFLICT');
    expect(evening0.message).toBe("Only 0 h of rest after Betty Nurse2's Day shift of Tue 2 Mar (07:00–15:00); the minimum is 11 h.");
    expect((await assign(p.id, '2027-03-03', night)).ok).toBe(true);
    const morning = await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-04', shiftTypeId: day.id, departmentId: ward.id }, 'CONFLICT');
    expect(morning.message).toBe("Only 0 h of rest after Betty Nurse2's Night shift of Wed 3 Mar (23:00–07:00); the minimum is 11 h.");
    const before = await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-03', shiftTypeId: evening.id, departmentId: ward.id }, 'CONFLICT');
    expect(before.message).toMatch(/of rest before Betty Nurse2's Night shift of Wed 3 Mar/);
    expect((await assign(p.id, '2027-03-05', day)).ok).toBe(true);
  });

  it('applies the rest rule across the week boundary: a Sunday night, then Monday morning', async () => {
    const p = await nurse('Carol');
    expect((await assign(p.id, '2027-03-07', night)).ok).toBe(true);
    const monday = await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-08', shiftTypeId: day.id, departmentId: ward.id }, 'CONFLICT');
    expect(monday.message).toMatch(/Night shift of Sun 7 Mar \(23:00–07:00\); the minimum is 11 h/);
    expect((await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-08', shiftTypeId: evening.id, departmentId: ward.id }, 'CONFLICT')).message).toMatch(/Only 8 h of rest after/);
    expect((await assign(p.id, '2027-03-08', night)).ok).toBe(true);
  });

  it('refuses more than the weekly maximum, and follows a changed maximum', async () => {
    const p = await nurse('Dora');
    for (const d of ['2027-03-08', '2027-03-09', '2027-03-10', '2027-03-11', '2027-03-12', '2027-03-13']) expect((await assign(p.id, d, day)).ok).toBe(true);
    const seventh = await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-14', shiftTypeId: day.id, departmentId: ward.id }, 'CONFLICT');
    expect(seventh.message).toBe(`Dora ${p.lastName} would work 56 h in the week of 8 Mar 2027; the maximum is 48 h.`);
    await hr.ok('shifts.setRules', { hospitalId: app.hospitalId, minRestMinutes: 660, maxWeekMinutes: 60 * 60 });
    expect((await assign(p.id, '2027-03-14', day)).ok).toBe(true);
    await hr.ok('shifts.setRules', { hospitalId: app.hospitalId, minRestMinutes: 660, maxWeekMinutes: 48 * 60 });
  });

  it('refuses shifts on leave and after termination; recording leave over planned shifts removes them only when asked', async () => {
    const p = await nurse('Esther');
    expect((await assign(p.id, '2027-03-16', day)).ok).toBe(true);
    const blocked = await hr.fails('leave.record', { staffId: p.id, kind: 'annual', startDate: '2027-03-15', endDate: '2027-03-19' }, 'CONFLICT');
    expect(blocked.message).toMatch(/has 1 shift planned in that time \(first: D on 16 Mar 2027\)/);
    const recorded = await hr.ok('leave.record', { staffId: p.id, kind: 'annual', startDate: '2027-03-15', endDate: '2027-03-19', removeShifts: true });
    expect(recorded.removedShifts.map((s) => s.date)).toEqual(['2027-03-16']);
    const onLeave = await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-17', shiftTypeId: day.id, departmentId: ward.id }, 'CONFLICT');
    expect(onLeave.message).toBe(`Esther ${p.lastName} is on annual leave from 15 Mar 2027 to 19 Mar 2027.`);
    // A night starting the evening before the leave runs into its first day.
    expect((await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-14', shiftTypeId: night.id, departmentId: ward.id }, 'CONFLICT')).message).toMatch(/on annual leave/);
    const s = await hr.ok('staff.get', { id: p.id });
    await hr.ok('staff.terminate', { id: p.id, version: s.version, terminatedOn: '2027-03-25', reason: 'Moved away' });
    expect((await hr.fails('shifts.assign', { staffId: p.id, date: '2027-03-26', shiftTypeId: day.id, departmentId: ward.id }, 'CONFLICT')).message).toBe(`Esther ${p.lastName} left on 25 Mar 2027: no shifts from that day on.`);
    expect((await assign(p.id, '2027-03-24', day)).ok).toBe(true);
  });

  it("a doctor's leave removes their appointment slots", async () => {
    const dr = await doctor(hr, app.hospitalId, { hours: [{ weekday: 1, start: '09:00', end: '10:00' }] });
    const desk = await app.signedIn(['front_desk']);
    expect((await desk.ok('appointments.freeSlots', { doctorId: dr.id, date: '2027-03-22' })).slots).toHaveLength(2);
    await hr.ok('leave.record', { staffId: dr.id, kind: 'sick', startDate: '2027-03-22', endDate: '2027-03-23' });
    expect((await desk.ok('appointments.freeSlots', { doctorId: dr.id, date: '2027-03-22' })).unavailable?.reason).toBe('on_leave');
    const p = await patient(desk, app.hospitalId);
    await desk.fails('appointments.book', { patientId: p.id, doctorId: dr.id, start: '2027-03-22T06:00:00.000Z' }, 'VALIDATION');
  });

  it('two planners giving one person overlapping shifts at the same instant: one succeeds, every time', async () => {
    const other = await app.signedIn(['hr']);
    for (let i = 0; i < 6; i++) {
      const p = await nurse(`Race${i}`);
      const [a, b] = await Promise.all([
        hr.call('shifts.assign', { staffId: p.id, date: '2027-03-23', shiftTypeId: day.id, departmentId: ward.id }),
        other.call('shifts.assign', { staffId: p.id, date: '2027-03-23', shiftTypeId: evening.id, departmentId: ward.id }),
      ]);
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
      expect(await app.db.sql('SELECT id FROM shift_assignments WHERE staff_id = ?', [p.id])).toHaveLength(1);
    }
  });
});

describe('daylight saving', () => {
  it('a night shift is 7 hours when the clocks go forward and 9 when they go back (New York)', async () => {
    const nyc = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'NYC', name: 'Hudson Clinic', country: 'US', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'NYC{seq:7}' })).id;
    const icu = await department(app.admin, nyc, 'ICU');
    const nyNight = await hr.ok('shifts.createType', { hospitalId: nyc, name: 'Night', code: 'N', start: '23:00', end: '07:00' });
    const p = await nurse('Grace', icu.id, nyc);
    const spring = await hr.ok('shifts.assign', { staffId: p.id, date: '2027-03-13', shiftTypeId: nyNight.id, departmentId: icu.id });
    expect([spring.minutes, spring.nightMinutes]).toEqual([420, 360]);
    const autumn = await hr.ok('shifts.assign', { staffId: p.id, date: '2027-11-06', shiftTypeId: nyNight.id, departmentId: icu.id });
    expect([autumn.minutes, autumn.nightMinutes]).toEqual([540, 480]);
  });
});

describe('the week rota (the printed week of the Medical Ward holds the shifts the tests of "assigning" gave)', () => {
  it('shows staff × days, hours, leave, and coverage gaps as they arise', async () => {
    const unit = await department(app.admin, app.hospitalId, 'Maternity');
    const [a, b] = [await nurse('Hope', unit.id), await nurse('Irene', unit.id)];
    await hr.ok('shifts.setCoverage', { departmentId: unit.id, shiftTypeId: day.id, staffRole: 'nurse', minHeadcount: 2 });
    await hr.ok('shifts.assign', { staffId: a.id, date: '2027-03-08', shiftTypeId: day.id, departmentId: unit.id });
    let rota = await hr.ok('shifts.rota', { departmentId: unit.id, weekStart: '2027-03-08' });
    expect(rota.coverage.find((c) => c.date === '2027-03-08')).toMatchObject({ required: 2, assigned: 1, gap: 1 });
    expect(rota.coverage.filter((c) => c.gap > 0)).toHaveLength(7);
    await hr.ok('shifts.assign', { staffId: b.id, date: '2027-03-08', shiftTypeId: day.id, departmentId: unit.id });
    await hr.ok('leave.record', { staffId: b.id, kind: 'training', startDate: '2027-03-10', endDate: '2027-03-10' });
    rota = await hr.ok('shifts.rota', { departmentId: unit.id, weekStart: '2027-03-08' });
    expect(rota.coverage.find((c) => c.date === '2027-03-08')?.gap).toBe(0);
    expect(rota.staff.map((s) => [s.name, s.weekMinutes, s.leave.map((l) => l.date)])).toEqual([
      [`Hope ${a.lastName}`, 480, []],
      [`Irene ${b.lastName}`, 480, ['2027-03-10']],
    ]);
    expect(rota.departmentMinutes).toBe(960);
    await hr.fails('shifts.rota', { departmentId: unit.id, weekStart: '2027-03-09' }, 'VALIDATION');
  });

  it('copies a week onto the next, checking each shift; refusals say who, when and why', async () => {
    const unit = await department(app.admin, app.hospitalId, 'Theatre Recovery');
    const [a, b] = [await nurse('Jane', unit.id), await nurse('Kate', unit.id)];
    for (const d of ['2027-03-08', '2027-03-09', '2027-03-10']) {
      await hr.ok('shifts.assign', { staffId: a.id, date: d, shiftTypeId: day.id, departmentId: unit.id });
      await hr.ok('shifts.assign', { staffId: b.id, date: d, shiftTypeId: evening.id, departmentId: unit.id });
    }
    await hr.ok('leave.record', { staffId: b.id, kind: 'sick', startDate: '2027-03-16', endDate: '2027-03-16' });
    const copy = await hr.ok('shifts.copyWeek', { departmentId: unit.id, fromWeekStart: '2027-03-08', toWeekStart: '2027-03-15' });
    expect(copy.created).toHaveLength(5);
    expect(copy.refused).toEqual([{ staffName: `Kate ${b.lastName}`, date: '2027-03-16', shiftCode: 'E', reason: `Kate ${b.lastName} is on sick leave from 16 Mar 2027 to 16 Mar 2027.` }]);
    const again = await hr.ok('shifts.copyWeek', { departmentId: unit.id, fromWeekStart: '2027-03-08', toWeekStart: '2027-03-15' });
    expect(again.created).toHaveLength(0);
    expect(again.refused).toHaveLength(6);
    const moved = await hr.ok('shifts.move', { id: copy.created[0].id, date: '2027-03-20' });
    expect(moved.date).toBe('2027-03-20');
    await hr.ok('shifts.unassign', { id: moved.id });
    expect(await app.db.sql('SELECT id FROM shift_assignments WHERE id = ?', [moved.id])).toHaveLength(0);
  });

  it('prints the week on one landscape page with the names and shifts', async () => {
    const pdf = await hr.ok('shifts.rotaPdf', { departmentId: ward.id, weekStart: '2027-03-01' });
    const bytes = Buffer.from(pdf.pdfBase64, 'base64');
    expect(pdf.fileName).toBe('rota-HMS-medical-ward-2027-03-01.pdf');
    const { width, height } = pdfInfo(bytes);
    expect(`${Math.floor(width)} x ${Math.floor(height)}`).toBe('841 x 595');
    expect(pdf.pages).toBe(1);
    const text = pdfText(bytes);
    expect(text).toContain('Rota · Medical Ward');
    expect(text).toContain('Agnes Nurse1');
    expect(text).toMatch(/N 23:00–07:00/);
  });

  it("shows a person their own upcoming shifts and hours this week and month", async () => {
    const user = await app.signedIn(['nurse']);
    const p = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Lydia', lastName: 'Own', staffRole: 'nurse', departmentId: ward.id, hireDate: '2020-01-01', contractedHours: 40, userId: user.userId });
    await hr.ok('shifts.assign', { staffId: p.id, date: '2027-03-02', shiftTypeId: day.id, departmentId: ward.id });
    await hr.ok('shifts.assign', { staffId: p.id, date: '2027-03-09', shiftTypeId: day.id, departmentId: ward.id });
    const mine = await user.ok('shifts.mine');
    expect(mine).toMatchObject({ weekMinutes: 480, monthMinutes: 960, contractedMinutes: 2400 });
    expect(mine.upcoming.map((s) => s.date)).toEqual(['2027-03-02', '2027-03-09']);
  });
});
