// Booking and the status flow. Every write locks the doctor's row (and the patient's) before it checks and writes,
// so desks booking the same slot take turns and exactly one of them gets it.
import { conflict, forbidden, invalid, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { AppointmentView } from '@shared/contract/appointments';
import { localDate } from '@shared/domain/dates';
import { clockTime, doctorName, fullName, readableDate, readableDay } from '@shared/domain/format';
import { canMove, MAX_APPOINTMENT_MINUTES, refusedMove, type AppointmentStatus } from '@shared/domain/scheduling';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { lockRow, lockRows } from '../../db/locks';
import { withColumnDefaults } from '../../db/columns';
import { insertRows } from '../../db/writer';
import { chargeConsultation } from '../billing';
import { signEncounterOfAppointment } from '../clinical';
import { PatientEntity } from '../patients';
import { DoctorEntity } from '../staff';
import { AppointmentEntity } from './appointment.entity';
import { hospitalZones, type HospitalZone } from '../../platform/zones';
import { loadDoctors, readAppointment, type DoctorFacts } from './appointment-views';
import { dayAvailability, type FreeSlot } from './availability';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

/** "09:30 on Tue 24 Nov 2026" in the hospital's time. */
export function slotLabel(start: number, zone: string): string {
  return `${clockTime(start, zone)} on ${readableDay(start, zone, { weekday: true })}`;
}

/** "The 09:30 slot on Tue 24 Nov 2026" */
const slotName = (start: number, zone: string) => `The ${clockTime(start, zone)} slot on ${readableDay(start, zone, { weekday: true })}`;

async function lockDoctors(ctx: CallContext, ids: number[]): Promise<void> {
  // Always in id order: two reschedules between the same doctors cannot wait on each other.
  const rows = await lockRows(ctx.em, DoctorEntity, ids, { only: ['staffId'] });
  if (rows.length !== new Set(ids).size) throw notFound('The doctor');
}

async function lockPatient(ctx: CallContext, id: number): Promise<{ name: string; fullName: string; number: string }> {
  const p = await lockRow(ctx.em, PatientEntity, id, { only: ['firstName', 'middleName', 'lastName', 'patientNumber'] });
  if (!p) throw notFound('The patient');
  return { name: `${p.firstName} ${p.lastName}`, fullName: fullName(p.firstName, p.middleName, p.lastName), number: p.patientNumber };
}

/**
 * The free slot that starts exactly at `start`, or why there is none. Read after the doctor's row lock, with a locking
 * read of the doctor's appointments: what another desk committed a moment ago counts.
 */
async function claimSlot(
  ctx: CallContext,
  zones: Map<number, HospitalZone>,
  doctorId: number,
  start: Date,
  excludeAppointmentId?: number,
): Promise<{ slot: FreeSlot; doctor: DoctorFacts; date: string }> {
  const now = ctx.now().getTime();
  if (start.getTime() <= now) throw invalid({ start: 'That time has already passed: choose a time in the future.' }, 'Appointments cannot be booked in the past.');
  const zoneOf = (hid: number) => zones.get(hid)?.timeZone ?? 'UTC';
  // The local day of `start` differs by zone; a doctor may work at hospitals in different zones.
  const probe = await loadDoctors(ctx.em, [doctorId], localDate(new Date(start.getTime() - 86_400_000), 'UTC'), localDate(new Date(start.getTime() + 86_400_000), 'UTC'), zones, {
    lockBusy: true,
    excludeAppointmentId,
  });
  const doctor = probe.get(doctorId);
  if (!doctor) throw notFound('The doctor');
  const zonesWorked = new Set([doctor.hospitalId, ...doctor.blocks.map((b) => b.hospitalId)].map(zoneOf));
  let why: string | null = null;
  for (const zone of zonesWorked) {
    const date = localDate(start, zone);
    const today = localDate(ctx.now(), zone);
    const day = dayAvailability(doctor, date, zoneOf, today, now);
    const slot = day.slots.find((s) => s.start === start.getTime() && zoneOf(s.hospitalId) === zone);
    if (slot) return { slot, doctor, date };
    // Taken, or not a slot at all?
    const everySlot = dayAvailability({ ...doctor, busy: [] }, date, zoneOf, today, now);
    const wouldBe = everySlot.slots.find((s) => s.start === start.getTime() && zoneOf(s.hospitalId) === zone);
    if (wouldBe) {
      throw conflict(`${slotName(start.getTime(), zone)} with ${doctor.doctorName} is already taken. Choose another slot.`, { slotStart: start.toISOString() });
    }
    why ??= everySlot.unavailable?.message ?? null;
  }
  const zone = zoneOf(doctor.hospitalId);
  throw invalid(
    { start: why ?? `${slotLabel(start.getTime(), zone)} is not one of ${doctor.doctorName}'s slots.` },
    `${slotLabel(start.getTime(), zone)} is not a free slot of ${doctor.doctorName}${why ? `: ${why}` : '.'}`,
  );
}

/** The patient may not be in two places at once (any doctor, any hospital of the chain). */
async function refusePatientOverlap(ctx: CallContext, patientId: number, patientName: string, slot: FreeSlot, zone: string, excludeId?: number): Promise<void> {
  const rows: { id: number; starts_at: Date; first_name: string; last_name: string }[] = await ctx.em.query(
    `SELECT a.id, a.starts_at, s.first_name, s.last_name FROM appointments a JOIN staff s ON s.id = a.doctor_id
      WHERE a.patient_id = ? AND a.starts_at >= ? AND a.starts_at < ? AND a.ends_at > ? AND a.status <> 'cancelled' ${excludeId ? 'AND a.id <> ?' : ''}
      LIMIT 1 LOCK IN SHARE MODE`,
    [patientId, new Date(slot.start - MAX_APPOINTMENT_MINUTES * 60_000), new Date(slot.end), new Date(slot.start), ...(excludeId ? [excludeId] : [])],
  );
  if (rows[0]) {
    throw conflict(
      `${patientName} already has an appointment at ${slotLabel(rows[0].starts_at.getTime(), zone)} with ${doctorName(rows[0].first_name, rows[0].last_name)}, which overlaps this slot.`,
      { appointmentId: Number(rows[0].id) },
    );
  }
}

export async function bookAppointment(ctx: CallContext, input: In<'appointments.book'>): Promise<AppointmentView> {
  const zones = await hospitalZones(ctx.em);
  await lockDoctors(ctx, [input.doctorId]);
  const patient = await lockPatient(ctx, input.patientId);
  const { slot, doctor, date } = await claimSlot(ctx, zones, input.doctorId, new Date(input.start));
  ctx.requireHospital(slot.hospitalId);
  const zone = zones.get(slot.hospitalId)!.timeZone;
  await refusePatientOverlap(ctx, input.patientId, patient.name, slot, zone);
  const now = ctx.now();
  const departmentId = doctor.hospitalId === slot.hospitalId ? doctor.departmentId : null;
  const row = withColumnDefaults(ctx.em, AppointmentEntity, {
    hospitalId: slot.hospitalId,
    departmentId,
    doctorId: doctor.id,
    patientId: input.patientId,
    startsAt: new Date(slot.start),
    endsAt: new Date(slot.end),
    localDate: date,
    dayOnly: false,
    reason: input.reason,
    status: 'booked',
    bookedBy: ctx.user.userId,
    version: 1,
    createdAt: now,
    updatedAt: now,
  } as AppointmentEntity);
  // Hot path: one INSERT and no read-back; the answer is built from what this call already holds.
  const id = await insertRows(ctx.em, AppointmentEntity, [row]);
  ctx.audit({
    action: 'appointment.book',
    entity: 'appointment',
    entityId: id,
    hospitalId: slot.hospitalId,
    changes: { patientId: input.patientId, patientNumber: patient.number, doctorId: doctor.id, start: new Date(slot.start).toISOString(), end: new Date(slot.end).toISOString(), reason: input.reason },
  });
  return {
    id,
    hospitalId: slot.hospitalId,
    departmentId,
    departmentName: departmentId === null ? null : doctor.departmentName,
    doctorId: doctor.id,
    doctorName: doctor.doctorName,
    patientId: input.patientId,
    patientNumber: patient.number,
    patientName: patient.fullName,
    start: new Date(slot.start).toISOString(),
    end: new Date(slot.end).toISOString(),
    date,
    reason: input.reason,
    status: 'booked',
    cancelReason: null,
    queueNumber: null,
    checkedInAt: null,
    completedAt: null,
    version: 1,
  };
}

/** The appointment, locked after its doctor's row (the same order booking takes them in). */
async function lockAppointment(ctx: CallContext, id: number, extraDoctors: number[] = []): Promise<AppointmentEntity> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const peek = await requireHospitalOf(ctx, AppointmentEntity, id, 'The appointment');
    await lockDoctors(ctx, [peek.doctorId, ...extraDoctors]);
    const a = await lockRow(ctx.em, AppointmentEntity, id);
    if (!a) throw notFound('The appointment');
    // Moved to another doctor between the two reads: lock that one too.
    if (a.doctorId === peek.doctorId) return a;
  }
  throw conflict('The appointment is being changed at another desk right now; please try again.');
}

function requireMove(a: AppointmentEntity, to: AppointmentStatus): void {
  if (!canMove(a.status, to)) throw conflict(refusedMove(a.status, to), { status: a.status });
}

async function saveMove(ctx: CallContext, a: AppointmentEntity, to: AppointmentStatus, facts: Record<string, unknown> = {}): Promise<AppointmentView> {
  const from = a.status;
  a.status = to;
  a.version += 1;
  await ctx.em.save(a);
  ctx.audit({ action: `appointment.${to}`, entity: 'appointment', entityId: a.id, hospitalId: a.hospitalId, changes: { status: [from, to], ...facts } });
  return (await readAppointment(ctx.em, a.id))!;
}

export async function cancelAppointment(ctx: CallContext, input: In<'appointments.cancel'>): Promise<AppointmentView> {
  const a = await lockAppointment(ctx, input.id);
  requireMove(a, 'cancelled');
  a.cancelReason = input.reason;
  a.cancelledAt = ctx.now();
  return saveMove(ctx, a, 'cancelled', { reason: input.reason });
}

export async function checkInAppointment(ctx: CallContext, input: In<'appointments.checkIn'>): Promise<AppointmentView> {
  const a = await lockAppointment(ctx, input.id);
  requireMove(a, 'checked_in');
  const zones = await hospitalZones(ctx.em);
  const zone = zones.get(a.hospitalId)?.timeZone ?? 'UTC';
  const today = localDate(ctx.now(), zone);
  if (a.localDate !== today) {
    throw conflict(`This appointment is on ${readableDate(a.localDate)}; patients check in on the day of their appointment (today is ${readableDate(today)}).`);
  }
  // The doctor's row is locked: the queue numbers of the day are handed out one at a time.
  const [q]: { last: number | null }[] = await ctx.em.query('SELECT MAX(queue_number) AS last FROM appointments WHERE doctor_id = ? AND local_date = ?', [a.doctorId, a.localDate]);
  a.queueNumber = Number(q.last ?? 0) + 1;
  a.checkedInAt = ctx.now();
  return saveMove(ctx, a, 'checked_in', { queueNumber: a.queueNumber });
}

export async function completeAppointment(ctx: CallContext, input: In<'appointments.complete'>): Promise<AppointmentView> {
  const a = await lockAppointment(ctx, input.id);
  // A doctor completes their own appointments; a role an administrator granted it to (a clinic lead, say) any.
  if (ctx.grantedOnlyAs('doctor')) {
    const [own]: { user_id: number | null }[] = await ctx.em.query('SELECT user_id FROM staff WHERE id = ?', [a.doctorId]);
    if (!own || own.user_id !== ctx.user.userId) throw forbidden("Doctors complete their own appointments only; this is another doctor's patient.");
  }
  requireMove(a, 'completed');
  a.completedAt = ctx.now();
  // The consultation becomes a charge for billing in the same transaction.
  await chargeConsultation(ctx, { id: Number(a.id), hospitalId: a.hospitalId, patientId: Number(a.patientId), doctorId: a.doctorId, localDate: a.localDate });
  // Its consultation's encounter is signed: from now on it is read-only.
  await signEncounterOfAppointment(ctx, Number(a.id));
  return saveMove(ctx, a, 'completed');
}

export async function markNoShow(ctx: CallContext, input: In<'appointments.markNoShow'>): Promise<AppointmentView> {
  const a = await lockAppointment(ctx, input.id);
  requireMove(a, 'no_show');
  if (a.startsAt.getTime() > ctx.now().getTime()) {
    const zones = await hospitalZones(ctx.em);
    throw conflict(`The appointment starts at ${slotLabel(a.startsAt.getTime(), zones.get(a.hospitalId)?.timeZone ?? 'UTC')}: a patient can only be a no-show once that time has come.`);
  }
  return saveMove(ctx, a, 'no_show');
}

export async function rescheduleAppointment(ctx: CallContext, input: In<'appointments.reschedule'>): Promise<AppointmentView> {
  const doctorId = input.doctorId;
  const a = await lockAppointment(ctx, input.id, doctorId ? [doctorId] : []);
  if (a.version !== input.version) throw conflict('The appointment was changed at another desk since you opened it; check it and try again.', { current: await readAppointment(ctx.em, a.id) });
  if (a.status !== 'booked') throw conflict(`Only booked appointments can be moved; this one is ${a.status.replace('_', ' ')}.`, { status: a.status });
  const patient = await lockPatient(ctx, a.patientId);
  const zones = await hospitalZones(ctx.em);
  const target = doctorId ?? a.doctorId;
  const { slot, doctor, date } = await claimSlot(ctx, zones, target, new Date(input.start), a.id);
  ctx.requireHospital(slot.hospitalId);
  await refusePatientOverlap(ctx, a.patientId, patient.name, slot, zones.get(slot.hospitalId)!.timeZone, a.id);
  const before = { doctorId: a.doctorId, start: a.startsAt.toISOString(), date: a.localDate, hospitalId: a.hospitalId };
  a.doctorId = doctor.id;
  a.hospitalId = slot.hospitalId;
  a.departmentId = doctor.hospitalId === slot.hospitalId ? doctor.departmentId : null;
  a.startsAt = new Date(slot.start);
  a.endsAt = new Date(slot.end);
  a.localDate = date;
  a.version += 1;
  await ctx.em.save(a);
  ctx.audit({
    action: 'appointment.reschedule',
    entity: 'appointment',
    entityId: a.id,
    hospitalId: a.hospitalId,
    changes: { doctorId: [before.doctorId, a.doctorId], start: [before.start, a.startsAt.toISOString()] },
  });
  return (await readAppointment(ctx.em, a.id))!;
}

export async function getAppointment(ctx: CallContext, id: number): Promise<AppointmentView> {
  const a = await readAppointment(ctx.em, id);
  if (!a) throw notFound('The appointment');
  ctx.requireHospital(a.hospitalId);
  return a;
}
