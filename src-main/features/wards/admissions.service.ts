// Admission, transfer and discharge (ADT). Each locks the beds it touches (in id order) and the patient, checks, and
// writes the stay, its bed history and the beds' states in one transaction; unique keys back the two rules up: one
// patient per bed, one current stay per patient.
import { doctorName, fullName, readableDate, readableDay } from '@shared/domain/format';
import { conflict, invalid, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { BedMove, RoomCharge, Stay } from '@shared/contract/wards';
import { localDate } from '@shared/domain/dates';
import { UNIT_STATE_LABELS, type RoomType, type UnitState } from '@shared/domain/wards';
import type { CallContext } from '../../platform/context';
import { hospitalZones } from '../../platform/zones';
import { hospitalCondition, requireHospitalOf } from '../../platform/scope';
import { lockRow, lockRows } from '../../db/locks';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { insertRows } from '../../db/writer';
import { billingSettings, ChargeEntity, unbilledCharges } from '../billing';
import { formatMoney } from '@shared/domain/money';
import { occupantsOf } from './rooms.service';
import { BedBookingEntity, BedStayEntity, StayEntity } from './stay.entity';
import { BedEntity } from './ward.entity';
import { PatientEntity } from '../patients';
import { reservationsOfBed, roomChargeDescription, roomNights } from './rules';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

interface LockedBed {
  id: number;
  hospitalId: number;
  label: string;
  state: UnitState;
  roomId: number;
  roomNumber: string;
  roomType: RoomType;
  roomState: UnitState;
  dailyRate: number;
  floorName: string;
  timeZone: string;
  currency: string;
}

/** Locks bed rows (in id order) and reads what admission needs to know of them. */
async function lockBeds(ctx: CallContext, ids: number[]): Promise<Map<number, LockedBed>> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  await lockRows(ctx.em, BedEntity, sorted, { only: ['id'] });
  const rows: { id: number; hospital_id: number; label: string; state: UnitState; room_id: number; number: string; room_type: RoomType; room_state: UnitState; daily_rate: number | string; floor_name: string; time_zone: string; currency: string }[] =
    await ctx.em.query(
      `SELECT b.id, b.hospital_id, b.label, b.state, b.room_id, r.number, r.room_type, r.state AS room_state, r.daily_rate, f.name AS floor_name, h.time_zone, h.currency
         FROM beds b JOIN rooms r ON r.id = b.room_id JOIN floors f ON f.id = r.floor_id JOIN hospitals h ON h.id = b.hospital_id
        WHERE b.id IN (${sorted.map(() => '?').join(',')})`,
      sorted,
    );
  const out = new Map<number, LockedBed>();
  for (const r of rows) {
    ctx.requireHospital(Number(r.hospital_id));
    out.set(Number(r.id), {
      id: Number(r.id),
      hospitalId: Number(r.hospital_id),
      label: r.label,
      state: r.state,
      roomId: Number(r.room_id),
      roomNumber: r.number,
      roomType: r.room_type,
      roomState: r.room_state,
      dailyRate: Number(r.daily_rate),
      floorName: r.floor_name,
      timeZone: r.time_zone,
      currency: r.currency,
    });
  }
  for (const id of sorted) if (!out.has(id)) throw notFound('The bed');
  return out;
}

const bedName = (b: { roomNumber: string; label: string }) => `${b.roomNumber}-${b.label}`;

/** A bed a patient can be put in today: in use, clean, empty, and not held for somebody else. */
async function requireFreeBed(ctx: CallContext, bed: LockedBed, patientId: number, until: string | null): Promise<{ bookingId: number | null }> {
  if (bed.roomType === 'operating_theatre') throw invalid({ bedId: 'An operating theatre is booked, not admitted to.' });
  const state = bed.roomState !== 'available' ? bed.roomState : bed.state;
  if (state !== 'available') {
    throw conflict(`Bed ${bedName(bed)} is ${bed.roomState !== 'available' ? `in a room that is ${UNIT_STATE_LABELS[state].toLowerCase()}` : UNIT_STATE_LABELS[state].toLowerCase()}${state === 'cleaning' ? ': release it when it is ready' : ''}.`);
  }
  const occupant = (await occupantsOf(ctx, [bed.id])).get(bed.id);
  if (occupant) throw conflict(`Bed ${bedName(bed)} is occupied by ${occupant.patientName} (${occupant.patientNumber}).`, { stayId: occupant.stayId });
  const today = localDate(ctx.now(), bed.timeZone);
  // Reservations of this bed from today on (locking read: a reservation made a moment ago counts).
  const held: { id: number; patient_id: number; from_date: string; to_date: string; first_name: string; last_name: string }[] = await ctx.em.query(
    `SELECT bb.id, bb.patient_id, bb.from_date, bb.to_date, p.first_name, p.last_name FROM bed_bookings bb JOIN patients p ON p.id = bb.patient_id
      WHERE bb.bed_id = ? AND bb.status = 'reserved' AND bb.to_date > ? ORDER BY bb.from_date LOCK IN SHARE MODE`,
    [bed.id, today],
  );
  const { own, clash } = reservationsOfBed(
    held.map((h) => ({ id: Number(h.id), patientId: Number(h.patient_id), patientName: `${h.first_name} ${h.last_name}`, fromDate: h.from_date, toDate: h.to_date })),
    patientId,
    today,
    until,
  );
  if (clash) {
    throw conflict(
      clash.fromDate <= today
        ? `Bed ${bedName(bed)} is reserved for ${clash.patientName} until ${readableDate(clash.toDate)}.`
        : `Bed ${bedName(bed)} is reserved for ${clash.patientName} from ${readableDate(clash.fromDate)}: admit to another bed${until === null ? ', or give an expected discharge before then' : ''}.`,
    );
  }
  return { bookingId: own?.id ?? null };
}

async function lockPatient(ctx: CallContext, id: number): Promise<{ name: string }> {
  const p = await lockRow(ctx.em, PatientEntity, id, { only: ['firstName', 'lastName'] });
  if (!p) throw notFound('The patient');
  return { name: `${p.firstName} ${p.lastName}` };
}

export async function admitPatient(ctx: CallContext, input: In<'admissions.admit'>): Promise<Stay> {
  const bed = (await lockBeds(ctx, [input.bedId])).get(input.bedId)!;
  const patient = await lockPatient(ctx, input.patientId);
  const today = localDate(ctx.now(), bed.timeZone);
  if (input.expectedDischarge !== null && input.expectedDischarge < today) throw invalid({ expectedDischarge: 'Must not be before today.' });
  const [current]: { id: number; label: string; number: string }[] = await ctx.em.query(
    `SELECT s.id, b.label, r.number FROM stays s JOIN beds b ON b.id = s.current_bed_id JOIN rooms r ON r.id = b.room_id WHERE s.active_patient_id = ? LOCK IN SHARE MODE`,
    [input.patientId],
  );
  if (current) throw conflict(`${patient.name} is already admitted, in bed ${current.number}-${current.label}: transfer them instead.`, { stayId: Number(current.id) });
  const [doctor]: { status: string }[] = await ctx.em.query("SELECT s.status FROM staff s JOIN doctors d ON d.staff_id = s.id WHERE s.id = ?", [input.attendingDoctorId]);
  if (!doctor || doctor.status === 'terminated') throw invalid({ attendingDoctorId: doctor ? 'That doctor no longer works here.' : 'No such doctor.' });
  const { bookingId: held } = await requireFreeBed(ctx, bed, input.patientId, input.expectedDischarge);
  let bookingId = held;
  if (input.bookingId !== undefined && input.bookingId !== held) {
    const b = await lockRow(ctx.em, BedBookingEntity, input.bookingId, { only: ['patientId', 'status'] });
    if (!b || b.patientId !== input.patientId) throw invalid({ bookingId: `Not a reservation of ${patient.name}.` });
    if (b.status !== 'reserved') throw conflict(`That reservation is ${b.status}.`);
    bookingId = input.bookingId;
  }

  const now = ctx.now();
  const stayId = await insertRows(ctx.em, StayEntity, [
    Object.assign(new StayEntity(), {
      hospitalId: bed.hospitalId,
      patientId: input.patientId,
      attendingDoctorId: input.attendingDoctorId,
      reason: input.reason,
      admittedAt: now,
      expectedDischarge: input.expectedDischarge,
      dischargedAt: null,
      status: 'admitted',
      currentBedId: bed.id,
      activePatientId: input.patientId,
      bookingId,
      dischargeNote: null,
      admittedBy: ctx.user.userId,
      dischargedBy: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    }),
  ]);
  await insertRows(ctx.em, BedStayEntity, [Object.assign(new BedStayEntity(), { stayId, bedId: bed.id, fromAt: now, toAt: null, occupiedBedId: bed.id })]);
  if (bookingId !== null) await ctx.em.query("UPDATE bed_bookings SET status = 'admitted', stay_id = ? WHERE id = ?", [stayId, bookingId]);
  ctx.audit({
    action: 'stay.admit',
    entity: 'stay',
    entityId: stayId,
    hospitalId: bed.hospitalId,
    changes: { patientId: input.patientId, bed: bedName(bed), attendingDoctorId: input.attendingDoctorId, reason: input.reason, expectedDischarge: input.expectedDischarge, bookingId },
  });
  return readStay(ctx, stayId);
}

async function lockStay(ctx: CallContext, id: number): Promise<StayEntity> {
  const s = await requireHospitalOf(ctx, StayEntity, id, 'The stay', { lock: true });
  if (s.status !== 'admitted') {
    const zone = (await hospitalZones(ctx.em, [s.hospitalId])).get(s.hospitalId)?.timeZone;
    throw conflict(`This stay ended on ${s.dischargedAt ? readableDay(s.dischargedAt, zone) : 'an earlier day'}: the patient has been discharged.`);
  }
  return s;
}

async function closeSegment(ctx: CallContext, stayId: number, at: Date): Promise<void> {
  await ctx.em.query('UPDATE bed_stays SET to_at = ?, occupied_bed_id = NULL WHERE stay_id = ? AND to_at IS NULL', [at, stayId]);
}

export async function transferPatient(ctx: CallContext, input: In<'admissions.transfer'>): Promise<Stay> {
  const stay = await lockStay(ctx, input.stayId);
  if (stay.currentBedId === input.toBedId) throw invalid({ toBedId: 'The patient is already in that bed.' });
  const beds = await lockBeds(ctx, [stay.currentBedId, input.toBedId]);
  const from = beds.get(stay.currentBedId)!;
  const to = beds.get(input.toBedId)!;
  if (to.hospitalId !== stay.hospitalId) throw invalid({ toBedId: 'A transfer stays within the hospital; discharge and admit at the other hospital.' });
  await requireFreeBed(ctx, to, Number(stay.patientId), stay.expectedDischarge);
  const now = ctx.now();
  await closeSegment(ctx, stay.id, now);
  await insertRows(ctx.em, BedStayEntity, [Object.assign(new BedStayEntity(), { stayId: stay.id, bedId: to.id, fromAt: now, toAt: null, occupiedBedId: to.id })]);
  // The bed left behind is cleaned before anybody else lies in it.
  await ctx.em.query("UPDATE beds SET state = 'cleaning', state_note = ? WHERE id = ?", [`After ${from.roomNumber}-${from.label} transfer`, from.id]);
  await ctx.em.query('UPDATE stays SET current_bed_id = ?, version = version + 1 WHERE id = ?', [to.id, stay.id]);
  ctx.audit({ action: 'stay.transfer', entity: 'stay', entityId: stay.id, hospitalId: stay.hospitalId, changes: { bed: [bedName(from), bedName(to)], reason: input.reason } });
  return readStay(ctx, stay.id);
}

export async function dischargePatient(ctx: CallContext, input: In<'admissions.discharge'>): Promise<Stay> {
  const stay = await lockStay(ctx, input.stayId);
  const bed = (await lockBeds(ctx, [stay.currentBedId])).get(stay.currentBedId)!;
  if ((await billingSettings(ctx, stay.hospitalId)).requireBilledBeforeDischarge) {
    // The money follows the patient out: what is not on an issued invoice yet must be first (the room-days come now).
    const unbilled = await unbilledCharges(ctx, Number(stay.patientId), stay.hospitalId, { includeDrafts: true, lock: true });
    if (unbilled.length) {
      const list = unbilled.slice(0, 5).map((c) => `${c.description} (${formatMoney(c.amount, c.currency)})`).join('; ');
      throw conflict(`This hospital bills before the final discharge: ${unbilled.length} charge${unbilled.length === 1 ? ' is' : 's are'} not invoiced yet: ${list}${unbilled.length > 5 ? '; …' : ''}.`, { unbilled });
    }
  }
  const now = ctx.now();
  await closeSegment(ctx, stay.id, now);
  await ctx.em.query("UPDATE beds SET state = 'cleaning', state_note = ? WHERE id = ?", ['After discharge', bed.id]);
  await ctx.em.query(
    "UPDATE stays SET status = 'discharged', discharged_at = ?, active_patient_id = NULL, discharge_note = ?, discharged_by = ?, version = version + 1 WHERE id = ?",
    [now, input.note, ctx.user.userId, stay.id],
  );
  const segments: { bed_id: number; from_at: Date; to_at: Date; label: string; number: string; room_type: RoomType; daily_rate: number | string }[] = await ctx.em.query(
    `SELECT bs.bed_id, bs.from_at, bs.to_at, b.label, r.number, r.room_type, r.daily_rate FROM bed_stays bs JOIN beds b ON b.id = bs.bed_id JOIN rooms r ON r.id = b.room_id
      WHERE bs.stay_id = ? ORDER BY bs.from_at, bs.id`,
    [stay.id],
  );
  const nights = roomNights(segments.map((s) => ({ fromDate: localDate(s.from_at, bed.timeZone), toDate: localDate(s.to_at, bed.timeZone), dailyRate: Number(s.daily_rate) })));
  const serviceDate = localDate(now, bed.timeZone);
  const charges = segments.flatMap((s, i) =>
    nights[i].nights === 0
      ? []
      : [
          Object.assign(new ChargeEntity(), {
            hospitalId: stay.hospitalId,
            patientId: Number(stay.patientId),
            category: 'room',
            description: roomChargeDescription({ roomNumber: s.number, roomType: s.room_type, bedLabel: s.label }, nights[i].nights, nights[i].fromDate),
            quantity: nights[i].nights,
            unitPrice: Number(s.daily_rate),
            amount: nights[i].nights * Number(s.daily_rate),
            currency: bed.currency,
            taxRateBp: 0,
            serviceDate,
            sourceType: 'stay',
            sourceId: stay.id,
            invoiceId: null,
            createdBy: ctx.user.userId,
            createdAt: now,
          }),
        ],
  );
  if (charges.length) await insertRows(ctx.em, ChargeEntity, charges);
  ctx.audit({
    action: 'stay.discharge',
    entity: 'stay',
    entityId: stay.id,
    hospitalId: stay.hospitalId,
    changes: { bed: bedName(bed), note: input.note, nights: nights.reduce((a, b) => a + b.nights, 0), charged: charges.reduce((a, c) => a + c.amount, 0), currency: bed.currency },
  });
  return readStay(ctx, stay.id);
}

export async function readStay(ctx: CallContext, id: number): Promise<Stay> {
  const [s]: {
    id: number;
    hospital_id: number;
    patient_id: number;
    patient_number: string;
    first_name: string;
    middle_name: string | null;
    last_name: string;
    attending_doctor_id: number;
    doc_first: string;
    doc_last: string;
    reason: string;
    admitted_at: Date;
    expected_discharge: string | null;
    discharged_at: Date | null;
    status: 'admitted' | 'discharged';
    current_bed_id: number;
    version: number;
  }[] = await ctx.em.query(
    `SELECT s.id, s.hospital_id, s.patient_id, p.patient_number, p.first_name, p.middle_name, p.last_name, s.attending_doctor_id, d.first_name AS doc_first,
            d.last_name AS doc_last, s.reason, s.admitted_at, s.expected_discharge, s.discharged_at, s.status, s.current_bed_id, s.version
       FROM stays s JOIN patients p ON p.id = s.patient_id JOIN staff d ON d.id = s.attending_doctor_id WHERE s.id = ?`,
    [id],
  );
  if (!s) throw notFound('The stay');
  const moves: { bed_id: number; label: string; number: string; room_type: RoomType; floor_name: string; from_at: Date; to_at: Date | null }[] = await ctx.em.query(
    `SELECT bs.bed_id, b.label, r.number, r.room_type, f.name AS floor_name, bs.from_at, bs.to_at
       FROM bed_stays bs JOIN beds b ON b.id = bs.bed_id JOIN rooms r ON r.id = b.room_id JOIN floors f ON f.id = r.floor_id
      WHERE bs.stay_id = ? ORDER BY bs.from_at, bs.id`,
    [id],
  );
  const charges: { id: number; description: string; quantity: number; unit_price: number | string; amount: number | string; currency: string; service_date: string }[] = await ctx.em.query(
    "SELECT id, description, quantity, unit_price, amount, currency, service_date FROM charges WHERE source_type = 'stay' AND source_id = ? ORDER BY id",
    [id],
  );
  const history: BedMove[] = moves.map((m) => ({
    bedId: Number(m.bed_id),
    bedLabel: m.label,
    roomNumber: m.number,
    roomType: m.room_type,
    floorName: m.floor_name,
    from: m.from_at.toISOString(),
    to: m.to_at?.toISOString() ?? null,
  }));
  const last = history[history.length - 1];
  return {
    id: Number(s.id),
    hospitalId: Number(s.hospital_id),
    patientId: Number(s.patient_id),
    patientNumber: s.patient_number,
    patientName: fullName(s.first_name, s.middle_name, s.last_name),
    attendingDoctorId: Number(s.attending_doctor_id),
    attendingDoctorName: doctorName(s.doc_first, s.doc_last),
    reason: s.reason,
    admittedAt: s.admitted_at.toISOString(),
    expectedDischarge: s.expected_discharge,
    dischargedAt: s.discharged_at?.toISOString() ?? null,
    status: s.status,
    bedId: Number(s.current_bed_id),
    bedLabel: last?.bedLabel ?? '',
    roomNumber: last?.roomNumber ?? '',
    history,
    charges: charges.map(
      (c): RoomCharge => ({
        id: Number(c.id),
        description: c.description,
        quantity: Number(c.quantity),
        unitPrice: Number(c.unit_price),
        amount: Number(c.amount),
        currency: c.currency,
        serviceDate: c.service_date,
      }),
    ),
    version: Number(s.version),
  };
}

export async function getStay(ctx: CallContext, id: number): Promise<Stay> {
  const stay = await readStay(ctx, id);
  ctx.requireHospital(stay.hospitalId);
  return stay;
}

/** The latest admission first, on the (patient_id, admitted_at) index; id breaks ties of one instant. */
const LATEST_FIRST: KeysetColumn<{ id: number; admitted_at: Date }>[] = [
  { column: 'admitted_at', direction: 'DESC', kind: 'instant', value: (r) => r.admitted_at },
  { column: 'id', direction: 'DESC', kind: 'int', value: (r) => Number(r.id) },
];

export async function staysOfPatient(ctx: CallContext, input: In<'admissions.forPatient'>): Promise<Page<Stay>> {
  // The patient is the chain's; the stays are those of the hospitals the caller works at.
  const scope = hospitalCondition(ctx, 'hospital_id');
  const page = await keysetPage(
    ctx.em,
    { select: 'SELECT id, admitted_at FROM stays', where: ['patient_id = ?', ...(scope ? [scope.sql] : [])], args: [input.patientId, ...(scope?.args ?? [])] },
    { order: LATEST_FIRST, cursor: input.cursor, limit: input.limit },
  );
  const items: Stay[] = [];
  for (const r of page.items) items.push(await readStay(ctx, Number(r.id)));
  return { items, nextCursor: page.nextCursor };
}
