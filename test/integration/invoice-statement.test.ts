// An invoice's statement beside the document as issued: the stored PDF stays byte-identical and says when it was issued;
// the statement is the invoice as of now, with its payments and what the patient and the insurer still owe. Issued
// Monday 1 March 2027 at 09:00 in Kampala, paid in part that afternoon.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { formatMoney } from '@shared/domain/money';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { patient } from '../support/scheduling';
import { pdfText } from '../support/pdf';

let app: TestApp;
let invoice: Output<'invoices.issue'>;
let issuedPdf: Output<'invoices.pdf'>;

const ugx = (minor: number) => formatMoney(minor, 'UGX').replace(/\u00a0/g, ' ');
/** The PDF's text with runs of spaces made one, as a sentence reads. */
const text = (b64: string) => pdfText(b64).replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
const sha = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');
const cashierNow = () => app.signedIn(['billing']);

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-03-01T09:00:00+03:00'));
  const desk = await app.signedIn(['front_desk']);
  const cashier = await cashierNow();
  const xray = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'RAD-XR', description: 'Chest X-ray', category: 'test', price: 60_000, taxRateBp: 0 });
  const p = await patient(desk, app.hospitalId, { firstName: 'Nakato', lastName: 'Ssebunya', insuranceProvider: 'Jubilee Health', insurancePolicyNumber: 'JH-1', insuranceCoveragePercent: 80, insuranceValidUntil: '2027-12-31' });
  const charge = await cashier.ok('charges.add', { patientId: p.id, catalogItemId: xray.id });
  invoice = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: [charge.id] })).id });
  issuedPdf = await cashier.ok('invoices.pdf', { id: invoice.id });
});
afterAll(async () => app?.close());

describe('the invoice as issued', () => {
  it('says in its footer when it was issued, not "Printed"', () => {
    expect(invoice).toMatchObject({ total: 60_000, insuranceShare: 48_000, balance: 60_000 });
    const t = text(issuedPdf.pdfBase64);
    expect(t).toContain('Issued 1 Mar 2027 09:00 (UTC+03:00)');
    expect(t).not.toContain('Printed');
    expect(t).toContain(`Balance due ${ugx(60_000)}`);
  });
});

describe('a statement as of now', () => {
  let cashier: Desk;
  beforeAll(async () => {
    await app.setClock(new Date('2027-03-01T14:30:00+03:00'));
    cashier = await cashierNow();
    await cashier.ok('payments.record', { invoiceId: invoice.id, amount: 12_000, method: 'cash' });
    await cashier.ok('payments.record', { invoiceId: invoice.id, amount: 20_000, method: 'insurance', reference: 'JH-CLAIM-7' });
  });

  it('leaves the issued document byte-identical after payments', async () => {
    const again = await cashier.ok('invoices.pdf', { id: invoice.id });
    expect(again.pdfBase64).toBe(issuedPdf.pdfBase64);
    expect(sha(again.pdfBase64)).toBe(invoice.pdfSha256);
  });

  it('shows the payments so far, the balance as of now, and what the patient and the insurer each still owe', async () => {
    const statement = await cashier.ok('invoices.statementPdf', { invoiceId: invoice.id });
    expect(statement.fileName).toBe(`${invoice.number}-statement-2027-03-01.pdf`);
    expect(statement.sha256).toBe(sha(statement.pdfBase64));
    const t = text(statement.pdfBase64);
    expect(t).toContain('Statement');
    expect(t).toContain('Statement as of 1 Mar 2027 14:30');
    expect(t).toContain(invoice.number);
    expect(t).toContain('Printed 1 Mar 2027 14:30 (UTC+03:00)');
    expect(t).toMatch(new RegExp(`Paid 1 Mar 2027 14:30, Cash \\(RCT-2027-000001\\)\\s+-${ugx(12_000)}`));
    expect(t).toMatch(new RegExp(`Paid 1 Mar 2027 14:30, Insurance JH-CLAIM-7 \\(RCT-2027-000002\\)\\s+-${ugx(20_000)}`));
    expect(t).toContain(`Balance due as of 1 Mar 2027 14:30 ${ugx(28_000)}`);
    expect(t).toMatch(new RegExp(`Patient share ${ugx(12_000)}, paid ${ugx(12_000)}: patient still owes\\s+${ugx(0)}`));
    expect(t).toMatch(new RegExp(`Insurance share ${ugx(48_000)}, paid by Jubilee Health ${ugx(20_000)}: insurer still owes\\s+${ugx(28_000)}`));
  });

  it('is made afresh: a later statement is dated later, and the issued document still is the stored bytes', async () => {
    await app.setClock(new Date('2027-03-02T08:15:00+03:00'));
    const later = await (await cashierNow()).ok('invoices.statementPdf', { invoiceId: invoice.id });
    expect(text(later.pdfBase64)).toContain('Statement as of 2 Mar 2027 08:15');
    expect(later.fileName).toBe(`${invoice.number}-statement-2027-03-02.pdf`);
    expect((await (await cashierNow()).ok('invoices.pdf', { id: invoice.id })).sha256).toBe(invoice.pdfSha256);
  });

  it('is for billing and managers of the invoice’s hospital only; a draft has none', async () => {
    const manager = await app.signedIn(['manager']);
    expect(text((await manager.ok('invoices.statementPdf', { invoiceId: invoice.id })).pdfBase64)).toContain('Statement as of');
    await (await app.signedIn(['nurse'])).fails('invoices.statementPdf', { invoiceId: invoice.id }, 'FORBIDDEN');
    const other = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'GUL', name: 'Gulu Regional' })).id;
    const elsewhere = await app.signedIn(['billing'], { hospitalIds: [other] });
    await elsewhere.fails('invoices.statementPdf', { invoiceId: invoice.id }, 'FORBIDDEN');
    const billing = await cashierNow();
    await billing.fails('invoices.statementPdf', { invoiceId: 999_999 }, 'NOT_FOUND');
    const desk = await app.signedIn(['front_desk']);
    const p = await patient(desk, app.hospitalId);
    const item = (await billing.ok('catalog.list', { hospitalId: app.hospitalId, query: 'RAD-XR' })).items[0];
    const c = await billing.ok('charges.add', { patientId: p.id, catalogItemId: item.id });
    const draft = await billing.ok('invoices.createDraft', { patientId: p.id, chargeIds: [c.id] });
    expect((await billing.fails('invoices.statementPdf', { invoiceId: draft.id }, 'CONFLICT')).message).toBe('A draft has no statement yet: issue the invoice first.');
  });
});
