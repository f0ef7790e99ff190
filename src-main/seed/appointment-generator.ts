// Seeded appointments, day by day: inside the doctors' hours and never while they are away, one per slot (a cancelled
// slot may be booked again), one a day per patient, with statuses that fit the reference date.
import type { EntityRow } from '../db/writer';
import type { AppointmentEntity } from '../features/appointments/appointment.entity';
import type { AppointmentStatus } from '@shared/domain/scheduling';
import { DayNames, epochDay, type ChainPlan, type PatientRow, type SeedRandom } from './generator';
import { CANCEL_REASONS } from './sites';
import { BOOKING_HORIZON_DAYS, LocalClock, MAX_PAST_DAYS, weekdayOf, type RosterDoctor, type StaffPlan } from './staff-generator';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Appointments cover at least this many days before the reference date (more when they would not fit). */
export const MIN_PAST_DAYS = 91;
/** Share of the slots of a past day taken, at most, before the window reaches further back. */
export const TARGET_FILL = 0.75;
/** Beyond this share of every slot in the widest window, the requested count cannot be placed. */
const MAX_FILL = 0.97;
/** "Now" on the reference date is local noon at each hospital: the morning is over, the afternoon still booked. */
export const NOW_MINUTE = 12 * 60;

/** A patient's insurance as registered: billing applies it while valid (valid_until null or not yet passed). */
export interface PatientInsurance {
  provider: string;
  policy: string | null;
  percent: number;
  validUntil: string | null;
}

/** Which hospital each patient belongs to and the (UTC) day they were registered; index = patient id − 1. */
export interface PatientIndex {
  hospital: Uint8Array;
  registeredDay: Int32Array;
  /** Insured patients only, by id. */
  insurance: Map<number, PatientInsurance>;
  /** What clinical records need: sex (index into PATIENT_SEXES), the epoch day of birth, and recorded allergies by id. */
  sex: Uint8Array;
  birthDay: Int32Array;
  allergies: Map<number, string>;
}

/** The order of PatientIndex.sex. */
export const PATIENT_SEXES = ['female', 'male', 'other', 'unknown'] as const;

export function emptyPatientIndex(count: number): PatientIndex {
  return { hospital: new Uint8Array(count), registeredDay: new Int32Array(count), insurance: new Map(), sex: new Uint8Array(count), birthDay: new Int32Array(count), allergies: new Map() };
}

/** Notes generated patients in the index as they stream past. */
export function recordPatients(index: PatientIndex, rows: readonly PatientRow[]): void {
  for (const row of rows) {
    index.hospital[row.id - 1] = row.hospital_id;
    index.registeredDay[row.id - 1] = epochDay(row.created_at.slice(0, 10));
    index.sex[row.id - 1] = Math.max(0, PATIENT_SEXES.indexOf(row.sex));
    index.birthDay[row.id - 1] = epochDay(row.date_of_birth);
    if (row.allergies) index.allergies.set(row.id, row.allergies);
    if (row.insurance_provider && row.insurance_coverage_percent) {
      index.insurance.set(row.id, { provider: row.insurance_provider, policy: row.insurance_policy_number, percent: row.insurance_coverage_percent, validUntil: row.insurance_valid_until });
    }
  }
}

export type AppointmentRow = EntityRow<AppointmentEntity>;

/** Weight of a future day's slots: next week is mostly booked, three months out hardly at all. */
const futureWeight = (daysAhead: number) => 0.9 * Math.exp(-daysAhead / 35);

/** The slots of one day across the chain: doctor (roster index), start and end minute, earliest first per doctor. */
class DaySlots {
  doctor = new Int32Array(1024);
  start = new Int16Array(1024);
  end = new Int16Array(1024);
  length = 0;
  push(doctor: number, start: number, end: number) {
    if (this.length === this.doctor.length) {
      const grow = <T extends Int32Array | Int16Array>(a: T, make: (n: number) => T) => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.doctor = grow(this.doctor, (n) => new Int32Array(n));
      this.start = grow(this.start, (n) => new Int16Array(n));
      this.end = grow(this.end, (n) => new Int16Array(n));
    }
    this.doctor[this.length] = doctor;
    this.start[this.length] = start;
    this.end[this.length] = end;
    this.length++;
  }
}

/** Slots of every doctor on a day, minus time away; days must be asked for in increasing order (away lists are walked). */
class SlotFinder {
  private readonly awayAt: Int32Array;
  constructor(private readonly roster: readonly RosterDoctor[]) {
    this.awayAt = new Int32Array(roster.length);
  }

  /** Fills `out` (when given) and returns the number of slots on `day`. */
  day(day: number, out?: DaySlots): number {
    if (out) out.length = 0;
    const weekday = weekdayOf(day);
    const dayStart = day * 1440;
    let count = 0;
    for (let i = 0; i < this.roster.length; i++) {
      const doc = this.roster[i];
      if (day < doc.firstDay || day >= doc.endDay) continue;
      const blocks = doc.byWeekday[weekday];
      if (blocks.length === 0) continue;
      let k = this.awayAt[i];
      while (k < doc.away.length && doc.away[k].end <= dayStart) k++;
      this.awayAt[i] = k;
      const awayToday = k < doc.away.length && doc.away[k].start < dayStart + 1440;
      for (const b of blocks) {
        if (day < b.fromDay || day > b.toDay) continue;
        if (!awayToday && !out) {
          count += Math.floor((b.end - b.start) / b.slot);
          continue;
        }
        for (let s = b.start; s + b.slot <= b.end; s += b.slot) {
          const from = dayStart + s;
          const to = from + b.slot;
          let blocked = false;
          for (let j = k; j < doc.away.length && doc.away[j].start < to; j++) {
            if (doc.away[j].end > from) {
              blocked = true;
              break;
            }
          }
          if (blocked) continue;
          count++;
          out?.push(i, s, s + b.slot);
        }
      }
    }
    return count;
  }
}

interface Pending {
  row: AppointmentRow;
  checkedInMs: number;
  cancelledMs: number;
}

/**
 * Streams appointment rows in id order, day after day from the first day of the window to the booking horizon.
 * The window reaches MIN_PAST_DAYS back, further when `total` would fill the slots beyond TARGET_FILL, at most MAX_PAST_DAYS.
 */
export class AppointmentGenerator {
  readonly firstDay: number;
  readonly lastDay: number;
  private readonly asOfDay: number;
  private readonly clocks: LocalClock[];
  private readonly nowMs: number[];
  private readonly pools: Int32Array[];
  private readonly eligible: number[];
  private readonly lastVisit: Int32Array;
  /** Cumulative weighted slots up to and including each day of the window, and their total. */
  private readonly cumulative: Float64Array;
  private readonly weightedTotal: number;
  private readonly finder: SlotFinder;
  private readonly slots = new DaySlots();
  private readonly days: DayNames;
  private day: number;
  private made = 0;
  private buffer: AppointmentRow[] = [];
  private emitted = 0;

  constructor(
    private readonly r: SeedRandom,
    private readonly chain: ChainPlan,
    private readonly staff: StaffPlan,
    private readonly patients: PatientIndex,
    readonly total: number,
  ) {
    this.asOfDay = epochDay(chain.asOf);
    this.lastDay = this.asOfDay + BOOKING_HORIZON_DAYS;
    this.clocks = chain.hospitals.map((h) => new LocalClock(h.time_zone));
    this.nowMs = this.clocks.map((c) => c.utc(this.asOfDay, NOW_MINUTE));

    // Every slot of the widest window, counted once, decides how far back the appointments must go.
    const widest = this.asOfDay - MAX_PAST_DAYS;
    const counts = new Float64Array(this.lastDay - widest + 1);
    const counter = new SlotFinder(staff.roster);
    for (let d = widest; d <= this.lastDay; d++) counts[d - widest] = counter.day(d);
    const weight = (d: number) => (d <= this.asOfDay ? 1 : futureWeight(d - this.asOfDay));
    let weighted = 0;
    for (let d = this.asOfDay + 1; d <= this.lastDay; d++) weighted += weight(d) * counts[d - widest];
    let first = this.asOfDay + 1;
    while (first > widest && (first > this.asOfDay - MIN_PAST_DAYS || total > TARGET_FILL * weighted)) {
      first--;
      weighted += counts[first - widest];
    }
    if (total > MAX_FILL * weighted) {
      throw new Error(
        `${total.toLocaleString('en-US')} appointments do not fit in the hours of ${staff.roster.length} doctors over ${MAX_PAST_DAYS} days back and ` +
          `${BOOKING_HORIZON_DAYS} ahead (${Math.floor(weighted).toLocaleString('en-US')} slots): raise --doctors-per-department or ask for fewer.`,
      );
    }
    this.firstDay = first;
    this.day = first;
    this.weightedTotal = weighted;
    this.cumulative = new Float64Array(this.lastDay - first + 1);
    let sum = 0;
    for (let d = first; d <= this.lastDay; d++) this.cumulative[d - first] = sum += weight(d) * counts[d - widest];

    const byHospital: number[][] = chain.hospitals.map(() => []);
    for (let i = 0; i < patients.hospital.length; i++) byHospital[patients.hospital[i] - 1]?.push(i + 1);
    this.pools = byHospital.map((ids) => Int32Array.from(ids));
    this.eligible = this.pools.map(() => 0);
    this.lastVisit = new Int32Array(patients.hospital.length + 1).fill(-1);
    this.finder = new SlotFinder(staff.roster);
    this.days = new DayNames(first - 60, this.lastDay + 2);
  }

  get generated(): number {
    return this.emitted;
  }
  get done(): boolean {
    return this.day > this.lastDay && this.buffer.length === 0;
  }

  /** The next rows, at most `count`; fewer only at the end. */
  next(count: number): AppointmentRow[] {
    while (this.buffer.length < count && this.day <= this.lastDay) this.generateDay(this.day++);
    const out = this.buffer;
    this.buffer = out.splice(count);
    this.emitted += out.length;
    return out;
  }

  private generateDay(day: number): void {
    const slots = this.slots;
    const n = this.finder.day(day, slots);
    const target = Math.round((this.total * this.cumulative[day - this.firstDay]) / this.weightedTotal);
    const quota = Math.min(n, target - this.made);
    for (let h = 0; h < this.pools.length; h++) {
      const pool = this.pools[h];
      let e = this.eligible[h];
      while (e < pool.length && this.patients.registeredDay[pool[e] - 1] < day) e++;
      this.eligible[h] = e;
    }
    let madeToday = 0;
    let pending: Pending[] = [];
    let pendingDoctor = -1;
    for (let i = 0; i < n && madeToday < quota; i++) {
      // Selection sampling: exactly `quota` of the day's slots, each equally likely.
      if (this.r.next() * (n - i) >= quota - madeToday) continue;
      const d = slots.doctor[i];
      if (d !== pendingDoctor) {
        this.flushDoctorDay(pending);
        pending = [];
        pendingDoctor = d;
      }
      const doctor = this.staff.roster[d];
      const first = this.appointment(doctor, day, slots.start[i], slots.end[i], null);
      if (!first) continue;
      pending.push(first);
      madeToday++;
      // A cancelled slot is often given to someone else.
      if (first.row.status === 'cancelled' && madeToday < quota && this.r.chance(0.35)) {
        const again = this.appointment(doctor, day, slots.start[i], slots.end[i], first);
        if (again) {
          pending.push(again);
          madeToday++;
        }
      }
    }
    this.flushDoctorDay(pending);
    this.made += madeToday;
  }

  /** Queue numbers go 1, 2, … in check-in order for the doctor's day. */
  private flushDoctorDay(pending: Pending[]): void {
    if (pending.length === 0) return;
    const arrived = pending.filter((p) => p.row.checked_in_at !== null).sort((a, b) => a.checkedInMs - b.checkedInMs);
    arrived.forEach((p, k) => (p.row.queue_number = k + 1));
    for (const p of pending) {
      p.row.id = this.emitted + this.buffer.length + 1;
      this.buffer.push(p.row);
    }
  }

  private pickPatient(h: number, day: number): number {
    const pool = this.pools[h];
    const eligible = this.eligible[h];
    if (eligible === 0) return 0;
    for (let tries = 0; tries < 8; tries++) {
      const p = pool[this.r.int(eligible)];
      if (this.lastVisit[p] !== day) return p;
    }
    return 0;
  }

  private appointment(doctor: RosterDoctor, day: number, startMinute: number, endMinute: number, replaces: Pending | null): Pending | null {
    const r = this.r;
    const h = doctor.hospitalIndex;
    const patient = this.pickPatient(h, day);
    if (!patient) return null;
    const startMs = this.clocks[h].utc(day, startMinute);
    const endMs = startMs + (endMinute - startMinute) * MINUTE_MS;
    const nowMs = this.nowMs[h];
    const latestBooking = Math.min(startMs - 10 * MINUTE_MS, nowMs);
    // Booked after the patient registered, the doctor was hired and (for a second booking) the slot was freed.
    let earliest = Math.max((this.patients.registeredDay[patient - 1] + 1) * DAY_MS, doctor.firstDay * DAY_MS);
    if (replaces) earliest = Math.max(earliest, replaces.cancelledMs + MINUTE_MS);
    if (earliest > latestBooking) return null;
    this.lastVisit[patient] = day;

    let status = this.status(day, startMs, nowMs, replaces === null);
    const lead = r.chance(0.2) ? r.int(3 * 1440) : r.int(30 * 1440);
    let createdMs = Math.min(startMs - 30 * MINUTE_MS - lead * MINUTE_MS, latestBooking - r.int(3600) * 1000);
    createdMs = Math.max(createdMs, earliest);
    const slotMs = endMs - startMs;

    let checkedInMs = NaN;
    let completedMs = NaN;
    let cancelled = NaN;
    let updatedMs = createdMs;
    if (status === 'checked_in' || status === 'completed') {
      checkedInMs = Math.min(startMs - r.int(25 * 60) * 1000, nowMs - r.int(600) * 1000);
      checkedInMs = Math.max(checkedInMs, createdMs + 1000);
      updatedMs = checkedInMs;
      if (status === 'completed') {
        completedMs = Math.max(checkedInMs, startMs) + Math.floor(slotMs * (0.5 + r.next() * 0.8));
        if (completedMs > nowMs) status = 'checked_in';
        else updatedMs = completedMs;
      }
    } else if (status === 'cancelled') {
      cancelled = createdMs + Math.floor(r.next() * (Math.min(startMs, nowMs) - createdMs));
      updatedMs = cancelled;
    } else if (status === 'no_show') {
      updatedMs = Math.min(nowMs, endMs + r.int(4 * 3600) * 1000);
    }
    const days = this.days;
    const row: AppointmentRow = {
      id: 0,
      hospital_id: h + 1,
      department_id: doctor.departmentId,
      doctor_id: doctor.id,
      patient_id: patient,
      starts_at: days.instant(startMs),
      ends_at: days.instant(endMs),
      local_date: days.iso(day),
      day_only: false,
      reason: r.chance(0.75) ? r.pick(doctor.reasons) : null,
      status,
      cancel_reason: status === 'cancelled' ? r.pick(CANCEL_REASONS) : null,
      queue_number: null,
      checked_in_at: status === 'checked_in' || status === 'completed' ? days.instant(checkedInMs) : null,
      completed_at: status === 'completed' ? days.instant(completedMs) : null,
      cancelled_at: status === 'cancelled' ? days.instant(cancelled) : null,
      booked_by: this.chain.frontDesk[h].length ? r.pick(this.chain.frontDesk[h]) : null,
      version: 1,
      created_at: days.instant(createdMs),
      updated_at: days.instant(updatedMs),
    };
    return { row, checkedInMs, cancelledMs: cancelled };
  }

  /** Past days are settled, future ones booked or cancelled; on the reference date the morning is under way. */
  private status(day: number, startMs: number, nowMs: number, mayCancel: boolean): AppointmentStatus {
    const x = this.r.next();
    let s: AppointmentStatus;
    if (day < this.asOfDay) s = x < 0.8 ? 'completed' : x < 0.88 ? 'no_show' : 'cancelled';
    else if (day > this.asOfDay) s = x < 0.9 ? 'booked' : 'cancelled';
    else if (startMs < nowMs) s = x < 0.7 ? 'completed' : x < 0.8 ? 'checked_in' : x < 0.86 ? 'booked' : x < 0.93 ? 'cancelled' : 'no_show';
    else s = x < 0.9 ? (startMs < nowMs + 45 * MINUTE_MS && x < 0.3 ? 'checked_in' : 'booked') : 'cancelled';
    if (s === 'cancelled' && !mayCancel) s = day < this.asOfDay ? 'completed' : day > this.asOfDay || startMs >= nowMs ? 'booked' : 'completed';
    return s;
  }
}
