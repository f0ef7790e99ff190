// Each staff member's pay structure with its history (a structure from a date on) and bank details, shown masked.
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Differential, PayStructure, StaffPay } from '@shared/contract/payroll';
import { conflict, invalid } from '@shared/errors';
import { localDate } from '@shared/domain/dates';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { requireHospitalEntity } from '../hospitals';
import { StaffEntity } from '../staff';
import { PayStructureEntity, StaffBankDetailsEntity } from './payroll.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

/** Only the last four characters of an account number: "•••• 4821". */
export function maskAccount(account: string | null): string | null {
  if (!account) return null;
  const plain = account.replace(/\s+/g, '');
  return `•••• ${plain.slice(-4)}`;
}

interface Differentials {
  night: Differential;
  weekend: Differential;
  holiday: Differential;
  overtime: Differential;
}

export function structureOf(row: PayStructureEntity, currency: string, createdByName: string | null = null): PayStructure {
  const d = JSON.parse(row.differentials) as Differentials;
  return {
    id: row.id,
    staffId: row.staffId,
    hospitalId: row.hospitalId,
    validFrom: row.validFrom,
    basis: row.basis,
    monthlyBase: row.monthlyBase === null ? null : Number(row.monthlyBase),
    hourlyRate: row.hourlyRate === null ? null : Number(row.hourlyRate),
    employmentPercent: row.employmentPercent,
    allowances: JSON.parse(row.allowances) as { name: string; monthly: number }[],
    night: d.night,
    weekend: d.weekend,
    holiday: d.holiday,
    overtime: d.overtime,
    currency,
    createdAt: row.createdAt.toISOString(),
    createdByName,
  };
}

/** The person's pay is fixed for months with a finalized slip: a structure may start only after the last of them. */
async function refuseFinalizedFrom(ctx: CallContext, staffId: number, date: string): Promise<void> {
  const [slip]: { month: string }[] = await ctx.em.query(
    "SELECT s.month FROM salary_slips s JOIN payroll_runs r ON r.id = s.run_id WHERE s.staff_id = ? AND s.month >= ? AND r.status = 'finalized' ORDER BY s.month DESC LIMIT 1",
    [staffId, date.slice(0, 7)],
  );
  if (slip) throw conflict(`Payroll for ${slip.month} is finalized: a structure can start only after it. A correction goes into a later month as an adjustment.`);
}

export async function readStaffPay(ctx: CallContext, staff: StaffEntity): Promise<StaffPay> {
  const h = await requireHospitalEntity(ctx, staff.hospitalId);
  const rows: (PayStructureEntity & { createdByName?: string | null })[] = await ctx.em.find(PayStructureEntity, { where: { staffId: staff.id }, order: { validFrom: 'DESC' } });
  const names: { id: number; full_name: string }[] = rows.length
    ? await ctx.em.query(`SELECT id, full_name FROM users WHERE id IN (${rows.map(() => '?').join(',')})`, rows.map((r) => r.createdBy ?? 0))
    : [];
  const byId = new Map(names.map((n) => [Number(n.id), n.full_name]));
  const history = rows.map((r) => structureOf(r, h.currency, r.createdBy === null ? null : (byId.get(r.createdBy) ?? null)));
  const today = localDate(ctx.now(), h.timeZone);
  const bank = await ctx.em.findOneBy(StaffBankDetailsEntity, { staffId: staff.id });
  return {
    staffId: staff.id,
    staffName: `${staff.firstName} ${staff.lastName}`,
    employeeNumber: staff.employeeNumber,
    hospitalId: staff.hospitalId,
    currency: h.currency,
    history,
    current: history.find((s) => s.validFrom <= today) ?? null,
    bankName: bank?.bankName ?? null,
    bankAccountMasked: maskAccount(bank?.bankAccount ?? null),
  };
}

export async function getStructure(ctx: CallContext, staffId: number): Promise<StaffPay> {
  const staff = await requireHospitalOf(ctx, StaffEntity, staffId, 'The staff member');
  return readStaffPay(ctx, staff);
}

export async function setStructure(ctx: CallContext, input: In<'payroll.setStructure'>): Promise<StaffPay> {
  const staff = await requireHospitalOf(ctx, StaffEntity, input.staffId, 'The staff member', { lock: true });
  if (staff.terminatedOn != null && input.validFrom > staff.terminatedOn) throw invalid({ validFrom: `Employment ended on ${staff.terminatedOn}: a structure must start by then.` });
  await refuseFinalizedFrom(ctx, staff.id, input.validFrom);
  const fields = {
    basis: input.basis,
    monthlyBase: input.basis === 'salaried' ? input.monthlyBase : null,
    hourlyRate: input.basis === 'hourly' ? input.hourlyRate : null,
    employmentPercent: input.employmentPercent,
    allowances: JSON.stringify(input.allowances),
    differentials: JSON.stringify({ night: input.night, weekend: input.weekend, holiday: input.holiday, overtime: input.overtime }),
  };
  const same = await ctx.em.findOneBy(PayStructureEntity, { staffId: staff.id, validFrom: input.validFrom });
  let id: number;
  if (same) {
    await ctx.em.update(PayStructureEntity, { id: same.id }, { ...fields, createdBy: ctx.user.userId });
    id = same.id;
  } else {
    const saved = await ctx.em.save(PayStructureEntity, Object.assign(new PayStructureEntity(), { ...fields, hospitalId: staff.hospitalId, staffId: staff.id, validFrom: input.validFrom, createdBy: ctx.user.userId }));
    id = saved.id;
  }
  const changes: Record<string, unknown> = { staffId: staff.id, validFrom: input.validFrom, basis: input.basis, monthlyBase: fields.monthlyBase, hourlyRate: fields.hourlyRate, employmentPercent: input.employmentPercent };
  if (input.bankName !== undefined || input.bankAccount !== undefined) {
    const bank = await ctx.em.findOneBy(StaffBankDetailsEntity, { staffId: staff.id });
    const bankName = input.bankName !== undefined ? input.bankName : (bank?.bankName ?? null);
    const bankAccount = input.bankAccount !== undefined ? input.bankAccount : (bank?.bankAccount ?? null);
    await ctx.em.query('INSERT INTO staff_bank_details (staff_id, bank_name, bank_account) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE bank_name = VALUES(bank_name), bank_account = VALUES(bank_account)', [
      staff.id,
      bankName,
      bankAccount,
    ]);
    changes.bankAccount = maskAccount(bankAccount);
  }
  ctx.audit({ entity: 'pay_structure', entityId: id, hospitalId: staff.hospitalId, changes });
  return readStaffPay(ctx, staff);
}
