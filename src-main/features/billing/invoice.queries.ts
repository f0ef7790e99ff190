// Reading invoices: one invoice with its lines and payments, and the hospital's invoice list a page at a time, newest first.
import { notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { Invoice, InvoiceLine, InvoiceSummary, Payment } from '@shared/contract/billing';
import { invoiceAmounts, type ChargeCategory, type InvoiceStatus, type PaymentMethod } from '@shared/domain/billing';
import { fullName } from '@shared/domain/format';
import type { CallContext } from '../../platform/context';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { searchKey } from '../patients';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

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

/**
 * The invoice with its lines and payments. `latest`: read what is committed now, with shared locks, rather than this
 * transaction's snapshot (which predates whatever a desk it waited for has since committed).
 */
export async function readInvoice(ctx: CallContext, id: number, opts: { latest?: boolean } = {}): Promise<Invoice> {
  const lock = opts.latest ? ' LOCK IN SHARE MODE' : '';
  const [r]: InvoiceRow[] = await ctx.em.query(`${INVOICE_SELECT} WHERE i.id = ?${lock}`, [id]);
  if (!r) throw notFound('The invoice');
  const lines: { id: number; charge_id: number | null; description: string; category: ChargeCategory; quantity: number; unit_price: number | string; tax_rate_bp: number; net: number | string; tax: number | string; total: number | string }[] =
    await ctx.em.query(`SELECT id, charge_id, description, category, quantity, unit_price, tax_rate_bp, net, tax, total FROM invoice_lines WHERE invoice_id = ? ORDER BY position, id${lock}`, [id]);
  const payments: { id: number; amount: number | string; method: PaymentMethod; reference: string | null; paid_at: Date; receipt_number: string; full_name: string | null }[] = await ctx.em.query(
    `SELECT pm.id, pm.amount, pm.method, pm.reference, pm.paid_at, pm.receipt_number, u.full_name FROM payments pm LEFT JOIN users u ON u.id = pm.cashier_id WHERE pm.invoice_id = ? ORDER BY pm.id${lock}`,
    [id],
  );
  const [doc]: { sha256: string }[] = await ctx.em.query(`SELECT sha256 FROM invoice_documents WHERE invoice_id = ?${lock}`, [id]);
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
    const like = (s: string) => `${s.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const prefix = like(q);
    const name = like(searchKey(q));
    clauses.push('(i.number LIKE ? OR p.patient_number LIKE ? OR p.name_key LIKE ? OR p.name_key_rev LIKE ?)');
    args.push(prefix, prefix, name, name);
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
