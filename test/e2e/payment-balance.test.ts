// The payment form's quick fills in Chromium over the harness: the open balance, and with insurance the part of the
// payer at the desk too: the patient's for cash (the whole balance is mostly the insurer's) and the insurer's for a
// payment by Insurance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { UGANDA } from '../support/app';
import { choose, launchChromium, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { startHarness, type Harness } from '../support/harness';

const ADMIN = { username: 'admin', fullName: 'Ada Okello', password: 'kampala-chief-2026' };
const CASHIER = { username: 'grace.cashier', fullName: 'Grace Atim', password: 'billing-pass-2026' };
const FRONT_DESK = { username: 'peter.desk', fullName: 'Peter Mugisha', password: 'front-desk-2026' };

let harness: Harness;
let browser: Browser;
let desk: Page;
let hospitalId: number;
let xrayId: number;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => harness.rpc(win, channel, input);
const open = (page: Page, invoiceId: number) => page.evaluate(`window.location.hash = '/billing/invoices/${invoiceId}'`);
const amount = async () => Number((await desk.getByRole('form', { name: 'Record a payment' }).getByLabel('Amount').inputValue()).replace(/\D/g, ''));

/** An issued invoice of one X-ray of UGX 60,000 (no tax), insured at 80 % when `insured`. */
async function issuedInvoice(lastName: string, insured: boolean): Promise<number> {
  const p = await rpc('front', 'patients.register', {
    hospitalId,
    firstName: 'Nakato',
    lastName,
    dateOfBirth: '1990-03-14',
    sex: 'female',
    phone: '0772123456',
    acknowledgeDuplicates: true,
    ...(insured ? { insuranceProvider: 'Jubilee Health', insurancePolicyNumber: 'JH-20417', insuranceCoveragePercent: 80, insuranceValidUntil: '2099-12-31' } : {}),
  });
  const charge = await rpc('till', 'charges.add', { patientId: p.id, catalogItemId: xrayId });
  const draft = await rpc('till', 'invoices.createDraft', { patientId: p.id, chargeIds: [charge.id] });
  return (await rpc('till', 'invoices.issue', { id: draft.id })).id;
}

beforeAll(async () => {
  harness = await startHarness();
  browser = await launchChromium();
  ({ hospitalId } = await rpc('setup', 'setup.initialize', { hospital: UGANDA, admin: ADMIN }));
  await rpc('setup', 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  await rpc('setup', 'users.create', { ...CASHIER, roles: ['billing'], hospitalIds: [hospitalId] });
  await rpc('setup', 'users.create', { ...FRONT_DESK, roles: ['front_desk'], hospitalIds: [hospitalId] });
  xrayId = (await rpc('setup', 'catalog.create', { hospitalId, code: 'RAD-XR', description: 'Chest X-ray', category: 'test', price: 60_000, taxRateBp: 0 })).id;
  await rpc('till', 'auth.login', { username: CASHIER.username, password: CASHIER.password });
  await rpc('front', 'auth.login', { username: FRONT_DESK.username, password: FRONT_DESK.password });
  desk = await openDeskAt(browser, harness.url({ window: 'cashier' }), { width: 1440, height: 960 });
  await signIn(desk, CASHIER, 'Billing');
});

afterAll(async () => {
  await browser?.close();
  await harness?.stop();
});

describe('The amount quick fill of the payment form', () => {
  stopAtFirstFailure(() => ({ 'payment-balance-failed': desk }));

  it('fills the open balance of an invoice without insurance, after a part payment', async () => {
    const id = await issuedInvoice('Balance', false);
    await rpc('till', 'payments.record', { invoiceId: id, amount: 15_000, method: 'cash' });
    await open(desk, id);
    const form = desk.getByRole('form', { name: 'Record a payment' });
    await form.getByRole('button', { name: /^Balance: fill in/ }).click();
    expect(await amount()).toBe(45_000);
  });

  it("fills the patient's part for cash and the insurer's part for Insurance", async () => {
    const id = await issuedInvoice('Insured', true);
    await open(desk, id);
    const form = desk.getByRole('form', { name: 'Record a payment' });
    await form.getByRole('button', { name: /^Patient’s part: fill in/ }).click();
    expect(await amount()).toBe(12_000);
    await choose(desk, 'Method', 'Insurance');
    await form.getByRole('button', { name: /^Insurer’s part: fill in/ }).click();
    expect(await amount()).toBe(48_000);
    await snap(desk, 'payment-balance-insurer');
    // The whole balance stays one click away (a patient paying all of it, the claim refused).
    await form.getByRole('button', { name: /^Balance: fill in/ }).click();
    expect(await amount()).toBe(60_000);

    // The patient paid part of their share: the quick fill is what is left of it.
    await rpc('till', 'payments.record', { invoiceId: id, amount: 5_000, method: 'cash' });
    await desk.reload();
    await form.getByRole('button', { name: /^Patient’s part: fill in/ }).click();
    expect(await amount()).toBe(7_000);
  });
});
