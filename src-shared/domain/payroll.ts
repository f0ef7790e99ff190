// Payroll rules as pure functions in integer minor units: hourly rates, income tax by bands, pension with a ceiling,
// working days, the amount in words, and the one slip computation a run calls per staff member. Products go through
// BigInt so no amount ever passes through a float; every rounding is named where it happens.
import type { DeductionRulesFields, Differential, PayTerms } from '../contract/payroll';
import { addDays, isoWeekday } from './dates';

/** Deduction rules with every default filled in (what the contract's schema outputs, without hospital and currency). */
export interface PayrollRules {
  tax: {
    basis: 'monthly' | 'annualised';
    taxFreeThreshold: number;
    bands: { upTo: number | null; rateBp: number }[];
    rounding: 'down_unit' | 'down_100' | 'down_1000' | 'half_up_unit';
  };
  pension: { name: string; employeeBp: number; employerBp: number; monthlyCeiling: number | null } | null;
  healthInsurance: { name: string; monthly: number } | null;
}

/** Hours a full-time year pays for (seed 003). */
export const YEARLY_HOURS = 1_950;

const big = BigInt;

/** n / d rounded half-up (n ≥ 0, d > 0), exactly. */
function divHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

// ---------------------------------------------------------------------------------------------------------------
// Rates

/**
 * The hourly rate from a yearly pay: yearly / 1,950 × employment % (seed 003), rounded half-up to the minor unit once,
 * on the exact quotient yearly × percent / (1,950 × 100).
 */
export function hourlyFromYearly(yearly: number, employmentPercent: number): number {
  return Number(divHalfUp(big(yearly) * big(employmentPercent), big(YEARLY_HOURS) * 100n));
}

/**
 * The hourly rate of a salaried structure, for overtime and differentials: the full-time yearly pay
 * (monthly base at 100 % × 12) / 1,950, rounded half-up to the minor unit. The employment percentage plays no part:
 * a part-timer's hour is worth what a full-timer's is; the percentage already scales the hours contracted.
 */
export function salariedHourlyRate(monthlyBaseAt100: number): number {
  return hourlyFromYearly(monthlyBaseAt100 * 12, 100);
}

// ---------------------------------------------------------------------------------------------------------------
// Income tax

/** Rounds an exact tax n / d the way the rule says: down to 1, 100 or 1,000 minor units, or half-up to 1. */
function roundTax(n: bigint, d: bigint, rounding: PayrollRules['tax']['rounding']): number {
  if (rounding === 'half_up_unit') return Number(divHalfUp(n, d));
  const step = rounding === 'down_1000' ? 1000n : rounding === 'down_100' ? 100n : 1n;
  return Number((n / d / step) * step);
}

/**
 * Tax before any division or rounding, as basis points × minor units (divide by 10,000 for minor units): each band's
 * rate on the part of `amount` between the previous band's `upTo` (the first band starts at the threshold) and its
 * own `upTo` (absolute amounts of pay, not widths).
 */
function bandTaxBp(amount: bigint, tax: PayrollRules['tax']): bigint {
  let lower = big(tax.taxFreeThreshold);
  let sum = 0n;
  for (const band of tax.bands) {
    if (amount <= lower) break;
    const upper = band.upTo == null ? amount : big(band.upTo);
    const top = amount < upper ? amount : upper;
    if (top > lower) sum += (top - lower) * big(band.rateBp);
    if (band.upTo == null) break;
    lower = upper > lower ? upper : lower;
  }
  return sum;
}

/**
 * Income tax on a month's taxable pay. 'monthly': the bands apply to the month's pay. 'annualised': the bands apply to
 * pay × 12 and the tax is ÷ 12. The exact result (a fraction) is rounded once, at the end, by the rule's rounding:
 * 'down_unit' to the minor unit (UGX: the shilling, as PAYE tables do), 'down_100' / 'down_1000' down to a multiple of
 * 100 / 1,000 minor units (a whole rupee or dollar / ten of them), 'half_up_unit' half-up to the minor unit.
 */
export function incomeTax(taxable: number, tax: PayrollRules['tax']): number {
  if (taxable <= 0) return 0;
  if (tax.basis === 'annualised') return roundTax(bandTaxBp(big(taxable) * 12n, tax), 10_000n * 12n, tax.rounding);
  return roundTax(bandTaxBp(big(taxable), tax), 10_000n, tax.rounding);
}

// ---------------------------------------------------------------------------------------------------------------
// Pension

/**
 * Employee and employer pension contributions: each rate on the pensionable pay capped at the monthly ceiling (a
 * ceiling on the wage, as India's EPF ₹15,000), each rounded half-up to the minor unit on its own.
 */
export function pensionOf(pensionable: number, pension: PayrollRules['pension']): { employee: number; employer: number } {
  if (!pension || pensionable <= 0) return { employee: 0, employer: 0 };
  const base = big(pension.monthlyCeiling != null && pensionable > pension.monthlyCeiling ? pension.monthlyCeiling : pensionable);
  return {
    employee: Number(divHalfUp(base * big(pension.employeeBp), 10_000n)),
    employer: Number(divHalfUp(base * big(pension.employerBp), 10_000n)),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Days

/** A public holiday as a date or as the contract's Holiday. */
export type HolidayLike = string | { date: string; name?: string };
const holidaySet = (holidays: readonly HolidayLike[]) => new Set(holidays.map((h) => (typeof h === 'string' ? h : h.date)));

/** Calendar days from `from` to `to`, both included (0 when to < from). */
export function calendarDaysBetween(from: string, to: string): number {
  if (to < from) return 0;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Working days (Monday to Friday, not a public holiday) from `from` to `to`, both included. */
export function workingDaysBetween(from: string, to: string, holidays: readonly HolidayLike[]): number {
  const off = holidaySet(holidays);
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isoWeekday(d) <= 5 && !off.has(d)) n++;
  return n;
}

/** First and last day of a month 'YYYY-MM'. */
export function monthBounds(month: string): { start: string; end: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: `${month}-01`, end: `${month}-${String(last).padStart(2, '0')}` };
}

/** Working days of a month 'YYYY-MM': Monday to Friday, not a public holiday. */
export function workingDaysIn(month: string, holidays: readonly HolidayLike[]): number {
  const { start, end } = monthBounds(month);
  return workingDaysBetween(start, end, holidays);
}

// ---------------------------------------------------------------------------------------------------------------
// Amount in words

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 0–999 in words ("three hundred forty-five"); '' for 0. */
function underThousand(n: number): string {
  const parts: string[] = [];
  if (n >= 100) parts.push(`${ONES[Math.floor(n / 100)]} hundred`);
  const r = n % 100;
  if (r > 0 && r < 20) parts.push(ONES[r]);
  else if (r >= 20) parts.push(TENS[Math.floor(r / 10)] + (r % 10 ? `-${ONES[r % 10]}` : ''));
  return parts.join(' ');
}

/** A whole number in words, international scale (thousand, million, billion, trillion). */
function internationalWords(n: bigint): string {
  if (n === 0n) return 'zero';
  const scales = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'];
  const parts: string[] = [];
  for (let i = 0; n > 0n; i++, n /= 1000n) {
    const chunk = Number(n % 1000n);
    if (chunk) parts.unshift(underThousand(chunk) + (scales[i] ? ` ${scales[i]}` : ''));
  }
  return parts.join(' ');
}

/** A whole number in words, Indian scale (thousand, lakh, crore; crores of crores recursively). */
function indianWords(n: bigint): string {
  if (n === 0n) return 'zero';
  const parts: string[] = [];
  const crore = n / 10_000_000n;
  if (crore > 0n) parts.push(`${indianWords(crore)} crore`);
  let rest = Number(n % 10_000_000n);
  const lakh = Math.floor(rest / 100_000);
  rest %= 100_000;
  const thousand = Math.floor(rest / 1000);
  rest %= 1000;
  if (lakh) parts.push(`${underThousand(lakh)} lakh`);
  if (thousand) parts.push(`${underThousand(thousand)} thousand`);
  if (rest) parts.push(underThousand(rest));
  return parts.join(' ');
}

const CURRENCY_WORDS: Record<string, { major: string; minor: string; digits: number; indian?: boolean }> = {
  UGX: { major: 'Uganda Shillings', minor: '', digits: 0 },
  INR: { major: 'Indian Rupees', minor: 'paise', digits: 2, indian: true },
  USD: { major: 'US Dollars', minor: 'cents', digits: 2 },
  KES: { major: 'Kenya Shillings', minor: 'cents', digits: 2 },
  GBP: { major: 'Pounds Sterling', minor: 'pence', digits: 2 },
};

/**
 * An amount in minor units in words, as a slip's "net pay in words": "Uganda Shillings one million two hundred
 * thousand only", "Indian Rupees twelve lakh thirty-four thousand five hundred sixty-seven and fifty paise only"
 * (lakh and crore), "US Dollars one thousand two hundred thirty-four and 25 cents only" (cents as digits, as on a
 * cheque). No minor part when it is zero. A negative amount starts with "minus".
 */
export function amountInWords(amount: number, currency: string): string {
  const c = CURRENCY_WORDS[currency] ?? { major: currency, minor: 'hundredths', digits: 2 };
  const negative = amount < 0;
  const abs = big(Math.abs(Math.trunc(amount)));
  const unit = 10n ** big(c.digits);
  const major = abs / unit;
  const minor = Number(abs % unit);
  const words = (n: bigint) => (c.indian ? indianWords(n) : internationalWords(n));
  let text = `${c.major} ${negative ? 'minus ' : ''}${words(major)}`;
  if (minor > 0) text += currency === 'USD' ? ` and ${String(minor).padStart(2, '0')} ${c.minor}` : ` and ${words(big(minor))} ${c.minor}`;
  return `${text} only`;
}

// ---------------------------------------------------------------------------------------------------------------
// The slip

/** A pay structure as the slip computation needs it (PayStructure of the contract fits). */
export interface SlipStructure extends PayTerms {
  validFrom: string;
}

/**
 * One worked shift of the month (the caller assigns it to the month it starts in, in the hospital's zone). Minutes
 * are counted whole: a fraction is rounded half-up per shift.
 */
export interface SlipShift {
  date: string;
  minutes: number;
  nightMinutes: number;
  weekendMinutes: number;
  /** Minutes worked on a public holiday, computed by the caller in the hospital's zone. */
  holidayMinutes: number;
}

export interface SlipInput {
  month: string;
  monthStart: string;
  monthEnd: string;
  /** Every structure of the staff member that may apply (any order); the one in force on a day has the latest validFrom ≤ that day. */
  structures: SlipStructure[];
  hireDate: string | null;
  /** Last day employed (included); null while employed. */
  terminatedOn: string | null;
  /** Weekly hours contracted (already at the employment percentage); null: no overtime. */
  contractedWeeklyHours: number | null;
  shifts: SlipShift[];
  /** Working days of unpaid leave this month, in halves at the finest. */
  unpaidLeaveWorkingDays: number;
  holidays: readonly HolidayLike[];
  /** One-off lines of the month: deductions (the default), or earning adjustments that pay something back. */
  oneOffs: { label: string; amount: number; kind?: 'deduction' | 'earning' }[];
  rules: PayrollRules;
  /** Year to date before this slip, by line code (plus 'GROSS' and 'NET'). */
  ytdBefore: Record<string, number>;
}

/** A line of a slip (SlipLine of the contract). */
export interface SlipLineAmount {
  code: string;
  label: string;
  quantity: number | null;
  rate: number | null;
  amount: number;
  ytd: number;
}

export interface SlipResult {
  earnings: SlipLineAmount[];
  deductions: SlipLineAmount[];
  employer: SlipLineAmount[];
  gross: number;
  totalDeductions: number;
  net: number;
  employerCost: number;
  /** Working days of the whole month (Monday to Friday, not a public holiday). */
  workingDays: number;
  /** Working days employed this month less unpaid leave. */
  paidDays: number;
  /** Gross and net year to date, this slip included (ytdBefore.GROSS / .NET + this month). */
  ytdGross: number;
  ytdNet: number;
  /** Taxable pay the tax was computed on (= gross). */
  taxable: number;
}

/** Line codes; allowances are 'ALLOWANCE:<name>', one-off deductions 'ONE_OFF:<label>', earning adjustments 'ADJUSTMENT:<label>'. */
export const SLIP_CODES = {
  base: 'BASE',
  hours: 'HOURS',
  unpaidLeave: 'UNPAID_LEAVE',
  overtime: 'OVERTIME',
  night: 'NIGHT',
  weekend: 'WEEKEND',
  holiday: 'HOLIDAY',
  tax: 'TAX',
  pension: 'PENSION',
  health: 'HEALTH',
  pensionEmployer: 'PENSION_EMPLOYER',
} as const;

/** Hours as shown beside a line: minutes / 60 to two decimals (display only; amounts use the minutes). */
const hoursOf = (minutes: number) => Math.round((minutes * 100) / 60) / 100;

/**
 * Extra pay per hour of a differential in minor units: a percentage of the hourly rate rounded half-up to the minor
 * unit (so the slip's rate × hours is its amount), or the amount per hour as it is.
 */
export function differentialPerHour(d: Differential, hourlyRate: number): number {
  if (d.kind === 'percent') return Number(divHalfUp(big(hourlyRate) * big(d.rateBp), 10_000n));
  if (d.kind === 'amount') return d.perHour;
  return 0;
}

/** A line of hours being summed over shifts (and structures) so it rounds once. */
interface Acc {
  code: string;
  label: string;
  minutes: number;
  /** Σ minutes × minor units per hour; divide by 60. */
  num: bigint;
  rates: Set<number>;
}

export function computeSlip(input: SlipInput): SlipResult {
  const { monthStart, monthEnd, rules } = input;
  const from = input.hireDate && input.hireDate > monthStart ? input.hireDate : monthStart;
  const to = input.terminatedOn && input.terminatedOn < monthEnd ? input.terminatedOn : monthEnd;
  const monthDays = calendarDaysBetween(monthStart, monthEnd);
  const workingDays = workingDaysBetween(monthStart, monthEnd, input.holidays);
  const employedWorkingDays = workingDaysBetween(from, to, input.holidays);
  // Unpaid leave counts in half days at the finest (a half day off is common; anything finer is rounded to it).
  const unpaidDays = Math.max(0, Math.min(Math.round(input.unpaidLeaveWorkingDays * 2) / 2, employedWorkingDays));
  const paidDays = employedWorkingDays - unpaidDays;

  const structures = [...input.structures].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const inForce = (day: string): SlipStructure | null => {
    let s: SlipStructure | null = null;
    for (const x of structures) if (x.validFrom <= day) s = x;
    return s;
  };
  /** Runs of employed calendar days under one structure. */
  const segments: { s: SlipStructure; days: number }[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const s = inForce(d);
    if (!s) continue;
    const last = segments[segments.length - 1];
    if (last && last.s === s) last.days++;
    else segments.push({ s, days: 1 });
  }
  const lastStructure = segments.length ? segments[segments.length - 1].s : null;
  const hourlyRateOf = (s: SlipStructure) => (s.basis === 'hourly' ? (s.hourlyRate ?? 0) : salariedHourlyRate(s.monthlyBase ?? 0));

  const earnings: SlipLineAmount[] = [];
  const ytd = (code: string, amount: number) => (input.ytdBefore[code] ?? 0) + amount;
  const push = (list: SlipLineAmount[], code: string, label: string, quantity: number | null, rate: number | null, amount: number) =>
    list.push({ code, label, quantity, rate, amount, ytd: ytd(code, amount) });

  // Salaried base and allowances: monthly amount × calendar days under each structure / calendar days of the month,
  // summed exactly over the segments (a raise from the 15th splits the month) and rounded half-up once per line.
  let baseNum = 0n;
  let salaried = false;
  const allowances = new Map<string, bigint>();
  for (const { s, days } of segments) {
    if (s.basis === 'salaried') {
      salaried = true;
      baseNum += big(s.monthlyBase ?? 0) * big(s.employmentPercent) * big(days);
    }
    for (const a of s.allowances) allowances.set(a.name, (allowances.get(a.name) ?? 0n) + big(a.monthly) * 100n * big(days));
  }
  const employedDays = segments.reduce((n, x) => n + x.days, 0);
  if (salaried) {
    const base = Number(divHalfUp(baseNum, 100n * big(monthDays)));
    push(earnings, SLIP_CODES.base, employedDays < monthDays ? `Base pay (${employedDays} of ${monthDays} days)` : 'Base pay', employedDays, null, base);
    // Unpaid leave: the monthly base (at the employment %) in force on the last employed day / working days of the
    // month × unpaid working days, rounded half-up once; never more than the base earned. The day's rate beside it is
    // rounded half-up on its own (display).
    if (unpaidDays > 0 && lastStructure?.basis === 'salaried') {
      const monthly = big(lastStructure.monthlyBase ?? 0) * big(lastStructure.employmentPercent);
      const deduction = Math.min(base, Number(divHalfUp(monthly * big(unpaidDays * 2), 200n * big(Math.max(1, workingDays)))));
      const daily = Number(divHalfUp(monthly, 100n * big(Math.max(1, workingDays))));
      push(earnings, SLIP_CODES.unpaidLeave, `Unpaid leave (${unpaidDays} day${unpaidDays === 1 ? '' : 's'})`, unpaidDays, daily, -deduction);
    }
  }
  for (const [name, num] of allowances) {
    const amount = Number(divHalfUp(num, 100n * big(monthDays)));
    if (amount) push(earnings, `ALLOWANCE:${name}`, name, null, null, amount);
  }

  // Hours: each shift under the structure in force on its date (a shift before the first structure falls under the
  // earliest one). Rounding: the hourly rate (salaried: monthly base × 12 / 1,950) and each differential's rate per
  // hour are rounded half-up to the minor unit first, so the slip's rate × hours is its amount; a line's amount is
  // Σ minutes × rate / 60 over its shifts, rounded half-up once. Night, weekend and holiday extras stack (a night on a
  // Sunday holiday earns all three).
  const acc = new Map<string, Acc>();
  const add = (code: string, label: string, minutesGiven: number, perHour: number) => {
    const minutes = Math.round(minutesGiven);
    if (minutes <= 0 || perHour <= 0) return;
    const a = acc.get(code) ?? { code, label, minutes: 0, num: 0n, rates: new Set<number>() };
    a.minutes += minutes;
    a.num += big(minutes) * big(perHour);
    a.rates.add(perHour);
    acc.set(code, a);
  };
  let worked = 0;
  for (const sh of input.shifts) {
    const s = inForce(sh.date) ?? structures[0];
    if (!s) continue;
    worked += Math.round(sh.minutes);
    const rate = hourlyRateOf(s);
    if (s.basis === 'hourly') add(SLIP_CODES.hours, 'Hours worked', sh.minutes, rate);
    add(SLIP_CODES.night, 'Night hours', sh.nightMinutes, differentialPerHour(s.night, rate));
    add(SLIP_CODES.weekend, 'Weekend hours', sh.weekendMinutes, differentialPerHour(s.weekend, rate));
    add(SLIP_CODES.holiday, 'Public holiday hours', sh.holidayMinutes, differentialPerHour(s.holiday, rate));
  }
  // Overtime: worked minutes above contracted weekly hours × (paid working days / 5), the contracted minutes rounded
  // up to a whole minute (so overtime is whole minutes, rounded down). Salaried: the base covers contracted hours, so
  // overtime pays the hourly rate plus the differential; hourly: every hour is already paid, overtime adds the differential.
  if (input.contractedWeeklyHours != null && lastStructure) {
    // Paid days are counted in halves: weekly minutes × (paid days × 2) / 10, rounded up.
    const contractedNum = big(Math.round(input.contractedWeeklyHours * 60)) * big(paidDays * 2);
    const contracted = Number((contractedNum + 9n) / 10n);
    const overtime = Math.max(0, worked - contracted);
    const rate = hourlyRateOf(lastStructure);
    const extra = differentialPerHour(lastStructure.overtime, rate);
    add(SLIP_CODES.overtime, 'Overtime', overtime, lastStructure.basis === 'salaried' ? rate + extra : extra);
  }
  for (const code of [SLIP_CODES.hours, SLIP_CODES.overtime, SLIP_CODES.night, SLIP_CODES.weekend, SLIP_CODES.holiday]) {
    const a = acc.get(code);
    if (!a) continue;
    // Σ minutes × rate per hour / 60, rounded half-up once per line (whole hours: exactly hours × rate).
    const amount = Number(divHalfUp(a.num, 60n));
    push(earnings, a.code, a.label, hoursOf(a.minutes), a.rates.size === 1 ? [...a.rates][0] : null, amount);
  }

  // Earning adjustments (pay something back, such as a correction of a finalized month): one line per label, summed,
  // counted in gross and so in taxable pay and pension (taxed in the month paid, as PAYE does).
  const adjustments = new Map<string, number>();
  for (const o of input.oneOffs) if (o.kind === 'earning') adjustments.set(o.label, (adjustments.get(o.label) ?? 0) + o.amount);
  for (const [label, amount] of adjustments) if (amount) push(earnings, `ADJUSTMENT:${label}`, label, null, null, amount);

  const gross = earnings.reduce((n, l) => n + l.amount, 0);
  const taxable = Math.max(0, gross);

  // Deductions: income tax on gross (pension is not deducted first), pension on gross up to the ceiling, the health
  // insurance's fixed monthly amount, and the month's one-off deductions (summed per label).
  const deductions: SlipLineAmount[] = [];
  push(deductions, SLIP_CODES.tax, 'Income tax', null, null, incomeTax(taxable, rules.tax));
  const pension = pensionOf(taxable, rules.pension);
  if (rules.pension && pension.employee) push(deductions, SLIP_CODES.pension, rules.pension.name, null, null, pension.employee);
  if (rules.healthInsurance && rules.healthInsurance.monthly && employedDays > 0) push(deductions, SLIP_CODES.health, rules.healthInsurance.name, null, null, rules.healthInsurance.monthly);
  const oneOffs = new Map<string, number>();
  for (const o of input.oneOffs) if (o.kind !== 'earning') oneOffs.set(o.label, (oneOffs.get(o.label) ?? 0) + o.amount);
  for (const [label, amount] of oneOffs) if (amount) push(deductions, `ONE_OFF:${label}`, label, null, null, amount);

  const employer: SlipLineAmount[] = [];
  if (rules.pension && pension.employer) push(employer, SLIP_CODES.pensionEmployer, `${rules.pension.name} (employer)`, null, null, pension.employer);

  const totalDeductions = deductions.reduce((n, l) => n + l.amount, 0);
  const net = gross - totalDeductions;
  const employerCost = gross + employer.reduce((n, l) => n + l.amount, 0);
  return {
    earnings,
    deductions,
    employer,
    gross,
    totalDeductions,
    net,
    employerCost,
    workingDays,
    paidDays,
    ytdGross: (input.ytdBefore.GROSS ?? 0) + gross,
    ytdNet: (input.ytdBefore.NET ?? 0) + net,
    taxable,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Demo rules

export type DemoCountry = 'UG' | 'IN' | 'US';

/**
 * Three realistic rule sets for the demo data and the tests (amounts in minor units of the country's currency):
 * - UG (UGX): PAYE monthly bands for resident individuals (Income Tax Act, unchanged since 2012/13): 0 up to 235,000;
 *   10 % to 335,000; 20 % to 410,000; 30 % to 10,000,000; above that 30 % + the 10 % surcharge = 40 %. Rounded down
 *   to the shilling. NSSF 5 % employee + 10 % employer on gross, no ceiling.
 * - IN (INR, paise): new-regime slabs for FY 2025-26 (Finance Act 2025), on the annualised pay: 0 up to ₹4,00,000; 5 %
 *   to ₹8,00,000; 10 % to ₹12,00,000; 15 % to ₹16,00,000; 20 % to ₹20,00,000; 25 % to ₹24,00,000; 30 % above; tax ÷ 12
 *   rounded down to the whole rupee. The standard deduction, the section 87A rebate and the 4 % cess are not modelled.
 *   EPF 12 % + 12 % on pay up to the ₹15,000 wage ceiling.
 * - US (USD, cents): federal income-tax withholding, percentage method for automated payroll (IRS Pub 15-T 2026,
 *   Single, Form W-4 2020 or later, Step 2 unchecked), on the annualised pay with the tax ÷ 12 (as Worksheet 1A
 *   annualises), the 2026 brackets (Rev. Proc. 2025-32) over the 2026 standard deduction of $16,100: 10 % to $28,500,
 *   12 % to $66,500, 22 % to $121,800, 24 % to $217,875, 32 % to $272,325, 35 % to $656,700, 37 % above; rounded
 *   half-up to the cent. No pension; a health plan of $150.00 a month.
 */
export const DEMO_DEDUCTION_RULES: Record<DemoCountry, PayrollRules & DeductionRulesFields> = {
  UG: {
    tax: {
      basis: 'monthly',
      taxFreeThreshold: 235_000,
      bands: [
        { upTo: 335_000, rateBp: 1000 },
        { upTo: 410_000, rateBp: 2000 },
        { upTo: 10_000_000, rateBp: 3000 },
        { upTo: null, rateBp: 4000 },
      ],
      rounding: 'down_unit',
    },
    pension: { name: 'NSSF', employeeBp: 500, employerBp: 1000, monthlyCeiling: null },
    healthInsurance: null,
  },
  IN: {
    tax: {
      basis: 'annualised',
      taxFreeThreshold: 40_000_000,
      bands: [
        { upTo: 80_000_000, rateBp: 500 },
        { upTo: 120_000_000, rateBp: 1000 },
        { upTo: 160_000_000, rateBp: 1500 },
        { upTo: 200_000_000, rateBp: 2000 },
        { upTo: 240_000_000, rateBp: 2500 },
        { upTo: null, rateBp: 3000 },
      ],
      rounding: 'down_100',
    },
    pension: { name: 'EPF', employeeBp: 1200, employerBp: 1200, monthlyCeiling: 1_500_000 },
    healthInsurance: null,
  },
  US: {
    tax: {
      basis: 'annualised',
      taxFreeThreshold: 1_610_000,
      bands: [
        { upTo: 2_850_000, rateBp: 1000 },
        { upTo: 6_650_000, rateBp: 1200 },
        { upTo: 12_180_000, rateBp: 2200 },
        { upTo: 21_787_500, rateBp: 2400 },
        { upTo: 27_232_500, rateBp: 3200 },
        { upTo: 65_670_000, rateBp: 3500 },
        { upTo: null, rateBp: 3700 },
      ],
      rounding: 'half_up_unit',
    },
    pension: null,
    healthInsurance: { name: 'Health plan', monthly: 15_000 },
  },
};
