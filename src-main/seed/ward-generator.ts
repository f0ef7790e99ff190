// Seeded wards: floors, rooms and beds per hospital; six weeks of admissions, transfers and discharges simulated up to
// local noon of the reference date (the current stays are what is left), room charges, bed reservations and theatre lists.
import type { EntityRow } from '../db/writer';
import { roomChargeDescription, roomNights } from '../features/wards/rules';
import type { BedEntity, FloorEntity, RoomEntity } from '../features/wards/ward.entity';
import type { BedBookingEntity, BedStayEntity, StayEntity, TheatreBookingEntity } from '../features/wards/stay.entity';
import type { ChargeEntity } from '../features/billing/charge.entity';
import type { RoomType } from '@shared/domain/wards';
import { DayNames, epochDay, type ChainPlan, type SeedRandom } from './generator';
import type { PatientIndex } from './appointment-generator';
import { ADMISSION_REASONS, BOOKING_CANCEL_REASONS, DISCHARGE_NOTES, OUT_OF_SERVICE_NOTES, ROOM_RATES, THEATRE_PROCEDURES } from './sites';
import { LocalClock, weekdayOf, type StaffPlan } from './staff-generator';

/** Beds of each hospital unless --beds or --beds-at say otherwise. */
export const DEFAULT_BEDS = 120;
/** Current stays plus future reservations per bed, unless --bed-bookings says otherwise. */
export const DEFAULT_BOOKINGS_PER_BED = 2;
/** Stays are simulated from this many days before the reference date. */
export const STAY_HISTORY_DAYS = 42;
/** Reservations start at most this many days ahead. */
export const RESERVATION_HORIZON_DAYS = 90;
/** Operating lists cover this many days back and ahead. */
export const THEATRE_DAYS_BACK = 14;
export const THEATRE_DAYS_AHEAD = 28;
/** "Now" on the reference date: local noon, as for appointments. */
const NOW_MINUTE = 12 * 60;
/** A bed is made ready for the next patient this long after the last one left. */
const TURNAROUND_MINUTES = 60;

// ---- rows ----

export type FloorRow = EntityRow<FloorEntity>;

export type RoomRow = EntityRow<RoomEntity>;

export type BedRow = EntityRow<BedEntity>;

export type StayRow = EntityRow<StayEntity>;

export type BedStayRow = EntityRow<BedStayEntity>;

export type BedBookingRow = EntityRow<BedBookingEntity>;

export type TheatreBookingRow = EntityRow<TheatreBookingEntity>;

/** A charge, as the discharges here and the billing step make them. */
export type ChargeRow = EntityRow<ChargeEntity>;

/** One hospital's wards at the reference date, for the summary. */
export interface WardCensus {
  code: string;
  beds: number;
  /** Beds that can take a patient (not out of service, nor in a room that is). */
  usable: number;
  occupied: number;
  /** Reservations from today on, and how many were asked for. */
  reserved: number;
  reservationsAsked: number;
  stays: number;
  theatres: number;
}

export interface WardPlan {
  floors: FloorRow[];
  rooms: RoomRow[];
  beds: BedRow[];
  stays: StayRow[];
  bedStays: BedStayRow[];
  bedBookings: BedBookingRow[];
  theatreBookings: TheatreBookingRow[];
  charges: ChargeRow[];
  census: WardCensus[];
}

export interface WardOptions {
  /** Beds per hospital, in hospital order. */
  beds: readonly number[];
  /** Current stays plus future reservations across the chain, shared in proportion to beds; default 2 per bed. */
  bookings?: number;
  /** Days of admissions and discharges simulated before the reference date (default STAY_HISTORY_DAYS). */
  historyDays?: number;
}

/** Current stays plus future reservations each hospital is asked for: `total` shared by beds, largest remainders first. */
export function shareByBeds(total: number, beds: readonly number[]): number[] {
  const all = beds.reduce((s, b) => s + b, 0);
  if (all === 0) return beds.map(() => 0);
  const exact = beds.map((b) => (total * b) / all);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((s, x) => s + x, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    shares[i]++;
  }
  return shares;
}

// ---- layout ----

/** Share of a hospital's beds per room type, and beds per room (a ward's size is drawn from the list). */
const ROOM_MIX: readonly { type: Exclude<RoomType, 'operating_theatre'>; share: number; sizes: readonly number[] }[] = [
  { type: 'icu', share: 0.08, sizes: [2, 4] },
  { type: 'isolation', share: 0.04, sizes: [1] },
  { type: 'private', share: 0.14, sizes: [1] },
  { type: 'semi_private', share: 0.2, sizes: [2] },
  { type: 'general_ward', share: 0.54, sizes: [4, 6, 6, 8] },
];

const bedLabel = (k: number): string => (k < 26 ? String.fromCharCode(65 + k) : `${String.fromCharCode(65 + Math.floor(k / 26) - 1)}${String.fromCharCode(65 + (k % 26))}`);

interface WardBed {
  row: BedRow;
  room: RoomRow;
  /** Can take a patient: neither the bed nor its room is out of service. */
  usable: boolean;
}

// ---- the simulation's stays ----

interface Segment {
  bed: number;
  /** Local minutes since the epoch. */
  from: number;
  to: number | null;
}

interface DraftStay {
  id: number;
  patient: number;
  doctor: number;
  reason: string;
  admitted: number;
  /** Local day the patient is (or was) expected to leave, and the minute they do. */
  dischargeDay: number;
  dischargeAt: number;
  transfers: number[];
  segments: Segment[];
  discharged: boolean;
  /** The expected discharge written on a current stay (null: not yet known). */
  expected: number | null;
  bookingId: number | null;
}

/** Nights of a stay: a few day cases, mostly a few nights, sometimes weeks. */
function stayNights(r: SeedRandom): number {
  const x = r.next();
  if (x < 0.05) return 0;
  if (x < 0.5) return r.between(1, 3);
  if (x < 0.9) return r.between(4, 10);
  return r.between(11, 30);
}

/** Nights of a reservation: mostly short elective stays. */
const reservationNights = (r: SeedRandom): number => (r.chance(0.7) ? r.between(1, 4) : r.between(5, 14));

/** Ward layout, stays, bookings and charges of every hospital; each hospital draws from its own stream. */
export function planWards(random: (purpose: string) => SeedRandom, chain: ChainPlan, staff: StaffPlan, patients: PatientIndex, options: WardOptions): WardPlan {
  const plan: WardPlan = { floors: [], rooms: [], beds: [], stays: [], bedStays: [], bedBookings: [], theatreBookings: [], charges: [], census: [] };
  const totalBeds = options.beds.reduce((s, b) => s + b, 0);
  const asked = shareByBeds(options.bookings ?? DEFAULT_BOOKINGS_PER_BED * totalBeds, options.beds);
  const asOf = epochDay(chain.asOf);
  const historyDays = options.historyDays ?? STAY_HISTORY_DAYS;
  const days = new DayNames(asOf - historyDays - 400, asOf + RESERVATION_HORIZON_DAYS + 400);

  const pools: number[][] = chain.hospitals.map(() => []);
  for (let i = 0; i < patients.hospital.length; i++) pools[patients.hospital[i] - 1]?.push(i + 1);
  // Patients are busy (in a bed) until this local minute; Infinity while admitted now.
  const busyUntil = new Float64Array(patients.hospital.length + 1).fill(-Infinity);

  chain.hospitals.forEach((hospital, h) => {
    const beds = options.beds[h] ?? 0;
    if (beds === 0) {
      plan.census.push({ code: hospital.code, beds: 0, usable: 0, occupied: 0, reserved: 0, reservationsAsked: 0, stays: 0, theatres: 0 });
      return;
    }
    new HospitalWards(random(`wards:${hospital.code}`), chain, staff, plan, days, h, beds, asked[h], pools[h], patients, busyUntil, historyDays).build();
  });
  return plan;
}

class HospitalWards {
  private readonly clock: LocalClock;
  private readonly asOf: number;
  private readonly now: number;
  private readonly hospitalId: number;
  private readonly currency: string;
  private readonly founded: string;
  private readonly wardBeds: WardBed[] = [];
  private readonly theatres: RoomRow[] = [];
  private readonly doctors: number[];
  private readonly surgeons: number[];
  private readonly nurses: number[];
  private readonly desks: number[];
  /** Per ward bed (index into wardBeds): the stay in it now (-1 when free) and since when it is free. */
  private occupant: Int32Array = new Int32Array(0);
  private freeSince: Float64Array = new Float64Array(0);
  private readonly stays: DraftStay[] = [];
  private readonly firstStayId: number;

  constructor(
    private readonly r: SeedRandom,
    private readonly chain: ChainPlan,
    staff: StaffPlan,
    private readonly plan: WardPlan,
    private readonly days: DayNames,
    private readonly h: number,
    private readonly bedCount: number,
    private readonly asked: number,
    private readonly pool: readonly number[],
    private readonly patients: PatientIndex,
    private readonly busyUntil: Float64Array,
    private readonly historyDays: number,
  ) {
    const hospital = chain.hospitals[h];
    this.hospitalId = hospital.id;
    this.currency = hospital.currency;
    this.founded = hospital.created_at;
    this.clock = new LocalClock(hospital.time_zone);
    this.asOf = epochDay(chain.asOf);
    this.now = this.asOf * 1440 + NOW_MINUTE;
    const working = staff.staff.filter((s) => s.hospital_id === hospital.id && s.staff_role === 'doctor' && s.status === 'active');
    this.doctors = working.map((s) => s.id);
    const surgery = chain.departments.find((d) => d.hospital_id === hospital.id && d.name.startsWith('Surgery'))?.id;
    const surgeons = working.filter((s) => s.department_id === surgery).map((s) => s.id);
    this.surgeons = surgeons.length ? surgeons : this.doctors;
    this.nurses = chain.accountPeople.filter((a) => a.hospitalIndex === h && a.role === 'nurse').map((a) => a.userId);
    this.desks = chain.frontDesk[h];
    this.firstStayId = plan.stays.length + 1;
  }

  build(): void {
    this.layout();
    const usable = this.wardBeds.filter((b) => b.usable).length;
    this.occupant = new Int32Array(this.wardBeds.length).fill(-1);
    this.freeSince = new Float64Array(this.wardBeds.length).fill(-Infinity);
    if (this.doctors.length) this.simulate(usable);
    const occupied = this.writeStays();
    const reserved = this.reserve(Math.max(0, this.asked - occupied));
    this.theatreLists();
    this.plan.census.push({
      code: this.chain.hospitals[this.h].code,
      beds: this.bedCount,
      usable,
      occupied,
      reserved,
      reservationsAsked: Math.max(0, this.asked - occupied),
      stays: this.stays.length,
      theatres: this.theatres.length,
    });
  }

  private utc(localMinute: number): string {
    const day = Math.floor(localMinute / 1440);
    return this.days.instant(this.clock.utc(day, localMinute - day * 1440));
  }

  // ---- floors, rooms, beds ----

  private layout(): void {
    const r = this.r;
    const { plan } = this;
    const rates = ROOM_RATES[this.currency] ?? ROOM_RATES.USD;
    // Rooms by type, their sizes adding up to exactly the beds asked for.
    const rooms: { type: RoomType; size: number }[] = [];
    let left = this.bedCount;
    ROOM_MIX.forEach((mix, i) => {
      let beds = i === ROOM_MIX.length - 1 ? left : Math.min(left, Math.round(this.bedCount * mix.share));
      left -= beds;
      while (beds > 0) {
        const size = Math.min(beds, r.pick(mix.sizes));
        rooms.push({ type: mix.type, size });
        beds -= size;
      }
    });
    const theatres = Math.max(1, Math.round(this.bedCount / 100));
    const perFloor = Math.min(120, Math.max(24, Math.ceil(this.bedCount / 16)));
    // Floors fill from the ground up: the theatre suite and ICU low down, wards above.
    const floorsOf: { type: RoomType; size: number }[][] = [Array.from({ length: theatres }, () => ({ type: 'operating_theatre' as const, size: 0 }))];
    let load = 0;
    for (const room of rooms) {
      if (load + room.size > perFloor && floorsOf.at(-1)!.some((x) => x.size > 0)) {
        floorsOf.push([]);
        load = 0;
      }
      floorsOf.at(-1)!.push(room);
      load += room.size;
    }
    const width = floorsOf.some((f) => f.length > 99) ? 3 : 2;
    let theatreNo = 0;
    floorsOf.forEach((list, level) => {
      const floor: FloorRow = { id: plan.floors.length + 1, hospital_id: this.hospitalId, name: level === 0 ? 'Ground floor' : `Floor ${level}`, level, created_at: this.founded };
      plan.floors.push(floor);
      let k = 0;
      for (const room of list) {
        const theatre = room.type === 'operating_theatre';
        const outOfService = !theatre && r.chance(0.015);
        const row: RoomRow = {
          id: plan.rooms.length + 1,
          hospital_id: this.hospitalId,
          floor_id: floor.id,
          number: theatre ? `OT-${++theatreNo}` : `${level === 0 ? 'G' : level}${String(++k).padStart(width, '0')}`,
          room_type: room.type,
          daily_rate: rates[room.type],
          state: outOfService ? 'out_of_service' : 'available',
          state_note: outOfService ? r.pick(OUT_OF_SERVICE_NOTES) : null,
          version: 1,
          created_at: this.founded,
          updated_at: this.founded,
        };
        plan.rooms.push(row);
        if (theatre) this.theatres.push(row);
        for (let b = 0; b < room.size; b++) {
          const broken = !outOfService && r.chance(0.01);
          const bed: BedRow = {
            id: plan.beds.length + 1,
            hospital_id: this.hospitalId,
            room_id: row.id,
            label: bedLabel(b),
            state: broken ? 'out_of_service' : 'available',
            state_note: broken ? r.pick(OUT_OF_SERVICE_NOTES) : null,
            created_at: this.founded,
          };
          plan.beds.push(bed);
          this.wardBeds.push({ row: bed, room: row, usable: !outOfService && !broken });
        }
      }
    });
  }

  // ---- stays ----

  private reasonFor(bed: number): string {
    const type = this.wardBeds[bed].room.room_type;
    return this.r.pick(type === 'icu' ? ADMISSION_REASONS.icu : type === 'isolation' ? ADMISSION_REASONS.isolation : ADMISSION_REASONS.ward);
  }

  /** A patient of this hospital, registered before `day` and in no bed at `at` (local minute); 0 when none is found. */
  private pickPatient(day: number, at: number): number {
    const pool = this.pool;
    // Patients are numbered in registration order: the eligible ones are a prefix of the pool.
    let lo = 0;
    let hi = pool.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.patients.registeredDay[pool[mid] - 1] < day - 1) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    for (let tries = 0; tries < 12; tries++) {
      const p = pool[this.r.int(lo)];
      if (this.busyUntil[p] < at) return p;
    }
    return 0;
  }

  /** A free ward bed, ready by `at`, outside `avoidRoom`; -1 when none is found. */
  private pickBed(free: number[], at: number, avoidRoom: number): number {
    for (let tries = 0; tries < 24 && free.length; tries++) {
      const k = this.r.int(free.length);
      const bed = free[k];
      if (this.freeSince[bed] <= at - TURNAROUND_MINUTES && this.wardBeds[bed].room.id !== avoidRoom) {
        free[k] = free[free.length - 1];
        free.pop();
        return bed;
      }
    }
    return -1;
  }

  private admit(bed: number, patient: number, admitted: number, planned: number): void {
    const r = this.r;
    const admitDay = Math.floor(admitted / 1440);
    // A day case comes in the morning and goes home the same evening; later arrivals stay the night.
    const nights = planned === 0 && admitted - admitDay * 1440 > 14 * 60 ? 1 : planned;
    const dischargeDay = admitDay + nights;
    const dischargeAt = nights === 0 ? admitted + r.between(180, 300) : dischargeDay * 1440 + r.between(8 * 60, 11 * 60 + 59);
    const transfers: number[] = [];
    if (nights >= 2 && r.chance(0.15)) {
      const first = admitDay + 1 + r.int(nights - 1);
      transfers.push(first * 1440 + r.between(14 * 60, 17 * 60));
      if (dischargeDay - first >= 2 && r.chance(0.2)) transfers.push((first + 1 + r.int(dischargeDay - first - 1)) * 1440 + r.between(14 * 60, 17 * 60));
    }
    const stay: DraftStay = {
      id: this.firstStayId + this.stays.length,
      patient,
      doctor: r.pick(this.doctors),
      reason: this.reasonFor(bed),
      admitted,
      dischargeDay,
      dischargeAt,
      transfers,
      segments: [{ bed, from: admitted, to: null }],
      discharged: false,
      expected: null,
      bookingId: null,
    };
    this.stays.push(stay);
    this.occupant[bed] = this.stays.length - 1;
    this.busyUntil[patient] = dischargeAt;
  }

  /** Day by day from historyDays back to local noon of the reference date: discharges, transfers and admissions in time order. */
  private simulate(usable: number): void {
    const r = this.r;
    const start = this.asOf - this.historyDays;
    const target = 0.66 + r.next() * 0.18;
    const free: number[] = [];
    // The wards are already busy when the window opens: stays under way, admitted before it.
    this.wardBeds.forEach((b, bed) => {
      if (!b.usable) return;
      if (!r.chance(target)) {
        free.push(bed);
        return;
      }
      const nights = Math.max(1, stayNights(r));
      const admitDay = start - 1 - r.int(nights);
      const admitted = admitDay * 1440 + r.between(6 * 60, 23 * 60);
      const patient = this.pickPatient(admitDay, admitted);
      if (!patient) free.push(bed);
      else this.admit(bed, patient, admitted, nights);
    });

    type Event = { at: number; kind: 0 | 1 | 2; stay: number };
    for (let day = start; day <= this.asOf; day++) {
      const events: Event[] = [];
      let leaving = 0;
      this.stays.forEach((s, i) => {
        if (s.discharged) return;
        // A day case admitted yesterday went home yesterday evening: its bed is freed now, at the time it left.
        if (s.dischargeDay <= day) {
          events.push({ at: s.dischargeAt, kind: 0, stay: i });
          leaving++;
        }
        for (const t of s.transfers) if (Math.floor(t / 1440) === day) events.push({ at: t, kind: 1, stay: i });
      });
      const occupied = usable - free.length;
      const wanted = Math.round(target * usable + (r.next() - 0.5) * 0.04 * usable) - (occupied - leaving);
      const latest = day === this.asOf ? this.now - 30 : day * 1440 + 23 * 60;
      for (let k = 0; k < wanted; k++) events.push({ at: r.between(day * 1440 + 6 * 60, latest), kind: 2, stay: -1 });
      events.sort((a, b) => a.at - b.at || a.kind - b.kind);
      for (const e of events) {
        if (e.at >= this.now) continue;
        if (e.kind === 0) this.discharge(this.stays[e.stay], e.at, free);
        else if (e.kind === 1) this.transfer(e.stay, e.at, free);
        else {
          const bed = this.pickBed(free, e.at, -1);
          if (bed < 0) continue;
          const patient = this.pickPatient(day, e.at);
          if (!patient) {
            free.push(bed);
            continue;
          }
          this.admit(bed, patient, e.at, stayNights(r));
        }
      }
    }
    // Day cases of this morning who have gone home already.
    this.stays.forEach((s) => {
      if (!s.discharged && s.dischargeAt < this.now) this.discharge(s, s.dischargeAt, free);
    });
    // Who is still in a bed at noon of the reference date stays there: never a second current stay for them.
    for (const s of this.stays) if (!s.discharged) this.busyUntil[s.patient] = Infinity;
  }

  private discharge(stay: DraftStay, at: number, free: number[]): void {
    const seg = stay.segments[stay.segments.length - 1];
    seg.to = at;
    stay.discharged = true;
    this.occupant[seg.bed] = -1;
    this.freeSince[seg.bed] = at;
    free.push(seg.bed);
  }

  private transfer(index: number, at: number, free: number[]): void {
    const stay = this.stays[index];
    const seg = stay.segments[stay.segments.length - 1];
    const to = this.pickBed(free, at, this.wardBeds[seg.bed].room.id);
    if (to < 0) return;
    seg.to = at;
    this.occupant[seg.bed] = -1;
    this.freeSince[seg.bed] = at;
    free.push(seg.bed);
    stay.segments.push({ bed: to, from: at, to: null });
    this.occupant[to] = index;
  }

  /** Stay, bed-stay, admitted-booking and charge rows; returns how many patients are in a bed now. */
  private writeStays(): number {
    const r = this.r;
    const { plan, days } = this;
    const hospital = this.chain.hospitals[this.h];
    let current = 0;
    for (const s of this.stays) {
      const firstBed = this.wardBeds[s.segments[0].bed];
      const last = s.segments[s.segments.length - 1];
      const lastBed = this.wardBeds[last.bed];
      const admittedDay = Math.floor(s.admitted / 1440);
      const nurse = this.nurses.length ? r.pick(this.nurses) : null;
      // A fifth of the stays in ordinary rooms were booked ahead: the booking was taken up on admission.
      if (s.dischargeDay > admittedDay && firstBed.room.room_type !== 'icu' && firstBed.room.room_type !== 'isolation' && r.chance(0.2)) {
        const created = Math.max(s.admitted - r.between(1, 30) * 1440, (this.patients.registeredDay[s.patient - 1] + 1) * 1440);
        s.bookingId = plan.bedBookings.length + 1;
        plan.bedBookings.push({
          id: s.bookingId,
          hospital_id: this.hospitalId,
          bed_id: firstBed.row.id,
          patient_id: s.patient,
          from_date: days.iso(admittedDay),
          to_date: days.iso(s.dischargeDay),
          reason: s.reason,
          status: 'admitted',
          cancel_reason: null,
          stay_id: s.id,
          booked_by: this.desks.length ? r.pick(this.desks) : null,
          created_at: this.utc(Math.min(created, s.admitted - 60)),
          updated_at: this.utc(s.admitted),
        });
      }
      const changed = s.discharged ? last.to! : last.from;
      if (!s.discharged) current++;
      if (!s.discharged && !r.chance(0.1)) s.expected = s.dischargeDay;
      const dischargedBy = s.discharged && this.nurses.length ? r.pick(this.nurses) : null;
      plan.stays.push({
        id: s.id,
        hospital_id: this.hospitalId,
        patient_id: s.patient,
        attending_doctor_id: s.doctor,
        reason: s.reason,
        admitted_at: this.utc(s.admitted),
        expected_discharge: s.discharged || s.expected !== null ? days.iso(s.dischargeDay) : null,
        discharged_at: s.discharged ? this.utc(last.to!) : null,
        status: s.discharged ? 'discharged' : 'admitted',
        current_bed_id: lastBed.row.id,
        active_patient_id: s.discharged ? null : s.patient,
        booking_id: s.bookingId,
        discharge_note: s.discharged && r.chance(0.7) ? r.pick(DISCHARGE_NOTES) : null,
        admitted_by: nurse,
        discharged_by: dischargedBy,
        version: s.segments.length + (s.discharged ? 1 : 0),
        created_at: this.utc(s.admitted),
        updated_at: this.utc(changed),
      });
      for (const seg of s.segments) {
        plan.bedStays.push({
          id: plan.bedStays.length + 1,
          stay_id: s.id,
          bed_id: this.wardBeds[seg.bed].row.id,
          from_at: this.utc(seg.from),
          to_at: seg.to === null ? null : this.utc(seg.to),
          occupied_bed_id: seg.to === null ? this.wardBeds[seg.bed].row.id : null,
        });
      }
      if (s.discharged) this.charge(s, hospital.currency, dischargedBy);
    }
    // A bed whose patient left this morning is often still being cleaned.
    this.wardBeds.forEach((b, bed) => {
      if (b.usable && this.occupant[bed] < 0 && this.freeSince[bed] >= this.asOf * 1440 && r.chance(0.7)) b.row.state = 'cleaning';
    });
    return current;
  }

  /** Room-days of a discharged stay, one charge per bed it lay in, as the discharge desk charges them. */
  private charge(s: DraftStay, currency: string, by: number | null): void {
    const serviceDate = this.days.iso(Math.floor(s.segments[s.segments.length - 1].to! / 1440));
    const spells = s.segments.map((seg) => ({ fromDate: this.days.iso(Math.floor(seg.from / 1440)), toDate: this.days.iso(Math.floor(seg.to! / 1440)), dailyRate: this.wardBeds[seg.bed].room.daily_rate }));
    const nights = roomNights(spells);
    s.segments.forEach((seg, i) => {
      if (nights[i].nights === 0) return;
      const room = this.wardBeds[seg.bed].room;
      this.plan.charges.push({
        id: this.plan.charges.length + 1,
        hospital_id: this.hospitalId,
        patient_id: s.patient,
        category: 'room',
        description: roomChargeDescription({ roomNumber: room.number, roomType: room.room_type, bedLabel: this.wardBeds[seg.bed].row.label }, nights[i].nights, nights[i].fromDate),
        quantity: nights[i].nights,
        unit_price: room.daily_rate,
        amount: nights[i].nights * room.daily_rate,
        currency,
        tax_rate_bp: 0,
        service_date: serviceDate,
        source_type: 'stay',
        source_id: s.id,
        invoice_id: null,
        created_by: by,
        created_at: this.utc(s.segments[s.segments.length - 1].to!),
      });
    });
  }

  // ---- reservations ----

  /**
   * Reservations from today up to RESERVATION_HORIZON_DAYS ahead, more of them soon than later: never on a bed while its
   * current patient is expected (or, without an expected date, at all), never overlapping another reservation of the bed,
   * and never two at once for a patient. Some cancelled ones besides. Returns how many were placed.
   */
  private reserve(count: number): number {
    const r = this.r;
    const { plan, days } = this;
    const usable = this.wardBeds.map((b, i) => i).filter((i) => this.wardBeds[i].usable);
    if (usable.length === 0 || this.pool.length === 0) return 0;
    const blockedUntil = new Float64Array(this.wardBeds.length).fill(this.asOf);
    this.occupant.forEach((k, bed) => {
      if (k < 0) return;
      const expected = this.stays[k].expected;
      blockedUntil[bed] = expected === null ? Infinity : Math.max(expected, this.asOf + 1);
    });
    const taken: number[][] = this.wardBeds.map(() => []);
    const patientTaken = new Map<number, number[]>();
    const overlaps = (list: readonly number[] | undefined, from: number, to: number) => {
      if (!list) return false;
      for (let i = 0; i < list.length; i += 2) if (list[i] < to && from < list[i + 1]) return true;
      return false;
    };
    const eligible = this.pool.filter((p) => this.patients.registeredDay[p - 1] < this.asOf - 1 && this.busyUntil[p] !== Infinity);
    if (eligible.length === 0) return 0;
    const now = this.now;
    let placed = 0;
    for (let attempt = 0; placed < count && attempt < count * 12; attempt++) {
      let ahead = Math.floor(-45 * Math.log(1 - r.next()));
      if (ahead >= RESERVATION_HORIZON_DAYS) ahead = r.int(RESERVATION_HORIZON_DAYS);
      const from = this.asOf + ahead;
      const to = from + reservationNights(r);
      let bed = -1;
      for (let tries = 0; tries < 30; tries++) {
        const b = usable[r.int(usable.length)];
        if (from >= blockedUntil[b] && !overlaps(taken[b], from, to)) {
          bed = b;
          break;
        }
      }
      if (bed < 0) continue;
      let patient = 0;
      for (let tries = 0; tries < 12; tries++) {
        const p = eligible[r.int(eligible.length)];
        if (this.busyUntil[p] < from * 1440 && !overlaps(patientTaken.get(p), from, to)) {
          patient = p;
          break;
        }
      }
      if (!patient) continue;
      taken[bed].push(from, to);
      const mine = patientTaken.get(patient);
      if (mine) mine.push(from, to);
      else patientTaken.set(patient, [from, to]);
      const created = this.utc(now - r.between(30, Math.min(60 * 1440, (ahead + 20) * 1440)));
      plan.bedBookings.push({
        id: plan.bedBookings.length + 1,
        hospital_id: this.hospitalId,
        bed_id: this.wardBeds[bed].row.id,
        patient_id: patient,
        from_date: days.iso(from),
        to_date: days.iso(to),
        reason: r.chance(0.8) ? r.pick(ADMISSION_REASONS.ward) : null,
        status: 'reserved',
        cancel_reason: null,
        stay_id: null,
        booked_by: this.desks.length ? r.pick(this.desks) : null,
        created_at: created,
        updated_at: created,
      });
      placed++;
    }
    // Cancelled reservations hold nothing, so they may lie anywhere.
    const cancelled = Math.round(placed * 0.08);
    for (let k = 0; k < cancelled; k++) {
      const from = this.asOf + r.int(RESERVATION_HORIZON_DAYS);
      const created = this.utc(now - r.between(2 * 1440, 30 * 1440));
      const cancelledAt = this.utc(now - r.between(30, 1440));
      plan.bedBookings.push({
        id: plan.bedBookings.length + 1,
        hospital_id: this.hospitalId,
        bed_id: this.wardBeds[usable[r.int(usable.length)]].row.id,
        patient_id: eligible[r.int(eligible.length)],
        from_date: days.iso(from),
        to_date: days.iso(from + reservationNights(r)),
        reason: r.chance(0.8) ? r.pick(ADMISSION_REASONS.ward) : null,
        status: 'cancelled',
        cancel_reason: r.pick(BOOKING_CANCEL_REASONS),
        stay_id: null,
        booked_by: this.desks.length ? r.pick(this.desks) : null,
        created_at: created,
        updated_at: cancelledAt,
      });
    }
    return placed;
  }

  // ---- operating theatres ----

  /** Weekday lists from 08:00 to 18:00 in each theatre, one case after another; a few future ones cancelled. */
  private theatreLists(): void {
    const r = this.r;
    const { plan, days } = this;
    if (this.pool.length === 0) return;
    for (const room of this.theatres) {
      for (let day = this.asOf - THEATRE_DAYS_BACK; day <= this.asOf + THEATRE_DAYS_AHEAD; day++) {
        if (weekdayOf(day) > 5) continue;
        let minute = 8 * 60;
        for (;;) {
          minute += r.pick([0, 15, 30, 60]);
          const length = r.pick([60, 90, 120, 180, 240]);
          if (minute + length > 18 * 60) break;
          const start = day * 1440 + minute;
          minute += length;
          if (!r.chance(0.8)) continue;
          const patient = this.pool[r.int(this.pool.length)];
          if (this.patients.registeredDay[patient - 1] >= day - 1) continue;
          const cancelled = start > this.now && r.chance(0.07);
          const created = Math.min(start - r.between(1, 21) * 1440, this.now - 60);
          plan.theatreBookings.push({
            id: plan.theatreBookings.length + 1,
            hospital_id: this.hospitalId,
            room_id: room.id,
            patient_id: patient,
            surgeon_id: this.surgeons.length && r.chance(0.9) ? r.pick(this.surgeons) : null,
            starts_at: this.utc(start),
            ends_at: this.utc(start + length),
            local_date: days.iso(day),
            procedure_name: r.pick(THEATRE_PROCEDURES),
            status: cancelled ? 'cancelled' : 'booked',
            cancel_reason: cancelled ? r.pick(BOOKING_CANCEL_REASONS) : null,
            booked_by: this.desks.length ? r.pick(this.desks) : null,
            created_at: this.utc(created),
            updated_at: this.utc(cancelled ? this.now - r.between(30, 1440) : created),
          });
        }
      }
    }
  }
}
