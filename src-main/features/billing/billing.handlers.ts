// catalog.*, charges.*, invoices.*, payments.* and billing.* channels.
import { billing } from '@shared/contract/billing';
import { defineHandlers } from '../../platform/handlers';
import { addCharge, createCatalogItem, getBillingSettings, listCatalog, listUnbilled, setBillingSettings, updateCatalogItem } from './charges.service';
import { batchPdf, invoicePdf, receiptPdf, statementPdf } from './invoice.documents';
import { getInvoice, listInvoices } from './invoice.queries';
import { archiveInvoices, createDraft, deleteDraft, issueInvoice, recordPayment, updateDraft, voidInvoice } from './invoices.service';

export const billingHandlers = defineHandlers(billing, {
  'catalog.create': (input, ctx) => createCatalogItem(ctx, input),
  'catalog.update': (input, ctx) => updateCatalogItem(ctx, input),
  'catalog.list': (input, ctx) => listCatalog(ctx, input),
  'charges.unbilled': (input, ctx) => listUnbilled(ctx, input),
  'charges.add': (input, ctx) => addCharge(ctx, input),
  'invoices.createDraft': (input, ctx) => createDraft(ctx, input),
  'invoices.updateDraft': (input, ctx) => updateDraft(ctx, input),
  'invoices.deleteDraft': (input, ctx) => deleteDraft(ctx, input.id),
  'invoices.issue': (input, ctx) => issueInvoice(ctx, input),
  'invoices.void': (input, ctx) => voidInvoice(ctx, input),
  'invoices.get': (input, ctx) => getInvoice(ctx, input.id),
  'invoices.list': (input, ctx) => listInvoices(ctx, input),
  'invoices.pdf': (input, ctx) => invoicePdf(ctx, input.id),
  'invoices.statementPdf': (input, ctx) => statementPdf(ctx, input.invoiceId),
  'invoices.batchPdf': (input, ctx) => batchPdf(ctx, input),
  'invoices.archive': (input, ctx) => archiveInvoices(ctx, input.hospitalId),
  'payments.record': (input, ctx) => recordPayment(ctx, input),
  'payments.receiptPdf': (input, ctx) => receiptPdf(ctx, input.paymentId),
  'billing.getSettings': (input, ctx) => getBillingSettings(ctx, input.hospitalId),
  'billing.setSettings': (input, ctx) => setBillingSettings(ctx, input),
});
