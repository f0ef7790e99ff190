// A patient's journal as a printed document: the patient header, then each entry oldest first. An encounter prints
// its notes, vitals, diagnoses (code and title), procedures, a results table (test, value, unit, reference range,
// flag) whose header row always stands on the same page as at least its first row and is repeated on each page it
// goes on to, prescriptions with their dispensing, and addenda. Admissions print their beds, invoices their totals.
// What is printed follows the reader's view (billing: invoices; pharmacists: prescriptions).
import type { JournalEntry } from '@shared/contract/journal';
import type { Encounter, TestOrder, TestResult } from '@shared/contract/clinical';
import { FREQUENCY_LABELS, ROUTE_LABELS, VITAL_RANGES, VITALS, type JournalView, type ResultFlag } from '@shared/domain/clinical';
import { APPOINTMENT_STATUS_LABELS } from '@shared/domain/scheduling';
import { INVOICE_STATUS_LABELS } from '@shared/domain/billing';
import { readableDate, readableDateTime as formatDateTime, readableDay as formatDay } from '@shared/domain/format';
import { formatMoney } from '@shared/domain/money';
import { createDocument, type Letterhead, type Paper, type PdfDocument, type TableColumn, type TableRow } from './layout';

export interface JournalPatient {
  name: string;
  patientNumber: string;
  dateOfBirth: string;
  sex: string;
  phone: string | null;
  bloodGroup: string | null;
  allergies: string | null;
  chronicConditions: string | null;
}

export interface JournalDocument {
  patient: JournalPatient;
  /** Oldest first. */
  entries: JournalEntry[];
  view: JournalView;
  from?: string;
  to?: string;
}

export interface JournalPrintOptions {
  paper: Paper;
  printedAt: Date;
  /** The zone of the letterhead's hospital: the print time and the patient header. */
  timeZone: string;
  printedBy?: string;
}

const MUTED = '#5a5f66';
const TABLE_SIZE = 8.5;

export const RESULT_COLUMNS: TableColumn[] = [
  { header: 'Test', flex: 1.3 },
  { header: 'Value', flex: 1 },
  { header: 'Unit', width: 56 },
  { header: 'Reference range', width: 86 },
  { header: 'Flag', width: 50 },
];
const BED_COLUMNS: TableColumn[] = [
  { header: 'Ward', flex: 1 },
  { header: 'Room', width: 60 },
  { header: 'Bed', width: 40 },
  { header: 'From', width: 100 },
  { header: 'To', width: 100 },
];

/** Times as the hospital reads them, each worded once per instant and zone (a long journal repeats a few hundred). */
const worded = new Map<string, string>();
function memo(key: string, make: () => string): string {
  let text = worded.get(key);
  if (text === undefined) {
    if (worded.size > 20_000) worded.clear();
    text = make();
    worded.set(key, text);
  }
  return text;
}
const readableDateTime = (at: string, tz: string) => memo(`t|${tz}|${at}`, () => formatDateTime(at, tz));
const readableDay = (at: string, tz: string) => memo(`d|${tz}|${at}`, () => formatDay(at, tz));

const FLAG_LABELS: Record<ResultFlag, string> = { normal: 'Normal', low: 'Low', high: 'High', critical: 'Critical' };

/** A number as entered: no trailing zeros of the DECIMAL column ("7.83", "140"). */
export const plainNumber = (v: number) => String(Number(v.toFixed(4)));

export function rangeText(low: number | null, high: number | null): string {
  if (low != null && high != null) return `${plainNumber(low)}–${plainNumber(high)}`;
  // Words, not ≥ and ≤: the document's fonts have no glyphs for them.
  if (low != null) return `at least ${plainNumber(low)}`;
  if (high != null) return `up to ${plainNumber(high)}`;
  return '';
}

const valueOf = (r: TestResult) => (r.valueNumeric != null ? plainNumber(r.valueNumeric) : (r.valueText ?? r.report ?? ''));

/** The rows of a results table: the current value of each resulted order, with the values corrections replaced. */
function resultRows(tests: TestOrder[], tz: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const t of tests) {
    if (t.status === 'cancelled') continue;
    const r = t.result;
    if (!r) {
      rows.push({ cells: [t.testName, 'Awaiting result', '', '', ''] });
      continue;
    }
    const value = r.report && r.valueNumeric == null && r.valueText == null ? r.report : [valueOf(r), r.report ? `Report: ${r.report}` : ''].filter(Boolean).join('\n');
    const corrected = r.correctionReason ? `\nCorrected ${readableDateTime(r.recordedAt, tz)}: ${r.correctionReason}` : '';
    rows.push({
      cells: [t.testName, `${value}${corrected}`, r.unit ?? '', rangeText(r.refLow, r.refHigh), r.flag ? FLAG_LABELS[r.flag] : ''],
      bold: r.flag != null && r.flag !== 'normal',
    });
    for (const old of t.history) {
      rows.push({ cells: [`  replaced ${readableDateTime(old.supersededAt ?? old.recordedAt, tz)}`, valueOf(old), old.unit ?? '', rangeText(old.refLow, old.refHigh), old.flag ? FLAG_LABELS[old.flag] : ''], fill: '#f7f7f7' });
    }
  }
  return rows;
}

/**
 * A small label heading a table, kept on the page with the table's header row and its first row: the label never
 * ends a page, and the table (which keeps its own header with its first row) starts right under it.
 */
/** The height of each table's header row, per document (the same for every results table of a journal). */
const headHeights = new WeakMap<PdfDocument, Map<TableColumn[], number>>();

function tableWithLabel(pdf: PdfDocument, label: string, columns: TableColumn[], rows: TableRow[], continuedTitle: string): void {
  const widths = pdf.columnWidths(columns);
  const cellHeight = (text: string, width: number, bold: boolean) => pdf.heightOf(text, width - 8, { size: TABLE_SIZE, bold }) + 6;
  let heads = headHeights.get(pdf);
  if (!heads) headHeights.set(pdf, (heads = new Map()));
  let headHeight = heads.get(columns);
  if (headHeight === undefined) heads.set(columns, (headHeight = Math.max(...columns.map((c, i) => cellHeight(c.header, widths[i], true)))));
  const first = rows[0];
  const firstHeight = first ? Math.max(...first.cells.map((c, i) => cellHeight(c, first.span ? pdf.contentWidth : widths[i], first.bold ?? false))) : 20;
  const labelHeight = pdf.lineHeight(9.5) + 2;
  pdf.ensureSpace(labelHeight + headHeight + firstHeight);
  pdf.y += pdf.textAt(label, pdf.left, pdf.y, pdf.contentWidth, { size: 9.5, bold: true });
  pdf.y += 2;
  pdf.table(columns, rows, { fontSize: TABLE_SIZE, continuedTitle, zebra: true });
}

/** The vitals on one line (or two): "Temperature 38.6 °C (high) · Pulse 112 /min (high) · Blood pressure 152/96 mmHg (high) · …". */
function vitalsText(e: Encounter): string {
  const v = e.vitals;
  const out: string[] = [];
  const flag = (k: keyof typeof e.vitalFlags) => (e.vitalFlags[k] ? ` (${e.vitalFlags[k]})` : '');
  for (const k of VITALS) {
    if (k === 'diastolic') continue;
    if (k === 'systolic') {
      if (v.systolic != null || v.diastolic != null) {
        const high = e.vitalFlags.systolic ?? e.vitalFlags.diastolic;
        out.push(`Blood pressure ${v.systolic ?? '–'}/${v.diastolic ?? '–'} mmHg${high ? ` (${high})` : ''}`);
      }
      continue;
    }
    const value = v[k];
    if (value == null) continue;
    out.push(`${VITAL_RANGES[k].label} ${plainNumber(value)} ${VITAL_RANGES[k].unit}${flag(k)}`);
  }
  if (e.bmi != null) out.push(`BMI ${e.bmi} kg/m²`);
  return out.join(' · ');
}

const RANK = { primary: 'primary', secondary: 'secondary' } as const;

/** A label and its lines, the label kept on the page with the first line. */
function labelled(pdf: PdfDocument, label: string, lines: string[]): void {
  if (lines.length === 0) return;
  // The label and the first line of what follows (a paragraph never leaves its first line behind).
  pdf.ensureSpace(pdf.lineHeight(9.5) + 2 + pdf.lineHeight(9));
  pdf.y += pdf.textAt(label, pdf.left, pdf.y, pdf.contentWidth, { size: 9.5, bold: true });
  pdf.y += 1;
  for (const line of lines) pdf.paragraph(line, { size: 9 }, 1);
  pdf.moveDown(4);
}

/**
 * An encounter: a heading, notes and vitals as text, diagnoses (code and title) and prescriptions one line each, and
 * the results as a table. A long journal prints hundreds of encounters: few drawing calls per encounter keep it fast.
 */
function printEncounter(pdf: PdfDocument, entry: Extract<JournalEntry, { kind: 'encounter' }>, view: JournalView): void {
  const e = entry.encounter;
  const tz = entry.timeZone;
  const when = readableDateTime(e.startedAt, tz);
  const what = e.kind === 'inpatient' ? `Ward round${e.roundDate ? ` of ${readableDate(e.roundDate)}` : ''}` : 'Consultation';
  pdf.heading(`${when} · ${what}`, { keepWithNext: 60 });
  const status = e.status === 'signed' ? `signed${e.signedAt ? ` ${readableDateTime(e.signedAt, tz)}` : ''}${e.signedByName ? ` by ${e.signedByName}` : ''}` : 'open (not signed)';
  pdf.paragraph(`${e.doctorName} · ${entry.hospitalName} · ${status}`, { size: 8.5, color: MUTED }, 3);

  if (view.clinical) {
    const notes = (
      [
        ['Complaint', e.complaint],
        ['Subjective', e.subjective],
        ['Objective', e.objective],
        ['Assessment', e.assessment],
        ['Plan', e.plan],
      ] as const
    )
      .filter(([, text]) => text)
      .map(([label, text]) => `${label}: ${text}`);
    if (notes.length) pdf.paragraph(notes.join('\n'), { size: 9 }, 3);
    const vitals = vitalsText(e);
    if (vitals) pdf.paragraph(`Vitals: ${vitals}`, { size: 9 }, 4);
    labelled(
      pdf,
      'Diagnoses',
      e.diagnoses.map((d) => `${d.code}  ${d.title} · ${RANK[d.rank]}, ${d.certainty}${d.note ? ` · ${d.note}` : ''}`),
    );
    labelled(
      pdf,
      'Procedures',
      e.procedures.map((p) => `${p.code}  ${p.description}${p.quantity > 1 ? ` × ${p.quantity}` : ''} · ${p.performedByName}${p.notes ? ` · ${p.notes}` : ''}`),
    );
    const results = resultRows(e.tests, tz);
    if (results.length) tableWithLabel(pdf, 'Results', RESULT_COLUMNS, results, `Results, ${when}`);
  }
  if (view.prescriptions) {
    labelled(
      pdf,
      'Prescriptions',
      e.prescriptions.map((p) => {
        const how = `${plainNumber(p.dose)} ${p.doseUnit}, ${ROUTE_LABELS[p.route].toLowerCase()}, ${FREQUENCY_LABELS[p.frequency].toLowerCase()}${p.durationDays != null ? ` for ${p.durationDays} ${p.durationDays === 1 ? 'day' : 'days'}` : ''}`;
        const given =
          p.status === 'cancelled'
            ? `cancelled${p.cancelReason ? `: ${p.cancelReason}` : ''}`
            : p.dispensedQuantity > 0
              ? `${p.dispensedQuantity} of ${p.quantity} dispensed (${p.dispensings.map((d) => `${d.quantity} on ${readableDay(d.dispensedAt, tz)}`).join(', ')})`
              : `${p.quantity} to dispense`;
        const notes = [p.instructions, p.allergyOverrideReason ? `Allergy override: ${p.allergyOverrideReason}` : null].filter(Boolean).join(' · ');
        return `${p.medicine} — ${how} · ${given}${notes ? ` · ${notes}` : ''}`;
      }),
    );
  }
  if (view.clinical && e.addenda.length) {
    labelled(
      pdf,
      'Addenda',
      e.addenda.map((a) => `${readableDateTime(a.createdAt, tz)}, ${a.authorName}: ${a.text}`),
    );
  }
  pdf.moveDown(6);
}

function printAppointment(pdf: PdfDocument, entry: Extract<JournalEntry, { kind: 'appointment' }>): void {
  const a = entry.appointment;
  const tz = entry.timeZone;
  pdf.heading(`${readableDateTime(a.start, tz)} · Appointment · ${APPOINTMENT_STATUS_LABELS[a.status]}`, { keepWithNext: 20 });
  const parts = [a.doctorName, a.departmentName, entry.hospitalName, a.reason ? `Reason: ${a.reason}` : '', a.cancelReason ? `Cancelled: ${a.cancelReason}` : ''];
  pdf.paragraph(parts.filter(Boolean).join(' · '), { size: 9, color: MUTED }, 8);
}

function printAdmission(pdf: PdfDocument, entry: Extract<JournalEntry, { kind: 'admission' }>): void {
  const s = entry.admission;
  const tz = entry.timeZone;
  pdf.heading(`${readableDateTime(s.admittedAt, tz)} · Admission · ${entry.hospitalName}`, { keepWithNext: 60 });
  const pairs: [string, string][] = [];
  if (s.reason) pairs.push(['Reason', s.reason]);
  pairs.push(['Discharged', s.dischargedAt ? readableDateTime(s.dischargedAt, tz) : 'Still admitted']);
  if (!s.dischargedAt && s.expectedDischarge) pairs.push(['Expected discharge', readableDate(s.expectedDischarge)]);
  if (s.dischargeNote) pairs.push(['Discharge note', s.dischargeNote]);
  pdf.keyValues(pairs, { labelWidth: 100, size: 9 });
  const rows = s.beds.map((b) => ({ cells: [b.ward, b.room, b.bed, readableDateTime(b.from, tz), b.to ? readableDateTime(b.to, tz) : 'now'] }));
  tableWithLabel(pdf, 'Beds', BED_COLUMNS, rows, `Beds from ${readableDateTime(s.admittedAt, tz)}`);
}

function printInvoice(pdf: PdfDocument, entry: Extract<JournalEntry, { kind: 'invoice' }>): void {
  const i = entry.invoice;
  const tz = entry.timeZone;
  const title = i.number ? `Invoice ${i.number}` : 'Draft invoice';
  pdf.heading(`${i.issueDate ? readableDate(i.issueDate) : readableDateTime(entry.at, tz)} · ${title} · ${INVOICE_STATUS_LABELS[i.status]}`, { keepWithNext: 20 });
  pdf.paragraph(
    `${entry.hospitalName} · ${i.lines} ${i.lines === 1 ? 'line' : 'lines'} · total ${formatMoney(i.total, i.currency)} · paid ${formatMoney(i.paid, i.currency)} · balance ${formatMoney(i.balance, i.currency)}`,
    { size: 9, color: MUTED },
    8,
  );
}

const KIND_WORDS: Record<string, string> = { appointment: 'appointments', encounter: 'encounters', admission: 'admissions', invoice: 'invoices' };

export async function renderJournalPdf(doc: JournalDocument, hospital: Letterhead, options: JournalPrintOptions): Promise<{ bytes: Buffer; pages: number }> {
  const p = doc.patient;
  const pdf = createDocument({
    paper: options.paper,
    title: `Journal of ${p.name}`,
    subject: `Patient journal of ${p.name} (${p.patientNumber})`,
    author: hospital.name,
    createdAt: options.printedAt,
    printedAt: formatDateTime(options.printedAt, options.timeZone, { offset: true }),
    footerNote: options.printedBy ? `by ${options.printedBy}` : undefined,
  });
  const period = doc.from || doc.to ? `${doc.from ? readableDate(doc.from) : 'the start'} to ${doc.to ? readableDate(doc.to) : 'today'}` : 'Whole record';
  pdf.header(hospital, 'Patient journal', [p.patientNumber, period]);
  pdf.paragraph(p.name, { size: 14, bold: true }, 4);
  const pairs: [string, string][] = [
    ['Patient no.', p.patientNumber],
    ['Date of birth', readableDate(p.dateOfBirth)],
    ['Sex', p.sex[0].toUpperCase() + p.sex.slice(1)],
    ['Phone', p.phone ?? '—'],
  ];
  if (doc.view.clinical) {
    pairs.push(['Blood group', p.bloodGroup ?? '—'], ['Allergies', p.allergies ?? 'None recorded']);
    if (p.chronicConditions) pairs.push(['Chronic conditions', p.chronicConditions]);
  } else if (doc.view.prescriptions) {
    pairs.push(['Allergies', p.allergies ?? 'None recorded']);
  }
  pdf.keyValues(pairs, { columns: 2, labelWidth: 80 });
  const shown = doc.view.kinds.map((k) => KIND_WORDS[k]).join(', ');
  const part = doc.view.clinical ? '' : doc.view.prescriptions ? ' (encounters: prescriptions only)' : '';
  pdf.paragraph(`Shows ${shown || 'nothing'}${part}; ${doc.entries.length} ${doc.entries.length === 1 ? 'entry' : 'entries'}, oldest first.`, { size: 8.5, color: MUTED }, 6);
  pdf.rule();
  pdf.moveDown(8);

  if (doc.entries.length === 0) pdf.paragraph('Nothing is recorded for this patient here.', { color: MUTED });
  for (const entry of doc.entries) {
    if (entry.kind === 'encounter') printEncounter(pdf, entry, doc.view);
    else if (entry.kind === 'appointment') printAppointment(pdf, entry);
    else if (entry.kind === 'admission') printAdmission(pdf, entry);
    else printInvoice(pdf, entry);
  }
  return pdf.finish();
}
