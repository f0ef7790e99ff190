// CSV import through the real UI in Chromium over the harness: an administrator picks a Windows-1252, semicolon file
// of patients full of faults and sees its dry run list every problem (nothing imported); then imports seed 000's own
// patients_data.csv as it is, with its counts; the same file again has its mapping remembered and creates nothing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { choose, closeNotifications, launchChromium, nav, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'ada.okello', fullName: 'Ada Okello', password: 'mulago-hill-imports-2026' };
const SEED = resolve(import.meta.dirname, '../../../shared/seed-data');
const SEED_PATIENTS = resolve(SEED, '000_2de930d3db3a21b7/patients_data.csv');
const SEED_ROOMS = resolve(SEED, '001_61d6cebc3ddbd386/room.csv');
const SEED_STAFF = resolve(SEED, '001_61d6cebc3ddbd386/staff.csv');
const SEED_001_DOCTORS = resolve(SEED, '001_61d6cebc3ddbd386/doctor.csv');
const SEED_DOCTORS = resolve(SEED, '000_2de930d3db3a21b7/doctors_data.csv');
const SEED_APPOINTMENTS = resolve(SEED, '000_2de930d3db3a21b7/appointments_data.csv');

const BIG = 6_000;

/** A big clean file of distinct patients (own phone each), for a commit slow enough to be cancelled. */
function manyPatients(n: number): Buffer {
  const first = ['Amina', 'Brian', 'Cissy', 'Denis', 'Esther', 'Fred', 'Grace', 'Henry', 'Irene', 'Joseph', 'Kevin', 'Lydia', 'Moses', 'Norah', 'Oscar', 'Patience', 'Quinn', 'Rita', 'Simon', 'Teddy'];
  const lines = ['PatientID,FirstName,LastName,DateOfBirth,Gender,Phone'];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    lines.push(`BIG/${i + 1},${first[i % first.length]},Family${i},${day},${i % 2 ? 'Male' : 'Female'},07${String(70_000_000 + i).padStart(8, '0')}`);
  }
  return Buffer.from(lines.join('\n'));
}

/** A file another system saved from a spreadsheet on Windows: semicolons, day-first dates, an accented name in windows-1252. */
const FAULTY = [
  'PatientID;FirstName;LastName;DateOfBirth;Gender;Phone',
  'KLA/1;Zoé;Nakato;14/03/1990;Female;0772123456',
  'KLA/2;;Okello;02/11/1985;Male;0772123457',
  'KLA/3;Peter;Mukasa;03/13/1979;M;0772123458',
  'KLA/4;Ruth;Atim;31/02/2001;F;0772123459',
  'KLA/5;Sam;Opio;15/06/1994;Male;12',
  'KLA/6;Ann;Auma;05/05/1995;Female;0772123461',
].join('\r\n');
/** windows-1252 is latin-1 for these characters. */
const FAULTY_BYTES = Buffer.from(FAULTY, 'latin1');

let harness: Harness;
let browser: Browser;
let admin: Page;
let hospitalId: number;

const rpc = <K extends ChannelName>(channel: K, input: Input<K>) => harness.rpc('api', channel, input);
const figure = async (page: Page, label: string) => Number(((await page.getByRole('group', { name: label, exact: true }).locator('p').nth(1).textContent()) ?? '').replace(/[^\d]/g, ''));

/** The whole page in one picture: the window made as tall as the page (so the step buttons sit at its foot), no hover. */
async function snapWhole(page: Page, name: string, readmeName?: string): Promise<void> {
  await page.mouse.move(1, 1);
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  await page.setViewportSize({ width: 1440, height: Math.min(height, 6000) });
  await page.waitForTimeout(300);
  await snap(page, name, { readmeName });
  await page.setViewportSize({ width: 1440, height: 960 });
}

async function chooseFile(page: Page, name: string, buffer: Buffer, timeout = 10_000): Promise<void> {
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  // The file's own section first (a new file clears the last one's check), then the columns its check found.
  await page.getByRole('heading', { name, exact: true }).waitFor();
  await page.getByRole('group', { name: 'Columns of the file' }).waitFor({ timeout });
}

describe('CSV import in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    hospitalId = (await rpc('setup.initialize', { hospital: UGANDA, admin: ADMIN })).hospitalId;
    await rpc('auth.login', { username: ADMIN.username, password: ADMIN.password });
  });

  stopAtFirstFailure(() => ({ 'import-failed': admin }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('a file with problems: its encoding and delimiter are detected, the dry run lists every problem, and nothing is imported', async () => {
    admin = await openDeskAt(browser, harness.url({ window: 'admin' }), { width: 1440, height: 960 });
    admin.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(admin, ADMIN, 'Import');
    await nav(admin, 'Import').click();
    await admin.getByRole('heading', { name: 'Import from CSV' }).waitFor();
    await admin.getByRole('radio', { name: 'Patients' }).check();
    await chooseFile(admin, 'kampala-patients.csv', FAULTY_BYTES);

    await expect.poll(() => admin.getByTestId('file-encoding').textContent()).toContain('Windows-1252');
    expect(await admin.getByRole('combobox', { name: 'Delimiter' }).inputValue()).toMatch(/Semicolon.*detected/);
    expect(await admin.getByRole('group', { name: 'Columns of the file' }).textContent()).toContain('DateOfBirth');
    await snapWhole(admin, 'import-01-file', 'import-file');

    await admin.getByRole('button', { name: 'Next: columns' }).click();
    const mapping = admin.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    expect(await mapping.getByRole('combobox', { name: 'First name' }).inputValue()).toBe('FirstName');
    expect(await mapping.getByRole('combobox', { name: 'Date of birth' }).inputValue()).toBe('DateOfBirth');
    expect(await mapping.getByRole('combobox', { name: 'Phone' }).inputValue()).toBe('Phone');
    // The file's dates fit no single format (03/13/1979 against 14/03/1990): the administrator declares day first.
    await admin.getByRole('radio', { name: 'DD/MM/YYYY' }).check();
    await admin.getByRole('button', { name: 'Check the file' }).click();

    await admin.getByRole('alert').filter({ hasText: /problems? stops? the import/ }).waitFor();
    const problems = admin.getByRole('table', { name: 'Problems' });
    // Row numbers are the file's lines (the header is line 1).
    await problems.getByRole('row').filter({ hasText: '03/13/1979' }).filter({ hasText: /13 is not a month/ }).waitFor();
    await problems.getByRole('row').filter({ hasText: '31/02/2001' }).filter({ hasText: /No such date/ }).waitFor();
    const text = (await problems.textContent()) ?? '';
    expect(text).toMatch(/FirstName/);
    expect(text).toContain('Phone');
    expect(await figure(admin, 'Problems')).toBeGreaterThanOrEqual(4);
    expect(await admin.getByRole('button', { name: /^Import \d+ records?$/ }).isDisabled()).toBe(true);
    await snapWhole(admin, 'import-02-problems', 'import-problems');

    // A dry run writes nothing.
    expect((await rpc('patients.search', { query: 'Nakato' })).items).toHaveLength(0);
    expect((await rpc('import.history', { hospitalId })).items).toHaveLength(0);
  });

  it("imports seed 000's patients_data.csv as it is: 56 patients with their ids kept", async () => {
    await admin.getByRole('button', { name: 'Back to columns' }).click();
    await admin.getByRole('button', { name: 'Back', exact: true }).click();
    await chooseFile(admin, 'patients_data.csv', readFileSync(SEED_PATIENTS));
    await expect.poll(() => admin.getByTestId('file-encoding').textContent()).toContain('UTF-8');
    expect(await admin.getByRole('combobox', { name: 'Delimiter' }).inputValue()).toMatch(/Comma.*detected/);

    await admin.getByRole('button', { name: 'Next: columns' }).click();
    const mapping = admin.getByRole('table', { name: 'Column mapping' });
    await mapping.waitFor();
    await admin.getByText('Mapping proposed from the headers').waitFor();
    expect(await mapping.getByRole('combobox', { name: 'Patient id in the file' }).inputValue()).toBe('PatientID');
    expect(await mapping.getByRole('combobox', { name: 'Sex' }).inputValue()).toBe('Gender');
    expect(await admin.getByRole('radio', { name: 'YYYY-MM-DD' }).isChecked()).toBe(true);
    await snapWhole(admin, 'import-03-mapping', 'import-mapping');
    await admin.getByRole('button', { name: 'Check the file' }).click();

    await admin.getByRole('group', { name: 'To create' }).waitFor();
    // Seed 000's fault: many rows share one phone number. Registration asks whether they are the same person; here too.
    if ((await figure(admin, 'Duplicates')) > 0) {
      await admin.getByRole('checkbox', { name: 'They are different people: import them anyway' }).check();
    }
    await admin.getByRole('status').filter({ hasText: 'Ready to import' }).waitFor();
    expect(await figure(admin, 'Rows')).toBe(56);
    expect(await figure(admin, 'To create')).toBe(56);
    expect(await figure(admin, 'Problems')).toBe(0);
    await admin.getByRole('table', { name: 'Sample rows' }).getByText('Senwa').waitFor();
    await admin.mouse.move(1, 1);
    await snap(admin, 'import-04-ready', { readmeName: 'import-ready' });
    await snapWhole(admin, 'import-04-ready-whole');

    await admin.getByRole('button', { name: 'Import 56 records' }).click();
    await admin.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 30_000 });
    expect(await figure(admin, 'Patients created')).toBe(56);
    await closeNotifications(admin);
    await admin.getByRole('region', { name: 'Past imports' }).getByRole('row').filter({ hasText: 'patients_data.csv' }).waitFor();
    await snapWhole(admin, 'import-05-result', 'import-result');

    const found = await rpc('patients.search', { query: 'Senwa' });
    expect(found.items.map((p) => `${p.firstName} ${p.lastName}`)).toEqual(['Senwa David']);
    const history = await rpc('import.history', { hospitalId });
    expect(history.items).toMatchObject([{ kind: 'patients', fileName: 'patients_data.csv', rows: 56, created: 56 }]);
  });

  it('the same file again: its mapping is remembered and every row is already imported', async () => {
    await admin.getByRole('button', { name: 'Import another file' }).click();
    await chooseFile(admin, 'patients_data.csv', readFileSync(SEED_PATIENTS));
    await admin.getByRole('button', { name: 'Next: columns' }).click();
    await admin.getByText('Mapping remembered').waitFor();
    await admin.getByRole('button', { name: 'Check the file' }).click();
    await admin.getByRole('group', { name: 'Already imported' }).waitFor();
    expect(await figure(admin, 'Already imported')).toBe(56);
    expect(await figure(admin, 'To create')).toBe(0);
  });

  it("seed 001's room.csv as it is: no availability column (assumed available), and “specialized units” given a meaning", async () => {
    await admin.getByRole('button', { name: 'Back to columns' }).click();
    await admin.getByRole('button', { name: 'Back', exact: true }).click();
    await admin.getByRole('radio', { name: 'Rooms and beds' }).check();
    await chooseFile(admin, 'room.csv', readFileSync(SEED_ROOMS));
    await admin.getByRole('button', { name: 'Next: columns' }).click();
    const mapping = admin.getByRole('table', { name: 'Column mapping' });
    expect(await mapping.getByRole('combobox', { name: 'Room type' }).inputValue()).toBe('RoomType');
    expect(await mapping.getByRole('combobox', { name: 'Room id in the file' }).inputValue()).toBe('RoomId');
    await mapping.getByText(/Without it, rooms and their beds are imported as available/).waitFor();
    await admin.getByRole('button', { name: 'Check the file' }).click();

    const meanings = admin.getByRole('region', { name: 'Values the app does not know' });
    await meanings.waitFor();
    await choose(admin, 'RoomType “specialized units” means', 'Intensive care (ICU)');
    await admin.mouse.move(1, 1);
    await snap(admin, 'import-06-values', { readmeName: 'import-values' });
    await meanings.getByRole('button', { name: 'Use these meanings and check again' }).click();
    await admin.getByRole('status').filter({ hasText: 'Ready to import' }).waitFor();
    expect(await figure(admin, 'To create')).toBe(20);
    await admin.getByRole('button', { name: 'Import 20 records' }).click();
    await admin.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 30_000 });
    expect(await figure(admin, 'Rooms created')).toBe(20);
    await admin.getByRole('link', { name: 'Open ward setup' }).waitFor();
  });

  it("seed 000's doctors_data.csv: the departments and specializations Kampala lacks are listed, and created on import when ticked", async () => {
    await admin.getByRole('button', { name: 'Import another file' }).click();
    await admin.getByRole('radio', { name: 'Doctors' }).check();
    await chooseFile(admin, 'doctors_data.csv', readFileSync(SEED_DOCTORS));
    await admin.getByRole('button', { name: 'Next: columns' }).click();
    expect(await admin.getByRole('table', { name: 'Column mapping' }).getByRole('combobox', { name: 'Specialization' }).inputValue()).toBe('Specialization');
    await admin.getByRole('button', { name: 'Check the file' }).click();

    const missing = admin.getByRole('region', { name: 'Missing at the hospital' });
    await missing.waitFor();
    const lacking = (await missing.textContent()) ?? '';
    for (const name of ['Internal Medicine', 'Surgery', 'Childrens Health', 'Cardiology', 'Orthopedics', 'Pediatrics']) expect(lacking).toContain(name);
    expect(await figure(admin, 'Problems')).toBeGreaterThan(0);
    await missing.getByRole('checkbox', { name: 'Create them on import' }).check();
    await admin.getByRole('status').filter({ hasText: 'Ready to import' }).waitFor();
    await admin.mouse.move(1, 1);
    await snap(admin, 'import-08-doctors-missing', { readmeName: 'import-missing' });
    await admin.getByRole('button', { name: 'Import 15 records' }).click();
    await admin.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 30_000 });
    expect(await figure(admin, 'Doctors created')).toBe(15);
    expect(await figure(admin, 'Departments created')).toBe(3);
  });

  it("seed 000's appointments_data.csv: its rows name the imported patients and doctors, dates without a time kept as visits of the day", async () => {
    await admin.getByRole('button', { name: 'Import another file' }).click();
    await admin.getByRole('radio', { name: 'Past appointments' }).check();
    await chooseFile(admin, 'appointments_data.csv', readFileSync(SEED_APPOINTMENTS));
    await admin.getByRole('button', { name: 'Next: columns' }).click();
    const mapping = admin.getByRole('table', { name: 'Column mapping' });
    expect(await mapping.getByRole('combobox', { name: /^Patient/ }).inputValue()).toBe('PatientID');
    expect(await mapping.getByRole('combobox', { name: /^Doctor/ }).inputValue()).toBe('DoctorID');
    await mapping.getByText(/Without it, visits are kept as visits of that day/).waitFor();
    await admin.getByRole('button', { name: 'Check the file' }).click();
    await admin.getByRole('status').filter({ hasText: 'Ready to import' }).waitFor();
    expect(await figure(admin, 'To create')).toBe(19);
    await admin.getByRole('button', { name: 'Import 19 records' }).click();
    await admin.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 30_000 });
    expect(await figure(admin, 'Appointments created')).toBe(19);
  });

  it("seed 001's staff.csv and then doctor.csv: columns the app does not keep are named, and the doctors file completes the staff it names", async () => {
    await admin.getByRole('button', { name: 'Import another file' }).click();
    await admin.getByRole('radio', { name: 'Staff' }).check();
    await chooseFile(admin, 'staff.csv', readFileSync(SEED_STAFF));
    await admin.getByRole('button', { name: 'Next: columns' }).click();
    const mapping = admin.getByRole('table', { name: 'Column mapping' });
    expect(await mapping.getByRole('combobox', { name: 'First name' }).inputValue()).toBe('StaffFirstName');
    expect(await mapping.getByRole('combobox', { name: 'Role' }).inputValue()).toBe('StaffRole');
    const unused = (await admin.getByRole('region', { name: 'Columns not imported' }).textContent()) ?? '';
    expect(unused).toContain('StaffDOB');
    expect(unused).toContain('a staff record keeps no date of birth');
    await admin.getByRole('button', { name: 'Check the file' }).click();
    // Its 11-digit phone numbers are no Ugandan numbers: each row is reported; the administrator leaves the column out.
    const problems = admin.getByRole('table', { name: 'Problems' });
    await problems.getByRole('row').filter({ hasText: '12345678901' }).filter({ hasText: 'StaffTelNo' }).waitFor();
    expect(await figure(admin, 'Problems')).toBe(20);
    await admin.getByRole('button', { name: 'Back to columns' }).click();
    await choose(admin, 'Phone', 'Not in the file (leave out)');
    expect(await mapping.getByRole('combobox', { name: 'Phone' }).inputValue()).toBe('');
    await admin.getByRole('button', { name: 'Check the file' }).click();
    await admin.getByRole('status').filter({ hasText: 'Ready to import' }).waitFor();
    await admin.getByRole('button', { name: 'Import 20 records' }).click();
    await admin.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 30_000 });
    expect(await figure(admin, 'Staff created')).toBe(20);

    await admin.getByRole('button', { name: 'Import another file' }).click();
    await admin.getByRole('radio', { name: 'Doctors' }).check();
    await chooseFile(admin, 'doctor.csv', readFileSync(SEED_001_DOCTORS));
    await admin.getByRole('button', { name: 'Next: columns' }).click();
    await admin.getByRole('button', { name: 'Check the file' }).click();
    await admin.getByRole('group', { name: 'To create' }).waitFor();
    const specializations = admin.getByRole('region', { name: 'Missing at the hospital' });
    if (await specializations.isVisible()) await specializations.getByRole('checkbox', { name: 'Create them on import' }).check();
    await admin.getByRole('status').filter({ hasText: 'Ready to import' }).waitFor();
    await admin.getByRole('button', { name: /^Import \d+ records?$/ }).click();
    await admin.getByRole('status').filter({ hasText: 'Imported' }).waitFor({ timeout: 30_000 });
    expect(await figure(admin, 'Completed')).toBe(4);
  });

  it('a big file: the check shows its progress, and Cancel stops the import before it commits (nothing written)', async () => {
    await admin.getByRole('button', { name: 'Import another file' }).click();
    await admin.getByRole('radio', { name: 'Patients' }).check();
    await chooseFile(admin, 'big-patients.csv', manyPatients(BIG), 60_000);
    await admin.getByRole('button', { name: 'Next: columns' }).click();
    await admin.getByRole('button', { name: 'Check the file' }).click();
    await admin.getByRole('group', { name: 'To create' }).waitFor({ timeout: 60_000 });
    if ((await figure(admin, 'Duplicates')) > 0) await admin.getByRole('checkbox', { name: 'They are different people: import them anyway' }).check();
    await admin.getByRole('status').filter({ hasText: 'Ready to import' }).waitFor({ timeout: 60_000 });
    expect(await figure(admin, 'To create')).toBe(BIG);

    // The commit is held in the browser until the Cancel has reached main: the cancel overtakes the big file on its
    // way, as it can on a busy machine (the commit carries the whole CSV). Without the hold, whether the Cancel lands
    // before the 6,000 rows are written is a matter of timing.
    let release!: () => void;
    const cancelled = new Promise<void>((r) => (release = r));
    await admin.route('**/rpc/import.commit', async (route) => {
      await cancelled;
      await route.continue();
    });
    await admin.getByRole('button', { name: `Import ${BIG.toLocaleString('en')} records` }).click();
    await admin.getByRole('progressbar', { name: 'Import progress' }).waitFor();
    const answered = admin.waitForResponse('**/rpc/import.cancel');
    await admin.getByRole('button', { name: 'Cancel import' }).click();
    expect(await (await answered).json()).toEqual({ ok: true, data: { cancelled: true } });
    release();
    await admin.getByRole('status').filter({ hasText: 'Import cancelled' }).waitFor({ timeout: 60_000 });
    await admin.unroute('**/rpc/import.commit');
    await snap(admin, 'import-07-cancelled');
    expect((await rpc('patients.search', { query: 'Family1' })).items).toHaveLength(0);
    expect((await rpc('import.history', { hospitalId })).items.map((b) => b.fileName)).not.toContain('big-patients.csv');
  });
});
