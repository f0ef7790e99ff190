// Salary slip documents: a finalized slip's PDF is made once (at finalize, or on first print for runs loaded from
// elsewhere) and stored with its SHA-256, and every reprint is those bytes; a draft's is made at each print and marked
// DRAFT. A run's slips print as one batch PDF with 'payroll.progress' events, and a finalized run's bank transfer list
// exports as CSV. Slips are read here in chunks of a run with one query each (finalize and the batch handle thousands).
import { createHash } from 'node:crypto';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { RunStatus, SalarySlip, SlipLine } from '@shared/contract/payroll';
import { amountInWords } from '@shared/domain/payroll';
import { moneyDecimal } from '@shared/domain/money';
import { conflict, forbidden, notFound } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { letterheadOf, type HospitalPaper } from '../../platform/letterhead';
import { monthTitle, renderSalarySlipBatch, renderSalarySlipPdf } from '../../pdf/salary-slip.pdf';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;
export type PdfFile = { fileName: string; pdfBase64: string; pages: number; sha256: string };
export type Progress = { jobId: string; done: number; total: number };

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Slips read and rendered at a time: bounded memory for a run of thousands. */
const CHUNK = 100;

interface SlipRow {
  id: number | string;
  run_id: number;
  hospital_id: number;
  staff_id: number;
  month: string;
  employee_number: string;
  name: string;
  department: string | null;
  designation: string;
  period_start: string;
  period_end: string;
  working_days: number;
  paid_days: string | number;
  earnings: string;
  deductions: string;
  employer: string;
  gross: number | string;
  total_deductions: number | string;
  net: number | string;
  employer_cost: number | string;
  ytd_gross: number | string;
  ytd_net: number | string;
  bank_account_masked: string | null;
  status: RunStatus;
  currency: string;
  paid_on: string | null;
  finalized_at: Date | null;
  sha256: string | null;
}

/** A slip with its run's moment: a finalized slip's PDF is dated by its run's finalize time, so re-renders match. */
interface LoadedSlip {
  slip: SalarySlip;
  finalizedAt: Date | null;
}

function slipOf(r: SlipRow): LoadedSlip {
  const net = Number(r.net);
  return {
    slip: {
      id: Number(r.id),
      staffId: Number(r.staff_id),
      employeeNumber: r.employee_number,
      name: r.name,
      department: r.department,
      gross: Number(r.gross),
      totalDeductions: Number(r.total_deductions),
      net,
      employerCost: Number(r.employer_cost),
      runId: Number(r.run_id),
      hospitalId: Number(r.hospital_id),
      month: r.month,
      status: r.status,
      currency: r.currency,
      designation: r.designation,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      workingDays: Number(r.working_days),
      paidDays: Number(r.paid_days),
      earnings: JSON.parse(r.earnings) as SlipLine[],
      deductions: JSON.parse(r.deductions) as SlipLine[],
      employer: JSON.parse(r.employer) as SlipLine[],
      netInWords: amountInWords(net, r.currency),
      ytdGross: Number(r.ytd_gross),
      ytdNet: Number(r.ytd_net),
      bankAccountMasked: r.bank_account_masked,
      paidOn: r.paid_on,
      sha256: r.sha256,
    },
    finalizedAt: r.finalized_at,
  };
}

const SLIP_SELECT = `SELECT s.id, s.run_id, s.hospital_id, s.staff_id, s.month, s.employee_number, s.name, s.department, s.designation,
       s.period_start, s.period_end, s.working_days, s.paid_days, s.earnings, s.deductions, s.employer, s.gross,
       s.total_deductions, s.net, s.employer_cost, s.ytd_gross, s.ytd_net, s.bank_account_masked,
       r.status, r.currency, r.paid_on, r.finalized_at, d.sha256
  FROM salary_slips s JOIN payroll_runs r ON r.id = s.run_id LEFT JOIN salary_slip_documents d ON d.slip_id = s.id`;

/** Slips by id, in the order of `ids`; no scope check (callers check it). */
async function loadSlips(ctx: CallContext, ids: number[]): Promise<LoadedSlip[]> {
  if (ids.length === 0) return [];
  const rows: SlipRow[] = await ctx.em.query(`${SLIP_SELECT} WHERE s.id IN (${ids.map(() => '?').join(',')})`, ids);
  const byId = new Map(rows.map((r) => [Number(r.id), slipOf(r)]));
  return ids.map((id) => byId.get(id)).filter((s): s is LoadedSlip => !!s);
}

interface RunRow {
  id: number;
  hospital_id: number;
  month: string;
  status: RunStatus;
  finalized_at: Date | null;
}

async function readRunRow(ctx: CallContext, runId: number): Promise<RunRow> {
  const [run]: RunRow[] = await ctx.em.query('SELECT id, hospital_id, month, status, finalized_at FROM payroll_runs WHERE id = ?', [runId]);
  if (!run) throw notFound('The payroll run');
  return { ...run, id: Number(run.id), hospital_id: Number(run.hospital_id) };
}

/** The slips' ids of a run in print order: by department, then name (as the run's review lists them). */
async function slipIdsOf(ctx: CallContext, runId: number): Promise<number[]> {
  const rows: { id: number | string }[] = await ctx.em.query('SELECT id FROM salary_slips WHERE run_id = ? ORDER BY department, name, id', [runId]);
  return rows.map((r) => Number(r.id));
}

/** "salary-slip-KLA-S-0042-2027-03.pdf": employee numbers may hold slashes. */
const fileSafe = (text: string) => text.replace(/[^A-Za-z0-9_.-]+/g, '-');

/** A finalized slip's print moment: its run's finalize time (the run is finalized, so it is set). */
function printMoment(loaded: LoadedSlip, fallback: Date): Date {
  return loaded.finalizedAt ?? fallback;
}

async function renderOne(loaded: LoadedSlip, paper: HospitalPaper, at: Date): Promise<{ bytes: Buffer; pages: number }> {
  return renderSalarySlipPdf(loaded.slip, paper.head, { paper: paper.paper, at });
}

/** Stores rendered documents; one already stored (another desk's first print) stays as it was. */
async function insertDocuments(ctx: CallContext, docs: { slipId: number; bytes: Buffer; pages: number }[]): Promise<void> {
  if (docs.length === 0) return;
  const now = ctx.now();
  await ctx.em.query(
    `INSERT INTO salary_slip_documents (slip_id, pdf, sha256, pages, created_at) VALUES ${docs.map(() => '(?, ?, ?, ?, ?)').join(', ')}
     ON DUPLICATE KEY UPDATE slip_id = slip_id`,
    docs.flatMap((d) => [d.slipId, d.bytes, sha256(d.bytes), d.pages, now]),
  );
}

/**
 * Renders and stores the PDF of every slip of a finalized run (called by finalize, in its transaction, after the run
 * row says finalized with its finalize time and paid-on date). Each document is dated by the run's finalize time.
 */
export async function storeSlipDocuments(ctx: CallContext, runId: number): Promise<{ stored: number }> {
  const run = await readRunRow(ctx, runId);
  if (run.status !== 'finalized' || !run.finalized_at) throw conflict('Slip documents are stored for a finalized run only.');
  const paper = await letterheadOf(ctx, run.hospital_id);
  const ids = await slipIdsOf(ctx, runId);
  let stored = 0;
  // A chunk's INSERT goes to the database while the next chunk renders (at most one in flight: bounded memory).
  let writing: Promise<void> = Promise.resolve();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const docs: { slipId: number; bytes: Buffer; pages: number }[] = [];
    for (const loaded of await loadSlips(ctx, ids.slice(i, i + CHUNK))) {
      if (loaded.slip.sha256) continue;
      const { bytes, pages } = await renderOne(loaded, paper, run.finalized_at);
      docs.push({ slipId: loaded.slip.id, bytes, pages });
    }
    await writing;
    writing = insertDocuments(ctx, docs);
    // Handled here so a failure waits for the `await` above or below instead of ending the process as unhandled.
    writing.catch(() => {});
    stored += docs.length;
  }
  await writing;
  return { stored };
}

interface StoredDocument {
  pdf: Buffer;
  sha256: string;
  pages: number;
}

/** `latest`: a locking read, which sees a document another desk stored after this call's snapshot was taken. */
async function storedDocument(ctx: CallContext, slipId: number, latest = false): Promise<StoredDocument | undefined> {
  const [d]: StoredDocument[] = await ctx.em.query(`SELECT pdf, sha256, pages FROM salary_slip_documents WHERE slip_id = ?${latest ? ' LOCK IN SHARE MODE' : ''}`, [slipId]);
  return d ? { pdf: Buffer.from(d.pdf), sha256: d.sha256, pages: Number(d.pages) } : undefined;
}

/** The PDF of a loaded slip: stored bytes when finalized (made and stored on first print), a fresh DRAFT otherwise. */
async function documentOf(ctx: CallContext, loaded: LoadedSlip): Promise<PdfFile> {
  const slip = loaded.slip;
  const fileName = `salary-slip-${fileSafe(slip.employeeNumber)}-${slip.month}${slip.status === 'finalized' ? '' : '-DRAFT'}.pdf`;
  ctx.audit({ action: 'payroll.slip_print', hospitalId: slip.hospitalId, changes: { slipId: slip.id, runId: slip.runId, staffId: slip.staffId } });
  const paper = () => letterheadOf(ctx, slip.hospitalId);
  if (slip.status !== 'finalized') {
    const { bytes, pages } = await renderOne(loaded, await paper(), ctx.now());
    return { fileName, pdfBase64: bytes.toString('base64'), pages, sha256: sha256(bytes) };
  }
  let doc = await storedDocument(ctx, slip.id);
  if (!doc) {
    // A run loaded from elsewhere (demo data's earlier months) gets its documents on first print, dated by the run.
    const { bytes, pages } = await renderOne(loaded, await paper(), printMoment(loaded, ctx.now()));
    await insertDocuments(ctx, [{ slipId: slip.id, bytes, pages }]);
    // Two desks printing it first at once: the one stored first is kept, and both answer with it.
    doc = (await storedDocument(ctx, slip.id, true)) ?? { pdf: bytes, sha256: sha256(bytes), pages };
  }
  return { fileName, pdfBase64: doc.pdf.toString('base64'), pages: doc.pages, sha256: doc.sha256 };
}

/** `payroll.slipPdf`: HR and the billing office, slips of their hospitals. */
export async function slipPdf(ctx: CallContext, slipId: number): Promise<PdfFile> {
  const [loaded] = await loadSlips(ctx, [slipId]);
  if (!loaded) throw notFound('The salary slip');
  ctx.requireHospital(loaded.slip.hospitalId);
  return documentOf(ctx, loaded);
}

/** `payroll.mySlipPdf`: the caller's own finalized slip only. */
export async function mySlipPdf(ctx: CallContext, slipId: number): Promise<PdfFile> {
  const [loaded] = await loadSlips(ctx, [slipId]);
  if (!loaded) throw notFound('The salary slip');
  const [mine]: { id: number }[] = await ctx.em.query('SELECT id FROM staff WHERE id = ? AND user_id = ?', [loaded.slip.staffId, ctx.user.userId]);
  if (!mine) throw forbidden('That is not your salary slip.');
  if (loaded.slip.status !== 'finalized') throw forbidden('That slip is not final yet.');
  return documentOf(ctx, loaded);
}

/**
 * `payroll.batchPdf`: every slip of a run in one PDF (one slip per page, in the run's order), drawn from the stored
 * figures in chunks, with progress pushed while it runs. A draft run's slips are marked DRAFT.
 */
export async function batchPdf(ctx: CallContext, input: In<'payroll.batchPdf'>, emit?: (progress: Progress) => void): Promise<PdfFile> {
  const run = await readRunRow(ctx, input.runId);
  ctx.requireHospital(run.hospital_id);
  const tell = emit ?? ((p: Progress) => ctx.runtime.events.emit('payroll.progress', p));
  const letterhead = await letterheadOf(ctx, run.hospital_id);
  const paper = input.paper ?? letterhead.paper;
  const ids = await slipIdsOf(ctx, run.id);
  const jobId = input.jobId ?? `payroll-${run.id}-${ctx.now().getTime()}`;
  const total = ids.length;
  async function* slips() {
    for (let i = 0; i < ids.length; i += CHUNK) for (const loaded of await loadSlips(ctx, ids.slice(i, i + CHUNK))) yield loaded.slip;
  }
  const draft = run.status !== 'finalized';
  const at = draft || !run.finalized_at ? ctx.now() : run.finalized_at;
  let last = 0;
  const { bytes, pages } = await renderSalarySlipBatch(slips(), total, letterhead.head, { paper, at, title: `Salary slips ${monthTitle(run.month)}${draft ? ' (DRAFT)' : ''}`, draft }, (done) => {
    // Pushed at once, not after the call: the desk shows a progress bar while the file is made.
    if (done === total || done - last >= Math.max(1, Math.floor(total / 50))) {
      last = done;
      tell({ jobId, done, total });
    }
  });
  if (total === 0) tell({ jobId, done: 0, total: 0 });
  ctx.audit({ action: 'payroll.batch_print', hospitalId: run.hospital_id, changes: { runId: run.id, month: run.month, slips: total } });
  return { fileName: `salary-slips-${letterhead.code}-${run.month}${draft ? '-DRAFT' : ''}.pdf`, pdfBase64: bytes.toString('base64'), pages, sha256: sha256(bytes) };
}

/** A CSV field (RFC 4180), with text a spreadsheet would run as a formula (=, +, -, @ first) led by an apostrophe. */
function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const BANK_CSV_HEADER = ['Employee no.', 'Name', 'Department', 'Bank', 'Account (masked)', 'Amount', 'Currency'];

/**
 * `payroll.bankCsv`: the bank transfer list of a finalized run, one row per slip with pay to transfer (net above zero):
 * UTF-8 with a byte-order mark (spreadsheets then read names in any script), CRLF lines, amounts as plain decimals.
 */
export async function bankCsv(ctx: CallContext, runId: number): Promise<{ fileName: string; csv: string }> {
  const run = await readRunRow(ctx, runId);
  ctx.requireHospital(run.hospital_id);
  if (run.status !== 'finalized') throw conflict('The bank transfer list is made from a finalized run: finalize the run first.');
  const rows: { employee_number: string; name: string; department: string | null; bank_name: string | null; bank_account_masked: string | null; net: number | string; currency: string }[] =
    await ctx.em.query(
      `SELECT s.employee_number, s.name, s.department, b.bank_name, s.bank_account_masked, s.net, r.currency
         FROM salary_slips s JOIN payroll_runs r ON r.id = s.run_id LEFT JOIN staff_bank_details b ON b.staff_id = s.staff_id
        WHERE s.run_id = ? AND s.net > 0 ORDER BY s.name, s.id`,
      [runId],
    );
  const { code } = await letterheadOf(ctx, run.hospital_id);
  const lines = [
    BANK_CSV_HEADER,
    ...rows.map((r) => [r.employee_number, r.name, r.department ?? '', r.bank_name ?? '', r.bank_account_masked ?? '', moneyDecimal(Number(r.net), r.currency), r.currency]),
  ].map((cells) => cells.map(csvField).join(','));
  ctx.audit({ action: 'payroll.bank_export', hospitalId: run.hospital_id, changes: { runId: run.id, month: run.month, rows: rows.length } });
  return { fileName: `bank-transfers-${code}-${run.month}.csv`, csv: `\ufeff${lines.join('\r\n')}\r\n` };
}
