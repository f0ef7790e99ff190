// Invoices: drafts built from charges, issuing with the next gapless number of the hospital and year and a stored PDF
// (SHA-256; reprints are the stored bytes), voiding, payments with receipts, batch printing, the archive.
import { createHash } from 'node:crypto';
import { conflict, invalid, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { Invoice, InvoiceLine, InvoiceSummary, Payment } from '@shared/contract/billing';
import { invoiceAmounts, invoiceNumber, lineAmounts, statusAfterPayments, type ChargeCategory, type InvoiceStatus, type PaymentMethod } from '@shared/domain/billing';
import { addDays, localDate } from '@shared/domain/dates';
import { formatMoney } from '@shared/domain/money';
import { fullName } from '@shared/domain/format';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { lockRow } from '../../db/locks';
import { insertRows } from '../../db/writer';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { nextInSequence, sequenceKey } from '../../db/sequences';
import { upsert } from '../../db/upsert';
import { renderInvoiceBatch, renderInvoicePdf, renderReceiptPdf } from '../../pdf/invoice.pdf';
import { letterheadOf } from '../../platform/letterhead';
import { requireHospitalEntity } from '../hospitals';
import { PatientEntity } from '../patients';
import { InvoiceDocumentEntity, InvoiceEntity, InvoiceLineEntity, PaymentEntity } from './billing.entity';
import { billingSettings } from './charges.service';
import { receiptNumber } from './rules';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

// ---- reading ----

interface InvoiceRow {
  id: number;
  hospital_id: number;
  patient_id: number;
  patient_number: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  subtotal: number | string;
  tax: number | string;
  discount: number | string;
  discount_reason: string | null;
  total: number | string;
  insurance_provider: string | null;
  insurance_policy_number: string | null;
  insurance_percent: number | null;
  insurance_share: number | string;
  paid: number | string;
  issued_at: Date | null;
  issue_date: string | null;
  voided_at: Date | null;
  void_reason: string | null;
  archived_at: Date | null;
  version: number;
  created_at: Date;
  sha256?: string | null;
}

const INVOICE_SELECT = `SELECT i.*, p.patient_number, p.first_name, p.middle_name, p.last_name FROM invoices i JOIN patients p ON p.id = i.patient_id`;
const n = (v: number | string) => Number(v);

export async function readInvoice(ctx: CallContext, id: number): Promise<Invoice> {
  const [r]: InvoiceRow[] = await ctx.em.query(`${INVOICE_SELECT} WHERE i.id = ?`, [id]);
  if (!r) throw notFound('The invoice');
  const lines: { id: number; charge_id: number | null; description: string; category: ChargeCategory; quantity: number; unit_price: number | string; tax_rate_bp: number; net: number | string; tax: number | string; total: number | string }[] =
    await ctx.em.query('SELECT id, charge_id, description, category, quantity, unit_price, tax_rate_bp, net, tax, total FROM invoice_lines WHERE invoice_id = ? ORDER BY position, id', [id]);
  const payments: { id: number; amount: number | string; method: PaymentMethod; reference: string | null; paid_at: Date; receipt_number: string; full_name: string | null }[] = await ctx.em.query(
    'SELECT pm.id, pm.amount, pm.method, pm.reference, pm.paid_at, pm.receipt_number, u.full_name FROM payments pm LEFT JOIN users u ON u.id = pm.cashier_id WHERE pm.invoice_id = ? ORDER BY pm.id',
    [id],
  );
  const [doc]: { sha256: string }[] = await ctx.em.query('SELECT sha256 FROM invoice_documents WHERE invoice_id = ?', [id]);
  const invoiceLines: InvoiceLine[] = lines.map((l) => ({
    id: Number(l.id),
    chargeId: l.charge_id === null ? null : Number(l.charge_id),
    description: l.description,
    category: l.category,
    quantity: Number(l.quantity),
    unitPrice: n(l.unit_price),
    taxRateBp: Number(l.tax_rate_bp),
    net: n(l.net),
    tax: n(l.tax),
    total: n(l.total),
  }));
  const amounts = invoiceAmounts(invoiceLines, n(r.discount), r.insurance_percent);
  return {
    id: Number(r.id),
    hospitalId: Number(r.hospital_id),
    patientId: Number(r.patient_id),
    patientNumber: r.patient_number,
    patientName: fullName(r.first_name, r.middle_name, r.last_name),
    number: r.number,
    status: r.status,
    currency: r.currency,
    lines: invoiceLines,
    subtotal: n(r.subtotal),
    tax: n(r.tax),
    taxByRate: amounts.taxByRate,
    discount: n(r.discount),
    discountReason: r.discount_reason,
    total: n(r.total),
    insuranceProvider: r.insurance_provider,
    insurancePolicyNumber: r.insurance_policy_number,
    insurancePercent: r.insurance_percent,
    insuranceShare: n(r.insurance_share),
    paid: n(r.paid),
    balance: r.status === 'void' || r.status === 'draft' ? (r.status === 'void' ? 0 : n(r.total)) : n(r.total) - n(r.paid),
    payments: payments.map(
      (p): Payment => ({
        id: Number(p.id),
        invoiceId: Number(r.id),
        amount: n(p.amount),
        method: p.method,
        reference: p.reference,
        paidAt: p.paid_at.toISOString(),
        cashierName: p.full_name ?? '—',
        receiptNumber: p.receipt_number,
      }),
    ),
    issuedAt: r.issued_at?.toISOString() ?? null,
    issueDate: r.issue_date,
    voidedAt: r.voided_at?.toISOString() ?? null,
    voidReason: r.void_reason,
    archived: r.archived_at !== null,
    pdfSha256: doc?.sha256 ?? null,
    version: Number(r.version),
  };
}

export async function getInvoice(ctx: CallContext, id: number): Promise<Invoice> {
  const inv = await readInvoice(ctx, id);
  ctx.requireHospital(inv.hospitalId);
  return inv;
}

async function lockInvoice(ctx: CallContext, id: number): Promise<InvoiceEntity> {
  const inv = await requireHospitalOf(ctx, InvoiceEntity, id, 'The invoice', { lock: true });
  return inv;
}

function requireDraft(inv: InvoiceEntity): void {
  if (inv.status !== 'draft') throw conflict(`${inv.number ?? 'The invoice'} has been issued: an issued invoice is never changed. Void it and bill again if it is wrong.`);
}

// ---- drafts ----

/** The patient's insurance if it is valid on the day. */
async function insuranceOf(ctx: CallContext, patientId: number, today: string): Promise<{ provider: string | null; policy: string | null; percent: number | null }> {
  const [p]: { insurance_provider: string | null; insurance_policy_number: string | null; insurance_coverage_percent: number | null; insurance_valid_until: string | null }[] = await ctx.em.query(
    'SELECT insurance_provider, insurance_policy_number, insurance_coverage_percent, insurance_valid_until FROM patients WHERE id = ?',
    [patientId],
  );
  if (!p?.insurance_provider || !p.insurance_coverage_percent || (p.insurance_valid_until !== null && p.insurance_valid_until < today)) return { provider: null, policy: null, percent: null };
  return { provider: p.insurance_provider, policy: p.insurance_policy_number, percent: Number(p.insurance_coverage_percent) };
}

/** Locks charges and checks they are free, of one patient and one hospital. */
async function takeCharges(ctx: CallContext, patientId: number, chargeIds: number[], hospitalId: number | null) {
  const rows: { id: number; hospital_id: number; patient_id: number; invoice_id: number | null; description: string; category: ChargeCategory; quantity: number; unit_price: number | string; tax_rate_bp: number; number: string | null }[] =
    await ctx.em.query(
      `SELECT c.id, c.hospital_id, c.patient_id, c.invoice_id, c.description, c.category, c.quantity, c.unit_price, c.tax_rate_bp, i.number
         FROM charges c LEFT JOIN invoices i ON i.id = c.invoice_id WHERE c.id IN (${chargeIds.map(() => '?').join(',')}) ORDER BY c.service_date, c.id FOR UPDATE`,
      chargeIds,
    );
  if (rows.length !== new Set(chargeIds).size) throw notFound('A charge');
  for (const r of rows) {
    if (Number(r.patient_id) !== patientId) throw invalid({ chargeIds: 'Every charge must be of this patient.' });
    ctx.requireHospital(Number(r.hospital_id));
    if (hospitalId !== null && Number(r.hospital_id) !== hospitalId) throw invalid({ chargeIds: 'One invoice bills one hospital: these charges are of several.' });
    hospitalId = Number(r.hospital_id);
    if (r.invoice_id !== null) throw conflict(`"${r.description}" is already on ${r.number ?? 'a draft invoice'}.`);
  }
  return { rows, hospitalId: hospitalId! };
}

async function addLines(ctx: CallContext, invoiceId: number, rows: Awaited<ReturnType<typeof takeCharges>>['rows'], from: number): Promise<void> {
  if (rows.length === 0) return;
  await insertRows(
    ctx.em,
    InvoiceLineEntity,
    rows.map((r, i) => {
      const a = lineAmounts(Number(r.quantity), n(r.unit_price), Number(r.tax_rate_bp));
      return Object.assign(new InvoiceLineEntity(), {
        invoiceId,
        chargeId: Number(r.id),
        position: from + i,
        description: r.description,
        category: r.category,
        quantity: Number(r.quantity),
        unitPrice: n(r.unit_price),
        taxRateBp: Number(r.tax_rate_bp),
        net: a.net,
        tax: a.tax,
        total: a.total,
      });
    }),
  );
  await ctx.em.query(`UPDATE charges SET invoice_id = ? WHERE id IN (${rows.map(() => '?').join(',')})`, [invoiceId, ...rows.map((r) => r.id)]);
}

/** Sums the lines again into the invoice's figures. */
async function recompute(ctx: CallContext, inv: InvoiceEntity): Promise<void> {
  const lines: { quantity: number; unit_price: number | string; tax_rate_bp: number }[] = await ctx.em.query('SELECT quantity, unit_price, tax_rate_bp FROM invoice_lines WHERE invoice_id = ?', [inv.id]);
  const a = invoiceAmounts(
    lines.map((l) => ({ quantity: Number(l.quantity), unitPrice: n(l.unit_price), taxRateBp: Number(l.tax_rate_bp) })),
    Number(inv.discount),
    inv.insurancePercent,
  );
  if (a.total < 0) throw invalid({ discount: `The discount is more than the invoice (${formatMoney(a.subtotal + a.tax, inv.currency)}).` });
  await ctx.em.query('UPDATE invoices SET subtotal = ?, tax = ?, total = ?, insurance_share = ?, version = version + 1 WHERE id = ?', [a.subtotal, a.tax, a.total, a.insuranceShare, inv.id]);
}

export async function createDraft(ctx: CallContext, input: In<'invoices.createDraft'>): Promise<Invoice> {
  if (!(await lockRow(ctx.em, PatientEntity, input.patientId, { only: ['id'] }))) throw notFound('The patient');
  const { rows, hospitalId } = await takeCharges(ctx, input.patientId, input.chargeIds, null);
  const h = await requireHospitalEntity(ctx, hospitalId);
  const ins = await insuranceOf(ctx, input.patientId, localDate(ctx.now(), h.timeZone));
  const now = ctx.now();
  const id = await insertRows(ctx.em, InvoiceEntity, [
    Object.assign(new InvoiceEntity(), {
      hospitalId,
      patientId: input.patientId,
      number: null,
      status: 'draft',
      currency: h.currency,
      subtotal: 0,
      tax: 0,
      discount: 0,
      discountReason: null,
      total: 0,
      insuranceProvider: ins.provider,
      insurancePolicyNumber: ins.policy,
      insurancePercent: ins.percent,
      insuranceShare: 0,
      paid: 0,
      issuedAt: null,
      issueDate: null,
      voidedAt: null,
      voidReason: null,
      archivedAt: null,
      createdBy: ctx.user.userId,
      issuedBy: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }),
  ]);
  await addLines(ctx, id, rows, 1);
  const inv = await ctx.em.findOneByOrFail(InvoiceEntity, { id });
  await recompute(ctx, inv);
  await ctx.em.query('UPDATE invoices SET version = 1 WHERE id = ?', [id]);
  ctx.audit({ action: 'invoice.draft', entity: 'invoice', entityId: id, hospitalId, changes: { patientId: input.patientId, chargeIds: input.chargeIds } });
  return readInvoice(ctx, id);
}

export async function updateDraft(ctx: CallContext, input: In<'invoices.updateDraft'>): Promise<Invoice> {
  const inv = await lockInvoice(ctx, input.id);
  requireDraft(inv);
  if (inv.version !== input.version) throw conflict('The draft was changed at another desk since you opened it; reload it and apply your change again.', { current: await readInvoice(ctx, inv.id) });
  const changes: Record<string, unknown> = {};
  if (input.removeLineIds.length) {
    const lines: { id: number; charge_id: number | null }[] = await ctx.em.query(
      `SELECT id, charge_id FROM invoice_lines WHERE invoice_id = ? AND id IN (${input.removeLineIds.map(() => '?').join(',')})`,
      [inv.id, ...input.removeLineIds],
    );
    if (lines.length !== input.removeLineIds.length) throw invalid({ removeLineIds: 'Not lines of this invoice.' });
    await ctx.em.query(`DELETE FROM invoice_lines WHERE id IN (${lines.map(() => '?').join(',')})`, lines.map((l) => l.id));
    const charges = lines.filter((l) => l.charge_id !== null).map((l) => l.charge_id);
    if (charges.length) await ctx.em.query(`UPDATE charges SET invoice_id = NULL WHERE id IN (${charges.map(() => '?').join(',')})`, charges);
    changes.removedLines = input.removeLineIds;
  }
  for (const q of input.quantities) {
    const line = await ctx.em.findOneBy(InvoiceLineEntity, { id: q.lineId, invoiceId: inv.id });
    if (!line) throw invalid({ quantities: 'Not a line of this invoice.' });
    const a = lineAmounts(q.quantity, Number(line.unitPrice), line.taxRateBp);
    await ctx.em.query('UPDATE invoice_lines SET quantity = ?, net = ?, tax = ?, total = ? WHERE id = ?', [q.quantity, a.net, a.tax, a.total, line.id]);
    changes[`line.${line.id}.quantity`] = [line.quantity, q.quantity];
  }
  if (input.addChargeIds.length) {
    const { rows } = await takeCharges(ctx, Number(inv.patientId), input.addChargeIds, inv.hospitalId);
    const [last]: { p: number | null }[] = await ctx.em.query('SELECT MAX(position) AS p FROM invoice_lines WHERE invoice_id = ?', [inv.id]);
    await addLines(ctx, inv.id, rows, Number(last.p ?? 0) + 1);
    changes.addedCharges = input.addChargeIds;
  }
  if (input.discount !== undefined) {
    changes.discount = [Number(inv.discount), input.discount];
    inv.discount = input.discount;
    inv.discountReason = input.discount ? input.discountReason : null;
  }
  if (input.applyInsurance !== undefined) {
    const h = await requireHospitalEntity(ctx, inv.hospitalId);
    const ins = input.applyInsurance ? await insuranceOf(ctx, Number(inv.patientId), localDate(ctx.now(), h.timeZone)) : { provider: null, policy: null, percent: null };
    if (input.applyInsurance && !ins.provider) throw conflict('The patient has no insurance valid today.');
    inv.insuranceProvider = ins.provider;
    inv.insurancePolicyNumber = ins.policy;
    inv.insurancePercent = ins.percent;
    changes.insurance = ins.provider ? `${ins.provider} ${ins.percent}%` : 'none';
  }
  await ctx.em.query('UPDATE invoices SET discount = ?, discount_reason = ?, insurance_provider = ?, insurance_policy_number = ?, insurance_percent = ? WHERE id = ?', [
    inv.discount,
    inv.discountReason,
    inv.insuranceProvider,
    inv.insurancePolicyNumber,
    inv.insurancePercent,
    inv.id,
  ]);
  const [left]: { c: number | string }[] = await ctx.em.query('SELECT COUNT(*) AS c FROM invoice_lines WHERE invoice_id = ?', [inv.id]);
  if (Number(left.c) === 0) throw invalid({ removeLineIds: 'An invoice needs at least one line: delete the draft instead.' });
  await recompute(ctx, inv);
  ctx.audit({ action: 'invoice.update_draft', entity: 'invoice', entityId: inv.id, hospitalId: inv.hospitalId, changes });
  return readInvoice(ctx, inv.id);
}

export async function deleteDraft(ctx: CallContext, id: number): Promise<null> {
  const inv = await lockInvoice(ctx, id);
  requireDraft(inv);
  await ctx.em.query('UPDATE charges SET invoice_id = NULL WHERE invoice_id = ?', [id]);
  await ctx.em.query('DELETE FROM invoice_lines WHERE invoice_id = ?', [id]);
  await ctx.em.query('DELETE FROM invoices WHERE id = ?', [id]);
  ctx.audit({ action: 'invoice.delete_draft', entity: 'invoice', entityId: id, hospitalId: inv.hospitalId });
  return null;
}

// ---- issuing, voiding, paying ----

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Renders the invoice as it stands and stores the document with its SHA-256 (replacing an earlier one: void). */
async function storeInvoicePdf(ctx: CallContext, id: number, at: Date): Promise<Invoice> {
  const invoice = await readInvoice(ctx, id);
  const { head, paper } = await letterheadOf(ctx, invoice.hospitalId, { taxNumber: true });
  const { bytes, pages } = await renderInvoicePdf(invoice, head, { paper, at });
  const hash = sha256(bytes);
  await upsert(ctx.em, InvoiceDocumentEntity, { invoiceId: id, pdf: bytes, sha256: hash, pages, createdAt: ctx.now() }, ['invoiceId']);
  return { ...invoice, pdfSha256: hash };
}

export async function issueInvoice(ctx: CallContext, input: In<'invoices.issue'>): Promise<Invoice> {
  const inv = await lockInvoice(ctx, input.id);
  requireDraft(inv);
  if (input.version !== undefined && input.version !== inv.version) throw conflict('The draft was changed at another desk since you opened it; check it before issuing.', { current: await readInvoice(ctx, inv.id) });
  const h = await requireHospitalEntity(ctx, inv.hospitalId);
  const now = ctx.now();
  const issueDate = localDate(now, h.timeZone);
  const year = Number(issueDate.slice(0, 4));
  const number = invoiceNumber(year, await nextInSequence(ctx.em, sequenceKey.invoice(inv.hospitalId, year)));
  await ctx.em.query("UPDATE invoices SET number = ?, status = 'issued', issued_at = ?, issue_date = ?, issued_by = ?, version = version + 1 WHERE id = ?", [
    number,
    now,
    issueDate,
    ctx.user.userId,
    inv.id,
  ]);
  const issued = await storeInvoicePdf(ctx, inv.id, now);
  ctx.audit({ action: 'invoice.issue', entity: 'invoice', entityId: inv.id, hospitalId: inv.hospitalId, changes: { number, total: Number(inv.total), currency: inv.currency } });
  return issued;
}

export async function voidInvoice(ctx: CallContext, input: In<'invoices.void'>): Promise<Invoice> {
  const inv = await lockInvoice(ctx, input.id);
  if (inv.status === 'draft') throw conflict('A draft is not issued: delete it instead of voiding it.');
  if (inv.status === 'void') throw conflict(`${inv.number} is already void.`);
  if (Number(inv.paid) > 0) throw conflict(`${inv.number} has payments of ${formatMoney(Number(inv.paid), inv.currency)}: refund them before voiding it.`);
  const now = ctx.now();
  await ctx.em.query("UPDATE invoices SET status = 'void', voided_at = ?, void_reason = ?, version = version + 1 WHERE id = ?", [now, input.reason, inv.id]);
  // The charges can be billed again on a corrected invoice.
  await ctx.em.query('UPDATE charges SET invoice_id = NULL WHERE invoice_id = ?', [inv.id]);
  const voided = await storeInvoicePdf(ctx, inv.id, now);
  ctx.audit({ action: 'invoice.void', entity: 'invoice', entityId: inv.id, hospitalId: inv.hospitalId, changes: { number: inv.number, reason: input.reason } });
  return voided;
}

export async function recordPayment(ctx: CallContext, input: In<'payments.record'>): Promise<Invoice> {
  const inv = await lockInvoice(ctx, input.invoiceId);
  if (inv.status === 'draft') throw conflict('Issue the invoice before taking payment.');
  if (inv.status === 'void') throw conflict(`${inv.number} is void: no payments.`);
  const balance = Number(inv.total) - Number(inv.paid);
  if (input.amount > balance) {
    throw conflict(
      balance === 0
        ? `${inv.number} is already paid in full.`
        : `${formatMoney(input.amount, inv.currency)} is more than the balance of ${inv.number} (${formatMoney(balance, inv.currency)}).`,
      { balance },
    );
  }
  const h = await requireHospitalEntity(ctx, inv.hospitalId);
  const now = ctx.now();
  const year = Number(localDate(now, h.timeZone).slice(0, 4));
  const receipt = receiptNumber(year, await nextInSequence(ctx.em, sequenceKey.receipt(inv.hospitalId, year)));
  const paid = Number(inv.paid) + input.amount;
  const paymentId = await insertRows(ctx.em, PaymentEntity, [
    Object.assign(new PaymentEntity(), {
      invoiceId: inv.id,
      hospitalId: inv.hospitalId,
      amount: input.amount,
      method: input.method,
      reference: input.reference,
      paidAt: now,
      cashierId: ctx.user.userId,
      receiptNumber: receipt,
    }),
  ]);
  await ctx.em.query('UPDATE invoices SET paid = ?, status = ?, version = version + 1 WHERE id = ?', [paid, statusAfterPayments(Number(inv.total), paid), inv.id]);
  const invoice = await readInvoice(ctx, inv.id);
  const payment = invoice.payments.find((p) => p.id === paymentId)!;
  const { head, paper } = await letterheadOf(ctx, inv.hospitalId, { taxNumber: true });
  const { bytes } = await renderReceiptPdf(invoice, payment, head, paper);
  await ctx.em.query('INSERT INTO payment_documents (payment_id, pdf, sha256) VALUES (?, ?, ?)', [paymentId, bytes, sha256(bytes)]);
  ctx.audit({ action: 'payment.record', entity: 'invoice', entityId: inv.id, hospitalId: inv.hospitalId, changes: { amount: input.amount, method: input.method, reference: input.reference, receipt } });
  return invoice;
}

// ---- documents ----

export async function invoicePdf(ctx: CallContext, id: number): Promise<{ fileName: string; pdfBase64: string; pages: number; sha256: string }> {
  const read = async () =>
    ((await ctx.em.query(
      'SELECT d.pdf, d.sha256, d.pages, i.number, i.hospital_id FROM invoice_documents d JOIN invoices i ON i.id = d.invoice_id WHERE d.invoice_id = ?',
      [id],
    )) as { pdf: Buffer; sha256: string; pages: number; number: string | null; hospital_id: number }[])[0];
  let d = await read();
  if (!d) {
    const i = await lockRow(ctx.em, InvoiceEntity, id, { only: ['status', 'hospitalId', 'issuedAt', 'voidedAt'] });
    if (!i) throw notFound('The invoice');
    if (i.status === 'draft') throw conflict('A draft has no PDF yet: it is made when the invoice is issued.');
    ctx.requireHospital(i.hospitalId);
    // An invoice loaded from elsewhere (demo data, an import) gets its document on first print, dated by the invoice.
    await storeInvoicePdf(ctx, id, (i.status === 'void' ? i.voidedAt : i.issuedAt) ?? ctx.now());
    d = (await read())!;
  }
  ctx.requireHospital(Number(d.hospital_id));
  ctx.audit({ action: 'invoice.print', entity: 'invoice', entityId: id, hospitalId: Number(d.hospital_id) });
  return { fileName: `${d.number}.pdf`, pdfBase64: Buffer.from(d.pdf).toString('base64'), pages: Number(d.pages), sha256: d.sha256 };
}

export async function receiptPdf(ctx: CallContext, paymentId: number): Promise<{ fileName: string; pdfBase64: string; pages: number; sha256: string }> {
  const [d]: { pdf: Buffer; sha256: string; receipt_number: string; hospital_id: number }[] = await ctx.em.query(
    'SELECT d.pdf, d.sha256, p.receipt_number, p.hospital_id FROM payment_documents d JOIN payments p ON p.id = d.payment_id WHERE d.payment_id = ?',
    [paymentId],
  );
  if (!d) throw notFound('The receipt');
  ctx.requireHospital(Number(d.hospital_id));
  return { fileName: `${d.receipt_number}.pdf`, pdfBase64: Buffer.from(d.pdf).toString('base64'), pages: 1, sha256: d.sha256 };
}

/** Many invoices in one PDF, drawn from their figures in chunks, with progress pushed while it runs. */
export async function batchPdf(ctx: CallContext, input: In<'invoices.batchPdf'>): Promise<{ fileName: string; pdfBase64: string; pages: number; sha256: string }> {
  ctx.requireHospital(input.hospitalId);
  const ids: { id: number }[] = input.ids?.length
    ? await ctx.em.query(`SELECT id FROM invoices WHERE hospital_id = ? AND number IS NOT NULL AND id IN (${input.ids.map(() => '?').join(',')}) ORDER BY number`, [input.hospitalId, ...input.ids])
    : await ctx.em.query('SELECT id FROM invoices WHERE hospital_id = ? AND issue_date = ? ORDER BY number', [input.hospitalId, input.issueDate]);
  const { head, paper, code } = await letterheadOf(ctx, input.hospitalId, { taxNumber: true });
  const jobId = input.jobId ?? `batch-${Date.now()}`;
  const total = ids.length;
  async function* invoices() {
    for (const { id } of ids) yield await readInvoice(ctx, Number(id));
  }
  let last = 0;
  const { bytes, pages } = await renderInvoiceBatch(invoices(), total, head, { paper, at: ctx.now(), title: `Invoices ${input.issueDate ?? ''}`.trim() }, (done) => {
    // Pushed at once, not after the call: the desk shows a progress bar while the file is made.
    if (done === total || done - last >= Math.max(1, Math.floor(total / 50))) {
      last = done;
      ctx.runtime.events.emit('billing.progress', { jobId, done, total });
    }
  });
  if (total === 0) ctx.runtime.events.emit('billing.progress', { jobId, done: 0, total: 0 });
  ctx.audit({ action: 'invoice.batch_print', entity: 'hospital', entityId: input.hospitalId, hospitalId: input.hospitalId, changes: { invoices: total, issueDate: input.issueDate ?? null } });
  return { fileName: `invoices-${code}-${input.issueDate ?? 'selection'}.pdf`, pdfBase64: bytes.toString('base64'), pages, sha256: sha256(bytes) };
}

// ---- lists and the archive ----

/** Newest first; drafts (no issue date) after every issued invoice. */
const NEWEST_FIRST: KeysetColumn<InvoiceRow>[] = [
  { column: 'i.issue_date', direction: 'DESC', kind: 'date', nullable: true, value: (r) => r.issue_date },
  { column: 'i.id', direction: 'DESC', kind: 'int', value: (r) => Number(r.id) },
];

export async function listInvoices(ctx: CallContext, input: In<'invoices.list'>): Promise<Page<InvoiceSummary>> {
  ctx.requireHospital(input.hospitalId);
  const clauses = ['i.hospital_id = ?', input.archived ? 'i.archived_at IS NOT NULL' : 'i.archived_at IS NULL'];
  const args: unknown[] = [input.hospitalId];
  if (input.status === 'open') clauses.push("i.status IN ('issued', 'partially_paid')");
  else if (input.status) {
    clauses.push('i.status = ?');
    args.push(input.status);
  }
  if (input.from) {
    clauses.push('i.issue_date >= ?');
    args.push(input.from);
  }
  if (input.to) {
    clauses.push('i.issue_date <= ?');
    args.push(input.to);
  }
  if (input.patientId) {
    clauses.push('i.patient_id = ?');
    args.push(input.patientId);
  }
  const q = input.query.trim();
  if (q) {
    const prefix = `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    clauses.push('(i.number LIKE ? OR p.patient_number LIKE ? OR p.name_key LIKE ? OR p.name_key_rev LIKE ?)');
    args.push(prefix, prefix, prefix, prefix);
  }
  const page = await keysetPage(ctx.em, { select: INVOICE_SELECT, where: clauses, args }, { order: NEWEST_FIRST, cursor: input.cursor, limit: input.limit });
  const items: InvoiceSummary[] = page.items.map((r) => ({
    id: Number(r.id),
    hospitalId: Number(r.hospital_id),
    number: r.number,
    status: r.status,
    patientId: Number(r.patient_id),
    patientNumber: r.patient_number,
    patientName: fullName(r.first_name, r.middle_name, r.last_name),
    issueDate: r.issue_date,
    createdAt: r.created_at.toISOString(),
    currency: r.currency,
    total: n(r.total),
    balance: r.status === 'void' ? 0 : n(r.total) - n(r.paid),
    archived: r.archived_at !== null,
  }));
  return { items, nextCursor: page.nextCursor };
}

export async function archiveInvoices(ctx: CallContext, hospitalId: number): Promise<{ archived: number }> {
  ctx.requireHospital(hospitalId);
  const h = await requireHospitalEntity(ctx, hospitalId);
  const s = await billingSettings(ctx, hospitalId);
  const before = addDays(localDate(ctx.now(), h.timeZone), -s.archiveAfterDays);
  const res: { affectedRows: number } = await ctx.em.query(
    "UPDATE invoices SET archived_at = ? WHERE hospital_id = ? AND archived_at IS NULL AND status IN ('paid', 'void') AND issue_date < ?",
    [ctx.now(), hospitalId, before],
  );
  ctx.audit({ action: 'invoice.archive', entity: 'invoice', hospitalId, changes: { archived: res.affectedRows, issuedBefore: before } });
  return { archived: res.affectedRows };
}
