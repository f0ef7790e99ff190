// The read side of scheduling: free slots of a doctor or a department, the next free slots, and the day views of a
// hospital, a doctor and a patient.
import { notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { AppointmentView, DaySchedule, DaySlots, SlotOffer } from '@shared/contract/appointments';
import { addDays, isoWeekday, localDate } from '@shared/domain/dates';
import { clockText } from '@shared/domain/scheduling';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { hospitalZones, type HospitalZone } from '../../platform/zones';
import { DepartmentEntity, doctorListOf, requireDoctorInScope } from '../staff';
import type { KeysetColumn } from '../../db/pages';
import { appointmentPage, loadDoctors, readAppointments, type AppointmentSortRow, type DoctorFacts } from './appointment-views';
import { blockValidOn, dayAvailability } from './availability';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

const zoneFn = (zones: Map<number, HospitalZone>) => (hid: number) => zones.get(hid)?.timeZone ?? 'UTC';

function toDaySlots(ctx: CallContext, d: DoctorFacts, date: string, zones: Map<number, HospitalZone>, onlyHospital?: number): DaySlots {
  const zoneOf = zoneFn(zones);
  const today = localDate(ctx.now(), zoneOf(d.hospitalId));
  const day = dayAvailability(onlyHospital ? { ...d, blocks: d.blocks.filter((b) => b.hospitalId === onlyHospital) } : d, date, zoneOf, today, ctx.now().getTime());
  return {
    doctorId: d.id,
    doctorName: d.doctorName,
    date,
    slots: day.slots.map((s) => ({ start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), hospitalId: s.hospitalId })),
    unavailable: day.unavailable,
  };
}

/**
 * A doctor booking says does not work that day, yet on the rota then: the answer says so, so the desk knows to ask
 * HR rather than turn the patient away (HR aligns the hours from the rota in one step).
 */
async function withRotaNote(ctx: CallContext, days: DaySlots[], date: string): Promise<DaySlots[]> {
  const off = days.filter((d) => d.unavailable?.reason === 'not_working');
  if (off.length === 0) return days;
  const shifts: { staff_id: number; name: string; start_minute: number; end_minute: number }[] = await ctx.em.query(
    `SELECT a.staff_id, t.name, t.start_minute, t.end_minute FROM shift_assignments a JOIN shift_types t ON t.id = a.shift_type_id
      WHERE a.staff_id IN (${off.map(() => '?').join(',')}) AND a.shift_date = ? ORDER BY a.starts_at`,
    [...off.map((d) => d.doctorId), date],
  );
  return days.map((d) => {
    const shift = d.unavailable?.reason === 'not_working' ? shifts.find((x) => Number(x.staff_id) === d.doctorId) : undefined;
    if (!shift || !d.unavailable) return d;
    const note = ` Yet the rota has them on ${shift.name} ${clockText(Number(shift.start_minute))}–${clockText(Number(shift.end_minute))} that day: HR can make those hours bookable from the rota.`;
    return { ...d, unavailable: { ...d.unavailable, message: d.unavailable.message + note } };
  });
}

export async function freeSlots(ctx: CallContext, input: In<'appointments.freeSlots'>): Promise<DaySlots> {
  await requireDoctorInScope(ctx, input.doctorId);
  const zones = await hospitalZones(ctx.em);
  const d = (await loadDoctors(ctx.em, [input.doctorId], input.date, input.date, zones)).get(input.doctorId);
  if (!d) throw notFound('The doctor');
  return (await withRotaNote(ctx, [toDaySlots(ctx, d, input.date, zones)], input.date))[0]!;
}

/**
 * Doctors (not terminated) of a department, or of a specialization at a hospital: all of them, since the answer is
 * about every one (each doctor's day, or the earliest slot among them). One department or one hospital's
 * specialists bound the list, so it is neither paged nor cut: a cut would silently leave doctors' slots out.
 */
async function doctorIdsOf(ctx: CallContext, where: { hospitalId?: number; departmentId?: number; specialization?: string }): Promise<number[]> {
  const clauses = ["s.staff_role = 'doctor'", "s.status <> 'terminated'"];
  const args: unknown[] = [];
  if (where.hospitalId !== undefined) {
    clauses.push('s.hospital_id = ?');
    args.push(where.hospitalId);
  }
  if (where.departmentId !== undefined) {
    clauses.push('s.department_id = ?');
    args.push(where.departmentId);
  }
  if (where.specialization !== undefined) {
    clauses.push('d.specialization = ?');
    args.push(where.specialization);
  }
  const rows: { id: number }[] = await ctx.em.query(
    `SELECT s.id FROM staff s JOIN doctors d ON d.staff_id = s.id WHERE ${clauses.join(' AND ')} ORDER BY s.name_key, s.id`,
    args,
  );
  return rows.map((r) => Number(r.id));
}

export async function departmentSlots(ctx: CallContext, input: In<'appointments.departmentSlots'>): Promise<DaySlots[]> {
  ctx.requireHospital(input.hospitalId);
  const zones = await hospitalZones(ctx.em, [input.hospitalId]);
  const ids = await doctorIdsOf(ctx, input);
  const doctors = await loadDoctors(ctx.em, ids, input.date, input.date, zones);
  const days = ids.flatMap((id) => {
    const d = doctors.get(id);
    return d ? [toDaySlots(ctx, d, input.date, zones, input.hospitalId)] : [];
  });
  return withRotaNote(ctx, days, input.date);
}

const HORIZON_DAYS = 90;
const WINDOW_DAYS = 14;

/** The earliest free slots after `after` across these doctors, a fortnight of data at a time, up to three months ahead. */
async function earliestSlots(ctx: CallContext, ids: number[], after: number, limit: number, zones: Map<number, HospitalZone>): Promise<SlotOffer[]> {
  if (ids.length === 0) return [];
  const zoneOf = zoneFn(zones);
  // A day early: in zones ahead of UTC the local day has already begun.
  const first = localDate(new Date(after - 86_400_000), 'UTC');
  const offers: SlotOffer[] = [];
  for (let from = first; from <= addDays(first, HORIZON_DAYS); from = addDays(from, WINDOW_DAYS)) {
    const to = addDays(from, WINDOW_DAYS - 1);
    const doctors = await loadDoctors(ctx.em, ids, from, to, zones);
    for (const d of doctors.values()) {
      const today = localDate(ctx.now(), zoneOf(d.hospitalId));
      for (let date = from; date <= to; date = addDays(date, 1)) {
        if (!d.blocks.some((b) => blockValidOn(b, date))) continue;
        for (const s of dayAvailability(d, date, zoneOf, today, ctx.now().getTime()).slots) {
          if (s.start >= after) offers.push({ doctorId: d.id, doctorName: d.doctorName, start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), hospitalId: s.hospitalId });
        }
      }
    }
    if (offers.length >= limit) break;
  }
  const seen = new Set<string>();
  return offers
    .sort((a, b) => a.start.localeCompare(b.start) || a.doctorId - b.doctorId)
    .filter((o) => {
      const key = `${o.doctorId}@${o.start}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, limit);
}

export async function nextFree(ctx: CallContext, input: In<'appointments.nextFree'>): Promise<{ doctor: SlotOffer[]; others: SlotOffer[] }> {
  const zones = await hospitalZones(ctx.em);
  const after = input.after ? Math.max(Date.parse(input.after), ctx.now().getTime()) : ctx.now().getTime();
  let departmentId = input.departmentId;
  if (input.doctorId !== undefined) departmentId ??= (await requireDoctorInScope(ctx, input.doctorId)).departmentId ?? undefined;
  else if (departmentId !== undefined) await requireHospitalOf(ctx, DepartmentEntity, departmentId, 'The department');
  const others = departmentId === undefined ? [] : (await doctorIdsOf(ctx, { departmentId })).filter((id) => id !== input.doctorId);
  return {
    doctor: input.doctorId === undefined ? [] : await earliestSlots(ctx, [input.doctorId], after, input.limit, zones),
    others: await earliestSlots(ctx, others, after, input.limit, zones),
  };
}

export async function daySchedule(ctx: CallContext, asked: In<'appointments.daySchedule'>): Promise<DaySchedule> {
  ctx.requireHospital(asked.hospitalId);
  // A doctor (and nothing else) sees their own day of the hospital's schedule.
  const input = { ...asked, doctorId: await doctorListOf(ctx, asked.doctorId) };
  const zones = await hospitalZones(ctx.em, [input.hospitalId]);
  const h = zones.get(input.hospitalId);
  if (!h) throw notFound('The hospital');
  const clauses = ['a.hospital_id = ?', 'a.local_date = ?'];
  const args: unknown[] = [input.hospitalId, input.date];
  if (input.departmentId !== undefined) {
    clauses.push('a.department_id = ?');
    args.push(input.departmentId);
  }
  if (input.doctorId !== undefined) {
    clauses.push('a.doctor_id = ?');
    args.push(input.doctorId);
  }
  const appointments = await readAppointments(ctx.em, clauses.join(' AND '), args);

  // Doctors working here that day, with the department filter applied to their own department.
  const weekday = isoWeekday(input.date);
  const working: { doctor_id: number }[] = await ctx.em.query(
    `SELECT DISTINCT ds.doctor_id FROM doctor_schedules ds JOIN staff s ON s.id = ds.doctor_id
      WHERE ds.hospital_id = ? AND ds.weekday = ? AND ds.valid_from <= ? AND (ds.valid_to IS NULL OR ds.valid_to >= ?) AND s.status <> 'terminated'
      ${input.departmentId !== undefined ? 'AND s.department_id = ?' : ''} ${input.doctorId !== undefined ? 'AND s.id = ?' : ''}`,
    [input.hospitalId, weekday, input.date, input.date, ...(input.departmentId !== undefined ? [input.departmentId] : []), ...(input.doctorId !== undefined ? [input.doctorId] : [])],
  );
  const ids = [...new Set([...working.map((w) => Number(w.doctor_id)), ...appointments.map((a) => a.doctorId)])];
  const doctors = await loadDoctors(ctx.em, ids, input.date, input.date, zones, { withBusy: false });
  const zoneOf = zoneFn(zones);
  const today = localDate(ctx.now(), h.timeZone);
  const list = [...doctors.values()]
    .map((d) => {
      const blocks = d.blocks.filter((b) => b.hospitalId === input.hospitalId && blockValidOn(b, input.date));
      // Only absences and leave need the slot arithmetic; everybody else is simply working.
      const day = d.away.length || d.status !== 'active' ? dayAvailability({ ...d, blocks, busy: [] }, input.date, zoneOf, input.date < today ? input.date : today, 0) : null;
      return {
        id: d.id,
        name: d.doctorName,
        departmentName: d.departmentName,
        hours: blocks.sort((a, b) => a.startMinute - b.startMinute).map((b) => ({ start: clockText(b.startMinute), end: clockText(b.endMinute) })),
        away: day?.unavailable && day.unavailable.reason !== 'not_working' ? day.unavailable.message : null,
        sortKey: `${d.lastName} ${d.firstName}`,
      };
    })
    .sort((a, b) => a.sortKey.localeCompare(b.sortKey))
    .map(({ sortKey: _s, ...rest }) => rest);
  return { hospitalId: input.hospitalId, date: input.date, timeZone: h.timeZone, appointments, doctors: list };
}

export async function forDoctor(ctx: CallContext, input: In<'appointments.forDoctor'>): Promise<AppointmentView[]> {
  await requireDoctorInScope(ctx, input.doctorId);
  await doctorListOf(ctx, input.doctorId);
  const to = addDays(input.from, input.days - 1);
  // starts_at bounds a day either side (any zone), so the (doctor_id, starts_at) index does the work; local_date decides.
  const lo = new Date(Date.parse(`${input.from}T00:00:00Z`) - 86_400_000);
  const hi = new Date(Date.parse(`${to}T00:00:00Z`) + 2 * 86_400_000);
  return readAppointments(ctx.em, 'a.doctor_id = ? AND a.starts_at >= ? AND a.starts_at < ? AND a.local_date BETWEEN ? AND ?', [input.doctorId, lo, hi, input.from, to]);
}

/** Upcoming: soonest first, on the (patient_id, starts_at) index; id orders appointments of one instant. */
const SOONEST_FIRST: KeysetColumn<AppointmentSortRow>[] = [
  { column: 'a.starts_at', direction: 'ASC', kind: 'instant', value: (r) => r.starts_at },
  { column: 'a.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];
/** Past: latest first, the same index read backwards. */
const LATEST_FIRST: KeysetColumn<AppointmentSortRow>[] = [
  { column: 'a.starts_at', direction: 'DESC', kind: 'instant', value: (r) => r.starts_at },
  { column: 'a.id', direction: 'DESC', kind: 'int', value: (r) => Number(r.id) },
];

/**
 * One page of a patient's upcoming (not yet ended) or past (ended) appointments. Each page is a read of the
 * patient's record, audited as such.
 */
export async function forPatient(ctx: CallContext, input: In<'appointments.forPatient'>): Promise<Page<AppointmentView>> {
  const [p]: { hospital_id: number }[] = await ctx.em.query('SELECT hospital_id FROM patients WHERE id = ?', [input.patientId]);
  if (!p) throw notFound('The patient');
  const upcoming = input.when === 'upcoming';
  const page = await appointmentPage(ctx.em, ['a.patient_id = ?', upcoming ? 'a.ends_at > ?' : 'a.ends_at <= ?'], [input.patientId, ctx.now()], {
    order: upcoming ? SOONEST_FIRST : LATEST_FIRST,
    cursor: input.cursor,
    limit: input.limit,
  });
  ctx.audit({ action: 'patient.appointments_read', entity: 'patient', entityId: input.patientId, hospitalId: Number(p.hospital_id) });
  return page;
}
