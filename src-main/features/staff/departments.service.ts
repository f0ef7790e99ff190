// Departments of a hospital: created, renamed and retired by administrators; listed for everyone.
import { conflict, notFound, takenKey } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Department } from '@shared/contract/staff';
import type { CallContext } from '../../platform/context';
import { hospitalCondition, requireHospitalOf } from '../../platform/scope';
import { requireHospitalEntity } from '../hospitals';
import { DepartmentEntity } from './department.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

interface DepartmentRow {
  id: number;
  hospital_id: number;
  name: string;
  active: number;
  doctors: number | string;
}

const toDepartment = (r: DepartmentRow): Department => ({
  id: Number(r.id),
  hospitalId: Number(r.hospital_id),
  name: r.name,
  active: !!r.active,
  doctorCount: Number(r.doctors),
});

async function readDepartments(ctx: CallContext, where: string, args: unknown[]): Promise<Department[]> {
  const rows: DepartmentRow[] = await ctx.em.query(
    `SELECT d.id, d.hospital_id, d.name, d.active,
            (SELECT COUNT(*) FROM staff s WHERE s.department_id = d.id AND s.staff_role = 'doctor' AND s.status <> 'terminated') AS doctors
       FROM departments d WHERE ${where} ORDER BY d.hospital_id, d.name`,
    args,
  );
  return rows.map(toDepartment);
}

export async function requireDepartment(ctx: CallContext, id: number): Promise<DepartmentEntity> {
  const d = await ctx.em.findOneBy(DepartmentEntity, { id });
  if (!d) throw notFound('The department');
  return d;
}

export async function createDepartment(ctx: CallContext, input: In<'departments.create'>): Promise<Department> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  if (await ctx.em.exists(DepartmentEntity, { where: { hospitalId: h.id, name: input.name } })) {
    throw takenKey('uq_departments_name');
  }
  const saved = await ctx.em.save(ctx.em.create(DepartmentEntity, { hospitalId: h.id, name: input.name, active: true }));
  ctx.audit({ action: 'department.create', entity: 'department', entityId: saved.id, hospitalId: h.id, changes: { name: input.name } });
  return (await readDepartments(ctx, 'd.id = ?', [saved.id]))[0];
}

export async function updateDepartment(ctx: CallContext, input: In<'departments.update'>): Promise<Department> {
  const d = await requireHospitalOf(ctx, DepartmentEntity, input.id, 'The department', { lock: true });
  const changes: Record<string, [unknown, unknown]> = {};
  if (input.name !== undefined && input.name !== d.name) {
    if (await ctx.em.exists(DepartmentEntity, { where: { hospitalId: d.hospitalId, name: input.name } })) {
      throw takenKey('uq_departments_name');
    }
    changes.name = [d.name, input.name];
    d.name = input.name;
  }
  if (input.active === false && d.active) {
    const [n]: { doctors: number | string }[] = await ctx.em.query(
      "SELECT COUNT(*) AS doctors FROM staff WHERE department_id = ? AND staff_role = 'doctor' AND status <> 'terminated'",
      [d.id],
    );
    if (Number(n.doctors) > 0) {
      throw conflict(`${Number(n.doctors)} doctor${Number(n.doctors) === 1 ? ' still belongs' : 's still belong'} to ${d.name}: move them to another department before retiring it.`);
    }
  }
  if (input.active !== undefined && input.active !== d.active) {
    changes.active = [d.active, input.active];
    d.active = input.active;
  }
  if (Object.keys(changes).length) {
    await ctx.em.save(d);
    ctx.audit({ action: 'department.update', entity: 'department', entityId: d.id, hospitalId: d.hospitalId, changes });
  }
  return (await readDepartments(ctx, 'd.id = ?', [d.id]))[0];
}

export async function listDepartments(ctx: CallContext, input: In<'departments.list'>): Promise<Department[]> {
  const clauses: string[] = [];
  const args: unknown[] = [];
  const inScope = hospitalCondition(ctx, 'd.hospital_id', input.hospitalId);
  if (inScope) {
    clauses.push(inScope.sql);
    args.push(...inScope.args);
  }
  if (!input.includeInactive) clauses.push('d.active = 1');
  return readDepartments(ctx, clauses.join(' AND ') || '1 = 1', args);
}
