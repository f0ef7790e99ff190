import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { renderPatientNumber } from '@shared/domain/patient-number';
import { APPOINTMENT_STATUSES, STAFF_ROLES } from '@shared/domain/scheduling';
import { seedDatabase } from '../../src-main/seed/seed';
import { startSeededApp, type SeededApp } from '../support/seeded-app';
import { createTestDatabase } from '../support/test-db';

const PATIENTS = 2000;
const APPOINTMENTS = 8000;
// Boston changes its clocks on 2026-03-08, inside the appointments' window.
const AS_OF = '2026-03-10';
let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp({ patients: PATIENTS, appointments: APPOINTMENTS, doctorsPerDepartment: 2, asOf: AS_OF, seed: 11 });
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
    await expect(seedDatabase(app.db.target, { patients: 10, seed: 1 })).rejects.toThrow(/already holds data \(6 hospitals, 74 users, [\d,]+ patients\).*--reset/);
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
