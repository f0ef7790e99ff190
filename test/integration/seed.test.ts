import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPatientNumber } from '@shared/domain/patient-number';
import { seedDatabase } from '../../src-main/seed/seed';
import { startSeededApp, type SeededApp } from '../support/seeded-app';
import { createTestDatabase } from '../support/test-db';

const PATIENTS = 2000;
let app: SeededApp;

beforeAll(async () => {
  app = await startSeededApp({ patients: PATIENTS, seed: 11 });
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
