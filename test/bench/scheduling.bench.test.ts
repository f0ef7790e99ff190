// Scheduling through the handler pipeline with a million seeded appointments: free slots of a 50-doctor department,
// booking from 8 desks at once, and a hospital's day schedule, each beside its floor (the same work as hand-written
// SQL). Prints a table; the budgets are reported, not asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, BenchReport, count, floorOf, must, timed, traced, type Sql } from '../support/bench';
import type { Output } from '@shared/contract';
import { isoWeekday, localDate } from '@shared/domain/dates';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';

const APPOINTMENTS = Number(process.env.HMS_BENCH_APPOINTMENTS ?? 1_000_000);
const PATIENTS = 200_000;
const DOCTORS_PER_DEPARTMENT = 51; // one of them may be terminated: 50 working doctors
const DESKS = 8;
const BOOKINGS = 400;

const report = new BenchReport(`operation (${count(APPOINTMENTS)} appointments)`);

/** Kampala's local day as instants (UTC+3, no daylight saving). */
const dayStart = (date: string) => new Date(`${date}T00:00:00+03:00`);

/** Doctors with their hours on one weekday: the first half of every free-slot computation. */
async function doctorsWithHours(sql: Sql, where: string, args: unknown[], date: string): Promise<number[]> {
  const rows = await sql<{ id: number }[]>(
    `SELECT s.id, s.first_name, s.last_name, s.status, d.default_slot_minutes, b.start_minute, b.end_minute, b.slot_minutes
       FROM staff s JOIN doctors d ON d.staff_id = s.id
       LEFT JOIN doctor_schedules b ON b.doctor_id = s.id AND b.weekday = ? AND b.valid_from <= ? AND (b.valid_to IS NULL OR b.valid_to >= ?)
      WHERE ${where}`,
    [isoWeekday(date), date, date, ...args],
  );
  return [...new Set(rows.map((r) => Number(r.id)))];
}

/** Their time away and booked appointments that day: the second half, one round trip. */
async function busyOn(sql: Sql, doctorIds: number[], date: string): Promise<unknown> {
  const ids = doctorIds.length ? doctorIds.join(',') : '0';
  return sql(
    `(SELECT doctor_id, start_date, end_date, start_minute, end_minute, NULL AS starts_at, NULL AS ends_at FROM doctor_exceptions WHERE doctor_id IN (${ids}) AND end_date >= ? AND start_date <= ?)
     UNION ALL (SELECT staff_id, start_date, end_date, NULL, NULL, NULL, NULL FROM staff_leave WHERE staff_id IN (${ids}) AND status = 'recorded' AND end_date >= ? AND start_date <= ?)
     UNION ALL (SELECT doctor_id, NULL, NULL, NULL, NULL, starts_at, ends_at FROM appointments WHERE doctor_id IN (${ids}) AND starts_at >= ? AND starts_at < ? AND status <> 'cancelled')`,
    [date, date, date, date, dayStart(date), dayStart(addDays(date, 1))],
  );
}

/** Appointments with their patient, doctor and department, as the views list them. */
const APPOINTMENT_ROWS = `SELECT a.id, a.doctor_id, ds.first_name AS doctor_first, ds.last_name AS doctor_last, a.patient_id, p.patient_number, p.first_name, p.middle_name, p.last_name,
       a.starts_at, a.ends_at, a.local_date, a.reason, a.status, a.queue_number, dep.name AS department_name
  FROM appointments a JOIN staff ds ON ds.id = a.doctor_id JOIN patients p ON p.id = a.patient_id LEFT JOIN departments dep ON dep.id = a.department_id`;

/** An audit row as a hand-written program writes it (to a copy of audit_log: the app's hash chain is left alone). */
const audit = (sql: Sql, channel: string, action: string, entity: string, entityId: number, hospitalId: number, changes: unknown) =>
  sql(
    `INSERT INTO floor_audit_log (at, user_id, username, channel, action, entity, entity_id, hospital_id, changes, prev_hash, hash)
     VALUES (NOW(3), NULL, 'floor', ?, ?, ?, ?, ?, ?, ?, ?)`,
    [channel, action, entity, String(entityId), hospitalId, JSON.stringify(changes), '0'.repeat(64), '0'.repeat(64)],
  );


describe(`scheduling with ${count(APPOINTMENTS)} appointments`, () => {
  let app: SeededApp;
  let desk: Desk;
  let hospitalId: number;
  let today: string;
  let departmentId: number;

  beforeAll(async () => {
    today = localDate(new Date(), 'Africa/Kampala');
    const started = performance.now();
    app = await startSeededApp({
      patients: PATIENTS,
      appointments: APPOINTMENTS,
      doctorsPerDepartment: DOCTORS_PER_DEPARTMENT,
      seed: 11,
      asOf: today,
      poolSize: 10,
      onProgress: progressPrinter(),
    });
    report.fact(
      `seeded ${count(app.summary.rows.appointments ?? 0)} appointments, ${count(app.summary.rows.staff ?? 0)} staff, ${count(PATIENTS)} patients in ${((performance.now() - started) / 1000).toFixed(0)} s (appointments at ${count(app.summary.appointmentsPerSecond)} rows/s)`,
    );
    hospitalId = app.hospitalId('KLA');
    desk = await app.signIn('frontdesk.kla');
    const departments = must(await desk.call('departments.list', { hospitalId }));
    const sizes = await app.db.sql<{ department_id: number; n: number }>(
      "SELECT department_id, COUNT(*) AS n FROM staff WHERE hospital_id = ? AND staff_role = 'doctor' AND status <> 'terminated' GROUP BY department_id ORDER BY n DESC LIMIT 1",
      [hospitalId],
    );
    departmentId = Number(sizes[0].department_id);
    report.fact(`department "${departments.find((d) => d.id === departmentId)?.name}" at KLA has ${sizes[0].n} doctors`);
    await app.db.sql('CREATE TABLE floor_audit_log LIKE audit_log');
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  it('free slots of a 50-doctor department for a day', async () => {
    const samples: number[] = [];
    let slots = 0;
    const { sent } = await traced(async () => {
      for (let i = 0; i < 200; i++) {
        const date = addDays(today, 1 + (i % 28));
        const r = await timed(() => desk.call('appointments.departmentSlots', { hospitalId, departmentId, date }));
        samples.push(r.ms);
        slots += must(r.result).reduce((n, d) => n + d.slots.length, 0);
      }
    }, () => samples);
    const floor = await floorOf(app.runtime, 'the doctors with their hours that weekday, then their time away and appointments that day: two SELECTs', 200, async (c, i) => {
      const date = addDays(today, 1 + (i % 28));
      const ids = await doctorsWithHours(c.sql, "s.hospital_id = ? AND s.department_id = ? AND s.staff_role = 'doctor' AND s.status <> 'terminated'", [hospitalId, departmentId], date);
      await busyOn(c.sql, ids, date);
    });
    report.add({ operation: 'free slots, department of 50 doctors, one day', samples, budgetMs: 20, note: `${count(slots / 200)} free slots a day`, floor, sent });
    expect(slots).toBeGreaterThan(0);
  });

  it('booking from 8 desks at once', async () => {
    // Free slots spread over the coming weeks, and patients who have nothing booked then.
    const offers: { doctorId: number; start: string; end: string }[] = [];
    for (let d = 2; offers.length < BOOKINGS * 2 && d < 60; d++) {
      for (const day of must(await desk.call('appointments.departmentSlots', { hospitalId, departmentId, date: addDays(today, d) }))) {
        for (const s of day.slots.filter((_s, i) => i % 3 === 0)) offers.push({ doctorId: day.doctorId, start: s.start, end: s.end });
      }
    }
    // Desks at different counters book different doctors: the offers go by time, one doctor after another.
    offers.sort((a, b) => a.start.localeCompare(b.start) || a.doctorId - b.doctorId);
    const patients = await app.db.sql<{ id: number }>('SELECT id FROM patients WHERE id % 97 = 5 LIMIT ?', [BOOKINGS]);
    const desks = await Promise.all(Array.from({ length: DESKS }, () => app.signIn('frontdesk.kla')));
    const samples: number[] = [];
    let conflicts = 0;
    let next = 0;
    const { sent } = await traced(
      () =>
        Promise.all(
          desks.map(async (d) => {
            for (;;) {
              const i = next++;
              if (i >= BOOKINGS) return;
              const offer = offers[i];
              const r = await timed(() => d.call('appointments.book', { patientId: Number(patients[i].id), doctorId: offer.doctorId, start: offer.start }));
              samples.push(r.ms);
              if (!r.result.ok) {
                if (r.result.error.code !== 'CONFLICT') throw new Error(JSON.stringify(r.result.error));
                conflicts++;
              }
            }
          }),
        ),
      () => samples,
    );
    // The floor books the offers the desks left, for other patients, from as many connections at once.
    const spareOffers = offers.slice(BOOKINGS);
    const others = await app.db.sql<{ id: number }>('SELECT id FROM patients WHERE id % 97 = 6 LIMIT ?', [spareOffers.length]);
    const floorCount = Math.min(spareOffers.length, others.length) - 3 * DESKS;
    const floor = await floorOf(
      app.runtime,
      "lock the doctor with the weekday's hours, one SELECT for time away and overlapping appointments of doctor or patient, INSERT the appointment and an audit row, in one transaction",
      floorCount,
      (c, i) =>
        c.transaction(async (sql) => {
          const offer = spareOffers[i];
          const patientId = Number(others[i].id);
          const date = localDate(new Date(offer.start), 'Africa/Kampala');
          const [doctor] = await sql<{ department_id: number }[]>(
            `SELECT s.department_id, s.status, b.start_minute, b.end_minute, b.slot_minutes FROM staff s
               LEFT JOIN doctor_schedules b ON b.doctor_id = s.id AND b.weekday = ? AND b.valid_from <= ? AND (b.valid_to IS NULL OR b.valid_to >= ?)
              WHERE s.id = ? FOR UPDATE`,
            [isoWeekday(date), date, date, offer.doctorId],
          );
          await sql(
            `(SELECT 'away' AS t FROM doctor_exceptions WHERE doctor_id = ? AND start_date <= ? AND end_date >= ?)
             UNION ALL (SELECT 'taken' FROM appointments WHERE (doctor_id = ? OR patient_id = ?) AND starts_at < ? AND ends_at > ? AND status <> 'cancelled')`,
            [offer.doctorId, date, date, offer.doctorId, patientId, new Date(offer.end), new Date(offer.start)],
          );
          const a = await sql<{ insertId: number }>(
            'INSERT INTO appointments (hospital_id, department_id, doctor_id, patient_id, starts_at, ends_at, local_date) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [hospitalId, doctor.department_id, offer.doctorId, patientId, new Date(offer.start), new Date(offer.end), date],
          );
          await audit(sql, 'appointments.book', 'appointment.book', 'appointment', a.insertId, hospitalId, offer);
        }),
      DESKS,
    );
    report.add({ operation: 'book an appointment, 8 desks at once', samples, budgetMs: 40, note: `${conflicts} refused as overlapping`, floor, sent });
    expect(samples.length).toBe(BOOKINGS);
  });

  it("a hospital's day schedule", async () => {
    const busiest = await app.db.sql<{ hospital_id: number; local_date: string; n: number }>(
      `SELECT hospital_id, local_date, COUNT(*) AS n FROM appointments WHERE local_date BETWEEN ? AND ? GROUP BY hospital_id, local_date ORDER BY ABS(COUNT(*) - 500) LIMIT 1`,
      [addDays(today, -30), addDays(today, 30)],
    );
    const { hospital_id: hid, local_date: date, n } = busiest[0];
    const admin = await app.signIn('admin');
    const samples: number[] = [];
    let rows: Output<'appointments.daySchedule'> | null = null;
    const { sent } = await traced(async () => {
      for (let i = 0; i < 100; i++) {
        const r = await timed(() => admin.call('appointments.daySchedule', { hospitalId: Number(hid), date }));
        samples.push(r.ms);
        rows = must(r.result);
      }
    }, () => samples);
    const floor = await floorOf(app.runtime, "the day's appointments with patient, doctor and department, and the doctors working that weekday with their hours: two SELECTs", 100, async (c) => {
      await c.sql(`${APPOINTMENT_ROWS} WHERE a.hospital_id = ? AND a.local_date = ? ORDER BY a.starts_at, a.id`, [Number(hid), date]);
      await c.sql(
        `SELECT s.id, s.first_name, s.last_name, b.start_minute, b.end_minute FROM doctor_schedules b JOIN staff s ON s.id = b.doctor_id
          WHERE b.hospital_id = ? AND b.weekday = ? AND b.valid_from <= ? AND (b.valid_to IS NULL OR b.valid_to >= ?)`,
        [Number(hid), isoWeekday(date), date, date],
      );
    });
    report.add({ operation: "hospital's day schedule", samples, budgetMs: 50, note: `${count(rows!.appointments.length)} appointments, ${rows!.doctors.length} doctors`, floor, sent });
    expect(rows!.appointments.length).toBe(Number(n));
  });

  it('one doctor: free slots of a day, next free slots, a patient’s appointments', async () => {
    const doctors = must(await desk.call('doctors.list', { hospitalId, departmentId, limit: 200 })).items;
    const slotSamples: number[] = [];
    const nextSamples: number[] = [];
    const slotsSent = await traced(async () => {
      for (let i = 0; i < 100; i++) {
        const doctorId = doctors[i % doctors.length].id;
        slotSamples.push((await timed(() => desk.call('appointments.freeSlots', { doctorId, date: addDays(today, 1 + (i % 20)) }))).ms);
      }
    }, () => slotSamples);
    const nextSent = await traced(async () => {
      for (let i = 0; i < 100; i++) nextSamples.push((await timed(() => desk.call('appointments.nextFree', { doctorId: doctors[i % doctors.length].id, limit: 5 }))).ms);
    }, () => nextSamples);
    const slotsFloor = await floorOf(app.runtime, "the doctor's hours that weekday, then time away and appointments that day: two SELECTs", 100, async (c, i) => {
      const date = addDays(today, 1 + (i % 20));
      await busyOn(c.sql, await doctorsWithHours(c.sql, 's.id = ?', [doctors[i % doctors.length].id], date), date);
    });
    report.add({ operation: 'free slots, one doctor, one day', samples: slotSamples, budgetMs: null, floor: slotsFloor, sent: slotsSent.sent });
    // No floor: which days to read depends on what the first days hold; the statements are traced.
    report.add({ operation: 'next free slots of a doctor and the department', samples: nextSamples, budgetMs: null, sent: nextSent.sent });
    const patients = await app.db.sql<{ patient_id: number }>('SELECT patient_id FROM appointments WHERE id % 1000 = 7 LIMIT 100');
    const forPatient: number[] = [];
    const patientSent = await traced(async () => {
      // The record page opens on the upcoming tab: its first page.
      for (const p of patients) forPatient.push((await timed(() => desk.call('appointments.forPatient', { patientId: Number(p.patient_id), when: 'upcoming' }))).ms);
    }, () => forPatient);
    const patientFloor = await floorOf(app.runtime, "the first page of the patient's upcoming appointments with doctor and department, and the audit row of the read: a SELECT and an INSERT", patients.length, async (c, i) => {
      const patientId = Number(patients[i % patients.length].patient_id);
      await c.sql(`${APPOINTMENT_ROWS} WHERE a.patient_id = ? AND a.ends_at > ? ORDER BY a.starts_at, a.id LIMIT 51`, [patientId, new Date()]);
      await audit(c.sql, 'appointments.forPatient', 'patient.appointments_read', 'patient', patientId, hospitalId, {});
    });
    report.add({ operation: "a patient's appointments", samples: forPatient, budgetMs: null, floor: patientFloor, sent: patientSent.sent });
  });
});
