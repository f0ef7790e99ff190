// Invoice and receipt PDFs: rendered when issued, voided or paid and stored with their SHA-256 (reprints are the stored
// bytes), invoices loaded from elsewhere get theirs on first print; a statement of an invoice as of now (made fresh
// each time, never stored); many invoices in one batch PDF with progress.
import { createHash } from 'node:crypto';
import { conflict, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Invoice } from '@shared/contract/billing';
import type { CallContext } from '../../platform/context';
import { lockRow } from '../../db/locks';
import { upsert } from '../../db/upsert';
import { localDate } from '@shared/domain/dates';
import { renderInvoiceBatch, renderInvoicePdf, renderInvoiceStatement, renderReceiptPdf } from '../../pdf/invoice.pdf';
import { letterheadOf, type HospitalPaper } from '../../platform/letterhead';
import { InvoiceDocumentEntity, InvoiceEntity } from './billing.entity';
import { readInvoice } from './invoice.queries';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Renders the invoice as it stands and stores the document with its SHA-256 (replacing an earlier one: void).
 * `letterhead` saves reading the hospital again when the caller has it.
 */
export async function storeInvoicePdf(ctx: CallContext, id: number, at: Date, letterhead?: HospitalPaper): Promise<Invoice> {
  const invoice = await readInvoice(ctx, id);
  const { head, paper } = letterhead ?? (await letterheadOf(ctx, invoice.hospitalId, { taxNumber: true }));
  const { bytes, pages } = await renderInvoicePdf(invoice, head, { paper, at });
  const hash = sha256(bytes);
  await upsert(ctx.em, InvoiceDocumentEntity, { invoiceId: id, pdf: bytes, sha256: hash, pages, createdAt: ctx.now() }, ['invoiceId']);
  return { ...invoice, pdfSha256: hash };
}


/** The invoice as it stood right after one of its payments: that payment and those before it. */
function afterPayment(invoice: Invoice, paymentId: number): Invoice {
  const payments = invoice.payments.filter((p) => p.id <= paymentId);
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  return { ...invoice, payments, paid, balance: invoice.total - paid };
}

/**
 * Renders a payment's receipt in the hospital's receipt layout (its paper, or an 80 mm till roll) and stores it with
 * its SHA-256: reprints are these bytes, in the layout of the day it was made.
 */
export async function storeReceiptPdf(ctx: CallContext, invoice: Invoice, paymentId: number, letterhead: HospitalPaper): Promise<{ bytes: Buffer; sha256: string }> {
  const payment = invoice.payments.find((p) => p.id === paymentId)!;
  const { bytes } = await renderReceiptPdf(afterPayment(invoice, paymentId), payment, letterhead.head, letterhead.paper, letterhead.receiptLayout);
  const hash = sha256(bytes);
  // Two desks printing a loaded payment's receipt for the first time at once make the same bytes: the second keeps the first.
  await ctx.em.query('INSERT INTO payment_documents (payment_id, pdf, sha256) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE payment_id = payment_id', [paymentId, bytes, hash]);
  return { bytes, sha256: hash };
}

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

/**
 * The invoice as of now: its payments so far and what the patient and the insurer still owe. The stored invoice stays
 * the document as issued; a statement is made afresh on every call.
 */
export async function statementPdf(ctx: CallContext, id: number): Promise<{ fileName: string; pdfBase64: string; pages: number; sha256: string }> {
  const [i]: { hospital_id: number; status: string }[] = await ctx.em.query('SELECT hospital_id, status FROM invoices WHERE id = ?', [id]);
  if (!i) throw notFound('The invoice');
  ctx.requireHospital(Number(i.hospital_id));
  if (i.status === 'draft') throw conflict('A draft has no statement yet: issue the invoice first.');
  const invoice = await readInvoice(ctx, id);
  const { head, paper } = await letterheadOf(ctx, invoice.hospitalId, { taxNumber: true });
  const at = ctx.now();
  const { bytes, pages } = await renderInvoiceStatement(invoice, head, { paper, at });
  ctx.audit({ action: 'invoice.print_statement', entity: 'invoice', entityId: id, hospitalId: invoice.hospitalId });
  return { fileName: `${invoice.number}-statement-${localDate(at, head.timeZone)}.pdf`, pdfBase64: bytes.toString('base64'), pages, sha256: sha256(bytes) };
}

export async function receiptPdf(ctx: CallContext, paymentId: number): Promise<{ fileName: string; pdfBase64: string; pages: number; sha256: string }> {
  const [p]: { invoice_id: number; receipt_number: string; hospital_id: number; pdf: Buffer | null; sha256: string | null }[] = await ctx.em.query(
    'SELECT p.invoice_id, p.receipt_number, p.hospital_id, d.pdf, d.sha256 FROM payments p LEFT JOIN payment_documents d ON d.payment_id = p.id WHERE p.id = ?',
    [paymentId],
  );
  if (!p) throw notFound('The receipt');
  ctx.requireHospital(Number(p.hospital_id));
  // A payment loaded from elsewhere (demo data, an import) gets its receipt on first print, as it stood after that payment.
  const d: { bytes: Buffer; sha256: string } =
    p.pdf && p.sha256
      ? { bytes: Buffer.from(p.pdf), sha256: p.sha256 }
      : await storeReceiptPdf(ctx, await readInvoice(ctx, Number(p.invoice_id)), paymentId, await letterheadOf(ctx, Number(p.hospital_id), { taxNumber: true }));
  return { fileName: `${p.receipt_number}.pdf`, pdfBase64: d.bytes.toString('base64'), pages: 1, sha256: d.sha256 };
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
