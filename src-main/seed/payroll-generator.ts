// Seeded payroll: every staff member's pay structure (salaried by role, some hourly, realistic in each hospital's
// currency; a raise for some from a date inside the rota's span), bank details, and each hospital's public holidays
// (the real ones of Uganda, India (Maharashtra) and the US federal calendar) for the years the rota covers. The rules of
// pay are not here: deductions come from DEMO_DEDUCTION_RULES by country and slips from computeSlip.
import { DeductionRulesFields, type Differential, type Holiday } from '@shared/contract/payroll';
import { DEMO_DEDUCTION_RULES, hourlyFromYearly, type SlipStructure } from '@shared/domain/payroll';
import type { StaffRole } from '@shared/domain/scheduling';
import type { EntityRow } from '../db/writer';
import { PayrollSettingsEntity, PayStructureEntity, StaffBankDetailsEntity } from '../features/payroll/payroll.entity';
import type { ChainPlan, SeedRandom } from './generator';
import type { StaffRow } from './staff-generator';
import type { SeedContext } from './seed';
import { CallContext, type Runtime, type Session } from '../platform/context';
import { finalize, startRun } from '../features/payroll/runs.service';

export type PayCountry = 'UG' | 'IN' | 'US';

/** One pay structure of one staff member from a date on, in minor units of the hospital's currency. */
export interface PayStructurePlan extends SlipStructure {
  staffId: number;
  hospitalId: number;
  currency: string;
}

export interface BankPlan {
  staffId: number;
  bankName: string;
  bankAccount: string;
}

export interface PayPlan {
  /** Oldest first per person; a raise adds a second one. */
  structures: PayStructurePlan[];
  bank: BankPlan[];
  /** Per hospital id and year. */
  holidays: { hospitalId: number; year: number; holidays: Holiday[] }[];
}

/** Monthly base at 100 % employment by role, [low, high] in major units of each country's currency, and the step it is rounded to. */
const MONTHLY_BY_ROLE: Record<PayCountry, { step: number; minor: number; roles: Record<StaffRole, [number, number]> }> = {
  // Uganda shillings (no minor unit): private hospital pay in Kampala and the regions.
  UG: {
    step: 10_000,
    minor: 1,
    roles: {
      doctor: [4_500_000, 9_000_000],
      nurse: [1_200_000, 2_200_000],
      technician: [1_300_000, 2_300_000],
      pharmacist: [2_500_000, 4_000_000],
      front_desk: [700_000, 1_000_000],
      billing: [1_000_000, 1_600_000],
      hr: [1_800_000, 3_000_000],
      manager: [5_000_000, 8_000_000],
      admin: [2_000_000, 3_500_000],
      support: [400_000, 700_000],
    },
  },
  // Indian rupees (paise): a private hospital in Pune.
  IN: {
    step: 500,
    minor: 100,
    roles: {
      doctor: [120_000, 250_000],
      nurse: [28_000, 45_000],
      technician: [25_000, 40_000],
      pharmacist: [30_000, 50_000],
      front_desk: [18_000, 25_000],
      billing: [22_000, 35_000],
      hr: [40_000, 70_000],
      manager: [120_000, 200_000],
      admin: [50_000, 80_000],
      support: [12_000, 18_000],
    },
  },
  // US dollars (cents): a Boston teaching hospital.
  US: {
    step: 50,
    minor: 100,
    roles: {
      doctor: [20_000, 30_000],
      nurse: [7_500, 10_000],
      technician: [5_000, 6_500],
      pharmacist: [11_000, 13_000],
      front_desk: [3_200, 3_800],
      billing: [4_000, 5_000],
      hr: [6_000, 7_500],
      manager: [10_000, 14_000],
      admin: [7_000, 9_000],
      support: [2_800, 3_400],
    },
  },
};

/** Roles some of whom are paid by the hour (agency and bank staff, part-timers); the share of them that is. */
const HOURLY_SHARE: Partial<Record<StaffRole, number>> = { nurse: 0.15, technician: 0.15, front_desk: 0.2, support: 0.25 };
/** Roles that work the rota (differentials for nights, weekends and holidays); office roles get overtime only. */
const ROTA_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(['doctor', 'nurse', 'technician', 'pharmacist', 'front_desk']);

const pct = (rateBp: number): Differential => ({ kind: 'percent', rateBp });
const perHour = (amount: number): Differential => ({ kind: 'amount', perHour: amount });
const NONE: Differential = { kind: 'none' };

/** The differentials of a country's rota workers: nights, weekends, public holidays, overtime. */
const DIFFERENTIALS: Record<PayCountry, { night: Differential; weekend: Differential; holiday: Differential; overtime: Differential }> = {
  UG: { night: pct(1500), weekend: pct(1000), holiday: pct(10_000), overtime: pct(5000) },
  IN: { night: pct(1000), weekend: NONE, holiday: pct(10_000), overtime: pct(10_000) },
  US: { night: perHour(400), weekend: perHour(250), holiday: pct(5000), overtime: pct(5000) },
};

const BANKS: Record<PayCountry, { names: string[]; digits: [number, number] }> = {
  UG: { names: ['Stanbic Bank Uganda', 'Centenary Bank', 'dfcu Bank', 'Absa Bank Uganda', 'Equity Bank Uganda'], digits: [13, 14] },
  IN: { names: ['State Bank of India', 'HDFC Bank', 'ICICI Bank', 'Bank of Maharashtra', 'Axis Bank'], digits: [11, 16] },
  US: { names: ['Bank of America', 'Citizens Bank', 'Santander Bank', 'Eastern Bank'], digits: [10, 12] },
};

/** Monthly allowances: Uganda housing and transport, India HRA (a share of base) and conveyance; the US none. */
function allowancesOf(country: PayCountry, monthlyBase: number, r: SeedRandom): { name: string; monthly: number }[] {
  if (country === 'UG') return [{ name: 'Housing', monthly: Math.round((monthlyBase * r.pick([10, 15, 20])) / 100 / 10_000) * 10_000 }, { name: 'Transport', monthly: r.pick([100_000, 150_000, 200_000]) }];
  if (country === 'IN') return [{ name: 'House rent allowance', monthly: Math.round((monthlyBase * 40) / 100 / 10_000) * 10_000 }, { name: 'Conveyance', monthly: 160_000 }];
  return [];
}

const firstOfMonth = (iso: string) => `${iso.slice(0, 8)}01`;

/** Pay structures and bank details of every staff member, and each hospital's holidays of `years`. */
export function planPay(random: (purpose: string) => SeedRandom, chain: ChainPlan, staff: readonly StaffRow[], span: { from: string; to: string }): PayPlan {
  const plan: PayPlan = { structures: [], bank: [], holidays: [] };
  const firstYear = Number(span.from.slice(0, 4));
  const lastYear = Number(span.to.slice(0, 4));
  chain.hospitals.forEach((hospital, h) => {
    const country = chain.sites[h].country as PayCountry;
    for (let y = firstYear; y <= lastYear; y++) plan.holidays.push({ hospitalId: hospital.id, year: y, holidays: publicHolidays(country, y) });
    const r = random(`payroll:${hospital.code}`);
    const money = MONTHLY_BY_ROLE[country];
    const banks = BANKS[country];
    for (const s of staff) {
      if (s.hospital_id !== hospital.id) continue;
      const [lo, hi] = money.roles[s.staff_role];
      // Longer service, higher in the band.
      const steps = Math.floor((hi - lo) / money.step);
      const base = (lo + Math.min(steps, Math.floor(r.next() * steps * 0.7 + r.next() * steps * 0.3)) * money.step) * money.minor;
      const hourly = r.chance(HOURLY_SHARE[s.staff_role] ?? 0);
      const employmentPercent = Math.max(1, Math.min(100, Math.round((s.contracted_hours * 100) / 40)));
      const rota = ROTA_ROLES.has(s.staff_role);
      const diff = DIFFERENTIALS[country];
      const structure = (validFrom: string, monthly: number): PayStructurePlan => ({
        staffId: s.id,
        hospitalId: hospital.id,
        currency: hospital.currency,
        validFrom,
        basis: hourly ? 'hourly' : 'salaried',
        monthlyBase: hourly ? null : monthly,
        // An hourly rate worth the band's monthly pay: its yearly pay by the rule's hours a year.
        hourlyRate: hourly ? hourlyFromYearly(monthly * 12, 100) : null,
        employmentPercent: hourly ? 100 : employmentPercent,
        allowances: hourly ? [] : allowancesOf(country, monthly, r),
        night: rota ? diff.night : NONE,
        weekend: rota ? diff.weekend : NONE,
        holiday: rota ? diff.holiday : NONE,
        overtime: rota || s.staff_role === 'support' ? diff.overtime : NONE,
      });
      plan.structures.push(structure(s.hire_date, base));
      // One in eight got a raise inside the rota's span: most from the first of a month, some from the middle of one.
      if (r.chance(0.125)) {
        const from = addDaysIso(span.from, r.int(Math.max(1, daysBetween(span.from, span.to))));
        const validFrom = r.chance(0.7) ? firstOfMonth(from) : from;
        if (validFrom > s.hire_date && (s.terminated_on === null || validFrom < s.terminated_on)) {
          const raised = Math.round((base * (100 + r.pick([3, 5, 8, 10]))) / 100 / (money.step * money.minor)) * money.step * money.minor;
          plan.structures.push(structure(validFrom, raised));
        }
      }
      // A few are paid by cheque or cash and have no bank details.
      if (r.chance(0.97)) {
        const digits = r.between(banks.digits[0], banks.digits[1]);
        let account = String(r.between(1, 9));
        while (account.length < digits) account += String(r.int(10));
        plan.bank.push({ staffId: s.id, bankName: r.pick(banks.names), bankAccount: account });
      }
    }
  });
  return plan;
}

const DAY_MS = 86_400_000;
const addDaysIso = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
/** ISO weekday (1 = Monday) of a date. */
const weekday = (y: number, m: number, d: number) => ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;

/** Easter Sunday of the Gregorian calendar (the anonymous algorithm of Nature, 1876). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The n-th (1-based; -1 the last) given ISO weekday of a month. */
function nthWeekday(year: number, month: number, wd: number, n: number): string {
  if (n > 0) {
    const first = weekday(year, month, 1);
    return iso(year, month, 1 + ((wd - first + 7) % 7) + (n - 1) * 7);
  }
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return iso(year, month, last - ((weekday(year, month, last) - wd + 7) % 7));
}

/** A US federal holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
function observed(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const wd = weekday(y, m, d);
  return wd === 6 ? addDaysIso(date, -1) : wd === 7 ? addDaysIso(date, 1) : date;
}

/** Eid al-Fitr and Eid al-Adha as Uganda gazetted (or is expected to gazette) them; the lunar dates are looked up, not computed. */
const EIDS: Record<number, [fitr: string, adha: string]> = {
  2023: ['2023-04-21', '2023-06-28'],
  2024: ['2024-04-10', '2024-06-17'],
  2025: ['2025-03-31', '2025-06-06'],
  2026: ['2026-03-20', '2026-05-27'],
  2027: ['2027-03-10', '2027-05-17'],
};

/** Maharashtra's movable holidays (the state's gazette list): Holi, Gudi Padwa, Ramzan Id, Ganesh Chaturthi, Dasara, Diwali (Lakshmi Puja). */
const MAHARASHTRA: Record<number, [string, string][]> = {
  2023: [['2023-03-07', 'Holi'], ['2023-03-22', 'Gudi Padwa'], ['2023-04-22', 'Ramzan Id'], ['2023-09-19', 'Ganesh Chaturthi'], ['2023-10-24', 'Dasara'], ['2023-11-12', 'Diwali (Lakshmi Puja)']],
  2024: [['2024-03-25', 'Holi'], ['2024-04-09', 'Gudi Padwa'], ['2024-04-11', 'Ramzan Id'], ['2024-09-07', 'Ganesh Chaturthi'], ['2024-10-12', 'Dasara'], ['2024-11-01', 'Diwali (Lakshmi Puja)']],
  2025: [['2025-03-14', 'Holi'], ['2025-03-30', 'Gudi Padwa'], ['2025-03-31', 'Ramzan Id'], ['2025-08-27', 'Ganesh Chaturthi'], ['2025-10-02', 'Dasara'], ['2025-10-21', 'Diwali (Lakshmi Puja)']],
  2026: [['2026-03-04', 'Holi'], ['2026-03-19', 'Gudi Padwa'], ['2026-03-21', 'Ramzan Id'], ['2026-09-14', 'Ganesh Chaturthi'], ['2026-10-20', 'Dasara'], ['2026-11-08', 'Diwali (Lakshmi Puja)']],
  2027: [['2027-03-22', 'Holi'], ['2027-04-07', 'Gudi Padwa'], ['2027-03-10', 'Ramzan Id'], ['2027-09-04', 'Ganesh Chaturthi'], ['2027-10-09', 'Dasara'], ['2027-10-29', 'Diwali (Lakshmi Puja)']],
};

/** A country's public holidays of one year, sorted; two on one day become one ("Gandhi Jayanti; Dasara"). */
export function publicHolidays(country: PayCountry, year: number): Holiday[] {
  const easter = easterSunday(year);
  const list: [string, string][] = [];
  if (country === 'UG') {
    list.push(
      [iso(year, 1, 1), "New Year's Day"],
      [iso(year, 1, 26), 'Liberation Day'],
      [iso(year, 2, 16), 'Archbishop Janani Luwum Day'],
      [iso(year, 3, 8), "International Women's Day"],
      [addDaysIso(easter, -2), 'Good Friday'],
      [addDaysIso(easter, 1), 'Easter Monday'],
      [iso(year, 5, 1), 'Labour Day'],
      [iso(year, 6, 3), "Uganda Martyrs' Day"],
      [iso(year, 6, 9), "National Heroes' Day"],
      [iso(year, 10, 9), 'Independence Day'],
      [iso(year, 12, 25), 'Christmas Day'],
      [iso(year, 12, 26), 'Boxing Day'],
    );
    const eids = EIDS[year];
    if (eids) list.push([eids[0], 'Eid al-Fitr'], [eids[1], 'Eid al-Adha']);
  } else if (country === 'IN') {
    list.push(
      [iso(year, 1, 26), 'Republic Day'],
      [iso(year, 2, 19), 'Chhatrapati Shivaji Maharaj Jayanti'],
      [addDaysIso(easter, -2), 'Good Friday'],
      [iso(year, 4, 14), 'Dr Babasaheb Ambedkar Jayanti'],
      [iso(year, 5, 1), 'Maharashtra Day'],
      [iso(year, 8, 15), 'Independence Day'],
      [iso(year, 10, 2), 'Gandhi Jayanti'],
      [iso(year, 12, 25), 'Christmas'],
      ...(MAHARASHTRA[year] ?? []),
    );
  } else {
    list.push(
      [observed(iso(year, 1, 1)), "New Year's Day"],
      [nthWeekday(year, 1, 1, 3), 'Birthday of Martin Luther King, Jr.'],
      [nthWeekday(year, 2, 1, 3), "Washington's Birthday"],
      [nthWeekday(year, 5, 1, -1), 'Memorial Day'],
      [observed(iso(year, 6, 19)), 'Juneteenth National Independence Day'],
      [observed(iso(year, 7, 4)), 'Independence Day'],
      [nthWeekday(year, 9, 1, 1), 'Labor Day'],
      [nthWeekday(year, 10, 1, 2), 'Columbus Day'],
      [observed(iso(year, 11, 11)), 'Veterans Day'],
      [nthWeekday(year, 11, 4, 4), 'Thanksgiving Day'],
      [observed(iso(year, 12, 25)), 'Christmas Day'],
      // Next year's New Year's Day on a Saturday is observed on 31 December of this one.
      [observed(iso(year + 1, 1, 1)), "New Year's Day"],
    );
  }
  const byDate = new Map<string, string>();
  for (const [date, name] of list) {
    // An observed day pushed into another year (New Year's Day 2022 on a Saturday: 31 December 2021) belongs to that year's list.
    if (!date.startsWith(`${year}-`)) continue;
    byDate.set(date, byDate.has(date) ? `${byDate.get(date)}; ${name}` : name);
  }
  return [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, name]) => ({ date, name }));
}

/** Runs per hospital the seed makes unless told fewer: every whole month of the longest rota. */
export const MAX_PAYROLL_RUNS = 48;

// ---- rows ----

export type PayStructureRow = EntityRow<PayStructureEntity>;
export type PayrollSettingsRow = EntityRow<PayrollSettingsEntity>;

/** The months a seeded payroll runs: whole calendar months inside the rota's span that ended before the reference date. */
export function payrollMonths(rota: { from: string; to: string }, asOf: string): string[] {
  const out: string[] = [];
  let month = rota.from.endsWith('-01') ? rota.from.slice(0, 7) : nextMonth(rota.from.slice(0, 7));
  while (lastDayOf(month) < asOf && lastDayOf(month) <= rota.to) {
    out.push(month);
    month = nextMonth(month);
  }
  return out;
}

export const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
export const lastDayOf = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return iso(y, m, new Date(Date.UTC(y, m, 0)).getUTCDate());
};

/** Structure, bank details and holiday rows of a pay plan; structures are stamped as HR entered them (on the day they start, or the hire day). */
export function payRows(plan: PayPlan, asOf: string, hrUserOf: (hospitalId: number) => number | null): { structures: PayStructureRow[]; bank: EntityRow<StaffBankDetailsEntity>[]; holidays: { hospital_id: number; date: string; name: string }[] } {
  const stamp = (day: string) => `${day < asOf ? day : addDaysIso(asOf, -1)} 08:30:00.000`;
  return {
    structures: plan.structures.map((s, i) => ({
      id: i + 1,
      hospital_id: s.hospitalId,
      staff_id: s.staffId,
      valid_from: s.validFrom,
      basis: s.basis,
      monthly_base: s.monthlyBase,
      hourly_rate: s.hourlyRate,
      employment_percent: s.employmentPercent,
      allowances: JSON.stringify(s.allowances),
      differentials: JSON.stringify({ night: s.night, weekend: s.weekend, holiday: s.holiday, overtime: s.overtime }),
      created_by: hrUserOf(s.hospitalId),
      created_at: stamp(s.validFrom),
    })),
    bank: plan.bank.map((b) => ({ staff_id: b.staffId, bank_name: b.bankName, bank_account: b.bankAccount, updated_at: stamp(asOf) })),
    holidays: plan.holidays.flatMap((y) => y.holidays.map((h) => ({ hospital_id: y.hospitalId, date: h.date, name: h.name }))),
  };
}

/** Pay day: the last weekday of the month. */
export function payDayOf(month: string): string {
  let day = lastDayOf(month);
  for (;;) {
    const [y, m, d] = day.split('-').map(Number);
    if (weekday(y, m, d) <= 5) return day;
    day = addDaysIso(day, -1);
  }
}

/**
 * Runs every month of `months` (oldest first, so each year's YTD builds up) at every hospital through the app's own
 * payroll service, as the hospital's HR account on pay day: started as a draft (every slip by computeSlip from the
 * seeded structures, shifts, leave and holidays), then finalized and paid. Only the latest month's slips get their PDF
 * made and stored now (the app's finalize); the earlier months are marked finalized and paid, their PDFs made on first
 * print. Returns the slips of each month and the PDFs stored.
 */
async function runPayroll(ctx: SeedContext, months: readonly string[]): Promise<{ slips: number; pdfs: number }> {
  let clock = new Date(0);
  const runtime = { clock: () => clock } as unknown as Runtime;
  let slips = 0;
  let pdfs = 0;
  const total = months.length * ctx.chain.hospitals.length;
  let done = 0;
  for (const month of months) {
    const latest = month === months[months.length - 1];
    const payDay = payDayOf(month);
    for (const [h, hospital] of ctx.chain.hospitals.entries()) {
      const hr = ctx.chain.accountPeople.find((a) => a.role === 'hr' && a.hospitalIndex === h);
      const user = hr ? ctx.chain.users.find((u) => u.id === hr.userId) : undefined;
      const session: Session = {
        userId: user?.id ?? 0,
        username: user?.username ?? 'seed',
        fullName: hr ? `${hr.first} ${hr.last}` : 'Demo data',
        roles: ['hr'],
        hospitalIds: [hospital.id],
        allHospitals: false,
        idleLockMinutes: 15,
        locked: false,
        lastActivityAt: 0,
      };
      // Computed at nine on the morning of pay day (UTC), finalized an hour later.
      clock = new Date(`${payDay}T09:00:00Z`);
      const run = await ctx.ds.transaction((em) => startRun(new CallContext(runtime, 'seed', 'payroll.startRun', session, em), { hospitalId: hospital.id, month }));
      slips += run.totals.count;
      clock = new Date(`${payDay}T10:00:00Z`);
      if (latest) {
        await ctx.ds.transaction((em) => finalize(new CallContext(runtime, 'seed', 'payroll.finalize', session, em), { runId: run.id, version: run.version, paidOn: payDay }));
        pdfs += run.totals.count;
      } else {
        await ctx.ds.query("UPDATE payroll_runs SET status = 'finalized', finalized_at = ?, finalized_by = ?, paid_on = ?, version = version + 1 WHERE id = ?", [clock, user?.id ?? null, payDay, run.id]);
      }
      ctx.progress('payroll runs', ++done, total);
    }
  }
  return { slips, pdfs };
}

/** The seed's payroll step: pay structures, bank details, holidays and deduction rules of every hospital, then the runs. */
export async function seedPayroll(ctx: SeedContext): Promise<void> {
  if (!ctx.staff || !ctx.rotas) return;
  const plan = planPay(ctx.random, ctx.chain, ctx.staff.staff, { from: ctx.rotas.from, to: ctx.rotas.to });
  const hr = (hospitalId: number) => ctx.chain.accountPeople.find((a) => a.role === 'hr' && a.hospitalIndex === hospitalId - 1)?.userId ?? null;
  const rows = payRows(plan, ctx.chain.asOf, hr);
  const write = ctx.batches('payroll', rows.structures.length + rows.bank.length);
  await write(PayStructureEntity, rows.structures);
  await write(StaffBankDetailsEntity, rows.bank);
  await ctx.writer.flush();
  // payroll_holidays names its date column holiday_date (a property named date), which the entity-typed writer refuses.
  for (let i = 0; i < rows.holidays.length; i += 500) {
    const part = rows.holidays.slice(i, i + 500);
    await ctx.writer.query(`INSERT INTO payroll_holidays (hospital_id, holiday_date, name) VALUES ${part.map(() => '(?, ?, ?)').join(', ')}`, part.flatMap((h) => [h.hospital_id, h.date, h.name]));
  }
  ctx.rows.payroll_holidays = rows.holidays.length;
  // Each hospital's deduction rules: its country's demo set, as HR would save them (the contract's schema fills the defaults).
  await ctx.insert(
    PayrollSettingsEntity,
    ctx.chain.hospitals.map((h, i) => ({ hospital_id: h.id, rules: JSON.stringify(DeductionRulesFields.parse(DEMO_DEDUCTION_RULES[ctx.chain.sites[i].country as PayCountry])), updated_at: `${ctx.chain.asOf} 06:00:00.000` })),
  );
  await ctx.writer.flush();
  const months = payrollMonths(ctx.rotas, ctx.chain.asOf);
  const ran = await runPayroll(ctx, months.slice(Math.max(0, months.length - ctx.options.payrollRuns)));
  ctx.payroll = { months: months.slice(Math.max(0, months.length - ctx.options.payrollRuns)), ...ran };
}
