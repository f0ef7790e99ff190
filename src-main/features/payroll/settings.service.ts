// A hospital's payroll settings: deduction rules (income-tax bands, pension, health insurance), public holidays per
// year, and one-off deductions entered for a month.
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import { DeductionRulesFields, type DeductionRules, type Holiday, type OneOffDeduction } from '@shared/contract/payroll';
import { monthBounds } from '@shared/domain/payroll';
import { conflict, invalid, notFound } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { requireHospitalEntity } from '../hospitals';
import { StaffEntity } from '../staff';
import { PayOneOffEntity, PayrollSettingsEntity } from './payroll.entity';
import { markLocked } from '../../db/locks';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

/** A hospital without rules set: no tax, no pension, no health insurance. */
const NO_RULES = DeductionRulesFields.parse({ tax: { bands: [] } });

export async function deductionRulesOf(ctx: CallContext, hospitalId: number): Promise<DeductionRules> {
  const h = await requireHospitalEntity(ctx, hospitalId);
  const row = await ctx.em.findOneBy(PayrollSettingsEntity, { hospitalId });
  const rules = row ? DeductionRulesFields.parse(JSON.parse(row.rules)) : NO_RULES;
  return { ...rules, hospitalId, currency: h.currency };
}

export async function getDeductionRules(ctx: CallContext, hospitalId: number): Promise<DeductionRules> {
  ctx.requireHospital(hospitalId);
  return deductionRulesOf(ctx, hospitalId);
}

export async function setDeductionRules(ctx: CallContext, input: In<'payroll.setDeductionRules'>): Promise<DeductionRules> {
  ctx.requireHospital(input.hospitalId);
  await requireHospitalEntity(ctx, input.hospitalId);
  const { hospitalId, ...fields } = input;
  const rules = JSON.stringify(fields);
  await ctx.em.query('INSERT INTO payroll_settings (hospital_id, rules) VALUES (?, ?) ON DUPLICATE KEY UPDATE rules = VALUES(rules)', [hospitalId, rules]);
  ctx.audit({ entity: 'payroll_settings', entityId: hospitalId, hospitalId, changes: fields as unknown as Record<string, unknown> });
  return deductionRulesOf(ctx, hospitalId);
}

/** The hospital's public holidays between two dates (inclusive). */
export async function holidaysBetween(ctx: CallContext, hospitalId: number, from: string, to: string): Promise<Holiday[]> {
  const rows: { holiday_date: string; name: string }[] = await ctx.em.query(
    'SELECT holiday_date, name FROM payroll_holidays WHERE hospital_id = ? AND holiday_date BETWEEN ? AND ? ORDER BY holiday_date',
    [hospitalId, from, to],
  );
  return rows.map((r) => ({ date: r.holiday_date, name: r.name }));
}

export async function listHolidays(ctx: CallContext, input: In<'payroll.holidays'>): Promise<Holiday[]> {
  ctx.requireHospital(input.hospitalId);
  return holidaysBetween(ctx, input.hospitalId, `${input.year}-01-01`, `${input.year}-12-31`);
}

export async function setHolidays(ctx: CallContext, input: In<'payroll.setHolidays'>): Promise<Holiday[]> {
  ctx.requireHospital(input.hospitalId);
  await requireHospitalEntity(ctx, input.hospitalId);
  const [fin]: { month: string }[] = await ctx.em.query("SELECT month FROM payroll_runs WHERE hospital_id = ? AND status = 'finalized' AND month LIKE ? ORDER BY month DESC LIMIT 1", [
    input.hospitalId,
    `${input.year}-%`,
  ]);
  const before = await holidaysBetween(ctx, input.hospitalId, `${input.year}-01-01`, `${input.year}-12-31`);
  if (fin) {
    // Months already paid keep their holidays: only days after the last finalized month may change.
    const key = (l: Holiday[]) => JSON.stringify(l.filter((h) => h.date.slice(0, 7) <= fin.month).map((h) => [h.date, h.name]));
    const sorted = [...input.holidays].sort((a, b) => (a.date < b.date ? -1 : 1));
    if (key(before) !== key(sorted)) throw conflict(`Payroll for ${fin.month} is finalized: holidays up to that month can no longer change.`);
  }
  await ctx.em.query('DELETE FROM payroll_holidays WHERE hospital_id = ? AND holiday_date BETWEEN ? AND ?', [input.hospitalId, `${input.year}-01-01`, `${input.year}-12-31`]);
  if (input.holidays.length) {
    await ctx.em.query(
      `INSERT INTO payroll_holidays (hospital_id, holiday_date, name) VALUES ${input.holidays.map(() => '(?, ?, ?)').join(', ')}`,
      input.holidays.flatMap((h) => [input.hospitalId, h.date, h.name]),
    );
  }
  ctx.audit({ entity: 'payroll_settings', entityId: input.hospitalId, hospitalId: input.hospitalId, changes: { year: input.year, holidays: input.holidays.map((h) => `${h.date} ${h.name}`) } });
  return holidaysBetween(ctx, input.hospitalId, `${input.year}-01-01`, `${input.year}-12-31`);
}

const oneOffOf = (r: PayOneOffEntity): OneOffDeduction => ({
  id: r.id,
  staffId: r.staffId,
  month: r.month,
  label: r.label,
  kind: r.kind,
  amount: Number(r.amount),
  correctsMonth: r.correctsMonth,
  createdAt: r.createdAt.toISOString(),
});

/** CONFLICT when the hospital's run of the month is finalized. */
export async function refuseFinalizedMonth(ctx: CallContext, hospitalId: number, month: string): Promise<void> {
  const [run]: { id: number | string; status: string }[] = await ctx.em.query('SELECT id, status FROM payroll_runs WHERE hospital_id = ? AND month = ? FOR UPDATE', [hospitalId, month]);
  // The lock-as-write rule (db/locks.ts): finalizing writes the run, so this write makes the two conflict on a Galera cluster too.
  if (run) await markLocked(ctx.em, 'payroll_runs', [run.id]);
  if (run?.status === 'finalized') throw conflict(`Payroll for ${month} is finalized: its slips never change. Enter the deduction for a later month.`);
}

export async function addOneOff(ctx: CallContext, input: In<'payroll.addOneOff'>): Promise<OneOffDeduction> {
  const staff = await requireHospitalOf(ctx, StaffEntity, input.staffId, 'The staff member');
  await refuseFinalizedMonth(ctx, staff.hospitalId, input.month);
  // Only someone paid that month has a slip to carry the line.
  const { start, end } = monthBounds(input.month);
  if (staff.hireDate > end) throw invalid({ month: `${staff.firstName} ${staff.lastName} joins on ${staff.hireDate}: there is no ${input.month} slip to carry this line.` });
  if (staff.terminatedOn && staff.terminatedOn < start) throw invalid({ month: `${staff.firstName} ${staff.lastName} left on ${staff.terminatedOn}: there is no ${input.month} slip to carry this line.` });
  const [structure]: { id: number }[] = await ctx.em.query('SELECT id FROM pay_structures WHERE staff_id = ? AND valid_from <= ? LIMIT 1', [staff.id, end]);
  if (!structure) throw invalid({ staffId: `${staff.firstName} ${staff.lastName} has no pay structure for ${input.month}: set one first.` });
  // A correction names a finalized month of this hospital before the slip's month (the contract checks the order).
  if (input.correctsMonth != null) {
    if (input.correctsMonth >= input.month) throw invalid({ correctsMonth: 'Must be a month before this one.' });
    const [corrected]: { status: string }[] = await ctx.em.query('SELECT status FROM payroll_runs WHERE hospital_id = ? AND month = ?', [staff.hospitalId, input.correctsMonth]);
    if (corrected?.status !== 'finalized') throw invalid({ correctsMonth: `Payroll for ${input.correctsMonth} is not finalized: correct that month's inputs and recompute it instead.` });
  }
  const saved = await ctx.em.save(
    PayOneOffEntity,
    Object.assign(new PayOneOffEntity(), {
      hospitalId: staff.hospitalId,
      staffId: staff.id,
      month: input.month,
      label: input.label,
      kind: input.kind,
      amount: input.amount,
      correctsMonth: input.correctsMonth,
      createdBy: ctx.user.userId,
    }),
  );
  const row = await ctx.em.findOneByOrFail(PayOneOffEntity, { id: saved.id });
  ctx.audit({
    entity: 'pay_adjustment',
    entityId: row.id,
    hospitalId: staff.hospitalId,
    changes: { staffId: staff.id, month: input.month, label: input.label, kind: input.kind, amount: input.amount, correctsMonth: input.correctsMonth },
  });
  return oneOffOf(row);
}

export async function removeOneOff(ctx: CallContext, id: number): Promise<{ removed: true }> {
  const row = await requireHospitalOf(ctx, PayOneOffEntity, id, 'The deduction', { lock: true });
  await refuseFinalizedMonth(ctx, row.hospitalId, row.month);
  const full = await ctx.em.findOneBy(PayOneOffEntity, { id });
  if (!full) throw notFound('The deduction');
  await ctx.em.delete(PayOneOffEntity, { id });
  ctx.audit({ entity: 'pay_adjustment', entityId: id, hospitalId: row.hospitalId, changes: { removed: { staffId: full.staffId, month: full.month, label: full.label, kind: full.kind, amount: Number(full.amount), correctsMonth: full.correctsMonth } } });
  return { removed: true };
}

export async function listOneOffs(ctx: CallContext, input: In<'payroll.oneOffs'>): Promise<OneOffDeduction[]> {
  ctx.requireHospital(input.hospitalId);
  const rows = await ctx.em.find(PayOneOffEntity, { where: { hospitalId: input.hospitalId, month: input.month }, order: { id: 'ASC' } });
  return rows.map(oneOffOf);
}
