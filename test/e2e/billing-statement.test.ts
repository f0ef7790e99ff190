// Billing at the cash desk in Chromium over the harness: issuing asks first (the total, the number is for good, only a
// void undoes it); an insured patient's invoice says what the patient and the insurer each still owe, with what each
// paid; beside the invoice as issued (the stored bytes, "Balance due" as on the day) a statement as of now; the
// administrator puts receipts on an 80 mm till roll and the next receipt comes out 226.77 pt wide. The PDFs are
// downloaded from the page and parsed back with pdftotext and pdfinfo.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { ChannelName, Input } from '@shared/contract';
import { formatMoney } from '@shared/domain/money';
import { choose, closeNotifications, downloaded, notification, openDeskAt, signIn, snap, stopAtFirstFailure } from '../support/browser';
import { ADMIN, startCashDesk, type CashDesk } from '../support/cash-desk';
import type { Harness } from '../support/harness';
import { pdfInfo, pdfText } from '../support/pdf';

let cash: CashDesk;
let harness: Harness;
let browser: Browser;
let desk: Page;
let hospitalId: number;

const rpc = <K extends ChannelName>(win: string, channel: K, input: Input<K>) => cash.rpc(win, channel, input);
/** As the page shows money and as pdftotext reads it back: plain spaces. */
const ugx = (minor: number) => formatMoney(minor, 'UGX').replace(/\u00a0/g, ' ');
const flat = (bytes: Buffer) => pdfText(bytes).replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const status = (page: Page, text: string) => page.getByRole('heading', { level: 2 }).getByTestId('invoice-status').filter({ hasText: text });
const open = (page: Page, invoiceId: number) => page.evaluate(`window.location.hash = '/billing/invoices/${invoiceId}'`);

/** An insured patient (80%) charged one X-ray of UGX 60,000 (no tax), on a draft made at the billing office. */
const insuredDraft = (lastName: string) => cash.xrayDraft(lastName, true);

beforeAll(async () => {
  cash = await startCashDesk();
  ({ harness, browser, desk, hospitalId } = cash);
});

afterAll(async () => cash?.stop());

describe('Issuing an invoice asks first', () => {
  stopAtFirstFailure(() => ({ 'billing-issue-confirm-failed': desk }));

  it('names the total and says the number is for good and only a void undoes it; "Keep editing" leaves the draft a draft', async () => {
    const draft = await insuredDraft('Issuing');
    await open(desk, draft.id);
    await desk.getByTestId('invoice-number').getByText('Draft invoice').waitFor();
    await desk.getByRole('button', { name: 'Issue invoice' }).click();
    const dialog = desk.getByRole('dialog', { name: 'Issue this invoice?' });
    await dialog.getByTestId('issue-total').getByText(ugx(60_000)).waitFor();
    const said = (await dialog.textContent())!.replace(/\s+/g, ' ');
    expect(said).toContain(`Nakato Issuing: total ${ugx(60_000)}, of which the insurer pays ${ugx(48_000)} and the patient ${ugx(12_000)}.`);
    expect(said).toContain('the next number of the hospital for good');
    expect(said).toContain('can only be corrected by voiding it');
    await snap(desk, 'billing-10-issue-confirm');
    await dialog.getByRole('button', { name: 'Keep editing' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect((await rpc('till', 'invoices.get', { id: draft.id })).status).toBe('draft');
    await status(desk, 'Draft').waitFor();

    await desk.getByRole('button', { name: 'Issue invoice' }).click();
    await dialog.getByRole('button', { name: 'Issue invoice' }).click();
    await desk.getByTestId('invoice-number').getByText(/^INV-\d{4}-000001$/).waitFor();
    await status(desk, 'Issued').waitFor();
    await notification(desk, 'Issued INV-');
    expect((await rpc('till', 'invoices.get', { id: draft.id })).status).toBe('issued');
    await closeNotifications(desk);
  });
});

describe('What the patient and the insurer owe, and a statement beside the invoice as issued', () => {
  stopAtFirstFailure(() => ({ 'billing-statement-failed': desk }));
  let invoiceId: number;
  let number: string;
  let issuedSha: string;
  const owes = (who: string, amount: number) => desk.getByRole('region', { name: 'Who owes what' }).getByRole('group', { name: `${who} still owes ${ugx(amount)}`, exact: true });

  it('shows each party’s share, what it paid and what it still owes; an insurance payment counts for the insurer', async () => {
    const draft = await insuredDraft('Statement');
    const issued = await rpc('till', 'invoices.issue', { id: draft.id });
    invoiceId = issued.id;
    number = issued.number!;
    issuedSha = issued.pdfSha256!;
    await rpc('till', 'payments.record', { invoiceId, amount: 12_000, method: 'cash' });
    await open(desk, invoiceId);
    await status(desk, 'Partly paid').waitFor();
    await owes('Patient', 0).getByText(`Patient share ${ugx(12_000)} · paid ${ugx(12_000)}`).waitFor();
    await owes('Jubilee Health', 48_000).getByText(`Insurance share ${ugx(48_000)} · paid by insurance ${ugx(0)}`).waitFor();
    await desk.getByText(`The patient owes ${ugx(0)}; Jubilee Health owes ${ugx(48_000)}`).waitFor();

    const form = desk.getByRole('form', { name: 'Record a payment' });
    await form.getByLabel('Amount').fill('20,000');
    await choose(desk, 'Method', 'Insurance');
    await form.getByLabel('Reference').fill('JH-CLAIM-7');
    await form.getByRole('button', { name: 'Record payment' }).click();
    await owes('Jubilee Health', 28_000).getByText(`paid by insurance ${ugx(20_000)}`).waitFor();
    await owes('Patient', 0).waitFor();
    await closeNotifications(desk);
    await snap(desk, 'billing-11-who-owes', { fullPage: true });
  });

  it('saves the invoice as issued (the stored bytes, balance as on the day, "Issued" in the footer)', async () => {
    const saved = await downloaded(desk, () => desk.getByRole('button', { name: 'Save PDF' }).click());
    expect(saved.name).toBe(`${number}.pdf`);
    expect(sha256(saved.bytes)).toBe(issuedSha);
    const text = flat(saved.bytes);
    expect(text).toContain(`Balance due ${ugx(60_000)}`);
    expect(text).toMatch(/Issued \d{1,2} \w{3} \d{4} \d{2}:\d{2} \(UTC\+03:00\)/);
    expect(text).not.toContain('JH-CLAIM-7');
  });

  it('opens a statement as of now with the payments so far and what each party still owes', async () => {
    await desk.getByRole('button', { name: 'Statement as of now' }).click();
    const viewer = desk.getByRole('dialog', { name: `Statement of ${number}` });
    await viewer.locator('iframe').waitFor();
    await viewer.getByText(new RegExp(`^${number}-statement-\\d{4}-\\d{2}-\\d{2}\\.pdf · 1 page$`)).waitFor();
    await snap(desk, 'billing-12-statement');
    const saved = await downloaded(desk, () => viewer.getByRole('link', { name: 'Save PDF' }).click());
    const text = flat(saved.bytes);
    expect(text).toMatch(/Statement as of \d{1,2} \w{3} \d{4} \d{2}:\d{2}/);
    expect(text).toMatch(new RegExp(`Cash \\(RCT-\\d{4}-000001\\) -${ugx(12_000)}`));
    expect(text).toMatch(new RegExp(`Insurance JH-CLAIM-7 \\(RCT-\\d{4}-000002\\) -${ugx(20_000)}`));
    expect(text).toMatch(new RegExp(`Balance due as of .* ${ugx(28_000)}`));
    expect(text).toMatch(new RegExp(`insurer still owes ${ugx(28_000)}`));
    expect(text).toMatch(new RegExp(`patient still owes ${ugx(0)}`));
    await desk.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('prints the next receipt on an 80 mm till roll once the administrator has chosen it in the billing settings', async () => {
    const office = await openDeskAt(browser, harness.url({ window: 'office' }), { width: 1440, height: 960 });
    try {
      await signIn(office, ADMIN);
      await office.evaluate(`window.location.hash = '/billing/settings'`);
      const receipts = office.getByRole('radiogroup', { name: 'Receipts' });
      await receipts.waitFor();
      expect(await receipts.getByRole('radio', { name: 'Paper of invoices' }).isChecked()).toBe(true);
      await receipts.getByText('80 mm till roll').click();
      await office.getByRole('button', { name: 'Save settings' }).click();
      await notification(office, 'Billing settings of Kampala General.');
      await snap(office, 'billing-13-receipt-layout');
    } finally {
      await office.context().close();
    }
    expect((await rpc('till', 'billing.getSettings', { hospitalId })).receiptLayout).toBe('thermal80');

    const form = desk.getByRole('form', { name: 'Record a payment' });
    await form.getByLabel('Amount').fill('28,000');
    await choose(desk, 'Method', 'Insurance');
    await form.getByRole('button', { name: 'Record payment' }).click();
    await owes('Jubilee Health', 0).getByText(`paid by insurance ${ugx(48_000)}`).waitFor();
    const receiptNumber = (await rpc('till', 'invoices.get', { id: invoiceId })).payments[2].receiptNumber;
    await closeNotifications(desk);
    await desk.getByRole('button', { name: `Receipt ${receiptNumber}` }).click();
    const viewer = desk.getByRole('dialog', { name: `Receipt ${receiptNumber}` });
    await viewer.getByText(`${receiptNumber}.pdf · 1 page`).waitFor();
    const saved = await downloaded(desk, () => viewer.getByRole('link', { name: 'Save PDF' }).click());
    const info = pdfInfo(saved.bytes);
    expect(info.width).toBeCloseTo(226.77, 1);
    expect(info.height).toBeLessThan(500);
    const text = flat(saved.bytes);
    for (const s of ['Receipt', receiptNumber, 'Nakato Statement', number, `Amount ${ugx(28_000)}`, 'Insurance', `Balance due ${ugx(0)}`]) expect(text).toContain(s);
    await desk.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });
});
