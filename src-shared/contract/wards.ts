// Floors, rooms and beds; bed and theatre bookings; admissions, transfers and discharges; the occupancy board, its
// timeline and the bed census (screen, CSV and PDF).
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, IsoInstant, Limit, OptionalText, RequiredText, returns, type Page } from './channel';
import { ROOM_TYPES, UNIT_STATES, type BedStatus, type BookingStatus, type RoomType, type StayStatus, type UnitState } from '../domain/wards';

/** Who describes the wards. */
export const WARD_ADMINS = ['admin'] as const;
/** Who books beds and theatres. */
export const WARD_BOOKERS = ['front_desk'] as const;
/** Who admits, moves and discharges patients, and sends beds to cleaning and back. */
export const WARD_NURSES = ['nurse'] as const;
/** Who sees the wards, the board and the census. */
export const WARD_READERS = ['front_desk', 'nurse', 'doctor', 'manager', 'admin'] as const;

export const PAPER_SIZES = ['A4', 'Letter'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export interface Floor {
  id: number;
  hospitalId: number;
  name: string;
  /** Orders the floors: -1 basement, 0 ground, 1 first… */
  level: number;
}

export interface Bed {
  id: number;
  roomId: number;
  label: string;
  state: UnitState;
  stateNote: string | null;
}

export interface Room {
  id: number;
  hospitalId: number;
  floorId: number;
  number: string;
  roomType: RoomType;
  /** Minor units of the hospital currency per night. */
  dailyRate: number;
  currency: string;
  state: UnitState;
  stateNote: string | null;
  beds: Bed[];
  version: number;
}

export interface WardLayout {
  hospitalId: number;
  floors: (Floor & { rooms: Room[] })[];
}

export interface BedBooking {
  id: number;
  hospitalId: number;
  bedId: number;
  bedLabel: string;
  roomNumber: string;
  patientId: number;
  patientNumber: string;
  patientName: string;
  /** First night, and the day the bed is free again (local dates). */
  from: string;
  to: string;
  reason: string | null;
  status: BookingStatus;
  stayId: number | null;
}

export interface TheatreBooking {
  id: number;
  hospitalId: number;
  roomId: number;
  roomNumber: string;
  patientId: number;
  patientNumber: string;
  patientName: string;
  surgeonId: number | null;
  surgeonName: string | null;
  start: string;
  end: string;
  procedure: string;
  status: 'booked' | 'cancelled';
}

export interface BedMove {
  bedId: number;
  bedLabel: string;
  roomNumber: string;
  roomType: RoomType;
  floorName: string;
  from: string;
  /** Null while the patient is still in this bed. */
  to: string | null;
}

export interface RoomCharge {
  id: number;
  description: string;
  /** Nights. */
  quantity: number;
  unitPrice: number;
  amount: number;
  currency: string;
  serviceDate: string;
}

export interface Stay {
  id: number;
  hospitalId: number;
  patientId: number;
  patientNumber: string;
  patientName: string;
  attendingDoctorId: number;
  attendingDoctorName: string;
  reason: string;
  admittedAt: string;
  expectedDischarge: string | null;
  dischargedAt: string | null;
  status: StayStatus;
  /** The current bed (the last one after discharge). */
  bedId: number;
  bedLabel: string;
  roomNumber: string;
  /** Every bed of the stay, first to last. */
  history: BedMove[];
  /** Room-days recorded at discharge. */
  charges: RoomCharge[];
  version: number;
}

export interface BedCounts {
  beds: number;
  /** Beds that can take a patient: all but those out of service. */
  usable: number;
  occupied: number;
  reserved: number;
  free: number;
  cleaning: number;
  outOfService: number;
  /** occupied / usable, in percent with one decimal. */
  percent: number;
}

export interface BoardBed {
  id: number;
  label: string;
  status: BedStatus;
  note: string | null;
  occupant: { stayId: number; patientId: number; patientNumber: string; patientName: string; since: string; expectedDischarge: string | null; attendingDoctorName: string } | null;
  reservation: { bookingId: number; patientId: number; patientNumber: string; patientName: string; from: string; to: string } | null;
}

export interface BoardRoom {
  id: number;
  number: string;
  roomType: RoomType;
  state: UnitState;
  dailyRate: number;
  beds: BoardBed[];
}

export interface OccupancyBoard {
  hospitalId: number;
  date: string;
  timeZone: string;
  currency: string;
  floors: { id: number; name: string; level: number; rooms: BoardRoom[]; counts: BedCounts }[];
  byRoomType: { roomType: RoomType; counts: BedCounts }[];
  total: BedCounts;
}

export interface TimelineSegment {
  kind: 'stay' | 'booking';
  id: number;
  /** Local dates; `to` is the day the bed is free again (expected discharge, or the end of the window when unknown). */
  from: string;
  to: string;
  patientNumber: string;
  patientName: string;
}

export interface OccupancyTimeline {
  hospitalId: number;
  from: string;
  days: number;
  beds: { bedId: number; label: string; roomNumber: string; roomType: RoomType; floorName: string; segments: TimelineSegment[] }[];
}

export interface CensusRow {
  floorName: string;
  roomNumber: string;
  roomType: RoomType;
  bedLabel: string;
  stayId: number;
  patientNumber: string;
  patientName: string;
  admittedAt: string;
  expectedDischarge: string | null;
  attendingDoctorName: string;
  /** Nights so far. */
  nights: number;
}

export interface Census {
  hospitalId: number;
  hospitalName: string;
  date: string;
  timeZone: string;
  rows: CensusRow[];
  total: BedCounts;
}

const Money = z.number({ error: 'Expected an amount in minor units.' }).int({ error: 'Whole minor units only.' }).min(0).max(1_000_000_000);
const BedLabel = RequiredText(10).pipe(z.string().regex(/^[A-Za-z0-9-]+$/, { error: 'Letters, digits and - only.' }));

/** Record kinds of this area: its writes audit them, the change feed and live refresh follow them. */
export const wardKinds = ['floor', 'room', 'bed', 'stay', 'bed_booking', 'theatre_booking'] as const;

export const wards = {
  'rooms.createFloor': channel({
    input: z.object({ hospitalId: Id, name: RequiredText(60), level: z.number().int().min(-10).max(200) }),
    output: returns<Floor>(),
    access: WARD_ADMINS,
    kind: 'write',
    changes: ['floor'],
  }),
  'rooms.createRoom': channel({
    input: z
      .object({
        floorId: Id,
        number: RequiredText(20),
        roomType: z.enum(ROOM_TYPES, { error: 'Choose a room type.' }),
        dailyRate: Money,
        /** Beds to create, labelled A, B, C…; an operating theatre has none. */
        beds: z.number().int().min(0).max(60, { error: 'At most 60 beds in one room.' }),
      })
      .refine((r) => r.roomType !== 'operating_theatre' || r.beds === 0, { path: ['beds'], error: 'An operating theatre has no beds.' })
      .refine((r) => r.roomType === 'operating_theatre' || r.beds > 0, { path: ['beds'], error: 'A ward room needs at least one bed.' }),
    output: returns<Room>(),
    access: WARD_ADMINS,
    kind: 'write',
    changes: ['room', 'bed'],
  }),
  'rooms.updateRoom': channel({
    input: z.object({ id: Id, version: z.number().int().min(1), number: RequiredText(20).optional(), dailyRate: Money.optional() }),
    output: returns<Room>(),
    access: WARD_ADMINS,
    kind: 'write',
    changes: ['room'],
  }),
  'rooms.addBed': channel({ input: z.object({ roomId: Id, label: BedLabel.optional() }), output: returns<Room>(), access: WARD_ADMINS, kind: 'write', changes: ['bed'] }),
  /** Floors, rooms and beds of a hospital. */
  'rooms.list': channel({ input: z.object({ hospitalId: Id }), output: returns<WardLayout>(), access: WARD_READERS, kind: 'read', shows: ['floor', 'room', 'bed'] }),
  /** Cleaning, out of service, or available again, for a room or one bed. An occupied bed cannot be taken out of use. */
  'rooms.setState': channel({
    input: z
      .object({ roomId: Id.optional(), bedId: Id.optional(), state: z.enum(UNIT_STATES, { error: 'Choose available, cleaning or out of service.' }), note: OptionalText(200) })
      .refine((i) => (i.roomId === undefined) !== (i.bedId === undefined), { path: ['bedId'], error: 'Give a room or a bed.' }),
    output: returns<Room>(),
    access: WARD_NURSES,
    kind: 'write',
    changes: ['room', 'bed'],
  }),

  /** Reserves a bed for the nights from `from` to the day before `to` (an elective admission). */
  'beds.book': channel({
    input: z
      .object({ bedId: Id, patientId: Id, from: IsoDate, to: IsoDate, reason: OptionalText(500) })
      .refine((b) => b.from < b.to, { path: ['to'], error: 'Must be after the first day.' }),
    output: returns<BedBooking>(),
    access: WARD_BOOKERS,
    kind: 'write',
    changes: ['bed_booking'],
  }),
  'beds.cancelBooking': channel({ input: z.object({ id: Id, reason: RequiredText(500) }), output: returns<BedBooking>(), access: WARD_BOOKERS, kind: 'write', changes: ['bed_booking'] }),
  /** Reservations of a hospital that end after `from` (default today). */
  'beds.bookings': channel({
    input: z.object({ hospitalId: Id, from: IsoDate.optional(), patientId: Id.optional(), bedId: Id.optional(), limit: Limit, cursor: Cursor }),
    output: returns<Page<BedBooking>>(),
    access: WARD_READERS,
    kind: 'read',
    shows: ['bed_booking', 'bed', 'patient'],
  }),
  'theatres.book': channel({
    input: z
      .object({ roomId: Id, patientId: Id, start: IsoInstant, end: IsoInstant, procedure: RequiredText(200), surgeonId: Id.optional() })
      .refine((t) => Date.parse(t.start) < Date.parse(t.end), { path: ['end'], error: 'Must be after the start.' })
      .refine((t) => Date.parse(t.end) - Date.parse(t.start) <= 24 * 3_600_000, { path: ['end'], error: 'At most 24 hours.' }),
    output: returns<TheatreBooking>(),
    access: WARD_BOOKERS,
    kind: 'write',
    changes: ['theatre_booking'],
  }),
  'theatres.cancel': channel({ input: z.object({ id: Id, reason: RequiredText(500) }), output: returns<TheatreBooking>(), access: WARD_BOOKERS, kind: 'write', changes: ['theatre_booking'] }),
  /** Theatre bookings of a hospital on a local day. */
  'theatres.schedule': channel({ input: z.object({ hospitalId: Id, date: IsoDate }), output: returns<TheatreBooking[]>(), access: WARD_READERS, kind: 'read', shows: ['theatre_booking', 'room', 'patient'] }),

  'admissions.admit': channel({
    input: z.object({
      patientId: Id,
      bedId: Id,
      attendingDoctorId: Id,
      reason: RequiredText(500),
      expectedDischarge: IsoDate.nullable().optional().transform((v) => v ?? null),
      /** The reservation this admission fulfils; found by itself when the patient holds one for this bed today. */
      bookingId: Id.optional(),
    }),
    output: returns<Stay>(),
    access: WARD_NURSES,
    kind: 'write',
    changes: ['stay', 'bed', 'bed_booking'],
  }),
  'admissions.transfer': channel({ input: z.object({ stayId: Id, toBedId: Id, reason: OptionalText(500) }), output: returns<Stay>(), access: WARD_NURSES, kind: 'write', changes: ['stay', 'bed'] }),
  /** The beds the stay's patient can be transferred to now (ids), by the rules the transfer checks: reserved beds left out. */
  'admissions.transferBeds': channel({ input: z.object({ stayId: Id }), output: returns<number[]>(), access: WARD_NURSES, kind: 'read', shows: ['stay', 'bed', 'bed_booking'] }),
  /** Ends the stay: the bed goes to cleaning and the room-days become charges, in one transaction. */
  'admissions.discharge': channel({ input: z.object({ stayId: Id, note: OptionalText(500) }), output: returns<Stay>(), access: WARD_NURSES, kind: 'write', changes: ['stay', 'bed', 'charge'] }),
  'admissions.get': channel({ input: z.object({ id: Id }), output: returns<Stay>(), access: WARD_READERS, kind: 'read', shows: ['stay', 'bed', 'patient'] }),
  /** A patient's stays, the latest admission first. */
  'admissions.forPatient': channel({
    input: z.object({ patientId: Id, limit: Limit, cursor: Cursor }),
    output: returns<Page<Stay>>(),
    access: WARD_READERS,
    kind: 'read',
    shows: ['stay', 'bed'],
  }),

  /** Every bed of a hospital on a day (default today), by floor and room, with the percentages. */
  'occupancy.board': channel({ input: z.object({ hospitalId: Id, date: IsoDate.optional() }), output: returns<OccupancyBoard>(), access: WARD_READERS, kind: 'read', replica: true, shows: ['floor', 'room', 'bed', 'stay', 'bed_booking', 'patient'] }),
  /** Stays and bookings per bed over the coming days (default today and 14 days). */
  'occupancy.timeline': channel({
    input: z.object({ hospitalId: Id, from: IsoDate.optional(), days: z.number().int().min(1).max(31).default(14), floorId: Id.optional() }),
    output: returns<OccupancyTimeline>(),
    access: WARD_READERS,
    kind: 'read',
    replica: true,
    shows: ['floor', 'room', 'bed', 'stay', 'bed_booking', 'patient'],
  }),
  /** Today's occupants by ward. */
  'occupancy.census': channel({ input: z.object({ hospitalId: Id }), output: returns<Census>(), access: WARD_READERS, kind: 'read', shows: ['floor', 'room', 'bed', 'stay', 'bed_booking', 'patient'] }),
  'occupancy.censusPdf': channel({
    input: z.object({ hospitalId: Id, paper: z.enum(PAPER_SIZES).default('A4') }),
    output: returns<{ fileName: string; pdfBase64: string; pages: number }>(),
    access: WARD_READERS,
    kind: 'read',
    shows: ['floor', 'room', 'bed', 'stay', 'bed_booking', 'patient'],
  }),
} as const;
