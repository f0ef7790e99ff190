// Issue 15, finding 5: records of another hospital are out of reach of an account scoped to one hospital. On a seeded
// chain, Kampala's accounts of every role call the channels that take a record id or a hospital with Gulu's records:
// each answer is FORBIDDEN or NOT_FOUND, and nothing is written. Patients stay readable chain-wide (a desk finds a
// patient registered elsewhere); editing one and revealing a national ID are scoped to the hospitals the patient has
// been registered or seen at, unless the desk declares an emergency, which the audit trail records. Installation-wide
// settings and the audit list of other hospitals' sign-ins need a chain-wide administrator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelName } from '@shared/contract';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';

let app: SeededApp;
let gul: number;
let kla: number;
/** Gulu's records, by kind. */
const g: Record<string, number> = {};

const one = async (sql: string, args: unknown[] = []): Promise<number> => {
  const [row] = await app.db.sql<{ id: number }>(sql, args);
  if (!row) throw new Error(`no row for ${sql}`);
  return Number(row.id);
};

beforeAll(async () => {
  app = await startSeededApp({ patients: 400, appointments: 800, beds: 20, invoices: 150, invoicePdfs: 0, rotaWeeksBack: 1, rotaWeeksAhead: 1, seed: 15, asOf: '2026-11-20' });
  gul = app.hospitalId('GUL');
  kla = app.hospitalId('KLA');
  // A patient registered at Gulu and never seen anywhere else.
  g.patient = await one(
    `SELECT p.id FROM patients p WHERE p.hospital_id = ? AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.patient_id = p.id AND a.hospital_id <> ?)
       AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.patient_id = p.id AND s.hospital_id <> ?) ORDER BY p.id LIMIT 1`,
    [gul, gul, gul],
  );
  g.doctor = await one('SELECT d.staff_id AS id FROM doctors d JOIN staff s ON s.id = d.staff_id WHERE s.hospital_id = ? ORDER BY d.staff_id LIMIT 1', [gul]);
  g.department = await one('SELECT id FROM departments WHERE hospital_id = ? ORDER BY id LIMIT 1', [gul]);
  g.appointment = await one("SELECT id FROM appointments WHERE hospital_id = ? AND status = 'booked' ORDER BY id LIMIT 1", [gul]);
  g.staff = await one('SELECT id FROM staff WHERE hospital_id = ? ORDER BY id LIMIT 1', [gul]);
  g.stay = await one('SELECT id FROM stays WHERE hospital_id = ? ORDER BY id LIMIT 1', [gul]);
  g.bed = await one('SELECT id FROM beds WHERE hospital_id = ? ORDER BY id LIMIT 1', [gul]);
  g.room = await one('SELECT r.id FROM rooms r JOIN floors f ON f.id = r.floor_id WHERE f.hospital_id = ? ORDER BY r.id LIMIT 1', [gul]);
  g.invoice = await one('SELECT id FROM invoices WHERE hospital_id = ? ORDER BY id LIMIT 1', [gul]);
  g.shiftType = await one('SELECT id FROM shift_types WHERE hospital_id = ? ORDER BY id LIMIT 1', [gul]);
}, 240_000);
afterAll(async () => app?.close());

/** Checksums of the tables a write would touch, to show nothing was written (users change as accounts sign in). */
async function snapshot(): Promise<string> {
  const tables = ['patients', 'appointments', 'stays', 'bed_stays', 'bed_bookings', 'staff', 'doctor_exceptions', 'invoices', 'payments', 'shift_assignments', 'staff_leave', 'settings', 'beds', 'theatre_bookings', 'charges'];
  const rows = await app.db.sql<{ Table: string; Checksum: number | null }>(`CHECKSUM TABLE ${tables.join(', ')}`);
  expect(rows.every((r) => r.Checksum !== null)).toBe(true);
  return rows.map((r) => `${r.Table}:${r.Checksum}`).join(' ');
}

/** Calls each channel and lists those answered with anything but FORBIDDEN or NOT_FOUND. */
async function answered(who: Desk, calls: [ChannelName, unknown][]): Promise<string[]> {
  const out: string[] = [];
  for (const [channel, input] of calls) {
    const r = await who.call(channel, input as never);
    const code = r.ok ? 'OK' : r.error.code;
    if (code !== 'FORBIDDEN' && code !== 'NOT_FOUND') out.push(`${channel} ${JSON.stringify(input)} → ${code}${r.ok ? '' : ` (${r.error.message})`}`);
  }
  return out;
}

describe("another hospital's records", () => {
  it("are refused to Kampala's desks, doctors, nurses, billing, HR and managers, and nothing is written", async () => {
    const before = await snapshot();
    const day = '2026-11-20';
    const reads: [ChannelName, unknown][] = [
      ['appointments.get', { id: g.appointment }],
      ['appointments.freeSlots', { doctorId: g.doctor, date: day }],
      ['appointments.forDoctor', { doctorId: g.doctor, from: day }],
      ['appointments.daySchedule', { hospitalId: gul, date: day }],
      ['appointments.departmentSlots', { hospitalId: gul, date: day, departmentId: g.department }],
      ['appointments.nextFree', { doctorId: g.doctor }],
      ['appointments.nextFree', { departmentId: g.department }],
      ['doctors.getSchedule', { doctorId: g.doctor }],
      ['doctors.list', { hospitalId: gul }],
      ['staff.get', { id: g.staff }],
      ['staff.list', { hospitalId: gul }],
      ['admissions.get', { id: g.stay }],
      ['beds.bookings', { hospitalId: gul }],
      ['occupancy.board', { hospitalId: gul }],
      ['rooms.list', { hospitalId: gul }],
      ['theatres.schedule', { hospitalId: gul, date: day }],
      ['invoices.get', { id: g.invoice }],
      ['invoices.list', { hospitalId: gul }],
      ['shifts.forStaff', { staffId: g.staff, from: day }],
      ['shifts.rota', { hospitalId: gul, weekStart: '2026-11-16' }],
      ['shifts.listTypes', { hospitalId: gul }],
      ['leave.list', { hospitalId: gul, from: day, to: day }],
    ];
    const writes: [ChannelName, unknown][] = [
      ['patients.update', { id: g.patient, version: 1, city: 'Elsewhere' }],
      ['patients.revealNationalId', { id: g.patient }],
      ['appointments.book', { patientId: g.patient, doctorId: g.doctor, start: '2026-11-23T07:00:00.000Z' }],
      ['appointments.cancel', { id: g.appointment, reason: 'Not mine' }],
      ['appointments.checkIn', { id: g.appointment }],
      ['appointments.markNoShow', { id: g.appointment }],
      ['appointments.reschedule', { id: g.appointment, version: 1, start: '2026-11-24T07:00:00.000Z' }],
      ['doctors.addException', { doctorId: g.doctor, from: '2026-12-01T06:00:00.000Z', to: '2026-12-01T08:00:00.000Z', reason: 'conference' }],
      ['beds.book', { bedId: g.bed, patientId: g.patient, from: '2026-12-01T10:00:00.000Z', to: '2026-12-03T10:00:00.000Z' }],
      ['admissions.admit', { patientId: g.patient, bedId: g.bed }],
      ['admissions.discharge', { id: g.stay }],
      ['rooms.setState', { id: g.bed, state: 'cleaning' }],
      ['invoices.void', { id: g.invoice, reason: 'Not mine' }],
      ['staff.terminate', { id: g.staff, date: '2026-12-01', reason: 'Not mine' }],
      ['shifts.assign', { staffId: g.staff, shiftTypeId: g.shiftType, date: '2026-11-25' }],
      ['leave.record', { staffId: g.staff, from: '2026-12-01', to: '2026-12-02', type: 'annual' }],
    ];
    const out: string[] = [];
    for (const username of ['frontdesk.kla', 'doctor.kla', 'nurse.kla', 'billing.kla', 'hr.kla', 'manager.kla', 'admin.kla']) {
      const desk = await app.signIn(username);
      for (const line of await answered(desk, [...reads, ...writes])) if (!/→ (FORBIDDEN|NOT_FOUND)/.test(line)) out.push(`${username}: ${line}`);
    }
    // Refusals by role (a nurse may not book anywhere) are fine; what must never come back is OK, or an answer that
    // got as far as the record (CONFLICT, VALIDATION about its state).
    expect(out.filter((l) => / → (OK|CONFLICT)/.test(l))).toEqual([]);
    expect(await snapshot()).toBe(before);
  });

  it('lets a Kampala desk read a Gulu patient, but edit one or reveal a national ID only in an audited emergency', async () => {
    const desk = await app.signIn('frontdesk.kla');
    const p = await desk.ok('patients.get', { id: g.patient });
    expect(p.id).toBe(g.patient);
    await desk.fails('patients.update', { id: g.patient, version: p.version, city: 'Elsewhere' }, 'FORBIDDEN');
    await desk.fails('patients.revealNationalId', { id: g.patient }, 'FORBIDDEN');
    const reason = 'Unconscious patient brought to casualty';
    const updated = await desk.ok('patients.update', { id: g.patient, version: p.version, city: 'Gulu Town', emergencyReason: reason });
    expect(updated.city).toBe('Gulu Town');
    await desk.ok('patients.revealNationalId', { id: g.patient, emergencyReason: reason });
    const audited = await app.db.sql<{ action: string; changes: string }>(
      "SELECT action, changes FROM audit_log WHERE entity = 'patient' AND entity_id = ? AND action = 'patients.emergencyAccess' ORDER BY id",
      [String(g.patient)],
    );
    expect(audited.length).toBe(2);
    expect(audited[0].changes).toContain(reason);
    // A Gulu desk needs no reason.
    const gulu = await app.signIn('frontdesk.gul');
    await gulu.ok('patients.revealNationalId', { id: g.patient });
    expect(kla).not.toBe(gul);
  });

  it("keeps installation-wide settings and other hospitals' sign-ins to a chain-wide administrator", async () => {
    const hospitalAdmin = await app.signIn('admin.kla');
    await hospitalAdmin.fails('settings.update', { idleLockMinutes: 3 }, 'FORBIDDEN');
    const chainAdmin = await app.signIn('admin');
    await chainAdmin.ok('settings.update', { idleLockMinutes: 15 });
    // Gulu's front desk signs in: Kampala's administrator does not see it in the audit list; the chain's does.
    const gulu = await app.signIn('frontdesk.gul');
    expect(gulu).toBeTruthy();
    const guluUser = await one("SELECT id FROM users WHERE username = 'frontdesk.gul'");
    const seen = await hospitalAdmin.ok('audit.list', { userId: guluUser, limit: 50 });
    expect(seen.items).toEqual([]);
    const all = await chainAdmin.ok('audit.list', { userId: guluUser, limit: 50 });
    expect(all.items.length).toBeGreaterThan(0);
  });
});
