// The seeded payroll's pure parts: public holidays of the three demo countries (checked against the published
// calendars) and every staff member's pay structure.
import { describe, expect, it } from 'vitest';
import { PayStructureFields } from '@shared/contract/payroll';
import { DEFAULT_AS_OF, planChain, SeedRandom } from '../../src-main/seed/generator';
import { planStaff } from '../../src-main/seed/staff-generator';
import { easterSunday, payDayOf, payrollMonths, planPay, publicHolidays } from '../../src-main/seed/payroll-generator';
import { parseSeedArgs } from '../../src-main/seed/seed-cli';

describe('seeded public holidays', () => {
  it('finds Easter', () => {
    expect([2024, 2025, 2026, 2027].map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28']);
  });

  it('lists the US federal holidays of 2026 as observed (Independence Day on a Saturday: Friday 3 July)', () => {
    expect(publicHolidays('US', 2026).map((h) => h.date)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]);
    // New Year's Day 2022 fell on a Saturday and was observed on 31 December 2021: in 2021's list, not 2022's.
    expect(publicHolidays('US', 2022)[0]).toEqual({ date: '2022-01-17', name: 'Birthday of Martin Luther King, Jr.' });
    expect(publicHolidays('US', 2021).at(-1)).toEqual({ date: '2021-12-31', name: "New Year's Day" });
  });

  it("lists Uganda's holidays with Easter and the Eids, and Maharashtra's with two on one day merged", () => {
    const ug = publicHolidays('UG', 2026);
    expect(ug.find((h) => h.name === 'Good Friday')?.date).toBe('2026-04-03');
    expect(ug.find((h) => h.name === 'Easter Monday')?.date).toBe('2026-04-06');
    expect(ug.find((h) => h.name === "Uganda Martyrs' Day")?.date).toBe('2026-06-03');
    expect(ug).toHaveLength(14);
    const inn = publicHolidays('IN', 2025);
    expect(inn.find((h) => h.date === '2025-10-02')?.name).toBe('Gandhi Jayanti; Dasara');
    expect(inn.find((h) => h.date === '2025-05-01')?.name).toBe('Maharashtra Day');
    for (const c of ['UG', 'IN', 'US'] as const) {
      for (const y of [2024, 2025, 2026]) {
        const list = publicHolidays(c, y);
        expect(new Set(list.map((h) => h.date)).size).toBe(list.length);
        expect(list.every((h) => h.date.startsWith(`${y}-`) && h.name.length <= 80)).toBe(true);
      }
    }
  });
});

describe('seeded pay structures', () => {
  const chain = planChain(SeedRandom.for(3, 'chain'), DEFAULT_AS_OF);
  const staff = planStaff(SeedRandom.for(3, 'staff'), chain).staff;
  const plan = planPay((p) => SeedRandom.for(3, p), chain, staff, { from: '2026-04-27', to: '2026-08-02' });

  it('gives everyone a structure the contract accepts, from their hire date, in their hospital currency', () => {
    const first = new Map<number, (typeof plan.structures)[number]>();
    for (const s of plan.structures) if (!first.has(s.staffId)) first.set(s.staffId, s);
    expect(first.size).toBe(staff.length);
    for (const person of staff) {
      const s = first.get(person.id)!;
      expect(s.validFrom).toBe(person.hire_date);
      expect(s.currency).toBe(chain.hospitals[person.hospital_id - 1].currency);
      expect(PayStructureFields.safeParse(s).success).toBe(true);
    }
    expect(plan.structures.some((s) => s.basis === 'hourly')).toBe(true);
    expect(plan.structures.length).toBeGreaterThan(staff.length);
    expect(plan.bank.length).toBeGreaterThan(staff.length * 0.9);
    expect(plan.holidays).toHaveLength(chain.hospitals.length);
  });

  it('pays a Kampala nurse less than a Kampala doctor, in shillings of a realistic size', () => {
    const base = (role: string, code: string) => {
      const h = chain.hospitals.find((x) => x.code === code)!;
      const ids = new Set(staff.filter((s) => s.staff_role === role && s.hospital_id === h.id).map((s) => s.id));
      return plan.structures.filter((s) => ids.has(s.staffId) && s.monthlyBase !== null).map((s) => s.monthlyBase!);
    };
    const nurses = base('nurse', 'KLA');
    const doctors = base('doctor', 'KLA');
    expect(Math.max(...nurses)).toBeLessThan(Math.min(...doctors));
    expect(Math.min(...nurses)).toBeGreaterThanOrEqual(1_200_000);
    expect(Math.max(...base('doctor', 'BOS'))).toBeLessThanOrEqual(3_300_000);
  });
});

describe('seeded payroll runs', () => {
  it('runs the whole months of the rota that ended before the reference date, paid on their last weekday', () => {
    // The seed tests' rota: 20 weeks back from Tuesday 10 March 2026 (from Monday 20 October 2025).
    expect(payrollMonths({ from: '2025-10-20', to: '2026-03-15' }, '2026-03-10')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    // A rota starting on the 1st counts that month; one ending before a month's end leaves it out.
    expect(payrollMonths({ from: '2026-06-01', to: '2026-07-26' }, '2026-07-31')).toEqual(['2026-06']);
    expect(payrollMonths({ from: '2026-06-29', to: '2026-07-05' }, '2026-07-01')).toEqual([]);
    // 28 February 2026 is a Saturday, 31 May 2026 a Sunday.
    expect([payDayOf('2026-02'), payDayOf('2026-05'), payDayOf('2026-06')]).toEqual(['2026-02-27', '2026-05-29', '2026-06-30']);
  });

  it('reads --payroll-runs', () => {
    expect(parseSeedArgs(['--payroll-runs', '2']).payrollRuns).toBe(2);
    expect(parseSeedArgs(['--payroll-runs=0']).payrollRuns).toBe(0);
    expect(parseSeedArgs([]).payrollRuns).toBeUndefined();
  });
});
