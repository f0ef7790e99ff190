// The patient journal through the handler pipeline for a patient with 500 encounters (each from a completed
// appointment, with two ICD-10 diagnoses, vitals, a lab result and a prescription, over a catalog of 12 tests and a
// shelf of 30 medicines), among 20 other patients with
// 1,000 encounters each: the first page of the timeline, a later page, the journal PDF and the FHIR export, the first
// page beside its floor (the same work as hand-written SQL). Rows are written in bulk with SQL. Prints a table; the
// budgets are reported, not asserted.
import { availableParallelism, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchReport, count, floorOf, must, timed, traced } from '../support/bench';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { doctor, patient } from '../support/scheduling';

const ENCOUNTERS = Number(process.env.HMS_BENCH_JOURNAL_ENCOUNTERS ?? 500);
const OTHER_PATIENTS = 20;
const OTHER_ENCOUNTERS = 1000;
const PAGE_CALLS = 200;
const PDF_CALLS = 10;
const EXPORT_CALLS = 5;

const report = new BenchReport(`operation (a patient with ${count(ENCOUNTERS)} encounters, ${count(OTHER_PATIENTS * OTHER_ENCOUNTERS)} of others)`);

let app: TestApp;
let dr: Desk;
let patientId: number;

/** A patient's history in bulk: completed appointments, each with its signed encounter and what was recorded in it. */
async function history(hospitalId: number, doctorId: number, userId: number, tests: number[], items: number[], patient: number, n: number): Promise<void> {
  const sql = app.db.sql;
  await sql(
    `INSERT INTO appointments (hospital_id, doctor_id, patient_id, starts_at, ends_at, local_date, reason, status, checked_in_at, completed_at)
     SELECT ?, ?, ?, TIMESTAMP('2023-01-02 06:00:00') + INTERVAL n DAY, TIMESTAMP('2023-01-02 06:30:00') + INTERVAL n DAY, DATE('2023-01-02') + INTERVAL n DAY,
            CONCAT('Visit ', n), 'completed', TIMESTAMP('2023-01-02 05:55:00') + INTERVAL n DAY, TIMESTAMP('2023-01-02 06:30:00') + INTERVAL n DAY
       FROM bench_n WHERE n <= ?`,
    [hospitalId, doctorId, patient, n],
  );
  await sql(
    `INSERT INTO encounters (hospital_id, patient_id, doctor_id, kind, appointment_id, status, started_at, signed_at, signed_by, complaint, assessment, plan,
                             temperature_c, pulse, systolic, diastolic, respiratory_rate, spo2, weight_kg, height_cm, created_by, version)
     SELECT a.hospital_id, a.patient_id, a.doctor_id, 'outpatient', a.id, 'signed', a.starts_at + INTERVAL 5 MINUTE, a.completed_at, ?, 'Fever and headache',
            'Malaria, blood pressure raised', 'Antimalarials, review in a week', 36.5 + (a.id % 25) / 10, 60 + a.id % 50, 110 + a.id % 50, 70 + a.id % 25,
            14 + a.id % 8, 92 + a.id % 8, 55 + (a.id % 300) / 10, 150 + a.id % 40, ?, 3
       FROM appointments a WHERE a.patient_id = ?`,
    [userId, userId, patient],
  );
  for (const [code, title, rank, certainty] of [
    ['B54', 'Unspecified malaria', 'primary', 'confirmed'],
    ['I10', 'Essential (primary) hypertension', 'secondary', 'provisional'],
  ]) {
    await sql(
      `INSERT INTO diagnoses (encounter_id, hospital_id, patient_id, code, title, \`rank\`, certainty, created_by, created_at)
       SELECT e.id, e.hospital_id, e.patient_id, ?, ?, ?, ?, ?, e.started_at + INTERVAL 10 MINUTE FROM encounters e WHERE e.patient_id = ?`,
      [code, title, rank, certainty, userId, patient],
    );
  }
  await sql(
    `INSERT INTO test_orders (encounter_id, hospital_id, patient_id, test_id, status, ordered_by, ordered_by_name, ordered_at, resulted_at, seen_at)
     SELECT e.id, e.hospital_id, e.patient_id, ELT(1 + e.id % ${tests.length}, ${tests.join(', ')}), 'resulted', ?, 'Dr Jane Okello', e.started_at + INTERVAL 8 MINUTE,
            e.started_at + INTERVAL 18 MINUTE, e.signed_at
       FROM encounters e WHERE e.patient_id = ?`,
    [userId, patient],
  );
  await sql(
    `INSERT INTO test_results (order_id, value_numeric, unit, ref_low, ref_high, flag, recorded_by, recorded_by_name, recorded_at)
     SELECT o.id, 8 + (o.id % 90) / 10, 'g/dL', 12, 16, IF(8 + (o.id % 90) / 10 < 12, 'low', 'normal'), ?, 'Nurse Akello', o.resulted_at
       FROM test_orders o WHERE o.patient_id = ?`,
    [userId, patient],
  );
  await sql(
    `INSERT INTO prescriptions (encounter_id, hospital_id, patient_id, item_id, medicine, dose, dose_unit, route, frequency, duration_days, quantity, instructions,
                                status, prescribed_by, prescriber_name, prescribed_at)
     SELECT e.id, e.hospital_id, e.patient_id, m.id, CONCAT(m.name, ' ', m.strength, ' ', m.form), 4, 'tablet', 'oral', 'bd', 3, 24, 'With food', 'active', ?,
            'Dr Jane Okello', e.started_at + INTERVAL 12 MINUTE
       FROM encounters e JOIN medicine_items m ON m.id = ELT(1 + e.id % ${items.length}, ${items.join(', ')}) WHERE e.patient_id = ?`,
    [userId, patient],
  );
}

describe(`the journal of a patient with ${count(ENCOUNTERS)} encounters`, () => {
  beforeAll(async () => {
    const started = performance.now();
    app = await startTestApp({ poolSize: 10 });
    const hospitalId = app.hospitalId;
    const hr = await app.signedIn(['hr']);
    const desk = await app.signedIn(['front_desk']);
    const doc = await app.signedIn(['doctor']);
    dr = doc;
    const jane = await doctor(hr, hospitalId, { firstName: 'Jane', lastName: 'Okello', userId: doc.userId });
    const sql = app.db.sql;
    await sql("INSERT IGNORE INTO icd10_codes (code, title, common) VALUES ('B54', 'Unspecified malaria', 1), ('I10', 'Essential (primary) hypertension', 1)");
    // A test catalog and a shelf of medicines: the orders and prescriptions spread over them as in the field.
    const tests: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await sql<{ insertId: number }>(
        "INSERT INTO test_definitions (hospital_id, code, name, kind, unit, ucum, loinc) VALUES (?, ?, ?, 'lab', 'g/dL', 'g/dL', '718-7')",
        [hospitalId, `T${i}`, `Analyte ${i}`],
      );
      tests.push(Number((r as unknown as { insertId: number }).insertId));
    }
    const items: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await sql<{ insertId: number }>(
        "INSERT INTO medicine_items (hospital_id, name, strength, form, active_ingredient, unit_price) VALUES (?, ?, '500 mg', 'tablet', ?, 800)",
        [hospitalId, `Medicine ${i}`, `ingredient ${i}`],
      );
      items.push(Number((r as unknown as { insertId: number }).insertId));
    }
    await sql('CREATE TABLE floor_audit_log LIKE audit_log');
    await sql('CREATE TABLE bench_n (n INT UNSIGNED NOT NULL PRIMARY KEY)');
    const most = Math.max(ENCOUNTERS, OTHER_ENCOUNTERS);
    await sql(`INSERT INTO bench_n (n) VALUES ${Array.from({ length: most }, (_, i) => `(${i + 1})`).join(',')}`);

    patientId = (await patient(desk, hospitalId, { firstName: 'Zoë', lastName: 'Namubiru' })).id;
    await history(hospitalId, jane.id, doc.userId, tests, items, patientId, ENCOUNTERS);
    for (let i = 0; i < OTHER_PATIENTS; i++) {
      const other = await patient(desk, hospitalId);
      await history(hospitalId, jane.id, doc.userId, tests, items, other.id, OTHER_ENCOUNTERS);
    }
    await sql('ANALYZE TABLE appointments, encounters, diagnoses, test_orders, test_results, prescriptions');
    const [rows] = await sql<{ e: number; d: number; r: number; p: number }>(
      'SELECT (SELECT COUNT(*) FROM encounters) AS e, (SELECT COUNT(*) FROM diagnoses) AS d, (SELECT COUNT(*) FROM test_results) AS r, (SELECT COUNT(*) FROM prescriptions) AS p',
    );
    report.fact(
      `wrote ${count(Number(rows.e))} encounters, ${count(Number(rows.d))} diagnoses, ${count(Number(rows.r))} results and ${count(Number(rows.p))} prescriptions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  });
  afterAll(async () => {
    report.fact(`load average over the last minute at the end: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores (the PDF is CPU-bound: other work on the machine shows in its figures)`);
    report.print();
    await app?.close();
  });

  it('reads the first page of the timeline', async () => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) must(await dr.call('patients.journal', { patientId }));
    const { sent } = await traced(async () => {
      for (let i = 0; i < PAGE_CALLS; i++) {
        const { ms, result } = await timed(() => dr.call('patients.journal', { patientId }));
        const page = must(result);
        expect(page.items).toHaveLength(20);
        samples.push(ms);
      }
    }, () => samples);
    // The same work by hand: the page of the timeline, the encounters' parts, the appointments, and the audit row.
    const floor = await floorOf(app.runtime, 'the UNION ALL page, one SELECT per part of its encounters and of its appointments, an audit INSERT, in one transaction', PAGE_CALLS, (c) =>
      c.transaction(async (q) => {
        const page = await q<{ k: number; id: number }[]>(
          `SELECT at, k, id FROM (SELECT starts_at AS at, 1 AS k, id FROM appointments WHERE patient_id = ? UNION ALL SELECT started_at, 2, id FROM encounters WHERE patient_id = ?
                                  UNION ALL SELECT admitted_at, 3, id FROM stays WHERE patient_id = ?) j ORDER BY at DESC, k DESC, id DESC LIMIT 21`,
          [patientId, patientId, patientId],
        );
        const enc = page.filter((r) => Number(r.k) === 2).map((r) => Number(r.id));
        const appts = page.filter((r) => Number(r.k) === 1).map((r) => Number(r.id));
        const list = enc.join(',') || '0';
        await q(`SELECT e.*, s.first_name, s.last_name FROM encounters e JOIN staff s ON s.id = e.doctor_id WHERE e.id IN (${list})`);
        await q(`SELECT * FROM diagnoses WHERE encounter_id IN (${list})`);
        await q(`SELECT o.*, t.name, r.* FROM test_orders o JOIN test_definitions t ON t.id = o.test_id LEFT JOIN test_results r ON r.order_id = o.id WHERE o.encounter_id IN (${list})`);
        await q(`SELECT * FROM prescriptions WHERE encounter_id IN (${list})`);
        await q(`SELECT a.*, s.first_name, s.last_name FROM appointments a JOIN staff s ON s.id = a.doctor_id WHERE a.id IN (${appts.join(',') || '0'})`);
        await q(
          `INSERT INTO floor_audit_log (at, user_id, username, channel, action, entity, entity_id, hospital_id, changes, prev_hash, hash)
           VALUES (NOW(3), NULL, 'floor', 'patients.journal', 'patient.journal', 'patient', ?, 1, '{}', ?, ?)`,
          [String(patientId), '0'.repeat(64), '0'.repeat(64)],
        );
      }),
    );
    report.add({ operation: 'patients.journal, first page of 20', samples, budgetMs: 50, floor, sent });
  });

  it('reads a page deep in the timeline', async () => {
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) cursor = must(await dr.call('patients.journal', { patientId, cursor })).nextCursor;
    const samples: number[] = [];
    for (let i = 0; i < PAGE_CALLS / 2; i++) {
      const { ms, result } = await timed(() => dr.call('patients.journal', { patientId, cursor }));
      expect(must(result).items).toHaveLength(20);
      samples.push(ms);
    }
    report.add({ operation: 'patients.journal, 11th page', samples, budgetMs: null });
  });

  it('prints the whole journal as a PDF', async () => {
    const samples: number[] = [];
    const cpu: number[] = [];
    let pages = 0;
    for (let i = 0; i < PDF_CALLS + 1; i++) {
      const before = process.cpuUsage();
      const { ms, result } = await timed(() => dr.call('patients.journalPdf', { patientId }));
      const used = process.cpuUsage(before);
      pages = must(result).pages;
      if (i > 0) {
        samples.push(ms);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    report.add({ operation: 'patients.journalPdf', samples, budgetMs: 1500, note: `${count(pages)} pages` });
    const sorted = [...cpu].sort((a, b) => a - b);
    report.fact(`patients.journalPdf used ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms of CPU per call (median; the process's user and system time): on an idle machine its wall time is about that plus its waits for the database`);
  });

  it('exports the record as FHIR', async () => {
    const samples: number[] = [];
    let resources = 0;
    for (let i = 0; i < EXPORT_CALLS + 1; i++) {
      const { ms, result } = await timed(() => dr.call('patients.fhirExport', { patientId }));
      resources = must(result).resources;
      if (i > 0) samples.push(ms);
    }
    report.add({ operation: 'patients.fhirExport', samples, budgetMs: null, note: `${count(resources)} resources` });
  });
});
