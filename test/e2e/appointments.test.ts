// Appointments through the real UI in Chromium over the harness: booking from the free-slot view while a second desk
// watches the slot vanish, cancelling with a reason, rebooking, a slot taken under a desk's feet, check-in with a queue
// number on the hospital's day schedule, the patient's appointments, and the doctor's own day with the queue.
// The doctors work every day around the clock, so the test does not depend on the hour it runs at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { choose, closeNotifications, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, zoneWhereItIs } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const DOCTOR = { username: 'sarah.nambi', password: 'doctor-pass-2026' };
// Booking is the front desk's work: two receptionists at desks A and B; HR keeps the doctors' staff records and hours.
const FRONT_A = { username: 'mirembe', fullName: 'Mirembe Nansubuga', password: 'front-desk-2026' };
const FRONT_B = { username: 'opio', fullName: 'Daniel Opio', password: 'second-desk-2026' };
const HR = { username: 'kizza', fullName: 'Joseph Kizza', password: 'people-office-2026' };
/**
 * The hospital's zone is picked so that it is morning there now: the test books today's slots, and a fixed zone would
 * run out of them late in its evening whenever the suite happens to run then. ('Etc/GMT-3' is UTC+3.)
 */
const TZ = zoneWhereItIs(8);
const HOSPITAL = { ...UGANDA, timeZone: TZ };
const everyDay = (start: string, end: string) => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, end }));

let harness: Harness;
let browser: Browser;
let deskA: Page;
let deskB: Page;
let doctorDesk: Page;
let hospitalId: number;
let patientId: number;
let otherPatientId: number;
let nambiId: number;
let okotId: number;
/** The slot booked, cancelled and booked again ("14:30"). */
let slotTime: string;
let slotStart: string;

/** One call over the harness protocol, as window `win` (a workstation with its own sign-in). */
const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);

const hhmm = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const today = () => todayIn(TZ);

const openDesk = (window: string) => openDeskAt(browser, harness.url({ window }), { width: 1366, height: 900 });

/** The booking screen for Dr Nambi of Cardiology today, with the patient already chosen (from the patient page) or not. */
async function showNambiSlots(page: Page): Promise<void> {
  await choose(page, 'Department', 'Cardiology');
  await choose(page, 'Doctor', /Dr Sarah Nambi/);
  await page.getByRole('group', { name: 'Free slots of Dr Sarah Nambi' }).waitFor();
}

const slotButton = (page: Page, time: string) => page.getByRole('button', { name: `${time} with Dr Sarah Nambi`, exact: true });

describe('Appointments in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const init = await rpc('setup', 'setup.initialize', { hospital: HOSPITAL, admin: ADMIN });
    hospitalId = init.hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const cardiology = await rpc('setup', 'departments.create', { hospitalId, name: 'Cardiology' });
    await rpc('setup', 'departments.create', { hospitalId, name: 'Paediatrics' });
    for (const [win, user, role] of [['front', FRONT_A, 'front_desk'], ['front-b', FRONT_B, 'front_desk'], ['hr', HR, 'hr']] as const) {
      await rpc('setup', 'users.create', { ...user, roles: [role], hospitalIds: [hospitalId] });
      await rpc(win, 'auth.login', { username: user.username, password: user.password });
    }
    const doctorUser = await rpc('setup', 'users.create', { username: DOCTOR.username, password: DOCTOR.password, fullName: 'Sarah Nambi', roles: ['doctor'], hospitalIds: [hospitalId] });
    const doctor = (firstName: string, lastName: string, userId: number | null, n: number) =>
      rpc('hr', 'staff.create', {
        hospitalId,
        firstName,
        lastName,
        staffRole: 'doctor',
        departmentId: cardiology.id,
        hireDate: '2020-01-06',
        contractedHours: 40,
        userId,
        doctor: { specialization: 'Cardiology', licenceNumber: `UMDPC-${n}`, consultationFee: 50000, defaultSlotMinutes: 30 },
      });
    const nambi = await doctor('Sarah', 'Nambi', doctorUser.id, 1);
    const okot = await doctor('Peter', 'Okot', null, 2);
    nambiId = nambi.id;
    okotId = okot.id;
    for (const d of [nambi, okot]) await rpc('hr', 'doctors.setSchedule', { doctorId: d.id, hospitalId, validFrom: '2026-01-01', hours: everyDay('00:00', '24:00') });
    const register = (firstName: string, lastName: string, phone: string) =>
      rpc('front', 'patients.register', { hospitalId, firstName, lastName, dateOfBirth: '1990-03-14', sex: 'female', phone, acknowledgeDuplicates: true });
    patientId = (await register('Nakato', 'Namubiru', '0772123456')).id;
    otherPatientId = (await register('Achieng', 'Odongo', '0772654321')).id;

    // The slot this test books: a few slots ahead, so it has not begun by the time it is booked the second time.
    const free = await rpc('front', 'appointments.freeSlots', { doctorId: nambiId, date: today() });
    if (free.slots.length < 4) throw new Error(`Too late in the day (${TZ}) for this test: ${free.unavailable?.message ?? `${free.slots.length} slots left`}`);
    slotStart = free.slots[2].start;
    slotTime = hhmm(slotStart);
  });

  stopAtFirstFailure(() => ({ 'appointments-failed-a': deskA, 'appointments-failed-b': deskB, 'appointments-failed-doctor': doctorDesk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('books from the free-slot view while a second desk sees the slot vanish without reloading', async () => {
    deskA = await openDesk('A');
    await signIn(deskA, FRONT_A);
    deskB = await openDesk('B');
    await signIn(deskB, FRONT_B);

    // Desk B looks at the same free slots.
    await nav(deskB, 'Schedule').click();
    await deskB.getByRole('link', { name: 'Book appointment' }).click();
    await showNambiSlots(deskB);
    await slotButton(deskB, slotTime).waitFor();

    // Desk A: patient by search, department → first free doctor, then Dr Nambi by name.
    await nav(deskA, 'Schedule').click();
    await deskA.getByRole('heading', { name: 'Hospital schedule' }).waitFor();
    await deskA.getByRole('link', { name: 'Book appointment' }).click();
    await deskA.getByRole('combobox', { name: 'Patient', exact: true }).fill('Namu');
    await deskA.getByRole('option', { name: /HMS\/000001 · Nakato Namubiru/ }).click();
    await choose(deskA, 'Department', 'Cardiology');
    expect(await deskA.getByRole('combobox', { name: 'Doctor', exact: true }).inputValue()).toBe('First free doctor');
    await deskA.getByRole('group', { name: 'Free slots of Dr Peter Okot' }).waitFor();
    await deskA.getByRole('group', { name: 'Free slots of Dr Sarah Nambi' }).waitFor();
    await deskA.getByText(/First free: \d\d:\d\d with Dr/).waitFor();
    await snap(deskA, 'appointments-01-first-free-doctor');
    await choose(deskA, 'Doctor', /Dr Sarah Nambi/);
    await slotButton(deskA, slotTime).click();
    await deskA.getByLabel('Reason for the visit').fill('Palpitations, follow-up of ECG');
    await deskA.getByTestId('booking-summary').getByText(slotTime).waitFor();
    await snap(deskA, 'appointments-01-slot-chosen', { readmeName: 'booking' });
    await deskA.getByRole('button', { name: 'Book', exact: true }).click();
    await deskA.getByText('Appointment booked').waitFor();
    await slotButton(deskA, slotTime).waitFor({ state: 'detached' });

    // Desk B did nothing, and the slot is gone there too.
    await slotButton(deskB, slotTime).waitFor({ state: 'detached', timeout: 3_000 });
    await closeNotifications(deskA);
    await snap(deskA, 'appointments-02-booked');
    await snap(deskB, 'appointments-02-slot-gone-at-desk-b');
  });

  it('cancels with a reason while desk B watches the day schedule, and rebooks the same slot from the patient page', async () => {
    await nav(deskB, 'Schedule').click();
    const rowB = deskB.getByRole('row', { name: `${slotTime} Nakato Namubiru Booked` });
    await rowB.waitFor();

    // Desk A, on the patient's record: the appointment is listed as upcoming; cancelling needs a reason.
    await deskA.getByRole('link', { name: 'Open patient' }).click();
    await deskA.getByRole('heading', { name: 'Nakato Namubiru' }).waitFor();
    const appointments = deskA.getByRole('region', { name: 'Appointments' });
    await appointments.getByRole('tab', { name: 'Upcoming (1)' }).waitFor();
    // The past is asked for (an audited read) only once its tab is opened.
    await appointments.getByRole('tab', { name: 'Past', exact: true }).click();
    await appointments.getByRole('tab', { name: 'Past (0)' }).waitFor();
    await appointments.getByText('No past appointments.').waitFor();
    await appointments.getByRole('tab', { name: 'Upcoming (1)' }).click();
    await appointments.getByRole('button', { name: 'Cancel', exact: true }).click();
    const dialog = deskA.getByRole('dialog', { name: 'Cancel appointment' });
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await dialog.getByText('Required.').waitFor();
    await dialog.getByLabel('Reason for cancelling').fill('Patient called: travelling to Gulu');
    await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
    await notification(deskA, 'The slot is free again.');
    await appointments.getByText('Cancelled: Patient called: travelling to Gulu').waitFor();

    // Desk B's schedule shows it cancelled without a reload.
    await deskB.getByRole('row', { name: `${slotTime} Nakato Namubiru Cancelled` }).waitFor({ timeout: 3_000 });

    // Rebooking from the patient page: the patient is already chosen, and the slot is offered again.
    await appointments.getByRole('link', { name: 'Book appointment' }).click();
    await deskA.getByRole('heading', { name: 'Book appointment' }).waitFor();
    await expect.poll(() => deskA.getByRole('combobox', { name: 'Patient', exact: true }).inputValue()).toContain('Nakato Namubiru');
    await showNambiSlots(deskA);
    await slotButton(deskA, slotTime).click();
    await deskA.getByRole('button', { name: 'Book', exact: true }).click();
    await deskA.getByText('Appointment booked').waitFor();
    await deskB.getByRole('row', { name: `${slotTime} Nakato Namubiru Booked` }).waitFor({ timeout: 3_000 });
  });

  it('says which slot was taken when another desk books it first, and offers the slots as they are now', async () => {
    const next = (await rpc('front', 'appointments.freeSlots', { doctorId: nambiId, date: today() })).slots[2];
    const nextTime = hhmm(next.start);
    await slotButton(deskA, nextTime).click();
    // Meanwhile another workstation books that very slot for someone else.
    await rpc('front', 'appointments.book', { patientId: otherPatientId, doctorId: nambiId, start: next.start, reason: 'Booked by phone' });
    await slotButton(deskA, nextTime).waitFor({ state: 'detached', timeout: 3_000 });
    await deskA.getByRole('button', { name: 'Book', exact: true }).click();
    await deskA.getByRole('alert').filter({ hasText: `The ${nextTime} slot on` }).filter({ hasText: "with Dr Sarah Nambi is already taken" }).waitFor();
    await deskA.getByText('No slot chosen yet.').waitFor();
    const [theirs] = (await rpc('front', 'appointments.forPatient', { patientId: otherPatientId, when: 'upcoming' })).items;
    await rpc('front', 'appointments.cancel', { id: theirs.id, reason: 'Rebooked for next week' });
  });

  it('says why a day has no slot (the doctor is on leave) and offers the next free slots of the other doctors', async () => {
    const tomorrow = new Date(Date.parse(`${today()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await rpc('hr', 'doctors.addException', { doctorId: nambiId, kind: 'leave', startDate: tomorrow, endDate: tomorrow, note: 'Annual leave' });
    await deskA.getByRole('button', { name: 'Next day' }).click();
    await deskA.getByRole('status').filter({ hasText: 'No free slot with Dr Sarah Nambi' }).filter({ hasText: 'Dr Sarah Nambi is on leave' }).waitFor();
    await deskA.getByText('Next free slots of this doctor').waitFor();
    const offers = deskA.getByRole('button', { name: /with Dr Peter Okot$/ });
    await offers.first().waitFor();
    expect(await deskA.getByText('Not booked').count()).toBe(0);
    await closeNotifications(deskA);
    await snap(deskA, 'appointments-03-on-leave');
    await offers.first().click();
    await expect.poll(() => deskA.getByRole('combobox', { name: 'Doctor', exact: true }).inputValue()).toContain('Dr Peter Okot');
    await deskA.getByTestId('booking-summary').getByText('Dr Peter Okot').waitFor();
  });

  it('checks the patient in on the day schedule (number 1 in the doctor’s queue) and moves another patient to a later slot', async () => {
    await choose(deskB, 'Department', 'Cardiology');
    const row = deskB.getByRole('row', { name: `${slotTime} Nakato Namubiru Booked` });
    await row.getByRole('button', { name: 'Check in' }).click();
    await notification(deskB, "Nakato Namubiru is checked in: number 1 in Dr Sarah Nambi's queue.");
    const checkedIn = deskB.getByRole('row', { name: `${slotTime} Nakato Namubiru Checked in` });
    await checkedIn.getByLabel('Queue number 1').waitFor();
    // Illegal moves are not offered: a checked-in patient cannot be cancelled or marked a no-show here.
    expect(await checkedIn.getByRole('button', { name: 'Cancel' }).count()).toBe(0);
    expect(await checkedIn.getByRole('button', { name: 'No-show' }).count()).toBe(0);

    // Another patient, booked by phone with Dr Okot, is moved to a later slot from the schedule.
    const okotSlots = (await rpc('front', 'appointments.freeSlots', { doctorId: okotId, date: today() })).slots;
    await rpc('front', 'appointments.book', { patientId: otherPatientId, doctorId: okotId, start: okotSlots[1].start, reason: 'Chest pain on exertion' });
    const okot = deskB.getByRole('region', { name: 'Schedule of Dr Peter Okot' });
    await okot.getByRole('row', { name: `${hhmm(okotSlots[1].start)} Achieng Odongo Booked` }).getByRole('button', { name: 'Reschedule' }).click();
    const dialog = deskB.getByRole('dialog', { name: 'Reschedule appointment' });
    const later = hhmm(okotSlots[3].start);
    await dialog.getByRole('button', { name: `${later} with Dr Peter Okot`, exact: true }).click();
    await dialog.getByText(/^New time: Dr Peter Okot, /).waitFor();
    await dialog.getByRole('button', { name: 'Move appointment' }).click();
    await notification(deskB, `Achieng Odongo now sees Dr Peter Okot on`);
    const moved = okot.getByRole('row', { name: `${later} Achieng Odongo Booked` });
    await moved.waitFor();
    await okot.getByRole('row', { name: `${hhmm(okotSlots[1].start)} Achieng Odongo` }).waitFor({ state: 'detached' });
    // Not begun yet: it can be checked in, moved or cancelled, but not called a no-show.
    expect(await moved.getByRole('button', { name: 'No-show' }).count()).toBe(0);
    await closeNotifications(deskB);
    await snap(deskB, 'appointments-04-day-schedule', { readmeName: 'day-schedule' });

    // The booking screen's way back leads to the patient's record.
    await closeNotifications(deskA);
    await deskA.getByRole('link', { name: 'Nakato Namubiru', exact: true }).click();
    const appointments = deskA.getByRole('region', { name: 'Appointments' });
    await appointments.getByLabel('Queue number 1').waitFor();
    await closeNotifications(deskA);
    await snap(deskA, 'appointments-05-patient', { readmeName: 'patient-appointments', fullPage: true });
  });

  it('shows the doctor their day with the queue, and lets them complete the appointment', async () => {
    doctorDesk = await openDesk('doctor');
    await signIn(doctorDesk, DOCTOR);
    await nav(doctorDesk, 'My day').click();
    await doctorDesk.getByRole('heading', { name: 'My day' }).waitFor();
    const queue = doctorDesk.getByRole('region', { name: 'Queue' });
    const first = queue.getByLabel('Queue number 1: Nakato Namubiru');
    await first.waitFor();
    await snap(doctorDesk, 'appointments-06-doctor-day', { readmeName: 'doctor-day' });
    await first.getByRole('button', { name: 'Complete' }).click();
    await notification(doctorDesk, 'The appointment of Nakato Namubiru is completed.');
    await queue.getByText('Nobody is waiting.').waitFor();
    await doctorDesk.getByRole('row', { name: `${slotTime} Nakato Namubiru Completed` }).waitFor();
    // The front desk's schedule follows.
    await deskB.getByRole('row', { name: `${slotTime} Nakato Namubiru Completed` }).waitFor({ timeout: 3_000 });

    const upcoming = await rpc('front', 'appointments.forPatient', { patientId, when: 'upcoming' });
    const past = await rpc('front', 'appointments.forPatient', { patientId, when: 'past' });
    expect([...upcoming.items, ...past.items].map((a) => a.status).sort()).toEqual(['cancelled', 'completed']);

    // The same day as one list, for searching and the CSV export.
    await deskB.getByText('List', { exact: true }).click();
    await deskB.getByRole('row', { name: `${slotTime} Dr Sarah Nambi Nakato Namubiru Completed` }).waitFor();
    await deskB.getByLabel('Find in the day').fill('Achieng');
    await deskB.getByRole('row', { name: `${slotTime} Dr Sarah Nambi Nakato Namubiru` }).waitFor({ state: 'detached' });
    await deskB.getByRole('row', { name: /Dr Peter Okot Achieng Odongo Booked/ }).waitFor();
    await snap(deskB, 'appointments-07-day-list');

    await doctorDesk.getByText('Week', { exact: true }).click();
    await doctorDesk.getByRole('region', { name: /\(today\)$/ }).getByRole('row', { name: `${slotTime} Nakato Namubiru Completed` }).waitFor();
  });
});
