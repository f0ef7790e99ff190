// Issue 17: a check-in is acknowledged on the Schedule before the server answers, and put back with a clear error
// when the server refuses. The server's answer is held back at the browser (a Playwright route that waits, then lets
// the request through to the real handlers), so what the desk sees meanwhile is asserted without timing anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Route } from 'playwright-core';
import { UGANDA } from '../support/app';
import { closeNotifications, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, zoneWhereItIs } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

const TZ = zoneWhereItIs(8);
const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const FRONT = { username: 'mirembe', fullName: 'Mirembe Nansubuga', password: 'front-desk-2026' };
const HR = { username: 'kizza', fullName: 'Joseph Kizza', password: 'people-office-2026' };

let harness: Harness;
let browser: Browser;
let desk: Page;
let tomorrow: string;

/** Holds every request of `channel` until the returned function is called; then they go on to the real server. */
async function holdCalls(page: Page, channel: string): Promise<() => Promise<void>> {
  const held: Route[] = [];
  await page.route(`**/rpc/${channel}`, (route) => void held.push(route));
  return async () => {
    await expect.poll(() => held.length).toBeGreaterThan(0);
    for (const r of held) await r.continue();
    await page.unroute(`**/rpc/${channel}`);
  };
}

const row = (page: Page, patient: string) => page.locator('[data-appointment-row]', { hasText: patient });

describe('Check-in on the Schedule, shown before the server answers', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const rpc = harness.rpc;
    const init = await rpc('setup', 'setup.initialize', { hospital: { ...UGANDA, timeZone: TZ }, admin: ADMIN });
    const hospitalId = init.hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    for (const [win, user, role] of [['front', FRONT, 'front_desk'], ['hr', HR, 'hr']] as const) {
      await rpc('setup', 'users.create', { ...user, roles: [role], hospitalIds: [hospitalId] });
      await rpc(win, 'auth.login', { username: user.username, password: user.password });
    }
    const doctor = await rpc('hr', 'staff.create', {
      hospitalId,
      firstName: 'Sarah',
      lastName: 'Nambi',
      staffRole: 'doctor',
      departmentId: null,
      hireDate: '2020-01-06',
      contractedHours: 40,
      userId: null,
      doctor: { specialization: 'Cardiology', licenceNumber: 'UMDPC-7', consultationFee: 50000, defaultSlotMinutes: 30 },
    });
    await rpc('hr', 'doctors.setSchedule', { doctorId: doctor.id, hospitalId, validFrom: '2026-01-01', hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '00:00', end: '24:00' })) });
    const register = (firstName: string, lastName: string, phone: string) =>
      rpc('front', 'patients.register', { hospitalId, firstName, lastName, dateOfBirth: '1990-03-14', sex: 'female', phone, acknowledgeDuplicates: true });
    const today = todayIn(TZ);
    tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const nakato = await register('Nakato', 'Namubiru', '0772123456');
    const achieng = await register('Achieng', 'Odongo', '0772654321');
    const todaySlots = await rpc('front', 'appointments.freeSlots', { doctorId: doctor.id, date: today });
    await rpc('front', 'appointments.book', { patientId: nakato.id, doctorId: doctor.id, start: todaySlots.slots[2].start, reason: 'Palpitations' });
    const tomorrowSlots = await rpc('front', 'appointments.freeSlots', { doctorId: doctor.id, date: tomorrow });
    await rpc('front', 'appointments.book', { patientId: achieng.id, doctorId: doctor.id, start: tomorrowSlots.slots[3].start, reason: 'Blood pressure review' });
  });

  stopAtFirstFailure(() => ({ 'checkin-optimistic-failed': desk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('shows the patient checked in at once, and the queue number when the server has given it', async () => {
    desk = await openDeskAt(browser, harness.url({ window: 'desk' }), { width: 1366, height: 900 });
    await signIn(desk, FRONT);
    await nav(desk, 'Schedule').click();
    const nakato = row(desk, 'Nakato Namubiru');
    await expect.poll(() => nakato.getAttribute('data-status')).toBe('booked');

    const release = await holdCalls(desk, 'appointments.checkIn');
    await nakato.getByRole('button', { name: 'Check in' }).click();
    // The server has not answered (its request is held), yet the row says so already.
    await expect.poll(() => nakato.getAttribute('data-status')).toBe('checked_in');
    expect(await nakato.getByText('Checked in', { exact: true }).isVisible()).toBe(true);
    expect(await nakato.getByRole('button', { name: 'Check in' }).count()).toBe(0);
    expect(await nakato.getByLabel(/^Queue number/).count()).toBe(0);
    await snap(desk, 'checkin-optimistic-1-before-answer');

    await release();
    await nakato.getByLabel('Queue number 1').waitFor();
    await notification(desk, 'Nakato Namubiru is checked in: number 1');
    expect(await nakato.getAttribute('data-status')).toBe('checked_in');
    await closeNotifications(desk);
  });

  it('puts the row back and says why when the server refuses the check-in', async () => {
    // Tomorrow's appointment: the server refuses a check-in before the day of the appointment.
    await desk.evaluate(`location.hash = '#/appointments?date=${tomorrow}'`);
    const achieng = row(desk, 'Achieng Odongo');
    await expect.poll(() => achieng.getAttribute('data-status')).toBe('booked');

    const release = await holdCalls(desk, 'appointments.checkIn');
    await achieng.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => achieng.getAttribute('data-status')).toBe('checked_in');

    await release();
    await notification(desk, 'patients check in on the day of their appointment');
    const note = desk.locator('.mantine-Notification-root', { hasText: 'Not checked in: Achieng Odongo' });
    await note.waitFor();
    await expect.poll(() => achieng.getAttribute('data-status')).toBe('booked');
    await achieng.getByRole('button', { name: 'Check in' }).waitFor();
    expect(await achieng.getByText('Booked', { exact: true }).isVisible()).toBe(true);
    await snap(desk, 'checkin-optimistic-2-refused');
  });

  it('gives a row far down a busy day its buttons as it comes within reach of the window, in both views', async () => {
    // 70 five-minute appointments of a second doctor on the day after tomorrow, about 3,500 px of rows: the buttons
    // of the first 15 rows are drawn with them, the others' once a row is within 1,200 px of the window (DayTable).
    const rpc = harness.rpc;
    const [{ id: hospitalId }] = await rpc('front', 'hospitals.list', {});
    const doctor = await rpc('hr', 'staff.create', {
      hospitalId,
      firstName: 'Peter',
      lastName: 'Ssali',
      staffRole: 'doctor',
      departmentId: null,
      hireDate: '2020-01-06',
      contractedHours: 40,
      userId: null,
      doctor: { specialization: 'General practice', licenceNumber: 'UMDPC-8', consultationFee: 30000, defaultSlotMinutes: 5 },
    });
    await rpc('hr', 'doctors.setSchedule', { doctorId: doctor.id, hospitalId, validFrom: '2026-01-01', hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '18:00', slotMinutes: 5 })) });
    const day = new Date(Date.parse(`${tomorrow}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const slots = (await rpc('front', 'appointments.freeSlots', { doctorId: doctor.id, date: day })).slots;
    for (let i = 0; i < 70; i++) {
      const p = await rpc('front', 'patients.register', { hospitalId, firstName: `Busy${i}`, lastName: 'Kato', dateOfBirth: '1985-07-01', sex: 'male', phone: `0701${String(100000 + i)}`, acknowledgeDuplicates: true });
      await rpc('front', 'appointments.book', { patientId: p.id, doctorId: doctor.id, start: slots[i].start, reason: 'Review' });
    }
    await desk.evaluate(`location.hash = '#/appointments?date=${day}'`);
    const views = [
      { name: 'By doctor', rows: desk.locator('[data-appointment-row]') },
      { name: 'List', rows: desk.locator('main table[aria-label="70 appointments"] tbody tr') },
    ];
    for (const view of views) {
      await desk.getByRole('main').getByLabel('Show the day').getByText(view.name, { exact: true }).click();
      await expect.poll(() => view.rows.count()).toBe(70);
      const [first, last] = [view.rows.first(), view.rows.last()];
      await first.getByRole('button', { name: 'Cancel' }).waitFor();
      expect(await last.getByRole('button', { name: 'Cancel' }).count(), view.name).toBe(0);
      await last.scrollIntoViewIfNeeded();
      await last.getByRole('button', { name: 'Cancel' }).waitFor();
      await desk.evaluate('window.scrollTo(0, 0)');
    }
  });
});
