// Reading appointments as the screens show them (with patient, doctor and department names), and the doctor data
// availability is computed from, each in a fixed number of queries whatever the number of doctors.
import { addDays, isoWeekday } from '@shared/domain/dates';
import type { EntityManager } from 'typeorm';
import type { AppointmentView } from '@shared/contract/appointments';
import type { Page } from '@shared/contract/channel';
import type { AppointmentStatus, ExceptionKind, StaffStatus } from '@shared/domain/scheduling';
import { MAX_APPOINTMENT_MINUTES } from '@shared/domain/scheduling';
import { doctorName, fullName } from '@shared/domain/format';
import { keysetPage, type PageRequest } from '../../db/pages';
import { addMissingZones, localInstant, type HospitalZone } from '../../platform/zones';
import type { AwayBlock, Busy, DoctorDay, HoursBlock } from './availability';

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
  day_only: number;
  version: number;
}

const VIEW_SELECT = `SELECT a.id, a.hospital_id, a.department_id, dep.name AS department_name, a.doctor_id,
       ds.first_name AS doctor_first, ds.last_name AS doctor_last, a.patient_id, p.patient_number,
       p.first_name AS patient_first, p.middle_name AS patient_middle, p.last_name AS patient_last,
       a.starts_at, a.ends_at, a.local_date, a.reason, a.status, a.cancel_reason, a.queue_number,
       a.checked_in_at, a.completed_at, a.day_only, a.version
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
    patientName: fullName(r.patient_first, r.patient_middle, r.patient_last),
    start: r.starts_at.toISOString(),
    end: r.ends_at.toISOString(),
    date: r.local_date,
    reason: r.reason,
    status: r.status,
    cancelReason: r.cancel_reason,
    queueNumber: r.queue_number,
    checkedInAt: r.checked_in_at?.toISOString() ?? null,
    completedAt: r.completed_at?.toISOString() ?? null,
    ...(Number(r.day_only) ? { dayOnly: true } : {}),
    version: Number(r.version),
  };
}

/**
 * Every appointment matching `where` (fixed SQL of this module's callers; values go through `args`), earliest first:
 * the callers' conditions bound the answer (one hospital's day, one doctor's week, one absence), and a cut there
 * would silently drop appointments from a schedule or from the list of those to move. An open-ended list (a
 * patient's) is paged with `appointmentPage` instead.
 */
export async function readAppointments(em: EntityManager, where: string, args: unknown[]): Promise<AppointmentView[]> {
  const rows: AppointmentRow[] = await em.query(`${VIEW_SELECT} WHERE ${where} ORDER BY a.starts_at, a.id`, args);
  return rows.map(toView);
}

/** The sort values of an appointment row a page of appointments may be ordered by. */
export type AppointmentSortRow = Pick<AppointmentRow, 'id' | 'starts_at'>;

/** One page of appointments as the screens show them: `where` is fixed SQL of the caller, values go through `args`. */
export async function appointmentPage(em: EntityManager, where: readonly string[], args: readonly unknown[], request: PageRequest<AppointmentSortRow>): Promise<Page<AppointmentView>> {
  const page = await keysetPage<AppointmentRow>(em, { select: VIEW_SELECT, where, args }, request);
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
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
  departmentName: string | null;
  specialization: string;
  defaultSlotMinutes: number;
  userId: number | null;
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(',');

/**
 * Doctors with their hours, absences and appointments (not cancelled) from local day `from` to `to`, in two queries
 * for any number of doctors. `lockBusy` reads the appointments with a locking read, which sees rows committed after
 * this transaction's snapshot (booking holds the doctor's row lock, so nobody else writes them meanwhile).
 */
export async function loadDoctors(
  em: EntityManager,
  ids: number[],
  from: string,
  to: string,
  zones: Map<number, HospitalZone>,
  opts: { lockBusy?: boolean; excludeAppointmentId?: number; withBusy?: boolean } = {},
): Promise<Map<number, DoctorFacts>> {
  const out = new Map<number, DoctorFacts>();
  if (ids.length === 0) return out;
  const weekdays: number[] = [];
  for (let day = from; day <= to && weekdays.length < 7; day = addDays(day, 1)) weekdays.push(isoWeekday(day));
  // Each doctor with each block of hours valid in the period (or one row without hours).
  const rows: {
    id: number;
    hospital_id: number;
    department_id: number | null;
    department_name: string | null;
    first_name: string;
    last_name: string;
    status: StaffStatus;
    terminated_on: string | null;
    user_id: number | null;
    specialization: string;
    default_slot_minutes: number;
    b_hospital_id: number | null;
    weekday: number | null;
    start_minute: number | null;
    end_minute: number | null;
    slot_minutes: number | null;
    valid_from: string | null;
    valid_to: string | null;
  }[] = await em.query(
    `SELECT s.id, s.hospital_id, s.department_id, dep.name AS department_name, s.first_name, s.last_name, s.status, s.terminated_on, s.user_id,
            d.specialization, d.default_slot_minutes, b.hospital_id AS b_hospital_id, b.weekday, b.start_minute, b.end_minute, b.slot_minutes,
            b.valid_from, b.valid_to
       FROM staff s
       JOIN doctors d ON d.staff_id = s.id
       LEFT JOIN departments dep ON dep.id = s.department_id
       LEFT JOIN doctor_schedules b ON b.doctor_id = s.id AND b.weekday IN (${inList(weekdays.length)}) AND b.valid_from <= ? AND (b.valid_to IS NULL OR b.valid_to >= ?)
      WHERE s.id IN (${inList(ids.length)})`,
    [...weekdays, to, from, ...ids],
  );
  for (const r of rows) {
    const id = Number(r.id);
    let d = out.get(id);
    if (!d) {
      d = {
        id,
        hospitalId: Number(r.hospital_id),
        departmentId: r.department_id === null ? null : Number(r.department_id),
        departmentName: r.department_name,
        firstName: r.first_name,
        lastName: r.last_name,
        doctorName: doctorName(r.first_name, r.last_name),
        status: r.status,
        terminatedOn: r.terminated_on,
        userId: r.user_id === null ? null : Number(r.user_id),
        specialization: r.specialization,
        defaultSlotMinutes: Number(r.default_slot_minutes),
        blocks: [],
        away: [],
        busy: [],
      };
      out.set(id, d);
    }
    if (r.b_hospital_id === null) continue;
    d.blocks.push({
      hospitalId: Number(r.b_hospital_id),
      weekday: Number(r.weekday),
      startMinute: Number(r.start_minute),
      endMinute: Number(r.end_minute),
      slotMinutes: Number(r.slot_minutes),
      validFrom: r.valid_from!,
      validTo: r.valid_to,
    } satisfies HoursBlock);
  }
  const found = [...out.keys()];
  if (found.length === 0) return out;
  // A hospital newer than the cached zones (created at another workstation moments ago) is read now.
  await addMissingZones(em, zones, [...out.values()].flatMap((d) => [d.hospitalId, ...d.blocks.map((b) => b.hospitalId)]));

  // The instants the local days span, in every zone the doctors work in; an appointment may start before the day.
  const usedZones = new Set<string>();
  for (const d of out.values()) {
    usedZones.add(zones.get(d.hospitalId)?.timeZone ?? 'UTC');
    for (const b of d.blocks) usedZones.add(zones.get(b.hospitalId)?.timeZone ?? 'UTC');
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const z of usedZones) {
    lo = Math.min(lo, localInstant(from, 0, z));
    hi = Math.max(hi, localInstant(to, 1440, z));
  }
  // Absences (the doctor's exceptions and HR's leave records) and bookings in one round trip.
  const withBusy = opts.withBusy !== false;
  const exclude = opts.excludeAppointmentId ? ' AND id <> ?' : '';
  const rest: {
    t: 'a' | 'b';
    doctor_id: number;
    kind: ExceptionKind | null;
    start_date: string | null;
    end_date: string | null;
    start_minute: number | null;
    end_minute: number | null;
    starts_at: Date | null;
    ends_at: Date | null;
  }[] = await em.query(
    `(SELECT 'a' AS t, doctor_id, kind, start_date, end_date, start_minute, end_minute, CAST(NULL AS DATETIME(3)) AS starts_at, CAST(NULL AS DATETIME(3)) AS ends_at
        FROM doctor_exceptions WHERE doctor_id IN (${inList(found.length)}) AND end_date >= ? AND start_date <= ?)
     UNION ALL
     (SELECT 'a', staff_id, CASE kind WHEN 'sick' THEN 'sick' WHEN 'training' THEN 'training' ELSE 'leave' END, start_date, end_date, NULL, NULL, NULL, NULL
        FROM staff_leave WHERE staff_id IN (${inList(found.length)}) AND status = 'recorded' AND end_date >= ? AND start_date <= ?)
     ${
       withBusy
         ? `UNION ALL
     (SELECT 'b', doctor_id, NULL, NULL, NULL, NULL, NULL, starts_at, ends_at
        FROM appointments WHERE doctor_id IN (${inList(found.length)}) AND starts_at >= ? AND starts_at < ? AND status <> 'cancelled'${exclude}
        ${opts.lockBusy ? 'LOCK IN SHARE MODE' : ''})`
         : ''
     }`,
    [
      ...found,
      addDays(from, -1),
      addDays(to, 1),
      ...found,
      addDays(from, -1),
      addDays(to, 1),
      ...(withBusy ? [...found, new Date(lo - MAX_APPOINTMENT_MINUTES * 60_000), new Date(hi), ...(opts.excludeAppointmentId ? [opts.excludeAppointmentId] : [])] : []),
    ],
  );
  for (const r of rest) {
    const d = out.get(Number(r.doctor_id))!;
    if (r.t === 'a') {
      d.away.push({ kind: r.kind!, startDate: r.start_date!, endDate: r.end_date!, startMinute: r.start_minute, endMinute: r.end_minute } satisfies AwayBlock);
    } else {
      d.busy.push({ start: r.starts_at!.getTime(), end: r.ends_at!.getTime() } satisfies Busy);
    }
  }
  return out;
}
