import { asRegistration } from '../support/seed-rows';
import { describe, expect, it } from 'vitest';
import { PatientFields } from '@shared/contract/patients';
import { Username } from '@shared/contract/users';
import { ageOn, isRealDate } from '@shared/domain/dates';
import { checkPatientNumberFormat, renderPatientNumber } from '@shared/domain/patient-number';
import { checkPhone } from '@shared/domain/phone';
import { ROLES } from '@shared/domain/roles';
import { DEFAULT_AS_OF, epochDay, numberRenderer, PatientGenerator, planChain, SeedRandom, type PatientRow } from '../../src-main/seed/generator';
import { parseSeedArgs } from '../../src-main/seed/seed-cli';
import { DateTime } from 'luxon';
import { STAFF_ROLES } from '@shared/domain/scheduling';
import { AppointmentGenerator, emptyPatientIndex, MIN_PAST_DAYS, NOW_MINUTE, recordPatients, type AppointmentRow } from '../../src-main/seed/appointment-generator';
import { BOOKING_HORIZON_DAYS, clinicProfile, departmentStaffTargets, planStaff, weekdayOf } from '../../src-main/seed/staff-generator';
import { planRotas, rotaSpan, type ShiftAssignmentRow } from '../../src-main/seed/rota-generator';
import { refusal, shiftTimes, type PlannedShift } from '../../src-main/features/shifts/shift-rules';
import { DEFAULT_MAX_WEEK_MINUTES, DEFAULT_MIN_REST_MINUTES } from '@shared/domain/shifts';
import { weekStartOf } from '@shared/domain/dates';
import { REQUIRED_DEPARTMENTS } from '../../src-main/seed/sites';
import { bedsPerHospital } from '../../src-main/seed/seed';
import { planWards, RESERVATION_HORIZON_DAYS, shareByBeds, STAY_HISTORY_DAYS, type BedStayRow, type WardPlan } from '../../src-main/seed/ward-generator';
import { nightsBetween } from '@shared/domain/wards';
import { roomNights } from '../../src-main/features/wards/rules';
import { INVOICE_STATUSES, PAYMENT_METHODS, invoiceAmounts, invoiceNumber, lineAmounts, statusAfterPayments } from '@shared/domain/billing';
import { CompletedVisits, planBilling, type BillingPlan } from '../../src-main/seed/billing-generator';
import { DataSource } from 'typeorm';
import { insertStatement, snakeCase, type EntityRow } from '../../src-main/db/writer';
import { ENTITIES } from '../../src-main/features/entities';
import { ChargeEntity } from '../../src-main/features/billing/charge.entity';

function generate(seed: number, count: number, batch = 1000) {
  const chain = planChain(SeedRandom.for(seed, 'chain'));
  const generator = new PatientGenerator(SeedRandom.for(seed, 'patients'), chain, count);
  const rows: PatientRow[] = [];
  while (generator.generated < count) rows.push(...generator.next(batch));
  return { chain, rows, sequences: generator.sequences() };
}

const sample = generate(7, 6000);
const countryOf = (row: PatientRow) => sample.chain.hospitals[row.hospital_id - 1].country;


describe('demo data generator', () => {
  it('gives the same chain and the same patients for the same seed, whatever the batch size', () => {
    const again = generate(7, 1500, 333);
    expect(again.chain).toEqual(sample.chain);
    expect(again.rows).toEqual(generate(7, 1500, 1000).rows);
    // The first rows of a longer run differ only in their registration time, which spreads over the whole run.
    const strip = (r: PatientRow) => ({ ...r, created_at: '', updated_at: '' });
    expect(again.rows.slice(0, 200).map(strip)).toEqual(sample.rows.slice(0, 200).map(strip));
  });

  it('gives other patients for another seed', () => {
    const other = generate(8, 200);
    const same = other.rows.filter((r, i) => r.name_key === sample.rows[i].name_key && r.phone === sample.rows[i].phone);
    expect(same.length).toBeLessThan(5);
  });

  it('writes phone numbers that are valid for the hospital country and already in E.164', () => {
    const seen = new Set<string>();
    for (const row of sample.rows) {
      const country = countryOf(row);
      seen.add(country);
      for (const phone of [row.phone, row.next_of_kin_phone]) {
        if (phone === null) continue;
        const check = checkPhone(phone, country);
        expect(check, `${phone} at a ${country} hospital`).toEqual({ ok: true, e164: phone });
      }
    }
    expect([...seen].sort()).toEqual(['IN', 'UG', 'US']);
    const ugandan = sample.rows.filter((r) => countryOf(r) === 'UG');
    expect(ugandan.every((r) => /^\+2567\d{8}$/.test(r.phone))).toBe(true);
    // A desk types the local form: 07XXXXXXXX reads as the same number.
    for (const r of ugandan.slice(0, 200)) expect(checkPhone(`0${r.phone.slice(4)}`, 'UG')).toEqual({ ok: true, e164: r.phone });
    expect(sample.rows.filter((r) => countryOf(r) === 'IN').every((r) => /^\+91[6-9]\d{9}$/.test(r.phone))).toBe(true);
  });

  it("numbers each hospital's patients in its own format without gaps, and sets its counter one past the last", () => {
    const formats = sample.chain.hospitals.map((h) => h.patient_number_format);
    expect(new Set(formats).size).toBe(formats.length);
    for (const h of sample.chain.hospitals) {
      expect(checkPatientNumberFormat(h.patient_number_format)).toBeNull();
      const mine = sample.rows.filter((r) => r.hospital_id === h.id);
      expect(mine.length).toBeGreaterThan(100);
      expect(mine.map((r) => r.patient_number)).toEqual(mine.map((_, i) => renderPatientNumber(h.patient_number_format, i + 1, 2026)));
      expect(sample.sequences).toContainEqual({ key: `patient:${h.patient_number_format}:all`, nextValue: mine.length + 1 });
    }
    expect(new Set(sample.rows.map((r) => r.patient_number)).size).toBe(sample.rows.length);
    expect(sample.rows.map((r) => r.id)).toEqual(sample.rows.map((_, i) => i + 1));
  });

  it('renders numbers exactly like renderPatientNumber, year formats included', () => {
    for (const format of ['KLA/{seq:6}', 'HMS/{seq}', 'DEL-{yyyy}-{seq:5}', '{yy}{seq:4}X']) {
      const render = numberRenderer(format, 2026);
      for (const seq of [1, 42, 99999, 1234567]) expect(render(seq)).toBe(renderPatientNumber(format, seq, 2026));
    }
  });

  it('builds the search name keys like registration does', () => {
    for (const r of sample.rows) {
      expect(r.name_key).toBe(`${r.last_name} ${r.first_name}`);
      expect(r.name_key_rev).toBe(`${r.first_name} ${r.last_name}`);
    }
  });

  it('spreads dates of birth over ages 0 to 95 before the reference date', () => {
    const ages = sample.rows.map((r) => {
      expect(isRealDate(r.date_of_birth)).toBe(true);
      return ageOn(r.date_of_birth, DEFAULT_AS_OF);
    });
    expect(Math.min(...ages)).toBe(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(95);
    expect(ages.filter((a) => a >= 80).length).toBeGreaterThan(20);
    expect(ages.filter((a) => a < 5).length).toBeGreaterThan(300);
    expect(sample.rows.every((r) => r.created_at < `${DEFAULT_AS_OF} 00:00:00.000` && r.created_at >= '2020-01-01')).toBe(true);
  });

  it("passes the registration form's own validation, with some optional fields filled and some empty", () => {
    for (const r of sample.rows.slice(0, 2000)) {
      const parsed = PatientFields.safeParse(asRegistration(r));
      expect(parsed.success, `${r.patient_number}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      if (r.national_id) expect(r.national_id_last4).toBe(r.national_id.slice(-4));
      else expect(r.national_id_last4).toBeNull();
    }
    const share = (f: (r: PatientRow) => unknown) => sample.rows.filter(f).length / sample.rows.length;
    for (const filled of [share((r) => r.email), share((r) => r.national_id), share((r) => r.insurance_provider), share((r) => r.allergies), share((r) => r.next_of_kin_name)]) {
      expect(filled).toBeGreaterThan(0.03);
      expect(filled).toBeLessThan(0.95);
    }
  });

  it('names some patients of the Indian site in Devanagari', () => {
    const pune = sample.rows.filter((r) => countryOf(r) === 'IN');
    const devanagari = pune.filter((r) => /\p{Script=Devanagari}/u.test(r.name_key));
    expect(devanagari.length / pune.length).toBeGreaterThan(0.1);
    expect(devanagari.length / pune.length).toBeLessThan(0.3);
  });

  it('plans a chain across five or more regions with an account for every role', () => {
    const { hospitals, users, userHospitals, departments } = sample.chain;
    expect(new Set(hospitals.map((h) => `${h.country}/${h.region}`)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(hospitals.map((h) => h.currency))).toEqual(new Set(['UGX', 'INR', 'USD']));
    expect(new Set(users.flatMap((u) => u.roles))).toEqual(new Set(ROLES));
    expect(new Set(users.map((u) => u.username)).size).toBe(users.length);
    for (const u of users) expect(Username.parse(u.username)).toBe(u.username);
    for (const u of users.filter((x) => !x.all_hospitals)) expect(userHospitals.filter((uh) => uh.user_id === u.id)).toHaveLength(1);
    for (const h of hospitals) {
      const names = departments.filter((d) => d.hospital_id === h.id).map((d) => d.name);
      expect(names.length).toBeGreaterThanOrEqual(8);
      expect(new Set(names).size).toBe(names.length);
      expect(users.some((u) => u.username === `frontdesk.${h.code.toLowerCase()}`)).toBe(true);
    }
  });
});

/** Patients, staff and appointments of one seed, as the seed steps make them (without a database). */
function schedule(seed: number, opts: { patients: number; appointments: number; doctorsPerDepartment: number; asOf: string; batch?: number }) {
  const chain = planChain(SeedRandom.for(seed, 'chain'), opts.asOf);
  const patients = new PatientGenerator(SeedRandom.for(seed, 'patients'), chain, opts.patients);
  const index = emptyPatientIndex(opts.patients);
  while (patients.generated < opts.patients) recordPatients(index, patients.next(1000));
  const staff = planStaff(SeedRandom.for(seed, 'staff'), chain, opts.doctorsPerDepartment);
  const generator = new AppointmentGenerator(SeedRandom.for(seed, 'appointments'), chain, staff, index, opts.appointments);
  const appointments: AppointmentRow[] = [];
  while (!generator.done) appointments.push(...generator.next(opts.batch ?? 2000));
  return { chain, staff, appointments, generator, index };
}

// Boston moves its clocks on 2026-03-08: the window (three months either side) spans the change.
const AS_OF = '2026-03-10';
const world = schedule(5, { patients: 3000, appointments: 12000, doctorsPerDepartment: 2, asOf: AS_OF });
const utc = (sql: string) => DateTime.fromSQL(sql, { zone: 'utc' });
const holds = (a: AppointmentRow) => a.status !== 'cancelled';
function groupBy<T, K>(list: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const t of list) {
    const k = key(t);
    const group = map.get(k);
    if (group) group.push(t);
    else map.set(k, [t]);
  }
  return map;
}

describe('demo staff', () => {
  const { chain, staff } = world;

  it('gives every hospital Surgery, Nursing, Radiology, Physical Medicine and Cardiology, keeping the listed departments first', () => {
    for (const h of chain.hospitals) {
      const names = chain.departments.filter((d) => d.hospital_id === h.id).map((d) => d.name);
      for (const required of REQUIRED_DEPARTMENTS) expect(names.some((n) => n.startsWith(required)), `${h.code} ${required}`).toBe(true);
    }
    const listed = chain.sites.reduce((n, s) => n + s.departments.length, 0);
    expect(chain.departments.slice(0, listed).map((d) => d.name)).toEqual(chain.sites.flatMap((s) => s.departments));
  });

  it('employs staff of every role at every hospital, numbered per hospital, some on leave and some gone', () => {
    for (const h of chain.hospitals) {
      const mine = staff.staff.filter((s) => s.hospital_id === h.id);
      expect(new Set(mine.map((s) => s.staff_role))).toEqual(new Set(STAFF_ROLES));
      expect(mine.map((s) => s.employee_number)).toEqual(mine.map((_, i) => `${h.code}-${String(i + 1).padStart(5, '0')}`));
      expect(mine.some((s) => s.status === 'on_leave' && s.staff_role === 'doctor')).toBe(true);
      expect(mine.some((s) => s.status === 'terminated' && s.staff_role === 'doctor')).toBe(true);
    }
    for (const s of staff.staff) {
      expect(s.name_key).toBe(`${s.last_name} ${s.first_name}`);
      expect(s.hire_date < AS_OF).toBe(true);
      if (s.status === 'terminated') {
        expect(s.terminated_on! > s.hire_date && s.terminated_on! < AS_OF).toBe(true);
        expect(s.termination_reason).toBeTruthy();
      } else expect([s.terminated_on, s.termination_reason]).toEqual([null, null]);
      if (s.phone) expect(checkPhone(s.phone, chain.hospitals[s.hospital_id - 1].country as 'UG')).toEqual({ ok: true, e164: s.phone });
    }
    expect(new Set(staff.staff.map((s) => s.id)).size).toBe(staff.staff.length);
  });

  it('gives each demo account one staff record of its role, and doctor.kla a working week at KLA', () => {
    for (const u of chain.users) {
      const linked = staff.staff.filter((s) => s.user_id === u.id);
      expect(linked, u.username).toHaveLength(1);
      expect(u.roles).toHaveLength(1);
      expect(linked[0]).toMatchObject({ staff_role: u.roles[0], status: 'active' });
      expect(u.full_name).toBe(`${linked[0].first_name} ${linked[0].last_name}`);
    }
    const doctor = staff.staff.find((s) => s.user_id === chain.users.find((u) => u.username === 'doctor.kla')!.id)!;
    expect(doctor.hospital_id).toBe(chain.hospitals.find((h) => h.code === 'KLA')!.id);
    expect(staff.schedules.filter((b) => b.doctor_id === doctor.id && b.valid_to === null).length).toBeGreaterThanOrEqual(3);
    expect(world.appointments.filter((a) => a.doctor_id === doctor.id).length).toBeGreaterThan(0);
  });

  it('licenses doctors once each, in their department, with a fee in the minor units of the hospital currency', () => {
    const byId = new Map(staff.staff.map((s) => [s.id, s]));
    expect(new Set(staff.doctors.map((d) => d.licence_number)).size).toBe(staff.doctors.length);
    expect(staff.doctors.length).toBe(staff.staff.filter((s) => s.staff_role === 'doctor').length);
    for (const d of staff.doctors) {
      const s = byId.get(d.staff_id)!;
      const dept = chain.departments.find((x) => x.id === s.department_id)!;
      expect(dept.hospital_id).toBe(s.hospital_id);
      expect(clinicProfile(dept.name)?.specializations).toContain(d.specialization);
      expect(d.default_slot_minutes).toBeGreaterThanOrEqual(10);
      expect(d.default_slot_minutes).toBeLessThanOrEqual(30);
      const currency = chain.hospitals[s.hospital_id - 1].currency;
      expect(d.consultation_fee % (currency === 'UGX' ? 5000 : 100), `${currency} ${d.consultation_fee}`).toBe(0);
    }
  });

  it('keeps weekly hours from 06:00 within the day, never overlapping on a weekday, and ends them when a doctor leaves', () => {
    const byId = new Map(staff.staff.map((s) => [s.id, s]));
    for (const b of staff.schedules) {
      expect(b.start_minute).toBeGreaterThanOrEqual(360);
      expect(b.end_minute).toBeLessThanOrEqual(1440);
      expect(b.end_minute - b.start_minute).toBeGreaterThanOrEqual(b.slot_minutes);
      const s = byId.get(b.doctor_id)!;
      if (s.status === 'terminated') expect(b.valid_to! < s.terminated_on!).toBe(true);
      const same = staff.schedules.filter((o) => o !== b && o.doctor_id === b.doctor_id && o.weekday === b.weekday && o.valid_from === b.valid_from);
      for (const o of same) expect(o.end_minute <= b.start_minute || o.start_minute >= b.end_minute).toBe(true);
    }
  });
});

describe('demo appointments', () => {
  const { chain, staff, appointments } = world;
  const doctors = new Map(staff.staff.map((s) => [s.id, s]));
  const zoneOf = (a: AppointmentRow) => chain.hospitals[a.hospital_id - 1].time_zone;

  it('makes exactly the appointments asked for, numbered from 1, the same for the same seed whatever the batch size', () => {
    expect(appointments).toHaveLength(12000);
    expect(appointments.map((a) => a.id)).toEqual(appointments.map((_, i) => i + 1));
    const again = schedule(5, { patients: 3000, appointments: 12000, doctorsPerDepartment: 2, asOf: AS_OF, batch: 777 });
    expect(again.staff).toEqual(staff);
    expect(again.appointments).toEqual(appointments);
    const other = schedule(6, { patients: 3000, appointments: 2000, doctorsPerDepartment: 2, asOf: AS_OF });
    expect(other.appointments.slice(0, 50).map((a) => a.starts_at + a.patient_id)).not.toEqual(appointments.slice(0, 50).map((a) => a.starts_at + a.patient_id));
  });

  it('covers months before and after the reference date, with every status', () => {
    const dates = appointments.map((a) => a.local_date).sort();
    expect(dates[0] <= DateTime.fromISO(AS_OF).minus({ days: MIN_PAST_DAYS - 7 }).toISODate()!).toBe(true);
    expect(dates.at(-1)! >= DateTime.fromISO(AS_OF).plus({ days: 60 }).toISODate()!).toBe(true);
    expect(dates.at(-1)! <= DateTime.fromISO(AS_OF).plus({ days: BOOKING_HORIZON_DAYS }).toISODate()!).toBe(true);
    expect(new Set(appointments.map((a) => a.status))).toEqual(new Set(['booked', 'checked_in', 'completed', 'cancelled', 'no_show']));
  });

  it('books only inside the doctor\'s hours at that hospital, on slot boundaries, in local time across the daylight-saving change', () => {
    let boston = 0;
    const offsets = new Set<number>();
    for (const a of appointments) {
      const doctor = doctors.get(a.doctor_id)!;
      expect(doctor.hospital_id).toBe(a.hospital_id);
      expect(a.department_id).toBe(doctor.department_id);
      const start = utc(a.starts_at).setZone(zoneOf(a));
      expect(start.toISODate()).toBe(a.local_date);
      const minute = start.hour * 60 + start.minute;
      const length = utc(a.ends_at).diff(utc(a.starts_at), 'minutes').minutes;
      const block = staff.schedules.find(
        (b) =>
          b.doctor_id === a.doctor_id &&
          b.hospital_id === a.hospital_id &&
          b.weekday === start.weekday &&
          b.valid_from <= a.local_date &&
          (b.valid_to === null || b.valid_to >= a.local_date) &&
          minute >= b.start_minute &&
          minute + length <= b.end_minute,
      );
      expect(block, `${a.id} at ${a.local_date} ${minute}`).toBeDefined();
      expect((minute - block!.start_minute) % block!.slot_minutes).toBe(0);
      expect(length).toBe(block!.slot_minutes);
      if (zoneOf(a) === 'America/New_York') {
        boston++;
        offsets.add(start.offset);
      }
    }
    expect(boston).toBeGreaterThan(100);
    expect([...offsets].sort((a, b) => a - b)).toEqual([-300, -240]);
  });

  it('never books a doctor while they are away', () => {
    const away = groupBy(staff.exceptions, (e) => e.doctor_id);
    // Local wall-clock minutes since 1970, as the exceptions count them.
    const localMinutes = (sql: string, zone: string) => {
      const t = utc(sql).setZone(zone);
      return (t.toMillis() / 60_000) + t.offset;
    };
    for (const a of appointments) {
      const from = localMinutes(a.starts_at, zoneOf(a));
      const to = localMinutes(a.ends_at, zoneOf(a));
      for (const e of away.get(a.doctor_id) ?? []) {
        const eFrom = epochDay(e.start_date) * 1440 + (e.start_minute ?? 0);
        const eTo = epochDay(e.end_date) * 1440 + (e.end_minute ?? 1440);
        expect(from >= eTo || to <= eFrom, `appointment ${a.id} during ${e.kind} ${e.start_date}–${e.end_date}`).toBe(true);
      }
    }
    expect(staff.exceptions.some((e) => e.start_minute !== null)).toBe(true);
  });

  it('never double-books a doctor or a patient, though a cancelled slot may be booked again', () => {
    for (const key of ['doctor_id', 'patient_id'] as const) {
      const byOwner = groupBy(appointments.filter(holds), (a) => a[key]);
      for (const list of byOwner.values()) {
        list.sort((x, y) => (x.starts_at < y.starts_at ? -1 : 1));
        for (let i = 1; i < list.length; i++) expect(list[i].starts_at >= list[i - 1].ends_at, `${key} ${list[i].id}`).toBe(true);
      }
    }
    const slots = groupBy(appointments, (a) => `${a.doctor_id} ${a.starts_at}`);
    expect([...slots.values()].some((l) => l.length === 2 && l.some((a) => a.status === 'cancelled'))).toBe(true);
  });

  it('settles the past, books the future, and has the morning of the reference date under way', () => {
    const nowAt = new Map(
      chain.hospitals.map((h) => [h.time_zone, DateTime.fromISO(`${AS_OF}T00:00`, { zone: h.time_zone }).plus({ minutes: NOW_MINUTE }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss.SSS')]),
    );
    for (const a of appointments) {
      if (a.local_date < AS_OF) expect(['completed', 'no_show', 'cancelled']).toContain(a.status);
      else if (a.local_date > AS_OF) expect(['booked', 'cancelled']).toContain(a.status);
      const now = nowAt.get(zoneOf(a))!;
      for (const t of [a.created_at, a.updated_at, a.checked_in_at, a.completed_at, a.cancelled_at]) if (t) expect(t <= now, `${a.id}`).toBe(true);
      expect(a.created_at <= a.starts_at).toBe(true);
      expect(a.created_at <= a.updated_at).toBe(true);
      expect(a.cancel_reason !== null).toBe(a.status === 'cancelled');
      expect(a.cancelled_at !== null).toBe(a.status === 'cancelled');
      expect(a.completed_at !== null).toBe(a.status === 'completed');
      expect(a.checked_in_at !== null).toBe(a.status === 'checked_in' || a.status === 'completed');
      expect(a.queue_number !== null).toBe(a.checked_in_at !== null);
      if (a.completed_at) expect(a.completed_at > a.checked_in_at!).toBe(true);
    }
    const today = appointments.filter((a) => a.local_date === AS_OF);
    expect(new Set(today.map((a) => a.status))).toEqual(new Set(['booked', 'checked_in', 'completed', 'cancelled', 'no_show']));
  });

  it('numbers the queue of each doctor-day 1, 2, … in check-in order', () => {
    const days = groupBy(
      appointments.filter((a) => a.queue_number !== null),
      (a) => `${a.doctor_id} ${a.local_date}`,
    );
    for (const list of days.values()) {
      list.sort((x, y) => x.queue_number! - y.queue_number!);
      expect(list.map((a) => a.queue_number)).toEqual(list.map((_, i) => i + 1));
      for (let i = 1; i < list.length; i++) expect(list[i].checked_in_at! >= list[i - 1].checked_in_at!).toBe(true);
    }
  });

  it('books patients of the hospital after they registered, and nobody with a doctor who has left', () => {
    for (const a of appointments) {
      expect(world.index.hospital[a.patient_id - 1]).toBe(a.hospital_id);
      const doctor = doctors.get(a.doctor_id)!;
      expect(a.local_date >= doctor.hire_date).toBe(true);
      if (doctor.terminated_on) expect(a.local_date < doctor.terminated_on).toBe(true);
    }
    expect(appointments.some((a) => doctors.get(a.doctor_id)!.status === 'terminated')).toBe(true);
  });

  it('reaches further back when the slots of three months are too few, and says so when even three years are', () => {
    const crowded = schedule(9, { patients: 6000, appointments: 100_000, doctorsPerDepartment: 1, asOf: AS_OF });
    expect(crowded.appointments).toHaveLength(100_000);
    expect(crowded.generator.firstDay).toBeLessThan(DateTime.fromISO(AS_OF).toSeconds() / 86400 - MIN_PAST_DAYS);
    const byDoctor = groupBy(crowded.appointments.filter(holds), (a) => a.doctor_id);
    for (const list of byDoctor.values()) {
      list.sort((x, y) => (x.starts_at < y.starts_at ? -1 : 1));
      for (let i = 1; i < list.length; i++) expect(list[i].starts_at >= list[i - 1].ends_at).toBe(true);
    }
    expect(() => schedule(9, { patients: 50, appointments: 5_000_000, doctorsPerDepartment: 1, asOf: AS_OF })).toThrow(/do not fit .*--doctors-per-department/);
  });
});

/** Wards of one seed, as the wards step plans them after patients and staff. */
function wards(seed: number, opts: { patients: number; beds: number; bedsAt?: Record<string, number>; bookings?: number; asOf: string }): { plan: WardPlan; chain: ReturnType<typeof planChain>; staff: ReturnType<typeof planStaff>; index: ReturnType<typeof emptyPatientIndex> } {
  const chain = planChain(SeedRandom.for(seed, 'chain'), opts.asOf);
  const patients = new PatientGenerator(SeedRandom.for(seed, 'patients'), chain, opts.patients);
  const index = emptyPatientIndex(opts.patients);
  while (patients.generated < opts.patients) recordPatients(index, patients.next(2000));
  const staff = planStaff(SeedRandom.for(seed, 'staff'), chain, 2);
  const plan = planWards((p) => SeedRandom.for(seed, p), chain, staff, index, { beds: bedsPerHospital(opts), bookings: opts.bookings });
  return { plan, chain, staff, index };
}

describe('demo wards', () => {
  const ward = wards(5, { patients: 12000, beds: 40, bedsAt: { KLA: 300 }, bookings: 3000, asOf: AS_OF });
  const { plan, chain } = ward;
  const hospitalOf = new Map(chain.hospitals.map((h) => [h.id, h]));
  const rooms = new Map(plan.rooms.map((r) => [r.id, r]));
  const beds = new Map(plan.beds.map((b) => [b.id, b]));
  const stays = new Map(plan.stays.map((s) => [s.id, s]));
  const zoneOf = (hospitalId: number) => hospitalOf.get(hospitalId)!.time_zone;
  const localDay = (sql: string, hospitalId: number) => utc(sql).setZone(zoneOf(hospitalId)).toISODate()!;
  const addDays = (d: string, n: number) => DateTime.fromISO(d).plus({ days: n }).toISODate()!;
  const current = plan.stays.filter((s) => s.status === 'admitted');
  const reserved = plan.bedBookings.filter((b) => b.status === 'reserved');

  it('is the same for the same seed, and another for another seed', () => {
    expect(wards(5, { patients: 12000, beds: 40, bedsAt: { KLA: 300 }, bookings: 3000, asOf: AS_OF }).plan).toEqual(plan);
    const other = wards(6, { patients: 12000, beds: 40, bedsAt: { KLA: 300 }, bookings: 3000, asOf: AS_OF }).plan;
    expect(other.stays.slice(0, 50).map((s) => s.patient_id)).not.toEqual(plan.stays.slice(0, 50).map((s) => s.patient_id));
  });

  it('gives each hospital exactly the beds asked for, in numbered rooms on floors, labelled A, B, … per room, theatres bedless', () => {
    for (const h of chain.hospitals) {
      const mine = plan.beds.filter((b) => b.hospital_id === h.id);
      expect(mine.length, h.code).toBe(h.code === 'KLA' ? 300 : 40);
      const myRooms = plan.rooms.filter((r) => r.hospital_id === h.id);
      expect(new Set(myRooms.map((r) => r.number)).size).toBe(myRooms.length);
      expect(new Set(myRooms.map((r) => r.room_type))).toEqual(new Set(['general_ward', 'semi_private', 'private', 'icu', 'isolation', 'operating_theatre']));
      for (const r of myRooms) {
        const floor = plan.floors.find((f) => f.id === r.floor_id)!;
        expect(floor.hospital_id).toBe(h.id);
        const inRoom = mine.filter((b) => b.room_id === r.id);
        expect(inRoom.map((b) => b.label)).toEqual(inRoom.map((_, i) => String.fromCharCode(65 + i)));
        expect(inRoom.length === 0).toBe(r.room_type === 'operating_theatre');
        expect(r.daily_rate % (h.currency === 'UGX' ? 1000 : 100)).toBe(0);
      }
    }
    expect(plan.floors.filter((f) => f.hospital_id === 1).length).toBeGreaterThan(3);
  });

  it('keeps 60–90% of the usable beds occupied at each hospital, by its own patients, none in two beds', () => {
    for (const c of plan.census) {
      expect(c.occupied / c.usable, c.code).toBeGreaterThanOrEqual(0.6);
      expect(c.occupied / c.usable, c.code).toBeLessThanOrEqual(0.9);
      expect(current.filter((s) => s.hospital_id === chain.hospitals.find((h) => h.code === c.code)!.id)).toHaveLength(c.occupied);
    }
    expect(new Set(current.map((s) => s.patient_id)).size).toBe(current.length);
    const active = new Map(ward.staff.staff.filter((s) => s.staff_role === 'doctor' && s.status === 'active').map((s) => [s.id, s]));
    for (const s of plan.stays) {
      expect(ward.index.hospital[s.patient_id - 1]).toBe(s.hospital_id);
      expect(active.get(s.attending_doctor_id)?.hospital_id).toBe(s.hospital_id);
      expect(s.active_patient_id).toBe(s.status === 'admitted' ? s.patient_id : null);
      expect(s.discharged_at === null).toBe(s.status === 'admitted');
      expect(beds.get(s.current_bed_id)!.hospital_id).toBe(s.hospital_id);
    }
  });

  it('gives every stay 1–3 beds in a row, ward beds only, one patient per bed at a time, the last bed open only while admitted', () => {
    const byStay = groupBy(plan.bedStays, (b) => b.stay_id);
    const counts = new Set<number>();
    for (const s of plan.stays) {
      const segs = byStay.get(s.id)!;
      counts.add(segs.length);
      expect(segs[0].from_at).toBe(s.admitted_at);
      for (let i = 1; i < segs.length; i++) expect(segs[i].from_at).toBe(segs[i - 1].to_at);
      const last = segs.at(-1)!;
      expect(last.bed_id).toBe(s.current_bed_id);
      expect(last.to_at).toBe(s.discharged_at);
      for (const seg of segs) {
        expect(seg.occupied_bed_id).toBe(seg.to_at === null ? seg.bed_id : null);
        if (seg.to_at) expect(seg.to_at > seg.from_at).toBe(true);
        const room = rooms.get(beds.get(seg.bed_id)!.room_id)!;
        expect(room.room_type).not.toBe('operating_theatre');
        expect(room.hospital_id).toBe(s.hospital_id);
      }
    }
    expect([...counts].sort()).toEqual([1, 2, 3]);
    const open = plan.bedStays.filter((b) => b.to_at === null);
    expect(new Set(open.map((b) => b.bed_id)).size).toBe(open.length);
    expect(open).toHaveLength(current.length);
    const FAR = '9999-12-31 00:00:00.000';
    for (const list of groupBy(plan.bedStays, (b) => b.bed_id).values()) {
      const sorted = [...list].sort((x: BedStayRow, y: BedStayRow) => (x.from_at < y.from_at ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].from_at >= (sorted[i - 1].to_at ?? FAR), `bed ${sorted[i].bed_id}`).toBe(true);
    }
    // Nobody is in two beds at once either.
    for (const list of groupBy(plan.stays, (s) => s.patient_id).values()) {
      const sorted = [...list].sort((x, y) => (x.admitted_at < y.admitted_at ? -1 : 1));
      for (let i = 1; i < sorted.length; i++) expect(sorted[i].admitted_at >= sorted[i - 1].discharged_at!).toBe(true);
    }
  });

  it('admits and discharges before local noon of the reference date, over the weeks before it', () => {
    const nowAt = new Map(chain.hospitals.map((h) => [h.id, DateTime.fromISO(`${AS_OF}T12:00`, { zone: h.time_zone }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss.SSS')]));
    for (const s of plan.stays) {
      expect(s.admitted_at < nowAt.get(s.hospital_id)!).toBe(true);
      if (s.discharged_at) expect(s.discharged_at < nowAt.get(s.hospital_id)!).toBe(true);
      else if (s.expected_discharge) expect(s.expected_discharge >= AS_OF).toBe(true);
    }
    expect(plan.stays.some((s) => s.discharged_at && localDay(s.discharged_at, s.hospital_id) === addDays(AS_OF, -STAY_HISTORY_DAYS))).toBe(true);
    expect(current.some((s) => s.expected_discharge === null)).toBe(true);
  });

  it('charges each discharged stay its local nights per bed at the room rate, at least one night a stay', () => {
    const byStay = groupBy(plan.charges, (c) => c.source_id);
    const segsOf = groupBy(plan.bedStays, (b) => b.stay_id);
    for (const s of plan.stays) {
      const charges = byStay.get(s.id) ?? [];
      if (s.status === 'admitted') {
        expect(charges).toHaveLength(0);
        continue;
      }
      const segs = segsOf.get(s.id)!;
      // The discharge desk's rule (unit-tested in room-nights.test.ts), here applied to the generated beds.
      const rate = (seg: BedStayRow) => rooms.get(beds.get(seg.bed_id)!.room_id)!.daily_rate;
      const nights = roomNights(segs.map((seg) => ({ fromDate: localDay(seg.from_at, s.hospital_id), toDate: localDay(seg.to_at!, s.hospital_id), dailyRate: rate(seg) }))).map((n) => n.nights);
      expect(nights.reduce((a, b) => a + b, 0)).toBe(Math.max(1, nightsBetween(localDay(s.admitted_at, s.hospital_id), localDay(s.discharged_at!, s.hospital_id))));
      const expected = segs.flatMap((seg, i) => (nights[i] ? [{ quantity: nights[i], unit_price: rate(seg) }] : []));
      expect(charges.map((c) => ({ quantity: c.quantity, unit_price: c.unit_price }))).toEqual(expected);
      for (const c of charges) {
        expect(c.amount).toBe(c.quantity * c.unit_price);
        expect(c).toMatchObject({ category: 'room', currency: hospitalOf.get(s.hospital_id)!.currency, tax_rate_bp: 0, source_type: 'stay', patient_id: s.patient_id });
        expect(c.service_date).toBe(localDay(s.discharged_at!, s.hospital_id));
        expect(c.description).toMatch(/^Room \S+ \(.+\), bed [A-Z]+: \d+ nights? from \d+ \w{3} \d{4}$/);
      }
    }
    expect(plan.stays.some((s) => s.discharged_at && localDay(s.discharged_at, s.hospital_id) === localDay(s.admitted_at, s.hospital_id))).toBe(true);
  });

  it('reserves beds ahead, never two at once on a bed, nor a bed while its patient is expected, nor one patient twice at once', () => {
    expect(plan.census.reduce((n, c) => n + c.occupied + c.reserved, 0)).toBe(3000);
    expect(shareByBeds(3000, bedsPerHospital({ beds: 40, bedsAt: { KLA: 300 } }))).toEqual([1800, 240, 240, 240, 240, 240]);
    const occupant = new Map(current.map((s) => [s.current_bed_id, s]));
    for (const b of reserved) {
      expect(b.from_date >= AS_OF && b.from_date < addDays(AS_OF, RESERVATION_HORIZON_DAYS)).toBe(true);
      expect(b.to_date > b.from_date).toBe(true);
      const bed = beds.get(b.bed_id)!;
      expect(bed.state).not.toBe('out_of_service');
      expect(rooms.get(bed.room_id)!.state).not.toBe('out_of_service');
      const stay = occupant.get(b.bed_id);
      if (stay) {
        expect(stay.expected_discharge, `bed ${b.bed_id}`).not.toBeNull();
        expect(b.from_date >= stay.expected_discharge! && b.from_date > AS_OF).toBe(true);
      }
      expect(current.some((s) => s.patient_id === b.patient_id)).toBe(false);
    }
    for (const key of ['bed_id', 'patient_id'] as const) {
      for (const list of groupBy(reserved, (b) => b[key]).values()) {
        list.sort((x, y) => (x.from_date < y.from_date ? -1 : 1));
        for (let i = 1; i < list.length; i++) expect(list[i].from_date >= list[i - 1].to_date, `${key} ${list[i][key]}`).toBe(true);
      }
    }
    expect(new Set(plan.bedBookings.map((b) => b.status))).toEqual(new Set(['reserved', 'admitted', 'cancelled']));
    for (const b of plan.bedBookings.filter((x) => x.status === 'admitted')) {
      expect(stays.get(b.stay_id!)!.booking_id).toBe(b.id);
      expect(b.from_date).toBe(localDay(stays.get(b.stay_id!)!.admitted_at, b.hospital_id));
    }
    expect(plan.bedBookings.map((b) => b.id)).toEqual(plan.bedBookings.map((_, i) => i + 1));
  });

  it('lists theatre cases on weekdays in the local day, one at a time per theatre, and leaves cleaning only the beds emptied today', () => {
    for (const list of groupBy(plan.theatreBookings, (t) => t.room_id).values()) {
      expect(rooms.get(list[0].room_id)!.room_type).toBe('operating_theatre');
      for (const t of list) expect(localDay(t.starts_at, t.hospital_id)).toBe(t.local_date);
      const held = list.filter((t) => t.status === 'booked').sort((x, y) => (x.starts_at < y.starts_at ? -1 : 1));
      for (let i = 1; i < held.length; i++) expect(held[i].starts_at >= held[i - 1].ends_at).toBe(true);
    }
    expect(plan.theatreBookings.length).toBeGreaterThan(100);
    const leftToday = new Set(plan.bedStays.filter((b) => b.to_at && localDay(b.to_at, beds.get(b.bed_id)!.hospital_id) === AS_OF).map((b) => b.bed_id));
    const occupied = new Set(current.map((s) => s.current_bed_id));
    const cleaning = plan.beds.filter((b) => b.state === 'cleaning');
    expect(cleaning.length).toBeGreaterThan(0);
    for (const b of cleaning) expect(leftToday.has(b.id) && !occupied.has(b.id), `bed ${b.id}`).toBe(true);
  });

  it('makes a 2,000-bed hospital with 10,000 current stays and reservations in well under a few seconds', () => {
    const started = performance.now();
    const big = wards(3, { patients: 40000, beds: 100, bedsAt: { KLA: 2000 }, bookings: 12500, asOf: AS_OF });
    const kla = big.plan.census[0];
    expect(kla).toMatchObject({ code: 'KLA', beds: 2000 });
    expect(kla.occupied + kla.reserved).toBe(10000);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});

/** Staff and rotas of one seed, as the staff and rota steps make them. */
function rotas(seed: number, opts: { asOf: string; weeksBack: number; weeksAhead: number; staffAt?: Record<string, number> }) {
  const chain = planChain(SeedRandom.for(seed, 'chain'), opts.asOf);
  const staff = planStaff(SeedRandom.for(seed, 'staff'), chain, 2, departmentStaffTargets(chain, opts.staffAt));
  const plan = planRotas((p) => SeedRandom.for(seed, p), chain, staff, { weeksBack: opts.weeksBack, weeksAhead: opts.weeksAhead });
  return { chain, staff, plan };
}

describe('demo rotas', () => {
  // Twenty weeks back from 10 March 2026 reach Boston's autumn change (1 November 2025); its spring change is 8 March.
  const { chain, staff, plan } = rotas(5, { asOf: AS_OF, weeksBack: 20, weeksAhead: 4 });
  const staffOf = new Map(staff.staff.map((s) => [s.id, s]));
  const hospitalOf = new Map(chain.hospitals.map((h) => [h.id, h]));
  const typeOf = new Map(plan.shiftTypes.map((t) => [t.id, t]));
  const departmentOf = new Map(chain.departments.map((d) => [d.id, d]));
  const byStaff = groupBy(plan.assignments, (a) => a.staff_id);
  const rulesOf = (hospitalId: number) => {
    const r = plan.rules.find((x) => x.hospital_id === hospitalId);
    return { minRestMinutes: r?.min_rest_minutes ?? DEFAULT_MIN_REST_MINUTES, maxWeekMinutes: r?.max_week_minutes ?? DEFAULT_MAX_WEEK_MINUTES };
  };
  const planned = (a: ShiftAssignmentRow): PlannedShift => ({
    id: a.id,
    date: a.shift_date,
    start: utc(a.starts_at).toMillis(),
    end: utc(a.ends_at).toMillis(),
    minutes: a.minutes,
    code: typeOf.get(a.shift_type_id)!.code,
    name: typeOf.get(a.shift_type_id)!.name,
  });

  it('is the same for the same seed, and another for another seed', () => {
    expect(rotas(5, { asOf: AS_OF, weeksBack: 20, weeksAhead: 4 }).plan).toEqual(plan);
    const other = rotas(6, { asOf: AS_OF, weeksBack: 20, weeksAhead: 4 }).plan;
    expect(other.assignments.slice(0, 200).map((a) => a.staff_id)).not.toEqual(plan.assignments.slice(0, 200).map((a) => a.staff_id));
  });

  it('gives every hospital Day, Evening and Night shifts, and plans the weeks asked for around the reference date', () => {
    for (const h of chain.hospitals) {
      expect(plan.shiftTypes.filter((t) => t.hospital_id === h.id).map((t) => [t.code, t.start_minute, t.end_minute, t.pay_multiplier_bp])).toEqual([
        ['D', 420, 900, 10000],
        ['E', 900, 1380, 11000],
        ['N', 1380, 420, 12500],
      ]);
    }
    const span = rotaSpan(AS_OF, { weeksBack: 20, weeksAhead: 4 });
    expect([plan.from, plan.to]).toEqual(['2025-10-20', '2026-04-12']);
    expect(span.last - span.first + 1).toBe(25 * 7);
    const dates = plan.assignments.map((a) => a.shift_date).sort();
    expect([dates[0], dates.at(-1)]).toEqual([plan.from, plan.to]);
  });

  it('passes every shift through the rules the app checks: no overlap, the rest, the weekly maximum, leave, leaving date', () => {
    let checked = 0;
    for (const [staffId, list] of byStaff) {
      const person = staffOf.get(staffId)!;
      const zone = hospitalOf.get(person.hospital_id)!.time_zone;
      const shifts = list.map(planned).sort((a, b) => a.start - b.start);
      const leave = plan.leave.filter((l) => l.staff_id === staffId && l.status === 'recorded').map((l) => ({ kind: l.kind, startDate: l.start_date, endDate: l.end_date }));
      const who = { name: `${person.first_name} ${person.last_name}`, status: person.status, terminatedOn: person.terminated_on };
      shifts.forEach((shift, i) => {
        // Its neighbours within nine days either way: everything refusal() can object to.
        const others = shifts.filter((o, j) => j !== i && Math.abs(o.start - shift.start) < 9 * 86_400_000);
        expect(refusal(who, shift, others, leave, rulesOf(person.hospital_id), zone), `staff ${staffId} ${shift.code} ${shift.date}`).toBeNull();
        checked++;
      });
      for (const a of list) {
        expect(a.shift_date >= person.hire_date, `staff ${staffId} hired ${person.hire_date}`).toBe(true);
        expect(departmentOf.get(a.department_id)!.hospital_id).toBe(person.hospital_id);
        expect(a.department_id).toBe(person.department_id);
      }
    }
    expect(checked).toBe(plan.assignments.length);
    expect(checked).toBeGreaterThan(20_000);
  });

  it('stores the real instants, minutes, night and weekend minutes of shiftTimes(), and nights at Boston of 7 and 9 hours on the change', () => {
    for (const a of plan.assignments.filter((_, i) => i % 7 === 0)) {
      const t = typeOf.get(a.shift_type_id)!;
      const times = shiftTimes(a.shift_date, t.start_minute, t.end_minute, hospitalOf.get(a.hospital_id)!.time_zone);
      expect([utc(a.starts_at).toMillis(), utc(a.ends_at).toMillis(), a.minutes, a.night_minutes, a.weekend_minutes]).toEqual([
        times.start,
        times.end,
        times.minutes,
        times.nightMinutes,
        times.weekendMinutes,
      ]);
      expect(a.pay_multiplier_bp).toBe(t.pay_multiplier_bp);
      expect(a.assigned_by).toBeNull();
    }
    const bos = chain.hospitals.find((h) => h.code === 'BOS')!;
    const nights = plan.assignments.filter((a) => a.hospital_id === bos.id && typeOf.get(a.shift_type_id)!.code === 'N');
    const minutesOn = (date: string) => [...new Set(nights.filter((a) => a.shift_date === date).map((a) => a.minutes))];
    expect(minutesOn('2026-03-07')).toEqual([420]);
    expect(minutesOn('2025-11-01')).toEqual([540]);
    expect(new Set(nights.filter((a) => a.shift_date !== '2026-03-07' && a.shift_date !== '2025-11-01').map((a) => a.minutes))).toEqual(new Set([480]));
    for (const a of nights.filter((x) => x.shift_date === '2026-03-07')) {
      expect(utc(a.starts_at).setZone('America/New_York').toFormat('yyyy-MM-dd HH:mm')).toBe('2026-03-07 23:00');
      expect(utc(a.ends_at).setZone('America/New_York').toFormat('yyyy-MM-dd HH:mm')).toBe('2026-03-08 07:00');
      expect([a.night_minutes, a.weekend_minutes]).toEqual([420 - 60, 420]);
    }
  });

  it('meets the coverage rules on most days but not all, and works nights only where a department is open round the clock', () => {
    const count = groupBy(plan.assignments, (a) => `${a.department_id}|${a.shift_type_id}|${staffOf.get(a.staff_id)!.staff_role}|${a.shift_date}`);
    let cells = 0;
    let met = 0;
    for (const rule of plan.coverage) {
      const hospitalId = departmentOf.get(rule.department_id)!.hospital_id;
      expect(typeOf.get(rule.shift_type_id)!.hospital_id).toBe(hospitalId);
      for (let d = epochDay(plan.from); d <= epochDay(plan.to); d++) {
        const date = DateTime.fromMillis(d * 86_400_000, { zone: 'utc' }).toISODate()!;
        cells++;
        if ((count.get(`${rule.department_id}|${rule.shift_type_id}|${rule.staff_role}|${date}`)?.length ?? 0) >= rule.min_headcount) met++;
      }
    }
    expect(plan.coverage.length).toBeGreaterThan(50);
    expect(met / cells).toBeGreaterThan(0.95);
    expect(met).toBeLessThan(cells);
    expect(plan.census.reduce((n, c) => n + c.cells, 0)).toBe(cells);
    expect(plan.census.reduce((n, c) => n + c.met, 0)).toBe(met);
    for (const a of plan.assignments) {
      const name = departmentOf.get(a.department_id)!.name;
      const code = typeOf.get(a.shift_type_id)!.code;
      if (code === 'N') expect(['Emergency', 'Nursing', 'Maternity', 'Surgery', 'Pediatrics', 'Internal Medicine', 'Obstetrics', 'Laboratory'].some((p) => name.startsWith(p)), name).toBe(true);
      if (['Outpatients', 'Dental', 'Oncology', 'Physical Medicine'].some((p) => name.startsWith(p))) {
        expect(code).toBe('D');
        expect(weekdayOf(epochDay(a.shift_date))).toBeLessThanOrEqual(5);
      }
    }
  });

  it('plans nurses, doctors, technicians, pharmacists and front desks about their contracted hours, around their leave', () => {
    expect(new Set(plan.assignments.map((a) => staffOf.get(a.staff_id)!.staff_role))).toEqual(new Set(['doctor', 'nurse', 'technician', 'pharmacist', 'front_desk']));
    const nurse = staff.staff.find((s) => s.user_id === chain.users.find((u) => u.username === 'nurse.kla')!.id)!;
    expect(byStaff.get(nurse.id)!.length).toBeGreaterThan(50);
    // Full-time, employed throughout and away on no day: about five shifts a week.
    const away = new Set<string>();
    for (const l of plan.leave.filter((x) => x.status === 'recorded')) for (let d = epochDay(l.start_date) - 1; d <= epochDay(l.end_date); d++) away.add(`${l.staff_id}|${d}`);
    for (const e of staff.exceptions) for (let d = epochDay(e.start_date) - 1; d <= epochDay(e.end_date); d++) away.add(`${e.doctor_id}|${d}`);
    const perWeek: number[] = [];
    for (const [staffId, list] of byStaff) {
      const s = staffOf.get(staffId)!;
      if (s.contracted_hours !== 40 || s.status !== 'active' || s.hire_date > plan.from) continue;
      for (const [week, shifts] of groupBy(list, (a) => weekStartOf(a.shift_date))) {
        const monday = epochDay(week);
        if (week === plan.from || Array.from({ length: 8 }, (_, i) => monday + i).some((d) => away.has(`${staffId}|${d}`))) continue;
        perWeek.push(shifts.length);
      }
    }
    const mean = perWeek.reduce((a, b) => a + b, 0) / perWeek.length;
    expect(perWeek.length).toBeGreaterThan(1000);
    expect(mean).toBeGreaterThan(4.5);
    expect(mean).toBeLessThanOrEqual(5.2);
    // Leave: every kind over the chain, some cancelled, the on-leave away today, sickness never ahead of the reference date.
    expect(new Set(plan.leave.map((l) => l.kind))).toEqual(new Set(['annual', 'sick', 'training', 'maternity', 'unpaid', 'other']));
    expect(plan.leave.some((l) => l.status === 'cancelled' && l.cancel_reason)).toBe(true);
    for (const l of plan.leave) {
      expect(l.start_date <= l.end_date).toBe(true);
      if (l.kind === 'sick') expect(l.start_date <= AS_OF).toBe(true);
    }
    for (const s of staff.staff.filter((x) => x.status === 'on_leave' && x.staff_role !== 'doctor')) {
      expect(plan.leave.some((l) => l.staff_id === s.id && l.status === 'recorded' && l.start_date <= AS_OF && AS_OF <= l.end_date), `staff ${s.id}`).toBe(true);
    }
    for (const [, list] of groupBy(plan.leave.filter((l) => l.status === 'recorded'), (l) => l.staff_id)) {
      const sorted = [...list].sort((a, b) => a.start_date.localeCompare(b.start_date));
      sorted.slice(1).forEach((l, i) => expect(l.start_date > sorted[i].end_date).toBe(true));
    }
  });

  it('makes a 200-strong department with a year of shifts in a few seconds, every shift within the rules', () => {
    const started = performance.now();
    const big = rotas(3, { asOf: AS_OF, weeksBack: 52, weeksAhead: 4, staffAt: { 'KLA:nursing': 200 } });
    const seconds = (performance.now() - started) / 1000;
    const nursing = big.chain.departments.find((d) => d.hospital_id === 1 && d.name === 'Nursing')!;
    expect(big.staff.staff.filter((s) => s.department_id === nursing.id)).toHaveLength(200);
    const shifts = big.plan.assignments.filter((a) => a.department_id === nursing.id);
    expect(shifts.length).toBeGreaterThan(40_000);
    expect(big.plan.census.find((c) => c.departmentId === nursing.id)).toMatchObject({ staff: 200, shifts: shifts.length });
    expect(seconds).toBeLessThan(10);
    // Weekly sums and rest, straight from the rows, for the big ward.
    const rows = groupBy(shifts, (a) => a.staff_id);
    for (const [, list] of rows) {
      const sorted = [...list].sort((a, b) => a.starts_at.localeCompare(b.starts_at));
      sorted.slice(1).forEach((a, i) => expect(utc(a.starts_at).toMillis() - utc(sorted[i].ends_at).toMillis()).toBeGreaterThanOrEqual(DEFAULT_MIN_REST_MINUTES * 60_000));
      for (const [, week] of groupBy(list, (a) => weekStartOf(a.shift_date))) expect(week.reduce((n, a) => n + a.minutes, 0)).toBeLessThanOrEqual(DEFAULT_MAX_WEEK_MINUTES);
    }
  });

  it('finds the department of --staff-at by its name or the start of it, and says which exist when it cannot', () => {
    expect([...departmentStaffTargets(chain, { 'KLA:Nursing': 200, 'gul:emerg': 30, 'PNQ:Obstetrics & Gynaecology': 12 })]).toEqual([
      [chain.departments.find((d) => d.hospital_id === 1 && d.name === 'Nursing')!.id, 200],
      [chain.departments.find((d) => d.hospital_id === 2 && d.name === 'Emergency')!.id, 30],
      [chain.departments.find((d) => d.hospital_id === 5 && d.name.startsWith('Obstetrics'))!.id, 12],
    ]);
    expect(() => departmentStaffTargets(chain, { 'NBO:Nursing': 5 })).toThrow(/no hospital "NBO"; the codes are KLA, GUL/);
    expect(() => departmentStaffTargets(chain, { 'KLA:Nurses': 5 })).toThrow(/no department "Nurses" at KLA; its departments are Emergency, Surgery, Nursing/);
    // The default plan is the one without --staff-at.
    expect(planStaff(SeedRandom.for(5, 'staff'), chain, 2, new Map()).staff).toEqual(staff.staff);
  });
});

/** Billing of one seed, as the billing step plans it after appointments and wards. */
function billing(seed: number, opts: { patients: number; appointments: number; invoices: number; beds: number; asOf: string }) {
  const { chain, staff, appointments, index } = schedule(seed, { patients: opts.patients, appointments: opts.appointments, doctorsPerDepartment: 2, asOf: opts.asOf });
  const visits = new CompletedVisits();
  visits.record(appointments);
  const ward = planWards((p) => SeedRandom.for(seed, p), chain, staff, index, { beds: bedsPerHospital({ beds: opts.beds }) });
  const plan = planBilling((p) => SeedRandom.for(seed, p), chain, staff, index, visits, ward.charges, { invoices: opts.invoices, firstChargeId: ward.charges.length + 1 });
  return { chain, staff, appointments, index, ward, plan };
}

describe('demo billing', () => {
  const OPTS = { patients: 3000, appointments: 12000, invoices: 3000, beds: 30, asOf: AS_OF };
  const { chain, staff, appointments, index, ward, plan } = billing(5, OPTS);
  const hospitalOf = (id: number) => chain.hospitals[id - 1];
  const linesOf = groupBy(plan.lines, (l) => l.invoice_id);
  const paymentsOf = groupBy(plan.payments, (p) => p.invoice_id);
  const nowOf = (hospitalId: number) => DateTime.fromISO(`${AS_OF}T12:00`, { zone: hospitalOf(hospitalId).time_zone }).toUTC();
  const charges = new Map<number, { id: number; invoice_id: number | null }>([...ward.charges.map((c) => [c.id, { ...c, invoice_id: plan.roomChargeInvoices.get(c.id) ?? null }] as const), ...plan.charges.map((c) => [c.id, c] as const)]);

  it('is the same for the same seed, and another for another seed', () => {
    const again: BillingPlan = billing(5, OPTS).plan;
    expect(again).toEqual(plan);
    const other = billing(6, OPTS).plan;
    expect(other.invoices.slice(0, 50).map((i) => i.patient_id)).not.toEqual(plan.invoices.slice(0, 50).map((i) => i.patient_id));
  });

  it('gives every hospital a catalog in its currency with medicine at its tax rate, and settings with one hospital billing before discharge', () => {
    for (const h of chain.hospitals) {
      const items = plan.catalog.filter((c) => c.hospital_id === h.id);
      expect(new Set(items.map((c) => c.category))).toEqual(new Set(['test', 'medicine', 'treatment', 'consultation', 'other']));
      expect(new Set(items.map((c) => c.code)).size).toBe(items.length);
      for (const c of items) {
        expect(c.price % (h.currency === 'UGX' ? 500 : 100), c.code).toBe(0);
        if (c.category === 'medicine') expect(c.tax_rate_bp).toBe(h.default_tax_rate_bp);
        if (c.category === 'consultation') expect(c.tax_rate_bp).toBe(0);
      }
      expect(items.some((c) => c.category === 'test' && c.tax_rate_bp === 0)).toBe(true);
      expect(items.some((c) => !c.active)).toBe(true);
    }
    expect(plan.settings.map((s) => s.hospital_id)).toEqual(chain.hospitals.map((h) => h.id));
    expect(plan.settings.filter((s) => s.require_billed_before_discharge)).toHaveLength(1);
    expect(plan.settings.every((s) => s.tax_number!.length > 5 && s.archive_after_days > 0)).toBe(true);
  });

  it("charges every completed appointment the doctor's fee, without tax, on its local date", () => {
    const fees = new Map(staff.doctors.map((d) => [d.staff_id, d.consultation_fee]));
    const consultations = plan.charges.filter((c) => c.source_type === 'appointment');
    const completed = appointments.filter((a) => a.status === 'completed');
    expect(consultations.map((c) => c.source_id)).toEqual(completed.map((a) => a.id));
    consultations.forEach((c, i) => {
      const a = completed[i];
      expect(c).toMatchObject({ hospital_id: a.hospital_id, patient_id: a.patient_id, category: 'consultation', quantity: 1, unit_price: fees.get(a.doctor_id), tax_rate_bp: 0, service_date: a.local_date });
      expect(c.description).toMatch(/^Consultation, Dr .+ \(.+\)$/);
    });
    const extras = plan.charges.filter((c) => c.source_type === 'catalog');
    expect(extras.length).toBeGreaterThan(consultations.length / 4);
    const items = new Map(plan.catalog.map((c) => [c.id, c]));
    for (const c of extras) expect(c).toMatchObject({ unit_price: items.get(c.source_id!)!.price, tax_rate_bp: items.get(c.source_id!)!.tax_rate_bp, hospital_id: items.get(c.source_id!)!.hospital_id, amount: c.quantity * c.unit_price });
    expect(plan.charges.map((c) => c.id)).toEqual(plan.charges.map((_, i) => ward.charges.length + 1 + i));
  });

  it('makes about the invoices asked for, in every status, of one patient and hospital each', () => {
    expect(plan.invoices.length).toBeGreaterThan(OPTS.invoices * 0.9);
    expect(plan.invoices.length).toBeLessThan(OPTS.invoices * 1.1);
    expect(new Set(plan.invoices.map((i) => i.status))).toEqual(new Set(INVOICE_STATUSES));
    expect(new Set(plan.payments.map((p) => p.method))).toEqual(new Set(PAYMENT_METHODS));
    expect(plan.invoices.some((i) => i.archived_at !== null)).toBe(true);
    expect(plan.invoices.some((i) => i.discount > 0 && i.discount_reason)).toBe(true);
    expect(plan.invoices.some((i) => i.insurance_share > 0)).toBe(true);
    for (const i of plan.invoices) {
      for (const l of linesOf.get(i.id)!) {
        const c = plan.charges.find((x) => x.id === l.charge_id) ?? ward.charges.find((x) => x.id === l.charge_id)!;
        expect([c.patient_id, c.hospital_id]).toEqual([i.patient_id, i.hospital_id]);
      }
      expect(i.currency).toBe(hospitalOf(i.hospital_id).currency);
    }
  });

  it('writes lines and totals exactly as lineAmounts and invoiceAmounts work them out', () => {
    for (const i of plan.invoices) {
      const lines = linesOf.get(i.id)!;
      expect(lines.map((l) => l.position)).toEqual(lines.map((_, k) => k + 1));
      for (const l of lines) expect({ net: l.net, tax: l.tax, total: l.total }).toEqual(lineAmounts(l.quantity, l.unit_price, l.tax_rate_bp));
      const a = invoiceAmounts(lines.map((l) => ({ quantity: l.quantity, unitPrice: l.unit_price, taxRateBp: l.tax_rate_bp })), i.discount, i.insurance_percent);
      expect({ subtotal: i.subtotal, tax: i.tax, discount: i.discount, total: i.total, insurance_share: i.insurance_share }).toEqual({ subtotal: a.subtotal, tax: a.tax, discount: a.discount, total: a.total, insurance_share: a.insuranceShare });
      expect(i.total).toBeGreaterThan(0);
      expect(i.discount > 0).toBe(i.discount_reason !== null);
    }
    expect(plan.lines.some((l) => l.tax > 0 && l.tax_rate_bp === 1800)).toBe(true);
  });

  it('applies the insurance only when it is valid on the day, and the insurer pays exactly its share', () => {
    for (const i of plan.invoices) {
      const ins = index.insurance.get(i.patient_id);
      const day = DateTime.fromSQL(i.created_at, { zone: 'utc' }).setZone(hospitalOf(i.hospital_id).time_zone).toISODate()!;
      const valid = !!ins && (ins.validUntil === null || ins.validUntil >= day);
      expect(i.insurance_percent !== null, `invoice ${i.id}`).toBe(valid);
      if (valid) expect([i.insurance_provider, i.insurance_policy_number, i.insurance_percent]).toEqual([ins!.provider, ins!.policy, ins!.percent]);
      const byInsurer = (paymentsOf.get(i.id) ?? []).filter((p) => p.method === 'insurance');
      expect(byInsurer.length).toBeLessThanOrEqual(1);
      for (const p of byInsurer) expect(p.amount).toBe(i.insurance_share);
    }
  });

  it('numbers issued invoices gapless per hospital and local year in the order they were issued, and sets the counters one past', () => {
    const issued = plan.invoices.filter((i) => i.status !== 'draft').sort((a, b) => (a.issued_at! < b.issued_at! ? -1 : a.issued_at! > b.issued_at! ? 1 : 0));
    const byScope = groupBy(issued, (i) => `invoice:${i.hospital_id}:${i.issue_date!.slice(0, 4)}`);
    expect(byScope.size).toBeGreaterThan(6);
    for (const [scope, list] of byScope) {
      const year = Number(scope.split(':')[2]);
      expect(list.map((i) => i.number)).toEqual(list.map((_, k) => invoiceNumber(year, k + 1)));
      expect(plan.sequences).toContainEqual({ key: scope, nextValue: list.length + 1 });
    }
    for (const i of issued) {
      const local = DateTime.fromSQL(i.issued_at!, { zone: 'utc' }).setZone(hospitalOf(i.hospital_id).time_zone);
      expect(local.toISODate()).toBe(i.issue_date);
      expect(local.hour * 60 + local.minute).toBeGreaterThanOrEqual(8 * 60);
      expect(local.hour * 60 + local.minute).toBeLessThanOrEqual(18 * 60 + 20);
      expect(DateTime.fromSQL(i.issued_at!, { zone: 'utc' }) <= nowOf(i.hospital_id)).toBe(true);
      expect(i.created_at <= i.issued_at!).toBe(true);
    }
    for (const d of plan.invoices.filter((i) => i.status === 'draft')) expect([d.number, d.issued_at, d.issue_date, d.paid, d.version]).toEqual([null, null, null, 0, 1]);
  });

  it('takes payments that add up to the status, after issue and by the reference date, with receipts gapless per hospital and year', () => {
    for (const i of plan.invoices) {
      const payments = paymentsOf.get(i.id) ?? [];
      expect(payments.reduce((s, p) => s + p.amount, 0)).toBe(i.paid);
      expect(i.paid).toBeLessThanOrEqual(i.total);
      if (i.status === 'draft' || i.status === 'void') expect(payments).toHaveLength(0);
      else expect(i.status).toBe(statusAfterPayments(i.total, i.paid));
      for (const p of payments) {
        expect(p.amount).toBeGreaterThan(0);
        expect(p.paid_at > i.issued_at!).toBe(true);
        expect(DateTime.fromSQL(p.paid_at, { zone: 'utc' }) <= nowOf(i.hospital_id)).toBe(true);
      }
      expect(i.version).toBe(1 + (i.status === 'draft' ? 0 : 1) + payments.length + (i.status === 'void' ? 1 : 0));
    }
    const ordered = [...plan.payments].sort((a, b) => a.id - b.id);
    const byScope = groupBy(ordered, (p) => `receipt:${p.hospital_id}:${DateTime.fromSQL(p.paid_at, { zone: 'utc' }).setZone(hospitalOf(p.hospital_id).time_zone).year}`);
    for (const [scope, list] of byScope) {
      expect(list.map((p) => p.receipt_number)).toEqual(list.map((_, k) => `RCT-${scope.split(':')[2]}-${String(k + 1).padStart(6, '0')}`));
      expect(plan.sequences).toContainEqual({ key: scope, nextValue: list.length + 1 });
    }
    expect(ordered.every((p, k) => k === 0 || ordered[k - 1].paid_at <= p.paid_at)).toBe(true);
  });

  it('voids with a reason and frees the charges (most billed again), keeps each charge on at most one invoice that is not void, and archives only old settled ones', () => {
    const voided = plan.invoices.filter((i) => i.status === 'void');
    expect(voided.length).toBeGreaterThan(10);
    for (const v of voided) expect(v.void_reason && v.voided_at && v.voided_at > v.issued_at!).toBeTruthy();
    const holders = new Map<number, number[]>();
    for (const i of plan.invoices) if (i.status !== 'void') for (const l of linesOf.get(i.id)!) holders.set(l.charge_id!, [...(holders.get(l.charge_id!) ?? []), i.id]);
    for (const [chargeId, invoices] of holders) {
      expect(invoices, `charge ${chargeId}`).toHaveLength(1);
      expect(charges.get(chargeId)!.invoice_id).toBe(invoices[0]);
    }
    for (const c of charges.values()) if (!holders.has(c.id)) expect(c.invoice_id).toBeNull();
    expect(voided.some((v) => linesOf.get(v.id)!.some((l) => holders.has(l.charge_id!)))).toBe(true);
    expect(voided.some((v) => linesOf.get(v.id)!.every((l) => !holders.has(l.charge_id!)))).toBe(true);
    const archiveAfter = new Map(plan.settings.map((s) => [s.hospital_id, s.archive_after_days]));
    for (const i of plan.invoices.filter((x) => x.archived_at !== null)) {
      expect(['paid', 'void']).toContain(i.status);
      const runDay = DateTime.fromSQL(i.archived_at!, { zone: 'utc' }).setZone(hospitalOf(i.hospital_id).time_zone).toISODate()!;
      expect(i.issue_date! < DateTime.fromISO(runDay).minus({ days: archiveAfter.get(i.hospital_id)! }).toISODate()!).toBe(true);
      const settled = i.status === 'void' ? i.voided_at! : paymentsOf.get(i.id)!.at(-1)!.paid_at;
      expect(settled < i.archived_at!).toBe(true);
    }
  });

  it('bills room-days of discharged stays on some invoices too', () => {
    expect(plan.roomChargeInvoices.size).toBeGreaterThan(10);
    expect(plan.lines.some((l) => l.category === 'room')).toBe(true);
  });
});

describe('demo rows typed from the entities', () => {
  /** The entities' metadata as the data source builds it, without a connection. */
  const metadata = async () => {
    const ds = new DataSource({ type: 'mariadb', database: 'metadata_only', entities: ENTITIES });
    await (ds as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    return ds;
  };

  it('names every column after its property, so a row typed from an entity lands in its columns', async () => {
    const ds = await metadata();
    const columns = ds.entityMetadatas.flatMap((m) => m.columns.map((c) => `${m.tableName}.${c.databaseName}`));
    expect(columns.length).toBeGreaterThan(200);
    expect(columns).toEqual(ds.entityMetadatas.flatMap((m) => m.columns.map((c) => `${m.tableName}.${snakeCase(c.propertyName)}`)));
  });

  it('writes rows as one INSERT of literals in the columns\' order (text escaped, instants as given) and refuses a row without a column', async () => {
    const ds = await metadata();
    const row: EntityRow<ChargeEntity> = {
      id: 7, hospital_id: 1, patient_id: 2, category: 'room', description: "Room 4 (Ward), bed A: O'Brien", quantity: 2, unit_price: 500, amount: 1000, currency: 'UGX',
      tax_rate_bp: 0, service_date: '2026-07-01', source_type: 'stay', source_id: 3, invoice_id: null, created_by: null, created_at: '2026-07-01 09:00:00.000',
    };
    const sql = insertStatement(ds.getMetadata(ChargeEntity), [row, { ...row, id: 8 }]);
    expect(sql).toMatch(/^INSERT INTO `charges` \(`id`, `hospital_id`, `patient_id`, /);
    expect(sql).toContain("(7,1,2,'room','Room 4 (Ward), bed A: O\\'Brien',2,500,1000,'UGX',0,'2026-07-01','stay',3,NULL,NULL,'2026-07-01 09:00:00.000'),(8,");
    expect(() => insertStatement(ds.getMetadata(ChargeEntity), [{ ...row, amount: undefined as unknown as number }])).toThrow('charges.amount is not set');
  });
});

describe('seed command line', () => {
  it('reads invoices and the PDFs to store', () => {
    expect(parseSeedArgs(['--invoices', '50_000', '--invoice-pdfs=0'])).toMatchObject({ invoices: 50000, invoicePdfs: 0 });
    expect(parseSeedArgs([]).invoices).toBeUndefined();
    expect(() => parseSeedArgs(['--invoices', 'many'])).toThrow(/--invoices expects a whole number/);
  });

  it('reads beds, beds at a hospital and bed bookings', () => {
    expect(parseSeedArgs(['--beds', '60', '--beds-at', 'KLA=2_000', '--beds-at=gul=10,MBR=0', '--bed-bookings', '12_500'])).toMatchObject({
      beds: 60,
      bedsAt: { KLA: 2000, GUL: 10, MBR: 0 },
      bedBookings: 12500,
    });
    expect(() => parseSeedArgs(['--beds-at', 'KLA'])).toThrow(/--beds-at expects CODE=N/);
    expect(bedsPerHospital({ beds: 60, bedsAt: { KLA: 2000 } })).toEqual([2000, 60, 60, 60, 60, 60]);
    expect(bedsPerHospital({})).toEqual([120, 120, 120, 120, 120, 120]);
    expect(() => bedsPerHospital({ bedsAt: { NBO: 5 } })).toThrow(/no hospital "NBO"; the codes are KLA, GUL/);
  });

  it('reads departments to make up and the weeks of rotas', () => {
    expect(parseSeedArgs(['--staff-at', 'KLA:Nursing=200', '--staff-at=gul:Obstetrics & Gynaecology=1_000,MBR:Emergency=40', '--rota-weeks-back', '52', '--rota-weeks-ahead=0'])).toMatchObject({
      staffAt: { 'KLA:Nursing': 200, 'GUL:Obstetrics & Gynaecology': 1000, 'MBR:Emergency': 40 },
      rotaWeeksBack: 52,
      rotaWeeksAhead: 0,
    });
    expect(parseSeedArgs([])).not.toHaveProperty('staffAt');
    expect(() => parseSeedArgs(['--staff-at', 'KLA=200'])).toThrow(/--staff-at expects CODE:Department=N/);
    expect(() => parseSeedArgs(['--rota-weeks-back', '-1'])).toThrow(/--rota-weeks-back expects a whole number of at least 0/);
  });

  it('reads appointments and doctors per department', () => {
    expect(parseSeedArgs(['--appointments', '1,000,000', '--doctors-per-department=50'])).toMatchObject({ appointments: 1000000, doctorsPerDepartment: 50 });
    expect(parseSeedArgs([]).appointments).toBeUndefined();
    expect(() => parseSeedArgs(['--doctors-per-department', '0'])).toThrow(/--doctors-per-department expects a whole number of at least 1/);
  });

  it('reads patients, seed and reset, with defaults', () => {
    expect(parseSeedArgs([])).toMatchObject({ patients: 1000, seed: 1, reset: false, help: false });
    expect(parseSeedArgs(['--patients', '100_000', '--seed=7', '--reset'])).toMatchObject({ patients: 100000, seed: 7, reset: true });
    expect(parseSeedArgs(['--patients', '1,000,000', '--as-of', '2027-01-31'])).toMatchObject({ patients: 1000000, asOf: '2027-01-31' });
  });

  it('refuses what it does not understand, naming the option', () => {
    expect(() => parseSeedArgs(['--patients', 'lots'])).toThrow(/--patients expects a whole number/);
    expect(() => parseSeedArgs(['--patients', '-5'])).toThrow(/--patients/);
    expect(() => parseSeedArgs(['--as-of', '2026-02-30'])).toThrow(/--as-of/);
    expect(() => parseSeedArgs(['--patient', '5'])).toThrow(/Unknown option "--patient"/);
  });
});
