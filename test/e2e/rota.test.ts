// The rota through the real UI in Chromium over the harness: coverage rules set up by HR, shifts assigned in the grid
// with a coverage gap closing, a refusal shown with the server's sentence, leave over a planned shift, copying a week
// onto the next with its refusals, the rota as PDF and CSV, and a nurse's own shifts. The weeks are the week after next
// and the one after it (in the hospital's zone), so nothing depends on the day the suite runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { addDays, weekStartOf as mondayOf } from '@shared/domain/dates';
import { closeNotifications, downloaded, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, typedDate as typed } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const NURSE = { username: 'agnes.achieng', password: 'nurse-pass-2026' };
// The rota, the staff records and leave are HR's work.
const HR = { username: 'kizza', fullName: 'Joseph Kizza', password: 'people-office-2026' };
const TZ = UGANDA.timeZone;

let harness: Harness;
let browser: Browser;
let hr: Page;
let hospitalId: number;
let wardId: number;
const ids: Record<string, number> = {};
const types: Record<string, number> = {};

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);

const today = () => todayIn(TZ);
/** "Mon 15 Mar", as the grid names a day. */
const day = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' })} ${d.getUTCDate()} ${d.toLocaleDateString('en-GB', { month: 'short', timeZone: 'UTC' })}`;
};

const THIS_WEEK = mondayOf(today());
/** The week planned in the grid ("next Monday + 7 days") and the week it is copied onto. */
const WEEK_A = addDays(THIS_WEEK, 14);
const WEEK_B = addDays(WEEK_A, 7);

const openDesk = (window: string) => openDeskAt(browser, harness.url({ window }), { width: 1440, height: 900 });

const grid = (page: Page) => page.getByRole('table', { name: /^Rota of Medical Ward/ });
/** A person's shift in the grid ("Day shift of Agnes Achieng on Mon 15 Mar"). */
const shift = (page: Page, name: string, person: string, date: string) => grid(page).getByRole('button', { name: `${name} shift of ${person} on ${day(date)}`, exact: true });
const coverage = (page: Page, date: string, text: string) => grid(page).getByRole('cell', { name: `Day · Nurse, ${day(date)}: ${text}`, exact: true });

/** Assigns through the grid: the empty day, then the shift type in its menu. */
async function assign(page: Page, person: string, date: string, shiftName: string): Promise<void> {
  await grid(page).getByRole('button', { name: `Assign a shift to ${person} on ${day(date)}`, exact: true }).click();
  await page.getByRole('menuitem', { name: new RegExp(`${shiftName} \\d\\d:\\d\\d`) }).click();
}

describe('The rota in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const init = await rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN });
    hospitalId = init.hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    wardId = (await rpc('setup', 'departments.create', { hospitalId, name: 'Medical Ward' })).id;
    await rpc('setup', 'users.create', { ...HR, roles: ['hr'], hospitalIds: [hospitalId] });
    await rpc('hr-setup', 'auth.login', { username: HR.username, password: HR.password });
    const nurseUser = await rpc('setup', 'users.create', { username: NURSE.username, password: NURSE.password, fullName: 'Agnes Achieng', roles: ['nurse'], hospitalIds: [hospitalId] });
    const nurse = (firstName: string, lastName: string, userId: number | null) =>
      rpc('hr-setup', 'staff.create', { hospitalId, firstName, lastName, staffRole: 'nurse', departmentId: wardId, hireDate: '2020-01-06', contractedHours: 40, userId });
    ids.agnes = (await nurse('Agnes', 'Achieng', nurseUser.id)).id;
    ids.betty = (await nurse('Betty', 'Nakato', null)).id;
    ids.carol = (await nurse('Carol', 'Auma', null)).id;
    types.day = (await rpc('hr-setup', 'shifts.createType', { hospitalId, name: 'Day', code: 'D', start: '07:00', end: '15:00', payMultiplierBp: 10000 })).id;
    types.evening = (await rpc('hr-setup', 'shifts.createType', { hospitalId, name: 'Evening', code: 'E', start: '15:00', end: '23:00', payMultiplierBp: 11000 })).id;
    types.night = (await rpc('hr-setup', 'shifts.createType', { hospitalId, name: 'Night', code: 'N', start: '23:00', end: '07:00', payMultiplierBp: 12500 })).id;
    // Agnes works tomorrow already: her own page shows it.
    await rpc('hr-setup', 'shifts.assign', { staffId: ids.agnes, date: addDays(today(), 1), shiftTypeId: types.day, departmentId: wardId });
  });

  stopAtFirstFailure(() => ({ 'rota-failed': hr }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it('HR sets a coverage rule: two nurses on every Day shift of the ward', async () => {
    hr = await openDesk('hr');
    await signIn(hr, HR, 'Rota');
    await nav(hr, 'Rota').click();
    await hr.getByRole('link', { name: 'Shift types and rules' }).click();
    await hr.getByRole('heading', { name: 'Shift types and rules' }).waitFor();
    await hr.getByRole('table', { name: 'Shift types' }).getByRole('cell', { name: '23:00–07:00 (+1)' }).waitFor();
    const minimum = hr.getByRole('textbox', { name: 'Day Nurse minimum' });
    await minimum.fill('2');
    await hr.getByRole('button', { name: 'Save coverage' }).click();
    await notification(hr, '1 rule changed');
    await expect.poll(() => minimum.inputValue()).toBe('2');
    await closeNotifications(hr);
    await snap(hr, 'rota-01-setup', { fullPage: true, readmeName: 'rota-setup' });
  });

  it('assigns shifts in the grid; the coverage gap closes as the second nurse is planned', async () => {
    await nav(hr, 'Rota').click();
    await grid(hr).waitFor();
    await hr.getByRole('button', { name: 'Next week' }).click();
    await hr.getByRole('button', { name: 'Next week' }).click();
    await coverage(hr, WEEK_A, '0 of 2, 2 short').waitFor();

    await assign(hr, 'Agnes Achieng', WEEK_A, 'Day');
    await shift(hr, 'Day', 'Agnes Achieng', WEEK_A).waitFor();
    await coverage(hr, WEEK_A, '1 of 2, 1 short').waitFor();
    await assign(hr, 'Betty Nakato', WEEK_A, 'Day');
    await shift(hr, 'Day', 'Betty Nakato', WEEK_A).waitFor();
    await coverage(hr, WEEK_A, '2 of 2').waitFor();
    // The other days are still short.
    await coverage(hr, addDays(WEEK_A, 1), '0 of 2, 2 short').waitFor();

    await assign(hr, 'Betty Nakato', addDays(WEEK_A, 1), 'Day');
    await assign(hr, 'Agnes Achieng', addDays(WEEK_A, 2), 'Night');
    await shift(hr, 'Night', 'Agnes Achieng', addDays(WEEK_A, 2)).waitFor();
    await grid(hr).getByRole('row', { name: 'Agnes Achieng' }).getByRole('cell', { name: '16 h of 40 h' }).waitFor();
  });

  it('shows the refusal with the rule and the other shift: an Evening right after a Day', async () => {
    await assign(hr, 'Agnes Achieng', WEEK_A, 'Evening');
    const alert = hr.getByRole('alert').filter({ hasText: 'Shift not assigned' });
    await alert.getByText(`Only 0 h of rest after Agnes Achieng's Day shift of ${day(WEEK_A)} (07:00–15:00); the minimum is 11 h.`).waitFor();
    expect(await shift(hr, 'Evening', 'Agnes Achieng', WEEK_A).count()).toBe(0);
    await snap(hr, 'rota-02-refusal', { readmeName: 'rota-refusal' });
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
  });

  it('moves a shift to another day and unassigns one from its menu', async () => {
    await assign(hr, 'Carol Auma', addDays(WEEK_A, 4), 'Evening');
    await shift(hr, 'Evening', 'Carol Auma', addDays(WEEK_A, 4)).click();
    await hr.getByRole('menuitem', { name: 'Move to another day' }).click();
    await hr.getByRole('menuitem', { name: new RegExp(`^${day(addDays(WEEK_A, 3))}`) }).click();
    await shift(hr, 'Evening', 'Carol Auma', addDays(WEEK_A, 3)).waitFor();
    await shift(hr, 'Evening', 'Carol Auma', addDays(WEEK_A, 4)).waitFor({ state: 'detached' });

    await assign(hr, 'Carol Auma', addDays(WEEK_A, 5), 'Day');
    await shift(hr, 'Day', 'Carol Auma', addDays(WEEK_A, 5)).click();
    await hr.getByRole('menuitem', { name: 'Unassign' }).click();
    await shift(hr, 'Day', 'Carol Auma', addDays(WEEK_A, 5)).waitFor({ state: 'detached' });
  });

  it('records leave over a planned shift only when asked to remove it, and the grid shows the leave', async () => {
    await grid(hr).getByRole('button', { name: 'Record leave for Carol Auma' }).click();
    const dialog = hr.getByRole('dialog', { name: 'Record leave for Carol Auma' });
    await dialog.getByRole('combobox', { name: 'Kind' }).click();
    await hr.getByRole('option', { name: 'Training' }).click();
    await dialog.getByRole('textbox', { name: 'First day' }).fill(typed(addDays(WEEK_A, 3)));
    await dialog.getByRole('textbox', { name: 'Last day' }).fill(typed(addDays(WEEK_A, 4)));
    await dialog.getByRole('button', { name: 'Record leave' }).click();
    await dialog.getByText(/Carol Auma has 1 shift planned in that time \(first: E on/).waitFor();
    await dialog.getByText(`${day(addDays(WEEK_A, 3))} ${addDays(WEEK_A, 3).slice(0, 4)}: Evening (E) in Medical Ward`).waitFor();
    await snap(hr, 'rota-03-leave-over-a-shift');
    await dialog.getByLabel('Remove planned shifts in that time').check();
    await dialog.getByRole('button', { name: 'Record leave' }).click();
    await notification(hr, '1 planned shift was removed.');
    await grid(hr).getByLabel(`Carol Auma: Training on ${day(addDays(WEEK_A, 3))}`).waitFor();
    await grid(hr).getByLabel(`Carol Auma: Training on ${day(addDays(WEEK_A, 4))}`).waitFor();
    await shift(hr, 'Evening', 'Carol Auma', addDays(WEEK_A, 3)).waitFor({ state: 'detached' });
    await closeNotifications(hr);
    await snap(hr, 'rota-03-week', { readmeName: 'rota' });
  });

  it('lists the leave of the hospital', async () => {
    await hr.getByRole('link', { name: 'Leave', exact: true }).click();
    await hr.getByRole('heading', { name: 'Leave', exact: true }).waitFor();
    const date = (d: string) => `${day(d).slice(4)} ${d.slice(0, 4)}`;
    await hr.getByRole('row', { name: `Carol Auma Training ${date(addDays(WEEK_A, 3))} to ${date(addDays(WEEK_A, 4))}` }).waitFor();
    await snap(hr, 'rota-04-leave-list');
    await hr.goBack();
    await grid(hr).waitFor();
  });

  it('prints the week as a PDF and exports it as CSV', async () => {
    await hr.getByRole('button', { name: 'Print / export' }).click();
    const pdf = await downloaded(hr, () => hr.getByRole('menuitem', { name: 'Save PDF' }).click());
    expect(pdf.name).toBe(`rota-HMS-medical-ward-${WEEK_A}.pdf`);
    expect(pdf.bytes.subarray(0, 4).toString()).toBe('%PDF');
    await notification(hr, 'Rota saved');

    await hr.getByRole('button', { name: 'Print / export' }).click();
    const csv = await downloaded(hr, () => hr.getByRole('menuitem', { name: 'Export CSV' }).click());
    expect(csv.name).toBe(`rota-medical-ward-${WEEK_A}.csv`);
    const lines = csv.bytes.toString('utf8').replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toMatch(/^Employee no\.,Name,Role,Mon /);
    expect(lines.find((l) => l.includes('Agnes Achieng'))).toMatch(/,Nurse,D,,N,,,,,16\.00,40$/);
    expect(lines.find((l) => l.includes('Carol Auma'))).toMatch(/,Training,Training,/);

    await hr.getByRole('button', { name: 'Print / export' }).click();
    await hr.getByRole('menuitem', { name: /Print rota/ }).click();
    const preview = hr.getByRole('dialog', { name: /^Rota · Medical Ward/ });
    await preview.getByText(`rota-HMS-medical-ward-${WEEK_A}.pdf · 1 page`).waitFor();
    await hr.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
    await closeNotifications(hr);
  });

  it('copies the week onto the next, listing the shifts it could not plan', async () => {
    // Betty is on leave on the Tuesday of the next week: her Day shift there is refused.
    await rpc('hr-setup', 'leave.record', { staffId: ids.betty, kind: 'annual', startDate: addDays(WEEK_B, 1), endDate: addDays(WEEK_B, 1) });
    await hr.getByRole('button', { name: 'Next week' }).click();
    await coverage(hr, WEEK_B, '0 of 2, 2 short').waitFor();
    await hr.getByRole('button', { name: 'Copy a week…' }).click();
    const dialog = hr.getByRole('dialog', { name: /^Copy a week into the week of/ });
    expect(await dialog.getByRole('textbox', { name: /Copy from the week of/ }).inputValue()).toBe(typed(WEEK_A));
    await dialog.getByRole('button', { name: 'Copy shifts' }).click();
    await dialog.getByText('3 shifts copied').waitFor();
    const refused = dialog.getByRole('table', { name: 'Shifts not copied' });
    await refused.getByRole('row', { name: /Betty Nakato .* D Betty Nakato is on annual leave/ }).waitFor();
    await snap(hr, 'rota-05-copied');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await shift(hr, 'Day', 'Agnes Achieng', WEEK_B).waitFor();
    await shift(hr, 'Day', 'Betty Nakato', WEEK_B).waitFor();
    await shift(hr, 'Night', 'Agnes Achieng', addDays(WEEK_B, 2)).waitFor();
    await coverage(hr, WEEK_B, '2 of 2').waitFor();
    await grid(hr).getByLabel(`Betty Nakato: Annual leave on ${day(addDays(WEEK_B, 1))}`).waitFor();
  });

  it('shows a nurse her own upcoming shifts and hours', async () => {
    const own = await openDesk('nurse');
    await signIn(own, NURSE, 'My shifts');
    await nav(own, 'My shifts').click();
    await own.getByRole('heading', { name: 'My shifts' }).waitFor();
    const upcoming = own.getByRole('table', { name: 'Upcoming shifts' });
    await upcoming.getByRole('row', { name: new RegExp(`^${day(addDays(today(), 1))}`) }).waitFor();
    await upcoming.getByRole('row', { name: new RegExp(`^${day(WEEK_A)} .*Day.*07:00–15:00 Medical Ward 8 h`) }).waitFor();
    await upcoming.getByRole('row', { name: new RegExp(`^${day(addDays(WEEK_A, 2))} .*Night.*23:00–07:00`) }).waitFor();
    await own.getByText('of 40 h contracted').first().waitFor();
    await snap(own, 'rota-06-my-shifts', { readmeName: 'my-shifts' });
    await own.context().close();
  });
});
