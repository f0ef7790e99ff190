// Receipts in the hospital's receipt layout: on its paper (A4 until set), or on an 80 mm till roll for a thermal printer,
// a strip as long as the receipt. Read back with pdfinfo and pdftotext. A payment loaded without its receipt (demo data)
// gets one on first print, as the invoice stood after that payment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { formatMoney } from '@shared/domain/money';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { patient } from '../support/scheduling';
import { pdfInfo, pdfText } from '../support/pdf';

let app: TestApp;
let cashier: Desk;
let invoice: Output<'invoices.issue'>;

const ugx = (minor: number) => formatMoney(minor, 'UGX').replace(/\u00a0/g, ' ');
const text = (b64: string) => pdfText(b64).replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
const settings = { taxNumber: 'TIN 1000123456', requireBilledBeforeDischarge: false, archiveAfterDays: 90, paper: 'A4' as const };

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-03-01T09:00:00+03:00'));
  cashier = await app.signedIn(['billing']);
  const desk = await app.signedIn(['front_desk']);
  const item = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'RAD-XR', description: 'Chest X-ray', category: 'test', price: 100_000, taxRateBp: 0 });
  const p = await patient(desk, app.hospitalId, { firstName: 'Nakato', lastName: 'Ssebunya' });
  const charge = await cashier.ok('charges.add', { patientId: p.id, catalogItemId: item.id });
  invoice = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: [charge.id] })).id });
});
afterAll(async () => app?.close());

describe('the receipt layout of a hospital', () => {
  let a4ReceiptId: number;

  it('prints receipts on the hospital’s paper until told otherwise', async () => {
    expect((await cashier.ok('billing.getSettings', { hospitalId: app.hospitalId })).receiptLayout).toBe('a4');
    const paid = await cashier.ok('payments.record', { invoiceId: invoice.id, amount: 10_000, method: 'cash' });
    a4ReceiptId = paid.payments[0].id;
    const receipt = await cashier.ok('payments.receiptPdf', { paymentId: a4ReceiptId });
    expect(pdfInfo(receipt.pdfBase64)).toMatchObject({ pages: 1, width: 595.28, height: 841.89 });
  });

  it('is a setting of the hospital, kept when a desk saves the settings without it', async () => {
    expect(await app.admin.ok('billing.setSettings', { hospitalId: app.hospitalId, ...settings, receiptLayout: 'thermal80' })).toMatchObject({ receiptLayout: 'thermal80', paper: 'A4' });
    expect((await app.admin.ok('billing.setSettings', { hospitalId: app.hospitalId, ...settings })).receiptLayout).toBe('thermal80');
    expect((await cashier.ok('billing.getSettings', { hospitalId: app.hospitalId })).receiptLayout).toBe('thermal80');
    await app.admin.fails('billing.setSettings', { hospitalId: app.hospitalId, ...settings, receiptLayout: 'thermal58' as never }, 'VALIDATION');
  });

  it('prints on an 80 mm till roll (226.77 pt wide), cut where the receipt ends, and every line reads back', async () => {
    const paid = await cashier.ok('payments.record', { invoiceId: invoice.id, amount: 30_000, method: 'mobile_money', reference: 'MM-8812' });
    const payment = paid.payments[1];
    const receipt = await cashier.ok('payments.receiptPdf', { paymentId: payment.id });
    expect(receipt.fileName).toBe(`${payment.receiptNumber}.pdf`);
    const info = pdfInfo(receipt.pdfBase64);
    expect(info.pages).toBe(1);
    expect(info.width).toBeCloseTo(226.77, 1);
    // One strip as long as its lines: well short of a page, long enough for all of them.
    expect(info.height).toBeGreaterThan(250);
    expect(info.height).toBeLessThan(500);
    const t = text(receipt.pdfBase64);
    for (const s of ['Kampala General', 'Tax no. TIN 1000123456', 'Receipt', payment.receiptNumber, '1 Mar 2027 09:00', 'Nakato Ssebunya', invoice.number!, 'Mobile money, ref. MM-8812', 'Thank you']) expect(t).toContain(s);
    expect(t).toMatch(new RegExp(`Amount ${ugx(30_000)}`));
    expect(t).toMatch(new RegExp(`Paid so far ${ugx(40_000)}`));
    expect(t).toMatch(new RegExp(`Balance due ${ugx(60_000)}`));
    expect(t).toContain('Printed 1 Mar 2027 09:00 (UTC+03:00)');
    // Reprints are the stored bytes; the earlier receipt stays on A4.
    expect((await cashier.ok('payments.receiptPdf', { paymentId: payment.id })).pdfBase64).toBe(receipt.pdfBase64);
    expect(pdfInfo((await cashier.ok('payments.receiptPdf', { paymentId: a4ReceiptId })).pdfBase64).width).toBe(595.28);
  });

  it('makes a loaded payment’s missing receipt on first print, as the invoice stood after that payment', async () => {
    const first = (await cashier.ok('invoices.get', { id: invoice.id })).payments[0];
    await app.db.sql(`DELETE FROM payment_documents WHERE payment_id = ${Number(first.id)}`);
    const receipt = await cashier.ok('payments.receiptPdf', { paymentId: first.id });
    const t = text(receipt.pdfBase64);
    expect(t).toContain(first.receiptNumber);
    // Only the first payment counts, not the one made after it.
    expect(t).toMatch(new RegExp(`Paid so far ${ugx(10_000)}`));
    expect(t).toMatch(new RegExp(`Balance due ${ugx(90_000)}`));
    expect(pdfInfo(receipt.pdfBase64).width).toBeCloseTo(226.77, 1);
    expect((await cashier.ok('payments.receiptPdf', { paymentId: first.id })).sha256).toBe(receipt.sha256);
    await (await app.signedIn(['nurse'])).fails('payments.receiptPdf', { paymentId: first.id }, 'FORBIDDEN');
  });
});
