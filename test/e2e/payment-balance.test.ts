// The payment form's quick fills in Chromium over the harness: the open balance, and with insurance the part of the
// payer at the desk too: the patient's for cash (the whole balance is mostly the insurer's) and the insurer's for a
// payment by Insurance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { choose, snap, stopAtFirstFailure } from '../support/browser';
import { startCashDesk, type CashDesk } from '../support/cash-desk';

let cash: CashDesk;
let desk: Page;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => cash.rpc(win, channel, input);
const open = (page: Page, invoiceId: number) => page.evaluate(`window.location.hash = '/billing/invoices/${invoiceId}'`);
const amount = async () => Number((await desk.getByRole('form', { name: 'Record a payment' }).getByLabel('Amount').inputValue()).replace(/\D/g, ''));

/** An issued invoice of one X-ray of UGX 60,000 (no tax), insured at 80 % when `insured`. */
async function issuedInvoice(lastName: string, insured: boolean): Promise<number> {
  const draft = await cash.xrayDraft(lastName, insured);
  return (await rpc('till', 'invoices.issue', { id: draft.id })).id;
}

beforeAll(async () => {
  cash = await startCashDesk();
  ({ desk } = cash);
});

afterAll(async () => cash?.stop());

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
