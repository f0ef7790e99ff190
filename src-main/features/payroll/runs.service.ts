// Payroll runs: one per hospital and month, started as a draft that computes every slip from the month's inputs in the
// hospital's zone (structures, shifts, leave, holidays, one-offs, deduction rules, the year's finalized slips),
// recomputed while a draft, finalized once (version check under the run's row lock: of two HR desks one wins), after
// which the run and its slips never change.
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Differential, PayrollRun, SlipLine } from '@shared/contract/payroll';
import { computeSlip, monthBounds, workingDaysBetween } from '@shared/domain/payroll';
import { addDays } from '@shared/domain/dates';
import { conflict } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { localInstant } from '../../platform/zones';
import { insertRows } from '../../db/writer';
import { requireHospitalEntity, type HospitalEntity } from '../hospitals';
import { PayrollRunEntity, SalarySlipEntity } from './payroll.entity';
import { deductionRulesOf, holidaysBetween } from './settings.service';
import { maskAccount } from './structures.service';
import { readRun } from './runs.queries';
import { storeSlipDocuments } from './payroll.documents';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

interface StaffRow {
  id: number;
  employee_number: string;
  first_name: string;
  last_name: string;
  staff_role: string;
  department: string | null;
  hire_date: string;
  terminated_on: string | null;
  contracted_hours: number;
  bank_account: string | null;
}

interface StructureRow {
  staff_id: number;
  valid_from: string;
  basis: 'salaried' | 'hourly';
  monthly_base: string | number | null;
  hourly_rate: string | number | null;
  employment_percent: number;
  allowances: string;
  differentials: string;
}

/** Minutes of [start, end) that fall on one of these local days in the zone. */
function minutesOnDays(start: number, end: number, days: string[], zone: string): number {
  let ms = 0;
  for (const d of days) {
    const from = localInstant(d, 0, zone);
    const to = localInstant(addDays(d, 1), 0, zone);
    ms += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return Math.round(ms / 60_000);
}

/** Computes every slip of the run afresh (a draft's slips are replaced). */
async function computeRun(ctx: CallContext, run: PayrollRunEntity, h: HospitalEntity): Promise<void> {
  const month = run.month;
  const { start: monthStart, end: monthEnd } = monthBounds(month);
  const em = ctx.em;
  const staff: StaffRow[] = await em.query(
    `SELECT s.id, s.employee_number, s.first_name, s.last_name, s.staff_role, d.name AS department, s.hire_date, s.terminated_on, s.contracted_hours, b.bank_account
       FROM staff s LEFT JOIN departments d ON d.id = s.department_id LEFT JOIN staff_bank_details b ON b.staff_id = s.id
      WHERE s.hospital_id = ? AND s.hire_date <= ? AND (s.terminated_on >= ? OR (s.terminated_on IS NULL AND s.status <> 'terminated'))
        AND EXISTS (SELECT 1 FROM pay_structures p WHERE p.staff_id = s.id AND p.valid_from <= ?)
      ORDER BY s.id`,
    [run.hospitalId, monthEnd, monthStart, monthEnd],
  );
  // A draft's slips have no stored documents (only finalized ones do); cleared anyway so nothing can hold them.
  await em.query('DELETE d FROM salary_slip_documents d JOIN salary_slips s ON s.id = d.slip_id WHERE s.run_id = ?', [run.id]);
  await em.query('DELETE FROM salary_slips WHERE run_id = ?', [run.id]);
  if (staff.length === 0) return;
  // Every input read by the hospital (its indexes), not by thousands of staff ids; grouped per person in memory.
  const hid = run.hospitalId;
  const group = <T extends { staff_id: number }>(rows: T[]): Map<number, T[]> => {
    const m = new Map<number, T[]>();
    for (const r of rows) {
      const k = Number(r.staff_id);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return m;
  };

  const structures: StructureRow[] = await em.query(
    `SELECT staff_id, valid_from, basis, monthly_base, hourly_rate, employment_percent, allowances, differentials FROM pay_structures
      WHERE hospital_id = ? AND valid_from <= ? ORDER BY staff_id, valid_from`,
    [hid, monthEnd],
  );
  const structuresOf = new Map<number, StructureRow[]>();
  for (const s of structures) {
    const list = structuresOf.get(Number(s.staff_id)) ?? [];
    // Only the one in force on the 1st and those starting in the month matter.
    if (s.valid_from <= monthStart) list.length = 0;
    list.push(s);
    structuresOf.set(Number(s.staff_id), list);
  }

  // Holidays of the month, and the 1st of the next (a night from the last day runs into it).
  const holidays = await holidaysBetween(ctx, run.hospitalId, monthStart, addDays(monthEnd, 1));
  const monthHolidays = holidays.filter((x) => x.date <= monthEnd);
  const holidayDays = new Set(holidays.map((x) => x.date));
  /** A shift's minutes on public holidays: the day it starts and the next (a night) are the only candidates. */
  const holidayMinutesOf = (x: { shift_date: string; starts_at: Date; ends_at: Date }): number => {
    const days = [x.shift_date, addDays(x.shift_date, 1)].filter((d) => holidayDays.has(d));
    return days.length ? minutesOnDays(new Date(x.starts_at).getTime(), new Date(x.ends_at).getTime(), days, zone) : 0;
  };
  const zone = h.timeZone;

  // Shifts belong to the month of the local day they start on.
  const shifts: { staff_id: number; shift_date: string; starts_at: Date; ends_at: Date; minutes: number; night_minutes: number; weekend_minutes: number }[] = await em.query(
    `SELECT staff_id, shift_date, starts_at, ends_at, minutes, night_minutes, weekend_minutes FROM shift_assignments
      WHERE hospital_id = ? AND shift_date BETWEEN ? AND ? ORDER BY staff_id, starts_at`,
    [hid, monthStart, monthEnd],
  );
  const shiftsOf = group(shifts);

  const leave: { staff_id: number; start_date: string; end_date: string }[] = await em.query(
    `SELECT staff_id, start_date, end_date FROM staff_leave WHERE hospital_id = ? AND end_date >= ? AND start_date <= ? AND kind = 'unpaid' AND status = 'recorded'`,
    [hid, monthStart, monthEnd],
  );
  const leaveOf = group(leave);
  const oneOffs: { staff_id: number; label: string; kind: 'deduction' | 'earning'; amount: string | number }[] = await em.query(
    `SELECT staff_id, label, kind, amount FROM pay_one_offs WHERE hospital_id = ? AND month = ? ORDER BY id`,
    [run.hospitalId, month],
  );
  const oneOffsOf = group(oneOffs);

  // Year to date: the finalized slips of the year before this month.
  const earlier: { staff_id: number; earnings: string; deductions: string; employer: string; gross: string | number; net: string | number }[] = await em.query(
    `SELECT s.staff_id, s.earnings, s.deductions, s.employer, s.gross, s.net FROM salary_slips s JOIN payroll_runs r ON r.id = s.run_id
      WHERE s.hospital_id = ? AND s.month >= ? AND s.month < ? AND r.status = 'finalized'`,
    [hid, `${month.slice(0, 4)}-01`, month],
  );
  // By line code (codes are unique across earnings, deductions and employer lines), with GROSS and NET.
  const ytdOf = new Map<number, Record<string, number>>();
  for (const e of earlier) {
    const y = ytdOf.get(Number(e.staff_id)) ?? {};
    for (const section of ['earnings', 'deductions', 'employer'] as const) for (const l of JSON.parse(e[section]) as SlipLine[]) y[l.code] = (y[l.code] ?? 0) + l.amount;
    y.GROSS = (y.GROSS ?? 0) + Number(e.gross);
    y.NET = (y.NET ?? 0) + Number(e.net);
    ytdOf.set(Number(e.staff_id), y);
  }

  const rules = await deductionRulesOf(ctx, run.hospitalId);
  const slips: SalarySlipEntity[] = [];
  for (const s of staff) {
    const id = Number(s.id);
    const from = s.hire_date > monthStart ? s.hire_date : monthStart;
    const to = s.terminated_on !== null && s.terminated_on < monthEnd ? s.terminated_on : monthEnd;
    let unpaid = 0;
    for (const l of leaveOf.get(id) ?? []) {
      const a = l.start_date > from ? l.start_date : from;
      const b = l.end_date < to ? l.end_date : to;
      if (a <= b) unpaid += workingDaysBetween(a, b, monthHolidays);
    }
    const ytdBefore = ytdOf.get(id) ?? {};
    const result = computeSlip({
      month,
      monthStart,
      monthEnd,
      structures: (structuresOf.get(id) ?? []).map((p) => {
        const d = JSON.parse(p.differentials) as { night: Differential; weekend: Differential; holiday: Differential; overtime: Differential };
        return {
          validFrom: p.valid_from,
          basis: p.basis,
          monthlyBase: p.monthly_base === null ? null : Number(p.monthly_base),
          hourlyRate: p.hourly_rate === null ? null : Number(p.hourly_rate),
          employmentPercent: Number(p.employment_percent),
          allowances: JSON.parse(p.allowances) as { name: string; monthly: number }[],
          ...d,
        };
      }),
      hireDate: s.hire_date,
      terminatedOn: s.terminated_on,
      contractedWeeklyHours: Number(s.contracted_hours),
      shifts: (shiftsOf.get(id) ?? []).map((x) => ({
        date: x.shift_date,
        minutes: Number(x.minutes),
        nightMinutes: Number(x.night_minutes),
        weekendMinutes: Number(x.weekend_minutes),
        holidayMinutes: holidayMinutesOf(x),
      })),
      unpaidLeaveWorkingDays: unpaid,
      holidays: monthHolidays,
      oneOffs: (oneOffsOf.get(id) ?? []).map((o) => ({ label: o.label, kind: o.kind, amount: Number(o.amount) })),
      rules,
      ytdBefore,
    });
    const lines = (list: readonly SlipLine[]): string => JSON.stringify(list.map((l) => ({ code: l.code, label: l.label, quantity: l.quantity, rate: l.rate, amount: l.amount, ytd: l.ytd })));
    slips.push(
      Object.assign(new SalarySlipEntity(), {
        runId: run.id,
        hospitalId: run.hospitalId,
        staffId: id,
        month,
        employeeNumber: s.employee_number,
        name: `${s.first_name} ${s.last_name}`.slice(0, 201),
        department: s.department,
        designation: s.staff_role,
        periodStart: from,
        periodEnd: to,
        workingDays: result.workingDays,
        paidDays: result.paidDays,
        earnings: lines(result.earnings),
        deductions: lines(result.deductions),
        employer: lines(result.employer),
        gross: result.gross,
        totalDeductions: result.totalDeductions,
        net: result.net,
        employerCost: result.employerCost,
        ytdGross: result.ytdGross,
        ytdNet: result.ytdNet,
        bankAccountMasked: maskAccount(s.bank_account),
      }),
    );
  }
  for (let i = 0; i < slips.length; i += 500) await insertRows(em, SalarySlipEntity, slips.slice(i, i + 500));
}

export async function startRun(ctx: CallContext, input: In<'payroll.startRun'>): Promise<PayrollRun> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  const [taken]: { status: string }[] = await ctx.em.query('SELECT status FROM payroll_runs WHERE hospital_id = ? AND month = ?', [input.hospitalId, input.month]);
  if (taken) throw conflict(`${h.name} already has a payroll run for ${input.month} (${taken.status}): open it instead.`);
  const now = ctx.now();
  const saved = await ctx.em.save(
    PayrollRunEntity,
    Object.assign(new PayrollRunEntity(), { hospitalId: input.hospitalId, month: input.month, status: 'draft', currency: h.currency, computedAt: now, finalizedAt: null, finalizedBy: null, paidOn: null, startedBy: ctx.user.userId, version: 1 }),
  );
  const run = await ctx.em.findOneByOrFail(PayrollRunEntity, { id: saved.id });
  await computeRun(ctx, run, h);
  const out = await readRun(ctx, run.id);
  ctx.audit({ entity: 'payroll_run', entityId: run.id, hospitalId: run.hospitalId, changes: { month: run.month, status: 'draft', slips: out.totals.count, net: out.totals.net } });
  return out;
}

/** The run locked FOR UPDATE, in the caller's scope, a draft at the version the caller saw. */
async function lockDraft(ctx: CallContext, runId: number, version: number): Promise<PayrollRunEntity> {
  const run = await requireHospitalOf(ctx, PayrollRunEntity, runId, 'The payroll run', { lock: true });
  if (run.status !== 'draft') throw conflict(`Payroll for ${run.month} is finalized: its slips never change. A correction is an adjustment in a later month.`);
  if (run.version !== version) throw conflict('The run was recomputed or finalized at another desk since you opened it; reload it.', { current: await readRun(ctx, run.id) });
  return run;
}

export async function recompute(ctx: CallContext, input: In<'payroll.recompute'>): Promise<PayrollRun> {
  const run = await lockDraft(ctx, input.runId, input.version);
  const h = await requireHospitalEntity(ctx, run.hospitalId);
  await computeRun(ctx, run, h);
  await ctx.em.query('UPDATE payroll_runs SET computed_at = ?, version = version + 1 WHERE id = ?', [ctx.now(), run.id]);
  const out = await readRun(ctx, run.id);
  ctx.audit({ entity: 'payroll_run', entityId: run.id, hospitalId: run.hospitalId, changes: { recomputed: run.month, slips: out.totals.count, net: out.totals.net } });
  return out;
}

/** CONFLICT when a one-off of the month was entered or removed after the draft was computed (its slips would miss it). */
async function refuseStaleOneOffs(ctx: CallContext, run: PayrollRunEntity): Promise<void> {
  const entered: { staff_id: number; kind: string; total: string | number }[] = await ctx.em.query(
    'SELECT staff_id, kind, SUM(amount) AS total FROM pay_one_offs WHERE hospital_id = ? AND month = ? GROUP BY staff_id, kind',
    [run.hospitalId, run.month],
  );
  const slips: { staff_id: number; earnings: string; deductions: string }[] = await ctx.em.query('SELECT staff_id, earnings, deductions FROM salary_slips WHERE run_id = ?', [run.id]);
  const sum = (lines: SlipLine[], prefix: string): number => lines.filter((l) => l.code.startsWith(prefix)).reduce((a, l) => a + l.amount, 0);
  // A one-off for someone without a slip this month (left, or no pay structure yet) would be silently unpaid.
  const slipless = entered.filter((e) => !slips.some((x) => Number(x.staff_id) === Number(e.staff_id)));
  if (slipless.length > 0) {
    const [who]: { name: string }[] = await ctx.em.query("SELECT CONCAT(first_name, ' ', last_name) AS name FROM staff WHERE id = ?", [slipless[0].staff_id]);
    throw conflict(`${who?.name ?? 'A staff member'} has one-off lines for ${run.month} but no slip in this run: remove them (or recompute after giving a pay structure).`);
  }
  for (const slip of slips) {
    const of = (kind: string): number => Number(entered.find((e) => Number(e.staff_id) === Number(slip.staff_id) && e.kind === kind)?.total ?? 0);
    if (sum(JSON.parse(slip.deductions) as SlipLine[], 'ONE_OFF:') !== of('deduction') || sum(JSON.parse(slip.earnings) as SlipLine[], 'ADJUSTMENT:') !== of('earning')) {
      throw conflict(`One-off lines for ${run.month} changed since the draft was computed: recompute it, review it, then finalize.`);
    }
  }
}

export async function finalize(ctx: CallContext, input: In<'payroll.finalize'>): Promise<PayrollRun> {
  const run = await lockDraft(ctx, input.runId, input.version);
  await refuseStaleOneOffs(ctx, run);
  await ctx.em.query("UPDATE payroll_runs SET status = 'finalized', finalized_at = ?, finalized_by = ?, paid_on = ?, version = version + 1 WHERE id = ?", [
    ctx.now(),
    ctx.user.userId,
    input.paidOn,
    run.id,
  ]);
  await storeSlipDocuments(ctx, run.id);
  const out = await readRun(ctx, run.id);
  ctx.audit({ entity: 'payroll_run', entityId: run.id, hospitalId: run.hospitalId, changes: { month: run.month, status: ['draft', 'finalized'], paidOn: input.paidOn, slips: out.totals.count, net: out.totals.net } });
  return out;
}
