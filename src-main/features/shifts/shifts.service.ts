// Shift types, rules and coverage; assigning, moving and copying shifts under the person's row lock, each checked
// against the working-time rules; leave; the week rota of a department; a person's own shifts.
import { conflict, invalid, notFound, takenKey } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { CoverageCell, CoverageRule, LeaveRecord, Rota, RotaRules, ShiftAssignment, ShiftType } from '@shared/contract/shifts';
import { addDays, localDate, weekStartOf } from '@shared/domain/dates';
import { readableDate } from '@shared/domain/format';
import { clockMinutes, clockText, type StaffRole, type StaffStatus } from '@shared/domain/scheduling';
import { DEFAULT_MAX_WEEK_MINUTES, DEFAULT_MIN_REST_MINUTES, type LeaveKind } from '@shared/domain/shifts';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { lockRow, lockRows } from '../../db/locks';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { upsert } from '../../db/upsert';
import { insertRows } from '../../db/writer';
import { hospitalZones } from '../../platform/zones';
import { requireHospitalEntity } from '../hospitals';
import { readStaffMember, StaffEntity } from '../staff';
import { refusal, shiftTimes, type Leave, type Person, type PlannedShift } from './shift-rules';
import { CoverageRuleEntity, RotaRulesEntity, ShiftAssignmentEntity, ShiftTypeEntity, StaffLeaveEntity } from './shift.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

const toType = (t: ShiftTypeEntity): ShiftType => ({
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

// ---- types, rules, coverage ----

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

async function requireDepartment(ctx: CallContext, id: number): Promise<{ id: number; hospitalId: number; name: string; timeZone: string }> {
  const [d]: { id: number; hospital_id: number; name: string; time_zone: string }[] = await ctx.em.query(
    'SELECT d.id, d.hospital_id, d.name, h.time_zone FROM departments d JOIN hospitals h ON h.id = d.hospital_id WHERE d.id = ?',
    [id],
  );
  if (!d) throw notFound('The department');
  ctx.requireHospital(Number(d.hospital_id));
  return { id: Number(d.id), hospitalId: Number(d.hospital_id), name: d.name, timeZone: d.time_zone };
}

async function requireShiftType(ctx: CallContext, id: number, hospitalId: number): Promise<ShiftTypeEntity> {
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

async function coverageRules(ctx: CallContext, departmentId: number): Promise<CoverageRule[]> {
  const rows = await ctx.em.find(CoverageRuleEntity, { where: { departmentId }, order: { shiftTypeId: 'ASC', staffRole: 'ASC' } });
  return rows.map((r) => ({ id: r.id, departmentId: r.departmentId, shiftTypeId: r.shiftTypeId, staffRole: r.staffRole, minHeadcount: r.minHeadcount }));
}

// ---- assignments ----

interface AssignmentRow {
  id: number;
  hospital_id: number;
  staff_id: number;
  first_name: string;
  last_name: string;
  staff_role: StaffRole;
  department_id: number;
  department_name: string;
  shift_type_id: number;
  shift_name: string;
  code: string;
  shift_date: string;
  starts_at: Date;
  ends_at: Date;
  minutes: number;
  night_minutes: number;
  weekend_minutes: number;
  pay_multiplier_bp: number;
}

const ASSIGNMENT_SELECT = `SELECT a.id, a.hospital_id, a.staff_id, s.first_name, s.last_name, s.staff_role, a.department_id, d.name AS department_name,
       a.shift_type_id, t.name AS shift_name, t.code, a.shift_date, a.starts_at, a.ends_at, a.minutes, a.night_minutes, a.weekend_minutes, a.pay_multiplier_bp
  FROM shift_assignments a JOIN staff s ON s.id = a.staff_id JOIN departments d ON d.id = a.department_id JOIN shift_types t ON t.id = a.shift_type_id`;

const toAssignment = (r: AssignmentRow): ShiftAssignment => ({
  id: Number(r.id),
  hospitalId: Number(r.hospital_id),
  staffId: Number(r.staff_id),
  staffName: `${r.first_name} ${r.last_name}`,
  staffRole: r.staff_role,
  departmentId: Number(r.department_id),
  departmentName: r.department_name,
  shiftTypeId: Number(r.shift_type_id),
  shiftName: r.shift_name,
  shiftCode: r.code,
  date: r.shift_date,
  start: r.starts_at.toISOString(),
  end: r.ends_at.toISOString(),
  minutes: Number(r.minutes),
  nightMinutes: Number(r.night_minutes),
  weekendMinutes: Number(r.weekend_minutes),
  payMultiplierBp: Number(r.pay_multiplier_bp),
});

async function readAssignments(ctx: CallContext, where: string, args: unknown[]): Promise<ShiftAssignment[]> {
  const rows: AssignmentRow[] = await ctx.em.query(`${ASSIGNMENT_SELECT} WHERE ${where} ORDER BY a.shift_date, a.starts_at, s.name_key`, args);
  return rows.map(toAssignment);
}

interface LockedPerson extends Person {
  id: number;
  hospitalId: number;
  staffRole: StaffRole;
}

/** Locks the people's rows (in id order): two planners changing one person's shifts take turns. */
async function lockPeople(ctx: CallContext, ids: number[]): Promise<Map<number, LockedPerson>> {
  const rows = await lockRows(ctx.em, StaffEntity, ids, { only: ['hospitalId', 'firstName', 'lastName', 'staffRole', 'status', 'terminatedOn'] });
  const out = new Map<number, LockedPerson>();
  for (const r of rows) {
    ctx.requireHospital(r.hospitalId);
    out.set(r.id, { id: r.id, hospitalId: r.hospitalId, name: `${r.firstName} ${r.lastName}`, staffRole: r.staffRole, status: r.status, terminatedOn: r.terminatedOn });
  }
  for (const id of ids) if (!out.has(id)) throw notFound('The staff member');
  return out;
}

/** The people's shifts and leave from `from` to `to` (locking reads: what another planner committed a moment ago counts). */
async function surroundings(ctx: CallContext, staffIds: number[], from: string, to: string): Promise<{ shifts: Map<number, PlannedShift[]>; leave: Map<number, Leave[]> }> {
  const shifts = new Map<number, PlannedShift[]>();
  const leave = new Map<number, Leave[]>();
  if (staffIds.length === 0) return { shifts, leave };
  const list = staffIds.map(() => '?').join(',');
  // Shifts and leave in one round trip (every assignment pays for each round trip while other desks wait).
  const rows: { t: 's' | 'l'; id: number; staff_id: number; d1: string; d2: string | null; starts_at: Date | null; ends_at: Date | null; minutes: number | null; code: string; name: string | null }[] =
    await ctx.em.query(
      `(SELECT 's' AS t, a.id, a.staff_id, a.shift_date AS d1, CAST(NULL AS DATE) AS d2, a.starts_at, a.ends_at, a.minutes, t.code, t.name
          FROM shift_assignments a JOIN shift_types t ON t.id = a.shift_type_id
         WHERE a.staff_id IN (${list}) AND a.shift_date >= ? AND a.shift_date <= ? LOCK IN SHARE MODE)
       UNION ALL
       (SELECT 'l', id, staff_id, start_date, end_date, NULL, NULL, NULL, kind, NULL FROM staff_leave
         WHERE staff_id IN (${list}) AND status = 'recorded' AND end_date >= ? AND start_date <= ? LOCK IN SHARE MODE)`,
      [...staffIds, from, to, ...staffIds, from, to],
    );
  for (const r of rows) {
    const staffId = Number(r.staff_id);
    if (r.t === 's') {
      const l = shifts.get(staffId) ?? [];
      l.push({ id: Number(r.id), date: r.d1, start: r.starts_at!.getTime(), end: r.ends_at!.getTime(), minutes: Number(r.minutes), code: r.code, name: r.name! });
      shifts.set(staffId, l);
    } else {
      leave.set(staffId, [...(leave.get(staffId) ?? []), { kind: r.code as LeaveKind, startDate: r.d1, endDate: r.d2! }]);
    }
  }
  return { shifts, leave };
}

interface Candidate {
  staffId: number;
  date: string;
  type: ShiftTypeEntity;
  departmentId: number;
  id?: number;
}

function planned(c: Candidate, zone: string): PlannedShift & ReturnType<typeof shiftTimes> {
  const t = shiftTimes(c.date, c.type.startMinute, c.type.endMinute, zone);
  return { ...t, id: c.id, date: c.date, code: c.type.code, name: c.type.name };
}

async function insertAssignments(ctx: CallContext, hospitalId: number, zone: string, list: Candidate[]): Promise<number> {
  const now = ctx.now();
  return insertRows(
    ctx.em,
    ShiftAssignmentEntity,
    list.map((c) => {
      const t = planned(c, zone);
      return Object.assign(new ShiftAssignmentEntity(), {
        hospitalId,
        staffId: c.staffId,
        departmentId: c.departmentId,
        shiftTypeId: c.type.id,
        shiftDate: c.date,
        startsAt: new Date(t.start),
        endsAt: new Date(t.end),
        minutes: t.minutes,
        nightMinutes: t.nightMinutes,
        weekendMinutes: t.weekendMinutes,
        payMultiplierBp: c.type.payMultiplierBp,
        assignedBy: ctx.user.userId,
        createdAt: now,
      });
    }),
  );
}

export async function assignShift(ctx: CallContext, input: In<'shifts.assign'>): Promise<ShiftAssignment> {
  // The department, its hospital's zone and rules and the shift type in one round trip.
  const [facts]: {
    id: number;
    hospital_id: number;
    name: string;
    time_zone: string;
    min_rest: number | null;
    max_week: number | null;
    t_hospital: number | null;
    t_name: string;
    t_code: string;
    t_start: number;
    t_end: number;
    t_bp: number;
  }[] = await ctx.em.query(
    `SELECT d.id, d.hospital_id, d.name, h.time_zone, r.min_rest_minutes AS min_rest, r.max_week_minutes AS max_week, t.hospital_id AS t_hospital,
            t.name AS t_name, t.code AS t_code, t.start_minute AS t_start, t.end_minute AS t_end, t.pay_multiplier_bp AS t_bp
       FROM departments d JOIN hospitals h ON h.id = d.hospital_id LEFT JOIN rota_rules r ON r.hospital_id = d.hospital_id
       LEFT JOIN shift_types t ON t.id = ? WHERE d.id = ?`,
    [input.shiftTypeId, input.departmentId],
  );
  if (!facts) throw notFound('The department');
  const dep = { id: Number(facts.id), hospitalId: Number(facts.hospital_id), name: facts.name, timeZone: facts.time_zone };
  ctx.requireHospital(dep.hospitalId);
  if (facts.t_hospital === null || Number(facts.t_hospital) !== dep.hospitalId) throw invalid({ shiftTypeId: 'Not a shift of this hospital.' });
  const type = Object.assign(new ShiftTypeEntity(), {
    id: input.shiftTypeId,
    hospitalId: dep.hospitalId,
    name: facts.t_name,
    code: facts.t_code,
    startMinute: Number(facts.t_start),
    endMinute: Number(facts.t_end),
    payMultiplierBp: Number(facts.t_bp),
  });
  const rules = { hospitalId: dep.hospitalId, minRestMinutes: facts.min_rest ?? DEFAULT_MIN_REST_MINUTES, maxWeekMinutes: facts.max_week ?? DEFAULT_MAX_WEEK_MINUTES };
  const person = (await lockPeople(ctx, [input.staffId])).get(input.staffId)!;
  if (person.hospitalId !== dep.hospitalId) throw invalid({ staffId: `${person.name} works at another hospital.` });
  const around = await surroundings(ctx, [person.id], addDays(input.date, -8), addDays(input.date, 8));
  const c: Candidate = { staffId: person.id, date: input.date, type, departmentId: dep.id };
  const p = planned(c, dep.timeZone);
  const why = refusal(person, p, around.shifts.get(person.id) ?? [], around.leave.get(person.id) ?? [], rules, dep.timeZone);
  if (why) throw conflict(why);
  const id = await insertAssignments(ctx, dep.hospitalId, dep.timeZone, [c]);
  ctx.audit({ action: 'shift.assign', entity: 'shift', entityId: id, hospitalId: dep.hospitalId, changes: { staffId: person.id, date: input.date, shift: type.code, departmentId: dep.id } });
  // Everything the answer holds is known here: no read-back.
  return {
    id,
    hospitalId: dep.hospitalId,
    staffId: person.id,
    staffName: person.name,
    staffRole: person.staffRole,
    departmentId: dep.id,
    departmentName: dep.name,
    shiftTypeId: type.id,
    shiftName: type.name,
    shiftCode: type.code,
    date: input.date,
    start: new Date(p.start).toISOString(),
    end: new Date(p.end).toISOString(),
    minutes: p.minutes,
    nightMinutes: p.nightMinutes,
    weekendMinutes: p.weekendMinutes,
    payMultiplierBp: type.payMultiplierBp,
  };
}

async function lockAssignment(ctx: CallContext, id: number): Promise<ShiftAssignmentEntity> {
  const peek = await requireHospitalOf(ctx, ShiftAssignmentEntity, id, 'The shift');
  await lockPeople(ctx, [peek.staffId]);
  const a = await lockRow(ctx.em, ShiftAssignmentEntity, id);
  if (!a) throw notFound('The shift');
  return a;
}

export async function unassignShift(ctx: CallContext, id: number): Promise<null> {
  const a = await lockAssignment(ctx, id);
  if (a.startsAt.getTime() <= ctx.now().getTime()) throw conflict('This shift has started: it is a record of work now and stays.');
  await ctx.em.delete(ShiftAssignmentEntity, { id });
  ctx.audit({ action: 'shift.unassign', entity: 'shift', entityId: id, hospitalId: a.hospitalId, changes: { staffId: a.staffId, date: a.shiftDate, shiftTypeId: a.shiftTypeId } });
  return null;
}

export async function moveShift(ctx: CallContext, input: In<'shifts.move'>): Promise<ShiftAssignment> {
  const a = await lockAssignment(ctx, input.id);
  if (a.startsAt.getTime() <= ctx.now().getTime()) throw conflict('This shift has started: it is a record of work now and cannot be moved.');
  const dep = await requireDepartment(ctx, a.departmentId);
  const staffId = input.staffId ?? a.staffId;
  const date = input.date ?? a.shiftDate;
  const type = await requireShiftType(ctx, input.shiftTypeId ?? a.shiftTypeId, dep.hospitalId);
  const person = (await lockPeople(ctx, [staffId])).get(staffId)!;
  if (person.hospitalId !== dep.hospitalId) throw invalid({ staffId: `${person.name} works at another hospital.` });
  const rules = await rotaRules(ctx, dep.hospitalId);
  const around = await surroundings(ctx, [staffId], addDays(date, -8), addDays(date, 8));
  const c: Candidate = { staffId, date, type, departmentId: dep.id, id: Number(a.id) };
  const others = (around.shifts.get(staffId) ?? []).filter((o) => o.id !== Number(a.id));
  const why = refusal(person, planned(c, dep.timeZone), others, around.leave.get(staffId) ?? [], rules, dep.timeZone);
  if (why) throw conflict(why);
  const t = planned(c, dep.timeZone);
  await ctx.em.query(
    `UPDATE shift_assignments SET staff_id = ?, shift_date = ?, shift_type_id = ?, starts_at = ?, ends_at = ?, minutes = ?, night_minutes = ?, weekend_minutes = ?, pay_multiplier_bp = ? WHERE id = ?`,
    [staffId, date, type.id, new Date(t.start), new Date(t.end), t.minutes, t.nightMinutes, t.weekendMinutes, type.payMultiplierBp, a.id],
  );
  ctx.audit({ action: 'shift.move', entity: 'shift', entityId: a.id, hospitalId: a.hospitalId, changes: { staffId: [a.staffId, staffId], date: [a.shiftDate, date], shiftTypeId: [a.shiftTypeId, type.id] } });
  return (await readAssignments(ctx, 'a.id = ?', [a.id]))[0];
}

export async function copyWeek(ctx: CallContext, input: In<'shifts.copyWeek'>): Promise<{ created: ShiftAssignment[]; refused: { staffName: string; date: string; shiftCode: string; reason: string }[] }> {
  const dep = await requireDepartment(ctx, input.departmentId);
  const shift = Math.round((Date.parse(input.toWeekStart) - Date.parse(input.fromWeekStart)) / 86_400_000);
  const source: { staff_id: number; shift_date: string; shift_type_id: number }[] = await ctx.em.query(
    'SELECT staff_id, shift_date, shift_type_id FROM shift_assignments WHERE department_id = ? AND shift_date >= ? AND shift_date < ? ORDER BY shift_date, starts_at, staff_id',
    [dep.id, input.fromWeekStart, addDays(input.fromWeekStart, 7)],
  );
  const types = new Map((await ctx.em.find(ShiftTypeEntity, { where: { hospitalId: dep.hospitalId } })).map((t) => [t.id, t]));
  const people = await lockPeople(ctx, source.map((s) => Number(s.staff_id)));
  const rules = await rotaRules(ctx, dep.hospitalId);
  const around = await surroundings(ctx, [...people.keys()], addDays(input.toWeekStart, -8), addDays(input.toWeekStart, 15));
  const accepted: Candidate[] = [];
  const refused: { staffName: string; date: string; shiftCode: string; reason: string }[] = [];
  const now = ctx.now().getTime();
  for (const s of source) {
    const person = people.get(Number(s.staff_id))!;
    const type = types.get(Number(s.shift_type_id))!;
    const c: Candidate = { staffId: person.id, date: addDays(s.shift_date, shift), type, departmentId: dep.id };
    const p = planned(c, dep.timeZone);
    const mine = around.shifts.get(person.id) ?? [];
    const why = p.start <= now ? 'That day has passed.' : refusal(person, p, mine, around.leave.get(person.id) ?? [], rules, dep.timeZone);
    if (why) {
      refused.push({ staffName: person.name, date: c.date, shiftCode: type.code, reason: why });
      continue;
    }
    // Accepted shifts count for the next ones of the same person (rest, weekly hours).
    mine.push({ ...p, id: -accepted.length - 1 });
    around.shifts.set(person.id, mine);
    accepted.push(c);
  }
  let created: ShiftAssignment[] = [];
  if (accepted.length) {
    const first = await insertAssignments(ctx, dep.hospitalId, dep.timeZone, accepted);
    created = await readAssignments(ctx, 'a.id >= ? AND a.id < ?', [first, first + accepted.length]);
  }
  ctx.audit({ action: 'shift.copy_week', entity: 'shift', hospitalId: dep.hospitalId, changes: { ...input, created: created.length, refused: refused.length } });
  return { created, refused };
}

// ---- leave ----

export async function recordLeave(ctx: CallContext, input: In<'leave.record'>): Promise<{ leave: LeaveRecord; removedShifts: ShiftAssignment[] }> {
  const person = (await lockPeople(ctx, [input.staffId])).get(input.staffId)!;
  const [overlap]: { start_date: string; end_date: string }[] = await ctx.em.query(
    "SELECT start_date, end_date FROM staff_leave WHERE staff_id = ? AND status = 'recorded' AND start_date <= ? AND end_date >= ? LIMIT 1",
    [person.id, input.endDate, input.startDate],
  );
  if (overlap) throw conflict(`${person.name} already has leave recorded from ${readableDate(overlap.start_date)} to ${readableDate(overlap.end_date)}.`);
  const clashing = await readAssignments(ctx, 'a.staff_id = ? AND a.shift_date >= ? AND a.shift_date <= ?', [person.id, addDays(input.startDate, -1), input.endDate]);
  const zone = (await hospitalZones(ctx.em, [person.hospitalId])).get(person.hospitalId)?.timeZone ?? 'UTC';
  // A night shift that starts the evening before and runs into the first day of leave collides too.
  const inLeave = clashing.filter((a) => a.date >= input.startDate || localDate(new Date(Date.parse(a.end) - 1), zone) >= input.startDate);
  const now = ctx.now().getTime();
  if (inLeave.length && !input.removeShifts) {
    throw conflict(`${person.name} has ${inLeave.length} shift${inLeave.length === 1 ? '' : 's'} planned in that time (first: ${inLeave[0].shiftCode} on ${readableDate(inLeave[0].date)}): remove them with the leave, or move them first.`, {
      shifts: inLeave,
    });
  }
  const started = inLeave.filter((a) => Date.parse(a.start) <= now);
  if (started.length) throw conflict(`${person.name} already worked the ${started[0].shiftCode} shift of ${readableDate(started[0].date)} in that time; leave can only cover shifts not yet started.`);
  for (const a of inLeave) await ctx.em.delete(ShiftAssignmentEntity, { id: a.id });
  const saved = await ctx.em.save(
    ctx.em.create(StaffLeaveEntity, { staffId: person.id, hospitalId: person.hospitalId, kind: input.kind, startDate: input.startDate, endDate: input.endDate, note: input.note, status: 'recorded', cancelReason: null, createdBy: ctx.user.userId }),
  );
  ctx.audit({ action: 'leave.record', entity: 'leave', entityId: saved.id, hospitalId: person.hospitalId, changes: { ...input, leaveId: saved.id, removedShifts: inLeave.map((a) => a.id) } });
  return { leave: { id: saved.id, staffId: person.id, staffName: person.name, kind: saved.kind, startDate: saved.startDate, endDate: saved.endDate, note: saved.note }, removedShifts: inLeave };
}

interface LeaveRow {
  id: number;
  staff_id: number;
  first_name: string;
  last_name: string;
  name_key: string;
  kind: LeaveKind;
  start_date: string;
  end_date: string;
  note: string | null;
}

const LEAVE_SELECT = `SELECT l.id, l.staff_id, s.first_name, s.last_name, s.name_key, l.kind, l.start_date, l.end_date, l.note FROM staff_leave l JOIN staff s ON s.id = l.staff_id`;

/** By first day, then the person's name. */
const BY_START: KeysetColumn<LeaveRow>[] = [
  { column: 'l.start_date', direction: 'ASC', kind: 'date', value: (r) => r.start_date },
  { column: 's.name_key', direction: 'ASC', kind: 'string', value: (r) => r.name_key },
  { column: 'l.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];

export async function listLeave(ctx: CallContext, input: In<'leave.list'>): Promise<Page<LeaveRecord>> {
  ctx.requireHospital(input.hospitalId);
  const where = ['l.hospital_id = ?', "l.status = 'recorded'", 'l.end_date >= ?', 'l.start_date <= ?'];
  const args: unknown[] = [input.hospitalId, input.from, input.to];
  if (input.staffId) {
    where.push('l.staff_id = ?');
    args.push(input.staffId);
  }
  const page = await keysetPage(ctx.em, { select: LEAVE_SELECT, where, args }, { order: BY_START, cursor: input.cursor, limit: input.limit });
  return {
    items: page.items.map((r) => ({ id: Number(r.id), staffId: Number(r.staff_id), staffName: `${r.first_name} ${r.last_name}`, kind: r.kind, startDate: r.start_date, endDate: r.end_date, note: r.note })),
    nextCursor: page.nextCursor,
  };
}

export async function cancelLeave(ctx: CallContext, input: In<'leave.cancel'>): Promise<null> {
  const l = await lockRow(ctx.em, StaffLeaveEntity, input.id);
  if (!l || l.status !== 'recorded') throw notFound('The leave');
  ctx.requireHospital(l.hospitalId);
  await ctx.em.query("UPDATE staff_leave SET status = 'cancelled', cancel_reason = ? WHERE id = ?", [input.reason, l.id]);
  ctx.audit({ action: 'leave.cancel', entity: 'leave', entityId: l.id, hospitalId: l.hospitalId, changes: { leaveId: l.id, reason: input.reason } });
  return null;
}

// ---- views ----

export async function weekRota(ctx: CallContext, input: In<'shifts.rota'>): Promise<Rota> {
  const dep = await requireDepartment(ctx, input.departmentId);
  const days = Array.from({ length: 7 }, (_, i) => addDays(input.weekStart, i));
  const end = addDays(input.weekStart, 7);
  const [types, rules, assignments, coverage] = [
    await listShiftTypes(ctx, { hospitalId: dep.hospitalId, includeInactive: false }),
    await rotaRules(ctx, dep.hospitalId),
    await readAssignments(ctx, 'a.department_id = ? AND a.shift_date >= ? AND a.shift_date < ?', [dep.id, input.weekStart, end]),
    await coverageRules(ctx, dep.id),
  ];
  const people: { id: number; first_name: string; last_name: string; staff_role: StaffRole; employee_number: string; contracted_hours: number; status: StaffStatus }[] = await ctx.em.query(
    `SELECT id, first_name, last_name, staff_role, employee_number, contracted_hours, status FROM staff
      WHERE (department_id = ? AND (status <> 'terminated' OR terminated_on > ?)) OR id IN (SELECT staff_id FROM shift_assignments WHERE department_id = ? AND shift_date >= ? AND shift_date < ?)
      ORDER BY staff_role, name_key, id`,
    [dep.id, input.weekStart, dep.id, input.weekStart, end],
  );
  const ids = people.map((p) => Number(p.id));
  const week = new Map<number, number>();
  const leave = new Map<number, { date: string; kind: LeaveKind }[]>();
  if (ids.length) {
    const list = ids.map(() => '?').join(',');
    const totals: { staff_id: number; m: number | string }[] = await ctx.em.query(
      `SELECT staff_id, SUM(minutes) AS m FROM shift_assignments WHERE staff_id IN (${list}) AND shift_date >= ? AND shift_date < ? GROUP BY staff_id`,
      [...ids, input.weekStart, end],
    );
    for (const t of totals) week.set(Number(t.staff_id), Number(t.m));
    const away: { staff_id: number; kind: LeaveKind; start_date: string; end_date: string }[] = await ctx.em.query(
      `SELECT staff_id, kind, start_date, end_date FROM staff_leave WHERE staff_id IN (${list}) AND status = 'recorded' AND end_date >= ? AND start_date < ?`,
      [...ids, input.weekStart, end],
    );
    for (const a of away) {
      const list2 = leave.get(Number(a.staff_id)) ?? [];
      for (const d of days) if (a.start_date <= d && d <= a.end_date) list2.push({ date: d, kind: a.kind });
      leave.set(Number(a.staff_id), list2);
    }
  }
  const cells: CoverageCell[] = [];
  for (const d of days) {
    for (const rule of coverage) {
      const assigned = assignments.filter((a) => a.date === d && a.shiftTypeId === rule.shiftTypeId && a.staffRole === rule.staffRole).length;
      cells.push({ date: d, shiftTypeId: rule.shiftTypeId, staffRole: rule.staffRole, required: rule.minHeadcount, assigned, gap: Math.max(0, rule.minHeadcount - assigned) });
    }
  }
  return {
    hospitalId: dep.hospitalId,
    department: { id: dep.id, name: dep.name },
    weekStart: input.weekStart,
    days,
    timeZone: dep.timeZone,
    shiftTypes: types,
    staff: people.map((p) => ({
      id: Number(p.id),
      name: `${p.first_name} ${p.last_name}`,
      staffRole: p.staff_role,
      employeeNumber: p.employee_number,
      contractedHours: Number(p.contracted_hours),
      status: p.status,
      weekMinutes: week.get(Number(p.id)) ?? 0,
      leave: leave.get(Number(p.id)) ?? [],
    })),
    assignments,
    coverage: cells,
    departmentMinutes: assignments.reduce((n, a) => n + a.minutes, 0),
    rules,
  };
}

export async function shiftsOfStaff(ctx: CallContext, input: In<'shifts.forStaff'>): Promise<ShiftAssignment[]> {
  const s = await readStaffMember(ctx, input.staffId);
  ctx.requireHospital(s.hospitalId);
  return readAssignments(ctx, 'a.staff_id = ? AND a.shift_date >= ? AND a.shift_date < ?', [input.staffId, input.from, addDays(input.from, input.days)]);
}

export async function myShifts(ctx: CallContext): Promise<{ staff: Awaited<ReturnType<typeof readStaffMember>> | null; upcoming: ShiftAssignment[]; weekMinutes: number; monthMinutes: number; contractedMinutes: number }> {
  const [row]: { id: number; time_zone: string }[] = await ctx.em.query('SELECT s.id, h.time_zone FROM staff s JOIN hospitals h ON h.id = s.hospital_id WHERE s.user_id = ?', [ctx.user.userId]);
  if (!row) return { staff: null, upcoming: [], weekMinutes: 0, monthMinutes: 0, contractedMinutes: 0 };
  const staff = await readStaffMember(ctx, Number(row.id));
  const today = localDate(ctx.now(), row.time_zone);
  const week = weekStartOf(today);
  const month = `${today.slice(0, 7)}-01`;
  const nextMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 1)).toISOString().slice(0, 10);
  const upcoming = await readAssignments(ctx, 'a.staff_id = ? AND a.ends_at > ? AND a.shift_date < ?', [staff.id, ctx.now(), addDays(today, 28)]);
  const [sums]: { w: number | string | null; m: number | string | null }[] = await ctx.em.query(
    `SELECT SUM(CASE WHEN shift_date >= ? AND shift_date < ? THEN minutes END) AS w, SUM(CASE WHEN shift_date >= ? AND shift_date < ? THEN minutes END) AS m
       FROM shift_assignments WHERE staff_id = ? AND shift_date >= ? AND shift_date < ?`,
    [week, addDays(week, 7), month, nextMonth, staff.id, week < month ? week : month, addDays(week, 7) > nextMonth ? addDays(week, 7) : nextMonth],
  );
  return { staff, upcoming, weekMinutes: Number(sums.w ?? 0), monthMinutes: Number(sums.m ?? 0), contractedMinutes: staff.contractedHours * 60 };
}
