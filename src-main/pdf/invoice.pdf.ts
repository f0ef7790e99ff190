// Invoices and payment receipts as printed documents. An invoice is drawn from its stored figures only, and the PDF's
// dates come from the invoice (issued or voided at), so the same invoice always renders to the same bytes. A statement
// is the same invoice as of a later moment: the payments received until then and what the patient and insurer still owe.
import type { Invoice, Payment } from '@shared/contract/billing';
import type { PaperSize } from '@shared/contract/wards';
import { CHARGE_CATEGORY_LABELS, invoiceShares, PAYMENT_METHOD_LABELS, ratePercent, type ReceiptLayout } from '@shared/domain/billing';
import { formatMoney } from '@shared/domain/money';
import { readableDate, readableDateTime } from '@shared/domain/format';
import { createDocument, TILL_ROLL_WIDTH, type DocumentOptions, type HospitalLetterhead, type PdfDocument, type TableColumn, type TableRow } from './layout';

const LINE_COLUMNS: TableColumn[] = [
  { header: '#', width: 22, align: 'right' },
  { header: 'Description', flex: 1 },
  { header: 'Qty', width: 34, align: 'right' },
  { header: 'Unit price', width: 78, align: 'right' },
  { header: 'Tax', width: 40, align: 'right' },
  { header: 'Tax amount', width: 70, align: 'right' },
  { header: 'Line total', width: 84, align: 'right' },
];

/**
 * One invoice from the top of the current page. With `statementAt`, a statement of it as of that moment: titled so,
 * and its totals go on to who still owes what.
 */
export function drawInvoice(pdf: PdfDocument, invoice: Invoice, hospital: HospitalLetterhead, statementAt?: Date): void {
  const tz = hospital.timeZone;
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  const title = `${statementAt ? 'Statement' : 'Invoice'}${invoice.status === 'void' ? ' · VOID' : ''}`;
  pdf.header(hospital, title, [
    invoice.number ?? 'Draft',
    invoice.issueDate ? `Issued ${readableDate(invoice.issueDate)}` : 'Not issued',
    ...(statementAt ? [`Statement as of ${readableDateTime(statementAt, tz)}`] : []),
    `Currency ${invoice.currency}`,
  ]);
  if (statementAt) {
    pdf.paragraph(
      `Payments received until ${readableDateTime(statementAt, tz)}. The invoice as issued is unchanged; this statement shows what has been paid since and what is still owed.`,
      { size: 9, color: '#5a5f66' },
      6,
    );
  }
  if (invoice.status === 'void') {
    pdf.paragraph(`VOID — ${invoice.voidReason ?? ''}${invoice.voidedAt ? ` (voided ${readableDateTime(invoice.voidedAt, tz)})` : ''}. This invoice is cancelled; its number stays used.`, { size: 12, bold: true, color: '#b42318' }, 8);
  }
  pdf.keyValues(
    [
      ['Patient', invoice.patientName],
      ['Patient no.', invoice.patientNumber],
      ['Insurance', invoice.insuranceProvider ? `${invoice.insuranceProvider}${invoice.insurancePolicyNumber ? `, policy ${invoice.insurancePolicyNumber}` : ''}` : 'None'],
      ['Insurance covers', invoice.insurancePercent ? `${invoice.insurancePercent}%` : '—'],
    ],
    { columns: 2, labelWidth: 70 },
  );
  pdf.moveDown(6);
  const rows: TableRow[] = invoice.lines.map((l, i) => ({
    cells: [String(i + 1), `${l.description} (${CHARGE_CATEGORY_LABELS[l.category]})`, String(l.quantity), money(l.unitPrice), ratePercent(l.taxRateBp), money(l.tax), money(l.total)],
  }));
  pdf.table(LINE_COLUMNS, rows, { fontSize: 8.5, zebra: true, continuedTitle: `${invoice.number ?? 'Draft invoice'}, lines`, emptyText: 'No lines.' });
  pdf.moveDown(6);

  const totals: TableRow[] = [
    { cells: ['Subtotal', money(invoice.subtotal)] },
    ...invoice.taxByRate.map((t) => ({ cells: [`Tax ${ratePercent(t.rateBp)} on ${money(t.net)}`, money(t.tax)] })),
    ...(invoice.discount ? [{ cells: [`Discount${invoice.discountReason ? ` (${invoice.discountReason})` : ''}`, `-${money(invoice.discount)}`] }] : []),
    { cells: ['Total', money(invoice.total)], bold: true, fill: '#eef1f4' },
    ...(invoice.insuranceShare ? [{ cells: [`Insurance share (${invoice.insurancePercent}%, ${invoice.insuranceProvider ?? ''})`, money(invoice.insuranceShare)] }, { cells: ['Patient share', money(invoice.total - invoice.insuranceShare)] }] : []),
    ...invoice.payments.map((p) => ({ cells: [`Paid ${readableDateTime(p.paidAt, tz)}, ${PAYMENT_METHOD_LABELS[p.method]}${p.reference ? ` ${p.reference}` : ''} (${p.receiptNumber})`, `-${money(p.amount)}`] })),
    { cells: [statementAt ? `Balance due as of ${readableDateTime(statementAt, tz)}` : 'Balance due', money(invoice.balance)], bold: true, fill: '#eef1f4' },
    ...(statementAt && invoice.insuranceShare && invoice.status !== 'void' ? owedRows(invoice, money) : []),
  ];
  pdf.table([{ header: 'Totals', flex: 1 }, { header: invoice.currency, width: 110, align: 'right' }], totals, { fontSize: 9 });
  pdf.paragraph('Tax is worked out on each line and rounded half-up to the currency’s smallest unit.', { size: 7.5, color: '#5a5f66' });
}

/** Under a statement's balance: the patient's and the insurer's parts, each with what it paid and still owes. */
function owedRows(invoice: Invoice, money: (minor: number) => string): TableRow[] {
  const { patient, insurer } = invoiceShares(invoice);
  return [
    { cells: [`Patient share ${money(patient.share)}, paid ${money(patient.paid)}: patient still owes`, money(patient.due)], bold: true },
    { cells: [`Insurance share ${money(insurer.share)}, paid by ${invoice.insuranceProvider ?? 'the insurer'} ${money(insurer.paid)}: insurer still owes`, money(insurer.due)], bold: true },
  ];
}

export interface InvoicePrint {
  paper: PaperSize;
  /** The invoice's own moment (issued, or voided): the PDF's dates, so a re-render is byte-identical. */
  at: Date;
}

export async function renderInvoicePdf(invoice: Invoice, hospital: HospitalLetterhead, print: InvoicePrint): Promise<{ bytes: Buffer; pages: number }> {
  const pdf = createDocument({
    paper: print.paper,
    title: `${invoice.number ?? 'Draft invoice'}${invoice.status === 'void' ? ' (void)' : ''}`,
    author: hospital.name,
    subject: `Invoice for ${invoice.patientName}`,
    createdAt: print.at,
    // The document's own moment, named as what it is: the footer says when it was issued (or voided), not printed.
    printedLabel: invoice.status === 'void' ? 'Voided' : 'Issued',
    printedAt: readableDateTime(print.at, hospital.timeZone, { offset: true }),
  });
  drawInvoice(pdf, invoice, hospital);
  return pdf.finish();
}

/** The invoice as of `at` (now): its payments until then and what is still owed, printed then. */
export async function renderInvoiceStatement(invoice: Invoice, hospital: HospitalLetterhead, print: InvoicePrint): Promise<{ bytes: Buffer; pages: number }> {
  const pdf = createDocument({
    paper: print.paper,
    title: `${invoice.number ?? 'Draft invoice'} statement`,
    author: hospital.name,
    subject: `Statement of invoice ${invoice.number ?? ''} for ${invoice.patientName}`,
    createdAt: print.at,
    printedAt: readableDateTime(print.at, hospital.timeZone, { offset: true }),
  });
  drawInvoice(pdf, invoice, hospital, print.at);
  return pdf.finish();
}

/** Many invoices in one file, each from a new page; `progress` is told after each one. */
export async function renderInvoiceBatch(
  invoices: AsyncIterable<Invoice> | Iterable<Invoice>,
  total: number,
  hospital: HospitalLetterhead,
  print: InvoicePrint & { title: string },
  progress: (done: number, total: number) => void = () => {},
): Promise<{ bytes: Buffer; pages: number }> {
  const pdf = createDocument({ paper: print.paper, title: print.title, author: hospital.name, createdAt: print.at, printedAt: readableDateTime(print.at, hospital.timeZone, { offset: true }), streaming: true });
  let done = 0;
  for await (const invoice of invoices) {
    if (done > 0) pdf.newPage();
    drawInvoice(pdf, invoice, hospital);
    done++;
    progress(done, total);
  }
  if (done === 0) pdf.paragraph('No invoices.');
  return pdf.finish();
}

/** What a receipt says: who paid what for which invoice, and where the invoice stood after it. */
function receiptLines(invoice: Invoice, payment: Payment): [label: string, value: string][] {
  const money = (minor: number) => formatMoney(minor, invoice.currency);
  return [
    ['Received from', `${invoice.patientName} (${invoice.patientNumber})`],
    ['For invoice', invoice.number ?? ''],
    ['Amount', money(payment.amount)],
    ['Method', `${PAYMENT_METHOD_LABELS[payment.method]}${payment.reference ? `, ref. ${payment.reference}` : ''}`],
    ['Cashier', payment.cashierName],
    ['Invoice total', money(invoice.total)],
    ['Paid so far', money(invoice.paid)],
    ['Balance due', money(invoice.balance)],
  ];
}

/**
 * A payment's receipt: on the hospital's paper, or (`thermal80`) on an 80 mm till roll, cut where the receipt ends.
 * `invoice` is the invoice as it stood right after this payment.
 */
export async function renderReceiptPdf(invoice: Invoice, payment: Payment, hospital: HospitalLetterhead, paper: PaperSize, layout: ReceiptLayout = 'a4'): Promise<{ bytes: Buffer; pages: number }> {
  const at = new Date(payment.paidAt);
  const options: DocumentOptions = { paper, title: `Receipt ${payment.receiptNumber}`, author: hospital.name, createdAt: at, printedAt: readableDateTime(at, hospital.timeZone, { offset: true }) };
  if (layout === 'thermal80') {
    // Drawn once on a long strip to learn the receipt's length, then again on a strip of exactly that length.
    const roll = (height: number) => createDocument({ ...options, paper: { width: TILL_ROLL_WIDTH, height }, margin: 12 });
    const measure = roll(4000);
    drawTillReceipt(measure, invoice, payment, hospital);
    const height = Math.ceil(measure.heightUsed);
    await measure.finish();
    const pdf = roll(height);
    drawTillReceipt(pdf, invoice, payment, hospital);
    return pdf.finish();
  }
  const pdf = createDocument(options);
  pdf.header(hospital, 'Receipt', [payment.receiptNumber, readableDateTime(payment.paidAt, hospital.timeZone)]);
  pdf.keyValues(receiptLines(invoice, payment), { columns: 1, labelWidth: 110, size: 10.5 });
  return pdf.finish();
}

/** The receipt on a till roll: the hospital centred over the receipt's number and time, then its lines one under another. */
function drawTillReceipt(pdf: PdfDocument, invoice: Invoice, payment: Payment, hospital: HospitalLetterhead): void {
  const centred = { align: 'center' as const };
  pdf.paragraph(hospital.name, { ...centred, size: 11, bold: true }, 1);
  for (const line of [hospital.address, hospital.region, hospital.taxNumber ? `Tax no. ${hospital.taxNumber}` : '']) {
    if (line) pdf.paragraph(line, { ...centred, size: 7.5, color: '#5a5f66' }, 0);
  }
  pdf.moveDown(5);
  pdf.rule();
  pdf.moveDown(5);
  pdf.paragraph('Receipt', { ...centred, size: 11, bold: true }, 1);
  pdf.paragraph(payment.receiptNumber, { ...centred, size: 9 }, 0);
  pdf.paragraph(readableDateTime(payment.paidAt, hospital.timeZone), { ...centred, size: 9 }, 4);
  pdf.rule();
  pdf.moveDown(5);
  pdf.keyValues(receiptLines(invoice, payment), { columns: 1, labelWidth: 64, size: 8.5 });
  pdf.rule();
  pdf.moveDown(4);
  pdf.paragraph('Thank you. Keep this receipt.', { ...centred, size: 8 }, 0);
}
