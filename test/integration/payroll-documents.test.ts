// Salary slip documents on MariaDB: a draft's PDF marked DRAFT and never stored; finalize stores each slip's PDF with
// its SHA-256; the PDF read back shows every figure of the stored slip; reprints are the stored bytes; a Devanagari
// name on Letter paper in rupees; the batch of a run with progress; the bank transfer CSV; who may print what.
// The clock stands on Friday 2 April 2027, 09:00 in Kampala: February is paid, March is being run.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import type { SalarySlip } from '@shared/contract/payroll';
import { DEMO_DEDUCTION_RULES } from '@shared/domain/payroll';
import { moneyDecimal } from '@shared/domain/money';
import { designationText, slipAmount } from '../../src-main/pdf/salary-slip.pdf';
import { startTestApp, UGANDA, type Desk, type TestApp } from '../support/app';
import { department } from '../support/scheduling';
import { pdfInfo, pdfPages, pdfPng } from '../support/pdf';

let app: TestApp;
let hr: Desk;
let billing: Desk;
let nurseDesk: Desk & { userId: number };
let kampalaOnly: Desk;
let puneId: number;
let nakato: Output<'staff.create'>;
let okello: Output<'staff.create'>;
let ananya: Output<'staff.create'>;
let february: Output<'payroll.finalize'>;
let march: Output<'payroll.startRun'>;
let pune: Output<'payroll.startRun'>;

/** The PDF's text, pages joined by form feeds, no-break spaces made plain and runs of spaces squeezed. */
const textOf = (b64: string) => pdfPages(b64).join('\f').replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
const sha = (b64: string) => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex');

/** Every figure of the stored slip, as the PDF must show it. */
function expectEveryFigure(text: string, slip: SalarySlip): void {
  const a = (n: number) => slipAmount(n, slip.currency);
  for (const v of [slip.name, slip.employeeNumber, slip.department ?? '—', slip.netInWords]) expect(text).toContain(v);
  expect(text).toContain(`Designation ${designationText(slip.designation)}`);
  expect(text).toMatch(new RegExp(`Working days ${slip.workingDays}\\b`));
  expect(text).toMatch(new RegExp(`Paid days ${slip.paidDays}\\b`));
  for (const line of [...slip.earnings, ...slip.deductions]) expect(text).toContain(`${line.label} ${a(line.amount)} ${a(line.ytd)}`);
  const ytdDeductions = slip.ytdGross - slip.ytdNet;
  expect(text).toContain(`Gross pay ${a(slip.gross)} ${a(slip.ytdGross)} Total deductions ${a(slip.totalDeductions)} ${a(ytdDeductions)}`);
  expect(text).toContain(`Gross pay less total deductions ${a(slip.net)} ${a(slip.ytdNet)}`);
  expect(text).toContain(`Net pay in words: ${slip.netInWords}`);
  const below = text.slice(text.indexOf('Employer contributions'));
  for (const line of slip.employer) expect(below).toContain(`${line.label} ${a(line.amount)} ${a(line.ytd)}`);
  expect(below).toContain(`Cost to employer (gross pay and contributions) ${a(slip.employerCost)}`);
  expect(text).toContain(slip.bankAccountMasked ?? 'No bank account on file');
}

beforeAll(async () => {
  app = await startTestApp();
  await app.setClock(new Date('2027-04-02T09:00:00+03:00'));
  hr = await app.signedIn(['hr'], { allHospitals: true });
  billing = await app.signedIn(['billing'], { allHospitals: true });
  nurseDesk = await app.signedIn(['nurse']);
  kampalaOnly = await app.signedIn(['billing']);
  puneId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'PNQ', name: 'Pune Care', country: 'IN', timeZone: 'Asia/Kolkata', currency: 'INR', defaultTaxRateBp: 1200, patientNumberFormat: 'PNQ-{seq:5}' })).id;
  await app.admin.ok('billing.setSettings', { hospitalId: puneId, taxNumber: null, requireBilledBeforeDischarge: false, archiveAfterDays: 30, paper: 'Letter' });

  const surgical = await department(app.admin, app.hospitalId, 'Surgical ward');
  const medical = await department(app.admin, app.hospitalId, 'Medical ward');
  const puneWard = await department(app.admin, puneId, 'शल्य चिकित्सा');
  nakato = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Nakato', lastName: 'Ssebunya', staffRole: 'nurse', departmentId: surgical.id, hireDate: '2020-01-06', contractedHours: 40, userId: nurseDesk.userId });
  okello = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: 'Okello', lastName: 'Mugisha', staffRole: 'technician', departmentId: medical.id, hireDate: '2019-05-01', contractedHours: 40 });
  // A name a spreadsheet would misread: a comma, quotes, and an equals sign first (a formula).
  const odd = await hr.ok('staff.create', { hospitalId: app.hospitalId, firstName: '=Mary "May"', lastName: 'Nansubuga, Jr', staffRole: 'support', departmentId: medical.id, hireDate: '2022-02-01', contractedHours: 40 });
  await hr.ok('payroll.setStructure', { staffId: odd.id, validFrom: '2027-01-01', basis: 'salaried', monthlyBase: 600_000, bankName: 'Centenary Bank', bankAccount: '3100-555-0042' });
  ananya = await hr.ok('staff.create', { hospitalId: puneId, firstName: 'अनन्या', lastName: 'शर्मा', staffRole: 'nurse', departmentId: puneWard.id, hireDate: '2021-07-01', contractedHours: 48 });

  await hr.ok('payroll.setDeductionRules', { hospitalId: app.hospitalId, ...DEMO_DEDUCTION_RULES.UG });
  await hr.ok('payroll.setDeductionRules', { hospitalId: puneId, ...DEMO_DEDUCTION_RULES.IN });
  await hr.ok('payroll.setStructure', {
    staffId: nakato.id,
    validFrom: '2027-01-01',
    basis: 'salaried',
    monthlyBase: 1_200_000,
    allowances: [
      { name: 'Housing', monthly: 150_000 },
      { name: 'Transport', monthly: 80_000 },
    ],
    bankName: 'Stanbic Bank Uganda',
    bankAccount: '9030012344821',
  });
  await hr.ok('payroll.setStructure', { staffId: okello.id, validFrom: '2027-01-01', basis: 'salaried', monthlyBase: 4_500_000, allowances: [{ name: 'On-call', monthly: 300_000 }] });
  await hr.ok('payroll.setStructure', { staffId: ananya.id, validFrom: '2027-01-01', basis: 'salaried', monthlyBase: 4_512_350, bankName: 'State Bank of India', bankAccount: '30012345678907' });
  await hr.ok('payroll.addOneOff', { staffId: nakato.id, month: '2027-03', label: 'Salary advance', amount: 100_000 });

  const feb = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-02' });
  february = await hr.ok('payroll.finalize', { runId: feb.id, version: feb.version, paidOn: '2027-02-28' });
  march = await hr.ok('payroll.startRun', { hospitalId: app.hospitalId, month: '2027-03' });
  pune = await hr.ok('payroll.startRun', { hospitalId: puneId, month: '2027-03' });
});
afterAll(async () => app?.close());

const slipOf = (run: Output<'payroll.startRun'>, staffId: number) => run.slips.find((s) => s.staffId === staffId)!.id;

describe('a draft run', () => {
  it('prints each slip marked DRAFT from the figures as they are now, and stores nothing', async () => {
    const slipId = slipOf(march, nakato.id);
    const slip = await billing.ok('payroll.slip', { slipId });
    expect(slip.status).toBe('draft');
    const pdf = await billing.ok('payroll.slipPdf', { slipId });
    expect(pdf.fileName).toBe(`salary-slip-${slip.employeeNumber.replace(/[^A-Za-z0-9_.-]+/g, '-')}-2027-03-DRAFT.pdf`);
    expect(sha(pdf.pdfBase64)).toBe(pdf.sha256);
    const text = textOf(pdf.pdfBase64);
    expect(text).toContain('Salary slip · DRAFT');
    expect(text).toContain('Not paid');
    expectEveryFigure(text, slip);
    expect(text).toContain('Salary advance');
    const [stored] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM salary_slip_documents WHERE slip_id = ?', [slipId]);
    expect(Number(stored.n)).toBe(0);
    expect((await billing.ok('payroll.slip', { slipId })).sha256).toBeNull();
  });

  it('prints the draft run as one batch, every page marked DRAFT', async () => {
    const batch = await hr.ok('payroll.batchPdf', { runId: march.id, paper: 'Letter' });
    expect(batch.fileName).toBe('salary-slips-HMS-2027-03-DRAFT.pdf');
    expect(batch.pages).toBe(march.totals.count);
    expect(pdfInfo(batch.pdfBase64).width).toBe(612);
    for (const page of pdfPages(batch.pdfBase64)) expect(page).toContain('Salary slip · DRAFT');
  });

  it('has no bank transfer list yet, and is not among the nurse’s own slips', async () => {
    expect((await billing.fails('payroll.bankCsv', { runId: march.id }, 'CONFLICT')).message).toMatch(/finalized run/);
    await nurseDesk.fails('payroll.mySlipPdf', { slipId: slipOf(march, nakato.id) }, 'FORBIDDEN');
  });
});

describe('a finalized run', () => {
  let finalized: Output<'payroll.finalize'>;
  let slip: SalarySlip;
  let first: Output<'payroll.slipPdf'>;

  beforeAll(async () => {
    finalized = await hr.ok('payroll.finalize', { runId: march.id, version: march.version, paidOn: '2027-03-31' });
    slip = await billing.ok('payroll.slip', { slipId: slipOf(march, nakato.id) });
    first = await billing.ok('payroll.slipPdf', { slipId: slip.id });
  });

  it('stores every slip’s PDF with its SHA-256 at finalize', async () => {
    const rows = await app.db.sql<{ slip_id: number; sha256: string; pages: number; pdf: Buffer }>(
      'SELECT d.slip_id, d.sha256, d.pages, d.pdf FROM salary_slip_documents d JOIN salary_slips s ON s.id = d.slip_id WHERE s.run_id = ?',
      [march.id],
    );
    expect(rows).toHaveLength(finalized.totals.count);
    for (const r of rows) {
      expect(createHash('sha256').update(r.pdf).digest('hex')).toBe(r.sha256);
      expect(Number(r.pages)).toBe(1);
    }
    expect(slip.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints the stored bytes: every figure equals the stored slip, paid on its date, not DRAFT', async () => {
    expect(slip.status).toBe('finalized');
    expect(first.sha256).toBe(slip.sha256);
    expect(sha(first.pdfBase64)).toBe(slip.sha256);
    expect(first.fileName).toMatch(/^salary-slip-.+-2027-03\.pdf$/);
    const text = textOf(first.pdfBase64);
    expect(text).not.toContain('DRAFT');
    expect(text).toContain('Kampala General');
    expect(text).toContain('Pay period Mar 2027');
    expect(text).toContain('1 Mar 2027 – 31 Mar 2027');
    expect(text).toContain('Paid on 31 Mar 2027');
    expectEveryFigure(text, slip);
    // Year to date runs over February's finalized slip: the printed YTD of all deductions is February's and March's.
    const feb = await billing.ok('payroll.slip', { slipId: slipOf(february, nakato.id) });
    expect(slip.ytdGross).toBe(feb.gross + slip.gross);
    expect(slip.ytdGross - slip.ytdNet).toBe(feb.totalDeductions + slip.totalDeductions);
    expect(slip.bankAccountMasked).toMatch(/4821$/);
    expect(text).not.toContain('9030012344821');
    const info = pdfInfo(first.pdfBase64);
    expect([info.width, info.height]).toEqual([595.28, 841.89]);
    expect(info.pages).toBe(first.pages);
    expect(pdfPng(first.pdfBase64, 'salary-slip', 1, 100)).toMatch(/salary-slip\.png$/);
  });

  it('reprints byte-identical, a minute later, for HR, billing and the nurse herself', async () => {
    app.advanceClock(60_000);
    const again = await hr.ok('payroll.slipPdf', { slipId: slip.id });
    expect(again.pdfBase64).toBe(first.pdfBase64);
    const mine = await nurseDesk.ok('payroll.mySlipPdf', { slipId: slip.id });
    expect(mine.pdfBase64).toBe(first.pdfBase64);
    expect(mine.sha256).toBe(slip.sha256);
  });

  it('refuses a colleague’s slip to the nurse, slips to those who do not print them, and another hospital’s slip', async () => {
    await nurseDesk.fails('payroll.mySlipPdf', { slipId: slipOf(march, okello.id) }, 'FORBIDDEN');
    await nurseDesk.fails('payroll.slipPdf', { slipId: slip.id }, 'FORBIDDEN');
    await nurseDesk.fails('payroll.batchPdf', { runId: march.id }, 'FORBIDDEN');
    await nurseDesk.fails('payroll.bankCsv', { runId: march.id }, 'FORBIDDEN');
    await kampalaOnly.fails('payroll.slipPdf', { slipId: slipOf(pune, ananya.id) }, 'FORBIDDEN');
    await kampalaOnly.fails('payroll.batchPdf', { runId: pune.id }, 'FORBIDDEN');
    await billing.fails('payroll.slipPdf', { slipId: 99_999_999 }, 'NOT_FOUND');
  });

  it('prints the whole run as one batch, a slip a page in the run’s order, with progress', async () => {
    const progress: { jobId: string; done: number; total: number }[] = [];
    const off = app.runtime.events.subscribe((name, payload) => name === 'payroll.progress' && progress.push(payload as never));
    const batch = await billing.ok('payroll.batchPdf', { runId: march.id, jobId: 'slips-1' });
    off();
    const count = finalized.totals.count;
    expect(batch.pages).toBe(count);
    expect(batch.fileName).toBe('salary-slips-HMS-2027-03.pdf');
    expect(progress.at(-1)).toEqual({ jobId: 'slips-1', done: count, total: count });
    const pages = pdfPages(batch.pdfBase64).map((p) => p.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' '));
    expect(pages).toHaveLength(count);
    finalized.slips.forEach((s, i) => expect(pages[i]).toContain(s.name));
    expect(pages.join('\f')).not.toContain('DRAFT');
    // The batch's page of a slip shows the same figures as its own PDF.
    expectEveryFigure(pages[finalized.slips.findIndex((s) => s.id === slip.id)], slip);
  });

  it('exports the bank transfer list: UTF-8 with a BOM, masked accounts, exact amounts', async () => {
    const { fileName, csv } = await billing.ok('payroll.bankCsv', { runId: march.id });
    expect(fileName).toBe('bank-transfers-HMS-2027-03.csv');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Employee no.,Name,Department,Bank,Account (masked),Amount,Currency');
    const paid = finalized.slips.filter((s) => s.net > 0);
    expect(lines).toHaveLength(paid.length + 1);
    expect(lines).toContain(`${slip.employeeNumber},Nakato Ssebunya,Surgical ward,Stanbic Bank Uganda,${slip.bankAccountMasked},${moneyDecimal(slip.net, 'UGX')},UGX`);
    const doc = finalized.slips.find((s) => s.staffId === okello.id)!;
    expect(lines).toContain(`${doc.employeeNumber},Okello Mugisha,Medical ward,,,${moneyDecimal(doc.net, 'UGX')},UGX`);
    expect(csv).not.toContain('9030012344821');
    const odd = finalized.slips.find((s) => s.name.includes('Nansubuga'))!;
    expect(lines).toContain(`${odd.employeeNumber},"'=Mary ""May"" Nansubuga, Jr",Medical ward,Centenary Bank,•••• 0042,${moneyDecimal(odd.net, 'UGX')},UGX`);
    await kampalaOnly.fails('payroll.bankCsv', { runId: pune.id }, 'FORBIDDEN');
  });

  it('gives February’s slips, finalized earlier, their own stored documents dated by their run', async () => {
    const febSlip = await billing.ok('payroll.slip', { slipId: slipOf(february, nakato.id) });
    const pdf = await billing.ok('payroll.slipPdf', { slipId: febSlip.id });
    expect(pdf.sha256).toBe(febSlip.sha256);
    const text = textOf(pdf.pdfBase64);
    expect(text).toContain('Pay period Feb 2027');
    expect(text).toContain('Paid on 28 Feb 2027');
    expectEveryFigure(text, febSlip);
  });

  it('makes a finalized slip without a stored document (a run loaded from elsewhere) on first print: the same bytes finalize stored', async () => {
    const slipId = slipOf(february, okello.id);
    const before = await billing.ok('payroll.slipPdf', { slipId });
    await app.db.sql('DELETE FROM salary_slip_documents WHERE slip_id = ?', [slipId]);
    expect((await billing.ok('payroll.slip', { slipId })).sha256).toBeNull();
    app.advanceClock(60_000);
    const remade = await nurseDesk.call('payroll.mySlipPdf', { slipId });
    expect(remade.ok).toBe(false);
    // Two desks print it first at once: one stores it, both answer with the same bytes.
    const [first, second] = await Promise.all([hr.ok('payroll.slipPdf', { slipId }), billing.ok('payroll.slipPdf', { slipId })]);
    expect(first.pdfBase64).toBe(before.pdfBase64);
    expect(second.pdfBase64).toBe(before.pdfBase64);
    expect((await billing.ok('payroll.slip', { slipId })).sha256).toBe(before.sha256);
    const [row] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM salary_slip_documents WHERE slip_id = ?', [slipId]);
    expect(Number(row.n)).toBe(1);
  });
});

describe('a slip in another script, currency and paper', () => {
  it('prints a Devanagari name and department in rupees with paise on Letter, reprinted byte-identical', async () => {
    const run = await hr.ok('payroll.finalize', { runId: pune.id, version: pune.version, paidOn: '2027-03-31' });
    const slip = await billing.ok('payroll.slip', { slipId: slipOf(run, ananya.id) });
    expect(slip.currency).toBe('INR');
    const pdf = await billing.ok('payroll.slipPdf', { slipId: slip.id });
    expect(sha(pdf.pdfBase64)).toBe(slip.sha256);
    const text = textOf(pdf.pdfBase64);
    expect(text).toContain('अनन्या शर्मा');
    expect(text).toContain('शल्य चिकित्सा');
    expect(text).toContain('Pune Care');
    expectEveryFigure(text, slip);
    expect(text).toMatch(/\d,\d{3}\.\d{2}/);
    expect(slip.netInWords).toMatch(/^Indian Rupees /);
    const info = pdfInfo(pdf.pdfBase64);
    expect([info.width, info.height]).toEqual([612, 792]);
    expect((await hr.ok('payroll.slipPdf', { slipId: slip.id })).pdfBase64).toBe(pdf.pdfBase64);
    pdfPng(pdf.pdfBase64, 'salary-slip-devanagari-letter', 1, 100);
    const csv = (await billing.ok('payroll.bankCsv', { runId: run.id })).csv;
    expect(csv).toContain(`अनन्या शर्मा,शल्य चिकित्सा,State Bank of India,${slip.bankAccountMasked},${moneyDecimal(slip.net, 'INR')},INR`);
  });
});

describe('a run larger than a chunk of slips', () => {
  it('stores all 230 slips’ PDFs at finalize and prints them as one batch of 230 pages with rising progress', async () => {
    const guluId = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'GUL', name: 'Gulu Regional', patientNumberFormat: 'GUL/{seq:6}' })).id;
    await hr.ok('payroll.setDeductionRules', { hospitalId: guluId, ...DEMO_DEDUCTION_RULES.UG });
    const ward = await department(app.admin, guluId, 'Gulu ward');
    for (let i = 0; i < 230; i++) {
      const s = await hr.ok('staff.create', { hospitalId: guluId, firstName: `Staff${i}`, lastName: 'Gulu', staffRole: 'support', departmentId: ward.id, hireDate: '2020-01-06', contractedHours: 40 });
      await hr.ok('payroll.setStructure', { staffId: s.id, validFrom: '2027-01-01', basis: 'salaried', monthlyBase: 500_000 + i * 1_000 });
    }
    const draft = await hr.ok('payroll.startRun', { hospitalId: guluId, month: '2027-03' });
    expect(draft.totals.count).toBe(230);
    const run = await hr.ok('payroll.finalize', { runId: draft.id, version: draft.version, paidOn: '2027-03-31' });
    const [docs] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM salary_slip_documents d JOIN salary_slips s ON s.id = d.slip_id WHERE s.run_id = ?', [run.id]);
    expect(Number(docs.n)).toBe(230);
    const last = await billing.ok('payroll.slip', { slipId: run.slips[229].id });
    expect(sha((await billing.ok('payroll.slipPdf', { slipId: last.id })).pdfBase64)).toBe(last.sha256);

    const progress: number[] = [];
    const off = app.runtime.events.subscribe((name, payload) => name === 'payroll.progress' && progress.push((payload as { done: number }).done));
    const batch = await billing.ok('payroll.batchPdf', { runId: run.id, jobId: 'gulu' });
    off();
    expect(batch.pages).toBe(230);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(230);
    const pages = pdfPages(batch.pdfBase64);
    expect(pages[229]).toContain(run.slips[229].name);
  }, 120_000);
});
