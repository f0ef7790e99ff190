// Billing: the charge catalog, a patient's unbilled charges, draft invoices, issuing with gapless numbers and a stored
// PDF, voiding, payments with receipts, printing (one or a batch), the archive, and the billing settings of a hospital.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, Limit, OptionalText, RequiredText, returns, Text, type Page } from './channel';
import { PAPER_SIZES } from './wards';
import { CHARGE_CATEGORIES, PAYMENT_METHODS, RECEIPT_LAYOUTS, type ChargeCategory, type InvoiceStatus, type PaymentMethod, type ReceiptLayout } from '../domain/billing';

/** Who bills. */
export const BILLING = ['billing'] as const;
/** Who keeps the charge catalog and the billing settings (PRODUCT.md: catalogs and settings are the administrator's). */
export const BILLING_ADMINS = ['admin'] as const;
/** Who reads invoices. */
export const BILLING_READERS = ['billing', 'admin', 'manager'] as const;

const Money = z.number({ error: 'Expected an amount in minor units.' }).int({ error: 'Whole minor units only.' }).min(0).max(100_000_000_000);
const TaxRate = z.number({ error: 'Expected a rate in basis points.' }).int().min(0).max(10_000);

export interface CatalogItem {
  id: number;
  hospitalId: number;
  code: string;
  description: string;
  category: ChargeCategory;
  price: number;
  taxRateBp: number;
  currency: string;
  active: boolean;
}

export interface Charge {
  id: number;
  hospitalId: number;
  patientId: number;
  category: ChargeCategory;
  description: string;
  quantity: number;
  unitPrice: number;
  amount: number;
  taxRateBp: number;
  currency: string;
  serviceDate: string;
  sourceType: string | null;
  sourceId: number | null;
  invoiceId: number | null;
}

export interface InvoiceLine {
  id: number;
  chargeId: number | null;
  description: string;
  category: ChargeCategory;
  quantity: number;
  unitPrice: number;
  taxRateBp: number;
  net: number;
  tax: number;
  total: number;
}

export interface Payment {
  id: number;
  invoiceId: number;
  amount: number;
  method: PaymentMethod;
  reference: string | null;
  paidAt: string;
  cashierName: string;
  receiptNumber: string;
}

export interface Invoice {
  id: number;
  hospitalId: number;
  patientId: number;
  patientNumber: string;
  patientName: string;
  /** Assigned at issue: INV-2026-000123. */
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  lines: InvoiceLine[];
  subtotal: number;
  tax: number;
  taxByRate: { rateBp: number; net: number; tax: number }[];
  discount: number;
  discountReason: string | null;
  total: number;
  insuranceProvider: string | null;
  insurancePolicyNumber: string | null;
  insurancePercent: number | null;
  insuranceShare: number;
  paid: number;
  balance: number;
  payments: Payment[];
  issuedAt: string | null;
  issueDate: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  archived: boolean;
  /** SHA-256 of the stored PDF. */
  pdfSha256: string | null;
  version: number;
}

export interface InvoiceSummary {
  id: number;
  hospitalId: number;
  number: string | null;
  status: InvoiceStatus;
  patientId: number;
  patientNumber: string;
  patientName: string;
  issueDate: string | null;
  createdAt: string;
  currency: string;
  total: number;
  balance: number;
  archived: boolean;
}

export interface BillingSettings {
  hospitalId: number;
  taxNumber: string | null;
  /** Refuse the final discharge while the patient has unbilled charges. */
  requireBilledBeforeDischarge: boolean;
  /** Paid and void invoices older than this move to the archive. */
  archiveAfterDays: number;
  /** Paper of invoices and receipts. */
  paper: 'A4' | 'Letter';
  /** Receipts on that paper ('a4'), or on an 80 mm till roll for a thermal printer ('thermal80'). */
  receiptLayout: ReceiptLayout;
}

const PdfFile = returns<{ fileName: string; pdfBase64: string; pages: number; sha256: string }>();

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const billingKinds = ['catalog_item', 'charge', 'invoice', 'billing_settings'] as const;

export const billing = {
  'catalog.create': channel({
    input: z.object({
      hospitalId: Id,
      code: RequiredText(20).pipe(z.string().regex(/^[A-Za-z0-9._-]+$/, { error: 'Letters, digits and . _ - only.' })),
      description: RequiredText(200),
      category: z.enum(CHARGE_CATEGORIES),
      price: Money,
      taxRateBp: TaxRate.optional(),
    }),
    output: returns<CatalogItem>(),
    access: BILLING_ADMINS,
    kind: 'write',
    changes: ['catalog_item'],
  }),
  'catalog.update': channel({
    input: z.object({ id: Id, description: RequiredText(200).optional(), price: Money.optional(), taxRateBp: TaxRate.optional(), active: z.boolean().optional() }),
    output: returns<CatalogItem>(),
    access: BILLING_ADMINS,
    kind: 'write',
    changes: ['catalog_item'],
  }),
  'catalog.list': channel({
    input: z.object({ hospitalId: Id, query: Text(100).default(''), includeInactive: z.boolean().default(false), limit: Limit, cursor: Cursor }),
    output: returns<Page<CatalogItem>>(),
    access: [...BILLING_READERS, 'front_desk', 'nurse', 'doctor'],
    kind: 'read',
    shows: ['catalog_item'],
  }),
  /** A patient's charges not yet on an invoice: consultations, room-days, and items added by hand. */
  'charges.unbilled': channel({
    input: z.object({ patientId: Id, hospitalId: Id.optional(), limit: Limit, cursor: Cursor }),
    output: returns<Page<Charge>>(),
    access: BILLING_READERS,
    kind: 'read',
    shows: ['charge', 'catalog_item'],
  }),
  'charges.add': channel({
    input: z.object({ patientId: Id, catalogItemId: Id, quantity: z.number().int().min(1).max(10_000).default(1), serviceDate: IsoDate.optional(), note: OptionalText(200) }),
    output: returns<Charge>(),
    access: [...BILLING, 'nurse', 'doctor'],
    kind: 'write',
    changes: ['charge'],
  }),
  'invoices.createDraft': channel({
    input: z.object({ patientId: Id, chargeIds: z.array(Id).min(1, { error: 'Choose at least one charge.' }).max(500) }),
    output: returns<Invoice>(),
    access: BILLING,
    kind: 'write',
    changes: ['invoice', 'charge'],
  }),
  'invoices.updateDraft': channel({
    input: z
      .object({
        id: Id,
        version: z.number().int().min(1),
        quantities: z.array(z.object({ lineId: Id, quantity: z.number().int().min(1).max(10_000) })).max(500).default([]),
        removeLineIds: z.array(Id).max(500).default([]),
        addChargeIds: z.array(Id).max(500).default([]),
        discount: Money.optional(),
        discountReason: OptionalText(300),
        /** Take the insurance share from the patient's insurance (when valid on the day). */
        applyInsurance: z.boolean().optional(),
      })
      .refine((d) => !d.discount || !!d.discountReason, { path: ['discountReason'], error: 'A discount needs a reason.' }),
    output: returns<Invoice>(),
    access: BILLING,
    kind: 'write',
    changes: ['invoice', 'charge'],
  }),
  /** Deletes a draft; its charges are unbilled again. */
  'invoices.deleteDraft': channel({ input: z.object({ id: Id }), output: returns<null>(), access: BILLING, kind: 'write', changes: ['invoice', 'charge'] }),
  /** Gives the draft the next number of its hospital and year and stores its PDF; from then on it is never edited. */
  'invoices.issue': channel({ input: z.object({ id: Id, version: z.number().int().min(1).optional() }), output: returns<Invoice>(), access: BILLING, kind: 'write', changes: ['invoice'] }),
  'invoices.void': channel({ input: z.object({ id: Id, reason: RequiredText(300) }), output: returns<Invoice>(), access: BILLING, kind: 'write', changes: ['invoice', 'charge'] }),
  'invoices.get': channel({ input: z.object({ id: Id }), output: returns<Invoice>(), access: BILLING_READERS, kind: 'read', shows: ['invoice', 'charge', 'patient'] }),
  'invoices.list': channel({
    input: z.object({
      hospitalId: Id,
      query: Text(100).default(''),
      status: z.enum(['draft', 'issued', 'partially_paid', 'paid', 'void', 'open']).optional(),
      from: IsoDate.optional(),
      to: IsoDate.optional(),
      archived: z.boolean().default(false),
      patientId: Id.optional(),
      limit: Limit,
      cursor: Cursor,
    }),
    output: returns<Page<InvoiceSummary>>(),
    access: BILLING_READERS,
    kind: 'read',
    shows: ['invoice', 'patient'],
  }),
  /** The PDF stored at issue: every reprint is byte-identical. */
  'invoices.pdf': channel({ input: z.object({ id: Id }), output: PdfFile, access: BILLING_READERS, kind: 'read', shows: ['invoice', 'charge', 'patient'] }),
  /** The invoice as of now (payments so far, what the patient and the insurer still owe), made afresh: never stored. */
  'invoices.statementPdf': channel({ input: z.object({ invoiceId: Id }), output: PdfFile, access: ['billing', 'manager'], kind: 'read', shows: ['invoice', 'charge', 'patient'] }),
  /** Stored PDFs of many invoices as one file (issued on a day, or the listed ids), with progress events. */
  'invoices.batchPdf': channel({
    input: z
      .object({ hospitalId: Id, issueDate: IsoDate.optional(), ids: z.array(Id).max(5000).optional(), jobId: Text(60).optional() })
      .refine((b) => b.issueDate !== undefined || (b.ids?.length ?? 0) > 0, { path: ['issueDate'], error: 'Choose a day or invoices.' }),
    output: PdfFile,
    access: BILLING_READERS,
    kind: 'read',
    shows: ['invoice', 'charge', 'patient'],
  }),
  /** Moves paid and void invoices issued more than the hospital's archive age ago to the archive (still searchable). */
  'invoices.archive': channel({ input: z.object({ hospitalId: Id }), output: returns<{ archived: number }>(), access: BILLING, kind: 'write', changes: ['invoice'] }),
  /**
   * `idempotencyKey`: a UUID the desk makes for one submit and sends again with a retry of it. The same key again
   * answers with the invoice and records nothing; the same key with other details is CONFLICT.
   */
  'payments.record': channel({
    input: z.object({
      invoiceId: Id,
      amount: Money.refine((a) => a > 0, { error: 'More than nothing.' }),
      method: z.enum(PAYMENT_METHODS),
      reference: OptionalText(80),
      idempotencyKey: z.uuid({ error: 'Expected a UUID.' }).transform((k) => k.toLowerCase()).optional(),
    }),
    output: returns<Invoice>(),
    access: BILLING,
    kind: 'write',
    changes: ['invoice'],
  }),
  'payments.receiptPdf': channel({ input: z.object({ paymentId: Id }), output: PdfFile, access: BILLING_READERS, kind: 'read', shows: ['invoice'] }),
  'billing.getSettings': channel({ input: z.object({ hospitalId: Id }), output: returns<BillingSettings>(), access: [...BILLING_READERS, 'nurse'], kind: 'read', shows: ['billing_settings'] }),
  'billing.setSettings': channel({
    input: z.object({
      hospitalId: Id,
      taxNumber: OptionalText(40),
      requireBilledBeforeDischarge: z.boolean(),
      archiveAfterDays: z.number().int().min(1).max(3650),
      paper: z.enum(PAPER_SIZES).default('A4'),
      receiptLayout: z.enum(RECEIPT_LAYOUTS).optional(),
    }),
    output: returns<BillingSettings>(),
    access: BILLING_ADMINS,
    kind: 'write',
    changes: ['billing_settings'],
  }),
} as const;
