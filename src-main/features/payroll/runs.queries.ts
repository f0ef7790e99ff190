// Reading runs and slips: a run with its slip list, totals and totals by department; one slip in full; the caller's own.
import type { Contract, Output } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { PayrollRun, RunStatus, SalarySlip, SlipLine, SlipSummary } from '@shared/contract/payroll';
import { amountInWords } from '@shared/domain/payroll';
import { forbidden, notFound } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { hospitalCondition, requireHospitalOf } from '../../platform/scope';
import { PayrollRunEntity, SalarySlipEntity } from './payroll.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

const summaryOf = (s: SalarySlipEntity): SlipSummary => ({
  id: Number(s.id),
  staffId: s.staffId,
  employeeNumber: s.employeeNumber,
  name: s.name,
  department: s.department,
  gross: Number(s.gross),
  totalDeductions: Number(s.totalDeductions),
  net: Number(s.net),
  employerCost: Number(s.employerCost),
});

export async function readRun(ctx: CallContext, runId: number): Promise<PayrollRun> {
  const run = await ctx.em.findOneBy(PayrollRunEntity, { id: runId });
  if (!run) throw notFound('The payroll run');
  const rows = await ctx.em
    .createQueryBuilder(SalarySlipEntity, 's')
    .select(['s.id', 's.staffId', 's.employeeNumber', 's.name', 's.department', 's.gross', 's.totalDeductions', 's.net', 's.employerCost'])
    .where('s.runId = :runId', { runId })
    .orderBy('s.department')
    .addOrderBy('s.name')
    .addOrderBy('s.id')
    .getMany();
  const slips = rows.map(summaryOf);
  const totals = { count: slips.length, gross: 0, deductions: 0, net: 0, employerCost: 0 };
  const byDept = new Map<string | null, PayrollRun['byDepartment'][number]>();
  for (const s of slips) {
    totals.gross += s.gross;
    totals.deductions += s.totalDeductions;
    totals.net += s.net;
    totals.employerCost += s.employerCost;
    const d = byDept.get(s.department) ?? { department: s.department, count: 0, gross: 0, net: 0, employerCost: 0 };
    d.count++;
    d.gross += s.gross;
    d.net += s.net;
    d.employerCost += s.employerCost;
    byDept.set(s.department, d);
  }
  return {
    id: run.id,
    hospitalId: run.hospitalId,
    month: run.month,
    status: run.status,
    currency: run.currency,
    slips,
    totals,
    byDepartment: [...byDept.values()],
    computedAt: run.computedAt.toISOString(),
    finalizedAt: run.finalizedAt?.toISOString() ?? null,
    paidOn: run.paidOn,
    version: run.version,
  };
}

export async function getRun(ctx: CallContext, runId: number): Promise<PayrollRun> {
  await requireHospitalOf(ctx, PayrollRunEntity, runId, 'The payroll run');
  return readRun(ctx, runId);
}

export async function listRuns(ctx: CallContext, input: In<'payroll.runs'>): Promise<Output<'payroll.runs'>> {
  const cond = hospitalCondition(ctx, 'r.hospital_id', input.hospitalId)!;
  const rows: { id: number; month: string; status: RunStatus; currency: string; paid_on: string | null; count: number | string; net: number | string | null }[] = await ctx.em.query(
    `SELECT r.id, r.month, r.status, r.currency, r.paid_on, COUNT(s.id) AS count, SUM(s.net) AS net
       FROM payroll_runs r LEFT JOIN salary_slips s ON s.run_id = r.id
      WHERE ${cond.sql} ${input.year ? 'AND r.month LIKE ?' : ''}
      GROUP BY r.id ORDER BY r.month DESC`,
    input.year ? [...cond.args, `${input.year}-%`] : cond.args,
  );
  return rows.map((r) => ({ id: Number(r.id), month: r.month, status: r.status, count: Number(r.count), net: Number(r.net ?? 0), currency: r.currency, paidOn: r.paid_on }));
}

/** One slip in full, with its run's status and the stored PDF's hash; no scope check (callers check it). */
export async function readSlip(ctx: CallContext, slipId: number): Promise<SalarySlip> {
  const s = await ctx.em.findOneBy(SalarySlipEntity, { id: slipId });
  if (!s) throw notFound('The salary slip');
  const run = await ctx.em.findOneByOrFail(PayrollRunEntity, { id: s.runId });
  const [doc]: { sha256: string }[] = await ctx.em.query('SELECT sha256 FROM salary_slip_documents WHERE slip_id = ?', [slipId]);
  return {
    ...summaryOf(s),
    runId: s.runId,
    hospitalId: s.hospitalId,
    month: s.month,
    status: run.status,
    currency: run.currency,
    designation: s.designation,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    workingDays: s.workingDays,
    paidDays: Number(s.paidDays),
    earnings: JSON.parse(s.earnings) as SlipLine[],
    deductions: JSON.parse(s.deductions) as SlipLine[],
    employer: JSON.parse(s.employer) as SlipLine[],
    netInWords: amountInWords(Number(s.net), run.currency),
    ytdGross: Number(s.ytdGross),
    ytdNet: Number(s.ytdNet),
    bankAccountMasked: s.bankAccountMasked,
    paidOn: run.paidOn,
    sha256: doc?.sha256 ?? null,
  };
}

export async function getSlip(ctx: CallContext, slipId: number): Promise<SalarySlip> {
  await requireHospitalOf(ctx, SalarySlipEntity, slipId, 'The salary slip');
  return readSlip(ctx, slipId);
}

/** The caller's staff records' ids (a person may be on the staff list of one hospital per record). */
async function myStaffIds(ctx: CallContext): Promise<number[]> {
  const rows: { id: number }[] = await ctx.em.query('SELECT id FROM staff WHERE user_id = ?', [ctx.user.userId]);
  return rows.map((r) => Number(r.id));
}

export async function mySlips(ctx: CallContext): Promise<SalarySlip[]> {
  const ids = await myStaffIds(ctx);
  if (ids.length === 0) return [];
  const rows: { id: number }[] = await ctx.em.query(
    `SELECT s.id FROM salary_slips s JOIN payroll_runs r ON r.id = s.run_id
      WHERE s.staff_id IN (${ids.map(() => '?').join(',')}) AND r.status = 'finalized' ORDER BY s.month DESC, s.id DESC`,
    ids,
  );
  const out: SalarySlip[] = [];
  for (const r of rows) out.push(await readSlip(ctx, Number(r.id)));
  return out;
}

/** FORBIDDEN unless the slip is a finalized slip of the caller's own. */
export async function requireMySlip(ctx: CallContext, slipId: number): Promise<SalarySlip> {
  const ids = await myStaffIds(ctx);
  const s = await ctx.em.findOneBy(SalarySlipEntity, { id: slipId });
  if (!s) throw notFound('The salary slip');
  if (!ids.includes(s.staffId)) throw forbidden('That is not your salary slip.');
  const slip = await readSlip(ctx, slipId);
  if (slip.status !== 'finalized') throw forbidden('That slip is not final yet.');
  return slip;
}
