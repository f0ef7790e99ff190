// Wards through the real UI in Chromium over the harness: admitting from the occupancy board while a second desk's
// board follows without a reload, transferring (the old bed goes to cleaning), releasing the cleaned bed, discharging
// with the room-day charges shown, the 14-day timeline, the census as CSV and PDF, and the ward setup page.
// The hospital's zone is picked so that it is mid-morning there now: nothing in the test crosses a local midnight.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { formatMoney } from '@shared/domain/money';
import { addDays } from '@shared/domain/dates';
import { choose, closeNotifications, downloaded, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, typedDate as typed, zoneWhereItIs } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
// Each does the work their role owns: the nurse admits, moves and discharges; the front desk registers and books.
const NURSE = { username: 'akello', fullName: 'Grace Akello', password: 'ward-nurse-2026' };
const FRONT = { username: 'mirembe', fullName: 'Mirembe Nansubuga', password: 'front-desk-2026' };
const HR = { username: 'kizza', fullName: 'Joseph Kizza', password: 'people-office-2026' };
const TZ = zoneWhereItIs(10);
const HOSPITAL = { ...UGANDA, timeZone: TZ };

let harness: Harness;
let browser: Browser;
let deskA: Page;
let deskB: Page;
let deskC: Page;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);

const today = () => todayIn(TZ);
const openDesk = (window: string) => openDeskAt(browser, harness.url({ window }), { width: 1440, height: 960 });
const bed = (page: Page, room: string, label: string, status: string) => page.getByRole('button', { name: `Room ${room}, bed ${label}: ${status}`, exact: true });
const drawer = (page: Page, room: string, label: string) => page.getByRole('dialog', { name: `Room ${room}, bed ${label}` });

describe('Wards in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const init = await rpc('setup', 'setup.initialize', { hospital: HOSPITAL, admin: ADMIN });
    const hospitalId = init.hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    const medicine = await rpc('setup', 'departments.create', { hospitalId, name: 'Internal medicine' });
    for (const [win, user, role] of [['nurse', NURSE, 'nurse'], ['front', FRONT, 'front_desk'], ['hr', HR, 'hr']] as const) {
      await rpc('setup', 'users.create', { ...user, roles: [role], hospitalIds: [hospitalId] });
      await rpc(win, 'auth.login', { username: user.username, password: user.password });
    }
    const doctor = (firstName: string, lastName: string, n: number) =>
      rpc('hr', 'staff.create', {
        hospitalId,
        firstName,
        lastName,
        staffRole: 'doctor',
        departmentId: medicine.id,
        hireDate: '2020-01-06',
        contractedHours: 40,
        userId: null,
        doctor: { specialization: 'Internal medicine', licenceNumber: `UMDPC-${n}`, consultationFee: 50000, defaultSlotMinutes: 30 },
      });
    await doctor('Sarah', 'Nambi', 1);
    const okot = await doctor('Peter', 'Okot', 2);
    const register = (firstName: string, lastName: string, phone: string) =>
      rpc('front', 'patients.register', { hospitalId, firstName, lastName, dateOfBirth: '1990-03-14', sex: 'female', phone, acknowledgeDuplicates: true });
    await register('Nakato', 'Namubiru', '0772123456');
    const achieng = await register('Achieng', 'Odongo', '0772654321');
    const brenda = await register('Brenda', 'Akello', '0772555111');

    // The administrator describes the wards: two floors, ward rooms of each kind, and a theatre.
    const ground = await rpc('setup', 'rooms.createFloor', { hospitalId, name: 'Ground floor', level: 0 });
    const first = await rpc('setup', 'rooms.createFloor', { hospitalId, name: '1st floor – Medical', level: 1 });
    const room = (floorId: number, number: string, roomType: Input<'rooms.createRoom'>['roomType'], dailyRate: number, beds: number) =>
      rpc('setup', 'rooms.createRoom', { floorId, number, roomType, dailyRate, beds });
    await room(ground.id, 'G01', 'general_ward', 50_000, 4);
    const g02 = await room(ground.id, 'G02', 'private', 150_000, 1);
    await room(ground.id, 'OT1', 'operating_theatre', 0, 0);
    const icu = await room(first.id, '101', 'icu', 400_000, 2);
    const semi = await room(first.id, '102', 'semi_private', 90_000, 2);
    await room(first.id, '103', 'isolation', 120_000, 1);

    // Already on the ward: one patient in the ICU, a reservation from tomorrow, and a bed out of service.
    await rpc('nurse', 'admissions.admit', { patientId: achieng.id, bedId: icu.beds[0].id, attendingDoctorId: okot.id, reason: 'Severe malaria', expectedDischarge: addDays(today(), 3) });
    await rpc('front', 'beds.book', { bedId: g02.beds[0].id, patientId: brenda.id, from: addDays(today(), 1), to: addDays(today(), 5), reason: 'Elective hernia repair' });
    await rpc('nurse', 'rooms.setState', { bedId: semi.beds[1].id, state: 'out_of_service', note: 'Broken bed rail' });
  });

  stopAtFirstFailure(() => ({ 'wards-failed-a': deskA, 'wards-failed-b': deskB, 'wards-failed-c': deskC }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('admits from the board while a second desk sees the bed occupied without reloading', async () => {
    // The nurse works at desk A; the front desk watches the same board at desk B.
    deskA = await openDesk('A');
    await signIn(deskA, NURSE);
    deskB = await openDesk('B');
    await signIn(deskB, FRONT);
    for (const desk of [deskA, deskB]) {
      await nav(desk, 'Wards').click();
      await desk.getByTestId('occupancy-board').waitFor();
    }
    await bed(deskB, 'G01', 'A', 'Free').waitFor();
    await bed(deskB, '101', 'A', 'Occupied, Achieng Odongo').waitFor();
    await bed(deskB, '102', 'B', 'Out of service').waitFor();
    // One of 9 usable beds (the out-of-service one does not count).
    expect(await deskB.getByTestId('hospital-occupancy').textContent()).toBe('11.1 %');

    await bed(deskA, 'G01', 'A', 'Free').click();
    const d = drawer(deskA, 'G01', 'A');
    await d.getByRole('button', { name: 'Admit patient' }).click();
    await d.getByRole('combobox', { name: 'Patient', exact: true }).fill('Namu');
    await deskA.getByRole('option', { name: /HMS\/000001 · Nakato Namubiru/ }).click();
    await choose(deskA, 'Attending doctor', /Dr Sarah Nambi/);
    await d.getByLabel('Reason for admission').fill('Pneumonia, IV antibiotics');
    await d.getByLabel('Expected discharge').fill(typed(addDays(today(), 4)));
    await snap(deskA, 'wards-01-admit', { readmeName: 'admit' });
    await d.getByRole('button', { name: 'Admit', exact: true }).click();
    await notification(deskA, 'Nakato Namubiru is in Room G01, bed A, under Dr Sarah Nambi.');
    await d.getByText('Occupant').waitFor();
    await d.getByText('Pneumonia, IV antibiotics').waitFor();

    // Desk B did nothing, and its board shows the bed occupied.
    await bed(deskB, 'G01', 'A', 'Occupied, Nakato Namubiru').waitFor({ timeout: 5_000 });
    await expect.poll(() => deskB.getByTestId('hospital-occupancy').textContent(), { timeout: 5_000 }).toBe('22.2 %');
    await snap(deskB, 'wards-02-board-at-desk-b', { readmeName: 'occupancy-board', fullPage: true });
  });

  it('transfers to another bed: the old bed goes to cleaning until it is released', async () => {
    const d = drawer(deskA, 'G01', 'A');
    await d.getByRole('button', { name: 'Transfer' }).click();
    await choose(deskA, 'To bed', /Room 102 \(Semi-private\) · bed A/);
    await d.getByLabel('Reason').fill('Family asked for a semi-private room');
    await d.getByRole('button', { name: 'Transfer', exact: true }).click();
    await notification(deskA, 'Nakato Namubiru moved to Room 102, bed A; Room G01, bed A goes to cleaning.');
    // The drawer follows the patient to the new bed.
    await drawer(deskA, '102', 'A').getByText('Occupant').waitFor();
    await deskA.keyboard.press('Escape');
    await bed(deskA, 'G01', 'A', 'Cleaning').waitFor();
    await bed(deskB, 'G01', 'A', 'Cleaning').waitFor({ timeout: 5_000 });
    await bed(deskB, '102', 'A', 'Occupied, Nakato Namubiru').waitFor({ timeout: 5_000 });

    await bed(deskA, 'G01', 'A', 'Cleaning').click();
    await drawer(deskA, 'G01', 'A').getByRole('button', { name: 'Release after cleaning' }).click();
    await notification(deskA, 'Room G01, bed A is free again.');
    await deskA.keyboard.press('Escape');
    await bed(deskA, 'G01', 'A', 'Free').waitFor();
    await bed(deskB, 'G01', 'A', 'Free').waitFor({ timeout: 5_000 });
  });

  it('discharges and shows the room-day charges recorded', async () => {
    await closeNotifications(deskA);
    await bed(deskA, '102', 'A', 'Occupied, Nakato Namubiru').click();
    const d = drawer(deskA, '102', 'A');
    await d.getByRole('button', { name: 'Discharge', exact: true }).click();
    await d.getByLabel('Discharge note').fill('Home on oral antibiotics');
    await d.getByRole('button', { name: 'Discharge Nakato Namubiru' }).click();
    const summary = d.getByTestId('discharge-summary');
    await summary.waitFor();
    // Admitted and discharged the same day: one night, at the rate of the bed the patient left from.
    await summary.getByText(/Room 102 \(Semi-private\), bed A: 1 night/).waitFor();
    await summary.getByRole('row', { name: /Total/ }).getByText(formatMoney(90_000, 'UGX')).waitFor();
    await d.getByTestId('bed-status').getByText('Cleaning').waitFor();
    await snap(deskA, 'wards-03-discharged');
    await bed(deskB, '102', 'A', 'Cleaning').waitFor({ timeout: 5_000 });
    await deskA.keyboard.press('Escape');
  });

  it('shows the next 14 days per bed: stays and reservations', async () => {
    await deskA.getByRole('tab', { name: 'Timeline' }).click();
    const timeline = deskA.getByTestId('timeline');
    // A small hospital sees every floor at once.
    await timeline.getByRole('row', { name: 'Room G02, bed A' }).getByText('Brenda Akello').waitFor();
    await timeline.getByRole('row', { name: 'Room 101, bed A' }).getByText('Achieng Odongo').waitFor();
    await closeNotifications(deskA);
    await snap(deskA, 'wards-04-timeline', { readmeName: 'timeline' });
    await choose(deskA, 'Floor', '1st floor – Medical');
    await timeline.getByText('Brenda Akello').waitFor({ state: 'detached' });
    await timeline.getByRole('row', { name: 'Room 101, bed A' }).getByText('Achieng Odongo').waitFor();
  });

  it('prints the census as a PDF and exports it as CSV', async () => {
    await closeNotifications(deskA);
    await deskA.getByRole('tab', { name: 'Census' }).click();
    await deskA.getByRole('row', { name: /101 A Achieng Odongo/ }).waitFor();
    await snap(deskA, 'wards-05-census', { readmeName: 'census' });

    const csv = await downloaded(deskA, () => deskA.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.name).toMatch(/^census-HMS-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Achieng Odongo');
    expect(text).not.toContain('Nakato Namubiru');

    const pdf = await downloaded(deskA, () => deskA.getByRole('button', { name: 'Save PDF' }).click());
    expect(pdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.name).toMatch(/\.pdf$/);

    await deskA.getByRole('button', { name: 'Print census' }).click();
    const preview = deskA.getByRole('dialog', { name: 'Bed census' });
    await preview.locator('iframe').waitFor();
    expect(await preview.locator('iframe').getAttribute('src')).toMatch(/^blob:/);
    await deskA.keyboard.press('Escape');
  });

  it('books an operating theatre for a time range and cancels it with a reason', async () => {
    // Theatres are booked at the front desk.
    await deskB.getByRole('tab', { name: 'Theatres' }).click();
    const theatre = deskB.getByRole('region', { name: 'Theatre OT1' });
    await theatre.getByText('Nothing booked on this day.').waitFor();
    await theatre.getByRole('button', { name: 'Book' }).click();
    const dialog = deskB.getByRole('dialog', { name: 'Book operating theatre' });
    await dialog.getByRole('combobox', { name: 'Patient', exact: true }).fill('Namu');
    await deskB.getByRole('option', { name: /Nakato Namubiru/ }).click();
    await dialog.getByLabel('From').fill('14:00');
    await dialog.getByLabel(/^To\b/).fill('15:30');
    await dialog.getByLabel('Procedure').fill('Bronchoscopy');
    await dialog.getByRole('button', { name: 'Book theatre' }).click();
    await notification(deskB, 'Theatre OT1, 14:00–15:30: Bronchoscopy for Nakato Namubiru.');
    await theatre.getByText('Bronchoscopy').waitFor();
    // The same theatre cannot be booked twice for overlapping times.
    await theatre.getByRole('button', { name: 'Book' }).click();
    await dialog.getByRole('combobox', { name: 'Patient', exact: true }).fill('Odongo');
    await deskB.getByRole('option', { name: /Achieng Odongo/ }).click();
    await dialog.getByLabel('From').fill('15:00');
    await dialog.getByLabel(/^To\b/).fill('16:00');
    await dialog.getByLabel('Procedure').fill('Chest drain');
    await dialog.getByRole('button', { name: 'Book theatre' }).click();
    await dialog.getByRole('alert').waitFor();
    await dialog.getByRole('button', { name: 'Back' }).click();
    await closeNotifications(deskB);
    await theatre.getByRole('button', { name: 'Cancel' }).click();
    const cancel = deskB.getByRole('dialog', { name: 'Cancel theatre booking' });
    await cancel.getByLabel('Reason for cancelling').fill('Patient discharged');
    await cancel.getByRole('button', { name: 'Cancel booking' }).click();
    await theatre.getByText('Cancelled').waitFor();
    // The picture shows the day's list, not the dialog fading out.
    await cancel.waitFor({ state: 'detached' });
    await snap(deskB, 'wards-06-theatres');
  });

  it('lets the administrator add rooms and beds on the ward setup page, and the nurse send the new bed to cleaning', async () => {
    deskC = await openDesk('C');
    await signIn(deskC, ADMIN, 'Wards');
    await nav(deskC, 'Wards').click();
    await deskC.getByRole('link', { name: 'Ward setup' }).click();
    await deskC.getByRole('heading', { name: 'Ward setup' }).waitFor();
    await deskC.getByRole('button', { name: 'Add room to 1st floor – Medical' }).click();
    const dialog = deskC.getByRole('dialog', { name: 'Add room' });
    await dialog.getByLabel('Room number').fill('104');
    await choose(deskC, 'Room type', /^Private$/);
    await dialog.getByLabel('Daily rate').fill('175,000');
    await dialog.getByRole('button', { name: 'Add room' }).click();
    await notification(deskC, 'Room 104 (Private) with beds A.');
    await deskC.getByRole('button', { name: 'Add a bed to room 104' }).click();
    await notification(deskC, 'Room 104 now has 2 beds.');
    // Cleaning and repairs are the nurses' work: the administrator sees the bed's state but has no menu to change it.
    await deskC.getByLabel('State of room 104, bed B: Available').waitFor();
    expect(await deskC.getByRole('button', { name: /^State of room 104, bed B/ }).count()).toBe(0);

    // The nurse's board has the new room, and sends its new bed to cleaning; the front desk's board follows.
    await closeNotifications(deskA);
    for (const desk of [deskA, deskB]) await desk.getByRole('tab', { name: 'Occupancy board' }).click();
    await bed(deskA, '104', 'B', 'Free').click();
    await drawer(deskA, '104', 'B').getByRole('button', { name: 'Send to cleaning' }).click();
    await bed(deskA, '104', 'B', 'Cleaning').waitFor({ timeout: 5_000 });
    await deskA.keyboard.press('Escape');
    await bed(deskB, '104', 'B', 'Cleaning').waitFor({ timeout: 5_000 });
    await deskC.getByLabel('State of room 104, bed B: Cleaning').waitFor({ timeout: 5_000 });
    await closeNotifications(deskC);
    await snap(deskC, 'wards-07-setup', { readmeName: 'ward-setup', fullPage: true });
  });
});
