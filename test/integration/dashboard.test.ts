// The home dashboard against figures worked out by hand on a small data set built through the channels: Kampala
// General (UTC+3) and Boston Harbor (UTC-5 in January). The clock stops at 03:45 UTC on Thursday 14 January 2027:
// 06:45 on the 14th in Kampala, still 22:45 on Wednesday the 13th in Boston.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { doctor, everyDay, patient } from '../support/scheduling';
import { haemoglobin } from '../support/clinical';

let app: TestApp;
let kla: number;
let bos: number;
let drUser: Desk & { userId: number; username: string; password: string };
let dr: Output<'staff.create'>;
let bosDr: Output<'staff.create'>;
let klaDesk: Desk;
let bosDesk: Desk;

const NOW = new Date('2027-01-14T03:45:00Z');
/** An instant as Kampala (UTC+3) or Boston (UTC-5) wall-clock time. */
const atKla = (date: string, hhmm: string) => `${new Date(`${date}T${hhmm}:00+03:00`).toISOString()}`;
const atBos = (date: string, hhmm: string) => `${new Date(`${date}T${hhmm}:00-05:00`).toISOString()}`;

async function freshDesks(): Promise<void> {
  klaDesk = await app.signedIn(['front_desk', 'nurse']);
  bosDesk = await app.signedIn(['front_desk'], { hospitalIds: [bos] });
}

beforeAll(async () => {
  app = await startTestApp();
  kla = app.hospitalId;
  bos = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', region: 'MA', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;

  // Tuesday 12 January, 12:00 UTC (15:00 in Kampala): book the past days' visits and the days ahead.
  await app.setClock(new Date('2027-01-12T12:00:00Z'));
  let hr = await app.signedIn(['hr'], { allHospitals: true });
  drUser = await app.signedIn(['doctor']);
  dr = await doctor(hr, kla, { firstName: 'Sarah', lastName: 'Nambi', userId: drUser.userId, hours: everyDay('08:00', '17:00', 30) });
  bosDr = await doctor(hr, bos, { firstName: 'John', lastName: 'Adams', hours: everyDay('08:00', '23:30', 30) });
  await freshDesks();
  const kp = [];
  for (let i = 0; i < 7; i++) kp.push(await patient(klaDesk, kla));
  const bp = [];
  for (let i = 0; i < 3; i++) bp.push(await patient(bosDesk, bos, { phone: `+1617555${String(1000 + i)}` }));
  const book = (d: Desk, patientId: number, doctorId: number, start: string) => d.ok('appointments.book', { patientId, doctorId, start });
  const pastNoShow = await book(klaDesk, kp[0].id, dr.id, atKla('2027-01-12', '16:00'));
  const pastSeen = await book(klaDesk, kp[1].id, dr.id, atKla('2027-01-12', '16:30'));
  const today = [];
  for (const t of ['09:00', '09:30', '10:00', '10:30', '11:00']) today.push(await book(klaDesk, kp[2 + today.length].id, dr.id, atKla('2027-01-14', t)));
  const bosToday = [];
  for (const t of ['21:00', '22:00', '23:00']) bosToday.push(await book(bosDesk, bp[bosToday.length].id, bosDr.id, atBos('2027-01-13', t)));

  // 17:10 in Kampala on the 12th: one no-show, one seen (its consultation is charged, unbilled).
  await app.setClock(new Date('2027-01-12T14:10:00Z'));
  await freshDesks();
  await klaDesk.ok('appointments.markNoShow', { id: pastNoShow.id });
  await klaDesk.ok('appointments.checkIn', { id: pastSeen.id });
  const drDesk = app.desk();
  await drDesk.ok('auth.login', { username: drUser.username, password: drUser.password });
  await drDesk.ok('appointments.complete', { id: pastSeen.id });

  // Now: Kampala's Thursday morning, Boston's Wednesday night.
  await app.setClock(NOW);
  await freshDesks();
  drUser = { ...drUser, ...app.desk() };
  await drUser.ok('auth.login', { username: drUser.username, password: drUser.password });
  await klaDesk.ok('appointments.checkIn', { id: today[0].id });
  await klaDesk.ok('appointments.checkIn', { id: today[1].id });
  await klaDesk.ok('appointments.cancel', { id: today[2].id, reason: 'Travelling' });
  await bosDesk.ok('appointments.markNoShow', { id: bosToday[0].id });
  await bosDesk.ok('appointments.checkIn', { id: bosToday[1].id });

  // A result waiting for Dr Nambi, another already seen.
  const hb = await app.admin.ok('tests.define', haemoglobin(kla));
  const e = await drUser.ok('encounters.open', { appointmentId: today[0].id });
  const o1 = (await drUser.ok('tests.order', { encounterId: e.id, testId: hb.id })).tests[0];
  const o2 = (await drUser.ok('tests.order', { encounterId: e.id, testId: hb.id })).tests.find((t) => t.id !== o1.id)!;
  await klaDesk.ok('tests.recordResult', { orderId: o1.id, value: 13 });
  await klaDesk.ok('tests.recordResult', { orderId: o2.id, value: 12 });
  await drUser.ok('tests.markSeen', { ids: [o2.id] });

  // Wards: Ward A (101 with three beds, 102 private, being cleaned) and ICU (two beds); two patients in, one going home today.
  const wardA = await app.admin.ok('rooms.createFloor', { hospitalId: kla, name: 'Ward A', level: 1 });
  const icu = await app.admin.ok('rooms.createFloor', { hospitalId: kla, name: 'ICU', level: 2 });
  const r101 = await app.admin.ok('rooms.createRoom', { floorId: wardA.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 3 });
  const r102 = await app.admin.ok('rooms.createRoom', { floorId: wardA.id, number: '102', roomType: 'private', dailyRate: 150_000, beds: 1 });
  const r201 = await app.admin.ok('rooms.createRoom', { floorId: icu.id, number: '201', roomType: 'icu', dailyRate: 300_000, beds: 2 });
  await klaDesk.ok('rooms.setState', { roomId: r102.id, state: 'cleaning' });
  await klaDesk.ok('admissions.admit', { patientId: kp[5].id, bedId: r101.beds[0].id, attendingDoctorId: dr.id, reason: 'Malaria', expectedDischarge: '2027-01-14' });
  await klaDesk.ok('admissions.admit', { patientId: kp[6].id, bedId: r201.beds[0].id, attendingDoctorId: dr.id, reason: 'Sepsis', expectedDischarge: '2027-01-20' });
  await klaDesk.ok('beds.book', { bedId: r101.beds[1].id, patientId: kp[4].id, from: '2027-01-14', to: '2027-01-16' });

  // Billing: Kampala issues one UGX invoice today and is paid part of it; Boston issues one USD invoice on its Wednesday.
  const cashier = await app.signedIn(['billing'], { allHospitals: true });
  const item = await app.admin.ok('catalog.create', { hospitalId: kla, code: 'XR', description: 'X-ray', category: 'test', price: 10_000, taxRateBp: 0 });
  const c1 = await cashier.ok('charges.add', { patientId: kp[2].id, catalogItemId: item.id });
  await cashier.ok('charges.add', { patientId: kp[3].id, catalogItemId: item.id });
  const inv = await cashier.ok('invoices.createDraft', { patientId: kp[2].id, chargeIds: [c1.id] });
  await cashier.ok('invoices.issue', { id: inv.id });
  await cashier.ok('payments.record', { invoiceId: inv.id, amount: 4_000, method: 'cash' });
  const usd = await app.admin.ok('catalog.create', { hospitalId: bos, code: 'XR', description: 'X-ray', category: 'test', price: 2_500, taxRateBp: 0 });
  const c3 = await cashier.ok('charges.add', { patientId: bp[2].id, catalogItemId: usd.id });
  await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: bp[2].id, chargeIds: [c3.id] })).id });

  hr = await app.signedIn(['hr'], { allHospitals: true });
  // Rota: Medicine wants two nurses on every day shift; one is rostered on Wednesday; another nurse is on leave today.
  const medicine = await app.admin.ok('departments.create', { hospitalId: kla, name: 'Medicine' });
  const day = await hr.ok('shifts.createType', { hospitalId: kla, name: 'Day', code: 'D', start: '08:00', end: '16:00' });
  await hr.ok('shifts.setCoverage', { departmentId: medicine.id, shiftTypeId: day.id, staffRole: 'nurse', minHeadcount: 2 });
  const nurseStaff = (first: string) =>
    hr.ok('staff.create', { hospitalId: kla, firstName: first, lastName: 'Nurse', staffRole: 'nurse', departmentId: medicine.id, hireDate: '2020-01-06', contractedHours: 40, userId: null });
  const n1 = await nurseStaff('Agnes');
  const n2 = await nurseStaff('Brenda');
  await hr.ok('shifts.assign', { staffId: n1.id, date: '2027-01-13', shiftTypeId: day.id, departmentId: medicine.id });
  await hr.ok('leave.record', { staffId: n2.id, kind: 'annual', startDate: '2027-01-14', endDate: '2027-01-15' });
  await hr.ok('leave.record', { staffId: n1.id, kind: 'sick', startDate: '2027-01-11', endDate: '2027-01-12' });
}, 120_000);
afterAll(async () => app?.close());

const mine = async (desk: Desk, hospitalId?: number) => desk.ok('dashboard.get', hospitalId === undefined ? {} : { hospitalId });

describe('the front desk', () => {
  it("counts Kampala's Thursday by status, the check-in queue and the beds free now, each with the list behind it", async () => {
    const d = await mine(await app.signedIn(['front_desk']));
    expect(d.sections).toEqual(['frontDesk']);
    expect(d.chain).toBeNull();
    expect(d.hospitals).toHaveLength(1);
    const h = d.hospitals[0];
    expect(h).toMatchObject({ hospitalId: kla, today: '2027-01-14', month: '2027-01' });
    expect(Object.fromEntries(Object.entries(h.frontDesk!.appointments).map(([s, f]) => [s, f.value]))).toEqual({ booked: 2, checked_in: 2, completed: 0, cancelled: 1, no_show: 0 });
    expect(h.frontDesk!.appointments.booked.route).toBe('/appointments?date=2027-01-14&status=booked');
    expect(h.frontDesk!.checkInQueue).toEqual({ value: 2, route: '/appointments?date=2027-01-14&status=checked_in' });
    // 6 beds: two occupied, one reserved for today, one in a room being cleaned: two free.
    expect(h.frontDesk!.bedsFreeNow).toEqual({ value: 2, route: '/wards?status=free' });
    expect(h.doctor).toBeUndefined();
    expect(h.billing).toBeUndefined();
  });

  it("Boston's day is its own local day: Wednesday the 13th, although it is Thursday in UTC", async () => {
    const d = await mine(await app.signedIn(['front_desk'], { hospitalIds: [bos] }));
    const h = d.hospitals[0];
    expect(h).toMatchObject({ hospitalId: bos, today: '2027-01-13', timeZone: 'America/New_York' });
    // The 23:00 appointment is at 04:00 UTC on the 14th, yet it is Boston's Wednesday.
    expect(Object.fromEntries(Object.entries(h.frontDesk!.appointments).map(([s, f]) => [s, f.value]))).toEqual({ booked: 1, checked_in: 1, completed: 0, cancelled: 0, no_show: 1 });
    expect(h.frontDesk!.checkInQueue.route).toBe('/appointments?date=2027-01-13&status=checked_in');
  });
});

describe('scope', () => {
  it('a Kampala user never sees Boston: not by default, and FORBIDDEN when asking for it', async () => {
    const m = await app.signedIn(['manager', 'front_desk', 'billing']);
    const d = await mine(m);
    expect(d.hospitals.map((h) => h.hospitalId)).toEqual([kla]);
    expect(d.chain!.revenueThisMonth.map((r) => r.currency)).toEqual(['UGX']);
    expect(d.chain!.appointmentsToday.value).toBe(4);
    await m.fails('dashboard.get', { hospitalId: bos }, 'FORBIDDEN');
    expect((await mine(m, kla)).hospitals.map((h) => h.hospitalName)).toEqual(['Kampala General']);
  });

  it('a chain-wide manager sees both hospitals, one asked for, and the chain in two currencies, never converted', async () => {
    const m = await app.signedIn(['manager'], { allHospitals: true });
    const d = await mine(m);
    expect(d.sections).toEqual(['manager']);
    expect(d.hospitals.map((h) => h.hospitalName)).toEqual(['Boston Harbor', 'Kampala General']);
    expect(d.chain).toMatchObject({
      occupancy: { percent: 33.3, part: 2, whole: 6 },
      appointmentsToday: { value: 7 },
      revenueThisMonth: [
        { currency: 'UGX', amount: 10_000 },
        { currency: 'USD', amount: 2_500 },
      ],
      // Boston's no-show is today's (its Wednesday), not of the 30 days before: Kampala's 1 of 2.
      noShowRate: { percent: 50, part: 1, whole: 2, route: '/reports/department-performance?from=2026-12-14&to=2027-01-13' },
    });
    expect(d.chain!.revenueThisMonth[0].route).toBe('/reports/revenue?period=this-month');
    expect((await mine(m, bos)).hospitals.map((h) => h.hospitalId)).toEqual([bos]);
  });
});

describe('each role sees only its sections', () => {
  it('a doctor: the queue of today and the results waiting, nothing of the front desk, billing or HR', async () => {
    const d = await mine(drUser);
    expect(d.sections).toEqual(['doctor']);
    const h = d.hospitals[0];
    expect(h.doctor).toMatchObject({
      doctorId: dr.id,
      waiting: { value: 2, route: '/my-day?date=2027-01-14' },
      toCome: { value: 2 },
      seen: { value: 0 },
      resultsWaiting: { value: 1, route: '/my-day' },
    });
    expect(Object.keys(h).filter((k) => ['frontDesk', 'nurse', 'billing', 'hr', 'manager'].includes(k))).toEqual([]);
  });

  it('a doctor without a linked staff record sees zeros and no doctor id', async () => {
    const h = (await mine(await app.signedIn(['doctor']))).hospitals[0];
    expect(h.doctor).toMatchObject({ doctorId: null, waiting: { value: 0 }, resultsWaiting: { value: 0 } });
  });

  it("a nurse: the hospital's wards (none is assigned to her) and the discharges expected today", async () => {
    const d = await mine(await app.signedIn(['nurse']));
    expect(d.sections).toEqual(['nurse']);
    const n = d.hospitals[0].nurse!;
    expect(n.assignedWardId).toBeNull();
    expect(n.wards.map((w) => [w.name, w.beds, w.occupied, w.reserved, w.cleaning, w.free])).toEqual([
      ['Ward A', 4, 1, 1, 1, 1],
      ['ICU', 2, 1, 0, 0, 1],
    ]);
    expect(n.wards[0].route).toBe(`/wards?floorId=${n.wards[0].floorId}`);
    expect(n.total).toMatchObject({ beds: 6, usable: 6, occupied: 2, free: 2, percent: 33.3 });
    expect(n.dischargesToday).toEqual({ value: 1, route: '/wards?tab=census' });
  });

  it('billing: unbilled charges, issued today and what is owed, by currency', async () => {
    const d = await mine(await app.signedIn(['billing'], { allHospitals: true }));
    expect(d.sections).toEqual(['billing']);
    const [b, k] = d.hospitals.map((h) => h.billing!);
    // Kampala: the completed visit's consultation and the second X-ray are on no invoice.
    expect(k).toEqual({
      unbilledCharges: { value: 2, route: '/billing' },
      issuedToday: { value: 1, route: '/billing?from=2027-01-14&to=2027-01-14' },
      issuedTodayAmounts: [{ currency: 'UGX', amount: 10_000, route: '/billing?from=2027-01-14&to=2027-01-14' }],
      openInvoices: { value: 1, route: '/billing?status=open' },
      receivables: [{ currency: 'UGX', amount: 6_000, route: '/billing?status=open' }],
    });
    expect(b).toMatchObject({ unbilledCharges: { value: 0 }, issuedToday: { value: 1, route: '/billing?from=2027-01-13&to=2027-01-13' }, receivables: [{ currency: 'USD', amount: 2_500 }] });
  });

  it('HR: coverage gaps this week, staff on leave today, and last month without a payroll run', async () => {
    const hr = await app.signedIn(['hr']);
    let h = (await mine(hr)).hospitals[0];
    expect(h.hr).toMatchObject({
      weekStart: '2027-01-11',
      // Two nurses wanted on seven day shifts; one rostered on Wednesday: seven shifts short, thirteen people missing.
      coverageGaps: { value: 7 },
      missingPeople: 13,
      onLeaveToday: { value: 1, route: '/rota/leave' },
      payroll: { month: '2026-12', status: 'none', route: '/payroll' },
    });
    expect(h.hr!.gapsByDepartment).toEqual([{ departmentId: expect.any(Number), departmentName: 'Medicine', shifts: 7, missing: 13, route: `/rota?departmentId=${h.hr!.gapsByDepartment[0].departmentId}&week=2027-01-11` }]);
    expect(h.hr!.coverageGaps.route).toBe(h.hr!.gapsByDepartment[0].route);
    const run = await hr.ok('payroll.startRun', { hospitalId: kla, month: '2026-12' });
    h = (await mine(hr)).hospitals[0];
    expect(h.hr!.payroll).toEqual({ month: '2026-12', status: 'draft', paidOn: null, route: `/payroll/runs/${run.id}` });
  });

  it('a manager of Kampala: occupancy, appointments today, revenue this month and the no-show rate of the 30 days before', async () => {
    const h = (await mine(await app.signedIn(['manager']))).hospitals[0];
    expect(h.manager).toMatchObject({
      occupancy: { percent: 33.3, part: 2, whole: 6, route: '/wards' },
      appointmentsToday: { value: 4, route: '/appointments?date=2027-01-14' },
      revenueThisMonth: [{ currency: 'UGX', amount: 10_000, route: '/billing?from=2027-01-01&to=2027-01-14' }],
      noShowRate: { percent: 50, part: 1, whole: 2, route: `/reports/department-performance?from=2026-12-15&to=2027-01-13&hospitals=${kla}` },
    });
  });

  it('a user with several roles sees each of theirs, in the order of the home screen', async () => {
    const d = await mine(await app.signedIn(['billing', 'nurse', 'front_desk']));
    expect(d.sections).toEqual(['frontDesk', 'nurse', 'billing']);
    expect(Object.keys(d.hospitals[0]).filter((k) => ['frontDesk', 'doctor', 'nurse', 'billing', 'hr', 'manager'].includes(k)).sort()).toEqual(['billing', 'frontDesk', 'nurse']);
  });

  it('a pharmacist has no section: the answer lists the hospital and nothing else', async () => {
    const d = await mine(await app.signedIn(['pharmacist']));
    expect(d.sections).toEqual([]);
    expect(d.hospitals).toEqual([{ hospitalId: kla, hospitalName: 'Kampala General', timeZone: 'Africa/Kampala', today: '2027-01-14', month: '2027-01' }]);
  });
});

describe('live figures', () => {
  it('a check-in at another desk is in the next answer; the channel shows appointments so the home screen refreshes', async () => {
    const fd = await app.signedIn(['front_desk']);
    const before = (await mine(fd)).hospitals[0].frontDesk!.checkInQueue.value;
    const booked = await app.db.sql<{ id: number }>("SELECT id FROM appointments WHERE hospital_id = ? AND local_date = '2027-01-14' AND status = 'booked' ORDER BY id LIMIT 1", [kla]);
    await klaDesk.ok('appointments.checkIn', { id: Number(booked[0].id) });
    expect((await mine(fd)).hospitals[0].frontDesk!.checkInQueue.value).toBe(before + 1);
    const { contract } = await import('@shared/contract');
    expect(contract['dashboard.get'].shows).toEqual(expect.arrayContaining(['appointment', 'stay', 'bed', 'invoice', 'charge', 'test_order', 'shift', 'leave', 'payroll_run']));
  });
});

describe('a backlog', () => {
  it('counts unbilled charges up to 1,000 and says there are at least that many', async () => {
    const [{ id: patientId }] = await app.db.sql<{ id: number }>('SELECT id FROM patients WHERE hospital_id = ? ORDER BY id LIMIT 1', [kla]);
    await app.db.sql(
      `INSERT INTO charges (hospital_id, patient_id, category, description, quantity, unit_price, amount, currency, service_date)
       WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600) SELECT ?, ?, 'other', 'Old visit', 1, 100, 100, 'UGX', '2025-01-01' FROM n a CROSS JOIN (SELECT 1 UNION ALL SELECT 2) b`,
      [kla, patientId],
    );
    const b = (await mine(await app.signedIn(['billing']))).hospitals[0].billing!;
    expect(b.unbilledCharges).toEqual({ value: 1000, route: '/billing', atLeast: true });
  });
});
