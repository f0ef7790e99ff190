// The salary slip PDF from a hand-made slip, read back with poppler: every figure, names in Devanagari, DRAFT marking,
// byte-identical re-renders, A4 and Letter, the batch.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { SalarySlip } from '@shared/contract/payroll';
import { renderSalarySlipBatch, renderSalarySlipPdf, slipAmount } from '../../src-main/pdf/salary-slip.pdf';
import type { HospitalLetterhead } from '../../src-main/pdf/layout';
import { pdfInfo, pdfPages, pdfPng } from '../support/pdf';

const KAMPALA: HospitalLetterhead = {
  name: 'Mulago Hill Hospital',
  address: 'Plot 12, Upper Mulago Hill Road',
  region: 'Kampala, Uganda',
  timeZone: 'Africa/Kampala',
};
const FINALIZED_AT = new Date('2027-04-01T07:00:00Z');

/** A nurse's March in Uganda: salaried base, allowances, night/weekend/holiday/overtime, PAYE, NSSF, an advance. */
function slip(over: Partial<SalarySlip> = {}): SalarySlip {
  return {
    id: 7,
    staffId: 42,
    runId: 3,
    hospitalId: 1,
    employeeNumber: 'KLA-S-0042',
    name: 'Nakato Ssebunya',
    department: 'Surgical ward',
    designation: 'nurse',
    month: '2027-03',
    status: 'finalized',
    currency: 'UGX',
    periodStart: '2027-03-01',
    periodEnd: '2027-03-31',
    workingDays: 22,
    paidDays: 22,
    earnings: [
      { code: 'BASE', label: 'Basic salary', quantity: null, rate: null, amount: 1_200_000, ytd: 3_600_000 },
      { code: 'ALLOWANCE:Housing allowance', label: 'Housing allowance', quantity: null, rate: null, amount: 150_000, ytd: 450_000 },
      { code: 'NIGHT', label: 'Night differential', quantity: 40, rate: 1_538, amount: 61_520, ytd: 123_040 },
      { code: 'WEEKEND', label: 'Weekend differential', quantity: 10, rate: 1_923, amount: 19_230, ytd: 19_230 },
      { code: 'OVERTIME', label: 'Overtime', quantity: 7.5, rate: 3_846, amount: 28_845, ytd: 28_845 },
    ],
    deductions: [
      { code: 'TAX', label: 'Income tax (PAYE)', quantity: null, rate: null, amount: 307_418, ytd: 900_000 },
      { code: 'PENSION', label: 'NSSF (employee 5%)', quantity: null, rate: null, amount: 72_980, ytd: 215_000 },
      { code: 'ONE_OFF:Salary advance', label: 'Salary advance', quantity: null, rate: null, amount: 100_000, ytd: 100_000 },
    ],
    employer: [{ code: 'PENSION_EMPLOYER', label: 'NSSF (employer 10%)', quantity: null, rate: null, amount: 145_960, ytd: 430_000 }],
    gross: 1_459_595,
    totalDeductions: 480_398,
    net: 979_197,
    employerCost: 1_605_555,
    netInWords: 'Uganda Shillings nine hundred seventy-nine thousand one hundred ninety-seven only',
    ytdGross: 4_221_115,
    ytdNet: 2_906_115,
    bankAccountMasked: '•••• 4821',
    paidOn: '2027-03-31',
    sha256: null,
    ...over,
  };
}

/** Page text with runs of spaces squeezed and no-break spaces made plain. */
const squeeze = (t: string) => t.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('salary slip PDF', () => {
  it('prints every figure of the slip: lines with YTD side by side, gross, deductions, net in words, employer below the line', async () => {
    const s = slip();
    const { bytes, pages } = await renderSalarySlipPdf(s, KAMPALA, { paper: 'A4', at: FINALIZED_AT });
    expect(pages).toBe(1);
    const text = squeeze(pdfPages(bytes)[0]);
    const a = (n: number) => slipAmount(n, 'UGX');
    expect(text).toContain('Mulago Hill Hospital');
    expect(text).toContain('Salary slip');
    expect(text).not.toContain('DRAFT');
    expect(text).toContain('Pay period Mar 2027');
    expect(text).toContain('1 Mar 2027 – 31 Mar 2027');
    expect(text).toContain('Paid on 31 Mar 2027');
    for (const v of ['Nakato Ssebunya', 'KLA-S-0042', 'Surgical ward', 'Nurse', '•••• 4821']) expect(text).toContain(v);
    expect(text).toContain('Designation Nurse');
    expect(text).toMatch(/Working days 22/);
    expect(text).toMatch(/Paid days 22/);
    // Side by side: the i-th earning and the i-th deduction on one printed row, each with amount and YTD.
    for (let i = 0; i < Math.max(s.earnings.length, s.deductions.length); i++) {
      const e = s.earnings[i];
      const d = s.deductions[i];
      const parts = [...(e ? [e.label, a(e.amount), a(e.ytd)] : []), ...(d ? [d.label, a(d.amount), a(d.ytd)] : [])];
      expect(text).toContain(parts.join(' '));
    }
    expect(text).toContain('40 h × 1,538');
    expect(text).toContain('7.5 h × 3,846');
    expect(text).toContain(`Gross pay ${a(s.gross)} ${a(s.ytdGross)} Total deductions ${a(s.totalDeductions)} ${a(s.ytdGross - s.ytdNet)}`);
    expect(text).toContain(`${a(s.net)} ${a(s.ytdNet)}`);
    expect(text).toContain('Net pay in words: Uganda Shillings nine hundred seventy-nine thousand one hundred ninety-seven only');
    const below = text.slice(text.indexOf('Employer contributions'));
    expect(below).toContain(`NSSF (employer 10%) ${a(145_960)} ${a(430_000)}`);
    expect(below).toContain(`Cost to employer (gross pay and contributions) ${a(s.employerCost)}`);
    expect(text.indexOf('Net pay in words')).toBeLessThan(text.indexOf('Employer contributions'));
    expect(pdfPng(bytes, 'salary-slip-unit', 1, 100)).toMatch(/salary-slip-unit\.png$/);
  });

  it('shows amounts in the currency\'s minor units: INR with paise, USD with cents', async () => {
    const inr = slip({ currency: 'INR', net: 4_512_350, ytdNet: 13_537_050, netInWords: 'Indian Rupees forty-five thousand one hundred twenty-three and fifty paise only' });
    const text = squeeze(pdfPages((await renderSalarySlipPdf(inr, KAMPALA, { paper: 'A4', at: FINALIZED_AT })).bytes)[0]);
    expect(text).toContain('45,123.50 135,370.50');
    expect(text).toContain('Indian Rupees forty-five thousand one hundred twenty-three and fifty paise only');
    expect(text).toContain('12,000.00 36,000.00');
  });

  it('sets a Devanagari name, department and designation so the text reads back in logical order', async () => {
    const s = slip({ name: 'अनन्या शर्मा', department: 'शल्य चिकित्सा', designation: 'नर्स', currency: 'INR' });
    const { bytes } = await renderSalarySlipPdf(s, KAMPALA, { paper: 'A4', at: FINALIZED_AT });
    const text = squeeze(pdfPages(bytes)[0]);
    expect(text).toContain('अनन्या शर्मा');
    expect(text).toContain('शल्य चिकित्सा');
    expect(text).toContain('नर्स');
    expect(pdfPng(bytes, 'salary-slip-devanagari', 1, 100)).toMatch(/\.png$/);
  });

  it('re-renders to the same bytes, and the dates come from the caller, not the wall clock', async () => {
    const one = await renderSalarySlipPdf(slip(), KAMPALA, { paper: 'A4', at: FINALIZED_AT });
    await new Promise((r) => setTimeout(r, 1100));
    const two = await renderSalarySlipPdf(slip(), KAMPALA, { paper: 'A4', at: FINALIZED_AT });
    expect(sha(two.bytes)).toBe(sha(one.bytes));
    expect(two.bytes.equals(one.bytes)).toBe(true);
    const other = await renderSalarySlipPdf(slip(), KAMPALA, { paper: 'A4', at: new Date(FINALIZED_AT.getTime() + 1000) });
    expect(other.bytes.equals(one.bytes)).toBe(false);
    expect(pdfInfo(one.bytes).fields.CreationDate).toMatch(/2027/);
  });

  it('prints on A4 or Letter as asked', async () => {
    const a4 = pdfInfo((await renderSalarySlipPdf(slip(), KAMPALA, { paper: 'A4', at: FINALIZED_AT })).bytes);
    const letter = await renderSalarySlipPdf(slip(), KAMPALA, { paper: 'Letter', at: FINALIZED_AT });
    const info = pdfInfo(letter.bytes);
    expect([a4.width, a4.height]).toEqual([595.28, 841.89]);
    expect([info.width, info.height]).toEqual([612, 792]);
    expect(letter.pages).toBe(1);
    expect(squeeze(pdfPages(letter.bytes)[0])).toContain('Net pay in words');
  });

  it('marks a draft DRAFT in the title, the text and the footer', async () => {
    const { bytes } = await renderSalarySlipPdf(slip({ status: 'draft', paidOn: null }), KAMPALA, { paper: 'A4', at: FINALIZED_AT });
    const text = squeeze(pdfPages(bytes)[0]);
    expect(text).toContain('Salary slip · DRAFT');
    expect(text).toContain('Not paid');
    expect(text).toMatch(/DRAFT — this run is not finalized/);
    expect(pdfInfo(bytes).title).toContain('(DRAFT)');
    expect(pdfPng(bytes, 'salary-slip-draft', 1, 100)).toMatch(/\.png$/);
  });

  it('keeps a slip with many lines and no bank account readable (more deductions than earnings, continued pages)', async () => {
    const deductions = Array.from({ length: 40 }, (_, i) => ({ code: `ONE_OFF:${i}`, label: `Loan instalment ${i + 1}`, quantity: null, rate: null, amount: 1_000 + i, ytd: 5_000 + i }));
    const { bytes, pages } = await renderSalarySlipPdf(slip({ deductions, bankAccountMasked: null, department: null }), KAMPALA, { paper: 'Letter', at: FINALIZED_AT });
    const text = squeeze(pdfPages(bytes).join('\n'));
    expect(pages).toBe(2);
    expect(text).toContain('Loan instalment 40 1,039 5,039');
    expect(text).toContain('No bank account on file');
    expect(pdfInfo(bytes).pages).toBe(pages);
    expect(text).toContain('Nakato Ssebunya, Mar 2027 (continued)');
    pdfPng(bytes, 'salary-slip-long-p2', 2, 100);
  });

  it('prints a joiner’s pro-rata base and unpaid leave as a negative earning with its days and daily rate', async () => {
    const earnings = [
      { code: 'BASE', label: 'Base pay (15 of 31 days)', quantity: 15, rate: null, amount: 580_645, ytd: 580_645 },
      { code: 'UNPAID_LEAVE', label: 'Unpaid leave (2 days)', quantity: 2, rate: 54_545, amount: -109_090, ytd: -109_090 },
    ];
    const text = squeeze(pdfPages((await renderSalarySlipPdf(slip({ earnings, paidDays: 9 }), KAMPALA, { paper: 'A4', at: FINALIZED_AT })).bytes)[0]);
    expect(text).toContain('Base pay (15 of 31 days) 580,645 580,645');
    expect(text).not.toContain('15 days');
    expect(text).toContain('Unpaid leave (2 days) -109,090 -109,090');
    expect(text).toContain('2 days × 54,545');
    expect(text).toMatch(/Paid days 9/);
  });

  it('puts a run in one batch file, each slip from a new page, with progress after each', async () => {
    const slips = [slip(), slip({ id: 8, name: 'Okello Mugisha', employeeNumber: 'KLA-S-0043' }), slip({ id: 9, name: 'प्रिया किशोर', employeeNumber: 'KLA-S-0044' })];
    const progress: number[] = [];
    const { bytes, pages } = await renderSalarySlipBatch(slips, 3, KAMPALA, { paper: 'A4', at: FINALIZED_AT, title: 'Salary slips Mar 2027' }, (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3]);
    expect(pages).toBe(3);
    const texts = pdfPages(bytes).map(squeeze);
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Nakato Ssebunya');
    expect(texts[1]).toContain('Okello Mugisha');
    expect(texts[2]).toContain('प्रिया किशोर');
  });
});
