// Assigning, moving and copying shifts under the people's row locks, each checked against the working-time rules.
import { conflict, invalid, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { ShiftAssignment } from '@shared/contract/shifts';
import { addDays } from '@shared/domain/dates';
import type { StaffRole } from '@shared/domain/scheduling';
import { DEFAULT_MAX_WEEK_MINUTES, DEFAULT_MIN_REST_MINUTES, type LeaveKind } from '@shared/domain/shifts';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { lockRow, lockRows } from '../../db/locks';
import { insertRows } from '../../db/writer';
import { StaffEntity } from '../staff';
import { refusal, shiftTimes, type Leave, type Person, type PlannedShift } from './shift-rules';
import { ShiftAssignmentEntity, ShiftTypeEntity } from './shift.entity';
import { readAssignments } from './rota.queries';
import { requireDepartment, requireShiftType, rotaRules } from './shift-types.service';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

interface LockedPerson extends Person {
  id: number;
  hospitalId: number;
  staffRole: StaffRole;
}

/** Locks the people's rows (in id order): two planners changing one person's shifts take turns. */
export async function lockPeople(ctx: CallContext, ids: number[]): Promise<Map<number, LockedPerson>> {
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
