// Floors, rooms and beds of a hospital, and their housekeeping states (cleaning, out of service, available again).
import { conflict, invalid, notFound, takenKey } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Bed, Floor, Room, WardLayout } from '@shared/contract/wards';
import { ROOM_TYPE_LABELS, UNIT_STATE_LABELS, type UnitState } from '@shared/domain/wards';
import { fullName } from '@shared/domain/format';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { requireHospitalEntity } from '../hospitals';
import { BedEntity, FloorEntity, RoomEntity } from './ward.entity';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

const toFloor = (f: FloorEntity): Floor => ({ id: f.id, hospitalId: f.hospitalId, name: f.name, level: f.level });
const toBed = (b: BedEntity): Bed => ({ id: b.id, roomId: b.roomId, label: b.label, state: b.state, stateNote: b.stateNote });

async function currencyOf(ctx: CallContext, hospitalId: number): Promise<string> {
  const [h]: { currency: string }[] = await ctx.em.query('SELECT currency FROM hospitals WHERE id = ?', [hospitalId]);
  return h?.currency ?? 'USD';
}

export async function readRoom(ctx: CallContext, id: number): Promise<Room> {
  const r = await ctx.em.findOneBy(RoomEntity, { id });
  if (!r) throw notFound('The room');
  const beds = await ctx.em.find(BedEntity, { where: { roomId: id }, order: { label: 'ASC' } });
  return toRoom(r, await currencyOf(ctx, r.hospitalId), beds.map(toBed));
}

function toRoom(r: RoomEntity, currency: string, beds: Bed[]): Room {
  return {
    id: r.id,
    hospitalId: r.hospitalId,
    floorId: r.floorId,
    number: r.number,
    roomType: r.roomType,
    dailyRate: Number(r.dailyRate),
    currency,
    state: r.state,
    stateNote: r.stateNote,
    beds,
    version: r.version,
  };
}

/** Bed labels A, B, … Z, AA, AB … */
export function bedLabel(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export async function createFloor(ctx: CallContext, input: In<'rooms.createFloor'>): Promise<Floor> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  if (await ctx.em.exists(FloorEntity, { where: { hospitalId: h.id, name: input.name } })) throw takenKey('uq_floors_name');
  const saved = await ctx.em.save(ctx.em.create(FloorEntity, { hospitalId: h.id, name: input.name, level: input.level }));
  ctx.audit({ action: 'floor.create', entity: 'floor', entityId: saved.id, hospitalId: h.id, changes: { ...input } });
  return toFloor(saved);
}

export async function createRoom(ctx: CallContext, input: In<'rooms.createRoom'>): Promise<Room> {
  const floor = await requireHospitalOf(ctx, FloorEntity, input.floorId, 'The floor');
  if (await ctx.em.exists(RoomEntity, { where: { hospitalId: floor.hospitalId, number: input.number } })) throw takenKey('uq_rooms_number');
  const room = await ctx.em.save(
    ctx.em.create(RoomEntity, { hospitalId: floor.hospitalId, floorId: floor.id, number: input.number, roomType: input.roomType, dailyRate: input.dailyRate, state: 'available', stateNote: null, version: 1 }),
  );
  for (let i = 0; i < input.beds; i++) await ctx.em.insert(BedEntity, { hospitalId: floor.hospitalId, roomId: room.id, label: bedLabel(i), state: 'available', stateNote: null });
  ctx.audit({ action: 'room.create', entity: 'room', entityId: room.id, hospitalId: floor.hospitalId, changes: { ...input } });
  return readRoom(ctx, room.id);
}

export async function updateRoom(ctx: CallContext, input: In<'rooms.updateRoom'>): Promise<Room> {
  const r = await requireHospitalOf(ctx, RoomEntity, input.id, 'The room', { lock: true });
  if (r.version !== input.version) throw conflict(`Room ${r.number} was changed at another desk since you opened it; reload and apply your change again.`);
  const changes: Record<string, [unknown, unknown]> = {};
  if (input.number !== undefined && input.number !== r.number) {
    if (await ctx.em.exists(RoomEntity, { where: { hospitalId: r.hospitalId, number: input.number } })) throw takenKey('uq_rooms_number');
    changes.number = [r.number, input.number];
    r.number = input.number;
  }
  if (input.dailyRate !== undefined && input.dailyRate !== Number(r.dailyRate)) {
    changes.dailyRate = [Number(r.dailyRate), input.dailyRate];
    r.dailyRate = input.dailyRate;
  }
  if (Object.keys(changes).length) {
    r.version += 1;
    await ctx.em.save(r);
    ctx.audit({ action: 'room.update', entity: 'room', entityId: r.id, hospitalId: r.hospitalId, changes });
  }
  return readRoom(ctx, r.id);
}

export async function addBed(ctx: CallContext, input: In<'rooms.addBed'>): Promise<Room> {
  const r = await requireHospitalOf(ctx, RoomEntity, input.roomId, 'The room', { lock: true });
  if (r.roomType === 'operating_theatre') throw invalid({ roomId: 'An operating theatre has no beds.' });
  const beds = await ctx.em.find(BedEntity, { where: { roomId: r.id } });
  const taken = new Set(beds.map((b) => b.label));
  let label = input.label;
  if (label && taken.has(label)) throw takenKey('uq_beds_label');
  for (let i = 0; !label; i++) if (!taken.has(bedLabel(i))) label = bedLabel(i);
  const bed = await ctx.em.save(ctx.em.create(BedEntity, { hospitalId: r.hospitalId, roomId: r.id, label, state: 'available', stateNote: null }));
  ctx.audit({ action: 'bed.create', entity: 'bed', entityId: bed.id, hospitalId: r.hospitalId, changes: { room: r.number, label } });
  return readRoom(ctx, r.id);
}

export async function listLayout(ctx: CallContext, hospitalId: number): Promise<WardLayout> {
  ctx.requireHospital(hospitalId);
  const currency = await currencyOf(ctx, hospitalId);
  const floors = await ctx.em.find(FloorEntity, { where: { hospitalId }, order: { level: 'ASC', name: 'ASC' } });
  const rooms = await ctx.em.find(RoomEntity, { where: { hospitalId }, order: { number: 'ASC' } });
  const beds = await ctx.em.find(BedEntity, { where: { hospitalId }, order: { label: 'ASC' } });
  const bedsByRoom = new Map<number, Bed[]>();
  for (const b of beds) bedsByRoom.set(b.roomId, [...(bedsByRoom.get(b.roomId) ?? []), toBed(b)]);
  return {
    hospitalId,
    floors: floors.map((f) => ({
      ...toFloor(f),
      rooms: rooms
        .filter((r) => r.floorId === f.id)
        .map((r) => toRoom(r, currency, bedsByRoom.get(r.id) ?? [])),
    })),
  };
}

/** Who lies in these beds now (locking read: after the bed rows are locked, what others committed counts). */
export async function occupantsOf(ctx: CallContext, bedIds: number[]): Promise<Map<number, { stayId: number; patientName: string; patientNumber: string }>> {
  if (bedIds.length === 0) return new Map();
  const rows: { bed_id: number; stay_id: number; first_name: string; middle_name: string | null; last_name: string; patient_number: string }[] = await ctx.em.query(
    `SELECT bs.bed_id, bs.stay_id, p.first_name, p.middle_name, p.last_name, p.patient_number
       FROM bed_stays bs JOIN stays s ON s.id = bs.stay_id JOIN patients p ON p.id = s.patient_id
      WHERE bs.occupied_bed_id IN (${bedIds.map(() => '?').join(',')}) LOCK IN SHARE MODE`,
    bedIds,
  );
  return new Map(rows.map((r) => [Number(r.bed_id), { stayId: Number(r.stay_id), patientName: fullName(r.first_name, r.middle_name, r.last_name), patientNumber: r.patient_number }]));
}

export async function setUnitState(ctx: CallContext, input: In<'rooms.setState'>): Promise<Room> {
  const state: UnitState = input.state;
  if (input.bedId !== undefined) {
    const bed = await requireHospitalOf(ctx, BedEntity, input.bedId, 'The bed', { lock: true });
    const room = await ctx.em.findOneByOrFail(RoomEntity, { id: bed.roomId });
    const occupant = (await occupantsOf(ctx, [bed.id])).get(bed.id);
    if (occupant && state !== 'available') {
      throw conflict(`Bed ${room.number}-${bed.label} is occupied by ${occupant.patientName} (${occupant.patientNumber}): transfer or discharge the patient first.`);
    }
    if (bed.state !== state || bed.stateNote !== input.note) {
      const before = bed.state;
      bed.state = state;
      bed.stateNote = state === 'available' ? null : input.note;
      await ctx.em.save(bed);
      ctx.audit({ action: 'bed.set_state', entity: 'bed', entityId: bed.id, hospitalId: bed.hospitalId, changes: { state: [before, state], note: input.note, room: room.number, label: bed.label } });
    }
    return readRoom(ctx, room.id);
  }
  const room = await requireHospitalOf(ctx, RoomEntity, input.roomId!, 'The room', { lock: true });
  const beds = await ctx.em.find(BedEntity, { where: { roomId: room.id } });
  const occupants = await occupantsOf(ctx, beds.map((b) => b.id));
  if (occupants.size && state !== 'available') {
    const first = [...occupants.values()][0];
    throw conflict(
      `Room ${room.number} has ${occupants.size} patient${occupants.size === 1 ? '' : 's'} (${first.patientName}${occupants.size > 1 ? ', …' : ''}): it cannot be set to ${UNIT_STATE_LABELS[state].toLowerCase()} while occupied.`,
    );
  }
  if (room.state !== state || room.stateNote !== input.note) {
    const before = room.state;
    room.state = state;
    room.stateNote = state === 'available' ? null : input.note;
    room.version += 1;
    await ctx.em.save(room);
    ctx.audit({ action: 'room.set_state', entity: 'room', entityId: room.id, hospitalId: room.hospitalId, changes: { state: [before, state], note: input.note, type: ROOM_TYPE_LABELS[room.roomType] } });
  }
  return readRoom(ctx, room.id);
}
