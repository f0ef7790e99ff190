// Dates and names as a desk meets them, in Chromium over the harness: a desk working for a US hospital types dates
// month-first in the patient search (and is told so); a stay's days, the census file and the audit trail keep each
// hospital's own clock, not UTC's; and a patient with a very long name of many parts fits every place it is shown,
// never cut inside a word.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import type { ChannelName, Input, Output } from '@shared/contract';
import { choose, downloaded, launchChromium, nav, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const FRONT = { username: 'frontdesk', fullName: 'Florence Nabirye', password: 'front-desk-two-sites-2026' };
const NURSE = { username: 'norah.atim', fullName: 'Norah Atim', password: 'ward-block-kampala-2026' };
const HR = { username: 'harriet.hr', fullName: 'Harriet Rwoth', password: 'staff-office-kla-2026' };

let harness: Harness;
let browser: Browser;
let desk: Page | undefined;
let kla = 0;
let bos = 0;
const ids: Record<string, number> = {};
let room: Output<'rooms.createRoom'>;
let doctorId = 0;

/** A patient whose name has many long parts: two middle names and a surname of four, hyphenated. */
const LONG = { firstName: 'Nakato', middleName: 'Nalubega Christine', lastName: 'Ssekandi-Nsubuga-Kiwanuka-Namirembe' };
const LONG_NAME = 'Nakato Nalubega Christine Ssekandi-Nsubuga-Kiwanuka-Namirembe';
const RESERVED_NAME = 'Akello Immaculate Prossy Nabukenya-Ssemakula-Tumusiime';

/** Elements at or under `root` whose content is wider than their box (cut off, or scrolled sideways). */
const overflowing = (root: Locator, skip = 'input') =>
  root.evaluate(
    (el, skipSelector) =>
      [el, ...el.querySelectorAll('*')]
        .filter((e) => !e.matches(skipSelector) && e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${e.tagName.toLowerCase()}.${(e.getAttribute('class') ?? '').split(' ')[0]}: ${(e.textContent ?? '').slice(0, 60)}`),
    skip,
  );

/** The names in the patient list's rows, as shown now. */
const names = async (page: Page) => (await page.getByRole('row').locator('td:nth-child(2)').allTextContents()).map((t) => t.trim());

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);

describe('Dates and names at the desk in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    kla = (await rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN })).hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    bos = (await rpc('setup', 'hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', region: 'MA', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;
    await rpc('setup', 'users.create', { ...FRONT, roles: ['front_desk'], hospitalIds: [kla, bos] });
    await rpc('front', 'auth.login', { username: FRONT.username, password: FRONT.password });
    const register = async (key: string, fields: Partial<Input<'patients.register'>>) => {
      ids[key] = (await rpc('front', 'patients.register', { hospitalId: bos, firstName: 'Mary', lastName: 'Walsh', dateOfBirth: '1990-03-14', sex: 'female', phone: '+16175550101', acknowledgeDuplicates: true, ...fields })).id;
    };
    await register('march14', {});
    await register('december3', { firstName: 'Dorothy', lastName: 'Quinn', dateOfBirth: '1990-12-03', phone: '+16175550102' });
    await register('march12', { firstName: 'Marek', lastName: 'Nowak', dateOfBirth: '1990-03-12', phone: '+16175550103' });
    ids.kampala = (await rpc('front', 'patients.register', { hospitalId: kla, firstName: 'Achieng', lastName: 'Odongo', dateOfBirth: '1985-06-01', sex: 'female', phone: '0772123456' })).id;

    // A ward at Kampala and a doctor to admit under.
    await rpc('setup', 'users.create', { ...NURSE, roles: ['nurse'], hospitalIds: [kla] });
    await rpc('setup', 'users.create', { ...HR, roles: ['hr'], hospitalIds: [kla] });
    await rpc('nurse', 'auth.login', { username: NURSE.username, password: NURSE.password });
    await rpc('hr', 'auth.login', { username: HR.username, password: HR.password });
    const floor = await rpc('setup', 'rooms.createFloor', { hospitalId: kla, name: 'Ward block', level: 1 });
    room = await rpc('setup', 'rooms.createRoom', { floorId: floor.id, number: '101', roomType: 'general_ward', dailyRate: 50_000, beds: 4 });
    doctorId = (
      await rpc('hr', 'staff.create', {
        hospitalId: kla,
        firstName: 'Jane',
        lastName: 'Okello',
        staffRole: 'doctor',
        departmentId: null,
        hireDate: '2020-01-06',
        contractedHours: 40,
        userId: null,
        doctor: { specialization: 'General Practice', licenceNumber: 'LIC-UG-1', consultationFee: 50000, defaultSlotMinutes: 30 },
      })
    ).id;
  });

  stopAtFirstFailure(() => ({ 'failed-dates-names': desk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('reads a date typed in the patient search month-first at a US hospital, and says so', async () => {
    desk = await openDeskAt(browser, harness.url({ window: 'two-sites' }));
    await signIn(desk, FRONT, 'Patients');
    await choose(desk, 'Working at hospital', 'Boston Harbor');
    await nav(desk, 'Patients').click();
    const search = desk.getByLabel('Search patients');
    expect(await search.getAttribute('placeholder')).toBe('Name, patient ID, phone or MM/DD/YYYY');
    await search.fill('03/14/1990');
    await expect.poll(() => names(desk!)).toEqual(['Mary Walsh']);
    // 12/03 is the 3rd of December here, not the 12th of March.
    await search.fill('12/03/1990');
    await expect.poll(() => names(desk!)).toEqual(['Dorothy Quinn']);
    await snap(desk, 'patient-search-us-date');

    // The same desk working for Kampala reads it day-first.
    await choose(desk, 'Working at hospital', 'Kampala General');
    expect(await search.getAttribute('placeholder')).toBe('Name, patient ID, phone or DD/MM/YYYY');
    await expect.poll(() => names(desk!)).toEqual(['Marek Nowak']);
  });

  it('keeps each hospital’s clock: a stay’s beds by Kampala day, the census file, the audit trail', async () => {
    // Admitted at 00:29 on 4 December in Kampala (21:29 on the 3rd in UTC), moved to bed B since.
    const stay = await rpc('nurse', 'admissions.admit', { patientId: ids.kampala, bedId: room.beds[0].id, attendingDoctorId: doctorId, reason: 'Malaria, severe', expectedDischarge: null });
    await rpc('nurse', 'admissions.transfer', { stayId: stay.id, toBedId: room.beds[1].id, reason: null });
    await harness.db.sql("UPDATE stays SET admitted_at = '2026-12-03 21:29:00.000' WHERE id = ?", [stay.id]);
    await harness.db.sql("UPDATE bed_stays SET from_at = '2026-12-03 21:29:00.000' WHERE stay_id = ? AND bed_id = ?", [stay.id, room.beds[0].id]);

    const ward = await openDeskAt(browser, harness.url({ window: 'ward' }));
    await signIn(ward, NURSE, 'Wards');
    await nav(ward, 'Wards').click();
    await ward.getByRole('button', { name: /^Room 101, bed B: Occupied/ }).click();
    const drawer = ward.getByRole('dialog', { name: 'Room 101, bed B' });
    await drawer.getByText('Beds of this stay').waitFor();
    await drawer.getByText('Room 101, bed A from 4 Dec 2026').waitFor();
    await snap(ward, 'bed-stay-local-days');
    await ward.keyboard.press('Escape');

    await ward.getByRole('tab', { name: 'Census' }).click();
    await ward.getByRole('row', { name: /Achieng Odongo/ }).waitFor();
    const csv = await downloaded(ward, () => ward.getByRole('button', { name: 'Export CSV' }).click());
    expect(csv.name).toBe(`census-HMS-${todayIn('Africa/Kampala')}.csv`);
    const row = csv.bytes.toString('utf8').split('\r\n').find((l) => l.includes('Achieng Odongo'))!;
    // Admitted in the file as the other dates are written, at Kampala's clock.
    expect(row).toContain(',2026-12-04 00:29,');
    await ward.context().close();

    // The administrator, working for Boston, reads Kampala's entries at Kampala's clock and Boston's at Boston's.
    const admin = await openDeskAt(browser, harness.url({ window: 'admin' }));
    await signIn(admin, ADMIN);
    await choose(admin, 'Working at hospital', 'Boston Harbor');
    await nav(admin, 'Audit trail').click();
    const times = admin.getByTestId('audit-time');
    await times.first().waitFor();
    const texts = await times.allTextContents();
    expect(texts.some((t) => t.endsWith('GMT+3'))).toBe(true);
    expect(texts.some((t) => t.endsWith('GMT-5'))).toBe(true);
    await snap(admin, 'audit-times-per-hospital');
    // Sign-ins belong to no hospital: the workstation's clock (UTC in this browser), said so.
    await nav(admin, 'Users').click();
    const signIns = admin.getByTestId('last-sign-in');
    await signIns.first().waitFor();
    for (const t of await signIns.allTextContents()) expect(t).toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d GMT$/);
    await admin.context().close();
  });

  it('fits a very long name of many parts everywhere it is shown, whole and never cut inside a word', async () => {
    const long = await rpc('front', 'patients.register', { hospitalId: kla, ...LONG, dateOfBirth: '1990-03-03', sex: 'female', phone: '0772000111' });
    const other = await rpc('front', 'patients.register', {
      hospitalId: kla,
      firstName: 'Akello',
      middleName: 'Immaculate Prossy',
      lastName: 'Nabukenya-Ssemakula-Tumusiime',
      dateOfBirth: '1988-08-08',
      sex: 'female',
      phone: '0772000222',
    });
    await rpc('nurse', 'admissions.admit', { patientId: long.id, bedId: room.beds[2].id, attendingDoctorId: doctorId, reason: 'Observation', expectedDischarge: null });
    const today = todayIn('Africa/Kampala');
    const [y, m, d] = today.split('-').map(Number);
    const later = new Date(Date.UTC(y, m - 1, d + 2)).toISOString().slice(0, 10);
    await rpc('front', 'beds.book', { patientId: other.id, bedId: room.beds[3].id, from: today, to: later, reason: null });

    // The bed drawer names the occupant whole, middle names included; the discharge button wraps the name.
    const ward = await openDeskAt(browser, harness.url({ window: 'ward-2' }));
    await signIn(ward, NURSE, 'Wards');
    await nav(ward, 'Wards').click();
    await ward.getByRole('button', { name: /^Room 101, bed C: Occupied/ }).click();
    const drawer = ward.getByRole('dialog', { name: 'Room 101, bed C' });
    await drawer.getByRole('link', { name: LONG_NAME }).waitFor();
    expect(await overflowing(drawer)).toEqual([]);
    await drawer.getByRole('button', { name: 'Discharge', exact: true }).click();
    const discharge = drawer.getByRole('button', { name: `Discharge ${LONG_NAME}` });
    await discharge.waitFor();
    expect(await overflowing(drawer)).toEqual([]);
    expect((await discharge.textContent())?.trim()).toBe(`Discharge ${LONG_NAME}`);
    await snap(ward, 'long-name-discharge');
    await drawer.getByRole('button', { name: 'Back' }).click();
    await ward.keyboard.press('Escape');

    // A reservation's "Admit …" button too.
    await ward.getByRole('button', { name: /^Room 101, bed D: Reserved/ }).click();
    const reserved = ward.getByRole('dialog', { name: 'Room 101, bed D' });
    await reserved.getByRole('button', { name: `Admit ${RESERVED_NAME}` }).waitFor();
    expect(await overflowing(reserved)).toEqual([]);
    await snap(ward, 'long-name-reserved-bed');
    await ward.context().close();

    // Booking: the chosen patient's field ends in an ellipsis with the whole name on hover, and the line below names
    // them in full.
    await nav(desk!, 'Schedule').click();
    await desk!.getByRole('link', { name: 'Book appointment' }).click();
    const field = desk!.getByRole('combobox', { name: 'Patient', exact: true });
    await field.fill('Ssekandi');
    const option = desk!.getByRole('option', { name: new RegExp(LONG_NAME) });
    await option.waitFor();
    expect(await overflowing(option)).toEqual([]);
    await option.click();
    const label = `${long.patientNumber} · ${LONG_NAME} · born 3 Mar 1990`;
    expect(await field.getAttribute('title')).toBe(label);
    expect(await field.evaluate((e) => e.ownerDocument.defaultView?.getComputedStyle(e).textOverflow)).toBe('ellipsis');
    const chosen = desk!.getByTestId('chosen-patient');
    expect(await chosen.textContent()).toBe(label);
    expect(await overflowing(chosen)).toEqual([]);
    await snap(desk!, 'long-name-booking');
  });
});
