// The seven reports against figures worked out by hand on a small fixed chain built through the app's own channels:
// Kampala General (Africa/Kampala, UTC+3, UGX) and Boston Harbor (America/New_York, UTC−5 in winter, USD).
// The fixed data set, in the order it happens (local wall-clock times):
//   Kampala, departments Outpatients (Dr Jane Okello) and Surgery (Dr Moses Kato):
//     a0  P1  Jane  Wed 20 Jan 10:00  booked 19 Jan, never seen to (stays 'booked'): P1's earlier visit (returning)
//     a1  P1  Jane  Fri 29 Jan 09:00  booked 22 Jan (lead 7); in 09:05, consultation 09:25 (wait 20), completed: 50,000 UGX
//     a2  P2  Jane  Fri 29 Jan 10:00  booked 29 Jan 08:00 (lead 0); in 09:50, consultation 10:00 (wait 10), completed: 50,000
//     a3  P3  Jane  Fri 29 Jan 11:00  booked 22 Jan, cancelled 25 Jan …
//     a3' P4  Jane  Fri 29 Jan 11:00  … the same slot rebooked 26 Jan (lead 3); no-show
//     a4  P5  Moses Sat 30 Jan 09:00  booked 22 Jan (lead 8), still booked
//   Boston, department Cardiology (Dr Ann Lee, every hour of the day):
//     b1  Q1  Ann   Fri 29 Jan 23:30 (= Sat 30 Jan 04:30 UTC) booked Fri 20:00 (= Sat 01:00 UTC: lead 0, not −1);
//                   in 23:35, consultation 23:50 (wait 15), completed: $500.00
//     b2  Q2  Ann   Sat 30 Jan 00:30  booked Fri 20:00 (lead 1); no-show
//   Stays: Kampala 'Ward A' room A1 (general, beds A, B), room P1 (private, bed A); Boston 'North' room N1 (ICU, bed A)
//     S1 Kampala A1-A  in Sat 30 Jan 10:00, out Tue 2 Feb 11:00 (across the month end): days 30, 31 Jan, 1 Feb = 3
//     S2 Kampala A1-B  in Sun 31 Jan 15:00, to P1-A Mon 1 Feb 09:00, still in: A1 1 day (31 Jan), P1 1–7 Feb = 7 days
//     S3 Kampala A1-A  in and out Wed 3 Feb (08:00–18:00): a same-day stay counts 1 day
//     S4 Boston  N1-A  in Fri 29 Jan 22:00 (Sat 03:00 UTC), out Sun 31 Jan 21:00 (Mon 02:00 UTC): days 29, 30 Jan = 2
//   Invoices: I0 Kampala 30,000 issued 20 Nov 2026, unpaid; I1 (a1) 50,000 issued 29 Jan, 20,000 cash 30 Jan, 10,000
//     mobile money 10 Feb (after the period); I2 (a2, P2 insured 40 %) 50,000 issued 29 Jan, paid by card 1 Feb; I3
//     30,000 issued 2 Feb and voided 3 Feb; I4 Boston (b1) $500.00 issued Sat 30 Jan 00:10, paid by card Sun 7 Feb
//     22:00 (= Mon 8 Feb 03:00 UTC: inside the period by Boston's day, outside it by UTC's)
//   Rota, Kampala Outpatients, week Mon 1 – Sun 7 Feb: Day 08–16 and Night 22–06; coverage: Day needs 1 nurse.
//     Nurse N1 (40 h a week) Day Mon, Tue, Sat; nurse N2 (20 h, hired 1 Feb) Night Fri→Sat.
// The reports are read on Wed 10 Feb 2027 at noon in Kampala.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { cellText, reportTables } from '@shared/domain/reports';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { pdfInfo, pdfPng, pdfText } from '../support/pdf';
import { department, doctor, everyDay, patient } from '../support/scheduling';

let app: TestApp;
let admin: Desk & { username: string; password: string };
let kla: number;
let bos: number;
let opd: Output<'departments.create'>;
let surgery: Output<'departments.create'>;
let cardiology: Output<'departments.create'>;
let klaManager: Desk;

const PERIOD = { from: '2027-01-25', to: '2027-02-07' };

/** A Kampala wall-clock time (UTC+3). */
const K = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00+03:00`));
/** A Boston wall-clock time in winter (UTC−5). */
const B = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00-05:00`));

/** Moves every clock to `at`; the doctors sign in again (a jump of days locks idle windows). */
let doctors: (Desk & { username: string; password: string })[] = [];
async function clock(at: Date): Promise<void> {
  await app.setClock(at);
  for (const d of doctors) await d.ok('auth.login', { username: d.username, password: d.password });
}

beforeAll(async () => {
  app = await startTestApp();
  kla = app.hospitalId;
  await clock(K('2026-11-19', '09:00'));
  // The scene is set by one account holding every role: the administrator makes no workflow writes.
  admin = await app.operator();
  doctors = [admin];
  bos = (await admin.ok('hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', region: 'Massachusetts', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;
  opd = await department(admin, kla, 'Outpatients');
  surgery = await department(admin, kla, 'Surgery');
  cardiology = await department(admin, bos, 'Cardiology');
}, 60_000);
afterAll(async () => app?.close());

describe('the data set, built through the channels', () => {
  const ids: Record<string, number> = {};
  it('builds the chain of events above', async () => {
    const janeUser = await app.signedIn(['doctor'], { hospitalIds: [kla] });
    const annUser = await app.signedIn(['doctor'], { hospitalIds: [bos] });
    doctors = [admin, janeUser, annUser];
    klaManager = await app.signedIn(['manager'], { hospitalIds: [kla] });
    const jane = await doctor(admin, kla, { firstName: 'Jane', lastName: 'Okello', departmentId: opd.id, userId: janeUser.userId, hours: everyDay('08:00', '17:00'), validFrom: '2026-11-01' });
    const moses = await doctor(admin, kla, { firstName: 'Moses', lastName: 'Kato', departmentId: surgery.id, hours: everyDay('08:00', '17:00'), validFrom: '2026-11-01' });
    const ann = await doctor(admin, bos, { firstName: 'Ann', lastName: 'Lee', departmentId: cardiology.id, userId: annUser.userId, hours: everyDay('00:00', '24:00'), validFrom: '2026-11-01' });
    const usPhone = (n: number) => `+1617253${String(1000 + n)}`;
    const p1 = await patient(admin, kla, { dateOfBirth: '1990-02-08', sex: 'female', region: 'Central' });
    const p2 = await patient(admin, kla, { dateOfBirth: '2020-06-01', sex: 'male', region: 'Central', insuranceProvider: 'Jubilee', insurancePolicyNumber: 'J-2', insuranceCoveragePercent: 40, insuranceValidUntil: '2028-12-31' });
    const p3 = await patient(admin, kla, { dateOfBirth: '1980-01-01', sex: 'male', region: 'Western' });
    const p4 = await patient(admin, kla, { dateOfBirth: '1950-01-01', sex: 'female', city: 'Jinja' });
    const p5 = await patient(admin, kla, { dateOfBirth: '2026-06-01', sex: 'male' });
    const ps = [await patient(admin, kla), await patient(admin, kla), await patient(admin, kla)];
    const q1 = await patient(admin, bos, { dateOfBirth: '1987-02-07', sex: 'female', region: 'Massachusetts', phone: usPhone(1) });
    const q2 = await patient(admin, bos, { dateOfBirth: '2000-03-03', sex: 'other', region: 'Massachusetts', phone: usPhone(2) });
    const q3 = await patient(admin, bos, { phone: usPhone(3) });

    const wardA = await admin.ok('rooms.createFloor', { hospitalId: kla, name: 'Ward A', level: 1 });
    const a1 = await admin.ok('rooms.createRoom', { floorId: wardA.id, number: 'A1', roomType: 'general_ward', dailyRate: 40_000, beds: 2 });
    const pr = await admin.ok('rooms.createRoom', { floorId: wardA.id, number: 'P1', roomType: 'private', dailyRate: 90_000, beds: 1 });
    const north = await admin.ok('rooms.createFloor', { hospitalId: bos, name: 'North', level: 3 });
    const n1 = await admin.ok('rooms.createRoom', { floorId: north.id, number: 'N1', roomType: 'icu', dailyRate: 300_000, beds: 1 });
    const bed = (room: Output<'rooms.createRoom'>, label: string) => room.beds.find((b) => b.label === label)!.id;
    const xray = await admin.ok('catalog.create', { hospitalId: kla, code: 'XR', description: 'Chest X-ray', category: 'test', price: 30_000, taxRateBp: 0 });

    // The rota.
    const day = await admin.ok('shifts.createType', { hospitalId: kla, name: 'Day', code: 'D', start: '08:00', end: '16:00' });
    const night = await admin.ok('shifts.createType', { hospitalId: kla, name: 'Night', code: 'N', start: '22:00', end: '06:00' });
    await admin.ok('shifts.setCoverage', { departmentId: opd.id, shiftTypeId: day.id, staffRole: 'nurse', minHeadcount: 1 });
    const n1s = await admin.ok('staff.create', { hospitalId: kla, firstName: 'Nora', lastName: 'Nurse', staffRole: 'nurse', departmentId: opd.id, hireDate: '2020-01-06', contractedHours: 40 });
    const n2s = await admin.ok('staff.create', { hospitalId: kla, firstName: 'Nick', lastName: 'Night', staffRole: 'nurse', departmentId: opd.id, hireDate: '2027-02-01', contractedHours: 20 });
    for (const date of ['2027-02-01', '2027-02-02', '2027-02-06']) await admin.ok('shifts.assign', { staffId: n1s.id, date, shiftTypeId: day.id, departmentId: opd.id });
    await admin.ok('shifts.assign', { staffId: n2s.id, date: '2027-02-05', shiftTypeId: night.id, departmentId: opd.id });

    const issue = async (patientId: number, chargeIds: number[]) => {
      const draft = await admin.ok('invoices.createDraft', { patientId, chargeIds });
      return admin.ok('invoices.issue', { id: draft.id });
    };
    const consultationCharge = async (patientId: number) => (await admin.ok('charges.unbilled', { patientId })).items.filter((c) => c.category === 'consultation').map((c) => c.id);

    // I0: an old unpaid invoice.
    await clock(K('2026-11-20', '10:00'));
    const c0 = await admin.ok('charges.add', { patientId: p4.id, catalogItemId: xray.id });
    ids.i0 = (await issue(p4.id, [c0.id])).id;

    await clock(K('2027-01-19', '09:00'));
    await admin.ok('appointments.book', { patientId: p1.id, doctorId: jane.id, start: K('2027-01-20', '10:00').toISOString() });
    await clock(K('2027-01-22', '09:00'));
    const a1appt = await admin.ok('appointments.book', { patientId: p1.id, doctorId: jane.id, start: K('2027-01-29', '09:00').toISOString() });
    const a3 = await admin.ok('appointments.book', { patientId: p3.id, doctorId: jane.id, start: K('2027-01-29', '11:00').toISOString() });
    await admin.ok('appointments.book', { patientId: p5.id, doctorId: moses.id, start: K('2027-01-30', '09:00').toISOString() });
    await clock(K('2027-01-25', '09:00'));
    await admin.ok('appointments.cancel', { id: a3.id, reason: 'Travelling' });
    await clock(K('2027-01-26', '09:00'));
    const a3b = await admin.ok('appointments.book', { patientId: p4.id, doctorId: jane.id, start: K('2027-01-29', '11:00').toISOString() });
    await clock(K('2027-01-29', '08:00'));
    const a2 = await admin.ok('appointments.book', { patientId: p2.id, doctorId: jane.id, start: K('2027-01-29', '10:00').toISOString() });
    await clock(K('2027-01-29', '09:05'));
    await admin.ok('appointments.checkIn', { id: a1appt.id });
    await clock(K('2027-01-29', '09:25'));
    await janeUser.ok('encounters.open', { appointmentId: a1appt.id });
    await clock(K('2027-01-29', '09:40'));
    await janeUser.ok('appointments.complete', { id: a1appt.id });
    await clock(K('2027-01-29', '09:50'));
    await admin.ok('appointments.checkIn', { id: a2.id });
    await clock(K('2027-01-29', '10:00'));
    await janeUser.ok('encounters.open', { appointmentId: a2.id });
    await clock(K('2027-01-29', '10:20'));
    await janeUser.ok('appointments.complete', { id: a2.id });
    await clock(K('2027-01-29', '11:30'));
    await admin.ok('appointments.markNoShow', { id: a3b.id });
    await clock(K('2027-01-29', '12:00'));
    ids.i1 = (await issue(p1.id, await consultationCharge(p1.id))).id;
    const i2 = await issue(p2.id, await consultationCharge(p2.id));
    ids.i2 = i2.id;
    expect([i2.total, i2.insuranceShare]).toEqual([50_000, 20_000]);

    await clock(B('2027-01-29', '20:00'));
    const b1 = await admin.ok('appointments.book', { patientId: q1.id, doctorId: ann.id, start: B('2027-01-29', '23:30').toISOString() });
    const b2 = await admin.ok('appointments.book', { patientId: q2.id, doctorId: ann.id, start: B('2027-01-30', '00:30').toISOString() });
    expect([b1.date, b2.date]).toEqual(['2027-01-29', '2027-01-30']);
    await clock(B('2027-01-29', '22:00'));
    ids.s4 = (await admin.ok('admissions.admit', { patientId: q3.id, bedId: bed(n1, 'A'), attendingDoctorId: ann.id, reason: 'Observation' })).id;
    await clock(B('2027-01-29', '23:35'));
    await admin.ok('appointments.checkIn', { id: b1.id });
    await clock(B('2027-01-29', '23:50'));
    await annUser.ok('encounters.open', { appointmentId: b1.id });
    await clock(B('2027-01-29', '23:55'));
    await annUser.ok('appointments.complete', { id: b1.id });
    await clock(B('2027-01-30', '00:10'));
    const i4 = await issue(q1.id, await consultationCharge(q1.id));
    ids.i4 = i4.id;
    expect([i4.currency, i4.total, i4.issueDate]).toEqual(['USD', 50_000, '2027-01-30']);
    await clock(B('2027-01-30', '01:00'));
    await admin.ok('appointments.markNoShow', { id: b2.id });

    await clock(K('2027-01-30', '10:00'));
    ids.s1 = (await admin.ok('admissions.admit', { patientId: ps[0].id, bedId: bed(a1, 'A'), attendingDoctorId: jane.id, reason: 'Pneumonia' })).id;
    await clock(K('2027-01-30', '10:05'));
    await admin.ok('payments.record', { invoiceId: ids.i1, amount: 20_000, method: 'cash' });
    await clock(K('2027-01-31', '15:00'));
    ids.s2 = (await admin.ok('admissions.admit', { patientId: ps[1].id, bedId: bed(a1, 'B'), attendingDoctorId: jane.id, reason: 'Fracture' })).id;
    await clock(B('2027-01-31', '21:00'));
    await admin.ok('admissions.discharge', { stayId: ids.s4 });
    await clock(K('2027-02-01', '09:00'));
    await admin.ok('admissions.transfer', { stayId: ids.s2, toBedId: bed(pr, 'A') });
    await clock(K('2027-02-01', '09:30'));
    await admin.ok('payments.record', { invoiceId: ids.i2, amount: 50_000, method: 'card' });
    await clock(K('2027-02-02', '10:00'));
    const c3 = await admin.ok('charges.add', { patientId: p5.id, catalogItemId: xray.id });
    ids.i3 = (await issue(p5.id, [c3.id])).id;
    await clock(K('2027-02-02', '11:00'));
    await admin.ok('admissions.discharge', { stayId: ids.s1 });
    await clock(K('2027-02-03', '07:00'));
    await admin.ok('rooms.setState', { bedId: bed(a1, 'A'), state: 'available' });
    await clock(K('2027-02-03', '08:00'));
    ids.s3 = (await admin.ok('admissions.admit', { patientId: ps[2].id, bedId: bed(a1, 'A'), attendingDoctorId: jane.id, reason: 'Day case' })).id;
    await clock(K('2027-02-03', '10:00'));
    await admin.ok('invoices.void', { id: ids.i3, reason: 'Wrong patient' });
    await clock(K('2027-02-03', '18:00'));
    await admin.ok('admissions.discharge', { stayId: ids.s3 });
    await clock(B('2027-02-07', '22:00'));
    await admin.ok('payments.record', { invoiceId: ids.i4, amount: 50_000, method: 'card' });
    await clock(K('2027-02-10', '09:00'));
    await admin.ok('payments.record', { invoiceId: ids.i1, amount: 10_000, method: 'mobile_money' });
    await clock(K('2027-02-10', '12:00'));
    await klaManager.ok('auth.login', { username: (klaManager as Desk & { username: string }).username, password: (klaManager as Desk & { password: string }).password });
  }, 120_000);
});

const KLA_NAME = UGANDA.name;
const BOS_NAME = 'Boston Harbor';

describe('1. appointments by department and doctor', () => {
  it('counts each status per hospital and department, each local day in its own zone', async () => {
    const r = await admin.ok('reports.appointmentsByDepartment', PERIOD);
    expect(r.hospitals.map((h) => h.name)).toEqual([BOS_NAME, KLA_NAME]);
    const pick = (x: Output<'reports.appointmentsByDepartment'>['rows'][number]) => [x.hospitalName, x.departmentName, x.booked, x.checkedIn, x.completed, x.cancelled, x.noShow, x.total];
    expect(r.rows.map(pick)).toEqual([
      // b1 completed (late Friday evening in Boston, Saturday in UTC), b2 no-show
      [BOS_NAME, 'Cardiology', 0, 0, 1, 0, 1, 2],
      // a1, a2 completed; a3 cancelled; a3' (the same slot rebooked) no-show: 4 appointments; a0 is before the period
      [KLA_NAME, 'Outpatients', 0, 0, 2, 1, 1, 4],
      // a4 still booked
      [KLA_NAME, 'Surgery', 1, 0, 0, 0, 0, 1],
    ]);
    expect(r.doctors.map((d) => [d.hospitalName, d.doctorName, d.departmentName, d.total])).toEqual([
      [BOS_NAME, 'Ann Lee', 'Cardiology', 2],
      [KLA_NAME, 'Jane Okello', 'Outpatients', 4],
      [KLA_NAME, 'Moses Kato', 'Surgery', 1],
    ]);
  });

  it('narrows to one department, and to the one day that is Friday 29 January in both zones', async () => {
    const r = await admin.ok('reports.appointmentsByDepartment', { from: '2027-01-29', to: '2027-01-29', departmentId: opd.id });
    expect(r.rows.map((x) => [x.departmentName, x.total])).toEqual([['Outpatients', 4]]);
    const friday = await admin.ok('reports.appointmentsByDepartment', { from: '2027-01-29', to: '2027-01-29', hospitalIds: [bos] });
    // b1 (23:30 Boston = 04:30 UTC Saturday) is Friday's; b2 (00:30 Saturday) is not.
    expect(friday.rows.map((x) => [x.departmentName, x.completed, x.noShow, x.total])).toEqual([['Cardiology', 1, 0, 1]]);
  });
});

describe('2. department performance', () => {
  it('gives outcomes, the no-show rate, the wait from check-in and consultation revenue in each currency', async () => {
    const r = await admin.ok('reports.departmentPerformance', PERIOD);
    expect(r.rows.map((x) => [x.hospitalName, x.departmentName, x.booked, x.completed, x.cancelled, x.noShow, x.noShowRate, x.averageWaitMinutes, x.waitedVisits, x.currency, x.consultationRevenue])).toEqual([
      // 1 no-show ÷ (1 completed + 1 no-show) = 0.5; wait 23:35 → 23:50 = 15 min; fee $500.00 = 50,000 cents
      [BOS_NAME, 'Cardiology', 2, 1, 0, 1, 0.5, 15, 1, 'USD', 50_000],
      // 1 ÷ (2 + 1) = 0.3333; waits 20 and 10 → 15.0; two consultations × 50,000 UGX
      [KLA_NAME, 'Outpatients', 4, 2, 1, 1, 0.3333, 15, 2, 'UGX', 100_000],
      // nothing came to an outcome yet: no rate, no wait
      [KLA_NAME, 'Surgery', 1, 0, 0, 0, null, null, 0, 'UGX', 0],
    ]);
    expect(r.revenueByCurrency).toEqual([
      { currency: 'UGX', amount: 100_000 },
      { currency: 'USD', amount: 50_000 },
    ]);
  });
});

describe('3. scheduling trends', () => {
  it('counts per local day, by weekday and local hour, and the lead time from the local day of booking', async () => {
    const r = await admin.ok('reports.schedulingTrends', { ...PERIOD, granularity: 'day' });
    expect(r.series).toHaveLength(14);
    const busy = r.series.filter((p) => p.appointments + p.cancelled > 0).map((p) => [p.period, p.appointments, p.completed, p.noShow, p.cancelled]);
    expect(busy).toEqual([
      // Fri 29: a1, a2, a3' (Kampala) + b1 (Boston, Friday by its own clock); a3 cancelled
      ['2027-01-29', 4, 3, 1, 1],
      // Sat 30: a4 (Kampala) + b2 (Boston 00:30)
      ['2027-01-30', 2, 0, 1, 0],
    ]);
    const cells = r.heatmap.filter((c) => c.appointments > 0).map((c) => [c.weekday, c.hour, c.appointments]);
    // Friday 09, 10, 11 (Kampala), 23 (Boston); Saturday 00 (Boston), 09 (Kampala)
    expect(cells).toEqual([
      [5, 9, 1],
      [5, 10, 1],
      [5, 11, 1],
      [5, 23, 1],
      [6, 0, 1],
      [6, 9, 1],
    ]);
    expect(r.heatmap).toHaveLength(168);
    // Leads: a1 7, a2 0, a3' 3, a4 8, b1 0, b2 1 → same day 2, 1–2: 1, 3–7: 2, 8–14: 1; mean 19/6 = 3.2, median (1+3)/2 = 2
    expect(r.leadTime.map((b) => [b.key, b.appointments])).toEqual([
      ['same_day', 2],
      ['1_2', 1],
      ['3_7', 2],
      ['8_14', 1],
      ['15_30', 0],
      ['31_plus', 0],
    ]);
    expect([r.averageLeadDays, r.medianLeadDays]).toEqual([3.2, 2]);
  });

  it('cuts weeks from Monday and months from the first, clipped to the period', async () => {
    const weeks = await admin.ok('reports.schedulingTrends', { ...PERIOD, granularity: 'week' });
    // Mon 25 Jan – Sun 31 Jan and Mon 1 – Sun 7 Feb
    expect(weeks.series.map((p) => [p.period, p.appointments, p.cancelled])).toEqual([
      ['2027-01-25', 6, 1],
      ['2027-02-01', 0, 0],
    ]);
    const months = await admin.ok('reports.schedulingTrends', { ...PERIOD, granularity: 'month' });
    expect(months.series.map((p) => p.period)).toEqual(['2027-01-25', '2027-02-01']);
    const auto = await admin.ok('reports.schedulingTrends', PERIOD);
    expect(auto.granularity).toBe('day');
  });
});

describe('4. demographics', () => {
  it('counts the patients seen by age on the last day, sex, region, and new or returning', async () => {
    const r = await admin.ok('reports.demographics', PERIOD);
    // Seen: P1, P2, P4, P5 (Kampala), Q1, Q2 (Boston); P3 only had the cancelled visit.
    expect(r.patients).toBe(6);
    const bands = Object.fromEntries(r.ageBands.filter((b) => b.patients > 0).map((b) => [b.key, b.patients]));
    // P5 0 (born Jun 2026); P2 6; Q2 26; P1 36 (40th birthday… no: born 8 Feb 1990, 36 until 8 Feb); Q1 40 on the
    // very day (7 Feb 1987); P4 77
    expect(bands).toEqual({ '0_4': 1, '5_14': 1, '25_34': 1, '35_44': 2, '75_plus': 1 });
    expect(r.sex.map((s) => [s.key, s.patients])).toEqual([
      ['female', 3],
      ['male', 2],
      ['other', 1],
      ['unknown', 0],
    ]);
    expect(r.regions.map((g) => [g.label, g.patients])).toEqual([
      ['Central', 2],
      ['Massachusetts', 2],
      ['Jinja', 1],
      ['Not recorded', 1],
    ]);
    // P1 was booked on 20 Jan (not cancelled): returning; the others are new.
    expect(r.newVsReturning.map((g) => [g.key, g.patients])).toEqual([
      ['new', 5],
      ['returning', 1],
    ]);
  });

  it('counts each hospital alone with the same rules, and both hospitals named as the whole chain', async () => {
    const figures = (r: Output<'reports.demographics'>) => ({
      patients: r.patients,
      bands: Object.fromEntries(r.ageBands.filter((b) => b.patients > 0).map((b) => [b.key, b.patients])),
      sex: Object.fromEntries(r.sex.filter((g) => g.patients > 0).map((g) => [g.key, g.patients])),
      fresh: r.newVsReturning.map((g) => g.patients),
    });
    const kampala = figures(await admin.ok('reports.demographics', { ...PERIOD, hospitalIds: [kla] }));
    expect(kampala).toEqual({ patients: 4, bands: { '0_4': 1, '5_14': 1, '35_44': 1, '75_plus': 1 }, sex: { female: 2, male: 2 }, fresh: [3, 1] });
    const boston = figures(await admin.ok('reports.demographics', { ...PERIOD, hospitalIds: [bos] }));
    // Q1 is 40 on the very day: 35–44 either way; Q2 26.
    expect(boston).toEqual({ patients: 2, bands: { '25_34': 1, '35_44': 1 }, sex: { female: 1, other: 1 }, fresh: [2, 0] });
    // Both hospitals named are the whole chain: the same figures as the caller's whole scope.
    expect(figures(await admin.ok('reports.demographics', { ...PERIOD, hospitalIds: [bos, kla] }))).toEqual(figures(await admin.ok('reports.demographics', PERIOD)));
  });
});

describe('5. occupancy', () => {
  it('counts patient-days per local day, admissions, discharges, length of stay and turnover per ward and room type', async () => {
    const r = await admin.ok('reports.occupancy', { ...PERIOD, granularity: 'day' });
    const wards = r.wards.map((w) => [w.hospitalName, w.wardName, w.roomType, w.beds, w.patientDays, w.occupancy, w.admissions, w.discharges, w.averageLengthOfStay, w.bedTurnover]);
    expect(wards).toEqual([
      // S4: 29, 30 Jan (Boston days; in UTC it would be 30, 31 Jan); 2 ÷ (1 bed × 14 days) = 0.1429; stay 2 days
      [BOS_NAME, 'North', 'icu', 1, 2, 0.1429, 1, 1, 2, 1],
      // S1 3 + S2 1 (31 Jan, before its transfer) + S3 1 (same day) = 5 ÷ (2 × 14) = 0.1786; admitted S1, S2, S3;
      // discharged S1 (3 days) and S3 (1): average 2.0; 2 discharges ÷ 2 beds = 1
      [KLA_NAME, 'Ward A', 'general_ward', 2, 5, 0.1786, 3, 2, 2, 1],
      // S2 from its transfer on 1 Feb, still in: 1–7 Feb = 7 ÷ 14 = 0.5
      [KLA_NAME, 'Ward A', 'private', 1, 7, 0.5, 0, 0, null, 0],
    ]);
    // 14 patient-days ÷ (4 beds × 14) = 0.25; stays (3 + 1 + 2) ÷ 3 = 2.0; 3 ÷ 4 = 0.75
    expect(r.total).toEqual({ beds: 4, patientDays: 14, occupancy: 0.25, admissions: 4, discharges: 3, averageLengthOfStay: 2, bedTurnover: 0.75 });
    const days = Object.fromEntries(r.series.filter((p) => p.patientDays + p.admissions + p.discharges > 0).map((p) => [p.period, [p.patientDays, p.admissions, p.discharges]]));
    expect(days).toEqual({
      '2027-01-29': [1, 1, 0], // S4 in at 22:00 Boston
      '2027-01-30': [2, 1, 0], // S4, S1 (in)
      '2027-01-31': [2, 1, 1], // S1, S2 (in); S4 out at 21:00 Boston
      '2027-02-01': [2, 0, 0], // S1, S2 (moved to P1)
      '2027-02-02': [1, 0, 1], // S2; S1 out
      '2027-02-03': [2, 1, 1], // S2, S3 (in and out)
      '2027-02-04': [1, 0, 0],
      '2027-02-05': [1, 0, 0],
      '2027-02-06': [1, 0, 0],
      '2027-02-07': [1, 0, 0],
    });
    // The stay across the month end falls into both months.
    const months = await admin.ok('reports.occupancy', { ...PERIOD, hospitalIds: [kla], granularity: 'month' });
    // January: S1 30, 31 + S2 31 = 3; February (1–7): S1 1 Feb + S2 7 + S3 1 = 9
    expect(months.series.map((p) => [p.period, p.patientDays, p.beds])).toEqual([
      ['2027-01-25', 3, 3],
      ['2027-02-01', 9, 3],
    ]);
  });
});

describe('6. revenue and receivables', () => {
  it('sums invoiced, collected by method and outstanding by age per currency, never converting', async () => {
    const r = await admin.ok('reports.revenue', PERIOD);
    expect(r.invoiced).toEqual([
      // I1 50,000 + I2 50,000 (insurer 40 % = 20,000); I3 voided; I0 issued before the period
      { currency: 'UGX', invoices: 2, invoiced: 100_000, insuranceShare: 20_000, patientShare: 80_000, voided: 1 },
      { currency: 'USD', invoices: 1, invoiced: 50_000, insuranceShare: 0, patientShare: 50_000, voided: 0 },
    ]);
    expect(r.collected).toEqual([
      // 20,000 cash on 30 Jan, 50,000 card on 1 Feb; the 10,000 of 10 Feb is after the period
      { currency: 'UGX', method: 'cash', payments: 1, amount: 20_000 },
      { currency: 'UGX', method: 'card', payments: 1, amount: 50_000 },
      // Sunday 7 Feb 22:00 in Boston (Monday 03:00 UTC) is in the period
      { currency: 'USD', method: 'card', payments: 1, amount: 50_000 },
    ]);
    const owed = r.outstanding.map((a) => [a.currency, a.bucket, a.invoices, a.outstanding]);
    expect(owed).toEqual([
      // I1: 50,000 − 20,000 paid by 7 Feb = 30,000 (the 10 Feb payment comes later), 9 days old
      ['UGX', '0_30', 1, 30_000],
      ['UGX', '31_60', 0, 0],
      // I0: 30,000, issued 20 Nov 2026: 79 days before 7 Feb
      ['UGX', '61_90', 1, 30_000],
      ['UGX', '90_plus', 0, 0],
      ['USD', '0_30', 0, 0],
      ['USD', '31_60', 0, 0],
      ['USD', '61_90', 0, 0],
      ['USD', '90_plus', 0, 0],
    ]);
  });

  it('outstanding on an earlier day adds back what was paid after it', async () => {
    const r = await admin.ok('reports.revenue', { from: '2027-01-29', to: '2027-01-29', hospitalIds: [kla] });
    // On 29 Jan: I1 50,000 and I2 50,000 owed (0 days), I0 30,000 (70 days)
    expect(r.outstanding.filter((a) => a.invoices > 0).map((a) => [a.bucket, a.invoices, a.outstanding])).toEqual([
      ['0_30', 2, 100_000],
      ['61_90', 1, 30_000],
    ]);
  });
});

describe('7. staff hours', () => {
  it('sets planned against contracted hours, night and weekend hours, and coverage met', async () => {
    const r = await admin.ok('reports.staffHours', { from: '2027-02-01', to: '2027-02-07', hospitalIds: [kla] });
    expect(r.rows.map((x) => [x.departmentName, x.staff, x.contractedHours, x.plannedHours, x.differenceHours, x.nightHours, x.weekendHours, x.coverageCells, x.coverageMet, x.coverageRate, x.coverageGap])).toEqual([
      // Staff: Jane 40 h, Nora 40 h, Nick 20 h (hired 1 Feb): 100 h for the 7 days. Planned: 4 shifts × 8 h = 32 h.
      // Night: Nick's 22:00–06:00 = 8 h; weekend: Nick's Saturday 00:00–06:00 = 6 h + Nora's Saturday day 8 h = 14 h.
      // Coverage: Day needs 1 nurse on 7 days; Nora is there Mon, Tue, Sat: 3 of 7 = 0.4286; 4 people missing.
      ['Outpatients', 3, 100, 32, -68, 8, 14, 7, 3, 0.4286, 4],
      // Moses 40 h; no shifts, no coverage rules
      ['Surgery', 1, 40, 0, -40, 0, 0, 0, 0, null, 0],
    ]);
    const half = await admin.ok('reports.staffHours', { from: '2027-01-25', to: '2027-01-31', hospitalIds: [kla], departmentId: opd.id });
    // Before Nick's hire: Jane and Nora, 80 h; no shifts; 7 cells, none met
    expect(half.rows.map((x) => [x.departmentName, x.staff, x.contractedHours, x.plannedHours, x.coverageMet, x.coverageGap])).toEqual([['Outpatients', 2, 80, 0, 0, 7]]);
  });
});

describe('scope and access', () => {
  it('shows a Kampala-only manager Kampala rows only, and refuses Boston by id', async () => {
    const r = await klaManager.ok('reports.appointmentsByDepartment', PERIOD);
    expect(r.hospitals.map((h) => h.name)).toEqual([KLA_NAME]);
    expect(r.rows.every((x) => x.hospitalId === kla)).toBe(true);
    expect(r.rows).toHaveLength(2);
    const trends = await klaManager.ok('reports.schedulingTrends', PERIOD);
    expect(trends.heatmap.filter((c) => c.appointments > 0).map((c) => [c.weekday, c.hour])).toEqual([
      [5, 9],
      [5, 10],
      [5, 11],
      [6, 9],
    ]);
    const occupancy = await klaManager.ok('reports.occupancy', PERIOD);
    expect(occupancy.wards.every((w) => w.hospitalId === kla)).toBe(true);
    const revenue = await klaManager.ok('reports.revenue', PERIOD);
    expect(revenue.invoiced.map((i) => i.currency)).toEqual(['UGX']);
    for (const channel of ['reports.appointmentsByDepartment', 'reports.departmentPerformance', 'reports.demographics', 'reports.revenue', 'reports.staffHours'] as const) {
      await klaManager.fails(channel, { ...PERIOD, hospitalIds: [bos] }, 'FORBIDDEN');
      await klaManager.fails(channel, { ...PERIOD, hospitalIds: [kla, bos] }, 'FORBIDDEN');
    }
    await klaManager.fails('reports.occupancy', { ...PERIOD, hospitalIds: [bos] }, 'FORBIDDEN');
    await klaManager.fails('reports.schedulingTrends', { ...PERIOD, hospitalIds: [bos] }, 'FORBIDDEN');
    // Boston's department through the back door.
    await klaManager.fails('reports.departmentPerformance', { ...PERIOD, departmentId: cardiology.id }, 'FORBIDDEN');
    await klaManager.fails('reports.exportPdf', { report: 'reports.revenue', input: { ...PERIOD, hospitalIds: [bos] } }, 'FORBIDDEN');
    // A department of another hospital than the one chosen; a hospital that does not exist.
    await admin.fails('reports.appointmentsByDepartment', { ...PERIOD, hospitalIds: [kla], departmentId: cardiology.id }, 'VALIDATION');
    await admin.fails('reports.appointmentsByDepartment', { ...PERIOD, hospitalIds: [99_999] }, 'NOT_FOUND');
  });

  it('lets billing read revenue and hr staff hours, and nobody else than managers and admins the rest', async () => {
    const billing = await app.signedIn(['billing']);
    const hr = await app.signedIn(['hr']);
    const desk = await app.signedIn(['front_desk']);
    const doctorDesk = await app.signedIn(['doctor']);
    await billing.ok('reports.revenue', PERIOD);
    await billing.fails('reports.occupancy', PERIOD, 'FORBIDDEN');
    await billing.ok('reports.exportPdf', { report: 'reports.revenue', input: PERIOD });
    await billing.fails('reports.exportPdf', { report: 'reports.occupancy', input: PERIOD }, 'FORBIDDEN');
    await hr.ok('reports.staffHours', PERIOD);
    await hr.fails('reports.revenue', PERIOD, 'FORBIDDEN');
    for (const d of [desk, doctorDesk]) {
      for (const channel of ['reports.appointmentsByDepartment', 'reports.departmentPerformance', 'reports.schedulingTrends', 'reports.demographics', 'reports.occupancy', 'reports.revenue', 'reports.staffHours'] as const) {
        await d.fails(channel, PERIOD, 'FORBIDDEN');
      }
      await d.fails('reports.exportPdf', { report: 'reports.revenue', input: PERIOD }, 'FORBIDDEN');
    }
    await app.desk().fails('reports.revenue', PERIOD, 'UNAUTHENTICATED');
  });

  it('refuses bad filters with the field at fault', async () => {
    expect((await admin.fails('reports.revenue', { from: '2027-02-07', to: '2027-02-01' }, 'VALIDATION')).fields).toEqual({ to: 'The period must end on or after its first day.' });
    expect((await admin.fails('reports.revenue', { from: '2027-02-30', to: '2027-03-01' }, 'VALIDATION')).fields).toEqual({ from: 'No such date.' });
    expect((await admin.fails('reports.revenue', { from: '2027-13-01', to: '2027-12-01' }, 'VALIDATION')).fields?.from).toBe('No such date.');
    expect((await admin.fails('reports.occupancy', { from: '2020-01-01', to: '2023-01-01' }, 'VALIDATION')).fields?.to).toMatch(/at most 3 years/);
    await admin.ok('reports.occupancy', { from: '2020-01-01', to: '2022-12-31', hospitalIds: [kla] });
    await admin.fails('reports.revenue', { from: '2027-01-01' }, 'VALIDATION');
    await admin.fails('reports.revenue', { ...PERIOD, hospitalIds: [0] }, 'VALIDATION');
    await admin.fails('reports.revenue', { ...PERIOD, sql: '1' }, 'VALIDATION');
    await admin.fails('reports.schedulingTrends', { ...PERIOD, granularity: 'hour' }, 'VALIDATION');
    const e = await admin.fails('reports.exportPdf', { report: 'reports.revenue', input: { from: '2027-02-07', to: '2027-02-01' } }, 'VALIDATION');
    expect(e.fields).toEqual({ 'input.to': 'The period must end on or after its first day.' });
    await admin.fails('reports.exportPdf', { report: 'reports.nothing', input: PERIOD }, 'VALIDATION');
  });
});

describe('PDF export', () => {
  it('prints the report tables with the same figures as the report, and a chart', async () => {
    const report = await admin.ok('reports.departmentPerformance', PERIOD);
    const pdf = await admin.ok('reports.exportPdf', { report: 'reports.departmentPerformance', input: PERIOD });
    expect(pdf.fileName).toBe('department-performance-chain-2027-01-25-2027-02-07.pdf');
    pdfPng(pdf.pdfBase64, 'report-department-performance');
    const info = pdfInfo(pdf.pdfBase64);
    expect(info.pages).toBe(pdf.pages);
    expect(info.title).toBe('Department performance, 25 Jan 2027 – 7 Feb 2027');
    const text = pdfText(pdf.pdfBase64).replace(/\u00a0/g, ' ');
    expect(text).toContain('25 Jan 2027 – 7 Feb 2027');
    expect(text).toContain('2 hospitals: Boston Harbor, Kampala General');
    const lines = text.split('\n');
    for (const table of reportTables('reports.departmentPerformance', report)) {
      for (const row of table.rows) {
        // pdftotext gives the no-break space of "UGX 100,000" back as a plain one.
        const cells = table.columns.map((c) => cellText(table, c, row).replace(/\u00a0/g, ' ')).filter((c) => c !== '');
        // Each row is one line of the PDF with its cells in order.
        const line = lines.find((l) => cells.every((c) => l.includes(c)) && l.indexOf(cells[0]) < l.lastIndexOf(cells[cells.length - 1]));
        expect(line, `${table.key}: ${cells.join(' | ')} in\n${text}`).toBeTruthy();
      }
    }
    expect(text).toContain('33.3%');
    expect(text).toContain('$500.00');
  });

  it('prints each report for one hospital on its letterhead', async () => {
    for (const report of ['reports.appointmentsByDepartment', 'reports.schedulingTrends', 'reports.demographics', 'reports.occupancy', 'reports.revenue', 'reports.staffHours'] as const) {
      const input = report === 'reports.staffHours' ? { from: '2027-02-01', to: '2027-02-07', hospitalIds: [kla] } : { ...PERIOD, hospitalIds: [kla] };
      const pdf = await admin.ok('reports.exportPdf', { report, input });
      const text = pdfText(pdf.pdfBase64);
      expect(text).toContain(KLA_NAME);
      expect(pdf.sha256).toMatch(/^[0-9a-f]{64}$/);
      pdfPng(pdf.pdfBase64, `report-${report.slice(8)}`);
      if (pdf.pages > 1) pdfPng(pdf.pdfBase64, `report-${report.slice(8)}-2`, 2);
    }
    const staff = pdfText((await admin.ok('reports.exportPdf', { report: 'reports.staffHours', input: { from: '2027-02-01', to: '2027-02-07', hospitalIds: [kla], departmentId: opd.id } })).pdfBase64);
    expect(staff).toContain('Department: Outpatients');
    expect(staff).toMatch(/Outpatients\s+3\s+100\s+32\s+-68\s+8\s+14\s+3\s+7\s+42\.9%\s+4/);
  });
});
