// Reading shifts: the week rota of a department with its coverage gaps, a person's shifts, the desk's own shifts.
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { CoverageCell, Rota, ShiftAssignment } from '@shared/contract/shifts';
import { addDays, isoWeekday, localDate, weekStartOf } from '@shared/domain/dates';
import { clockMinutes, WEEKDAY_LABELS, type StaffRole, type StaffStatus } from '@shared/domain/scheduling';
import { shiftBookable, type LeaveKind } from '@shared/domain/shifts';
import type { CallContext } from '../../platform/context';
import { bookableBlocks, readStaffMember } from '../staff';
import { coverageRules, listShiftTypes, requireDepartment, rotaRules } from './shift-types.service';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

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

export async function readAssignments(ctx: CallContext, where: string, args: unknown[]): Promise<ShiftAssignment[]> {
  const rows: AssignmentRow[] = await ctx.em.query(`${ASSIGNMENT_SELECT} WHERE ${where} ORDER BY a.shift_date, a.starts_at, s.name_key`, args);
  return rows.map(toAssignment);
}

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
  // Doctors' shifts that booking cannot fill: no weekly hours at this hospital overlap them that day.
  const doctorShifts = assignments.filter((a) => a.staffRole === 'doctor');
  const blocks = await bookableBlocks(ctx, [...new Set(doctorShifts.map((a) => a.staffId))], dep.hospitalId, input.weekStart, addDays(input.weekStart, 6));
  const unbookable = doctorShifts.flatMap((a) => {
    const t = types.find((x) => x.id === a.shiftTypeId);
    if (!t) return [];
    const weekday = isoWeekday(a.date);
    if (shiftBookable(blocks.get(a.staffId) ?? [], a.date, weekday, clockMinutes(t.start)!, clockMinutes(t.end)!)) return [];
    return [{ assignmentId: a.id, message: `${a.staffName} is on the rota (${t.name} ${t.start}–${t.end}) but has no bookable hours on ${WEEKDAY_LABELS[weekday]}s: booking offers patients no slot then.` }];
  });
  return {
    unbookable,
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
