// Bed reservations (elective admissions) and operating-theatre bookings. Each locks the bed or theatre row before it
// looks for overlaps, so two desks reserving the same nights take turns and the second is refused.
import { clockTime, doctorName, fullName, readableDate } from '@shared/domain/format';
import { conflict, invalid, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { BedBooking, TheatreBooking } from '@shared/contract/wards';
import { localDate } from '@shared/domain/dates';
import { UNIT_STATE_LABELS, type BookingStatus, type RoomType, type UnitState } from '@shared/domain/wards';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { lockRow } from '../../db/locks';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { insertRows } from '../../db/writer';
import { hospitalZones } from '../../platform/zones';
import { BedBookingEntity, TheatreBookingEntity } from './stay.entity';
import { BedEntity, RoomEntity } from './ward.entity';
import { PatientEntity } from '../patients';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

const BOOKING_SELECT = `SELECT bb.id, bb.hospital_id, bb.bed_id, b.label, r.number, bb.patient_id, p.patient_number, p.first_name, p.middle_name, p.last_name,
       bb.from_date, bb.to_date, bb.reason, bb.status, bb.stay_id
  FROM bed_bookings bb JOIN beds b ON b.id = bb.bed_id JOIN rooms r ON r.id = b.room_id JOIN patients p ON p.id = bb.patient_id`;

interface BookingRow {
  id: number;
  hospital_id: number;
  bed_id: number;
  label: string;
  number: string;
  patient_id: number;
  patient_number: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  from_date: string;
  to_date: string;
  reason: string | null;
  status: BookingStatus;
  stay_id: number | null;
}

const toBooking = (r: BookingRow): BedBooking => ({
  id: Number(r.id),
  hospitalId: Number(r.hospital_id),
  bedId: Number(r.bed_id),
  bedLabel: r.label,
  roomNumber: r.number,
  patientId: Number(r.patient_id),
  patientNumber: r.patient_number,
  patientName: fullName(r.first_name, r.middle_name, r.last_name),
  from: r.from_date,
  to: r.to_date,
  reason: r.reason,
  status: r.status,
  stayId: r.stay_id === null ? null : Number(r.stay_id),
});

async function readBooking(ctx: CallContext, id: number): Promise<BedBooking> {
  const [r]: BookingRow[] = await ctx.em.query(`${BOOKING_SELECT} WHERE bb.id = ?`, [id]);
  if (!r) throw notFound('The reservation');
  return toBooking(r);
}

export async function bookBed(ctx: CallContext, input: In<'beds.book'>): Promise<BedBooking> {
  await lockRow(ctx.em, BedEntity, input.bedId, { only: ['id'] });
  const [bed]: { id: number; hospital_id: number; label: string; state: UnitState; number: string; room_type: RoomType; room_state: UnitState; time_zone: string }[] = await ctx.em.query(
    `SELECT b.id, b.hospital_id, b.label, b.state, r.number, r.room_type, r.state AS room_state, h.time_zone
       FROM beds b JOIN rooms r ON r.id = b.room_id JOIN hospitals h ON h.id = b.hospital_id WHERE b.id = ?`,
    [input.bedId],
  );
  if (!bed) throw notFound('The bed');
  ctx.requireHospital(Number(bed.hospital_id));
  const name = `${bed.number}-${bed.label}`;
  const today = localDate(ctx.now(), bed.time_zone);
  if (input.from < today) throw invalid({ from: 'Reservations start today or later.' });
  if (bed.state === 'out_of_service' || bed.room_state === 'out_of_service') throw conflict(`Bed ${name} is ${UNIT_STATE_LABELS.out_of_service.toLowerCase()}.`);
  const patient = await lockRow(ctx.em, PatientEntity, input.patientId, { only: ['firstName', 'lastName'] });
  if (!patient) throw notFound('The patient');

  // Locking reads: a reservation or admission committed a moment ago counts.
  const [clash]: { from_date: string; to_date: string; first_name: string; middle_name: string | null; last_name: string }[] = await ctx.em.query(
    `SELECT bb.from_date, bb.to_date, p.first_name, p.middle_name, p.last_name FROM bed_bookings bb JOIN patients p ON p.id = bb.patient_id
      WHERE bb.bed_id = ? AND bb.status = 'reserved' AND bb.from_date < ? AND bb.to_date > ? LIMIT 1 LOCK IN SHARE MODE`,
    [input.bedId, input.to, input.from],
  );
  if (clash) {
    throw conflict(`Bed ${name} is already reserved for ${fullName(clash.first_name, clash.middle_name, clash.last_name)} from ${readableDate(clash.from_date)} to ${readableDate(clash.to_date)}.`);
  }
  const [occupant]: { expected_discharge: string | null; first_name: string; middle_name: string | null; last_name: string }[] = await ctx.em.query(
    `SELECT s.expected_discharge, p.first_name, p.middle_name, p.last_name FROM bed_stays bs JOIN stays s ON s.id = bs.stay_id JOIN patients p ON p.id = s.patient_id
      WHERE bs.occupied_bed_id = ? LOCK IN SHARE MODE`,
    [input.bedId],
  );
  if (occupant && (occupant.expected_discharge === null || occupant.expected_discharge > input.from)) {
    throw conflict(
      `Bed ${name} is occupied by ${fullName(occupant.first_name, occupant.middle_name, occupant.last_name)}${occupant.expected_discharge ? `, expected to leave on ${readableDate(occupant.expected_discharge)}` : ' with no expected discharge yet'}.`,
    );
  }
  const [own]: { number: string; label: string; from_date: string }[] = await ctx.em.query(
    `SELECT r.number, b.label, bb.from_date FROM bed_bookings bb JOIN beds b ON b.id = bb.bed_id JOIN rooms r ON r.id = b.room_id
      WHERE bb.patient_id = ? AND bb.status = 'reserved' AND bb.from_date < ? AND bb.to_date > ? LIMIT 1 LOCK IN SHARE MODE`,
    [input.patientId, input.to, input.from],
  );
  if (own) throw conflict(`${patient.firstName} ${patient.lastName} already has bed ${own.number}-${own.label} reserved from ${readableDate(own.from_date)}.`);

  const now = ctx.now();
  const id = await insertRows(ctx.em, BedBookingEntity, [
    Object.assign(new BedBookingEntity(), {
      hospitalId: Number(bed.hospital_id),
      bedId: input.bedId,
      patientId: input.patientId,
      fromDate: input.from,
      toDate: input.to,
      reason: input.reason,
      status: 'reserved',
      cancelReason: null,
      stayId: null,
      bookedBy: ctx.user.userId,
      createdAt: now,
      updatedAt: now,
    }),
  ]);
  ctx.audit({ action: 'bed_booking.reserve', entity: 'bed_booking', entityId: id, hospitalId: Number(bed.hospital_id), changes: { bed: name, ...input } });
  return readBooking(ctx, id);
}

export async function cancelBedBooking(ctx: CallContext, input: In<'beds.cancelBooking'>): Promise<BedBooking> {
  const b = await requireHospitalOf(ctx, BedBookingEntity, input.id, 'The reservation', { lock: true, only: ['hospitalId', 'bedId', 'status'] });
  if (b.status !== 'reserved') throw conflict(b.status === 'admitted' ? 'The patient has been admitted on this reservation: it cannot be cancelled.' : 'The reservation is already cancelled.');
  await ctx.em.query("UPDATE bed_bookings SET status = 'cancelled', cancel_reason = ? WHERE id = ?", [input.reason, input.id]);
  ctx.audit({ action: 'bed_booking.cancel', entity: 'bed_booking', entityId: input.id, hospitalId: b.hospitalId, changes: { reason: input.reason } });
  return readBooking(ctx, input.id);
}

/** By arrival, then room and bed as the board shows them. */
const BY_ARRIVAL: KeysetColumn<BookingRow>[] = [
  { column: 'bb.from_date', direction: 'ASC', kind: 'date', value: (r) => r.from_date },
  { column: 'r.number', direction: 'ASC', kind: 'string', value: (r) => r.number },
  { column: 'b.label', direction: 'ASC', kind: 'string', value: (r) => r.label },
  { column: 'bb.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];

export async function listBedBookings(ctx: CallContext, input: In<'beds.bookings'>): Promise<Page<BedBooking>> {
  ctx.requireHospital(input.hospitalId);
  const zones = await hospitalZones(ctx.em, [input.hospitalId]);
  const from = input.from ?? localDate(ctx.now(), zones.get(input.hospitalId)?.timeZone ?? 'UTC');
  const where = ['bb.hospital_id = ?', 'bb.to_date > ?', "bb.status = 'reserved'"];
  const args: unknown[] = [input.hospitalId, from];
  if (input.patientId) {
    where.push('bb.patient_id = ?');
    args.push(input.patientId);
  }
  if (input.bedId) {
    where.push('bb.bed_id = ?');
    args.push(input.bedId);
  }
  const page = await keysetPage(ctx.em, { select: BOOKING_SELECT, where, args }, { order: BY_ARRIVAL, cursor: input.cursor, limit: input.limit });
  return { items: page.items.map(toBooking), nextCursor: page.nextCursor };
}

// ---- operating theatres ----

const THEATRE_SELECT = `SELECT t.id, t.hospital_id, t.room_id, r.number, t.patient_id, p.patient_number, p.first_name, p.middle_name, p.last_name, t.surgeon_id,
       d.first_name AS surgeon_first, d.last_name AS surgeon_last, t.starts_at, t.ends_at, t.procedure_name, t.status
  FROM theatre_bookings t JOIN rooms r ON r.id = t.room_id JOIN patients p ON p.id = t.patient_id LEFT JOIN staff d ON d.id = t.surgeon_id`;

interface TheatreRow {
  id: number;
  hospital_id: number;
  room_id: number;
  number: string;
  patient_id: number;
  patient_number: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  surgeon_id: number | null;
  surgeon_first: string | null;
  surgeon_last: string | null;
  starts_at: Date;
  ends_at: Date;
  procedure_name: string;
  status: 'booked' | 'cancelled';
}

const toTheatre = (r: TheatreRow): TheatreBooking => ({
  id: Number(r.id),
  hospitalId: Number(r.hospital_id),
  roomId: Number(r.room_id),
  roomNumber: r.number,
  patientId: Number(r.patient_id),
  patientNumber: r.patient_number,
  patientName: fullName(r.first_name, r.middle_name, r.last_name),
  surgeonId: r.surgeon_id === null ? null : Number(r.surgeon_id),
  surgeonName: r.surgeon_first ? doctorName(r.surgeon_first, r.surgeon_last!) : null,
  start: r.starts_at.toISOString(),
  end: r.ends_at.toISOString(),
  procedure: r.procedure_name,
  status: r.status,
});

async function readTheatre(ctx: CallContext, id: number): Promise<TheatreBooking> {
  const [r]: TheatreRow[] = await ctx.em.query(`${THEATRE_SELECT} WHERE t.id = ?`, [id]);
  if (!r) throw notFound('The theatre booking');
  return toTheatre(r);
}

const hhmm = (d: Date, zone: string) => clockTime(d, zone);

export async function bookTheatre(ctx: CallContext, input: In<'theatres.book'>): Promise<TheatreBooking> {
  // The theatre's row alone is locked (not its hospital's): bookings of other theatres go on in parallel.
  const room = await requireHospitalOf(ctx, RoomEntity, input.roomId, 'The theatre', { lock: true, only: ['hospitalId', 'number', 'roomType', 'state'] });
  const timeZone = (await hospitalZones(ctx.em, [room.hospitalId])).get(room.hospitalId)?.timeZone ?? 'UTC';
  if (room.roomType !== 'operating_theatre') throw invalid({ roomId: `Room ${room.number} is not an operating theatre.` });
  if (room.state === 'out_of_service') throw conflict(`Theatre ${room.number} is out of service.`);
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (start.getTime() <= ctx.now().getTime()) throw invalid({ start: 'That time has already passed.' });
  const patient = await lockRow(ctx.em, PatientEntity, input.patientId, { only: ['firstName', 'lastName'] });
  if (!patient) throw notFound('The patient');
  if (input.surgeonId !== undefined) {
    const [s]: { status: string }[] = await ctx.em.query('SELECT s.status FROM staff s JOIN doctors d ON d.staff_id = s.id WHERE s.id = ?', [input.surgeonId]);
    if (!s || s.status === 'terminated') throw invalid({ surgeonId: 'No such doctor working here.' });
  }
  const dayBefore = new Date(start.getTime() - 24 * 3_600_000);
  const [clash]: { starts_at: Date; ends_at: Date; procedure_name: string }[] = await ctx.em.query(
    `SELECT starts_at, ends_at, procedure_name FROM theatre_bookings WHERE room_id = ? AND status = 'booked' AND starts_at >= ? AND starts_at < ? AND ends_at > ? LIMIT 1 LOCK IN SHARE MODE`,
    [input.roomId, dayBefore, end, start],
  );
  if (clash) {
    throw conflict(`Theatre ${room.number} is booked from ${hhmm(clash.starts_at, timeZone)} to ${hhmm(clash.ends_at, timeZone)} (${clash.procedure_name}) on ${readableDate(localDate(clash.starts_at, timeZone))}.`);
  }
  const [busy]: { number: string; starts_at: Date }[] = await ctx.em.query(
    `SELECT r.number, t.starts_at FROM theatre_bookings t JOIN rooms r ON r.id = t.room_id WHERE t.patient_id = ? AND t.status = 'booked' AND t.starts_at >= ? AND t.starts_at < ? AND t.ends_at > ? LIMIT 1 LOCK IN SHARE MODE`,
    [input.patientId, dayBefore, end, start],
  );
  if (busy) throw conflict(`${patient.firstName} ${patient.lastName} is already booked in theatre ${busy.number} at ${hhmm(busy.starts_at, timeZone)}.`);
  const now = ctx.now();
  const id = await insertRows(ctx.em, TheatreBookingEntity, [
    Object.assign(new TheatreBookingEntity(), {
      hospitalId: room.hospitalId,
      roomId: input.roomId,
      patientId: input.patientId,
      surgeonId: input.surgeonId ?? null,
      startsAt: start,
      endsAt: end,
      localDate: localDate(start, timeZone),
      procedureName: input.procedure,
      status: 'booked',
      cancelReason: null,
      bookedBy: ctx.user.userId,
      createdAt: now,
      updatedAt: now,
    }),
  ]);
  ctx.audit({ action: 'theatre_booking.book', entity: 'theatre_booking', entityId: id, hospitalId: room.hospitalId, changes: { theatre: room.number, ...input } });
  return readTheatre(ctx, id);
}

export async function cancelTheatre(ctx: CallContext, input: In<'theatres.cancel'>): Promise<TheatreBooking> {
  const t = await requireHospitalOf(ctx, TheatreBookingEntity, input.id, 'The theatre booking', { lock: true, only: ['hospitalId', 'status'] });
  if (t.status !== 'booked') throw conflict('The theatre booking is already cancelled.');
  await ctx.em.query("UPDATE theatre_bookings SET status = 'cancelled', cancel_reason = ? WHERE id = ?", [input.reason, input.id]);
  ctx.audit({ action: 'theatre_booking.cancel', entity: 'theatre_booking', entityId: input.id, hospitalId: t.hospitalId, changes: { reason: input.reason } });
  return readTheatre(ctx, input.id);
}

export async function theatreSchedule(ctx: CallContext, input: In<'theatres.schedule'>): Promise<TheatreBooking[]> {
  ctx.requireHospital(input.hospitalId);
  const rows: TheatreRow[] = await ctx.em.query(`${THEATRE_SELECT} WHERE t.hospital_id = ? AND t.local_date = ? ORDER BY r.number, t.starts_at`, [input.hospitalId, input.date]);
  return rows.map(toTheatre);
}
