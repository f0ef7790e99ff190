// Seeded staff of every role per hospital, with doctors' licences, fees, weekly hours and time away; plus local-time conversion.
import type { EntityRow } from '../db/writer';
import { nameKey } from '../features/patients/rules';
import { employeeNumber } from '../features/staff/rules';
import type { DoctorEntity, DoctorExceptionEntity, DoctorScheduleEntity, StaffEntity } from '../features/staff/staff.entity';
import { DateTime } from 'luxon';
import type { ExceptionKind, StaffRole, StaffStatus } from '@shared/domain/scheduling';
import { epochDay, isoDay, mobileNumber, personName, sqlInstant, type ChainPlan, type SeedRandom } from './generator';
import { CLINIC_PROFILES, SUPPORT_STAFF, TERMINATION_REASONS, type ClinicProfile, type SiteDefinition } from './sites';

const DAY_MS = 86_400_000;
/** How far back appointments may go: the seed widens its window up to this to fit more appointments in. */
export const MAX_PAST_DAYS = 3 * 366;
/** How far ahead appointments are booked. */
export const BOOKING_HORIZON_DAYS = 91;
/** Doctors in each department that sees patients, unless --doctors-per-department says otherwise. */
export const DEFAULT_DOCTORS_PER_DEPARTMENT = 4;

/** ISO weekday (1 = Monday) of an epoch day: 1970-01-01 was a Thursday. */
export const weekdayOf = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/**
 * Hospital-local wall time to UTC, through Luxon's zone rules. The offset is taken at local noon of each day, which is
 * right for every time after the small-hours daylight-saving switch; schedules here never start before 06:00.
 */
export class LocalClock {
  private readonly offsetMs = new Map<number, number>();
  constructor(readonly zone: string) {}

  utc(day: number, minute: number): number {
    let offset = this.offsetMs.get(day);
    if (offset === undefined) {
      const [year, month, date] = isoDay(day).split('-').map(Number);
      offset = DateTime.fromObject({ year, month, day: date, hour: 12 }, { zone: this.zone }).offset * 60_000;
      this.offsetMs.set(day, offset);
    }
    return day * DAY_MS + minute * 60_000 - offset;
  }
}

// ---- rows ----

export type StaffRow = EntityRow<StaffEntity>;

export type DoctorRow = EntityRow<DoctorEntity>;

export type ScheduleRow = EntityRow<DoctorScheduleEntity>;

export type ExceptionRow = EntityRow<DoctorExceptionEntity>;

/** One block of weekly hours in epoch days, for generating appointments without reading the rows back. */
export interface HoursBlock {
  start: number;
  end: number;
  slot: number;
  fromDay: number;
  /** Last day it applies (inclusive); Infinity while open. */
  toDay: number;
}

/** What appointment generation needs to know about a doctor. */
export interface RosterDoctor {
  id: number;
  hospitalIndex: number;
  departmentId: number;
  reasons: readonly string[];
  /** First day of work and first day no longer employed (Infinity unless terminated). */
  firstDay: number;
  endDay: number;
  /** Blocks per ISO weekday (index 1–7), earliest first. */
  byWeekday: HoursBlock[][];
  /** Time away as local minutes since the epoch [start, end), in order. */
  away: { start: number; end: number }[];
}

export interface StaffPlan {
  staff: StaffRow[];
  doctors: DoctorRow[];
  schedules: ScheduleRow[];
  exceptions: ExceptionRow[];
  roster: RosterDoctor[];
}

interface Draft {
  role: StaffRole;
  departmentId: number | null;
  profile: ClinicProfile | null;
  /** Place among the drafts of its role and department: accounts go to the first of each department first. */
  rank: number;
  order: number;
  userId: number | null;
  first: string;
  last: string;
  hireDay: number;
  status: StaffStatus;
  terminatedDay: number | null;
}

export const clinicProfile = (department: string): ClinicProfile | null => CLINIC_PROFILES.find((p) => department.startsWith(p.prefix)) ?? null;

/**
 * --staff-at targets ({ 'KLA:Nursing': 200 }) as department ids of the chain; a department is named in full or by the
 * start of its name, case aside ("KLA:obstetrics").
 */
export function departmentStaffTargets(chain: Pick<ChainPlan, 'hospitals' | 'departments'>, staffAt: Record<string, number> = {}): Map<number, number> {
  const out = new Map<number, number>();
  for (const [key, count] of Object.entries(staffAt)) {
    const [code, name = ''] = key.split(/:(.*)/s, 2);
    const hospital = chain.hospitals.find((h) => h.code === code.toUpperCase());
    if (!hospital) throw new Error(`--staff-at: no hospital "${code}"; the codes are ${chain.hospitals.map((h) => h.code).join(', ')}`);
    const mine = chain.departments.filter((d) => d.hospital_id === hospital.id);
    const wanted = name.trim().toLowerCase();
    const exact = mine.filter((d) => d.name.toLowerCase() === wanted);
    const matches = exact.length ? exact : mine.filter((d) => wanted && d.name.toLowerCase().startsWith(wanted));
    if (matches.length !== 1) {
      throw new Error(`--staff-at: ${matches.length ? 'more than one' : 'no'} department "${name}" at ${hospital.code}; its departments are ${mine.map((d) => d.name).join(', ')}`);
    }
    if (!Number.isSafeInteger(count) || count < 0 || count > MAX_DEPARTMENT_STAFF) throw new Error(`--staff-at ${key}: a whole number of staff from 0 to ${MAX_DEPARTMENT_STAFF}, not ${count}`);
    out.set(matches[0].id, count);
  }
  return out;
}

/** Staff one department may be made up to. */
export const MAX_DEPARTMENT_STAFF = 2000;

const asciiFold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

function licenceNumber(r: SeedRandom, site: SiteDefinition, hireDay: number): string {
  const year = isoDay(hireDay - r.between(0, 6 * 365)).slice(0, 4);
  switch (site.country) {
    case 'UG':
      return `UMDPC/${r.between(1000, 99999)}`;
    case 'IN':
      return `MMC/${year}/${r.between(10000, 999999)}`;
    case 'US':
      return `MA-${r.between(100000, 299999)}`;
  }
}

/** A consultation in the hospital currency's minor units (UGX has none). */
function consultationFee(r: SeedRandom, currency: string): number {
  switch (currency) {
    case 'UGX':
      return r.between(6, 30) * 5000;
    case 'INR':
      return r.between(5, 30) * 100 * 100;
    default:
      return r.between(15, 45) * 10 * 100;
  }
}

/** A doctor's week: weekdays with a morning (and often an afternoon) clinic, sometimes a Saturday morning or an evening. */
function weeklyHours(r: SeedRandom): { weekday: number; start: number; end: number }[] {
  const roll = r.next();
  let days = [1, 2, 3, 4, 5];
  if (roll < 0.2) days = days.filter((d) => d !== r.between(1, 5));
  else if (roll < 0.3) days = [1, 2, 3, 4, 5, 6];
  else if (roll < 0.38) days = [r.between(1, 2), 3, r.between(4, 5)];
  const start = r.pick([420, 450, 480, 510, 540]);
  const split = r.chance(0.6);
  const afternoonEnd = 840 + r.pick([150, 180, 210]);
  const longDay = start + r.pick([240, 300, 360]);
  const evening = r.chance(0.15) ? r.between(1, 5) : 0;
  const blocks: { weekday: number; start: number; end: number }[] = [];
  for (const weekday of days) {
    if (weekday === 6) blocks.push({ weekday, start, end: start + 240 });
    else if (split) blocks.push({ weekday, start, end: 750 }, { weekday, start: 840, end: afternoonEnd });
    else blocks.push({ weekday, start, end: longDay });
    if (weekday === evening) blocks.push({ weekday, start: 1050, end: 1200 });
  }
  return blocks;
}

const AWAY: readonly { kind: ExceptionKind; weight: number; days: [number, number]; timed: boolean; notes: readonly string[] }[] = [
  { kind: 'leave', weight: 30, days: [5, 14], timed: false, notes: ['Annual leave', 'Family visit', 'Annual leave'] },
  { kind: 'sick', weight: 25, days: [1, 3], timed: false, notes: ['Sick', 'Malaria', 'Flu'] },
  { kind: 'conference', weight: 15, days: [2, 4], timed: false, notes: ['Regional medical conference', 'Specialty society meeting', 'Continuing medical education'] },
  { kind: 'training', weight: 20, days: [1, 1], timed: true, notes: ['Clinical audit', 'Resuscitation refresher', 'Teaching interns'] },
  { kind: 'other', weight: 10, days: [1, 1], timed: true, notes: ['Personal appointment', 'Court summons', 'Board meeting'] },
];
const AWAY_TOTAL = AWAY.reduce((s, a) => s + a.weight, 0);

/**
 * Staff for every hospital of the chain: `doctorsPerDepartment` doctors in each department that sees patients, the
 * support roles of SUPPORT_STAFF, and a staff record behind each demo account (doctor.kla is a working doctor at KLA).
 */
export function planStaff(r: SeedRandom, chain: ChainPlan, doctorsPerDepartment = DEFAULT_DOCTORS_PER_DEPARTMENT, departmentStaff: ReadonlyMap<number, number> = new Map()): StaffPlan {
  const asOfDay = epochDay(chain.asOf);
  const plan: StaffPlan = { staff: [], doctors: [], schedules: [], exceptions: [], roster: [] };
  const licences = new Set<string>();

  chain.hospitals.forEach((hospital, h) => {
    const site = chain.sites[h];
    const departments = chain.departments.filter((d) => d.hospital_id === hospital.id);
    const drafts: Draft[] = [];
    const ranks = new Map<string, number>();
    const draft = (role: StaffRole, departmentId: number | null, profile: ClinicProfile | null) => {
      const key = `${role}:${departmentId}`;
      const rank = ranks.get(key) ?? 0;
      ranks.set(key, rank + 1);
      const d: Draft = { role, departmentId, profile, rank, order: drafts.length, userId: null, first: '', last: '', hireDay: 0, status: 'active', terminatedDay: null };
      drafts.push(d);
      return d;
    };
    for (const dept of departments) {
      const profile = clinicProfile(dept.name);
      if (profile) for (let k = 0; k < doctorsPerDepartment; k++) draft('doctor', dept.id, profile);
    }
    for (const [role, count, prefix] of SUPPORT_STAFF) {
      const dept = prefix === null ? null : (departments.find((d) => d.name.startsWith(prefix)) ?? null);
      for (let k = 0; k < count; k++) draft(role, dept?.id ?? null, null);
    }
    // A department asked to be bigger (--staff-at) is made up with nurses: the rota of a big ward.
    for (const dept of departments) {
      const wanted = departmentStaff.get(dept.id) ?? 0;
      for (let k = drafts.filter((d) => d.departmentId === dept.id).length; k < wanted; k++) draft('nurse', dept.id, null);
    }
    // Demo accounts of this site (and the chain-wide ones, at the first site) become staff, each a department's first of its role.
    const accounts = chain.accountPeople.filter((a) => a.hospitalIndex === h || (a.hospitalIndex === null && h === 0));
    for (const a of accounts) {
      const free = drafts.filter((d) => d.role === a.role && d.userId === null).sort((x, y) => x.rank - y.rank || x.order - y.order);
      let target = free[0];
      if (!target) {
        const dept = a.role === 'doctor' ? departments.find((d) => clinicProfile(d.name)) : undefined;
        target = draft(a.role, dept?.id ?? null, dept ? clinicProfile(dept.name) : null);
      }
      Object.assign(target, { userId: a.userId, first: a.first, last: a.last });
    }

    const doctorDrafts = drafts.filter((d) => d.role === 'doctor' && d.userId === null);
    const terminatedDoctor = doctorDrafts.at(-1);
    const onLeaveDoctor = doctorDrafts.at(-2);
    for (const d of drafts) {
      if (d.userId === null) {
        const n = personName(r, site, r.chance(0.5) ? 'female' : 'male');
        d.first = n.first;
        d.last = n.last;
      }
      d.hireDay = asOfDay - 30 - Math.floor(r.next() ** 1.4 * 20 * 365);
      const roll = r.next();
      if (d.userId !== null) d.status = 'active';
      else if (d === terminatedDoctor || (d !== onLeaveDoctor && roll < 0.06)) d.status = 'terminated';
      else if (d === onLeaveDoctor || roll < 0.1) d.status = 'on_leave';
      if (d.status === 'terminated') {
        d.hireDay = Math.min(d.hireDay, asOfDay - 400);
        // One doctor of each hospital left within the last twelve weeks (the rota shows them until their last day).
        const lo = d === terminatedDoctor ? asOfDay - 84 : Math.max(d.hireDay + 90, asOfDay - 3 * 365);
        d.terminatedDay = r.between(lo, asOfDay - 1);
      }
    }
    // Employee numbers follow hiring order, as an HR office hands them out.
    const ordered = [...drafts].sort((x, y) => x.hireDay - y.hireDay || x.order - y.order);
    const hrUser = chain.accountPeople.find((a) => a.role === 'hr' && a.hospitalIndex === h)?.userId ?? null;
    ordered.forEach((d, k) => {
      const id = plan.staff.length + 1;
      const hired = isoDay(d.hireDay);
      const stamp = sqlInstant(Math.min(d.hireDay, asOfDay - 1) * DAY_MS + 7 * 3_600_000 + r.int(3_600_000));
      const doctorHours = d.role === 'doctor' ? planDoctor(r, plan, licences, d, id, h, site, hospital.currency, asOfDay, hrUser) : null;
      const first = asciiFold(d.first) || 'staff';
      const last = asciiFold(d.last) || String(id);
      plan.staff.push({
        id,
        hospital_id: hospital.id,
        employee_number: employeeNumber(hospital.code, k + 1),
        first_name: d.first,
        last_name: d.last,
        name_key: nameKey(d.first, d.last),
        staff_role: d.role,
        department_id: d.departmentId,
        phone: r.chance(0.95) ? mobileNumber(r, site) : null,
        email: r.chance(0.9) ? `${first}.${last}@${hospital.code.toLowerCase()}.nilehealth.example` : null,
        hire_date: hired,
        contracted_hours: doctorHours ?? (r.chance(0.85) ? 40 : r.pick([20, 24, 30, 32])),
        status: d.status,
        terminated_on: d.terminatedDay === null ? null : isoDay(d.terminatedDay),
        termination_reason: d.terminatedDay === null ? null : r.pick(TERMINATION_REASONS),
        user_id: d.userId,
        version: 1,
        created_at: stamp,
        updated_at: d.terminatedDay === null ? stamp : sqlInstant(d.terminatedDay * DAY_MS + 9 * 3_600_000),
      });
    });
  });
  return plan;
}

/** The doctor row, weekly hours (sometimes changed once) and time away of one doctor; returns contracted hours. */
function planDoctor(
  r: SeedRandom,
  plan: StaffPlan,
  licences: Set<string>,
  d: Draft,
  id: number,
  h: number,
  site: SiteDefinition,
  currency: string,
  asOfDay: number,
  hrUser: number | null,
): number {
  const profile = d.profile!;
  let licence = licenceNumber(r, site, d.hireDay);
  while (licences.has(licence)) licence = licenceNumber(r, site, d.hireDay);
  licences.add(licence);
  const slot = r.pick([10, 15, 15, 15, 20, 20, 30]);
  plan.doctors.push({
    staff_id: id,
    specialization: r.pick(profile.specializations),
    licence_number: licence,
    consultation_fee: consultationFee(r, currency),
    default_slot_minutes: slot,
  });

  const endDay = d.terminatedDay ?? Infinity;
  const doctor: RosterDoctor = {
    id,
    hospitalIndex: h,
    departmentId: d.departmentId!,
    reasons: profile.reasons,
    firstDay: d.hireDay,
    endDay,
    byWeekday: Array.from({ length: 8 }, () => []),
    away: [],
  };
  // A quarter of long-serving doctors changed their hours once in the last year.
  const periods: [number, number][] = [];
  const changeDay = d.hireDay < asOfDay - 400 && r.chance(0.25) ? asOfDay - r.between(30, 365) : null;
  if (changeDay !== null && changeDay < endDay) periods.push([d.hireDay, changeDay - 1], [changeDay, endDay - 1]);
  else periods.push([d.hireDay, endDay - 1]);
  let minutes = 0;
  for (const [fromDay, toDay] of periods) {
    const week = weeklyHours(r);
    minutes = week.reduce((s, b) => s + b.end - b.start, 0);
    for (const b of week) {
      plan.schedules.push({
        id: plan.schedules.length + 1,
        doctor_id: id,
        hospital_id: h + 1,
        weekday: b.weekday,
        start_minute: b.start,
        end_minute: b.end,
        slot_minutes: slot,
        valid_from: isoDay(fromDay),
        valid_to: Number.isFinite(toDay) ? isoDay(toDay) : null,
        created_at: sqlInstant(Math.min(fromDay, asOfDay - 1) * DAY_MS + 8 * 3_600_000),
      });
      doctor.byWeekday[b.weekday].push({ start: b.start, end: b.end, slot, fromDay, toDay });
    }
  }
  for (const list of doctor.byWeekday) list.sort((a, b) => a.start - b.start);

  // Time away over the span appointments can cover, one absence after another.
  const from = Math.max(d.hireDay, asOfDay - MAX_PAST_DAYS - 7);
  const to = Math.min(endDay - 1, asOfDay + BOOKING_HORIZON_DAYS);
  const spells: { kind: ExceptionKind; start: number; end: number; startMinute: number | null; endMinute: number | null; note: string }[] = [];
  for (let day = from + r.between(5, 60); day <= to; ) {
    let x = r.next() * AWAY_TOTAL;
    const a = AWAY.find((k) => (x -= k.weight) < 0) ?? AWAY[0];
    const end = day + r.between(a.days[0], a.days[1]) - 1;
    const morning = r.chance(0.5);
    spells.push({
      kind: a.kind,
      start: day,
      end,
      startMinute: a.timed ? (morning ? 480 : 780) : null,
      endMinute: a.timed ? (morning ? 720 : 1020) : null,
      note: r.pick(a.notes),
    });
    day = end + r.between(20, 75);
  }
  if (d.status === 'on_leave') {
    // Away now, for weeks yet: the app shows why no slot is free.
    const start = asOfDay - r.between(3, 30);
    const end = asOfDay + r.between(14, 60);
    const long = r.chance(0.5)
      ? { kind: 'leave' as const, note: r.pick(['Parental leave', 'Study leave', 'Extended annual leave']) }
      : { kind: 'sick' as const, note: 'Extended sick leave' };
    const keep = spells.filter((s) => s.end < start || s.start > end);
    spells.length = 0;
    spells.push(...keep, { ...long, start, end, startMinute: null, endMinute: null });
    spells.sort((a, b) => a.start - b.start);
  }
  for (const s of spells) {
    const created = Math.min(s.start - r.between(1, 40), asOfDay - 1);
    plan.exceptions.push({
      id: plan.exceptions.length + 1,
      doctor_id: id,
      kind: s.kind,
      start_date: isoDay(s.start),
      end_date: isoDay(s.end),
      start_minute: s.startMinute,
      end_minute: s.endMinute,
      note: s.note,
      created_by: hrUser,
      created_at: sqlInstant(created * DAY_MS + 10 * 3_600_000),
    });
    doctor.away.push({ start: s.start * 1440 + (s.startMinute ?? 0), end: s.end * 1440 + (s.endMinute ?? 1440) });
  }
  plan.roster.push(doctor);
  return Math.min(80, Math.round(minutes / 60));
}
