// Billing through the real UI in Chromium over the harness: a patient's unbilled charges → a draft with a discount and
// its reason → issued with the next number → paid in two parts (a payment above the balance refused in the server's
// words) → the stored PDF in the print view and saved; then the day's invoices as one PDF with its progress bar.
// Issuing asks first (see billing-statement.test.ts for the dialog's words).
// The PDF is decoded here, its SHA-256 checked against the invoice, and its first page rendered to PNG to be looked at.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { formatMoney } from '@shared/domain/money';
import { ARTIFACTS, choose, closeNotifications, downloaded, keepForReadme, launchChromium, nav, notification, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';
import { pdfPng, pdfText } from '../support/pdf';
import { UGANDA } from '../support/app';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const CASHIER = { username: 'grace.cashier', fullName: 'Grace Atim', password: 'billing-pass-2026' };
const FRONT_DESK = { username: 'peter.desk', fullName: 'Peter Mugisha', password: 'front-desk-2026' };

let harness: Harness;
let browser: Browser;
let desk: Page;
let patientId: number;
let invoiceId: number;
let invoiceNumber: string;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);

const ugx = (minor: number) => formatMoney(minor, 'UGX');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const figure = (page: Page, label: string, amount: number) => page.getByRole('region', { name: 'Figures' }).getByRole('row', { name: `${label}: ${ugx(amount)}`, exact: true });
const status = (page: Page, text: string) => page.getByRole('heading', { level: 2 }).getByTestId('invoice-status').filter({ hasText: text });

async function pay(page: Page, amount: string, method: string, reference = ''): Promise<void> {
  const form = page.getByRole('form', { name: 'Record a payment' });
  await form.getByLabel('Amount').fill(amount);
  await choose(page, 'Method', method);
  await form.getByLabel('Reference').fill(reference);
  await form.getByRole('button', { name: 'Record payment' }).click();
}

describe('Billing in a browser', () => {
  beforeAll(async () => {
    harness = await startHarness();
    browser = await launchChromium();
    const { hospitalId } = await rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN });
    await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    await rpc('setup', 'users.create', { ...CASHIER, roles: ['billing'], hospitalIds: [hospitalId] });
    await rpc('setup', 'users.create', { ...FRONT_DESK, roles: ['front_desk'], hospitalIds: [hospitalId] });
    // Workflow calls at the desks of the roles that own them: registering at the front desk, billing at the till.
    await rpc('front', 'auth.login', { username: FRONT_DESK.username, password: FRONT_DESK.password });
    await rpc('till', 'auth.login', { username: CASHIER.username, password: CASHIER.password });
    // One item at the hospital's 18% and one without tax.
    const drug = await rpc('setup', 'catalog.create', { hospitalId, code: 'MED-AMOX', description: 'Amoxicillin 500 mg, 21 capsules', category: 'medicine', price: 12_500, taxRateBp: 1800 });
    const xray = await rpc('setup', 'catalog.create', { hospitalId, code: 'RAD-XR', description: 'Chest X-ray', category: 'test', price: 45_000, taxRateBp: 0 });
    const p = await rpc('front', 'patients.register', {
      hospitalId,
      firstName: 'Nakato',
      lastName: 'Namubiru',
      dateOfBirth: '1990-03-14',
      sex: 'female',
      phone: '0772123456',
      insuranceProvider: 'Jubilee Health',
      insurancePolicyNumber: 'JH-20417',
      insuranceCoveragePercent: 80,
      insuranceValidUntil: '2099-12-31',
      acknowledgeDuplicates: true,
    });
    patientId = p.id;
    await rpc('till', 'charges.add', { patientId, catalogItemId: drug.id, quantity: 2 });
    await rpc('till', 'charges.add', { patientId, catalogItemId: xray.id, quantity: 1 });
  });

  stopAtFirstFailure(() => ({ 'billing-failed': desk }));

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
  });

  it("turns the patient's unbilled charges into a draft, with a discount and its reason", async () => {
    desk = await openDeskAt(browser, harness.url({ window: 'cashier' }), { width: 1440, height: 960 });
    desk.on('pageerror', (e) => console.error('page error:', e.message));
    await signIn(desk, CASHIER, 'Billing');

    // From the patient's record: the billing section leads to the unbilled charges.
    await nav(desk, 'Patients').click();
    await desk.getByLabel('Search patients').fill('Namubiru');
    await desk.getByRole('row', { name: /HMS\/000001 Nakato Namubiru/ }).click();
    const billing = desk.getByRole('region', { name: 'Billing' });
    await billing.getByText('2 charges not invoiced yet').waitFor();
    await snap(desk, 'billing-00-patient-record', { fullPage: true });
    await billing.getByRole('link', { name: 'Unbilled charges (2)' }).click();

    const unbilled = desk.getByRole('region', { name: 'Unbilled charges' });
    await unbilled.getByRole('row', { name: `Amoxicillin 500 mg, 21 capsules ${ugx(25_000)}` }).waitFor();
    await unbilled.getByRole('row', { name: `Chest X-ray ${ugx(45_000)}` }).waitFor();
    await unbilled.getByLabel('Choose every charge').check();
    await desk.getByTestId('chosen-total').getByText(`2 of 2 chosen: ${ugx(70_000)} before tax, ${ugx(74_500)} with tax.`).waitFor();
    await snap(desk, 'billing-00-unbilled-charges');
    await unbilled.getByRole('button', { name: 'Create draft invoice (2)' }).click();

    await desk.getByTestId('invoice-number').getByText('Draft invoice').waitFor();
    await notification(desk, 'Draft invoice created');
    // 2 × 12,500 at 18% = 29,500; the X-ray carries no tax; the insurance (80%) was valid today and is taken.
    await figure(desk, 'Tax 18% on ' + ugx(25_000), 4_500).waitFor();
    await figure(desk, 'Total', 74_500).waitFor();
    await figure(desk, 'Insurance share (80%)', 59_600).waitFor();

    // A discount without a reason is refused by the contract's own rule, before anything is sent.
    await desk.getByLabel('Discount', { exact: true }).fill('4,500');
    await desk.getByRole('button', { name: 'Save draft' }).click();
    await desk.getByText('A discount needs a reason.').waitFor();
    await desk.getByLabel('Reason for the discount').fill('Staff family');
    await desk.getByRole('button', { name: 'Save draft' }).click();
    await figure(desk, 'Discount (Staff family)', -4_500).waitFor();
    await figure(desk, 'Total', 70_000).waitFor();
    await figure(desk, 'Insurance share (80%)', 56_000).waitFor();
    await figure(desk, 'Patient share', 14_000).waitFor();
    await desk.getByText('Not saved yet').waitFor({ state: 'detached' });
    await closeNotifications(desk);
    await snap(desk, 'billing-01-draft', { readmeName: 'billing-draft' });
  });

  it('issues the draft with the next number of the year, takes a part payment, refuses more than the balance, and is paid', async () => {
    await desk.getByRole('button', { name: 'Issue invoice' }).click();
    const confirm = desk.getByRole('dialog', { name: 'Issue this invoice?' });
    await confirm.getByTestId('issue-total').getByText(ugx(70_000)).waitFor();
    await confirm.getByRole('button', { name: 'Issue invoice' }).click();
    const number = desk.getByTestId('invoice-number');
    await number.getByText(/^INV-\d{4}-000001$/).waitFor();
    invoiceNumber = (await number.textContent())!;
    invoiceId = Number(/#\/billing\/invoices\/(\d+)/.exec(desk.url())![1]);
    await status(desk, 'Issued').waitFor();
    await notification(desk, `Issued ${invoiceNumber}`);
    await figure(desk, 'Balance', 70_000).waitFor();

    await pay(desk, '30,000', 'Mobile money', 'MM-8812');
    await status(desk, 'Partly paid').waitFor();
    await figure(desk, 'Balance', 40_000).waitFor();
    await desk.getByRole('region', { name: 'Payments' }).getByRole('row', { name: /^RCT-\d{4}-000001 Mobile money/ }).waitFor();

    // One shilling more than the balance: main refuses it and the desk reads why.
    await pay(desk, '40001', 'Cash');
    const refusal = desk.getByRole('alert').filter({ hasText: 'Payment not recorded' });
    await refusal.waitFor();
    expect((await refusal.textContent())!.replace(/\s+/g, ' ')).toContain(`${ugx(40_001)} is more than the balance of ${invoiceNumber} (${ugx(40_000)}).`.replace(/\s+/g, ' '));
    await status(desk, 'Partly paid').waitFor();
    await closeNotifications(desk);
    await snap(desk, 'billing-02-overpayment-refused');

    await desk.getByRole('form', { name: 'Record a payment' }).getByRole('button', { name: 'Balance' }).click();
    expect(await desk.getByRole('form', { name: 'Record a payment' }).getByLabel('Amount').inputValue()).toBe('40000');
    await choose(desk, 'Method', 'Card');
    await desk.getByRole('form', { name: 'Record a payment' }).getByRole('button', { name: 'Record payment' }).click();
    await status(desk, 'Paid').waitFor();
    await figure(desk, 'Balance', 0).waitFor();
    await notification(desk, `${invoiceNumber} is paid in full.`);
    // Nothing is left to pay, so nothing is offered.
    expect(await desk.getByRole('form', { name: 'Record a payment' }).count()).toBe(0);
    await closeNotifications(desk);
    await snap(desk, 'billing-03-invoice', { readmeName: 'billing-invoice', fullPage: true });
  });

  it('shows the stored PDF in the print view and saves it: the same bytes as issued', async () => {
    await desk.getByRole('button', { name: 'Print', exact: true }).click();
    const viewer = desk.getByRole('dialog', { name: `Invoice ${invoiceNumber}` });
    await viewer.locator(`iframe[title="${invoiceNumber}.pdf"]`).waitFor();
    await viewer.getByText(`${invoiceNumber}.pdf · 1 page`).waitFor();
    await viewer.getByRole('button', { name: 'Print' }).waitFor();
    await snap(desk, 'billing-04-print-view');
    const saved = await downloaded(desk, () => viewer.getByRole('link', { name: 'Save PDF' }).click());
    expect(saved.name).toBe(`${invoiceNumber}.pdf`);

    const invoice = await rpc('setup', 'invoices.get', { id: invoiceId });
    const pdf = await rpc('setup', 'invoices.pdf', { id: invoiceId });
    const bytes = Buffer.from(pdf.pdfBase64, 'base64');
    expect(sha256(bytes)).toBe(invoice.pdfSha256);
    expect(pdf.sha256).toBe(invoice.pdfSha256);
    expect(sha256(saved.bytes)).toBe(invoice.pdfSha256);
    const text = pdfText(bytes).replace(/\u00a0/g, ' ');
    for (const s of [invoiceNumber, 'Nakato Namubiru', 'Staff family', ugx(70_000).replace(/\u00a0/g, ' ')]) expect(text).toContain(s);

    // The first page as the patient gets it, kept for looking at (and for the README).
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'billing-invoice.pdf');
    writeFileSync(file, bytes);
    keepForReadme(pdfPng(bytes, 'billing-05-invoice-pdf', 1, 70), 'invoice-pdf');
    await desk.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it("lists the invoice as paid, and prints the day's invoices as one PDF with a progress bar", async () => {
    await nav(desk, 'Billing').click();
    const row = desk.getByRole('row', { name: `${invoiceNumber} Nakato Namubiru Paid` });
    await row.waitFor();
    await choose(desk, 'Status', 'Open (unpaid balance)');
    await row.waitFor({ state: 'detached' });
    await choose(desk, 'Status', /^Paid$/);
    await row.waitFor();
    await desk.getByLabel('Search invoices').fill(invoiceNumber);
    await row.waitFor();
    await snap(desk, 'billing-06-list', { readmeName: 'billing-list' });

    await desk.getByRole('button', { name: 'Print day’s invoices' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Print a day’s invoices' });
    await dialog.getByRole('button', { name: 'Make PDF' }).click();
    const viewer = desk.getByRole('dialog', { name: /^Invoices issued on / });
    await viewer.locator('iframe').waitFor();
    await viewer.getByText(/invoices-HMS-\d{4}-\d{2}-\d{2}\.pdf · 1 page/).waitFor();
    await desk.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('voids an issued invoice with a reason: the number stays used and its charges are unbilled again', async () => {
    const xray = (await rpc('setup', 'catalog.list', { hospitalId: (await rpc('setup', 'invoices.get', { id: invoiceId })).hospitalId, query: 'RAD-XR' })).items[0];
    const charge = await rpc('till', 'charges.add', { patientId, catalogItemId: xray.id });
    const issued = await rpc('till', 'invoices.issue', { id: (await rpc('till', 'invoices.createDraft', { patientId, chargeIds: [charge.id] })).id });
    await desk.evaluate(`window.location.hash = '/billing/invoices/${issued.id}'`);
    await status(desk, 'Issued').waitFor();
    await desk.getByRole('button', { name: 'Void' }).click();
    const dialog = desk.getByRole('dialog', { name: `Void ${issued.number}` });
    await dialog.getByRole('button', { name: 'Void invoice' }).click();
    await dialog.getByText('Required.').waitFor();
    await dialog.getByLabel('Reason').fill('Wrong patient');
    await dialog.getByRole('button', { name: 'Void invoice' }).click();
    await status(desk, 'Void').waitFor();
    await desk.getByText(`Wrong patient. The number ${issued.number} stays used`).waitFor();
    expect((await rpc('till', 'charges.unbilled', { patientId })).items.map((c) => c.id)).toEqual([charge.id]);
    await closeNotifications(desk);
    await snap(desk, 'billing-09-void');
  });

  it("keeps the charge catalog (an item taken out of use leaves the list unless asked for) and the billing settings, at the administrator's desk", async () => {
    // Catalogs and settings are the administrator's (PRODUCT.md's role table).
    const office = await openDeskAt(browser, harness.url({ window: 'office' }), { width: 1440, height: 960 });
    await signIn(office, ADMIN);
    await nav(office, 'Billing').click();
    await office.getByRole('tab', { name: 'Charge catalog' }).click();
    await office.getByRole('row', { name: 'RAD-XR Chest X-ray' }).waitFor();
    await office.getByRole('button', { name: 'New item' }).click();
    const dialog = office.getByRole('dialog', { name: 'New catalog item' });
    await dialog.getByLabel('Code').fill('LAB-FBC');
    await choose(office, 'Category', 'Test');
    await dialog.getByLabel('Description').fill('Full blood count');
    await dialog.getByLabel('Price').fill('12.5');
    await dialog.getByRole('button', { name: 'Add to catalog' }).click();
    await dialog.getByText('UGX has no smaller unit').waitFor();
    await dialog.getByLabel('Price').fill('15,000');
    await dialog.getByLabel('Tax rate (%)').fill('0');
    await dialog.getByRole('button', { name: 'Add to catalog' }).click();
    await dialog.waitFor({ state: 'detached' });
    const fbc = office.getByRole('row', { name: 'LAB-FBC Full blood count' });
    await fbc.getByText(ugx(15_000)).waitFor();
    await fbc.getByRole('switch', { name: 'LAB-FBC in use' }).click({ force: true });
    await fbc.waitFor({ state: 'detached' });
    await office.getByRole('switch', { name: 'Show items no longer in use' }).check({ force: true });
    await fbc.waitFor();
    await closeNotifications(office);
    await snap(office, 'billing-07-catalog');

    await office.getByRole('tab', { name: 'Billing settings' }).click();
    await office.getByLabel('Tax number').fill('TIN 1000123456');
    await office.getByRole('switch', { name: /Refuse the final discharge/ }).check({ force: true });
    await office.getByRole('button', { name: 'Save settings' }).click();
    await notification(office, 'Billing settings of Kampala General.');
    const settings = await rpc('setup', 'billing.getSettings', { hospitalId: (await rpc('setup', 'invoices.get', { id: invoiceId })).hospitalId });
    expect(settings).toMatchObject({ taxNumber: 'TIN 1000123456', requireBilledBeforeDischarge: true, archiveAfterDays: 90, paper: 'A4', receiptLayout: 'a4' });
    await closeNotifications(office);
    await snap(office, 'billing-08-settings');
    await office.context().close();
  });
});
