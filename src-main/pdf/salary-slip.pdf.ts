// Salary slips as printed documents: one slip on the hospital letterhead, drawn from the stored slip's figures only
// (no arithmetic beyond adding up YTD columns that are printed as stored), so the same slip renders to the same bytes:
// the PDF's dates come from the caller (a finalized run's finalize moment), never the wall clock.
//
// Layout: header (hospital; "Salary slip", period, paid on), the employee block, earnings and deductions side by side
// each with its YTD column, gross / total deductions on one row, net pay with net pay in words, and the employer's
// contributions below the line. A draft carries "DRAFT" in its title and across the page.
import type { SalarySlip, SlipLine } from '@shared/contract/payroll';
import type { PaperSize } from '@shared/contract/wards';
import { currencyDigits, moneyDecimal } from '@shared/domain/money';
import { MONTH_NAMES, readableDate, readableDateTime } from '@shared/domain/format';
import { STAFF_ROLE_LABELS, type StaffRole } from '@shared/domain/scheduling';
import { createDocument, type HospitalLetterhead, type PdfDocument, type TableColumn, type TableRow } from './layout';

const MUTED = '#5a5f66';
const DRAFT_RED = '#b42318';
const TOTAL_FILL = '#eef1f4';

const amountFormats = new Map<number, Intl.NumberFormat>();

/** Minor units as a grouped number without the currency symbol ("1,200,000", "45,250.50"): the table's head names the currency. */
export function slipAmount(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  let f = amountFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: true });
    amountFormats.set(digits, f);
  }
  // The exact decimal string is formatted (no binary fraction on the way).
  return f.format(moneyDecimal(minor, currency) as `${number}`);
}

/** The designation as people read it: a staff role's label ("Nurse" for 'nurse'), any other text as it is. */
export function designationText(designation: string): string {
  return Object.hasOwn(STAFF_ROLE_LABELS, designation) ? STAFF_ROLE_LABELS[designation as StaffRole] : designation;
}

/** "Mar 2027" for '2027-03'. */
export function monthTitle(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Hours or days with at most two decimals, trailing zeros dropped ("32", "7.5", "1.33"). */
function quantityText(q: number): string {
  return String(Math.round(q * 100) / 100);
}

/** Lines whose quantity is days (SLIP_CODES of @shared/domain/payroll: base pay, unpaid leave); the rest are hours. */
const DAY_CODES = new Set(['BASE', 'UNPAID_LEAVE']);

/** The second line of a slip line's cell: what the amount is made of ("32 h × 1,250"), when it says. */
function detailOf(line: SlipLine, currency: string): string | null {
  if (line.quantity == null) return null;
  const isDaysLine = DAY_CODES.has(line.code);
  if (isDaysLine && line.rate == null) return null;
  const unit = isDaysLine ? (line.quantity === 1 ? 'day' : 'days') : 'h';
  return line.rate == null ? `${quantityText(line.quantity)} ${unit}` : `${quantityText(line.quantity)} ${unit} × ${slipAmount(line.rate, currency)}`;
}

const sum = (lines: SlipLine[], pick: (l: SlipLine) => number) => lines.reduce((n, l) => n + pick(l), 0);

/** "•••• 4821" as stored; the full number never reaches a slip. */
function bankText(slip: SalarySlip): string {
  return slip.bankAccountMasked ?? 'No bank account on file';
}

/** A light diagonal "DRAFT" across the current page, under what is drawn after it. */
function draftMark(pdf: PdfDocument): void {
  const doc = pdf.doc;
  const cx = pdf.pageWidth / 2;
  const cy = pdf.pageHeight / 2;
  doc.save();
  doc.rotate(-35, { origin: [cx, cy] });
  doc.font('Sans-Bold').fontSize(120).fillColor(DRAFT_RED).fillOpacity(0.1);
  const width = doc.widthOfString('DRAFT');
  doc.text('DRAFT', cx - width / 2, cy - 60, { lineBreak: false });
  doc.restore();
}

/** One salary slip from the top of the current page. */
export function drawSalarySlip(pdf: PdfDocument, slip: SalarySlip, hospital: HospitalLetterhead): void {
  const draft = slip.status !== 'finalized';
  const amount = (minor: number) => slipAmount(minor, slip.currency);
  if (draft) draftMark(pdf);

  pdf.header(hospital, draft ? 'Salary slip · DRAFT' : 'Salary slip', [
    `Pay period ${monthTitle(slip.month)}`,
    `${readableDate(slip.periodStart)} – ${readableDate(slip.periodEnd)}`,
    slip.paidOn ? `Paid on ${readableDate(slip.paidOn)}` : 'Not paid',
  ]);
  if (draft) {
    pdf.paragraph('DRAFT — this run is not finalized; its figures may still change. Not a record of payment.', { size: 10.5, bold: true, color: DRAFT_RED }, 6);
  }

  pdf.keyValues(
    [
      ['Employee', slip.name],
      ['Employee no.', slip.employeeNumber],
      ['Department', slip.department ?? '—'],
      ['Designation', designationText(slip.designation)],
      ['Working days', String(slip.workingDays)],
      ['Paid days', quantityText(slip.paidDays)],
      ['Bank account', bankText(slip)],
      ['Currency', slip.currency],
    ],
    { columns: 2, labelWidth: 78 },
  );
  pdf.moveDown(4);

  // Earnings and deductions side by side: row i holds the i-th of each; the shorter side is left blank below.
  const cell = (line: SlipLine | undefined) => {
    if (!line) return ['', '', ''];
    const detail = detailOf(line, slip.currency);
    return [detail ? `${line.label}\n${detail}` : line.label, amount(line.amount), amount(line.ytd)];
  };
  const rowCount = Math.max(slip.earnings.length, slip.deductions.length);
  const rows: TableRow[] = Array.from({ length: rowCount }, (_, i) => ({ cells: [...cell(slip.earnings[i]), ...cell(slip.deductions[i])] }));
  // Year to date of all deductions: gross less net over the year (a line of an earlier month, such as a one-off, counts too).
  const ytdDeductions = slip.ytdGross - slip.ytdNet;
  rows.push({
    cells: ['Gross pay', amount(slip.gross), amount(slip.ytdGross), 'Total deductions', amount(slip.totalDeductions), amount(ytdDeductions)],
    bold: true,
    fill: TOTAL_FILL,
  });
  const money = 70;
  const columns: TableColumn[] = [
    { header: 'Earnings', flex: 1 },
    { header: slip.currency, width: money, align: 'right' },
    { header: 'Year to date', width: money, align: 'right' },
    { header: 'Deductions', flex: 1 },
    { header: slip.currency, width: money, align: 'right' },
    { header: 'Year to date', width: money, align: 'right' },
  ];
  const top = pdf.y;
  const page = pdf.pageCount;
  pdf.table(columns, rows, { fontSize: 8.5, continuedTitle: `${slip.name}, ${monthTitle(slip.month)}` });
  // The rule between the two halves, when the table stayed on one page (a slip of many lines reads without it).
  const widths = pdf.columnWidths(columns);
  const midX = pdf.left + widths[0] + widths[1] + widths[2];
  if (pdf.pageCount === page && pdf.y > top) pdf.doc.save().moveTo(midX, top).lineTo(midX, pdf.y - 8).lineWidth(0.5).strokeColor('#9aa1a9').stroke().restore();

  pdf.ensureSpace(90);
  pdf.table(
    [
      { header: 'Net pay', flex: 1 },
      { header: slip.currency, width: 110, align: 'right' },
      { header: 'Year to date', width: 110, align: 'right' },
    ],
    [{ cells: ['Gross pay less total deductions', amount(slip.net), amount(slip.ytdNet)], bold: true, fill: TOTAL_FILL }],
    { fontSize: 10 },
  );
  pdf.paragraph(`Net pay in words: ${slip.netInWords}`, { size: 9.5, bold: true }, 4);
  pdf.paragraph(slip.bankAccountMasked ? `Paid by bank transfer to account ${slip.bankAccountMasked}.` : 'No bank account on file: paid by other means.', { size: 8.5, color: MUTED }, 10);

  // Below the line: what the hospital pays on top of the pay, never deducted from it.
  pdf.ensureSpace(70);
  pdf.rule('#5a5f66', 1);
  pdf.moveDown(8);
  pdf.heading('Employer contributions (paid by the hospital on top of pay, not deducted)', { size: 10, keepWithNext: 40 });
  const employerRows: TableRow[] = slip.employer.map((l) => ({ cells: cell(l) }));
  if (slip.employer.length) {
    employerRows.push({ cells: ['Total employer contributions', amount(sum(slip.employer, (l) => l.amount)), amount(sum(slip.employer, (l) => l.ytd))], bold: true });
  }
  employerRows.push({ cells: ['Cost to employer (gross pay and contributions)', amount(slip.employerCost), ''], bold: true, fill: TOTAL_FILL });
  pdf.table(
    [
      { header: 'Contribution', flex: 1 },
      { header: slip.currency, width: 110, align: 'right' },
      { header: 'Year to date', width: 110, align: 'right' },
    ],
    employerRows,
    { fontSize: 8.5 },
  );
  pdf.paragraph(
    `Amounts in ${slip.currency}${currencyDigits(slip.currency) === 0 ? ' (no minor unit)' : ''}. Year to date: this calendar year's finalized slips, this one included. ` +
      'Working days are Monday to Friday less public holidays; paid days are the days of the period paid for.',
    { size: 7.5, color: MUTED },
  );
}

export interface SlipPrint {
  paper: PaperSize;
  /** The slip's own moment (its run's finalize time; a draft: now): the PDF's dates, so a re-render is byte-identical. */
  at: Date;
}

function slipTitle(slip: SalarySlip): string {
  return `Salary slip ${slip.employeeNumber} ${slip.month}${slip.status === 'finalized' ? '' : ' (DRAFT)'}`;
}

export async function renderSalarySlipPdf(slip: SalarySlip, hospital: HospitalLetterhead, print: SlipPrint): Promise<{ bytes: Buffer; pages: number }> {
  const pdf = createDocument({
    paper: print.paper,
    title: slipTitle(slip),
    author: hospital.name,
    subject: `Salary slip of ${slip.name} for ${monthTitle(slip.month)}`,
    createdAt: print.at,
    printedAt: readableDateTime(print.at, hospital.timeZone, { offset: true }),
    footerNote: slip.status === 'finalized' ? 'Finalized' : 'DRAFT',
  });
  drawSalarySlip(pdf, slip, hospital);
  return pdf.finish();
}

/** Many slips in one file, each from a new page; `progress` is told after each one. */
export async function renderSalarySlipBatch(
  slips: AsyncIterable<SalarySlip> | Iterable<SalarySlip>,
  total: number,
  hospital: HospitalLetterhead,
  print: SlipPrint & { title: string; draft?: boolean },
  progress: (done: number, total: number) => void = () => {},
): Promise<{ bytes: Buffer; pages: number }> {
  const pdf = createDocument({
    paper: print.paper,
    title: print.title,
    author: hospital.name,
    createdAt: print.at,
    printedAt: readableDateTime(print.at, hospital.timeZone, { offset: true }),
    footerNote: print.draft ? 'DRAFT' : undefined,
    streaming: true,
  });
  let done = 0;
  for await (const slip of slips) {
    if (done > 0) pdf.newPage();
    drawSalarySlip(pdf, slip, hospital);
    done++;
    progress(done, total);
  }
  if (done === 0) pdf.paragraph('No slips.');
  return pdf.finish();
}
