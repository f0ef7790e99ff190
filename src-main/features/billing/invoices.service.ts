// Invoices: drafts built from charges, issuing with the next gapless number of the hospital and year, voiding,
// payments with receipts, the archive.
import { conflict, invalid, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Invoice } from '@shared/contract/billing';
import { invoiceAmounts, invoiceNumber, lineAmounts, statusAfterPayments } from '@shared/domain/billing';
import { addDays, localDate } from '@shared/domain/dates';
import { formatMoney } from '@shared/domain/money';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { lockRow, lockRows } from '../../db/locks';
import { insertRows } from '../../db/writer';
import { nextInSequence, sequenceKey } from '../../db/sequences';
import { letterheadOf } from '../../platform/letterhead';
import { requireHospitalEntity } from '../hospitals';
import { PatientEntity } from '../patients';
import { InvoiceEntity, InvoiceLineEntity, PaymentEntity } from './billing.entity';
import { ChargeEntity } from './charge.entity';
import { billingSettings } from './charges.service';
import { receiptNumber } from './rules';
import { readInvoice } from './invoice.queries';
import { storeInvoicePdf, storeReceiptPdf } from './invoice.documents';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

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
/** Locks the charges (in id order) and checks they can go on one invoice of this patient; returns them by service date. */
async function takeCharges(ctx: CallContext, patientId: number, chargeIds: number[], hospitalId: number | null): Promise<{ rows: ChargeEntity[]; hospitalId: number }> {
  const rows = await lockRows(ctx.em, ChargeEntity, chargeIds, {
    only: ['hospitalId', 'patientId', 'invoiceId', 'description', 'category', 'quantity', 'unitPrice', 'taxRateBp', 'serviceDate'],
  });
  if (rows.length !== new Set(chargeIds).size) throw notFound('A charge');
  rows.sort((a, b) => (a.serviceDate < b.serviceDate ? -1 : a.serviceDate > b.serviceDate ? 1 : Number(a.id) - Number(b.id)));
  for (const r of rows) {
    if (Number(r.patientId) !== patientId) throw invalid({ chargeIds: 'Every charge must be of this patient.' });
    ctx.requireHospital(r.hospitalId);
    if (hospitalId !== null && r.hospitalId !== hospitalId) throw invalid({ chargeIds: 'One invoice bills one hospital: these charges are of several.' });
    hospitalId = r.hospitalId;
    if (r.invoiceId !== null) {
      const [on]: { number: string | null }[] = await ctx.em.query('SELECT number FROM invoices WHERE id = ?', [r.invoiceId]);
      throw conflict(`"${r.description}" is already on ${on?.number ?? 'a draft invoice'}.`);
    }
  }
  return { rows, hospitalId: hospitalId! };
}

async function addLines(ctx: CallContext, invoiceId: number, rows: ChargeEntity[], from: number): Promise<void> {
  if (rows.length === 0) return;
  await insertRows(
    ctx.em,
    InvoiceLineEntity,
    rows.map((r, i) => {
      const a = lineAmounts(Number(r.quantity), Number(r.unitPrice), Number(r.taxRateBp));
      return Object.assign(new InvoiceLineEntity(), {
        invoiceId,
        chargeId: Number(r.id),
        position: from + i,
        description: r.description,
        category: r.category,
        quantity: Number(r.quantity),
        unitPrice: Number(r.unitPrice),
        taxRateBp: Number(r.taxRateBp),
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
    lines.map((l) => ({ quantity: Number(l.quantity), unitPrice: Number(l.unit_price), taxRateBp: Number(l.tax_rate_bp) })),
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

export async function issueInvoice(ctx: CallContext, input: In<'invoices.issue'>): Promise<Invoice> {
  const inv = await lockInvoice(ctx, input.id);
  requireDraft(inv);
  if (input.version !== undefined && input.version !== inv.version) throw conflict('The draft was changed at another desk since you opened it; check it before issuing.', { current: await readInvoice(ctx, inv.id) });
  // One read of the hospital serves the issue date (its zone) and the document's letterhead.
  const letterhead = await letterheadOf(ctx, inv.hospitalId, { taxNumber: true });
  const now = ctx.now();
  const issueDate = localDate(now, letterhead.head.timeZone);
  const year = Number(issueDate.slice(0, 4));
  const number = invoiceNumber(year, await nextInSequence(ctx.em, sequenceKey.invoice(inv.hospitalId, year)));
  await ctx.em.query("UPDATE invoices SET number = ?, status = 'issued', issued_at = ?, issue_date = ?, issued_by = ?, version = version + 1 WHERE id = ?", [
    number,
    now,
    issueDate,
    ctx.user.userId,
    inv.id,
  ]);
  const issued = await storeInvoicePdf(ctx, inv.id, now, letterhead);
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

/**
 * A payment already recorded with this submit's key (the same payment sent again: answered with the invoice, nothing
 * recorded) or, on this invoice, with this reference (a cheque or transaction number is one payment). Read with a
 * lock so a desk that waited for the invoice sees what the one before it committed.
 */
async function findRepeatedPayment(ctx: CallContext, input: In<'payments.record'>): Promise<Invoice | null> {
  if (input.idempotencyKey) {
    const [first]: { invoice_id: number | string; amount: number | string; method: string; reference: string | null; receipt_number: string }[] = await ctx.em.query(
      'SELECT invoice_id, amount, method, reference, receipt_number FROM payments WHERE idempotency_key = ? FOR UPDATE',
      [input.idempotencyKey],
    );
    if (first) {
      const same = Number(first.invoice_id) === input.invoiceId && Number(first.amount) === input.amount && first.method === input.method && first.reference === input.reference;
      if (!same) throw conflict(`This submit was already recorded as receipt ${first.receipt_number} with other details; reload the invoice before taking another payment.`);
      return readInvoice(ctx, input.invoiceId, { latest: true });
    }
  }
  if (input.reference) {
    const [dup]: { receipt_number: string }[] = await ctx.em.query(
      'SELECT receipt_number FROM payments WHERE invoice_id = ? AND reference = ? FOR UPDATE',
      [input.invoiceId, input.reference],
    );
    if (dup) throw conflict(`A payment with reference ${input.reference} is already recorded on this invoice (receipt ${dup.receipt_number}).`);
  }
  return null;
}

export async function recordPayment(ctx: CallContext, input: In<'payments.record'>): Promise<Invoice> {
  const inv = await lockInvoice(ctx, input.invoiceId);
  const repeated = await findRepeatedPayment(ctx, input);
  if (repeated) {
    ctx.audit({ action: 'payment.repeat_ignored', entity: 'invoice', entityId: inv.id, hospitalId: inv.hospitalId, changes: { idempotencyKey: input.idempotencyKey } });
    return repeated;
  }
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
  const letterhead = await letterheadOf(ctx, inv.hospitalId, { taxNumber: true });
  const now = ctx.now();
  const year = Number(localDate(now, letterhead.head.timeZone).slice(0, 4));
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
      idempotencyKey: input.idempotencyKey ?? null,
    }),
  ]);
  await ctx.em.query('UPDATE invoices SET paid = ?, status = ?, version = version + 1 WHERE id = ?', [paid, statusAfterPayments(Number(inv.total), paid), inv.id]);
  const invoice = await readInvoice(ctx, inv.id);
  await storeReceiptPdf(ctx, invoice, paymentId, letterhead);
  ctx.audit({ action: 'payment.record', entity: 'invoice', entityId: inv.id, hospitalId: inv.hospitalId, changes: { amount: input.amount, method: input.method, reference: input.reference, receipt } });
  return invoice;
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
