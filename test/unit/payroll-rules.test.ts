// Payroll rules, each checked against a hand calculation written out beside it: hourly rates, the three demo
// countries' tax band edges, pension ceiling, rounding, working days, amount in words, and whole slips.
import { describe, expect, it } from 'vitest';
import {
  amountInWords,
  calendarDaysBetween,
  computeSlip,
  DEMO_DEDUCTION_RULES,
  differentialPerHour,
  hourlyFromYearly,
  incomeTax,
  monthBounds,
  pensionOf,
  salariedHourlyRate,
  workingDaysBetween,
  workingDaysIn,
  type PayrollRules,
  type SlipInput,
  type SlipResult,
  type SlipShift,
  type SlipStructure,
} from '@shared/domain/payroll';
import { DeductionRulesFields, type DeductionRules, type PayStructure } from '@shared/contract/payroll';

const UG = DEMO_DEDUCTION_RULES.UG;
const IN = DEMO_DEDUCTION_RULES.IN;
const US = DEMO_DEDUCTION_RULES.US;

describe('hourly rate from a yearly pay', () => {
  it.each([
    // 19,500,000 × 100 / (1,950 × 100) = 10,000 exactly.
    [19_500_000, 100, 10_000],
    // 19,500,000 × 80 / 195,000 = 8,000 exactly.
    [19_500_000, 80, 8_000],
    // $52,000.00 = 5,200,000 cents; 5,200,000 / 1,950 = 2,666.67 → 2,667 cents (half-up).
    [5_200_000, 100, 2_667],
    // 3,000,000 × 60 / 195,000 = 923.08 → 923.
    [3_000_000, 60, 923],
    // The half-up edge: 975 / 1,950 = 0.5 → 1; 974 / 1,950 = 0.4995 → 0.
    [975, 100, 1],
    [974, 100, 0],
  ])('%i a year at %i percent is %i an hour (yearly / 1,950 × the percentage, half-up to the minor unit)', (yearly, percent, hourly) => {
    expect(hourlyFromYearly(yearly, percent)).toBe(hourly);
  });

  it("a salaried structure's hour is the full-time monthly base × 12 / 1,950, half-up", () => {
    // 1,500,000 × 12 = 18,000,000; / 1,950 = 9,230.77 → 9,231 UGX.
    expect(salariedHourlyRate(1_500_000)).toBe(9_231);
    // ₹50,000.00 = 5,000,000 paise; × 12 / 1,950 = 30,769.23 → 30,769 paise (₹307.69).
    expect(salariedHourlyRate(5_000_000)).toBe(30_769);
  });

  it('a differential is a percentage of the hourly rate (half-up) or an amount per hour', () => {
    // 25 % of 9,231 = 2,307.75 → 2,308.
    expect(differentialPerHour({ kind: 'percent', rateBp: 2500 }, 9_231)).toBe(2_308);
    // 50 % of 9,231 = 4,615.5 → 4,616 (half-up).
    expect(differentialPerHour({ kind: 'percent', rateBp: 5000 }, 9_231)).toBe(4_616);
    expect(differentialPerHour({ kind: 'amount', perHour: 1_000 }, 9_231)).toBe(1_000);
    expect(differentialPerHour({ kind: 'none' }, 9_231)).toBe(0);
  });
});

describe('Uganda PAYE (monthly bands, UGX, rounded down to the shilling)', () => {
  it.each([
    // Up to 235,000: nil.
    [0, 0],
    [235_000, 0],
    // 10 % of the part over 235,000: 1 shilling over → 0.1 → 0 (down); 10 over → 1.
    [235_001, 0],
    [235_010, 1],
    // 10 % × 100,000 = 10,000 at the top of the first band.
    [335_000, 10_000],
    // 10,000 + 20 % × 1 = 10,000.2 → 10,000; + 20 % × 5 = 10,001.
    [335_001, 10_000],
    [335_005, 10_001],
    // 10,000 + 20 % × 75,000 = 25,000.
    [410_000, 25_000],
    // 25,000 + 30 % × 10 = 25,003.
    [410_010, 25_003],
    // 25,000 + 30 % × 590,000 = 202,000.
    [1_000_000, 202_000],
    // 25,000 + 30 % × 9,590,000 = 2,902,000.
    [10_000_000, 2_902_000],
    // + 40 % × 1 = 0.4 → 2,902,000.
    [10_000_001, 2_902_000],
    // URA's own wording: 25,000 + 30 % × (12,000,000 − 410,000) + 10 % × (12,000,000 − 10,000,000)
    // = 25,000 + 3,477,000 + 200,000 = 3,702,000 (our last band: 30 % + 10 % = 40 % over 10,000,000).
    [12_000_000, 3_702_000],
  ])('taxable %i → PAYE %i', (taxable, tax) => {
    expect(incomeTax(taxable, UG.tax)).toBe(tax);
  });
});

describe('India new regime (slabs on the annualised pay, paise, tax ÷ 12 rounded down to the rupee)', () => {
  it.each([
    // ₹33,333.33 × 12 = ₹3,99,999.96 < ₹4,00,000: nil.
    [3_333_333, 0],
    // ₹33,334 × 12 = ₹4,00,008: 5 % × ₹8 = ₹0.40 a year; ÷ 12 = 3.33 paise → ₹0.
    [3_333_400, 0],
    // ₹50,000 × 12 = ₹6,00,000: 5 % × ₹2,00,000 = ₹10,000; ÷ 12 = ₹833.33 → ₹833.
    [5_000_000, 83_300],
    // ₹66,666.66 × 12 = ₹7,99,999.92: 5 % × ₹3,99,999.92 = ₹19,999.996; ÷ 12 = ₹1,666.67 → ₹1,666.
    [6_666_666, 166_600],
    // ₹66,666.67 × 12 = ₹8,00,000.04: ₹20,000 + 10 % × 4 paise; ÷ 12 = ₹1,666.67 → ₹1,666.
    [6_666_667, 166_600],
    // ₹1,00,000 × 12 = ₹12,00,000: 5 % × 4L + 10 % × 4L = ₹20,000 + ₹40,000 = ₹60,000; ÷ 12 = ₹5,000.
    [10_000_000, 500_000],
    // ₹1,50,000 × 12 = ₹18,00,000: 20,000 + 40,000 + 15 % × 4L (60,000) + 20 % × 2L (40,000) = ₹1,60,000; ÷ 12 = ₹13,333.33 → ₹13,333.
    [15_000_000, 1_333_300],
    // ₹2,00,000 × 12 = ₹24,00,000: 20,000 + 40,000 + 60,000 + 80,000 + 1,00,000 = ₹3,00,000; ÷ 12 = ₹25,000.
    [20_000_000, 2_500_000],
    // ₹2,50,000 × 12 = ₹30,00,000: ₹3,00,000 + 30 % × ₹6,00,000 = ₹4,80,000; ÷ 12 = ₹40,000.
    [25_000_000, 4_000_000],
  ])('monthly taxable %i paise → tax %i paise', (taxable, tax) => {
    expect(incomeTax(taxable, IN.tax)).toBe(tax);
  });
});

describe('US federal withholding (2026 brackets over the $16,100 standard deduction, annualised, half-up to the cent)', () => {
  it.each([
    // $1,341.66 × 12 = $16,099.92 < $16,100: nil.
    [134_166, 0],
    // $1,341.67 × 12 = $16,100.04: 10 % × 4 cents = 0.4 cent a year; ÷ 12 = 0.03 → 0.
    [134_167, 0],
    // $2,000.01 × 12 = $24,000.12: 10 % × $7,900.12 = $790.012; ÷ 12 = 6,583.43 cents → 6,583.
    [200_001, 6_583],
    // $2,000.05 × 12 = $24,000.60: 10 % × $7,900.60 = $790.06; ÷ 12 = 6,583.83 cents → 6,584 (half-up).
    [200_005, 6_584],
    // $2,375 × 12 = $28,500, the top of the 10 % bracket: 10 % × $12,400 = $1,240; ÷ 12 = $103.333 → 10,333 cents.
    [237_500, 10_333],
    // $5,000 × 12 = $60,000: $1,240 + 12 % × $31,500 ($3,780) = $5,020; ÷ 12 = $418.333 → 41,833 cents.
    [500_000, 41_833],
    // $10,150 × 12 = $121,800, the top of the 22 % bracket: 1,240 + 12 % × 38,000 (4,560) + 22 % × 55,300 (12,166)
    // = $17,966; ÷ 12 = $1,497.1667 → 149,717 cents.
    [1_015_000, 149_717],
    // $60,000 × 12 = $720,000: 17,966 + 24 % × 96,075 (23,058) + 32 % × 54,450 (17,424) + 35 % × 384,375 (134,531.25)
    // + 37 % × 63,300 (23,421) = $216,400.25; ÷ 12 = $18,033.354 → 1,803,335 cents.
    [6_000_000, 1_803_335],
  ])('monthly taxable %i cents → withholding %i cents', (taxable, tax) => {
    expect(incomeTax(taxable, US.tax)).toBe(tax);
  });
});

describe('tax rounding settings', () => {
  const flat = (rounding: PayrollRules['tax']['rounding']): PayrollRules['tax'] => ({ basis: 'monthly', taxFreeThreshold: 0, bands: [{ upTo: null, rateBp: 1000 }], rounding });
  it.each([
    // 10 % of 5 = 0.5: half-up → 1, down → 0.
    ['half_up_unit', 5, 1],
    ['down_unit', 5, 0],
    // 10 % of 15 = 1.5 → 2 half-up; 10 % of 14 = 1.4 → 1.
    ['half_up_unit', 15, 2],
    ['half_up_unit', 14, 1],
    // 10 % of 12,345 = 1,234.5: down to a multiple of 100 → 1,200.
    ['down_100', 12_345, 1_200],
    // 10 % of 123,456 = 12,345.6: down to a multiple of 1,000 → 12,000.
    ['down_1000', 123_456, 12_000],
  ] as const)('%s: a tenth of %i → %i', (rounding, taxable, tax) => {
    expect(incomeTax(taxable, flat(rounding))).toBe(tax);
  });

  it('nothing is taxed at or below zero', () => {
    expect(incomeTax(0, flat('half_up_unit'))).toBe(0);
    expect(incomeTax(-500, flat('half_up_unit'))).toBe(0);
  });

  it('amounts past 2^53 in the products stay exact (BigInt)', () => {
    // 90,000,000,000 × 12 × 3,000 bp overflows a double's exact range; 30 % of 90,000,000,000 = 27,000,000,000.
    const tax: PayrollRules['tax'] = { basis: 'annualised', taxFreeThreshold: 0, bands: [{ upTo: null, rateBp: 3000 }], rounding: 'down_unit' };
    expect(incomeTax(90_000_000_000, tax)).toBe(27_000_000_000);
  });
});

describe('pension with the monthly wage ceiling', () => {
  it('Uganda NSSF: 5 % + 10 % of gross, no ceiling, each half-up', () => {
    expect(pensionOf(1_000_000, UG.pension)).toEqual({ employee: 50_000, employer: 100_000 });
    // 5 % of 333,333 = 16,666.65 → 16,667; 10 % = 33,333.3 → 33,333.
    expect(pensionOf(333_333, UG.pension)).toEqual({ employee: 16_667, employer: 33_333 });
  });

  it('India EPF: 12 % + 12 % of pay up to ₹15,000', () => {
    // ₹12,345.67 × 12 % = ₹1,481.4804 → 148,148 paise.
    expect(pensionOf(1_234_567, IN.pension)).toEqual({ employee: 148_148, employer: 148_148 });
    // ₹14,999.99 × 12 % = 179,999.88 paise → 180,000 (half-up).
    expect(pensionOf(1_499_999, IN.pension)).toEqual({ employee: 180_000, employer: 180_000 });
    // At the ceiling and above it: 12 % of ₹15,000 = ₹1,800.
    expect(pensionOf(1_500_000, IN.pension)).toEqual({ employee: 180_000, employer: 180_000 });
    expect(pensionOf(1_500_001, IN.pension)).toEqual({ employee: 180_000, employer: 180_000 });
    expect(pensionOf(10_000_000, IN.pension)).toEqual({ employee: 180_000, employer: 180_000 });
  });

  it('no pension rule, no contribution', () => {
    expect(pensionOf(500_000, US.pension)).toEqual({ employee: 0, employer: 0 });
  });
});

describe('working days', () => {
  it('counts Monday to Friday that are not public holidays', () => {
    // March 2026 starts on a Sunday: 2–6, 9–13, 16–20, 23–27, 30–31 = 22 weekdays.
    expect(workingDaysIn('2026-03', [])).toBe(22);
    // Women's Day, 8 March 2026, is a Sunday: no working day lost.
    expect(workingDaysIn('2026-03', [{ date: '2026-03-08', name: "Women's Day" }])).toBe(22);
    // April 2026: 22 weekdays less Good Friday (3rd) and Easter Monday (6th) = 20.
    expect(workingDaysIn('2026-04', ['2026-04-03', '2026-04-06'])).toBe(20);
    // February 2026: four whole weeks = 20.
    expect(workingDaysIn('2026-02', [])).toBe(20);
    // 17–31 March 2026: 17–20, 23–27, 30–31 = 11.
    expect(workingDaysBetween('2026-03-17', '2026-03-31', [])).toBe(11);
  });

  it('months and calendar days', () => {
    expect(monthBounds('2028-02')).toEqual({ start: '2028-02-01', end: '2028-02-29' });
    expect(monthBounds('2026-12')).toEqual({ start: '2026-12-01', end: '2026-12-31' });
    expect(calendarDaysBetween('2026-03-17', '2026-03-31')).toBe(15);
    expect(calendarDaysBetween('2026-03-31', '2026-03-01')).toBe(0);
  });
});

describe('amount in words', () => {
  it.each([
    [1_200_000, 'UGX', 'Uganda Shillings one million two hundred thousand only'],
    [0, 'UGX', 'Uganda Shillings zero only'],
    [1_001_015, 'UGX', 'Uganda Shillings one million one thousand fifteen only'],
    [1_381_412, 'UGX', 'Uganda Shillings one million three hundred eighty-one thousand four hundred twelve only'],
    // ₹12,34,567.50 in lakhs.
    [123_456_750, 'INR', 'Indian Rupees twelve lakh thirty-four thousand five hundred sixty-seven and fifty paise only'],
    // ₹1,23,45,67,890.05 in crores.
    [123_456_789_005, 'INR', 'Indian Rupees one hundred twenty-three crore forty-five lakh sixty-seven thousand eight hundred ninety and five paise only'],
    [100_000, 'INR', 'Indian Rupees one thousand only'],
    [123_425, 'USD', 'US Dollars one thousand two hundred thirty-four and 25 cents only'],
    [100_005, 'USD', 'US Dollars one thousand and 05 cents only'],
    [5, 'USD', 'US Dollars zero and 05 cents only'],
    [1_000_000_000, 'USD', 'US Dollars ten million only'],
    [-1_250, 'USD', 'US Dollars minus twelve and 50 cents only'],
  ])('%i %s', (amount, currency, words) => {
    expect(amountInWords(amount, currency)).toBe(words);
  });
});

describe('the demo rules', () => {
  it('are valid deduction rules as the contract reads them, unchanged by its defaults', () => {
    for (const rules of Object.values(DEMO_DEDUCTION_RULES)) expect(DeductionRulesFields.parse(rules)).toEqual(rules);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Whole slips

const none = { kind: 'none' } as const;
/** A Ugandan nurse: 1,500,000 UGX a month at 100 %, housing 200,000; night +25 %, weekend +1,000/h, holiday +100 %, overtime +50 %. */
const nurse: SlipStructure = {
  validFrom: '2025-01-01',
  basis: 'salaried',
  monthlyBase: 1_500_000,
  hourlyRate: null,
  employmentPercent: 100,
  allowances: [{ name: 'Housing', monthly: 200_000 }],
  night: { kind: 'percent', rateBp: 2500 },
  weekend: { kind: 'amount', perHour: 1_000 },
  holiday: { kind: 'percent', rateBp: 10_000 },
  overtime: { kind: 'percent', rateBp: 5000 },
};

const march = (over: Partial<SlipInput> = {}): SlipInput => ({
  month: '2026-03',
  monthStart: '2026-03-01',
  monthEnd: '2026-03-31',
  structures: [nurse],
  hireDate: '2020-02-01',
  terminatedOn: null,
  contractedWeeklyHours: 40,
  shifts: [],
  unpaidLeaveWorkingDays: 0,
  holidays: [{ date: '2026-03-08', name: "Women's Day" }],
  oneOffs: [],
  rules: UG,
  ytdBefore: {},
  ...over,
});

const day = (date: string, minutes = 480): SlipShift => ({ date, minutes, nightMinutes: 0, weekendMinutes: 0, holidayMinutes: 0 });
const line = (r: SlipResult, code: string) => [...r.earnings, ...r.deductions, ...r.employer].find((l) => l.code === code);
const amounts = (lines: SlipResult['earnings']) => Object.fromEntries(lines.map((l) => [l.code, l.amount]));

describe('computeSlip', () => {
  it('a nurse with four nights, a Sunday, a public holiday (also a Sunday) and overtime: every line by hand', () => {
    // Hourly rate: 1,500,000 × 12 / 1,950 = 9,230.77 → 9,231.
    // Shifts: four nights of 10 h (600 min) with 8 h (480 min) of night each; Sunday 15th 8 h of weekend;
    // Sunday 8th (Women's Day) 8 h of weekend and of holiday; sixteen weekday days of 8 h.
    // Worked: 4 × 600 + 480 + 480 + 16 × 480 = 2,400 + 960 + 7,680 = 11,040 min.
    // Contracted: 40 h × 22 working days / 5 = 176 h = 10,560 min. Overtime: 480 min = 8 h.
    const nights = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05'].map((date) => ({ date, minutes: 600, nightMinutes: 480, weekendMinutes: 0, holidayMinutes: 0 }));
    const weekdays = ['09', '10', '11', '12', '13', '16', '17', '18', '19', '20', '23', '24', '25', '26', '27', '30'].map((d) => day(`2026-03-${d}`));
    const r = computeSlip(
      march({
        shifts: [...nights, { ...day('2026-03-15'), weekendMinutes: 480 }, { ...day('2026-03-08'), weekendMinutes: 480, holidayMinutes: 480 }, ...weekdays],
      }),
    );
    // Base 1,500,000 (31 of 31 days); housing 200,000.
    // Overtime: 9,231 + 50 % (4,615.5 → 4,616) = 13,847 an hour × 8 h = 110,776.
    // Night: 25 % of 9,231 = 2,307.75 → 2,308 an hour × 32 h = 73,856.
    // Weekend: 1,000 an hour × 16 h = 16,000.
    // Holiday: 100 % of 9,231 = 9,231 an hour × 8 h = 73,848.
    expect(r.earnings.map((l) => [l.code, l.quantity, l.rate, l.amount])).toEqual([
      ['BASE', 31, null, 1_500_000],
      ['ALLOWANCE:Housing', null, null, 200_000],
      ['OVERTIME', 8, 13_847, 110_776],
      ['NIGHT', 32, 2_308, 73_856],
      ['WEEKEND', 16, 1_000, 16_000],
      ['HOLIDAY', 8, 9_231, 73_848],
    ]);
    // Gross: 1,500,000 + 200,000 + 110,776 + 73,856 + 16,000 + 73,848 = 1,974,480.
    expect(r.gross).toBe(1_974_480);
    // PAYE: 25,000 + 30 % × (1,974,480 − 410,000 = 1,564,480) = 25,000 + 469,344 = 494,344.
    // NSSF: 5 % × 1,974,480 = 98,724; employer 10 % = 197,448.
    expect(amounts(r.deductions)).toEqual({ TAX: 494_344, PENSION: 98_724 });
    expect(amounts(r.employer)).toEqual({ PENSION_EMPLOYER: 197_448 });
    // Deductions 494,344 + 98,724 = 593,068; net 1,974,480 − 593,068 = 1,381,412; cost 1,974,480 + 197,448 = 2,171,928.
    expect([r.totalDeductions, r.net, r.employerCost]).toEqual([593_068, 1_381_412, 2_171_928]);
    expect([r.workingDays, r.paidDays]).toEqual([22, 22]);
    expect(amountInWords(r.net, 'UGX')).toBe('Uganda Shillings one million three hundred eighty-one thousand four hundred twelve only');
  });

  it('a joiner on the 17th is paid 15 of 31 calendar days', () => {
    const r = computeSlip(march({ hireDate: '2026-03-17' }));
    // Base 1,500,000 × 15 / 31 = 725,806.45 → 725,806; housing 200,000 × 15 / 31 = 96,774.19 → 96,774.
    expect(amounts(r.earnings)).toEqual({ BASE: 725_806, 'ALLOWANCE:Housing': 96_774 });
    expect(r.earnings[0].label).toBe('Base pay (15 of 31 days)');
    // Gross 822,580; PAYE 25,000 + 30 % × 412,580 (123,774) = 148,774; NSSF 41,129 / 82,258.
    expect(r.gross).toBe(822_580);
    expect(amounts(r.deductions)).toEqual({ TAX: 148_774, PENSION: 41_129 });
    expect(amounts(r.employer)).toEqual({ PENSION_EMPLOYER: 82_258 });
    // Working days 22 in the month; employed on 11 of them (17–20, 23–27, 30–31).
    expect([r.workingDays, r.paidDays]).toEqual([22, 11]);
  });

  it('a leaver on the 9th is paid 9 of 31 calendar days (the last day included)', () => {
    const r = computeSlip(march({ terminatedOn: '2026-03-09' }));
    // Base 1,500,000 × 9 / 31 = 435,483.87 → 435,484; housing 200,000 × 9 / 31 = 58,064.52 → 58,065.
    expect(amounts(r.earnings)).toEqual({ BASE: 435_484, 'ALLOWANCE:Housing': 58_065 });
    // Working days employed: 2–6 and 9 = 6.
    expect(r.paidDays).toBe(6);
  });

  it('a raise from the 15th splits base by calendar days, rounded once', () => {
    const raise = { ...nurse, validFrom: '2026-03-15', monthlyBase: 1_800_000 };
    const r = computeSlip(march({ structures: [raise, nurse] }));
    // (1,500,000 × 14 + 1,800,000 × 17) / 31 = (21,000,000 + 30,600,000) / 31 = 1,664,516.13 → 1,664,516.
    // Housing is 200,000 under both: 200,000 × (14 + 17) / 31 = 200,000.
    expect(amounts(r.earnings)).toEqual({ BASE: 1_664_516, 'ALLOWANCE:Housing': 200_000 });
  });

  it('a structure that starts next month plays no part; one from before the hire date carries on', () => {
    const later = { ...nurse, validFrom: '2026-04-01', monthlyBase: 9_000_000 };
    expect(amounts(computeSlip(march({ structures: [nurse, later] })).earnings).BASE).toBe(1_500_000);
  });

  it('unpaid leave is deducted by working days: base / working days × days', () => {
    const r = computeSlip(march({ unpaidLeaveWorkingDays: 2 }));
    // 1,500,000 × 2 / 22 = 136,363.64 → 136,364 (the day's rate 68,181.82 → 68,182 shown beside it).
    expect(line(r, 'UNPAID_LEAVE')).toMatchObject({ quantity: 2, rate: 68_182, amount: -136_364, label: 'Unpaid leave (2 days)' });
    // Gross 1,500,000 − 136,364 + 200,000 = 1,563,636; paid days 22 − 2 = 20.
    expect(r.gross).toBe(1_563_636);
    expect(r.paidDays).toBe(20);
    // PAYE on what is paid: 25,000 + 30 % × 1,153,636 = 25,000 + 346,090.8 → 371,090.
    expect(line(r, 'TAX')?.amount).toBe(371_090);
  });

  it('a part-timer at 50 % gets half the base, but her hour is worth a full-timer’s', () => {
    const half = { ...nurse, employmentPercent: 50, allowances: [] };
    // Contracted 20 h × 22 / 5 = 88 h = 5,280 min; worked 11 × 8 h = 88 h + one 2 h → 2 h overtime.
    const shifts = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16'].map((d) => day(`2026-03-${d}`)).concat(day('2026-03-17', 120));
    const r = computeSlip(march({ structures: [half], contractedWeeklyHours: 20, shifts }));
    // Base 1,500,000 × 50 % = 750,000. Overtime 2 h × 13,847 = 27,694.
    expect(amounts(r.earnings)).toEqual({ BASE: 750_000, OVERTIME: 27_694 });
  });

  it('overtime is whole minutes: the contracted minutes are rounded up', () => {
    // 37.7 h = 2,262 min × 22 / 5 = 9,952.8 → 9,953 contracted; worked 10,000 → 47 min overtime.
    // 47 × 13,847 / 60 = 10,846.82 → 10,847 (half-up), shown as 0.78 h.
    const r = computeSlip(march({ contractedWeeklyHours: 37.7, shifts: [day('2026-03-02', 10_000)] }));
    expect(line(r, 'OVERTIME')).toMatchObject({ quantity: 0.78, rate: 13_847, amount: 10_847 });
  });

  it('no contracted hours, no overtime', () => {
    const r = computeSlip(march({ contractedWeeklyHours: null, shifts: [day('2026-03-02', 20_000)] }));
    expect(line(r, 'OVERTIME')).toBeUndefined();
  });

  it('India: a salaried ₹50,000 with the EPF ceiling', () => {
    const structure: SlipStructure = { ...nurse, monthlyBase: 5_000_000, allowances: [] };
    const r = computeSlip(march({ structures: [structure], rules: IN, holidays: [] }));
    // Gross ₹50,000. Tax: ₹6,00,000 a year → 5 % × ₹2,00,000 = ₹10,000; ÷ 12 = ₹833.33 → ₹833 (83,300 paise).
    // EPF: 12 % of the ₹15,000 ceiling = ₹1,800 each side. Net 5,000,000 − 83,300 − 180,000 = 4,736,700.
    expect(amounts(r.deductions)).toEqual({ TAX: 83_300, PENSION: 180_000 });
    expect(amounts(r.employer)).toEqual({ PENSION_EMPLOYER: 180_000 });
    expect(r.net).toBe(4_736_700);
    expect(r.employerCost).toBe(5_180_000);
    expect(amountInWords(r.net, 'INR')).toBe('Indian Rupees forty-seven thousand three hundred sixty-seven only');
  });

  it('US: an hourly $30.00 with overtime and the health plan', () => {
    const hourly: SlipStructure = { ...nurse, basis: 'hourly', monthlyBase: null, hourlyRate: 3_000, allowances: [], night: none, weekend: none, holiday: none };
    // February 2026: 20 working days; contracted 40 h × 20 / 5 = 160 h; worked 21 × 8 h = 168 h → 8 h overtime.
    const shifts = Array.from({ length: 21 }, (_, i) => day(`2026-02-${String(i + 2).padStart(2, '0')}`));
    const r = computeSlip(march({ month: '2026-02', monthStart: '2026-02-01', monthEnd: '2026-02-28', structures: [hourly], shifts, rules: US, holidays: [] }));
    // Hours 168 × 3,000 = 504,000. Overtime adds only the differential: 8 h × 1,500 = 12,000. Gross 516,000.
    expect(r.earnings.map((l) => [l.code, l.quantity, l.rate, l.amount])).toEqual([
      ['HOURS', 168, 3_000, 504_000],
      ['OVERTIME', 8, 1_500, 12_000],
    ]);
    // Withholding: $61,920 a year: 10 % × 12,400 ($1,240) + 12 % × 33,420 ($4,010.40) = $5,250.40; ÷ 12 = 43,753.33 → 43,753 cents.
    // Health plan $150.00. Net 516,000 − 43,753 − 15,000 = 457,247; no employer pension: cost = gross.
    expect(amounts(r.deductions)).toEqual({ TAX: 43_753, HEALTH: 15_000 });
    expect(r.employer).toEqual([]);
    expect([r.net, r.employerCost]).toEqual([457_247, 516_000]);
    expect(amountInWords(r.net, 'USD')).toBe('US Dollars four thousand five hundred seventy-two and 47 cents only');
  });

  it('hourly staff: unpaid leave deducts nothing (unworked hours are not paid); a rate change splits by shift date', () => {
    const a: SlipStructure = { ...nurse, basis: 'hourly', monthlyBase: null, hourlyRate: 10_000, allowances: [], overtime: none };
    const b: SlipStructure = { ...a, validFrom: '2026-03-15', hourlyRate: 12_000 };
    const r = computeSlip(march({ structures: [a, b], shifts: [day('2026-03-10'), day('2026-03-20', 90)], unpaidLeaveWorkingDays: 3 }));
    // 8 h × 10,000 + 1.5 h × 12,000 = 80,000 + 18,000 = 98,000; two rates → no single rate on the line.
    expect(r.earnings.map((l) => [l.code, l.quantity, l.rate, l.amount])).toEqual([['HOURS', 9.5, null, 98_000]]);
    expect(r.paidDays).toBe(19);
  });

  it('one-offs are deductions, summed per label; year to date adds this month to what came before', () => {
    const r = computeSlip(
      march({
        oneOffs: [
          { label: 'Advance', amount: 100_000 },
          { label: 'Loan instalment', amount: 50_000 },
          { label: 'Advance', amount: 20_000 },
        ],
        ytdBefore: { BASE: 3_000_000, TAX: 600_000, 'ONE_OFF:Advance': 10_000, GROSS: 3_400_000, NET: 2_500_000 },
      }),
    );
    // Gross 1,700,000; PAYE 25,000 + 30 % × 1,290,000 = 412,000; NSSF 85,000.
    expect(r.deductions.map((l) => [l.code, l.amount, l.ytd])).toEqual([
      ['TAX', 412_000, 1_012_000],
      ['PENSION', 85_000, 85_000],
      ['ONE_OFF:Advance', 120_000, 130_000],
      ['ONE_OFF:Loan instalment', 50_000, 50_000],
    ]);
    expect(line(r, 'BASE')?.ytd).toBe(4_500_000);
    // Net 1,700,000 − 412,000 − 85,000 − 170,000 = 1,033,000.
    expect([r.gross, r.net, r.ytdGross, r.ytdNet]).toEqual([1_700_000, 1_033_000, 5_100_000, 3_533_000]);
  });

  it('an earning adjustment is an earnings line counted in gross, taxable pay and pension; deductions stay deductions', () => {
    // A correction of February (finalized): 3 night hours missed at 2,308 = 6,924, paid back in March.
    const r = computeSlip(
      march({
        oneOffs: [
          { label: 'Night hours missed (Feb)', amount: 6_924, kind: 'earning' },
          { label: 'Advance', amount: 100_000, kind: 'deduction' },
          { label: 'Night hours missed (Feb)', amount: 1_000, kind: 'earning' },
        ],
        ytdBefore: { 'ADJUSTMENT:Night hours missed (Feb)': 500 },
      }),
    );
    // Earnings: base 1,500,000, housing 200,000, the adjustment summed per label 6,924 + 1,000 = 7,924.
    expect(r.earnings.map((l) => [l.code, l.label, l.amount, l.ytd])).toEqual([
      ['BASE', 'Base pay', 1_500_000, 1_500_000],
      ['ALLOWANCE:Housing', 'Housing', 200_000, 200_000],
      ['ADJUSTMENT:Night hours missed (Feb)', 'Night hours missed (Feb)', 7_924, 8_424],
    ]);
    // Gross 1,707,924 = taxable. PAYE 25,000 + 30 % × 1,297,924 (389,377.2 → 389,377 down) = 414,377: 2,377 more
    // than without it (412,000). NSSF 5 % × 1,707,924 = 85,396.2 → 85,396; employer 10 % = 170,792.
    expect([r.gross, r.taxable]).toEqual([1_707_924, 1_707_924]);
    expect(r.deductions.map((l) => [l.code, l.amount])).toEqual([
      ['TAX', 414_377],
      ['PENSION', 85_396],
      ['ONE_OFF:Advance', 100_000],
    ]);
    expect(amounts(r.employer)).toEqual({ PENSION_EMPLOYER: 170_792 });
    // Net 1,707,924 − 414,377 − 85,396 − 100,000 = 1,108,151.
    expect([r.totalDeductions, r.net]).toEqual([599_773, 1_108_151]);
    expect(computeSlip(march()).deductions[0].amount).toBe(412_000);
  });

  it('a salary above 2^53 / 12,000 in its products stays exact', () => {
    // 90,000,000,000 UGX a month: base × 100 % × 31 days is past 2^53; the base comes back whole.
    const rich = { ...nurse, monthlyBase: 90_000_000_000, allowances: [] };
    expect(computeSlip(march({ structures: [rich] })).gross).toBe(90_000_000_000);
  });
});

describe('the contract’s types fit the computation', () => {
  it('a stored PayStructure is a SlipStructure and stored DeductionRules are PayrollRules', () => {
    const structure = { ...nurse, id: 1, staffId: 2, hospitalId: 3, currency: 'UGX', createdAt: '', createdByName: null } satisfies PayStructure;
    const rules = { ...UG, hospitalId: 3, currency: 'UGX' } satisfies DeductionRules;
    const asSlip: SlipStructure = structure;
    const asRules: PayrollRules = rules;
    expect(computeSlip(march({ structures: [asSlip], rules: asRules })).gross).toBe(1_700_000);
  });
});

describe('fractions the caller may pass', () => {
  it('half a day of unpaid leave is half a day’s pay; fractional minutes count whole', () => {
    // 1,500,000 × 0.5 / 22 = 34,090.91 → 34,091; paid days 21.5.
    const r = computeSlip(march({ unpaidLeaveWorkingDays: 0.5, shifts: [{ ...day('2026-03-02', 479.6), nightMinutes: 479.6 }] }));
    expect(line(r, 'UNPAID_LEAVE')?.amount).toBe(-34_091);
    expect(r.paidDays).toBe(21.5);
    // 479.6 → 480 min = 8 h at 2,308 = 18,464.
    expect(line(r, 'NIGHT')).toMatchObject({ quantity: 8, amount: 18_464 });
  });
});
