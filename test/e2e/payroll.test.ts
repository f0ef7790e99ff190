// Payroll through the real UI in Chromium over the harness: HR sets the deduction rules and holidays, a nurse's pay
// structure (bank account shown masked) and a one-off deduction, starts last month's run, reviews it (totals, the
// departments' table and bars, a slip with its YTD), recomputes and finalizes it with a paid-on date; the billing
// office prints a slip (the stored PDF: its SHA-256 checked, its first page rendered to PNG) and the whole run with a
// progress bar, and takes the bank list; the nurse sees her own slip under "My slips" and no one else's.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import type { PayrollRun } from '@shared/contract/payroll';
import { formatMoney } from '@shared/domain/money';
import { choose, closeNotifications, downloaded, keepForReadme, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure, todayIn, typedDate } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { pdfPng, pdfText } from '../support/pdf';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const HR = { username: 'hilda.hr', fullName: 'Hilda Namaganda', password: 'hr-pass-2026-kla' };
const CASHIER = { username: 'grace.cashier', fullName: 'Grace Atim', password: 'billing-pass-2026' };
const NURSE = { username: 'agnes.achieng', fullName: 'Agnes Achieng', password: 'nurse-pass-2026' };
const TZ = UGANDA.timeZone;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** Last month in the hospital's zone: the run the test makes (so nothing depends on the day the suite runs). */
const TODAY = todayIn(TZ);
const LAST = (() => {
  const total = Number(TODAY.slice(0, 4)) * 12 + Number(TODAY.slice(5, 7)) - 2;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
})();
const LAST_LABEL = `${MONTHS[Number(LAST.slice(5, 7)) - 1]} ${LAST.slice(0, 4)}`;

let harness: Harness;
let browser: Browser;
let hr: Page;
let cashier: Page;
let nurse: Page;
let hospitalId: number;
let runId: number;
const ids: Record<string, number> = {};

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);
const ugx = (minor: number) => formatMoney(minor, 'UGX');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const openDesk = (window: string) => openDeskAt(browser, harness.url({ window }), { width: 1440, height: 960 });
const slipOf = (run: PayrollRun, staffId: number) => run.slips.find((s) => s.staffId === staffId)!;

describe('Payroll in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    hospitalId = (await rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN })).hospitalId;
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await rpc('setup', 'users.create', { ...HR, roles: ['hr'], hospitalIds: [hospitalId] });
    await rpc('setup', 'users.create', { ...CASHIER, roles: ['billing'], hospitalIds: [hospitalId] });
    const nurseUser = await rpc('setup', 'users.create', { ...NURSE, roles: ['nurse'], hospitalIds: [hospitalId] });
    const ward = (await rpc('setup', 'departments.create', { hospitalId, name: 'Medical Ward' })).id;
    const theatre = (await rpc('setup', 'departments.create', { hospitalId, name: 'Theatre' })).id;
    // HR keeps the staff records, and sets Betty's and Carol's pay over the wire; Agnes's through the screen below.
    await rpc('hrapi', 'auth.login', { username: HR.username, password: HR.password });
    const person = (firstName: string, lastName: string, departmentId: number, userId: number | null) =>
      rpc('hrapi', 'staff.create', { hospitalId, firstName, lastName, staffRole: 'nurse', departmentId, hireDate: '2020-01-06', contractedHours: 40, userId });
    ids.agnes = (await person('Agnes', 'Achieng', ward, nurseUser.id)).id;
    ids.betty = (await person('Betty', 'Nakato', ward, null)).id;
    ids.carol = (await person('Carol', 'Auma', theatre, null)).id;
    await rpc('hrapi', 'payroll.setStructure', { staffId: ids.betty, validFrom: '2020-01-06', basis: 'salaried', monthlyBase: 1_050_000, bankName: 'Centenary Bank', bankAccount: '3100045678' });
    await rpc('hrapi', 'payroll.setStructure', { staffId: ids.carol, validFrom: '2020-01-06', basis: 'salaried', monthlyBase: 1_600_000, allowances: [{ name: 'Theatre allowance', monthly: 150_000 }], bankName: 'Stanbic Bank', bankAccount: '9030011122' });
  });

  stopAtFirstFailure(() => ({ 'payroll-failed-hr': hr, 'payroll-failed-cashier': cashier, 'payroll-failed-nurse': nurse }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("HR sets the hospital's deduction rules (PAYE bands, NSSF with a ceiling) and a public holiday", async () => {
    hr = await openDesk('hr');
    hr.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(hr, HR, 'Payroll');
    await nav(hr, 'Payroll').click();
    await hr.getByRole('tab', { name: 'Deductions and holidays' }).click();
    const rules = hr.getByRole('form', { name: 'Deduction rules' });
    await rules.getByLabel('Tax-free threshold').fill('235,000');
    for (const [i, upTo, rate] of [
      [1, '335,000', '10'],
      [2, '410,000', '20'],
      [3, '', '30'],
    ] as const) {
      await rules.getByRole('button', { name: 'Add band' }).click();
      await rules.getByLabel(`Band ${i} up to`).fill(upTo);
      await rules.getByLabel(`Band ${i} rate (%)`).fill(rate);
    }
    await rules.getByRole('switch', { name: 'Deduct a pension contribution' }).check({ force: true });
    await rules.getByLabel('Pension name').fill('NSSF');
    await rules.getByLabel('Employee (%)').fill('5');
    await rules.getByLabel('Employer (%)').fill('10');
    await rules.getByRole('button', { name: 'Save deduction rules' }).click();
    await notification(hr, 'Deduction rules saved.');
    const saved = await rpc('hrapi', 'payroll.getDeductionRules', { hospitalId });
    expect(saved.tax).toMatchObject({ basis: 'monthly', taxFreeThreshold: 235_000, bands: [{ upTo: 335_000, rateBp: 1000 }, { upTo: 410_000, rateBp: 2000 }, { upTo: null, rateBp: 3000 }] });
    expect(saved.pension).toMatchObject({ name: 'NSSF', employeeBp: 500, employerBp: 1000, monthlyCeiling: null });
    // Opened again, the form shows what was saved.
    await hr.getByRole('tab', { name: 'Runs' }).click();
    await hr.getByRole('tab', { name: 'Deductions and holidays' }).click();
    await expect.poll(() => rules.getByLabel('Band 3 rate (%)').inputValue()).toBe('30');
    expect(await rules.getByLabel('Band 2 up to').inputValue()).toBe('410000');
    expect(await rules.getByLabel('Employer (%)').inputValue()).toBe('10');

    const year = Number(LAST.slice(0, 4));
    await hr.getByLabel('Year').fill(String(year));
    await hr.getByRole('button', { name: 'Add holiday' }).click();
    await hr.getByLabel('Holiday 1 date').fill(typedDate(`${year}-10-09`));
    await hr.getByLabel('Holiday 1 name').fill('Independence Day');
    await hr.getByRole('button', { name: `Save holidays of ${year}` }).click();
    await notification(hr, `1 public holidays in ${year}.`);
    expect(await rpc('hrapi', 'payroll.holidays', { hospitalId, year })).toEqual([{ date: `${year}-10-09`, name: 'Independence Day' }]);
    await closeNotifications(hr);
    await snap(hr, 'payroll-01-settings', { fullPage: true });
  });

  it("HR sets Agnes's pay from the first of last month: base, a housing allowance, a night differential, her bank account masked", async () => {
    await hr.evaluate(`window.location.hash = '/staff/${ids.agnes}'`);
    const pay = hr.getByRole('region', { name: 'Pay' });
    await pay.getByText('No pay structure yet').waitFor();
    await pay.getByRole('button', { name: 'Set pay from a date' }).click();
    const dialog = hr.getByRole('dialog', { name: 'Pay of Agnes Achieng' });
    await dialog.getByLabel('In force from').fill(typedDate(`${LAST}-01`));
    await dialog.getByLabel('Monthly base pay').fill('1,200,000');
    await dialog.getByRole('button', { name: 'Add allowance' }).click();
    await dialog.getByLabel('Allowance', { exact: true }).fill('Housing');
    await dialog.getByLabel('Monthly', { exact: true }).fill('100,000');
    await choose(hr, 'Night hours', '% of hourly rate');
    await dialog.getByLabel('Night hours (%)').fill('25');
    await dialog.getByLabel('Bank', { exact: true }).fill('Stanbic Bank');
    await dialog.getByLabel('Bank account').fill('9030012344821');
    await snap(hr, 'payroll-02a-pay-form');
    await dialog.getByRole('button', { name: 'Save pay' }).click();
    await dialog.waitFor({ state: 'detached' });
    await pay.getByRole('row', { name: `From ${typedFrom()} ${ugx(1_200_000)} a month` }).waitFor();
    await pay.getByText('+25 %').waitFor();
    // Only the last four characters of the account are ever shown.
    await pay.getByText(/Stanbic Bank .*4821/).waitFor();
    expect(await pay.textContent()).not.toContain('9030012344821');
    await closeNotifications(hr);
    await snap(hr, 'payroll-02-staff-pay', { fullPage: true, readmeName: 'payroll-staff-pay' });
  });

  it('HR adds a one-off deduction (a salary advance) for last month', async () => {
    await nav(hr, 'Payroll').click();
    await hr.getByRole('tab', { name: 'One-off deductions' }).click();
    await choose(hr, 'Month', LAST_LABEL);
    await hr.getByRole('button', { name: 'Add deduction' }).click();
    const dialog = hr.getByRole('dialog', { name: `One-off deduction for ${LAST_LABEL}` });
    await hr.getByRole('combobox', { name: 'Staff member' }).fill('Agnes');
    await hr.getByRole('option', { name: /Agnes Achieng/ }).click();
    await dialog.getByRole('textbox', { name: 'Deduction' }).fill('Salary advance');
    await dialog.getByLabel('Amount').fill('50,000');
    await dialog.getByRole('button', { name: 'Add deduction' }).click();
    await dialog.waitFor({ state: 'detached' });
    await hr.getByRole('row', { name: `Agnes Achieng · ${await numberOf(ids.agnes)} Salary advance ${ugx(50_000)}` }).waitFor();
    await closeNotifications(hr);
    await snap(hr, 'payroll-02b-one-offs');
  });

  it("HR starts last month's run and reviews it: totals, departments as a table and bars, Agnes's slip with its YTD", async () => {
    await hr.getByRole('tab', { name: 'Runs' }).click();
    await hr.getByRole('button', { name: 'Start run' }).click();
    const dialog = hr.getByRole('dialog', { name: 'Start a payroll run' });
    await dialog.getByRole('button', { name: `Start run of ${LAST_LABEL}` }).click();
    await hr.getByRole('heading', { name: `Payroll ${LAST_LABEL}` }).waitFor();
    runId = Number(/#\/payroll\/runs\/(\d+)/.exec(hr.url())![1]);
    const run = await rpc('hrapi', 'payroll.getRun', { runId });
    expect(run.status).toBe('draft');
    expect(run.totals.count).toBe(3);
    await hr.getByLabel(`Net pay: ${ugx(run.totals.net)}`).waitFor();
    await hr.getByLabel(`Employer cost: ${ugx(run.totals.employerCost)}`).waitFor();
    const depts = hr.getByRole('table', { name: 'Totals by department' });
    for (const d of run.byDepartment) await depts.getByRole('row', { name: `${d.department} ${d.count} ${ugx(d.gross)} ${ugx(d.net)} ${ugx(d.employerCost)}` }).waitFor();
    await hr.getByRole('img', { name: 'Employer cost and net pay by department' }).waitFor();
    const agnes = slipOf(run, ids.agnes);
    await hr.getByRole('row', { name: `${agnes.employeeNumber} Agnes Achieng ${ugx(agnes.net)}` }).waitFor();
    await snap(hr, 'payroll-03-run-draft', { fullPage: true, readmeName: 'payroll-run' });

    await hr.getByRole('row', { name: `${agnes.employeeNumber} Agnes Achieng ${ugx(agnes.net)}` }).click();
    const slip = await rpc('hrapi', 'payroll.slip', { slipId: agnes.id });
    await hr.getByTestId('net-pay').getByText(ugx(slip.net)).waitFor();
    const earnings = hr.getByRole('region', { name: 'Earnings' });
    for (const l of slip.earnings) await earnings.getByRole('row', { name: `${l.label}: ${ugx(l.amount)}` }).getByText(ugx(l.ytd)).last().waitFor();
    const deductions = hr.getByRole('region', { name: 'Deductions' });
    await deductions.getByRole('row', { name: `Salary advance: ${ugx(50_000)}` }).waitFor();
    for (const l of slip.deductions) await deductions.getByRole('row', { name: `${l.label}: ${ugx(l.amount)}` }).waitFor();
    await hr.getByText(slip.netInWords).waitFor();
    await snap(hr, 'payroll-04-slip-draft', { fullPage: true });
  });

  it('HR recomputes the draft, then finalizes it with the paid-on date: it no longer offers changes', async () => {
    await hr.getByRole('link', { name: `Payroll ${LAST_LABEL}` }).click();
    await hr.getByRole('button', { name: 'Recompute' }).click();
    await notification(hr, `3 slips of ${LAST_LABEL} computed again.`);
    await closeNotifications(hr);
    await hr.getByRole('button', { name: 'Finalize…' }).click();
    const dialog = hr.getByRole('dialog', { name: `Finalize ${LAST_LABEL}` });
    await dialog.getByLabel('Paid on').fill(typedDate(TODAY));
    await dialog.getByRole('button', { name: 'Finalize run' }).click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await hr.getByTestId('run-status').filter({ hasText: 'Finalized' }).first().waitFor();
    await notification(hr, /3 slips of .* are final and paid on/);
    expect(await hr.getByRole('button', { name: 'Recompute' }).count()).toBe(0);
    expect(await hr.getByRole('button', { name: 'Finalize…' }).count()).toBe(0);
    const run = await rpc('hrapi', 'payroll.getRun', { runId });
    expect(run).toMatchObject({ status: 'finalized', paidOn: TODAY });
    await closeNotifications(hr);
    await snap(hr, 'payroll-05-run-finalized', { fullPage: true });

    // One run per hospital and month: a second start of the same month is refused in the server's words.
    await nav(hr, 'Payroll').click();
    await hr.getByRole('row', { name: `${LAST_LABEL} Finalized` }).waitFor();
    await hr.getByRole('button', { name: 'Start run' }).click();
    const again = hr.getByRole('dialog', { name: 'Start a payroll run' });
    // The month offered first is the next one without a run; last month is marked as having one.
    await choose(hr, 'Month', `${LAST_LABEL} (has a run)`);
    await again.getByRole('button', { name: `Start run of ${LAST_LABEL}` }).click();
    await again.getByRole('alert').filter({ hasText: 'Not started' }).waitFor();
    await snap(hr, 'payroll-05b-second-run-refused');
    await hr.keyboard.press('Escape');
    await again.waitFor({ state: 'detached' });
  });

  it('the billing office prints a slip (the stored PDF, byte for byte) and the whole run with a progress bar, and takes the bank list', async () => {
    cashier = await openDesk('cashier');
    cashier.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(cashier, CASHIER, 'Payroll');
    await nav(cashier, 'Payroll').click();
    // Billing reads and prints; it starts nothing.
    expect(await cashier.getByRole('button', { name: 'Start run' }).count()).toBe(0);
    await cashier.getByRole('row', { name: `${LAST_LABEL} Finalized` }).click();
    const run = await rpc('hrapi', 'payroll.getRun', { runId });
    const agnes = slipOf(run, ids.agnes);
    await cashier.getByRole('row', { name: `${agnes.employeeNumber} Agnes Achieng ${ugx(agnes.net)}` }).click();
    // The same call the button makes, over the wire as the billing office: it says why, if it fails.
    await rpc('cashierapi', 'auth.login', { username: CASHIER.username, password: CASHIER.password });
    const stored = await rpc('cashierapi', 'payroll.slipPdf', { slipId: agnes.id });
    await cashier.getByRole('button', { name: 'Print slip' }).click();
    const viewer = cashier.getByRole('dialog', { name: `Salary slip Agnes Achieng, ${LAST_LABEL}` });
    await viewer.locator('iframe').waitFor();
    await viewer.getByText(/\.pdf · 1 page/).waitFor();
    await snap(cashier, 'payroll-06-slip-print-view');
    const saved = await downloaded(cashier, () => viewer.getByRole('link', { name: 'Save PDF' }).click());
    const slip = await rpc('hrapi', 'payroll.slip', { slipId: agnes.id });
    expect(slip.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(saved.bytes)).toBe(slip.sha256);
    expect(stored.sha256).toBe(slip.sha256);
    const text = pdfText(saved.bytes).replace(/\u00a0/g, ' ');
    // The slip's columns say the currency once; the figures stand alone ("893,000").
    for (const s of ['Agnes Achieng', slip.employeeNumber, slip.netInWords, ugx(slip.net).replace(/[^\d,.]/g, '')]) expect(text).toContain(s);
    keepForReadme(pdfPng(saved.bytes, 'payroll-07-slip-pdf', 1, 70), 'payroll-slip-pdf');
    await cashier.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });

    await cashier.getByRole('link', { name: `Payroll ${LAST_LABEL}` }).click();
    await cashier.getByRole('button', { name: 'Print all slips' }).click();
    const batch = cashier.getByRole('dialog', { name: `Print all slips of ${LAST_LABEL}` });
    await batch.getByRole('button', { name: 'Make PDF' }).click();
    const all = cashier.getByRole('dialog', { name: `Salary slips ${LAST_LABEL}` });
    await all.locator('iframe').waitFor({ timeout: 30_000 });
    await all.getByText(/\.pdf · 3 pages/).waitFor();
    await snap(cashier, 'payroll-08-batch');
    await cashier.keyboard.press('Escape');
    await all.waitFor({ state: 'detached' });

    const csv = await downloaded(cashier, () => cashier.getByRole('button', { name: 'Bank list (CSV)' }).click());
    const body = csv.bytes.toString('utf8');
    expect(body).toContain('Agnes Achieng');
    expect(body).toContain('4821');
    expect(body).not.toContain('9030012344821');
    expect(body).not.toContain('3100045678');
  });

  it('the nurse sees her own slip under "My slips", and no one else\'s', async () => {
    nurse = await openDesk('nurse');
    nurse.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(nurse, NURSE, 'My slips');
    expect(await nav(nurse, 'Payroll').count()).toBe(0);
    await nav(nurse, 'My slips').click();
    const run = await rpc('hrapi', 'payroll.getRun', { runId });
    const agnes = slipOf(run, ids.agnes);
    const list = nurse.getByRole('table', { name: 'My salary slips' });
    await list.getByRole('row', { name: `${LAST_LABEL} ${ugx(agnes.net)}` }).waitFor();
    expect(await list.getByRole('row').count()).toBe(2);
    await nurse.getByTestId('net-pay').getByText(ugx(agnes.net)).waitFor();
    expect(await nurse.getByText('Betty Nakato').count()).toBe(0);
    await snap(nurse, 'payroll-09-my-slips', { fullPage: true, readmeName: 'payroll-my-slips' });

    await rpc('nurseapi', 'auth.login', { username: NURSE.username, password: NURSE.password });
    const mine = await rpc('nurseapi', 'payroll.mySlips', {});
    expect(mine.map((s) => s.staffId)).toEqual([ids.agnes]);
    const betty = slipOf(run, ids.betty);
    await expect(rpc('nurseapi', 'payroll.slip', { slipId: betty.id })).rejects.toThrow();
    await expect(rpc('nurseapi', 'payroll.mySlipPdf', { slipId: betty.id })).rejects.toThrow();
    // Her own PDF is the stored one.
    const own = await rpc('nurseapi', 'payroll.mySlipPdf', { slipId: agnes.id });
    expect(own.sha256).toBe((await rpc('hrapi', 'payroll.slip', { slipId: agnes.id })).sha256);
  });
});

/** The history row's date as the page shows it ("1 Oct 2026"). */
function typedFrom(): string {
  return new Date(`${LAST}-01T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

async function numberOf(staffId: number): Promise<string> {
  return (await rpc('hrapi', 'staff.get', { id: staffId })).employeeNumber;
}
