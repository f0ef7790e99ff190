// Payroll: each staff member's pay structure with its history, the deduction rules and public holidays of a hospital,
// one-off deductions for a month, monthly runs (draft → finalized) computing salary slips from worked shifts and
// leave, slip PDFs stored with their SHA-256, a batch PDF of a run, the bank transfer list, and everybody's own slips.
import { z } from 'zod';
import { channel, Id, IsoDate, IsoMonth, OptionalText, RequiredText, returns, Text } from './channel';
import { PAPER_SIZES } from './wards';

/** Who keeps pay and runs payroll. */
export const PAYROLL = ['hr'] as const;
/** Who reads runs and slips, and prints them. */
export const PAYROLL_READERS = ['hr', 'billing', 'manager'] as const;
/** Who prints slips and the batch (the billing office and HR). */
export const SLIP_PRINTERS = ['hr', 'billing'] as const;

const Money = z.number({ error: 'Expected an amount in minor units.' }).int({ error: 'Whole minor units only.' }).min(0).max(100_000_000_000);
/** A rate in basis points: 10,000 = 100 %. */
const RateBp = z.number({ error: 'Expected a rate in basis points.' }).int().min(0).max(100_000);
export const Month = IsoMonth;

/** A differential for hours of one kind: none, a percentage of the hourly rate on top, or an amount per hour on top. */
export const Differential = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('percent'), rateBp: RateBp }),
  z.object({ kind: z.literal('amount'), perHour: Money }),
]);
export type Differential = z.infer<typeof Differential>;

export const PAY_BASES = ['salaried', 'hourly'] as const;
export type PayBasis = (typeof PAY_BASES)[number];

export const PayStructureFields = z
  .object({
    basis: z.enum(PAY_BASES),
    /** Salaried: monthly base pay at 100 % employment. */
    monthlyBase: Money.nullable().default(null),
    /** Hourly: pay per hour worked. */
    hourlyRate: Money.nullable().default(null),
    /** 1–100 % of full time. */
    employmentPercent: z.number().int().min(1).max(100).default(100),
    allowances: z.array(z.object({ name: RequiredText(60), monthly: Money })).max(10).default([]),
    night: Differential.default({ kind: 'none' }),
    weekend: Differential.default({ kind: 'none' }),
    holiday: Differential.default({ kind: 'none' }),
    overtime: Differential.default({ kind: 'none' }),
  })
  .refine((s) => s.basis !== 'salaried' || s.monthlyBase != null, { path: ['monthlyBase'], error: 'A salaried structure needs a monthly base pay.' })
  .refine((s) => s.basis !== 'hourly' || s.hourlyRate != null, { path: ['hourlyRate'], error: 'An hourly structure needs an hourly rate.' });
export type PayStructureFields = z.input<typeof PayStructureFields>;

/** What a structure says about pay, as the form sends it once defaults are applied (the slip computation takes this). */
export type PayTerms = z.output<typeof PayStructureFields>;

export interface PayStructure extends PayTerms {
  id: number;
  staffId: number;
  hospitalId: number;
  validFrom: string;
  currency: string;
  createdAt: string;
  createdByName: string | null;
}

export interface StaffPay {
  staffId: number;
  staffName: string;
  employeeNumber: string;
  hospitalId: number;
  currency: string;
  /** Newest first; the one in force today is `current`. */
  history: PayStructure[];
  current: PayStructure | null;
  bankName: string | null;
  /** Masked: only the last four characters shown ("•••• 4821"). */
  bankAccountMasked: string | null;
}

export const TAX_BASES = ['monthly', 'annualised'] as const;
export const TAX_ROUNDINGS = ['down_unit', 'down_100', 'down_1000', 'half_up_unit'] as const;
export type TaxRounding = (typeof TAX_ROUNDINGS)[number];

export const DeductionRulesFields = z.object({
  tax: z.object({
    /** Bands apply to the month's taxable pay, or to it × 12 with the tax ÷ 12 (India's slabs). */
    basis: z.enum(TAX_BASES).default('monthly'),
    /** Taxable pay up to here is free of tax (per the basis' period). */
    taxFreeThreshold: Money.default(0),
    /** Ascending bands over the threshold: each rate applies to the part of pay up to `upTo` (null: the rest). */
    bands: z
      .array(z.object({ upTo: Money.nullable(), rateBp: RateBp }))
      .max(12)
      .refine((b) => b.every((x, i) => i === 0 || (b[i - 1].upTo != null && (x.upTo == null || x.upTo > b[i - 1].upTo!))), { error: 'Bands must rise, and only the last may be open.' }),
    rounding: z.enum(TAX_ROUNDINGS).default('down_unit'),
  }),
  pension: z
    .object({ name: RequiredText(40), employeeBp: RateBp, employerBp: RateBp, monthlyCeiling: Money.nullable().default(null) })
    .nullable()
    .default(null),
  healthInsurance: z.object({ name: RequiredText(40), monthly: Money }).nullable().default(null),
});
export type DeductionRulesFields = z.input<typeof DeductionRulesFields>;
export type DeductionRules = z.output<typeof DeductionRulesFields> & { hospitalId: number; currency: string };

export interface Holiday {
  date: string;
  name: string;
}

/** A one-off line is a deduction (an advance, a loan instalment) or an earning adjustment that pays something back. */
export const ONE_OFF_KINDS = ['deduction', 'earning'] as const;
export type OneOffKind = (typeof ONE_OFF_KINDS)[number];

export interface OneOffDeduction {
  id: number;
  staffId: number;
  month: string;
  label: string;
  kind: OneOffKind;
  amount: number;
  /** The finalized month this line corrects (a finalized slip never changes; its correction goes on a later month). */
  correctsMonth: string | null;
  createdAt: string;
}

export interface SlipLine {
  code: string;
  label: string;
  /** Hours or days behind the amount, when there are. */
  quantity: number | null;
  /** Minor units per hour or day, when there is one. */
  rate: number | null;
  amount: number;
  /** Year to date of this line's code, this slip included. */
  ytd: number;
}

export const RUN_STATUSES = ['draft', 'finalized'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface SlipSummary {
  id: number;
  staffId: number;
  employeeNumber: string;
  name: string;
  department: string | null;
  gross: number;
  totalDeductions: number;
  net: number;
  employerCost: number;
}

export interface SalarySlip extends SlipSummary {
  runId: number;
  hospitalId: number;
  month: string;
  status: RunStatus;
  currency: string;
  designation: string;
  periodStart: string;
  periodEnd: string;
  workingDays: number;
  paidDays: number;
  earnings: SlipLine[];
  deductions: SlipLine[];
  employer: SlipLine[];
  netInWords: string;
  ytdGross: number;
  ytdNet: number;
  bankAccountMasked: string | null;
  paidOn: string | null;
  /** SHA-256 of the stored PDF (finalized slips). */
  sha256: string | null;
}

export interface PayrollRun {
  id: number;
  hospitalId: number;
  month: string;
  status: RunStatus;
  currency: string;
  slips: SlipSummary[];
  totals: { count: number; gross: number; deductions: number; net: number; employerCost: number };
  byDepartment: { department: string | null; count: number; gross: number; net: number; employerCost: number }[];
  computedAt: string;
  finalizedAt: string | null;
  paidOn: string | null;
  version: number;
}

const PdfFile = returns<{ fileName: string; pdfBase64: string; pages: number; sha256: string }>();

/** Record kinds of this area. */
export const payrollKinds = ['pay_structure', 'payroll_settings', 'pay_adjustment', 'payroll_run'] as const;

export const payroll = {
  /** A pay structure from a date on (a raise from the 15th splits that month by days); bank details beside it. */
  'payroll.setStructure': channel({
    input: PayStructureFields.and(z.object({ staffId: Id, validFrom: IsoDate, bankName: OptionalText(80).optional(), bankAccount: OptionalText(40).optional() })),
    output: returns<StaffPay>(),
    access: PAYROLL,
    kind: 'write',
    changes: ['pay_structure'],
  }),
  'payroll.getStructure': channel({ input: z.object({ staffId: Id }), output: returns<StaffPay>(), access: PAYROLL, kind: 'read', shows: ['pay_structure', 'staff'] }),
  'payroll.setDeductionRules': channel({
    input: DeductionRulesFields.extend({ hospitalId: Id }),
    output: returns<DeductionRules>(),
    access: PAYROLL,
    kind: 'write',
    changes: ['payroll_settings'],
  }),
  'payroll.getDeductionRules': channel({ input: z.object({ hospitalId: Id }), output: returns<DeductionRules>(), access: PAYROLL_READERS, kind: 'read', shows: ['payroll_settings'] }),
  /** Replaces a hospital's public holidays of one year. */
  'payroll.setHolidays': channel({
    input: z
      .object({ hospitalId: Id, year: z.number().int().min(2000).max(2100), holidays: z.array(z.object({ date: IsoDate, name: RequiredText(80) })).max(60) })
      .refine((h) => h.holidays.every((d) => d.date.startsWith(`${h.year}-`)), { path: ['holidays'], error: 'Every holiday must fall in that year.' })
      .refine((h) => new Set(h.holidays.map((d) => d.date)).size === h.holidays.length, { path: ['holidays'], error: 'A day is listed twice.' }),
    output: returns<Holiday[]>(),
    access: PAYROLL,
    kind: 'write',
    changes: ['payroll_settings'],
  }),
  'payroll.holidays': channel({ input: z.object({ hospitalId: Id, year: z.number().int().min(2000).max(2100) }), output: returns<Holiday[]>(), access: PAYROLL_READERS, kind: 'read', shows: ['payroll_settings'] }),
  /**
   * A one-off line for one month's slip: a deduction (an advance, a loan instalment) or an earning adjustment (pays
   * something back). correctsMonth names the finalized month it corrects: before `month`, finalized at that hospital.
   */
  'payroll.addOneOff': channel({
    input: z
      .object({
        staffId: Id,
        month: Month,
        label: RequiredText(60),
        kind: z.enum(ONE_OFF_KINDS).default('deduction'),
        amount: Money.pipe(z.number().min(1, { error: 'Must be above zero.' })),
        correctsMonth: Month.nullable().default(null),
      })
      .refine((o) => o.correctsMonth == null || o.correctsMonth < o.month, { path: ['correctsMonth'], error: 'Must be a month before this one.' }),
    output: returns<OneOffDeduction>(),
    access: PAYROLL,
    kind: 'write',
    changes: ['pay_adjustment'],
  }),
  'payroll.removeOneOff': channel({ input: z.object({ id: Id }), output: returns<{ removed: true }>(), access: PAYROLL, kind: 'write', changes: ['pay_adjustment'] }),
  'payroll.oneOffs': channel({ input: z.object({ hospitalId: Id, month: Month }), output: returns<OneOffDeduction[]>(), access: PAYROLL, kind: 'read', shows: ['pay_adjustment'] }),
  /** Starts the month's run of a hospital as a draft (one run per hospital and month) and computes every slip. */
  'payroll.startRun': channel({
    input: z.object({ hospitalId: Id, month: Month }),
    output: returns<PayrollRun>(),
    access: PAYROLL,
    kind: 'write',
    changes: ['payroll_run'],
  }),
  /** Computes a draft run's slips again from the inputs as they are now. */
  'payroll.recompute': channel({ input: z.object({ runId: Id, version: z.number().int().min(1) }), output: returns<PayrollRun>(), access: PAYROLL, kind: 'write', changes: ['payroll_run'] }),
  'payroll.runs': channel({
    input: z.object({ hospitalId: Id, year: z.number().int().min(2000).max(2100).optional() }),
    output: returns<{ id: number; month: string; status: RunStatus; count: number; net: number; currency: string; paidOn: string | null }[]>(),
    access: PAYROLL_READERS,
    kind: 'read',
    shows: ['payroll_run'],
  }),
  'payroll.getRun': channel({ input: z.object({ runId: Id }), output: returns<PayrollRun>(), access: PAYROLL_READERS, kind: 'read', shows: ['payroll_run', 'staff'] }),
  'payroll.slip': channel({ input: z.object({ slipId: Id }), output: returns<SalarySlip>(), access: PAYROLL_READERS, kind: 'read', shows: ['payroll_run'] }),
  /** Finalizes a draft run: slips become immutable, each stored as a PDF with its SHA-256, marked paid on the date. */
  'payroll.finalize': channel({
    input: z.object({ runId: Id, version: z.number().int().min(1), paidOn: IsoDate }),
    output: returns<PayrollRun>(),
    access: PAYROLL,
    kind: 'write',
    changes: ['payroll_run'],
    // Once it holds the run's lock, finalize must read the one-offs and slips as committed by whoever held it before
    // (a one-off added meanwhile), not as they were when its transaction first read anything.
    isolation: 'READ COMMITTED',
  }),
  /** One slip's PDF: a finalized slip's stored bytes (byte-identical reprints), a draft's made now and marked DRAFT. */
  'payroll.slipPdf': channel({ input: z.object({ slipId: Id }), output: PdfFile, access: SLIP_PRINTERS, kind: 'read', shows: ['payroll_run'] }),
  /** Every slip of a run as one PDF, with 'payroll.progress' events. */
  'payroll.batchPdf': channel({ input: z.object({ runId: Id, jobId: Text(60).optional(), paper: z.enum(PAPER_SIZES).optional() }), output: PdfFile, access: SLIP_PRINTERS, kind: 'read', shows: ['payroll_run'] }),
  /** The bank transfer list of a finalized run: name, masked account, amount. */
  'payroll.bankCsv': channel({ input: z.object({ runId: Id }), output: returns<{ fileName: string; csv: string }>(), access: SLIP_PRINTERS, kind: 'read', shows: ['payroll_run'] }),
  /** The caller's own finalized slips, newest first. */
  'payroll.mySlips': channel({ input: z.object({}).default({}), output: returns<SalarySlip[]>(), access: 'signedIn', kind: 'read', shows: ['payroll_run'] }),
  /** The caller's own slip PDF (a finalized slip of theirs only). */
  'payroll.mySlipPdf': channel({ input: z.object({ slipId: Id }), output: PdfFile, access: 'signedIn', kind: 'read', shows: ['payroll_run'] }),
} as const;
