// The appointment report summaries (migration 1765100000000) equal a GROUP BY over the appointments, and the visit
// summary (1765300000000: waits and consultation revenue) one over appointments, encounters and charges, after every kind of
// write: the desk's bookings, reschedules (to another day, doctor and department), cancels, check-ins, completions and
// no-shows, an import of past visits, bulk inserts, updates and deletes in committed and rolled-back transactions, and
// a long randomised sequence of them; and the heat map read from them matches the local hours of the starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFER_REPORT_SUMMARIES, rebuildReportSummaries } from '../../src-main/features/reports/report-summaries';
import { startTestApp, UGANDA, type TestApp } from '../support/app';
import { department, doctor, everyDay, patient } from '../support/scheduling';

let app: TestApp;
let kla: number;
let bos: number;

beforeAll(async () => {
  app = await startTestApp();
  kla = app.hospitalId;
  await app.setClock(new Date('2027-03-01T06:00:00Z'));
  bos = (await app.admin.ok('hospitals.create', { ...UGANDA, code: 'BOS', name: 'Boston Harbor', country: 'US', region: 'Massachusetts', timeZone: 'America/New_York', currency: 'USD', patientNumberFormat: 'BOS{seq:6}' })).id;
}, 60_000);
afterAll(async () => app?.close());

const canon = (rows: Record<string, unknown>[]) =>
  rows
    .map((r) => Object.values(r).map((v) => (v instanceof Date ? v.toISOString() : String(v))).join('|'))
    .sort();

/** The summaries (rows with a count above 0) and the same figures counted from the appointments. */
async function expectSummariesCurrent(): Promise<void> {
  const days = await app.db.sql<Record<string, unknown>>(
    'SELECT hospital_id, local_date, department_id, doctor_id, status, n FROM report_appointment_days WHERE n <> 0',
  );
  const daysRaw = await app.db.sql<Record<string, unknown>>(
    `SELECT hospital_id, local_date, COALESCE(department_id, 0) AS department_id, doctor_id, status, COUNT(*) AS n FROM appointments
      GROUP BY hospital_id, local_date, COALESCE(department_id, 0), doctor_id, status`,
  );
  expect(canon(days)).toEqual(canon(daysRaw));
  const quarters = await app.db.sql<Record<string, unknown>>('SELECT hospital_id, local_date, utc_quarter, n FROM report_appointment_quarters WHERE n <> 0');
  const quartersRaw = await app.db.sql<Record<string, unknown>>(
    `SELECT hospital_id, local_date, (HOUR(starts_at) * 60 + MINUTE(starts_at)) DIV 15 AS utc_quarter, COUNT(*) AS n FROM appointments
      WHERE status <> 'cancelled' GROUP BY hospital_id, local_date, utc_quarter`,
  );
  expect(canon(quarters)).toEqual(canon(quartersRaw));
  expect(await app.db.sql('SELECT 1 FROM report_appointment_days WHERE n < 0 UNION ALL SELECT 1 FROM report_appointment_quarters WHERE n < 0')).toEqual([]);
  const visits = await app.db.sql<Record<string, unknown>>(
    `SELECT hospital_id, local_date, department_id, currency, waited, wait_seconds, amount FROM report_visit_days
      WHERE waited <> 0 OR wait_seconds <> 0 OR amount <> 0`,
  );
  const visitsRaw = await app.db.sql<Record<string, unknown>>(
    `SELECT hospital_id, local_date, department_id, currency, SUM(waited) AS waited, SUM(wait_seconds) AS wait_seconds, SUM(amount) AS amount FROM (
       SELECT a.hospital_id, a.local_date, COALESCE(a.department_id, 0) AS department_id, '' AS currency, 1 AS waited,
              TIMESTAMPDIFF(SECOND, a.checked_in_at, e.started_at) AS wait_seconds, 0 AS amount
         FROM appointments a JOIN encounters e ON e.appointment_id = a.id WHERE e.started_at >= a.checked_in_at
       UNION ALL
       SELECT a.hospital_id, a.local_date, COALESCE(a.department_id, 0), c.currency, 0, 0, c.amount
         FROM appointments a JOIN charges c ON c.source_type = 'appointment' AND c.source_id = a.id AND c.category = 'consultation'
        WHERE a.status = 'completed'
     ) x GROUP BY hospital_id, local_date, department_id, currency`,
  );
  expect(canon(visits)).toEqual(canon(visitsRaw));
  expect(await app.db.sql('SELECT 1 FROM report_visit_days WHERE waited < 0 OR wait_seconds < 0 OR amount < 0')).toEqual([]);
  // The days each patient was seen, at each hospital and in the chain (0), each with the day before it there.
  const patientDays = await app.db.sql<Record<string, unknown>>(
    'SELECT hospital_id, patient_id, local_date, n, prev_date, date_of_birth, sex, region FROM report_patient_days',
  );
  const patientDaysRaw = await app.db.sql<Record<string, unknown>>(
    `SELECT v.hospital_id, v.patient_id, v.local_date, v.n,
            (SELECT MAX(b.local_date) FROM appointments b WHERE b.patient_id = v.patient_id AND b.status <> 'cancelled'
                AND b.local_date < v.local_date AND (v.hospital_id = 0 OR b.hospital_id = v.hospital_id)) AS prev_date,
            p.date_of_birth, p.sex, COALESCE(NULLIF(TRIM(p.region), ''), NULLIF(TRIM(p.city), ''), '') AS region
       FROM (SELECT hospital_id, patient_id, local_date, COUNT(*) AS n FROM appointments WHERE status <> 'cancelled' GROUP BY hospital_id, patient_id, local_date
             UNION ALL
             SELECT 0, patient_id, local_date, COUNT(*) FROM appointments WHERE status <> 'cancelled' GROUP BY patient_id, local_date) v
       JOIN patients p ON p.id = v.patient_id`,
  );
  expect(canon(patientDays)).toEqual(canon(patientDaysRaw));
}

/** A deterministic pseudo-random sequence (the failures reproduce). */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 48271) % 2147483647;
    return x / 2147483647;
  };
}

describe('the appointment summaries', () => {
  it('follow the desk: book, reschedule to another day, doctor and department, cancel, check in, complete, no-show', async () => {
    // One account holding every role sets the scene: the administrator makes no workflow writes.
    const admin = await app.operator();
    const opd = await department(admin, kla, 'Outpatients');
    const surgery = await department(admin, kla, 'Surgery');
    const cardiology = await department(admin, bos, 'Cardiology');
    const janeUser = await app.signedIn(['doctor'], { hospitalIds: [kla] });
    const jane = await doctor(admin, kla, { departmentId: opd.id, userId: janeUser.userId, hours: everyDay('08:00', '17:00'), validFrom: '2027-01-01' });
    const moses = await doctor(admin, kla, { departmentId: surgery.id, hours: everyDay('08:00', '17:00'), validFrom: '2027-01-01' });
    const loose = await doctor(admin, kla, { departmentId: null, hours: everyDay('08:00', '17:00'), validFrom: '2027-01-01' });
    const ann = await doctor(admin, bos, { departmentId: cardiology.id, hours: everyDay('00:00', '24:00'), validFrom: '2027-01-01' });
    const ps = [];
    for (let i = 0; i < 6; i++) ps.push(await patient(admin, kla));
    const q = await patient(admin, bos, { phone: '+16172531001' });
    await expectSummariesCurrent();

    const K = (day: string, hhmm: string) => new Date(Date.parse(`${day}T${hhmm}:00+03:00`)).toISOString();
    const a = await admin.ok('appointments.book', { patientId: ps[0].id, doctorId: jane.id, start: K('2027-03-01', '10:00') });
    const b = await admin.ok('appointments.book', { patientId: ps[1].id, doctorId: jane.id, start: K('2027-03-01', '10:30') });
    const c = await admin.ok('appointments.book', { patientId: ps[2].id, doctorId: moses.id, start: K('2027-03-03', '09:00') });
    const d = await admin.ok('appointments.book', { patientId: ps[3].id, doctorId: loose.id, start: K('2027-03-02', '16:30') });
    const e = await admin.ok('appointments.book', { patientId: ps[4].id, doctorId: jane.id, start: K('2027-03-01', '11:00') });
    // 23:30 in Boston on 1 March is 04:30 UTC on 2 March.
    await admin.ok('appointments.book', { patientId: q.id, doctorId: ann.id, start: '2027-03-02T04:30:00.000Z' });
    await expectSummariesCurrent();
    await admin.ok('appointments.reschedule', { id: c.id, version: c.version, start: K('2027-03-04', '14:00'), doctorId: jane.id });
    await admin.ok('appointments.reschedule', { id: d.id, version: d.version, start: K('2027-03-02', '08:30') });
    await expectSummariesCurrent();
    await admin.ok('appointments.cancel', { id: e.id, reason: 'Travelling' });
    await admin.ok('appointments.checkIn', { id: a.id });
    await expectSummariesCurrent();
    await app.setClock(new Date('2027-03-01T09:00:00Z'));
    await janeUser.ok('auth.login', { username: janeUser.username, password: janeUser.password });
    await janeUser.ok('appointments.complete', { id: a.id });
    await admin.ok('auth.login', { username: admin.username, password: admin.password });
    await admin.ok('appointments.markNoShow', { id: b.id });
    await expectSummariesCurrent();

    const manager = await app.signedIn(['manager'], { allHospitals: true });
    const byDep = await manager.ok('reports.appointmentsByDepartment', { from: '2027-03-01', to: '2027-03-04' });
    expect(byDep.rows.map((r) => [r.departmentName, r.booked, r.checkedIn, r.completed, r.cancelled, r.noShow, r.total])).toEqual([
      ['Cardiology', 1, 0, 0, 0, 0, 1],
      ['No department', 1, 0, 0, 0, 0, 1],
      ['Outpatients', 1, 0, 1, 1, 1, 4],
    ]);
    const trends = await manager.ok('reports.schedulingTrends', { hospitalIds: [kla], from: '2027-03-01', to: '2027-03-04', granularity: 'day' });
    // Monday 1 March: 10:00 completed, 10:30 no-show (11:00 cancelled); Tuesday 2 March 08:30; Thursday 4 March 14:00.
    expect(trends.heatmap.filter((h) => h.appointments).map((h) => [h.weekday, h.hour, h.appointments])).toEqual([
      [1, 10, 2],
      [2, 8, 1],
      [4, 14, 1],
    ]);
    const boston = await manager.ok('reports.schedulingTrends', { hospitalIds: [bos], from: '2027-03-01', to: '2027-03-04', granularity: 'day' });
    expect(boston.heatmap.filter((h) => h.appointments).map((h) => [h.weekday, h.hour, h.appointments])).toEqual([[1, 23, 1]]);
  });

  it('follow an import of past visits', async () => {
    await app.admin.ok('import.commit', {
      hospitalId: kla,
      kind: 'doctors',
      csv: 'DoctorID,FirstName,LastName,Specialization,Department,Licence No,Fee\nS/D1,Moses,Ochieng,Family Medicine,Outpatients,UMDPC-S1,30000\n',
      createMissing: true,
    });
    await app.admin.ok('import.commit', { hospitalId: kla, kind: 'patients', csv: 'PatientID,FirstName,LastName,DateOfBirth,Phone\nS/P1,Joan,Nalwoga,1988-08-08,0772777001\n' });
    const csv = [
      'VisitID,PatientID,DoctorID,Date,Time,Status,Reason',
      'S/A1,S/P1,S/D1,15/03/2024,10:30,Completed,Review',
      'S/A2,S/P1,S/D1,16/03/2024,,No show,',
      'S/A3,S/P1,S/D1,17/03/2024,09:00,Cancelled,',
    ].join('\n');
    const done = await app.admin.ok('import.commit', { hospitalId: kla, kind: 'appointments', csv, dateFormat: 'DD/MM/YYYY' });
    expect(done.created).toEqual({ appointments: 3 });
    await expectSummariesCurrent();
  });

  it('follow bulk inserts, updates and deletes, committed or rolled back, in a randomised sequence', async () => {
    const doctors = await app.db.sql<{ staff_id: number; hospital_id: number; department_id: number | null }>(
      'SELECT d.staff_id, s.hospital_id, s.department_id FROM doctors d JOIN staff s ON s.id = d.staff_id',
    );
    const patients = (await app.db.sql<{ id: number }>('SELECT id FROM patients ORDER BY id LIMIT 4')).map((p) => p.id);
    const statuses = ['booked', 'checked_in', 'completed', 'cancelled', 'no_show'];
    const next = random(20_270_301);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
    const day = () => `2027-04-${String(1 + Math.floor(next() * 5)).padStart(2, '0')}`;
    const start = (d: string) => `${d} ${String(Math.floor(next() * 24)).padStart(2, '0')}:${pick(['00', '07', '15', '30', '45', '59'])}:00`;
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ ...app.db.target, dateStrings: ['DATE'], timezone: 'Z' });
    try {
      for (let step = 0; step < 100; step++) {
        const rollback = next() < 0.25;
        await conn.beginTransaction();
        const op = next();
        if (op < 0.4) {
          const rows = Array.from({ length: 1 + Math.floor(next() * 20) }, () => {
            const doc = pick(doctors);
            const d = day();
            const s = start(d);
            return [doc.hospital_id, next() < 0.2 ? null : doc.department_id, doc.staff_id, pick(patients), s, s, d, pick(statuses)];
          });
          await conn.query('INSERT INTO appointments (hospital_id, department_id, doctor_id, patient_id, starts_at, ends_at, local_date, status) VALUES ?', [rows]);
        } else if (op < 0.7) {
          await conn.query(`UPDATE appointments SET status = ? WHERE local_date = ? AND MOD(id, ?) = 0`, [pick(statuses), day(), 1 + Math.floor(next() * 3)]);
        } else if (op < 0.8) {
          const d = day();
          await conn.query(`UPDATE appointments SET local_date = ?, starts_at = ? WHERE local_date = ? AND MOD(id, 2) = 1`, [d, start(d), day()]);
        } else if (op < 0.9) {
          const doc = pick(doctors);
          await conn.query(`UPDATE appointments SET doctor_id = ?, department_id = ?, hospital_id = ? WHERE local_date = ? AND MOD(id, 3) = 0`, [doc.staff_id, doc.department_id, doc.hospital_id, day()]);
        } else {
          await conn.query(`DELETE FROM appointments WHERE local_date = ? AND MOD(id, 4) = 0 AND local_date >= '2027-04-01'
            AND id NOT IN (SELECT appointment_id FROM encounters WHERE appointment_id IS NOT NULL)`, [day()]);
        }
        const visitOp = next();
        if (visitOp < 0.4) {
          // Check-ins move (or go), and consultations begin for appointments that have none yet, some before the check-in.
          const d = day();
          await conn.query(`UPDATE appointments SET checked_in_at = IF(MOD(id, 5) = 0, NULL, starts_at - INTERVAL MOD(id, 40) MINUTE) WHERE local_date = ?`, [d]);
          await conn.query(
            `INSERT INTO encounters (hospital_id, patient_id, doctor_id, kind, appointment_id, started_at)
             SELECT a.hospital_id, a.patient_id, a.doctor_id, 'outpatient', a.id, a.starts_at + INTERVAL CAST(MOD(a.id * 7, 50) AS SIGNED) - 10 MINUTE
               FROM appointments a LEFT JOIN encounters e ON e.appointment_id = a.id WHERE a.local_date = ? AND e.id IS NULL AND MOD(a.id, 2) = 0`,
            [d],
          );
          await conn.query(`UPDATE encounters SET started_at = started_at + INTERVAL 3 MINUTE WHERE MOD(id, 3) = ?`, [Math.floor(next() * 3)]);
        } else if (visitOp < 0.8) {
          // Consultation charges (one currency or another), a few other charges, and some withdrawn again.
          await conn.query(
            `INSERT INTO charges (hospital_id, patient_id, category, description, quantity, unit_price, amount, currency, service_date, source_type, source_id)
             SELECT a.hospital_id, a.patient_id, IF(MOD(a.id, 7) = 0, 'test', 'consultation'), 'Consultation', 1, 1000 + a.id, 1000 + a.id,
                    IF(MOD(a.id, 5) = 0, 'USD', 'UGX'), a.local_date, 'appointment', a.id
               FROM appointments a WHERE a.local_date = ? AND MOD(a.id, 3) <> 0`,
            [day()],
          );
          await conn.query(`DELETE FROM charges WHERE MOD(id, 4) = ?`, [Math.floor(next() * 4)]);
          await conn.query(`UPDATE charges SET amount = amount + 5, currency = IF(currency = 'UGX', 'USD', 'UGX') WHERE MOD(id, 6) = ?`, [Math.floor(next() * 6)]);
        } else if (visitOp < 0.85) {
          // Visits move to another patient; a patient's date of birth, sex and region change.
          await conn.query(`UPDATE appointments SET patient_id = ? WHERE local_date = ? AND MOD(id, 3) = 1`, [pick(patients), day()]);
          await conn.query(`UPDATE patients SET sex = ?, region = ?, date_of_birth = date_of_birth - INTERVAL 1 DAY WHERE id = ?`, [
            pick(['female', 'male', 'other']),
            pick([null, '', ' Wakiso ', 'Central']),
            pick(patients),
          ]);
        } else if (visitOp < 0.9) {
          await conn.query(`DELETE FROM encounters WHERE MOD(id, 3) = ? AND appointment_id IS NOT NULL`, [Math.floor(next() * 3)]);
        }
        // Reason and version changes alone leave the summaries as they are.
        await conn.query(`UPDATE appointments SET reason = 'touched', version = version + 1 WHERE local_date = ?`, [day()]);
        if (rollback) await conn.rollback();
        else await conn.commit();
        if (step % 10 === 9) await expectSummariesCurrent();
      }
    } finally {
      await conn.end();
    }
    await expectSummariesCurrent();
    // The sequence left waits and revenue to count, not an empty summary.
    const [left] = await app.db.sql<{ waits: number; currencies: number }>(
      "SELECT SUM(currency = '' AND waited > 0) AS waits, COUNT(DISTINCT NULLIF(currency, '')) AS currencies FROM report_visit_days WHERE waited <> 0 OR amount <> 0",
    );
    expect(Number(left.waits)).toBeGreaterThan(0);
    expect(Number(left.currencies)).toBeGreaterThan(0);
    // Patients came back: days with a day before them, at a hospital and in the chain.
    const [linked] = await app.db.sql<{ hospital: number; chain: number }>(
      'SELECT SUM(hospital_id <> 0 AND prev_date IS NOT NULL) AS hospital, SUM(hospital_id = 0 AND prev_date IS NOT NULL) AS chain FROM report_patient_days',
    );
    expect(Number(linked.hospital)).toBeGreaterThan(10);
    expect(Number(linked.chain)).toBeGreaterThan(10);
  }, 120_000);

  it("are left alone by a bulk writer's deferring connection and counted afresh by the rebuild", async () => {
    const mysql = await import('mysql2/promise');
    const conn = await mysql.createConnection({ ...app.db.target, dateStrings: ['DATE'], timezone: 'Z' });
    try {
      const [ref] = await app.db.sql<{ hospital_id: number; doctor_id: number; patient_id: number }>('SELECT hospital_id, doctor_id, patient_id FROM appointments ORDER BY id LIMIT 1');
      const before = await app.db.sql('SELECT SUM(n) AS n FROM report_appointment_days');
      await conn.query(DEFER_REPORT_SUMMARIES);
      await conn.query(
        "INSERT INTO appointments (hospital_id, doctor_id, patient_id, starts_at, ends_at, local_date, status) VALUES (?, ?, ?, '2027-05-01 08:00:00', '2027-05-01 08:30:00', '2027-05-01', 'completed')",
        [ref.hospital_id, ref.doctor_id, ref.patient_id],
      );
      expect(await app.db.sql('SELECT SUM(n) AS n FROM report_appointment_days')).toEqual(before);
      await rebuildReportSummaries((statement) => app.db.sql(statement));
      await expectSummariesCurrent();
    } finally {
      await conn.end();
    }
  });
});
