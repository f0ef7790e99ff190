// Leave: recorded over shifts not yet started (removing them), listed a page at a time, cancelled.
import { conflict, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { LeaveRecord, ShiftAssignment } from '@shared/contract/shifts';
import { addDays, localDate } from '@shared/domain/dates';
import { readableDate } from '@shared/domain/format';
import type { LeaveKind } from '@shared/domain/shifts';
import type { CallContext } from '../../platform/context';
import { lockRow } from '../../db/locks';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { hospitalZones } from '../../platform/zones';
import { ShiftAssignmentEntity, StaffLeaveEntity } from './shift.entity';
import { lockPeople } from './assignments.service';
import { readAssignments } from './rota.queries';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

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
