// Reading appointments as the screens show them (with patient, doctor and department names), and the doctor data
// availability is computed from, each in a fixed number of queries whatever the number of doctors.
import type { EntityManager } from 'typeorm';
import type { AppointmentView } from '@shared/contract/appointments';
import type { AppointmentStatus, ExceptionKind, StaffStatus } from '@shared/domain/scheduling';
import { MAX_APPOINTMENT_MINUTES } from '@shared/domain/scheduling';
import { addDays, localInstant, type AwayBlock, type Busy, type DoctorDay, type HoursBlock } from './availability';

interface AppointmentRow {
  id: number | string;
  hospital_id: number;
  department_id: number | null;
  department_name: string | null;
  doctor_id: number;
  doctor_first: string;
  doctor_last: string;
  patient_id: number | string;
  patient_number: string;
  patient_first: string;
  patient_middle: string | null;
  patient_last: string;
  starts_at: Date;
  ends_at: Date;
  local_date: string;
  reason: string | null;
  status: AppointmentStatus;
  cancel_reason: string | null;
  queue_number: number | null;
  checked_in_at: Date | null;
  completed_at: Date | null;
  version: number;
}

export const doctorName = (first: string, last: string) => `Dr ${first} ${last}`;

const VIEW_SELECT = `SELECT a.id, a.hospital_id, a.department_id, dep.name AS department_name, a.doctor_id,
       ds.first_name AS doctor_first, ds.last_name AS doctor_last, a.patient_id, p.patient_number,
       p.first_name AS patient_first, p.middle_name AS patient_middle, p.last_name AS patient_last,
       a.starts_at, a.ends_at, a.local_date, a.reason, a.status, a.cancel_reason, a.queue_number,
       a.checked_in_at, a.completed_at, a.version
  FROM appointments a
  JOIN staff ds ON ds.id = a.doctor_id
  JOIN patients p ON p.id = a.patient_id
  LEFT JOIN departments dep ON dep.id = a.department_id`;

function toView(r: AppointmentRow): AppointmentView {
  return {
    id: Number(r.id),
    hospitalId: Number(r.hospital_id),
    departmentId: r.department_id === null ? null : Number(r.department_id),
    departmentName: r.department_name,
    doctorId: Number(r.doctor_id),
    doctorName: doctorName(r.doctor_first, r.doctor_last),
    patientId: Number(r.patient_id),
    patientNumber: r.patient_number,
    patientName: [r.patient_first, r.patient_middle, r.patient_last].filter(Boolean).join(' '),
    start: r.starts_at.toISOString(),
    end: r.ends_at.toISOString(),
    date: r.local_date,
    reason: r.reason,
    status: r.status,
    cancelReason: r.cancel_reason,
    queueNumber: r.queue_number,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    completedAt: r.completed_at?.toISOString() ?? null,
    version: Number(r.version),
  };
}

/** `where` and `order` are fixed SQL of this module's callers; values go through `args`. */
export async function readAppointments(em: EntityManager, where: string, args: unknown[], order = 'a.starts_at, a.id', limit = 2000): Promise<AppointmentView[]> {
  const rows: AppointmentRow[] = await em.query(`${VIEW_SELECT} WHERE ${where} ORDER BY ${order} LIMIT ${Math.floor(limit)}`, args);
  return rows.map(toView);
}

export async function readAppointment(em: EntityManager, id: number): Promise<AppointmentView | null> {
  return (await readAppointments(em, 'a.id = ?', [id]))[0] ?? null;
}

export interface DoctorFacts extends DoctorDay {
  id: number;
  hospitalId: number;
  departmentId: number | null;
  firstName: string;
  lastName: string;
  specialization: string;
  defaultSlotMinutes: number;
  userId: number | null;
}

export interface HospitalZone {
  id: number;
  name: string;
  timeZone: string;
}

export async function hospitalZones(em: EntityManager): Promise<Map<number, HospitalZone>> {
  const rows: { id: number; name: string; time_zone: string }[] = await em.query('SELECT id, name, time_zone FROM hospitals');
  return new Map(rows.map((r) => [Number(r.id), { id: Number(r.id), name: r.name, timeZone: r.time_zone }]));
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');

/**
 * Doctors with their hours, absences and appointments (not cancelled) from local day `from` to `to`: five queries for
 * any number of doctors. `lockBusy` reads the appointments with a locking read, which sees rows committed after this
 * transaction's snapshot (booking holds the doctor's row lock, so nobody else writes them meanwhile).
 */
export async function loadDoctors(
  em: EntityManager,
  ids: number[],
  from: string,
  to: string,
  zones: Map<number, HospitalZone>,
  opts: { lockBusy?: boolean; excludeAppointmentId?: number } = {},
): Promise<Map<number, DoctorFacts>> {
  const out = new Map<number, DoctorFacts>();
  if (ids.length === 0) return out;
  const doctors: {
    id: number;
    hospital_id: number;
    department_id: number | null;
    first_name: string;
    last_name: string;
    status: StaffStatus;
    terminated_on: string | null;
    user_id: number | null;
    specialization: string;
    default_slot_minutes: number;
  }[] = await em.query(
    `SELECT s.id, s.hospital_id, s.department_id, s.first_name, s.last_name, s.status, s.terminated_on, s.user_id, d.specialization, d.default_slot_minutes
       FROM staff s JOIN doctors d ON d.staff_id = s.id WHERE s.id IN (${inList(ids.length)})`,
    ids,
  );
  for (const d of doctors) {
    out.set(Number(d.id), {
      id: Number(d.id),
      hospitalId: Number(d.hospital_id),
      departmentId: d.department_id === null ? null : Number(d.department_id),
      firstName: d.first_name,
      lastName: d.last_name,
      doctorName: doctorName(d.first_name, d.last_name),
      status: d.status,
      terminatedOn: d.terminated_on,
      userId: d.user_id === null ? null : Number(d.user_id),
      specialization: d.specialization,
      defaultSlotMinutes: Number(d.default_slot_minutes),
      blocks: [],
      away: [],
      busy: [],
    });
  }
  const found = [...out.keys()];
  if (found.length === 0) return out;

  const blocks: (HoursBlock & { doctorId: number })[] = (
    await em.query(
      `SELECT doctor_id, hospital_id, weekday, start_minute, end_minute, slot_minutes, valid_from, valid_to FROM doctor_schedules
        WHERE doctor_id IN (${inList(found.length)}) AND valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
      [...found, to, from],
    )
  ).map((r: Record<string, unknown>) => ({
    doctorId: Number(r.doctor_id),
    hospitalId: Number(r.hospital_id),
    weekday: Number(r.weekday),
    startMinute: Number(r.start_minute),
    endMinute: Number(r.end_minute),
    slotMinutes: Number(r.slot_minutes),
    validFrom: r.valid_from as string,
    validTo: (r.valid_to as string | null) ?? null,
  }));
  for (const b of blocks) out.get(b.doctorId)!.blocks.push(b);

  const away: { doctor_id: number; kind: ExceptionKind; start_date: string; end_date: string; start_minute: number | null; end_minute: number | null }[] = await em.query(
    `SELECT doctor_id, kind, start_date, end_date, start_minute, end_minute FROM doctor_exceptions
      WHERE doctor_id IN (${inList(found.length)}) AND end_date >= ? AND start_date <= ?`,
    [...found, addDays(from, -1), addDays(to, 1)],
  );
  for (const a of away) {
    const block: AwayBlock = { kind: a.kind, startDate: a.start_date, endDate: a.end_date, startMinute: a.start_minute, endMinute: a.end_minute };
    out.get(Number(a.doctor_id))!.away.push(block);
  }

  // The instants the local days span, in every zone the doctors work in; an appointment may start before the day.
  const usedZones = new Set<string>();
  for (const d of out.values()) for (const b of d.blocks) usedZones.add(zones.get(b.hospitalId)?.timeZone ?? 'UTC');
  for (const d of out.values()) usedZones.add(zones.get(d.hospitalId)?.timeZone ?? 'UTC');
  let lo = Infinity;
  let hi = -Infinity;
  for (const z of usedZones) {
    lo = Math.min(lo, localInstant(from, 0, z));
    hi = Math.max(hi, localInstant(to, 1440, z));
  }
  const busy: { doctor_id: number; starts_at: Date; ends_at: Date }[] = await em.query(
    `SELECT doctor_id, starts_at, ends_at FROM appointments
      WHERE doctor_id IN (${inList(found.length)}) AND starts_at >= ? AND starts_at < ? AND status <> 'cancelled'${opts.excludeAppointmentId ? ' AND id <> ?' : ''}
      ${opts.lockBusy ? 'LOCK IN SHARE MODE' : ''}`,
    [...found, new Date(lo - MAX_APPOINTMENT_MINUTES * 60_000), new Date(hi), ...(opts.excludeAppointmentId ? [opts.excludeAppointmentId] : [])],
  );
  for (const b of busy) out.get(Number(b.doctor_id))!.busy.push({ start: b.starts_at.getTime(), end: b.ends_at.getTime() } satisfies Busy);
  return out;
}
