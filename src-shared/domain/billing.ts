// Invoice arithmetic in integer minor units: line tax rounded half-up per line, totals, discount, insurance share,
// balance; statuses and payment methods. Products go through BigInt so no amount ever passes through a float.

export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  issued: 'Issued',
  partially_paid: 'Partly paid',
  paid: 'Paid',
  void: 'Void',
};

export const PAYMENT_METHODS = ['cash', 'card', 'mobile_money', 'insurance', 'bank_transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  cash: 'Cash',
  card: 'Card',
  mobile_money: 'Mobile money',
  insurance: 'Insurance',
  bank_transfer: 'Bank transfer',
};

/** How a hospital prints receipts: on its paper (A4 or Letter), or on an 80 mm till roll of a thermal printer. */
export const RECEIPT_LAYOUTS = ['a4', 'thermal80'] as const;
export type ReceiptLayout = (typeof RECEIPT_LAYOUTS)[number];

export const RECEIPT_LAYOUT_LABELS: Record<ReceiptLayout, string> = { a4: 'Paper of invoices', thermal80: '80 mm till roll' };

export const CHARGE_CATEGORIES = ['consultation', 'treatment', 'test', 'room', 'medicine', 'other'] as const;
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];

export const CHARGE_CATEGORY_LABELS: Record<ChargeCategory, string> = {
  consultation: 'Consultation',
  treatment: 'Treatment',
  test: 'Test',
  room: 'Room',
  medicine: 'Medicine',
  other: 'Other',
};

/** a × b / d rounded half-up (all non-negative integers), exactly. */
export function mulDivHalfUp(a: number, b: number, d: number): number {
  const n = BigInt(a) * BigInt(b);
  const q = (n * 2n + BigInt(d)) / (2n * BigInt(d));
  return Number(q);
}

export interface LineAmounts {
  net: number;
  tax: number;
  total: number;
}

/** A line: quantity × unit price, and its tax (rate in basis points) rounded half-up on the line. */
export function lineAmounts(quantity: number, unitPrice: number, taxRateBp: number): LineAmounts {
  const net = Number(BigInt(quantity) * BigInt(unitPrice));
  const tax = mulDivHalfUp(net, taxRateBp, 10_000);
  return { net, tax, total: net + tax };
}

export interface InvoiceAmounts {
  subtotal: number;
  tax: number;
  discount: number;
  total: number;
  /** Tax per rate, for the invoice's tax summary. */
  taxByRate: { rateBp: number; net: number; tax: number }[];
  insuranceShare: number;
  /** What the patient owes themselves: total − insurance share. */
  patientShare: number;
}

export function invoiceAmounts(lines: { quantity: number; unitPrice: number; taxRateBp: number }[], discount: number, insurancePercent: number | null): InvoiceAmounts {
  let subtotal = 0;
  let tax = 0;
  const byRate = new Map<number, { net: number; tax: number }>();
  for (const l of lines) {
    const a = lineAmounts(l.quantity, l.unitPrice, l.taxRateBp);
    subtotal += a.net;
    tax += a.tax;
    const r = byRate.get(l.taxRateBp) ?? { net: 0, tax: 0 };
    r.net += a.net;
    r.tax += a.tax;
    byRate.set(l.taxRateBp, r);
  }
  const total = subtotal + tax - discount;
  const insuranceShare = insurancePercent ? mulDivHalfUp(total, insurancePercent, 100) : 0;
  return {
    subtotal,
    tax,
    discount,
    total,
    taxByRate: [...byRate].sort((a, b) => a[0] - b[0]).map(([rateBp, v]) => ({ rateBp, ...v })),
    insuranceShare,
    patientShare: total - insuranceShare,
  };
}

/** The status an issued invoice has after payments. */
export function statusAfterPayments(total: number, paid: number): InvoiceStatus {
  return paid <= 0 ? 'issued' : paid >= total ? 'paid' : 'partially_paid';
}

/** One party's part of an invoice: its share, what it has paid, and what it still owes. */
export interface PartyShare {
  share: number;
  paid: number;
  due: number;
}

/**
 * Who owes what: the insurer its share less the payments made by insurance, the patient the rest less their own
 * payments (every other method). What one party paid beyond its share counts for the other, so the two amounts still
 * owed add up to the balance. A void invoice is owed by nobody.
 */
export function invoiceShares(inv: { status: InvoiceStatus; total: number; insuranceShare: number; payments: { amount: number; method: PaymentMethod }[] }): { patient: PartyShare; insurer: PartyShare } {
  const insurerPaid = inv.payments.filter((p) => p.method === 'insurance').reduce((sum, p) => sum + p.amount, 0);
  const patientPaid = inv.payments.filter((p) => p.method !== 'insurance').reduce((sum, p) => sum + p.amount, 0);
  const patientShare = inv.total - inv.insuranceShare;
  const overInsurer = Math.max(0, insurerPaid - inv.insuranceShare);
  const overPatient = Math.max(0, patientPaid - patientShare);
  const owed = (share: number, paid: number, coveredByOther: number) => (inv.status === 'void' ? 0 : Math.max(0, share - paid - coveredByOther));
  return {
    patient: { share: patientShare, paid: patientPaid, due: owed(patientShare, patientPaid, overInsurer) },
    insurer: { share: inv.insuranceShare, paid: insurerPaid, due: owed(inv.insuranceShare, insurerPaid, overPatient) },
  };
}

/** "INV-2026-000123" */
export const invoiceNumber = (year: number, seq: number) => `INV-${year}-${String(seq).padStart(6, '0')}`;

/** Basis points as a percentage for people: 1800 → "18%", 1250 → "12.5%". */
export const ratePercent = (bp: number) => `${(bp / 100).toString()}%`;
