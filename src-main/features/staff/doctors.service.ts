// Doctors for the booking screen, and their weekly hours and exceptions (leave, conferences) kept by HR.
import { conflict, forbidden, invalid, notFound, type FieldErrors } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { AppointmentView } from '@shared/contract/appointments';
import type { DoctorSchedule, DoctorSummary, ScheduleException, WorkingHours } from '@shared/contract/staff';
import { addDays, isoWeekday, localDate } from '@shared/domain/dates';
import { clockMinutes, clockText, type StaffStatus, WEEKDAY_LABELS } from '@shared/domain/scheduling';
import { doctorName } from '@shared/domain/format';
import { shiftBookable, shiftPartOfDay, type BookableBlock } from '@shared/domain/shifts';
import type { CallContext } from '../../platform/context';
import { hospitalCondition } from '../../platform/scope';
import { lockRow } from '../../db/locks';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { awayRange, readAppointments } from '../appointments';
import { searchKey } from '../patients';
import { staffNameMatch } from './rules';
import { hospitalZones } from '../../platform/zones';
import { DoctorEntity, DoctorExceptionEntity, DoctorScheduleEntity } from './staff.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

interface DoctorRow {
  id: number;
  hospital_id: number;
  first_name: string;
  last_name: string;
  specialization: string;
  department_id: number | null;
  department_name: string | null;
  default_slot_minutes: number;
  consultation_fee: number | string;
  currency: string;
  status: StaffStatus;
  user_id: number | null;
  name_key: string;
}

const DOCTOR_SELECT = `SELECT s.id, s.name_key, s.hospital_id, s.first_name, s.last_name, d.specialization, s.department_id, dep.name AS department_name,
       d.default_slot_minutes, d.consultation_fee, h.currency, s.status, s.user_id
  FROM staff s JOIN doctors d ON d.staff_id = s.id JOIN hospitals h ON h.id = s.hospital_id
  LEFT JOIN departments dep ON dep.id = s.department_id`;

const toSummary = (r: DoctorRow): DoctorSummary => ({
  id: Number(r.id),
  hospitalId: Number(r.hospital_id),
  fullName: doctorName(r.first_name, r.last_name),
  specialization: r.specialization,
  departmentId: r.department_id === null ? null : Number(r.department_id),
  departmentName: r.department_name,
  defaultSlotMinutes: Number(r.default_slot_minutes),
  consultationFee: Number(r.consultation_fee),
  currency: r.currency,
  status: r.status,
  userId: r.user_id === null ? null : Number(r.user_id),
});

/** By name (the sort key the staff list uses), then id so doctors of one name keep their order across pages. */
const BY_NAME: KeysetColumn<DoctorRow>[] = [
  { column: 's.name_key', direction: 'ASC', kind: 'string', value: (r) => r.name_key },
  { column: 's.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];

export async function listDoctors(ctx: CallContext, input: In<'doctors.list'>): Promise<Page<DoctorSummary>> {
  const clauses = ["s.status <> 'terminated'"];
  const args: unknown[] = [];
  const inScope = hospitalCondition(ctx, 's.hospital_id', input.hospitalId);
  if (inScope) {
    clauses.push(inScope.sql);
    args.push(...inScope.args);
  }
  if (input.departmentId !== undefined) {
    clauses.push('s.department_id = ?');
    args.push(input.departmentId);
  }
  if (input.specialization) {
    clauses.push('d.specialization = ?');
    args.push(input.specialization);
  }
  if (input.query) {
    const match = staffNameMatch(input.query, searchKey, ['s.first_name', "CONCAT(s.first_name, ' ', s.last_name)", 'd.specialization']);
    clauses.push(match.sql);
    args.push(...match.args);
  }
  const page = await keysetPage(ctx.em, { select: DOCTOR_SELECT, where: clauses, args }, { order: BY_NAME, cursor: input.cursor, limit: input.limit });
  return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
}

async function doctorRow(ctx: CallContext, doctorId: number): Promise<DoctorRow> {
  const [row]: DoctorRow[] = await ctx.em.query(`${DOCTOR_SELECT} WHERE s.id = ?`, [doctorId]);
  if (!row) throw notFound('The doctor');
  return row;
}

/**
 * A doctor's hospital and department: NOT_FOUND when there is no such doctor, FORBIDDEN unless the caller works at the
 * doctor's hospital or at one where the doctor holds weekly hours (a doctor's schedule, free slots and day are that
 * hospital's business, not the chain's).
 */
export async function requireDoctorInScope(ctx: CallContext, doctorId: number): Promise<{ hospitalId: number; departmentId: number | null }> {
  const [row]: { hospital_id: number; department_id: number | null }[] = await ctx.em.query("SELECT hospital_id, department_id FROM staff WHERE id = ? AND staff_role = 'doctor'", [doctorId]);
  if (!row) throw notFound('The doctor');
  const found = { hospitalId: Number(row.hospital_id), departmentId: row.department_id === null ? null : Number(row.department_id) };
  const scope = ctx.scope();
  if (scope === 'all' || scope.includes(found.hospitalId)) return found;
  const held: unknown[] = scope.length ? await ctx.em.query(`SELECT 1 FROM doctor_schedules WHERE doctor_id = ? AND hospital_id IN (${scope.map(() => '?').join(',')}) LIMIT 1`, [doctorId, ...scope]) : [];
  if (!held.length) ctx.requireHospital(found.hospitalId);
  return found;
}

/** Doctors' weekly bookable hours at one hospital that are valid somewhere in from–to, by doctor. */
export async function bookableBlocks(ctx: CallContext, doctorIds: number[], hospitalId: number, from: string, to: string): Promise<Map<number, BookableBlock[]>> {
  const byDoctor = new Map<number, BookableBlock[]>();
  if (doctorIds.length === 0) return byDoctor;
  const rows = await ctx.em
    .getRepository(DoctorScheduleEntity)
    .createQueryBuilder('b')
    .where('b.doctorId IN (:...ids) AND b.hospitalId = :h AND b.validFrom <= :to AND (b.validTo IS NULL OR b.validTo >= :from)', { ids: doctorIds, h: hospitalId, from, to })
    .getMany();
  for (const b of rows) byDoctor.set(b.doctorId, [...(byDoctor.get(b.doctorId) ?? []), { weekday: b.weekday, startMinute: b.startMinute, endMinute: b.endMinute, validFrom: b.validFrom, validTo: b.validTo }]);
  return byDoctor;
}

/**
 * Makes a doctor's rota shift bookable in one step: the weekly hours valid on the shift's day at its hospital gain
 * the shift's part of that weekday, from that day for as long as those hours run (a new version; history is kept).
 */
export async function alignWithShift(ctx: CallContext, shiftId: number): Promise<DoctorSchedule> {
  const [shift]: { staff_id: number; hospital_id: number; shift_date: string; start_minute: number; end_minute: number; staff_role: string; name: string }[] = await ctx.em.query(
    `SELECT a.staff_id, a.hospital_id, DATE_FORMAT(a.shift_date, '%Y-%m-%d') AS shift_date, t.start_minute, t.end_minute, s.staff_role, t.name
       FROM shift_assignments a JOIN shift_types t ON t.id = a.shift_type_id JOIN staff s ON s.id = a.staff_id WHERE a.id = ?`,
    [shiftId],
  );
  if (!shift) throw notFound('The shift');
  ctx.requireHospital(Number(shift.hospital_id));
  if (shift.staff_role !== 'doctor') throw conflict('Only a doctor’s shift has bookable hours.');
  const doctorId = Number(shift.staff_id);
  const hospitalId = Number(shift.hospital_id);
  const date = shift.shift_date;
  const weekday = isoWeekday(date);
  const part = shiftPartOfDay(Number(shift.start_minute), Number(shift.end_minute));
  await lockDoctor(ctx, doctorId);
  const current = (await bookableBlocks(ctx, [doctorId], hospitalId, date, date)).get(doctorId) ?? [];
  if (shiftBookable(current, date, weekday, Number(shift.start_minute), Number(shift.end_minute))) throw conflict('Booking already offers this shift’s hours.');
  const rows = await ctx.em.getRepository(DoctorScheduleEntity).find({ where: { doctorId, hospitalId } });
  const valid = rows.filter((b) => b.validFrom <= date && (b.validTo === null || date <= b.validTo));
  // The new version runs as long as the hours it extends (or open-ended when the doctor had none here that day).
  const validTo = valid.length ? valid.reduce<string | null>((end, b) => (end === null || b.validTo === null ? null : b.validTo > end ? b.validTo : end), valid[0]!.validTo) : null;
  const hours = [
    ...valid.map((b) => ({ weekday: b.weekday, start: clockText(b.startMinute), end: clockText(b.endMinute), slotMinutes: b.slotMinutes })),
    { weekday, start: clockText(part.startMinute), end: clockText(part.endMinute) },
  ];
  return setSchedule(ctx, { doctorId, hospitalId, validFrom: date, validTo, hours });
}

/** The doctor record linked to the caller's account, or null. */
export async function ownDoctorId(ctx: CallContext): Promise<number | null> {
  const [row]: { id: number }[] = await ctx.em.query("SELECT id FROM staff WHERE user_id = ? AND staff_role = 'doctor' ORDER BY id LIMIT 1", [ctx.user.userId]);
  return row ? Number(row.id) : null;
}

/**
 * PRODUCT.md: a doctor sees their own schedule and patient list. A caller whose only role granting this channel is
 * doctor gets their own doctor's id back; FORBIDDEN for another doctor's (`doctorId`), or without a linked doctor.
 * Anyone else (a desk, a manager, a doctor who is also front desk) gets `doctorId` back as asked.
 */
export async function doctorListOf(ctx: CallContext, doctorId: number | undefined): Promise<number | undefined> {
  if (!ctx.grantedOnlyAs('doctor')) return doctorId;
  const own = await ownDoctorId(ctx);
  if (own === null) throw forbidden('Your account is not linked to a doctor: a doctor reads their own schedule and patient list only.');
  if (doctorId !== undefined && doctorId !== own) throw forbidden("A doctor reads their own schedule and patient list only; this is another doctor's.");
  return own;
}

/** Locks the doctor's row: hours, exceptions and bookings of one doctor change one at a time. */
async function lockDoctor(ctx: CallContext, doctorId: number): Promise<DoctorRow> {
  if (!(await lockRow(ctx.em, DoctorEntity, doctorId, { only: ['staffId'] }))) throw notFound('The doctor');
  const row = await doctorRow(ctx, doctorId);
  ctx.requireHospital(Number(row.hospital_id));
  return row;
}

const toHours = (b: DoctorScheduleEntity): WorkingHours => ({
  id: b.id,
  hospitalId: b.hospitalId,
  weekday: b.weekday,
  start: clockText(b.startMinute),
  end: clockText(b.endMinute),
  slotMinutes: b.slotMinutes,
  validFrom: b.validFrom,
  validTo: b.validTo,
});

const toException = (e: DoctorExceptionEntity): ScheduleException => ({
  id: e.id,
  doctorId: e.doctorId,
  kind: e.kind,
  startDate: e.startDate,
  endDate: e.endDate,
  startTime: e.startMinute === null ? null : clockText(e.startMinute),
  endTime: e.endMinute === null ? null : clockText(e.endMinute),
  note: e.note,
});

export async function getSchedule(ctx: CallContext, doctorId: number): Promise<DoctorSchedule> {
  await requireDoctorInScope(ctx, doctorId);
  await doctorListOf(ctx, doctorId);
  const row = await doctorRow(ctx, doctorId);
  const zones = await hospitalZones(ctx.em);
  const today = localDate(ctx.now(), zones.get(Number(row.hospital_id))?.timeZone ?? 'UTC');
  const hours = await ctx.em
    .getRepository(DoctorScheduleEntity)
    .createQueryBuilder('b')
    .where('b.doctorId = :doctorId', { doctorId })
    .andWhere('(b.validTo IS NULL OR b.validTo >= :today)', { today })
    .orderBy('b.hospitalId')
    .addOrderBy('b.validFrom')
    .addOrderBy('b.weekday')
    .addOrderBy('b.startMinute')
    .getMany();
  const exceptions = await ctx.em
    .getRepository(DoctorExceptionEntity)
    .createQueryBuilder('e')
    .where('e.doctorId = :doctorId', { doctorId })
    .andWhere('e.endDate >= :since', { since: addDays(today, -30) })
    .orderBy('e.startDate')
    .getMany();
  return { doctor: toSummary(row), hours: hours.map(toHours), exceptions: exceptions.map(toException) };
}

const rangesOverlap = (aFrom: string, aTo: string | null, bFrom: string, bTo: string | null) => (bTo === null || aFrom <= bTo) && (aTo === null || bFrom <= aTo);

export async function setSchedule(ctx: CallContext, input: In<'doctors.setSchedule'>): Promise<DoctorSchedule> {
  const doctor = await lockDoctor(ctx, input.doctorId);
  ctx.requireHospital(input.hospitalId);
  if (doctor.status === 'terminated') throw conflict(`${doctorName(doctor.first_name, doctor.last_name)} no longer works here.`);
  const zones = await hospitalZones(ctx.em, [input.hospitalId]);
  const zone = zones.get(input.hospitalId);
  if (!zone) throw notFound('The hospital');

  const blocks = input.hours.map((h) => ({
    weekday: h.weekday,
    startMinute: clockMinutes(h.start)!,
    endMinute: clockMinutes(h.end)!,
    slotMinutes: h.slotMinutes ?? Number(doctor.default_slot_minutes),
  }));
  const errors: FieldErrors = {};
  blocks.forEach((b, i) => {
    if ((b.endMinute - b.startMinute) < b.slotMinutes) errors[`hours.${i}.end`] = `Shorter than one ${b.slotMinutes}-minute slot.`;
    const clash = blocks.findIndex((o, j) => j < i && o.weekday === b.weekday && o.startMinute < b.endMinute && b.startMinute < o.endMinute);
    if (clash >= 0) errors[`hours.${i}.start`] = `Overlaps ${WEEKDAY_LABELS[b.weekday]} ${clockText(blocks[clash].startMinute)}–${clockText(blocks[clash].endMinute)}.`;
  });
  // Nobody is in two hospitals at once: hours elsewhere (in the same time zone) for the same days are refused.
  const elsewhere = await ctx.em
    .getRepository(DoctorScheduleEntity)
    .createQueryBuilder('b')
    .where('b.doctorId = :d AND b.hospitalId <> :h', { d: input.doctorId, h: input.hospitalId })
    .getMany();
  blocks.forEach((b, i) => {
    const other = elsewhere.find(
      (o) =>
        zones.get(o.hospitalId)?.timeZone === zone.timeZone &&
        o.weekday === b.weekday &&
        o.startMinute < b.endMinute &&
        b.startMinute < o.endMinute &&
        rangesOverlap(o.validFrom, o.validTo, input.validFrom, input.validTo),
    );
    if (other && !errors[`hours.${i}.start`]) {
      errors[`hours.${i}.start`] = `Overlaps the ${WEEKDAY_LABELS[b.weekday]} hours ${clockText(other.startMinute)}–${clockText(other.endMinute)} at ${zones.get(other.hospitalId)?.name}.`;
    }
  });
  if (Object.keys(errors).length) throw invalid(errors);

  // Hours of this hospital that reach into the new period are cut back to what lies before and after it.
  const repo = ctx.em.getRepository(DoctorScheduleEntity);
  const existing = await repo.find({ where: { doctorId: input.doctorId, hospitalId: input.hospitalId } });
  for (const e of existing) {
    if (!rangesOverlap(e.validFrom, e.validTo, input.validFrom, input.validTo)) continue;
    await repo.delete({ id: e.id });
    const { id: _id, createdAt: _c, ...rest } = e;
    if (e.validFrom < input.validFrom) await repo.insert({ ...rest, validTo: addDays(input.validFrom, -1) });
    if (input.validTo !== null && (e.validTo === null || e.validTo > input.validTo)) await repo.insert({ ...rest, validFrom: addDays(input.validTo, 1) });
  }
  for (const b of blocks) await repo.insert({ ...b, doctorId: input.doctorId, hospitalId: input.hospitalId, validFrom: input.validFrom, validTo: input.validTo });
  ctx.audit({
    action: 'doctor.set_schedule',
    entity: 'doctor',
    entityId: input.doctorId,
    hospitalId: input.hospitalId,
    changes: { validFrom: input.validFrom, validTo: input.validTo, hours: input.hours },
  });
  return getSchedule(ctx, input.doctorId);
}

export async function addException(ctx: CallContext, input: In<'doctors.addException'>): Promise<{ exception: ScheduleException; affectedAppointments: AppointmentView[] }> {
  const doctor = await lockDoctor(ctx, input.doctorId);
  if (doctor.status === 'terminated') throw conflict(`${doctorName(doctor.first_name, doctor.last_name)} no longer works here.`);
  const repo = ctx.em.getRepository(DoctorExceptionEntity);
  const saved = await repo.save(
    repo.create({
      doctorId: input.doctorId,
      kind: input.kind,
      startDate: input.startDate,
      endDate: input.endDate,
      startMinute: input.startTime === null ? null : clockMinutes(input.startTime),
      endMinute: input.endTime === null ? null : clockMinutes(input.endTime),
      note: input.note,
      createdBy: ctx.user.userId,
    }),
  );
  // Appointments already booked in that time stay (the patients must be told), and are listed to be moved.
  const zones = await hospitalZones(ctx.em);
  const candidates = await readAppointments(
    ctx.em,
    "a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ? AND a.status IN ('booked', 'checked_in')",
    [input.doctorId, new Date(Date.parse(`${input.startDate}T00:00:00Z`) - 2 * 86_400_000), new Date(Date.parse(`${input.endDate}T00:00:00Z`) + 2 * 86_400_000)],
  );
  const affected = candidates.filter((a) => {
    const r = awayRange({ ...saved }, zones.get(a.hospitalId)?.timeZone ?? 'UTC');
    return Date.parse(a.start) < r.end && r.start < Date.parse(a.end);
  });
  ctx.audit({
    action: 'doctor.add_exception',
    entity: 'doctor',
    entityId: input.doctorId,
    hospitalId: Number(doctor.hospital_id),
    changes: { ...input, exceptionId: saved.id, affectedAppointments: affected.map((a) => a.id) },
  });
  return { exception: toException(saved), affectedAppointments: affected };
}

export async function removeException(ctx: CallContext, id: number): Promise<null> {
  const e = await ctx.em.findOneBy(DoctorExceptionEntity, { id });
  if (!e) throw notFound('The exception');
  const doctor = await lockDoctor(ctx, e.doctorId);
  await ctx.em.delete(DoctorExceptionEntity, { id });
  ctx.audit({ action: 'doctor.remove_exception', entity: 'doctor', entityId: e.doctorId, hospitalId: Number(doctor.hospital_id), changes: { ...toException(e) } });
  return null;
}
