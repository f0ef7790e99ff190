// Paths a new desk trips over (issue 17), each through the real UI in Chromium over the harness: booking by department
// when one of its doctors is off that day, cancelling and rescheduling from the Schedule's list view, a typed date that
// does not exist, the rota's assigning hint only for those who assign, and counts in the singular.
// The hospital's zone is one where it is morning now, so today's slots are there whenever the suite runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { choose, closeNotifications, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, zoneWhereItIs } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const DESK = { username: 'desk.amina', fullName: 'Amina Nansubuga', password: 'front-desk-2026' };
const HR = { username: 'hr.okello', fullName: 'Grace Okello', password: 'people-desk-2026' };
const MANAGER = { username: 'manager.mugisha', fullName: 'Paul Mugisha', password: 'manager-desk-2026' };
const CASHIER = { username: 'cashier.achan', fullName: 'Rose Achan', password: 'cashier-desk-2026' };
const NURSE = { username: 'nurse.auma', fullName: 'Joy Auma', password: 'ward-nurse-2026' };
const TZ = zoneWhereItIs(8);
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

let harness: Harness;
let browser: Browser;
let desk: Page | undefined;
let other: Page | undefined;
let kawooyaId: number;
let invoiceId: number;
const booked: { patient: string; start: string }[] = [];
const patientIds: number[] = [];

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);
const hhmm = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const openDesk = (window: string, hash?: string) => openDeskAt(browser, harness.url({ window, hash }), { width: 1366, height: 900 });

describe('Paths a new desk trips over', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const { hospitalId } = await rpc('setup', 'setup.initialize', { hospital: { ...UGANDA, timeZone: TZ }, admin: ADMIN });
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const cardiology = await rpc('setup', 'departments.create', { hospitalId, name: 'Cardiology' });
    for (const [user, role] of [
      [DESK, 'front_desk'],
      [HR, 'hr'],
      [MANAGER, 'manager'],
      [CASHIER, 'billing'],
      [NURSE, 'nurse'],
    ] as const) {
      await rpc('setup', 'users.create', { ...user, roles: [role], hospitalIds: [hospitalId] });
    }
    const floor = await rpc('setup', 'rooms.createFloor', { hospitalId, name: 'Ward block', level: 1 });
    const ward = await rpc('setup', 'rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 3 });
    const icu = await rpc('setup', 'rooms.createRoom', { floorId: floor.id, number: 'ICU-1', roomType: 'icu', dailyRate: 400_000, beds: 1 });
    const xray = await rpc('setup', 'catalog.create', { hospitalId, code: 'RAD-XR', description: 'Chest X-ray', category: 'test', price: 45_000, taxRateBp: 0 });

    // HR keeps the doctors: Dr Acen (whose name sorts first) is on leave today, Dr Kawooya works around the clock.
    await rpc('hr', 'auth.login', { username: HR.username, password: HR.password });
    const doctor = (firstName: string, lastName: string, n: number) =>
      rpc('hr', 'staff.create', {
        hospitalId,
        firstName,
        lastName,
        staffRole: 'doctor',
        departmentId: cardiology.id,
        hireDate: '2020-01-06',
        contractedHours: 40,
        userId: null,
        doctor: { specialization: 'Cardiology', licenceNumber: `UMDPC-${n}`, consultationFee: 50000, defaultSlotMinutes: 30 },
      });
    const acen = await doctor('Abbo', 'Acen', 1);
    const kawooya = await doctor('Kigozi', 'Kawooya', 2);
    kawooyaId = kawooya.id;
    for (const d of [acen, kawooya]) await rpc('hr', 'doctors.setSchedule', { doctorId: d.id, hospitalId, validFrom: '2026-01-01', hours: everyDay('00:00', '24:00') });
    await rpc('hr', 'doctors.addException', { doctorId: acen.id, kind: 'leave', startDate: todayIn(TZ), endDate: todayIn(TZ), note: 'Annual leave' });

    // The front desk registers two patients and books them with Dr Kawooya a few slots ahead.
    await rpc('desk', 'auth.login', { username: DESK.username, password: DESK.password });
    const free = await rpc('desk', 'appointments.freeSlots', { doctorId: kawooya.id, date: todayIn(TZ) });
    if (free.slots.length < 8) throw new Error(`Too late in the day (${TZ}) for this test: ${free.slots.length} slots left`);
    for (const [i, [firstName, lastName, phone]] of [
      ['Nakato', 'Namubiru', '0772123456'],
      ['Achieng', 'Odongo', '0772654321'],
    ].entries()) {
      const p = await rpc('desk', 'patients.register', { hospitalId, firstName, lastName, dateOfBirth: '1990-03-14', sex: 'female', phone, acknowledgeDuplicates: true });
      const start = free.slots[3 + i * 2].start;
      await rpc('desk', 'appointments.book', { patientId: p.id, doctorId: kawooya.id, start, reason: 'Palpitations' });
      booked.push({ patient: `${firstName} ${lastName}`, start });
      if (i === 0) {
        // Billing drafts an invoice of one charge for her.
        await rpc('billing', 'auth.login', { username: CASHIER.username, password: CASHIER.password });
        const charge = await rpc('billing', 'charges.add', { patientId: p.id, catalogItemId: xray.id, quantity: 1 });
        invoiceId = (await rpc('billing', 'invoices.createDraft', { patientId: p.id, chargeIds: [charge.id] })).id;
      }
      patientIds.push(p.id);
    }
    // A nurse has admitted Nakato to intensive care for two nights; the front desk has reserved 101-B for Achieng from
    // tomorrow: free on today's board, but not for a patient expected to stay over those nights.
    await rpc('desk', 'beds.book', { bedId: ward.beds[1].id, patientId: patientIds[1], from: addDays(todayIn(TZ), 1), to: addDays(todayIn(TZ), 4) });
    await rpc('nurse', 'auth.login', { username: NURSE.username, password: NURSE.password });
    await rpc('nurse', 'admissions.admit', { patientId: patientIds[0], bedId: icu.beds[0].id, attendingDoctorId: kawooya.id, reason: 'Chest pain, monitoring', expectedDischarge: addDays(todayIn(TZ), 2) });
  });

  stopAtFirstFailure(() => ({ 'desk-paths-failed': desk, 'desk-paths-failed-other': other }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('books by department with the first free doctor, though another doctor of it is on leave that day', async () => {
    desk = await openDesk('A');
    await signIn(desk, DESK);
    await nav(desk, 'Schedule').click();
    await desk.getByRole('link', { name: 'Book appointment' }).click();
    await choose(desk, 'Department', 'Cardiology');
    expect(await desk.getByRole('combobox', { name: 'Doctor', exact: true }).inputValue()).toBe('First free doctor');
    await desk.getByRole('group', { name: 'Free slots of Dr Kigozi Kawooya' }).waitFor();
    const first = (await rpc('desk', 'appointments.freeSlots', { doctorId: kawooyaId, date: todayIn(TZ) })).slots[0];
    await desk.getByText(`First free: ${hhmm(first.start)} with Dr Kigozi Kawooya`).waitFor();
    await desk.getByText(/Dr Abbo Acen · .*on leave/).waitFor();
    expect(await desk.getByText(/No free slot in this department/).count()).toBe(0);
    // The doctor with slots comes first, the one on leave after.
    const names = await desk.getByText(/^Dr (Abbo Acen|Kigozi Kawooya) · (\d+ free|.*on leave)/).allTextContents();
    expect(names.map((n) => n.split(' · ')[0])).toEqual(['Dr Kigozi Kawooya', 'Dr Abbo Acen']);
    await snap(desk, 'desk-paths-01-first-free-doctor');
  });

  it('cancels and reschedules from the Schedule’s list view without the dialog opening the patient', async () => {
    await nav(desk!, 'Schedule').click();
    await desk!.getByRole('heading', { name: 'Hospital schedule' }).waitFor();
    await desk!.getByText('List', { exact: true }).click();
    const [nakato, achieng] = booked;
    const row = desk!.getByRole('row', { name: `${hhmm(nakato.start)} Dr Kigozi Kawooya Nakato Namubiru Booked` });
    await row.getByRole('button', { name: 'Cancel' }).click();
    const dialog = desk!.getByRole('dialog', { name: 'Cancel appointment' });
    // Clicks anywhere in the dialog stay in it: on its text, into the reason box.
    await dialog.getByText(/Nakato Namubiru/).first().click();
    await dialog.getByLabel('Reason for cancelling').click();
    await dialog.getByLabel('Reason for cancelling').fill('Patient called: travelling to Gulu');
    await dialog.getByLabel('Reason for cancelling').press('Enter');
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await notification(desk!, 'The slot is free again.');
    await desk!.getByRole('row', { name: `${hhmm(nakato.start)} Dr Kigozi Kawooya Nakato Namubiru Cancelled` }).waitFor();
    expect(await desk!.getByRole('heading', { name: 'Hospital schedule' }).count()).toBe(1);
    expect(desk!.url()).not.toContain('/patients/');

    await desk!.getByRole('row', { name: `${hhmm(achieng.start)} Dr Kigozi Kawooya Achieng Odongo Booked` }).getByRole('button', { name: 'Reschedule' }).click();
    const move = desk!.getByRole('dialog', { name: 'Reschedule appointment' });
    const later = (await rpc('desk', 'appointments.freeSlots', { doctorId: kawooyaId, date: todayIn(TZ) })).slots.filter((s) => s.start > achieng.start)[0];
    await move.getByRole('button', { name: `${hhmm(later.start)} with Dr Kigozi Kawooya`, exact: true }).click();
    await move.getByText(/^New time: Dr Kigozi Kawooya, /).waitFor();
    await move.getByRole('button', { name: 'Move appointment' }).click();
    await notification(desk!, 'Achieng Odongo now sees Dr Kigozi Kawooya on');
    await desk!.getByRole('row', { name: `${hhmm(later.start)} Dr Kigozi Kawooya Achieng Odongo Booked` }).waitFor();
    expect(desk!.url()).not.toContain('/patients/');
    await closeNotifications(desk!);
    await snap(desk!, 'desk-paths-02-list-view-after-cancel-and-move');

    // A click on the row itself still opens the patient.
    await desk!.getByRole('row', { name: `${hhmm(later.start)} Dr Kigozi Kawooya Achieng Odongo Booked` }).getByText('Booked').click();
    await desk!.getByRole('heading', { name: 'Achieng Odongo' }).waitFor();
  });

  it('says a typed date that does not exist is no such date, not that it is written wrongly', async () => {
    await nav(desk!, 'Patients').click();
    await desk!.getByRole('link', { name: 'Register patient' }).first().click();
    await desk!.getByRole('heading', { name: 'Register patient' }).waitFor();
    await desk!.getByLabel('Date of birth').fill('31/02/1990');
    await desk!.getByRole('button', { name: 'Register patient' }).click();
    await desk!.getByText('No such date: February 1990 has 28 days.').waitFor();
    expect(await desk!.getByText(/Type the date as/).count()).toBe(0);
    await desk!.getByLabel('Date of birth').fill('31 Feb 1990');
    await desk!.getByRole('button', { name: 'Register patient' }).click();
    await desk!.getByText('Type the date as DD/MM/YYYY, e.g. 14/03/1990.').waitFor();
  });

  it('shows the rota’s “click an empty day to assign” only to those who assign', async () => {
    other = await openDesk('M');
    await signIn(other, MANAGER);
    await nav(other, 'Rota').click();
    await other.getByTestId('coverage-summary').waitFor();
    expect(await other.getByText(/Click an empty day to assign/).count()).toBe(0);
    await other.close();

    other = await openDesk('H');
    await signIn(other, HR);
    await nav(other, 'Rota').click();
    await other.getByText(/Click an empty day to assign/).waitFor();
    await other.close();
    other = undefined;
  });

  it('counts one charge in the singular when a draft of one line is deleted', async () => {
    other = await openDesk('B');
    await signIn(other, CASHIER);
    // A sign-in starts on the home screen; the cashier then opens the draft.
    await other.evaluate(`window.location.hash = '/billing/invoices/${invoiceId}'`);
    await other.getByRole('button', { name: 'Delete draft' }).click();
    const dialog = other.getByRole('dialog', { name: 'Delete this draft?' });
    await dialog.getByText('The draft is removed and its charge is unbilled again; nothing is numbered.').waitFor();
    expect(await dialog.getByText(/1 charges/).count()).toBe(0);
  });

  it('offers for a transfer only the beds the transfer takes: a bed reserved over the stay’s nights is not among them', async () => {
    other = await openDesk('N');
    await signIn(other, NURSE);
    await nav(other, 'Wards').click();
    await other.getByTestId('occupancy-board').waitFor();
    await other.getByRole('button', { name: 'Room 101, bed B: Free', exact: true }).waitFor();
    await other.getByRole('button', { name: 'Room ICU-1, bed A: Occupied, Nakato Namubiru', exact: true }).click();
    const d = other.getByRole('dialog', { name: 'Room ICU-1, bed A' });
    await d.getByRole('button', { name: 'Transfer' }).click();
    await other.getByRole('combobox', { name: 'To bed', exact: true }).click();
    await other.getByRole('option', { name: /Room 101 \(General ward\) · bed A/ }).waitFor();
    const options = await other.getByRole('option').allTextContents();
    expect(options.filter((o) => o.includes('Room 101'))).toEqual([expect.stringContaining('bed A'), expect.stringContaining('bed C')]);
    await snap(other, 'desk-paths-03-transfer-offers-free-beds');
    await other.getByRole('option', { name: /Room 101 \(General ward\) · bed C/ }).click();
    await d.getByRole('button', { name: 'Transfer', exact: true }).click();
    await notification(other, 'Nakato Namubiru moved to Room 101, bed C; Room ICU-1, bed A goes to cleaning.');
  });
});
