// The home screen in Chromium over the harness: a front desk, a doctor and a chain manager sign in and see their own
// cards; the front desk's check-in queue grows when another desk checks a patient in, without reloading, and opens
// the day's list of those waiting; the manager's chain table opens Boston's schedule, switching the desk to Boston.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { addDays } from '@shared/domain/dates';
import { formatMoney } from '@shared/domain/money';
import { launchChromium, nav, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, zoneWhereItIs } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const FRONT = { username: 'ruth.desk', fullName: 'Ruth Nabirye', password: 'front-desk-2026' };
const DOCTOR = { username: 'sarah.nambi', fullName: 'Sarah Nambi', password: 'doctor-pass-2026' };
const MANAGER = { username: 'moses.director', fullName: 'Moses Kato', password: 'manager-pass-2026' };
const OFFICE = { username: 'irene.office', fullName: 'Irene Akello', password: 'office-pass-2026' };
// The scene is set at the desks of the roles that own the work, across the chain: HR's records and hours, the front
// desk's registrations and bookings, the ward nurse's admissions, the till's invoices (the administrator sets up).
const SCENE = {
  'scene-hr': { username: 'scene.hr', fullName: 'Hilda Office', password: 'scene-hr-pass-2026', role: 'hr' },
  'scene-front': { username: 'scene.front', fullName: 'Fred Desk', password: 'scene-front-pass-2026', role: 'front_desk' },
  'scene-nurse': { username: 'scene.nurse', fullName: 'Nora Ward', password: 'scene-nurse-pass-2026', role: 'nurse' },
  'scene-till': { username: 'scene.till', fullName: 'Tina Till', password: 'scene-till-pass-2026', role: 'billing' },
} as const;
// Mid-morning in "Kampala", early afternoon in "Boston", whenever the suite runs: both have a whole day ahead.
const KLA_TZ = zoneWhereItIs(9);
const BOS_TZ = zoneWhereItIs(13);

let harness: Harness;
let browser: Browser;
let front: Page | undefined;
let doctorDesk: Page | undefined;
let manager: Page | undefined;
let office: Page | undefined;
let kla: number;
let bos: number;
const booked: { id: number; name: string }[] = [];

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);
const openDesk = (window: string) => openDeskAt(browser, harness.url({ window }), { width: 1440, height: 1000 });

describe('The home screen in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    kla = (await rpc('setup', 'setup.initialize', { hospital: { ...UGANDA, name: 'Kampala General', timeZone: KLA_TZ }, admin: ADMIN })).hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    bos = (await rpc('setup', 'hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', region: 'MA', timeZone: BOS_TZ, currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;
    await rpc('setup', 'users.create', { ...FRONT, roles: ['front_desk'], hospitalIds: [kla] });
    const drUser = await rpc('setup', 'users.create', { ...DOCTOR, roles: ['doctor'], hospitalIds: [kla] });
    await rpc('setup', 'users.create', { ...MANAGER, roles: ['manager'], hospitalIds: [], allHospitals: true });
    await rpc('setup', 'users.create', { ...OFFICE, roles: ['nurse', 'billing', 'hr'], hospitalIds: [kla] });
    for (const [win, { role, ...user }] of Object.entries(SCENE)) {
      await rpc('setup', 'users.create', { ...user, roles: [role], hospitalIds: [], allHospitals: true });
      await rpc(win, 'auth.login', { username: user.username, password: user.password });
    }
    const medicine = await rpc('setup', 'departments.create', { hospitalId: kla, name: 'Internal medicine' });
    const doctor = async (hospitalId: number, firstName: string, lastName: string, userId: number | null, n: number) => {
      const d = await rpc('scene-hr', 'staff.create', {
        hospitalId,
        firstName,
        lastName,
        staffRole: 'doctor',
        departmentId: hospitalId === kla ? medicine.id : null,
        hireDate: '2020-01-06',
        contractedHours: 40,
        userId,
        doctor: { specialization: 'Internal medicine', licenceNumber: `LIC-${n}`, consultationFee: 50_000, defaultSlotMinutes: 15 },
      });
      await rpc('scene-hr', 'doctors.setSchedule', { doctorId: d.id, hospitalId, validFrom: '2026-01-01', hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })) });
      return d;
    };
    const nambi = await doctor(kla, 'Sarah', 'Nambi', drUser.id, 1);
    const adams = await doctor(bos, 'John', 'Adams', null, 2);
    const names = ['Nakato Namubiru', 'Achieng Odongo', 'Okello Ssemwanga', 'Amina Kisakye', 'Brian Mugisha', 'Esther Atim', 'Joseph Lubega', 'Grace Auma'];
    const patients = [];
    for (const [i, n] of names.entries()) {
      const [firstName, lastName] = n.split(' ');
      patients.push(await rpc('scene-front', 'patients.register', { hospitalId: kla, firstName, lastName, dateOfBirth: '1988-05-14', sex: i % 2 ? 'male' : 'female', phone: `07721234${String(i).padStart(2, '0')}`, acknowledgeDuplicates: true }));
    }
    const bosPatients = [];
    for (const [i, n] of ['Mary Walsh', 'Tom Reilly', 'Ann Doyle'].entries()) {
      const [firstName, lastName] = n.split(' ');
      bosPatients.push(await rpc('scene-front', 'patients.register', { hospitalId: bos, firstName, lastName, dateOfBirth: '1979-02-03', sex: 'female', phone: `+1617555010${i}`, acknowledgeDuplicates: true }));
    }

    // Kampala's morning: six booked with Dr Nambi, three checked in, one cancelled.
    const slots = (await rpc('scene-front', 'appointments.freeSlots', { doctorId: nambi.id, date: todayIn(KLA_TZ) })).slots;
    if (slots.length < 12) throw new Error(`Too late in the day (${KLA_TZ}) for this test`);
    for (let i = 0; i < 6; i++) {
      const a = await rpc('scene-front', 'appointments.book', { patientId: patients[i].id, doctorId: nambi.id, start: slots[4 + i].start });
      booked.push({ id: a.id, name: names[i] });
    }
    for (let i = 0; i < 3; i++) await rpc('scene-front', 'appointments.checkIn', { id: booked[i].id });
    await rpc('scene-front', 'appointments.cancel', { id: booked[5].id, reason: 'Travelling' });
    const bosSlots = (await rpc('scene-front', 'appointments.freeSlots', { doctorId: adams.id, date: todayIn(BOS_TZ) })).slots;
    for (let i = 0; i < 3; i++) {
      const a = await rpc('scene-front', 'appointments.book', { patientId: bosPatients[i].id, doctorId: adams.id, start: bosSlots[4 + i].start });
      if (i === 0) await rpc('scene-front', 'appointments.checkIn', { id: a.id });
    }

    // The last 30 days, written straight to the table (bookings in the past are refused): Kampala 3 no-shows in 24, Boston 1 in 12.
    const past = async (hospitalId: number, doctorId: number, patientId: number, days: number, noShow: boolean, tz: string) => {
      const date = addDays(todayIn(tz), -days);
      await harness.db.sql(
        `INSERT INTO appointments (hospital_id, department_id, doctor_id, patient_id, starts_at, ends_at, local_date, status) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)`,
        [hospitalId, doctorId, patientId, new Date(`${date}T08:00:00Z`), new Date(`${date}T08:15:00Z`), date, noShow ? 'no_show' : 'completed'],
      );
    };
    for (let i = 0; i < 24; i++) await past(kla, nambi.id, patients[i % 8].id, 1 + i, i % 8 === 3, KLA_TZ);
    for (let i = 0; i < 12; i++) await past(bos, adams.id, bosPatients[i % 3].id, 1 + i * 2, i === 5, BOS_TZ);

    // Wards: Kampala's two wards with three patients in (one going home today), Boston's one with one.
    const floorA = await rpc('setup', 'rooms.createFloor', { hospitalId: kla, name: 'Ward A', level: 1 });
    const icu = await rpc('setup', 'rooms.createFloor', { hospitalId: kla, name: 'Intensive care', level: 2 });
    const r101 = await rpc('setup', 'rooms.createRoom', { floorId: floorA.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 6 });
    await rpc('setup', 'rooms.createRoom', { floorId: floorA.id, number: '102', roomType: 'private', dailyRate: 150_000, beds: 1 });
    const r201 = await rpc('setup', 'rooms.createRoom', { floorId: icu.id, number: '201', roomType: 'icu', dailyRate: 300_000, beds: 3 });
    const admit = (patientId: number, bedId: number, expectedDischarge: string | null) =>
      rpc('scene-nurse', 'admissions.admit', { patientId, bedId, attendingDoctorId: nambi.id, reason: 'Observation', expectedDischarge });
    await admit(patients[6].id, r101.beds[0].id, todayIn(KLA_TZ));
    await admit(patients[7].id, r101.beds[1].id, addDays(todayIn(KLA_TZ), 3));
    await admit(patients[4].id, r201.beds[0].id, null);
    const bosFloor = await rpc('setup', 'rooms.createFloor', { hospitalId: bos, name: 'North wing', level: 1 });
    const b1 = await rpc('setup', 'rooms.createRoom', { floorId: bosFloor.id, number: 'N1', roomType: 'semi_private', dailyRate: 90_000, beds: 4 });
    await rpc('scene-nurse', 'admissions.admit', { patientId: bosPatients[2].id, bedId: b1.beds[0].id, attendingDoctorId: adams.id, reason: 'Observation', expectedDischarge: null });

    // Billing: an invoice issued today at each hospital, in its own currency.
    for (const [hospitalId, patientId, price] of [
      [kla, patients[0].id, 185_000],
      [bos, bosPatients[1].id, 42_500],
    ]) {
      const item = await rpc('setup', 'catalog.create', { hospitalId, code: 'CONS', description: 'Specialist consultation', category: 'consultation', price, taxRateBp: 0 });
      const charge = await rpc('scene-till', 'charges.add', { patientId, catalogItemId: item.id });
      await rpc('scene-till', 'invoices.issue', { id: (await rpc('scene-till', 'invoices.createDraft', { patientId, chargeIds: [charge.id] })).id });
    }
  }, 180_000);

  stopAtFirstFailure(() => ({ 'dashboard-failed-front': front, 'dashboard-failed-doctor': doctorDesk, 'dashboard-failed-manager': manager, 'dashboard-failed-office': office }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("shows the front desk today's queue and beds; a check-in at another desk raises the queue without a reload", async () => {
    front = await openDesk('front');
    front.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(front, FRONT, 'Home');
    const desk = front.getByRole('region', { name: 'Front desk' });
    await desk.waitFor();
    await desk.getByRole('link', { name: 'Waiting to be seen: 3' }).waitFor();
    expect(await desk.getByRole('link', { name: 'Still to arrive: 2' }).count()).toBe(1);
    expect(await desk.getByRole('link', { name: 'Cancelled: 1' }).count()).toBe(1);
    // Ten beds, three occupied: seven free.
    expect(await desk.getByRole('link', { name: 'Beds free now: 7' }).count()).toBe(1);
    // Nothing of the other roles.
    expect(await front.getByRole('region', { name: 'Billing' }).count()).toBe(0);
    expect(await front.getByRole('region', { name: 'The chain' }).count()).toBe(0);
    // Who is waiting (in queue order) and who comes next, each opening the patient.
    await desk.getByRole('link', { name: /^No\. 1 Nakato Namubiru with Dr Sarah Nambi$/ }).waitFor();
    await desk.getByRole('link', { name: /Amina Kisakye with Dr Sarah Nambi$/ }).waitFor();
    await front.mouse.move(0, 0);
    await snap(front, 'dashboard-front-desk', { readmeName: 'home-front-desk' });

    // Another workstation checks the fourth patient in.
    await rpc('scene-front', 'appointments.checkIn', { id: booked[3].id });
    await desk.getByRole('link', { name: 'Waiting to be seen: 4' }).waitFor({ timeout: 15_000 });
    await desk.getByRole('link', { name: 'Still to arrive: 1' }).waitFor();
  });

  it('opens the list behind a number: the day of the schedule with those waiting only', async () => {
    await front!.getByRole('link', { name: 'Waiting to be seen: 4' }).click();
    await front!.getByRole('heading', { name: 'Hospital schedule' }).waitFor();
    expect(front!.url()).toContain(`#/appointments?date=${todayIn(KLA_TZ)}&status=checked_in`);
    await front!.getByText('Showing “Checked in” only').waitFor();
    for (const b of booked.slice(0, 4)) await front!.getByRole('row', { name: new RegExp(b.name) }).first().waitFor();
    expect(await front!.getByRole('row', { name: new RegExp(booked[4].name) }).count()).toBe(0);
    await nav(front!, 'Home').click();
    await front!.getByRole('region', { name: 'Front desk' }).waitFor();
  });

  it("shows the doctor their own queue and nothing of the front desk's", async () => {
    doctorDesk = await openDesk('doctor');
    await signIn(doctorDesk, DOCTOR, 'Home');
    const mine = doctorDesk.getByRole('region', { name: 'My patients today' });
    await mine.getByRole('link', { name: 'Waiting for me: 4' }).waitFor();
    await mine.getByRole('link', { name: 'Still to come: 1' }).waitFor();
    await mine.getByRole('link', { name: 'Results to review: 0' }).waitFor();
    expect(await doctorDesk.getByRole('region', { name: 'Front desk' }).count()).toBe(0);
    await doctorDesk.mouse.move(0, 0);
    await snap(doctorDesk, 'dashboard-doctor', { readmeName: 'home-doctor' });
    await mine.getByRole('link', { name: 'Waiting for me: 4' }).click();
    await doctorDesk.getByRole('heading', { name: 'My day' }).waitFor();
  });

  it('shows a chain manager the hospital at a glance and the chain, money by currency; a hospital’s number switches the desk to it', async () => {
    manager = await openDesk('manager');
    await signIn(manager, MANAGER, 'Home');
    const glance = manager.getByRole('region', { name: 'At a glance' });
    await glance.waitFor();
    const chain = manager.getByRole('region', { name: 'The chain' });
    await chain.waitFor();
    const table = chain.getByRole('table', { name: 'Hospitals of the chain' });
    await table.getByRole('row', { name: /Boston Harbor/ }).waitFor();
    await table.getByRole('row', { name: /Kampala General/ }).waitFor();
    // Kampala: 3 of 24 due were no-shows (12.5%); Boston: 1 of 12 (8.3%); the chain 4 of 36 (11.1%).
    await table.getByRole('link', { name: 'Kampala General: no-show rate 12.5%' }).waitFor();
    await table.getByRole('link', { name: 'Boston Harbor: no-show rate 8.3%' }).waitFor();
    await chain.getByRole('link', { name: 'No-show rate: 11.1%' }).waitFor();
    // Revenue is never converted: one line per currency.
    await chain.getByText(formatMoney(185_000, 'UGX')).first().waitFor();
    await chain.getByText(formatMoney(42_500, 'USD')).first().waitFor();
    // Occupancy: Kampala 3 of 10 beds, Boston 1 of 4, the chain 4 of 14.
    await table.getByRole('link', { name: 'Kampala General: occupancy 30%' }).waitFor();
    await chain.getByRole('link', { name: 'Occupancy: 28.6%' }).waitFor();
    await manager.mouse.move(0, 0);
    await snap(manager, 'dashboard-manager', { fullPage: true, readmeName: 'home-manager' });

    await table.getByRole('link', { name: /^Boston Harbor: \d+ appointments today$/ }).click();
    await manager.getByRole('heading', { name: 'Hospital schedule' }).waitFor();
    expect(await manager.getByRole('combobox', { name: 'Working at hospital' }).inputValue()).toBe('Boston Harbor');
    expect(manager.url()).toContain(`#/appointments?date=${todayIn(BOS_TZ)}`);
  });

  it('shows someone with three roles each of their cards: wards, billing and staff', async () => {
    office = await openDesk('office');
    await signIn(office, OFFICE, 'Home');
    const wards = office.getByRole('region', { name: 'Wards' });
    await wards.getByRole('link', { name: 'Beds free: 7' }).waitFor();
    await wards.getByRole('link', { name: 'Expected to go home today: 1' }).waitFor();
    await wards.getByRole('link', { name: /^Ward A: 2 of 7 beds occupied/ }).waitFor();
    const billing = office.getByRole('region', { name: 'Billing' });
    await billing.getByRole('link', { name: 'Invoices issued today: 1' }).waitFor();
    await billing.getByRole('link', { name: 'Open invoices: 1' }).waitFor();
    await office.getByRole('region', { name: 'Staff' }).waitFor();
    expect(await office.getByRole('region', { name: 'Front desk' }).count()).toBe(0);
    await office.mouse.move(0, 0);
    await snap(office, 'dashboard-nurse-billing-hr', { fullPage: true, readmeName: 'home-nurse-billing-hr' });
    await wards.getByRole('link', { name: /^Ward A: / }).click();
    await office.getByTestId('occupancy-board').waitFor();
    await office.getByRole('region', { name: 'Ward A' }).waitFor();
    expect(await office.getByRole('region', { name: 'Intensive care' }).count()).toBe(0);
  });
});
