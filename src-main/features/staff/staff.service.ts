// Staff records: hiring (with the doctor part for doctors), versioned edits, leave, termination into the archive.
import { AppError, conflict, invalid, notFound, takenKey, type FieldErrors, type TakenKeyName } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Page } from '@shared/contract/channel';
import type { StaffMember } from '@shared/contract/staff';
import { localDate } from '@shared/domain/dates';
import { checkPhone } from '@shared/domain/phone';
import type { StaffRole, StaffStatus } from '@shared/domain/scheduling';
import type { CallContext } from '../../platform/context';
import { hospitalCondition, requireHospitalOf } from '../../platform/scope';
import { requireHospitalEntity, type HospitalEntity } from '../hospitals';
import { DepartmentEntity } from './department.entity';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { nextInSequence, sequenceKey } from '../../db/sequences';
import { UserEntity } from '../users';
import { DoctorEntity, StaffEntity } from './staff.entity';
import { employeeNumber, staffNameMatch } from './rules';
import { nameKey, searchKey } from '../patients';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

interface StaffRow {
  id: number;
  hospital_id: number;
  employee_number: string;
  first_name: string;
  last_name: string;
  name_key: string;
  staff_role: StaffRole;
  department_id: number | null;
  department_name: string | null;
  phone: string | null;
  email: string | null;
  hire_date: string;
  contracted_hours: number;
  status: StaffStatus;
  terminated_on: string | null;
  termination_reason: string | null;
  user_id: number | null;
  version: number;
  specialization: string | null;
  licence_number: string | null;
  consultation_fee: number | string | null;
  default_slot_minutes: number | null;
  currency: string;
}

const STAFF_SELECT = `SELECT s.id, s.hospital_id, s.employee_number, s.first_name, s.last_name, s.name_key, s.staff_role, s.department_id,
       dep.name AS department_name, s.phone, s.email, s.hire_date, s.contracted_hours, s.status, s.terminated_on,
       s.termination_reason, s.user_id, s.version, d.specialization, d.licence_number, d.consultation_fee,
       d.default_slot_minutes, h.currency
  FROM staff s
  JOIN hospitals h ON h.id = s.hospital_id
  LEFT JOIN departments dep ON dep.id = s.department_id
  LEFT JOIN doctors d ON d.staff_id = s.id`;

function toStaff(r: StaffRow): StaffMember {
  return {
    id: Number(r.id),
    hospitalId: Number(r.hospital_id),
    employeeNumber: r.employee_number,
    firstName: r.first_name,
    lastName: r.last_name,
    staffRole: r.staff_role,
    departmentId: r.department_id === null ? null : Number(r.department_id),
    departmentName: r.department_name,
    phone: r.phone,
    email: r.email,
    hireDate: r.hire_date,
    contractedHours: Number(r.contracted_hours),
    status: r.status,
    terminatedOn: r.terminated_on,
    terminationReason: r.termination_reason,
    userId: r.user_id === null ? null : Number(r.user_id),
    doctor:
      r.specialization === null
        ? null
        : {
            specialization: r.specialization,
            licenceNumber: r.licence_number!,
            consultationFee: Number(r.consultation_fee),
            currency: r.currency,
            defaultSlotMinutes: Number(r.default_slot_minutes),
          },
    version: Number(r.version),
  };
}

export async function readStaffMember(ctx: CallContext, id: number): Promise<StaffMember> {
  const rows: StaffRow[] = await ctx.em.query(`${STAFF_SELECT} WHERE s.id = ?`, [id]);
  if (!rows[0]) throw notFound('The staff member');
  return toStaff(rows[0]);
}

export async function getStaffMember(ctx: CallContext, id: number): Promise<StaffMember> {
  const s = await readStaffMember(ctx, id);
  ctx.requireHospital(s.hospitalId);
  return s;
}

/**
 * Malformed fields first (VALIDATION); then values other records already hold, answered as their unique keys answer
 * (CONFLICT, each field with its key's sentence).
 */
function refuseInvalidOrTaken(errors: FieldErrors, taken: TakenKeyName[]): void {
  if (Object.keys(errors).length) throw invalid(errors);
  if (taken.length === 0) return;
  const refusals = taken.map((k) => takenKey(k));
  throw new AppError('CONFLICT', refusals.map((r) => r.message).join(' '), Object.assign({}, ...refusals.map((r) => r.fields)));
}

/** The rules that need the hospital: its departments, its country's phone numbers, its calendar. */
async function checkAgainstHospital(
  ctx: CallContext,
  h: HospitalEntity,
  input: { departmentId?: number | null; phone?: string | null; hireDate?: string; userId?: number | null },
  errors: FieldErrors,
  taken: TakenKeyName[],
): Promise<{ phone?: string | null }> {
  const out: { phone?: string | null } = {};
  if (input.departmentId) {
    const dep = await ctx.em.findOneBy(DepartmentEntity, { id: input.departmentId });
    if (!dep || dep.hospitalId !== h.id) errors.departmentId = `Not a department of ${h.name}.`;
    else if (!dep.active) errors.departmentId = `${dep.name} is no longer in use.`;
  }
  if (input.phone !== undefined) {
    if (input.phone === null) out.phone = null;
    else {
      const check = checkPhone(input.phone, h.country);
      if (check.ok) out.phone = check.e164;
      else errors.phone = check.message;
    }
  }
  if (input.hireDate !== undefined) {
    const today = localDate(ctx.now(), h.timeZone);
    const latest = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
    if (input.hireDate > latest) errors.hireDate = 'The hire date is more than a year ahead.';
    if (input.hireDate < '1940-01-01') errors.hireDate = 'The hire date is before 1940.';
  }
  if (input.userId) {
    if (!(await ctx.em.exists(UserEntity, { where: { id: input.userId } }))) errors.userId = 'No such user account.';
    else if (await ctx.em.exists(StaffEntity, { where: { userId: input.userId } })) taken.push('uq_staff_user');
  }
  return out;
}

/** Employee numbers the hospital did not give by hand: KLA-00042, from a counter per hospital. */
async function nextEmployeeNumber(ctx: CallContext, h: HospitalEntity): Promise<string> {
  for (;;) {
    const n = await nextInSequence(ctx.em, sequenceKey.employee(h.id));
    const candidate = employeeNumber(h.code, n);
    if (!(await ctx.em.exists(StaffEntity, { where: { hospitalId: h.id, employeeNumber: candidate } }))) return candidate;
  }
}

export async function createStaffMember(ctx: CallContext, input: In<'staff.create'>): Promise<StaffMember> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  const errors: FieldErrors = {};
  const taken: TakenKeyName[] = [];
  const checked = await checkAgainstHospital(ctx, h, input, errors, taken);
  if (input.staffRole === 'doctor' && !input.doctor) errors['doctor.specialization'] = 'A doctor needs a specialization, licence number and consultation fee.';
  if (input.staffRole !== 'doctor' && input.doctor) errors.staffRole = 'Only doctors have a specialization and licence.';
  if (input.doctor && (await ctx.em.exists(DoctorEntity, { where: { licenceNumber: input.doctor.licenceNumber } }))) taken.push('uq_doctors_licence');
  if (input.employeeNumber && (await ctx.em.exists(StaffEntity, { where: { hospitalId: h.id, employeeNumber: input.employeeNumber } }))) taken.push('uq_staff_employee_number');
  refuseInvalidOrTaken(errors, taken);

  const employeeNumber = input.employeeNumber ?? (await nextEmployeeNumber(ctx, h));
  const saved = await ctx.em.save(
    ctx.em.create(StaffEntity, {
      hospitalId: h.id,
      employeeNumber,
      firstName: input.firstName,
      lastName: input.lastName,
      nameKey: nameKey(input.firstName, input.lastName),
      staffRole: input.staffRole,
      departmentId: input.departmentId,
      phone: checked.phone ?? null,
      email: input.email,
      hireDate: input.hireDate,
      contractedHours: input.contractedHours,
      status: 'active',
      terminatedOn: null,
      terminationReason: null,
      userId: input.userId,
      version: 1,
    }),
  );
  if (input.doctor) await ctx.em.insert(DoctorEntity, { staffId: saved.id, ...input.doctor });
  ctx.audit({ action: 'staff.create', entity: 'staff', entityId: saved.id, hospitalId: h.id, changes: { ...input, employeeNumber } });
  return readStaffMember(ctx, saved.id);
}

async function lockStaff(ctx: CallContext, id: number, version: number): Promise<StaffEntity> {
  const s = await requireHospitalOf(ctx, StaffEntity, id, 'The staff member', { lock: true });
  if (s.version !== version) {
    throw new AppError(
      'CONFLICT',
      `${s.firstName} ${s.lastName} (${s.employeeNumber}) was changed at another desk since you opened the record. Nothing was saved: reload and apply your change again.`,
      undefined,
      { current: await readStaffMember(ctx, s.id) },
    );
  }
  return s;
}

export async function updateStaffMember(ctx: CallContext, input: In<'staff.update'>): Promise<StaffMember> {
  const s = await lockStaff(ctx, input.id, input.version);
  if (s.status === 'terminated') throw conflict(`${s.firstName} ${s.lastName} left on ${s.terminatedOn}: archived records are read-only.`);
  const h = await requireHospitalEntity(ctx, s.hospitalId);
  const doctor = await ctx.em.findOneBy(DoctorEntity, { staffId: s.id });
  const errors: FieldErrors = {};
  const taken: TakenKeyName[] = [];
  // Only what changes is checked again: an unchanged department that has since been retired stays.
  const checked = await checkAgainstHospital(
    ctx,
    h,
    {
      ...input,
      departmentId: input.departmentId !== undefined && input.departmentId !== s.departmentId ? input.departmentId : undefined,
      userId: input.userId && input.userId !== s.userId ? input.userId : undefined,
    },
    errors,
    taken,
  );
  const role = input.staffRole ?? s.staffRole;
  if (doctor && role !== 'doctor') errors.staffRole = 'A doctor stays a doctor: terminate this record and create a new one for another role.';
  const doctorFields = input.doctor ?? {};
  if (role === 'doctor' && !doctor && !(doctorFields.specialization && doctorFields.licenceNumber && doctorFields.consultationFee !== undefined)) {
    errors['doctor.specialization'] = 'A doctor needs a specialization, licence number and consultation fee.';
  }
  if (role !== 'doctor' && input.doctor) errors.staffRole = 'Only doctors have a specialization and licence.';
  if (doctorFields.licenceNumber && doctorFields.licenceNumber !== doctor?.licenceNumber) {
    if (await ctx.em.exists(DoctorEntity, { where: { licenceNumber: doctorFields.licenceNumber } })) taken.push('uq_doctors_licence');
  }
  if (input.employeeNumber && input.employeeNumber !== s.employeeNumber) {
    if (await ctx.em.exists(StaffEntity, { where: { hospitalId: h.id, employeeNumber: input.employeeNumber } })) taken.push('uq_staff_employee_number');
  }
  refuseInvalidOrTaken(errors, taken);

  const changes: Record<string, [unknown, unknown]> = {};
  const next: Partial<StaffEntity> = {
    employeeNumber: input.employeeNumber ?? undefined,
    firstName: input.firstName,
    lastName: input.lastName,
    staffRole: input.staffRole,
    departmentId: input.departmentId,
    phone: checked.phone,
    email: input.email,
    hireDate: input.hireDate,
    contractedHours: input.contractedHours,
    userId: input.userId,
    status: input.status,
  };
  for (const [k, v] of Object.entries(next) as [keyof StaffEntity, unknown][]) {
    if (v === undefined || s[k] === v) continue;
    changes[k] = [s[k], v];
    (s as unknown as Record<string, unknown>)[k] = v;
  }
  if (doctor) {
    for (const [k, v] of Object.entries(doctorFields) as [keyof DoctorEntity, unknown][]) {
      if (v === undefined || doctor[k] === v) continue;
      changes[`doctor.${k}`] = [doctor[k], v];
      (doctor as unknown as Record<string, unknown>)[k] = v;
    }
  }
  if (Object.keys(changes).length === 0) return readStaffMember(ctx, s.id);
  s.nameKey = nameKey(s.firstName, s.lastName);
  s.version += 1;
  await ctx.em.save(s);
  if (doctor) await ctx.em.save(doctor);
  else if (role === 'doctor') await ctx.em.insert(DoctorEntity, { staffId: s.id, defaultSlotMinutes: 15, ...doctorFields });
  ctx.audit({ action: 'staff.update', entity: 'staff', entityId: s.id, hospitalId: s.hospitalId, changes });
  return readStaffMember(ctx, s.id);
}

export async function terminateStaffMember(ctx: CallContext, input: In<'staff.terminate'>): Promise<StaffMember> {
  const s = await lockStaff(ctx, input.id, input.version);
  if (s.status === 'terminated') throw conflict(`${s.firstName} ${s.lastName} already left on ${s.terminatedOn}.`);
  if (input.terminatedOn < s.hireDate) throw invalid({ terminatedOn: `Before the hire date (${s.hireDate}).` });
  // A doctor's patients must not be left with appointments nobody will keep.
  const [pending]: { n: number | string; first: string | null }[] = await ctx.em.query(
    `SELECT COUNT(*) AS n, MIN(local_date) AS first FROM appointments WHERE doctor_id = ? AND status IN ('booked', 'checked_in') AND local_date >= ?`,
    [s.id, input.terminatedOn],
  );
  if (Number(pending.n) > 0) {
    throw conflict(
      `${s.firstName} ${s.lastName} still has ${pending.n} booked appointment${Number(pending.n) === 1 ? '' : 's'} from ${pending.first} on: move or cancel them before the termination.`,
      { bookedAppointments: Number(pending.n) },
    );
  }
  const before = s.status;
  s.status = 'terminated';
  s.terminatedOn = input.terminatedOn;
  s.terminationReason = input.reason;
  s.version += 1;
  await ctx.em.save(s);
  ctx.audit({
    action: 'staff.terminate',
    entity: 'staff',
    entityId: s.id,
    hospitalId: s.hospitalId,
    changes: { status: [before, 'terminated'], terminatedOn: input.terminatedOn, reason: input.reason },
  });
  return readStaffMember(ctx, s.id);
}

const VIEW_STATUSES: Record<In<'staff.list'>['view'], StaffStatus[]> = {
  current: ['active', 'on_leave'],
  active: ['active'],
  on_leave: ['on_leave'],
  archive: ['terminated'],
  all: ['active', 'on_leave', 'terminated'],
};

const BY_NAME: KeysetColumn<StaffRow>[] = [
  { column: 's.name_key', direction: 'ASC', kind: 'string', value: (r) => r.name_key },
  { column: 's.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];

export async function listStaff(ctx: CallContext, input: In<'staff.list'>): Promise<Page<StaffMember>> {
  const clauses: string[] = [];
  const args: unknown[] = [];
  const inScope = hospitalCondition(ctx, 's.hospital_id', input.hospitalId);
  if (inScope) {
    clauses.push(inScope.sql);
    args.push(...inScope.args);
  }
  const statuses = VIEW_STATUSES[input.view];
  clauses.push(`s.status IN (${statuses.map(() => '?').join(',')})`);
  args.push(...statuses);
  if (input.staffRole) {
    clauses.push('s.staff_role = ?');
    args.push(input.staffRole);
  }
  if (input.departmentId) {
    clauses.push('s.department_id = ?');
    args.push(input.departmentId);
  }
  const q = input.query.trim();
  if (q) {
    const match = staffNameMatch(q, searchKey, ['s.first_name', 's.employee_number', "CONCAT(s.first_name, ' ', s.last_name)"]);
    clauses.push(match.sql);
    args.push(...match.args);
  }
  const page = await keysetPage(ctx.em, { select: STAFF_SELECT, where: clauses, args }, { order: BY_NAME, cursor: input.cursor, limit: input.limit });
  return { items: page.items.map(toStaff), nextCursor: page.nextCursor };
}

