// The occupancy board, the bed timeline and the census: a handful of queries per hospital, whatever its size, joined
// here in memory (a 2,000-bed hospital is a few thousand rows).
import { doctorName, fullName } from '@shared/domain/format';
import { notFound } from '@shared/errors';
import type { BedCounts, BoardBed, BoardRoom, Census, CensusRow, OccupancyBoard, OccupancyTimeline, TimelineSegment } from '@shared/contract/wards';
import { addDays, localDate } from '@shared/domain/dates';
import { nightsBetween, occupancyPercent, type BedStatus, type RoomType, type UnitState } from '@shared/domain/wards';
import type { CallContext } from '../../platform/context';
import { localInstant } from '../../platform/zones';

interface LayoutRow {
  bed_id: number | null;
  label: string | null;
  bed_state: UnitState | null;
  bed_note: string | null;
  room_id: number;
  number: string;
  room_type: RoomType;
  room_state: UnitState;
  room_note: string | null;
  daily_rate: number | string;
  floor_id: number;
  floor_name: string;
  level: number;
}

interface HospitalFacts {
  id: number;
  name: string;
  timeZone: string;
  currency: string;
}

async function hospitalFacts(ctx: CallContext, hospitalId: number): Promise<HospitalFacts> {
  ctx.requireHospital(hospitalId);
  const [h]: { id: number; name: string; time_zone: string; currency: string }[] = await ctx.em.query('SELECT id, name, time_zone, currency FROM hospitals WHERE id = ?', [hospitalId]);
  if (!h) throw notFound('The hospital');
  return { id: Number(h.id), name: h.name, timeZone: h.time_zone, currency: h.currency };
}

const byPlace = (a: LayoutRow, b: LayoutRow) =>
  a.level - b.level || a.floor_name.localeCompare(b.floor_name) || a.number.localeCompare(b.number, 'en', { numeric: true }) || (a.label ?? '').localeCompare(b.label ?? '');

/** Floors, rooms and beds in board order (sorted here: a three-table ORDER BY costs the server a temporary table). */
async function layout(ctx: CallContext, hospitalId: number, floorId?: number): Promise<LayoutRow[]> {
  const rows: LayoutRow[] = await ctx.em.query(
    `SELECT b.id AS bed_id, b.label, b.state AS bed_state, b.state_note AS bed_note, r.id AS room_id, r.number, r.room_type, r.state AS room_state,
            r.state_note AS room_note, r.daily_rate, f.id AS floor_id, f.name AS floor_name, f.level
       FROM rooms r JOIN floors f ON f.id = r.floor_id LEFT JOIN beds b ON b.room_id = r.id
      WHERE r.hospital_id = ? ${floorId ? 'AND r.floor_id = ?' : ''}`,
    floorId ? [hospitalId, floorId] : [hospitalId],
  );
  for (const r of rows) r.level = Number(r.level);
  return rows.sort(byPlace);
}

interface Occupant {
  bedId: number;
  stayId: number;
  patientId: number;
  patientNumber: string;
  patientName: string;
  since: Date;
  expectedDischarge: string | null;
  attendingDoctorName: string;
}

/** Who lies in which bed on a local day: today's and later days' from the current stays, earlier days' from the history. */
async function occupantsOn(ctx: CallContext, h: HospitalFacts, date: string, today: string): Promise<Map<number, Occupant>> {
  type Row = { bed_id: number; stay_id: number; patient_id: number; patient_number: string; first_name: string; middle_name: string | null; last_name: string; admitted_at: Date; expected_discharge: string | null; doc_first: string; doc_last: string; from_at: Date };
  const select = `SELECT bs.bed_id, s.id AS stay_id, s.patient_id, p.patient_number, p.first_name, p.middle_name, p.last_name, s.admitted_at, s.expected_discharge,
                         d.first_name AS doc_first, d.last_name AS doc_last, bs.from_at
                    FROM stays s JOIN bed_stays bs ON bs.stay_id = s.id JOIN patients p ON p.id = s.patient_id JOIN staff d ON d.id = s.attending_doctor_id`;
  let rows: Row[];
  if (date >= today) {
    rows = await ctx.em.query(
      // occupied_bed_id is set only on open bed stays and is indexed: the scan stays small however long the history.
      `${select} WHERE s.hospital_id = ? AND s.status = 'admitted' AND bs.occupied_bed_id IS NOT NULL ${date > today ? 'AND (s.expected_discharge IS NULL OR s.expected_discharge > ?)' : ''}`,
      date > today ? [h.id, date] : [h.id],
    );
  } else {
    const dayStart = new Date(localInstant(date, 0, h.timeZone));
    const dayEnd = new Date(localInstant(date, 1440, h.timeZone));
    rows = await ctx.em.query(`${select} WHERE s.hospital_id = ? AND bs.from_at < ? AND (bs.to_at IS NULL OR bs.to_at > ?) ORDER BY bs.from_at`, [h.id, dayEnd, dayStart]);
  }
  const out = new Map<number, Occupant>();
  for (const r of rows) {
    // On a past day a bed may have had two patients: the later one is shown.
    out.set(Number(r.bed_id), {
      bedId: Number(r.bed_id),
      stayId: Number(r.stay_id),
      patientId: Number(r.patient_id),
      patientNumber: r.patient_number,
      patientName: fullName(r.first_name, r.middle_name, r.last_name),
      since: r.admitted_at,
      expectedDischarge: r.expected_discharge,
      attendingDoctorName: doctorName(r.doc_first, r.doc_last),
    });
  }
  return out;
}

const emptyCounts = (): BedCounts => ({ beds: 0, usable: 0, occupied: 0, reserved: 0, free: 0, cleaning: 0, outOfService: 0, percent: 0 });

function count(c: BedCounts, status: BedStatus): void {
  c.beds++;
  if (status !== 'out_of_service') c.usable++;
  if (status === 'occupied') c.occupied++;
  else if (status === 'reserved') c.reserved++;
  else if (status === 'free') c.free++;
  else if (status === 'cleaning') c.cleaning++;
  else c.outOfService++;
  c.percent = occupancyPercent(c.occupied, c.usable);
}

export async function occupancyBoard(ctx: CallContext, hospitalId: number, requested?: string): Promise<OccupancyBoard> {
  const h = await hospitalFacts(ctx, hospitalId);
  const today = localDate(ctx.now(), h.timeZone);
  const date = requested ?? today;
  const [rows, occupants, reservations] = [
    await layout(ctx, h.id),
    await occupantsOn(ctx, h, date, today),
    (await ctx.em.query(
      `SELECT bb.id, bb.bed_id, bb.patient_id, p.patient_number, p.first_name, p.middle_name, p.last_name, bb.from_date, bb.to_date
         FROM bed_bookings bb JOIN patients p ON p.id = bb.patient_id
        WHERE bb.hospital_id = ? AND bb.status = 'reserved' AND bb.to_date > ? AND bb.from_date <= ?`,
      [h.id, date, date],
    )) as { id: number; bed_id: number; patient_id: number; patient_number: string; first_name: string; middle_name: string | null; last_name: string; from_date: string; to_date: string }[],
  ];
  const reservedBed = new Map(reservations.map((r) => [Number(r.bed_id), r]));

  const floors: OccupancyBoard['floors'] = [];
  const byType = new Map<RoomType, BedCounts>();
  const total = emptyCounts();
  let floor: OccupancyBoard['floors'][number] | null = null;
  let room: BoardRoom | null = null;
  for (const r of rows) {
    if (!floor || floor.id !== Number(r.floor_id)) {
      floor = { id: Number(r.floor_id), name: r.floor_name, level: Number(r.level), rooms: [], counts: emptyCounts() };
      floors.push(floor);
      room = null;
    }
    if (!room || room.id !== Number(r.room_id)) {
      room = { id: Number(r.room_id), number: r.number, roomType: r.room_type, state: r.room_state, dailyRate: Number(r.daily_rate), beds: [] };
      floor.rooms.push(room);
    }
    if (r.bed_id === null) continue;
    const bedId = Number(r.bed_id);
    const occ = occupants.get(bedId);
    const res = reservedBed.get(bedId);
    // Housekeeping states are today's; on other days a bed is occupied, reserved or free.
    const unit: UnitState = r.room_state !== 'available' ? r.room_state : r.bed_state!;
    const status: BedStatus =
      unit === 'out_of_service' ? 'out_of_service' : occ ? 'occupied' : unit === 'cleaning' && date === today ? 'cleaning' : res ? 'reserved' : 'free';
    const bed: BoardBed = {
      id: bedId,
      label: r.label!,
      status,
      note: r.room_state !== 'available' ? r.room_note : r.bed_note,
      occupant: occ
        ? { stayId: occ.stayId, patientId: occ.patientId, patientNumber: occ.patientNumber, patientName: occ.patientName, since: occ.since.toISOString(), expectedDischarge: occ.expectedDischarge, attendingDoctorName: occ.attendingDoctorName }
        : null,
      reservation: res ? { bookingId: Number(res.id), patientId: Number(res.patient_id), patientNumber: res.patient_number, patientName: fullName(res.first_name, res.middle_name, res.last_name), from: res.from_date, to: res.to_date } : null,
    };
    room.beds.push(bed);
    count(floor.counts, status);
    count(total, status);
    const t = byType.get(r.room_type) ?? emptyCounts();
    count(t, status);
    byType.set(r.room_type, t);
  }
  return { hospitalId: h.id, date, timeZone: h.timeZone, currency: h.currency, floors, byRoomType: [...byType].map(([roomType, counts]) => ({ roomType, counts })), total };
}

export async function occupancyTimeline(ctx: CallContext, input: { hospitalId: number; from?: string; days: number; floorId?: number }): Promise<OccupancyTimeline> {
  const h = await hospitalFacts(ctx, input.hospitalId);
  const today = localDate(ctx.now(), h.timeZone);
  const from = input.from ?? today;
  const end = addDays(from, input.days);
  const rows = (await layout(ctx, h.id, input.floorId)).filter((r) => r.bed_id !== null);
  const segments = new Map<number, TimelineSegment[]>();
  const add = (bedId: number, s: TimelineSegment) => {
    if (s.to <= from || s.from >= end) return;
    segments.set(bedId, [...(segments.get(bedId) ?? []), s]);
  };
  const windowStart = new Date(localInstant(from, 0, h.timeZone));
  const windowEnd = new Date(localInstant(end, 0, h.timeZone));
  const stays: { bed_id: number; stay_id: number; from_at: Date; to_at: Date | null; expected_discharge: string | null; patient_number: string; first_name: string; middle_name: string | null; last_name: string }[] = await ctx.em.query(
    `SELECT bs.bed_id, bs.stay_id, bs.from_at, bs.to_at, s.expected_discharge, p.patient_number, p.first_name, p.middle_name, p.last_name
       FROM stays s JOIN bed_stays bs ON bs.stay_id = s.id JOIN patients p ON p.id = s.patient_id
      WHERE s.hospital_id = ? AND ${from >= today ? "s.status = 'admitted' AND bs.occupied_bed_id IS NOT NULL" : 'bs.from_at < ? AND (bs.to_at IS NULL OR bs.to_at > ?)'}`,
    from >= today ? [h.id] : [h.id, windowEnd, windowStart],
  );
  for (const s of stays) {
    const stayFrom = localDate(s.from_at, h.timeZone);
    // An open stay lasts until its expected discharge (at least until tomorrow), or to the end of the window.
    const stayTo = s.to_at ? localDate(s.to_at, h.timeZone) : s.expected_discharge && s.expected_discharge > today ? s.expected_discharge : s.expected_discharge ? addDays(today, 1) : end;
    add(Number(s.bed_id), { kind: 'stay', id: Number(s.stay_id), from: stayFrom, to: stayTo, patientNumber: s.patient_number, patientName: fullName(s.first_name, s.middle_name, s.last_name) });
  }
  const bookings: { id: number; bed_id: number; from_date: string; to_date: string; patient_number: string; first_name: string; middle_name: string | null; last_name: string }[] = await ctx.em.query(
    `SELECT bb.id, bb.bed_id, bb.from_date, bb.to_date, p.patient_number, p.first_name, p.middle_name, p.last_name FROM bed_bookings bb JOIN patients p ON p.id = bb.patient_id
      WHERE bb.hospital_id = ? AND bb.status = 'reserved' AND bb.to_date > ? AND bb.from_date < ?`,
    [h.id, from, end],
  );
  for (const b of bookings) {
    add(Number(b.bed_id), { kind: 'booking', id: Number(b.id), from: b.from_date, to: b.to_date, patientNumber: b.patient_number, patientName: fullName(b.first_name, b.middle_name, b.last_name) });
  }
  return {
    hospitalId: h.id,
    from,
    days: input.days,
    beds: rows.map((r) => ({
      bedId: Number(r.bed_id),
      label: r.label!,
      roomNumber: r.number,
      roomType: r.room_type,
      floorName: r.floor_name,
      segments: (segments.get(Number(r.bed_id)) ?? []).sort((a, b) => a.from.localeCompare(b.from)),
    })),
  };
}

export async function bedCensus(ctx: CallContext, hospitalId: number): Promise<Census> {
  const h = await hospitalFacts(ctx, hospitalId);
  const board = await occupancyBoard(ctx, hospitalId);
  const rows: CensusRow[] = [];
  for (const f of board.floors) {
    for (const r of f.rooms) {
      for (const b of r.beds) {
        if (!b.occupant) continue;
        rows.push({
          floorName: f.name,
          roomNumber: r.number,
          roomType: r.roomType,
          bedLabel: b.label,
          stayId: b.occupant.stayId,
          patientNumber: b.occupant.patientNumber,
          patientName: b.occupant.patientName,
          admittedAt: b.occupant.since,
          expectedDischarge: b.occupant.expectedDischarge,
          attendingDoctorName: b.occupant.attendingDoctorName,
          nights: nightsBetween(localDate(new Date(b.occupant.since), h.timeZone), board.date),
        });
      }
    }
  }
  return { hospitalId: h.id, hospitalName: h.name, date: board.date, timeZone: h.timeZone, rows, total: board.total };
}
