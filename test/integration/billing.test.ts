// Billing on MariaDB: the catalog, charges from appointments, stays and by hand, drafts with tax per line (half-up),
// discount and insurance share, issuing with gapless numbers under 20 desks at once, payments and overpayment, voiding,
// the stored PDF (parsed back, reprinted byte-identical, names in three scripts, 60 lines over pages), the discharge
// rule, the archive and batch printing. The clock stands on Monday 1 March 2027, 09:00 in Kampala.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { formatMoney as money } from '@shared/domain/money';

/** As printed and as compared: Intl puts a no-break space between symbol and figure. */
const formatMoney = (minor: number, currency: string) => money(minor, currency).replace(/\u00a0/g, ' ');
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { doctor, patient } from '../support/scheduling';
import { pdfPages } from '../support/pdf';

let app: TestApp;
let cashier: Desk;
let desk: Desk;
let drug: Output<'catalog.create'>;
let xray: Output<'catalog.create'>;
let odd: Output<'catalog.create'>;
let puneId: number;

/** The PDF's text with its pages joined by form feeds, as pdftotext prints them, and no-break spaces made plain. */
const pdfText = (b64: string) => pdfPages(b64).join('\f').replace(/\u00a0/g, ' ');
const sha = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');

async function charged(patientId: number, items: [Output<'catalog.create'>, number][]): Promise<number[]> {
  const ids: number[] = [];
  for (const [item, quantity] of items) ids.push((await cashier.ok('charges.add', { patientId, catalogItemId: item.id, quantity })).id);
  return ids;
}

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-03-01T09:00:00+03:00'));
  cashier = await app.signedIn(['billing'], { allHospitals: true });
  desk = await app.signedIn(['front_desk'], { allHospitals: true });
  drug = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'MED-AMOX', description: 'Amoxicillin 500 mg, 21 capsules', category: 'medicine', price: 12_500 });
  xray = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'RAD-XR', description: 'Chest X-ray', category: 'test', price: 45_000, taxRateBp: 0 });
  odd = await app.admin.ok('catalog.create', { hospitalId: app.hospitalId, code: 'LAB-FBC', description: 'Full blood count', category: 'test', price: 333, taxRateBp: 1800 });
  puneId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'PNQ', name: 'Pune Care', country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', defaultTaxRateBp: 1200, patientNumberFormat: 'PNQ-{seq:5}' })).id;
});
afterAll(async () => app?.close());

describe('the catalog and charges', () => {
  it("keeps items per hospital with the hospital's default tax; codes are unique; only billing and admin edit it", async () => {
    expect(drug).toMatchObject({ taxRateBp: 1800, currency: 'UGX', price: 12_500 });
    expect((await app.admin.fails('catalog.create', { hospitalId: app.hospitalId, code: 'RAD-XR', description: 'x', category: 'test', price: 1 }, 'CONFLICT')).fields).toEqual({ code: 'That code is already in the catalog.' });
    await desk.fails('catalog.create', { hospitalId: app.hospitalId, code: 'X', description: 'x', category: 'other', price: 1 }, 'FORBIDDEN');
    expect((await desk.ok('catalog.list', { hospitalId: app.hospitalId, query: 'x-ray' })).items.map((i) => i.code)).toEqual(['RAD-XR']);
  });

  it("turns a completed appointment into a consultation charge and lists it with the patient's unbilled charges", async () => {
    const hr = await app.signedIn(['hr']);
    const doc = await app.signedIn(['doctor']);
    const dr = await doctor(hr, app.hospitalId, { firstName: 'Jane', lastName: 'Okello', userId: doc.userId, hours: [{ weekday: 1, start: '10:00', end: '11:00' }] });
    const p = await patient(desk, app.hospitalId);
    const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: dr.id, start: '2027-03-01T07:00:00.000Z' });
    await desk.ok('appointments.checkIn', { id: a.id });
    await doc.ok('appointments.complete', { id: a.id });
    const unbilled = await cashier.ok('charges.unbilled', { patientId: p.id });
    expect(unbilled.items.map((c) => [c.category, c.description, c.amount, c.sourceType, c.sourceId])).toEqual([['consultation', 'Consultation, Dr Jane Okello (General Practice)', 50_000, 'appointment', a.id]]);
  });
});

describe('drafts and their figures', () => {
  it('adds up lines with tax rounded half-up on each line, across rates, with a discount and the insurance share', async () => {
    const p = await patient(desk, app.hospitalId, { insuranceProvider: 'Jubilee Health', insurancePolicyNumber: 'JH-1', insuranceCoveragePercent: 80, insuranceValidUntil: '2027-12-31' });
    const ids = await charged(p.id, [
      [drug, 2],
      [xray, 1],
      [odd, 1],
    ]);
    const draft = await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: ids });
    expect(draft.lines.map((l) => [l.quantity, l.unitPrice, l.taxRateBp, l.net, l.tax, l.total])).toEqual([
      [2, 12_500, 1800, 25_000, 4_500, 29_500],
      [1, 45_000, 0, 45_000, 0, 45_000],
      // 333 × 18% = 59.94 → 60
      [1, 333, 1800, 333, 60, 393],
    ]);
    expect(draft).toMatchObject({ status: 'draft', number: null, subtotal: 70_333, tax: 4_560, total: 74_893, insurancePercent: 80, insuranceShare: 59_914, balance: 74_893 });
    expect(draft.taxByRate).toEqual([
      { rateBp: 0, net: 45_000, tax: 0 },
      { rateBp: 1800, net: 25_333, tax: 4_560 },
    ]);
    await cashier.fails('invoices.updateDraft', { id: draft.id, version: draft.version, discount: 5_000 }, 'VALIDATION');
    const withDiscount = await cashier.ok('invoices.updateDraft', { id: draft.id, version: draft.version, discount: 4_893, discountReason: 'Staff family', quantities: [{ lineId: draft.lines[0].id, quantity: 3 }] });
    expect(withDiscount).toMatchObject({ subtotal: 82_833, tax: 6_810, discount: 4_893, total: 84_750, insuranceShare: 67_800 });
    await cashier.fails('invoices.updateDraft', { id: draft.id, version: draft.version, discount: 0 }, 'CONFLICT');
    const noInsurance = await cashier.ok('invoices.updateDraft', { id: draft.id, version: withDiscount.version, applyInsurance: false });
    expect(noInsurance.insuranceShare).toBe(0);
    await cashier.fails('invoices.updateDraft', { id: draft.id, version: noInsurance.version, discount: 10_000_000, discountReason: 'too much' }, 'VALIDATION');
  });

  it('keeps exact figures in a currency with two decimals (INR, 12% default tax)', async () => {
    const item = await app.admin.ok('catalog.create', { hospitalId: puneId, code: 'CONS', description: 'Dressing', category: 'treatment', price: 104_17 });
    const p = await patient(desk, app.hospitalId);
    const c = await cashier.ok('charges.add', { patientId: p.id, catalogItemId: item.id, quantity: 3 });
    const draft = await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: [c.id] });
    // 312.51 × 12% = 37.5012 → 37.50
    expect(draft).toMatchObject({ currency: 'INR', subtotal: 31_251, tax: 3_750, total: 35_001 });
    expect(formatMoney(draft.total, 'INR')).toBe('₹350.01');
  });

  it('refuses a charge that is already on another invoice, and charges of two hospitals on one invoice', async () => {
    const p = await patient(desk, app.hospitalId);
    const [a] = await charged(p.id, [[drug, 1]]);
    await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: [a] });
    expect((await cashier.fails('invoices.createDraft', { patientId: p.id, chargeIds: [a] }, 'CONFLICT')).message).toMatch(/is already on a draft invoice/);
  });
});

describe('issuing, paying, voiding (tests run in order: each works on the invoice the first one issued)', () => {
  let invoice: Output<'invoices.issue'>;

  it('issues with the next number of the hospital and year, stores the PDF and never changes the invoice again', async () => {
    const p = await patient(desk, app.hospitalId, { firstName: 'Nakato', lastName: 'Ssebunya' });
    const draft = await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: await charged(p.id, [[drug, 2], [xray, 1]]) });
    invoice = await cashier.ok('invoices.issue', { id: draft.id });
    expect(invoice).toMatchObject({ status: 'issued', number: expect.stringMatching(/^INV-2027-\d{6}$/), issueDate: '2027-03-01', balance: 74_500 });
    expect(invoice.pdfSha256).toMatch(/^[0-9a-f]{64}$/);
    await cashier.fails('invoices.updateDraft', { id: invoice.id, version: invoice.version, discount: 1, discountReason: 'x' }, 'CONFLICT');
    await cashier.fails('invoices.deleteDraft', { id: invoice.id }, 'CONFLICT');
    await cashier.fails('invoices.issue', { id: invoice.id }, 'CONFLICT');
  });

  it('prints every figure of the invoice, and every reprint is the stored bytes', async () => {
    const pdf = await cashier.ok('invoices.pdf', { id: invoice.id });
    expect(sha(pdf.pdfBase64)).toBe(invoice.pdfSha256);
    expect((await cashier.ok('invoices.pdf', { id: invoice.id })).pdfBase64).toBe(pdf.pdfBase64);
    const text = pdfText(pdf.pdfBase64);
    for (const figure of [invoice.subtotal, invoice.tax, invoice.total, invoice.balance, ...invoice.lines.flatMap((l) => [l.unitPrice, l.tax, l.total])]) {
      expect(text).toContain(formatMoney(figure, 'UGX'));
    }
    expect(text).toContain(invoice.number);
    expect(text).toContain('Nakato Ssebunya');
    expect(text).toContain(`Tax 18% on ${formatMoney(25_000, 'UGX')}`);
    expect(text).toContain('rounded half-up');
  });

  it('takes part payments up to the balance and refuses more; the status follows', async () => {
    const part = await cashier.ok('payments.record', { invoiceId: invoice.id, amount: 30_000, method: 'mobile_money', reference: 'MM-8812' });
    expect(part).toMatchObject({ status: 'partially_paid', paid: 30_000, balance: 44_500 });
    expect(part.payments[0]).toMatchObject({ method: 'mobile_money', receiptNumber: 'RCT-2027-000001', reference: 'MM-8812' });
    const over = await cashier.fails('payments.record', { invoiceId: invoice.id, amount: 44_501, method: 'cash' }, 'CONFLICT');
    expect(over.message.replace(/\u00a0/g, ' ')).toBe(`${formatMoney(44_501, 'UGX')} is more than the balance of ${invoice.number} (${formatMoney(44_500, 'UGX')}).`);
    const receipt = await cashier.ok('payments.receiptPdf', { paymentId: part.payments[0].id });
    expect(pdfText(receipt.pdfBase64)).toMatch(new RegExp(`RCT-2027-000001[\\s\\S]*${formatMoney(30_000, 'UGX')}`));
    const paid = await cashier.ok('payments.record', { invoiceId: invoice.id, amount: 44_500, method: 'card' });
    expect(paid).toMatchObject({ status: 'paid', balance: 0 });
    await cashier.fails('payments.record', { invoiceId: invoice.id, amount: 1, method: 'cash' }, 'CONFLICT');
    await cashier.fails('invoices.void', { id: invoice.id, reason: 'x' }, 'CONFLICT');
  });

  it('voids with a reason: the number stays used, the PDF says VOID, the charges can be billed again', async () => {
    const p = await patient(desk, app.hospitalId);
    const ids = await charged(p.id, [[xray, 1]]);
    const issued = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: ids })).id });
    const voided = await cashier.ok('invoices.void', { id: issued.id, reason: 'Wrong patient' });
    expect(voided).toMatchObject({ status: 'void', number: issued.number, voidReason: 'Wrong patient', balance: 0 });
    expect(pdfText((await cashier.ok('invoices.pdf', { id: issued.id })).pdfBase64)).toMatch(/VOID[\s\S]*Wrong patient/);
    await cashier.fails('payments.record', { invoiceId: issued.id, amount: 1, method: 'cash' }, 'CONFLICT');
    expect((await cashier.ok('charges.unbilled', { patientId: p.id })).items.map((c) => c.id)).toEqual(ids);
    const next = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: ids })).id });
    expect(Number(next.number!.slice(-6))).toBe(Number(issued.number!.slice(-6)) + 1);
  });
});

describe('many desks', () => {
  it('twenty desks issuing twenty drafts of one hospital at once get numbers in sequence with no gap and no repeat', async () => {
    const pune = await app.admin.ok('catalog.create', { hospitalId: puneId, code: 'REG', description: 'Registration', category: 'other', price: 5_000 });
    const drafts: number[] = [];
    for (let i = 0; i < 20; i++) {
      const p = await patient(desk, app.hospitalId);
      const c = await cashier.ok('charges.add', { patientId: p.id, catalogItemId: pune.id });
      drafts.push((await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: [c.id] })).id);
    }
    const windows = await Promise.all(drafts.map(() => app.signedIn(['billing'], { hospitalIds: [puneId] })));
    const results = await Promise.all(windows.map((w, i) => w.call('invoices.issue', { id: drafts[i] })));
    const numbers = results.map((r) => (r.ok ? r.data.number : r.error.message)).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-2027-${String(i + 1).padStart(6, '0')}`));
  });

  it('two cashiers paying the last balance at once: one payment', async () => {
    const p = await patient(desk, app.hospitalId);
    const inv = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: await charged(p.id, [[drug, 1]]) })).id });
    const other = await app.signedIn(['billing']);
    const [a, b] = await Promise.all([
      cashier.call('payments.record', { invoiceId: inv.id, amount: inv.balance, method: 'cash' }),
      other.call('payments.record', { invoiceId: inv.id, amount: inv.balance, method: 'card' }),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(await app.db.sql('SELECT id FROM payments WHERE invoice_id = ?', [inv.id])).toHaveLength(1);
  });

  it('records a payment sent again with the same key once (at once from two windows, or later), and refuses the key with other details', async () => {
    const p = await patient(desk, app.hospitalId);
    const inv = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: await charged(p.id, [[drug, 2]]) })).id });
    const other = await app.signedIn(['billing']);
    const payment = { invoiceId: inv.id, amount: 10_000, method: 'cash' as const, idempotencyKey: randomUUID() };
    const answers = await Promise.all([cashier, other, cashier, other].map((w) => w.call('payments.record', payment)));
    for (const r of answers) expect(r.ok, JSON.stringify(r)).toBe(true);
    const firsts = answers.map((r) => (r.ok ? r.data : null)!);
    for (const f of firsts) expect(f.payments.map((x) => [x.amount, x.receiptNumber])).toEqual([[10_000, firsts[0].payments[0].receiptNumber]]);
    expect(firsts.map((f) => f.balance)).toEqual([inv.balance - 10_000, inv.balance - 10_000, inv.balance - 10_000, inv.balance - 10_000]);
    // Later, say after a lost answer: the same answer, nothing new.
    const again = await other.ok('payments.record', { ...payment, idempotencyKey: payment.idempotencyKey.toUpperCase() });
    expect(again.payments).toHaveLength(1);
    expect(again.paid).toBe(10_000);
    for (const changed of [{ amount: 9_000 }, { method: 'card' as const }, { reference: 'MM-1' }, { invoiceId: (await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: await charged(p.id, [[odd, 1]]) })).id })).id }]) {
      expect((await cashier.fails('payments.record', { ...payment, ...changed }, 'CONFLICT')).message).toMatch(/already recorded as receipt .* other details/);
    }
    expect(await app.db.sql('SELECT id FROM payments WHERE idempotency_key = ?', [payment.idempotencyKey])).toHaveLength(1);
    const [{ paid }] = await app.db.sql<{ paid: number }>('SELECT paid FROM invoices WHERE id = ?', [inv.id]);
    expect(Number(paid)).toBe(10_000);
    // A new key is a new payment.
    expect((await cashier.ok('payments.record', { ...payment, idempotencyKey: randomUUID() })).payments).toHaveLength(2);
    await cashier.fails('payments.record', { ...payment, idempotencyKey: 'not-a-uuid' }, 'VALIDATION');
  });

  it('records one payment with a given reference per invoice, whichever window sends it', async () => {
    const p = await patient(desk, app.hospitalId);
    const inv = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: await charged(p.id, [[drug, 2]]) })).id });
    const other = await app.signedIn(['billing']);
    const payment = { invoiceId: inv.id, amount: 5_000, method: 'mobile_money' as const, reference: 'MM-99121' };
    const [a, b] = await Promise.all([cashier.call('payments.record', payment), other.call('payments.record', payment)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const refused = [a, b].find((r) => !r.ok)!;
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/reference MM-99121 is already recorded/) });
    expect(await app.db.sql('SELECT id FROM payments WHERE invoice_id = ?', [inv.id])).toHaveLength(1);
    await cashier.ok('payments.record', { ...payment, reference: 'MM-99122' });
  });
});

describe('printing (the day\'s batch prints the invoices the tests above issued)', () => {
  it('prints names in Latin, Cyrillic and Devanagari as written', async () => {
    for (const [first, last] of [
      ['Łukasz', 'Wójcik'],
      ['Иван', 'Петров'],
      ['अनन्या', 'शर्मा'],
    ]) {
      const p = await patient(desk, app.hospitalId, { firstName: first, lastName: last });
      const inv = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: await charged(p.id, [[xray, 1]]) })).id });
      expect(pdfText((await cashier.ok('invoices.pdf', { id: inv.id })).pdfBase64)).toContain(`${first} ${last}`);
    }
  });

  it('breaks a 60-line invoice across pages and repeats the table header on each', async () => {
    const p = await patient(desk, app.hospitalId);
    const ids = await charged(p.id, Array.from({ length: 60 }, (_, i): [Output<'catalog.create'>, number] => [i % 2 ? drug : odd, 1 + (i % 3)]));
    const inv = await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: ids })).id });
    const pdf = await cashier.ok('invoices.pdf', { id: inv.id });
    expect(pdf.pages).toBeGreaterThan(1);
    const pages = pdfText(pdf.pdfBase64).split('\f').filter((t) => t.trim());
    expect(pages).toHaveLength(pdf.pages);
    for (const page of pages.slice(0, -1)) expect(page).toMatch(/Description\s+Qty\s+Unit price/);
    expect(pages[pages.length - 1]).toContain(formatMoney(inv.total, 'UGX'));
  });

  it('prints the invoices issued on a day as one PDF, telling the desk how far it is', async () => {
    const progress: { done: number; total: number }[] = [];
    const off = app.runtime.events.subscribe((name, payload) => name === 'billing.progress' && progress.push(payload as never));
    const batch = await cashier.ok('invoices.batchPdf', { hospitalId: app.hospitalId, issueDate: '2027-03-01', jobId: 'job-1' });
    off();
    const issued = await app.db.sql<{ n: number }>("SELECT COUNT(*) AS n FROM invoices WHERE hospital_id = ? AND issue_date = '2027-03-01'", [app.hospitalId]);
    expect(progress.at(-1)).toEqual({ jobId: 'job-1', done: Number(issued[0].n), total: Number(issued[0].n) });
    const text = pdfText(batch.pdfBase64);
    const numbers = await app.db.sql<{ number: string }>("SELECT number FROM invoices WHERE hospital_id = ? AND issue_date = '2027-03-01'", [app.hospitalId]);
    for (const r of numbers) expect(text).toContain(r.number);
    // Pages go out as they are made (a thousand-invoice batch does not wait in memory): footers count without a total.
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(batch.pages);
    pages.forEach((page, i) => expect(page).toMatch(new RegExp(`Page ${i + 1}\\s*$`)));
  });
});

describe('discharge follows the money', () => {
  it('refuses the final discharge while charges are unbilled, listing them, when the hospital asks for it', async () => {
    const hr = await app.signedIn(['hr']);
    const nurse = await app.signedIn(['nurse']);
    const dr = await doctor(hr, app.hospitalId);
    const floor = await app.admin.ok('rooms.createFloor', { hospitalId: app.hospitalId, name: 'Ward 1', level: 1 });
    const room = await app.admin.ok('rooms.createRoom', { floorId: floor.id, number: 'W1', roomType: 'general_ward', dailyRate: 40_000, beds: 1 });
    const p = await patient(desk, app.hospitalId);
    const stay = await nurse.ok('admissions.admit', { patientId: p.id, bedId: room.beds[0].id, attendingDoctorId: dr.id, reason: 'Observation' });
    const ids = await charged(p.id, [[drug, 1]]);
    await app.admin.ok('billing.setSettings', { hospitalId: app.hospitalId, taxNumber: 'TIN 1000123456', requireBilledBeforeDischarge: true, archiveAfterDays: 30 });
    const refused = await nurse.fails('admissions.discharge', { stayId: stay.id }, 'CONFLICT');
    expect(refused.message.replace(/\u00a0/g, ' ')).toContain(`1 charge is not invoiced yet: Amoxicillin 500 mg, 21 capsules (${formatMoney(12_500, 'UGX')})`);
    await cashier.ok('invoices.issue', { id: (await cashier.ok('invoices.createDraft', { patientId: p.id, chargeIds: ids })).id });
    const out = await nurse.ok('admissions.discharge', { stayId: stay.id });
    expect(out.charges).toHaveLength(1);
    await app.admin.ok('billing.setSettings', { hospitalId: app.hospitalId, taxNumber: 'TIN 1000123456', requireBilledBeforeDischarge: false, archiveAfterDays: 30 });
  });
});

describe('the invoice list and the archive (lists and archives the invoices the tests above issued, paid and voided)', () => {
  it('lists newest first with keyset paging and finds by number or patient', async () => {
    const first = await cashier.ok('invoices.list', { hospitalId: app.hospitalId, limit: 3 });
    expect(first.items).toHaveLength(3);
    const second = await cashier.ok('invoices.list', { hospitalId: app.hospitalId, limit: 3, cursor: first.nextCursor });
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(6);
    const some = first.items.find((i) => i.number)!;
    expect((await cashier.ok('invoices.list', { hospitalId: app.hospitalId, query: some.number! })).items.map((i) => i.id)).toEqual([some.id]);
  });

  it('moves paid and void invoices older than the set age to the archive, where they stay searchable and reprintable', async () => {
    await app.setClock(new Date('2027-04-15T09:00:00+03:00'));
    const c = await app.signedIn(['billing'], { allHospitals: true });
    const moved = await c.ok('invoices.archive', { hospitalId: app.hospitalId });
    expect(moved.archived).toBeGreaterThanOrEqual(2);
    const archive = await c.ok('invoices.list', { hospitalId: app.hospitalId, archived: true, limit: 200 });
    expect(archive.items.every((i) => i.status === 'paid' || i.status === 'void')).toBe(true);
    const open = await c.ok('invoices.list', { hospitalId: app.hospitalId, limit: 200 });
    expect(open.items.some((i) => i.status === 'paid' || i.status === 'void')).toBe(false);
    const one = archive.items[0];
    expect((await c.ok('invoices.list', { hospitalId: app.hospitalId, archived: true, query: one.number! })).items.map((i) => i.id)).toEqual([one.id]);
    expect((await c.ok('invoices.pdf', { id: one.id })).pdfBase64.length).toBeGreaterThan(1000);
  });
});
