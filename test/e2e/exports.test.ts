// Export CSV in a browser: a filtered patient list of many pages is written by main to the exports folder (every
// page, not only the 50 rows on screen) with a progress bar and a notification naming the file; the file is checked
// on disk. A second list (user accounts) shows the screens' headers.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { UGANDA } from '../support/app';
import { launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-desk-2026' };
const MANY = 60_000;

let harness: Harness;
let browser: Browser;
let desk: Page;
let dir: string;
let hospitalId: number;

async function insertPatients(rows: [first: string, last: string][], prefix: string): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await harness.db.sql(
      `INSERT INTO patients (patient_number, hospital_id, first_name, last_name, name_key, name_key_rev, date_of_birth, sex, phone) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap(([first, last], j) => [`${prefix}${String(i + j).padStart(6, '0')}`, hospitalId, first, last, `${last} ${first}`, `${first} ${last}`, '1984-05-06', 'male', `+2567011${String(i + j).padStart(5, '0')}`]),
    );
  }
}

describe('Export CSV of every page', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hms-e2e-exports-'));
    // The harness saves exports here (the desktop app: the user's Downloads folder).
    process.env.HMS_EXPORTS_DIR = dir;
    harness = await startHarness();
    delete process.env.HMS_EXPORTS_DIR;
    browser = await launchChromium();
    ({ hospitalId } = await harness.rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN }));
    const many: [string, string][] = Array.from({ length: MANY - 3 }, (_, i) => [`Given${i}`, 'Exportson']);
    await insertPatients([...many, ['Nakato', 'Exportson'], ['王小明', 'Exportson'], ['Zoë', 'Exportson']], 'EXP');
    // First in the unfiltered list (by surname): gone once the search applies.
    await insertPatients([['Other', 'Aardvark']], 'OTH');
  }, 120_000);

  stopAtFirstFailure(() => ({ 'failed-exports': desk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exports every page of the filtered patient list to a file, with a progress bar and the file named', async () => {
    desk = await openDeskAt(browser, harness.url());
    await signIn(desk, ADMIN);
    await nav(desk, 'Patients').click();
    await desk.getByRole('row', { name: /OTH000000 Other Aardvark/ }).waitFor();
    await desk.getByLabel('Search patients').fill('Exportson');
    await desk.getByRole('row', { name: /OTH000000 Other Aardvark/ }).waitFor({ state: 'detached' });
    await desk.getByRole('row', { name: /EXP\d{6} .*Exportson/ }).first().waitFor();
    // The screen holds one page; the file gets all of them.
    await desk.getByText(/^50 patients loaded/).waitFor();
    await desk.getByRole('button', { name: 'Export CSV' }).click();
    await desk.getByRole('status', { name: 'Export progress' }).waitFor();
    await desk.getByText(/Exporting every page: [\d,]+ rows written/).waitFor();
    // A few pages in: the bar has counted rows (unless the machine wrote them all before the screen looked).
    await desk.getByText(/Exporting every page: [1-9][\d,]* rows written/).waitFor({ timeout: 3_000 }).catch(() => undefined);
    await snap(desk, 'exports-01-progress', { readmeName: 'export-progress' });
    await notification(desk, 'CSV saved');
    const saved = await desk.locator('.mantine-Notification-root', { hasText: 'CSV saved' }).first().innerText();
    await snap(desk, 'exports-02-saved', { readmeName: 'export-saved' });
    expect(await desk.getByRole('status', { name: 'Export progress' }).count()).toBe(0);

    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^patients-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(saved.replace(/\s+/g, ' ')).toContain(`${MANY.toLocaleString('en')} rows saved to ${join(dir, files[0])}`);
    const bytes = readFileSync(join(dir, files[0]));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe('Patient ID,Name,Date of birth,Sex,Phone');
    expect(lines.length - 2).toBe(MANY);
    expect(lines).toContain(lines.find((l) => l.includes(',王小明 Exportson,1984-05-06,male,+256 ')));
    expect(lines.some((l) => l.includes(',Zoë Exportson,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('OTH'))).toBe(false);
  }, 60_000);

  it('exports another list with the headers its screen shows, under a name of its own', async () => {
    await harness.rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await harness.rpc('setup', 'users.create', { username: 'mirembe', password: 'front-desk-2026', fullName: 'Mirembe Nansubuga', roles: ['front_desk'], hospitalIds: [hospitalId] });
    await nav(desk, 'Users').click();
    await desk.getByRole('row', { name: /mirembe/ }).waitFor();
    await desk.getByRole('button', { name: 'Export CSV' }).click();
    await notification(desk, /2 rows saved to .*users-\d{4}-\d{2}-\d{2}\.csv/);
    const file = readdirSync(dir).find((f) => f.startsWith('users-'))!;
    const lines = readFileSync(join(dir, file), 'utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Username,Full name,Roles,Hospitals,Status,Last sign-in');
    expect(lines.find((l) => l.startsWith('mirembe,'))).toBe('mirembe,Mirembe Nansubuga,Front desk,Kampala General,active,');
  });
});
