// Shift types, the hospital's working-time rules and the departments' coverage rules: how a rota is set up.
import { invalid, notFound, takenKey } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { CoverageRule, RotaRules, ShiftType } from '@shared/contract/shifts';
import { clockMinutes, clockText } from '@shared/domain/scheduling';
import { DEFAULT_MAX_WEEK_MINUTES, DEFAULT_MIN_REST_MINUTES } from '@shared/domain/shifts';
import type { CallContext } from '../../platform/context';
import { upsert } from '../../db/upsert';
import { requireHospitalEntity } from '../hospitals';
import { CoverageRuleEntity, RotaRulesEntity, ShiftTypeEntity } from './shift.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

export const toType = (t: ShiftTypeEntity): ShiftType => ({
  id: t.id,
  hospitalId: t.hospitalId,
  name: t.name,
  code: t.code,
  start: clockText(t.startMinute),
  end: clockText(t.endMinute),
  crossesMidnight: t.endMinute <= t.startMinute,
  payMultiplierBp: t.payMultiplierBp,
  active: !!t.active,
});

export async function createShiftType(ctx: CallContext, input: In<'shifts.createType'>): Promise<ShiftType> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  if (await ctx.em.exists(ShiftTypeEntity, { where: { hospitalId: h.id, name: input.name } })) throw takenKey('uq_shift_types_name');
  if (await ctx.em.exists(ShiftTypeEntity, { where: { hospitalId: h.id, code: input.code.toUpperCase() } })) throw takenKey('uq_shift_types_code');
  const saved = await ctx.em.save(
    ctx.em.create(ShiftTypeEntity, {
      hospitalId: h.id,
      name: input.name,
      code: input.code.toUpperCase(),
      startMinute: clockMinutes(input.start)! % 1440,
      endMinute: clockMinutes(input.end)! === 1440 ? 0 : clockMinutes(input.end)!,
      payMultiplierBp: input.payMultiplierBp,
      active: true,
    }),
  );
  ctx.audit({ action: 'shift_type.create', entity: 'shift_type', entityId: saved.id, hospitalId: h.id, changes: { ...input } });
  return toType(saved);
}

export async function listShiftTypes(ctx: CallContext, input: In<'shifts.listTypes'>): Promise<ShiftType[]> {
  ctx.requireHospital(input.hospitalId);
  const rows = await ctx.em.find(ShiftTypeEntity, { where: input.includeInactive ? { hospitalId: input.hospitalId } : { hospitalId: input.hospitalId, active: true }, order: { startMinute: 'ASC' } });
  return rows.map(toType);
}

export async function rotaRules(ctx: CallContext, hospitalId: number): Promise<RotaRules> {
  const r = await ctx.em.findOneBy(RotaRulesEntity, { hospitalId });
  return { hospitalId, minRestMinutes: r?.minRestMinutes ?? DEFAULT_MIN_REST_MINUTES, maxWeekMinutes: r?.maxWeekMinutes ?? DEFAULT_MAX_WEEK_MINUTES };
}

export async function getRules(ctx: CallContext, hospitalId: number): Promise<RotaRules> {
  ctx.requireHospital(hospitalId);
  return rotaRules(ctx, hospitalId);
}

export async function setRules(ctx: CallContext, input: In<'shifts.setRules'>): Promise<RotaRules> {
  ctx.requireHospital(input.hospitalId);
  await requireHospitalEntity(ctx, input.hospitalId);
  const before = await rotaRules(ctx, input.hospitalId);
  await upsert(ctx.em, RotaRulesEntity, { hospitalId: input.hospitalId, minRestMinutes: input.minRestMinutes, maxWeekMinutes: input.maxWeekMinutes }, ['hospitalId']);
  ctx.audit({ action: 'rota_rules.set', entity: 'rota_rules', entityId: input.hospitalId, hospitalId: input.hospitalId, changes: { before, after: input } });
  return rotaRules(ctx, input.hospitalId);
}

export async function requireDepartment(ctx: CallContext, id: number): Promise<{ id: number; hospitalId: number; name: string; timeZone: string }> {
  const [d]: { id: number; hospital_id: number; name: string; time_zone: string }[] = await ctx.em.query(
    'SELECT d.id, d.hospital_id, d.name, h.time_zone FROM departments d JOIN hospitals h ON h.id = d.hospital_id WHERE d.id = ?',
    [id],
  );
  if (!d) throw notFound('The department');
  ctx.requireHospital(Number(d.hospital_id));
  return { id: Number(d.id), hospitalId: Number(d.hospital_id), name: d.name, timeZone: d.time_zone };
}

export async function requireShiftType(ctx: CallContext, id: number, hospitalId: number): Promise<ShiftTypeEntity> {
  const t = await ctx.em.findOneBy(ShiftTypeEntity, { id });
  if (!t || t.hospitalId !== hospitalId) throw invalid({ shiftTypeId: 'Not a shift of this hospital.' });
  return t;
}

export async function setCoverage(ctx: CallContext, input: In<'shifts.setCoverage'>): Promise<CoverageRule[]> {
  const dep = await requireDepartment(ctx, input.departmentId);
  await requireShiftType(ctx, input.shiftTypeId, dep.hospitalId);
  if (input.minHeadcount === 0) {
    await ctx.em.delete(CoverageRuleEntity, { departmentId: dep.id, shiftTypeId: input.shiftTypeId, staffRole: input.staffRole });
  } else {
    await upsert(
      ctx.em,
      CoverageRuleEntity,
      { departmentId: dep.id, shiftTypeId: input.shiftTypeId, staffRole: input.staffRole, minHeadcount: input.minHeadcount },
      ['departmentId', 'shiftTypeId', 'staffRole'],
    );
  }
  ctx.audit({ action: 'coverage.set', entity: 'coverage_rule', entityId: dep.id, hospitalId: dep.hospitalId, changes: { ...input } });
  return coverageRules(ctx, dep.id);
}

export async function coverageRules(ctx: CallContext, departmentId: number): Promise<CoverageRule[]> {
  const rows = await ctx.em.find(CoverageRuleEntity, { where: { departmentId }, order: { shiftTypeId: 'ASC', staffRole: 'ASC' } });
  return rows.map((r) => ({ id: r.id, departmentId: r.departmentId, shiftTypeId: r.shiftTypeId, staffRole: r.staffRole, minHeadcount: r.minHeadcount }));
}
