// Scheduling through the handler pipeline with a million seeded appointments: free slots of a 50-doctor department,
// booking from 8 desks at once, and a hospital's day schedule. Prints a table; the budgets are reported, not asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, BenchReport, count, must, timed } from '../support/bench';
import type { Output } from '@shared/contract';
import { localDate } from '@shared/domain/dates';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';

const APPOINTMENTS = Number(process.env.HMS_BENCH_APPOINTMENTS ?? 1_000_000);
const PATIENTS = 200_000;
const DOCTORS_PER_DEPARTMENT = 51; // one of them may be terminated: 50 working doctors
const DESKS = 8;
const BOOKINGS = 400;

const report = new BenchReport(`operation (${count(APPOINTMENTS)} appointments)`);


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
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  it('free slots of a 50-doctor department for a day', async () => {
    const samples: number[] = [];
    let slots = 0;
    for (let i = 0; i < 200; i++) {
      const date = addDays(today, 1 + (i % 28));
      const r = await timed(() => desk.call('appointments.departmentSlots', { hospitalId, departmentId, date }));
      samples.push(r.ms);
      slots += must(r.result).reduce((n, d) => n + d.slots.length, 0);
    }
    report.add({ operation: 'free slots, department of 50 doctors, one day', samples, budgetMs: 20, note: `${count(slots / 200)} free slots a day` });
    expect(slots).toBeGreaterThan(0);
  });

  it('booking from 8 desks at once', async () => {
    // Free slots spread over the coming weeks, and patients who have nothing booked then.
    const offers: { doctorId: number; start: string }[] = [];
    for (let d = 2; offers.length < BOOKINGS * 2 && d < 60; d++) {
      for (const day of must(await desk.call('appointments.departmentSlots', { hospitalId, departmentId, date: addDays(today, d) }))) {
        for (const s of day.slots.filter((_s, i) => i % 3 === 0)) offers.push({ doctorId: day.doctorId, start: s.start });
      }
    }
    // Desks at different counters book different doctors: the offers go by time, one doctor after another.
    offers.sort((a, b) => a.start.localeCompare(b.start) || a.doctorId - b.doctorId);
    const patients = await app.db.sql<{ id: number }>('SELECT id FROM patients WHERE id % 97 = 5 LIMIT ?', [BOOKINGS]);
    const desks = await Promise.all(Array.from({ length: DESKS }, () => app.signIn('frontdesk.kla')));
    const samples: number[] = [];
    let conflicts = 0;
    let next = 0;
    await Promise.all(
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
    );
    report.add({ operation: 'book an appointment, 8 desks at once', samples, budgetMs: 40, note: `${conflicts} refused as overlapping` });
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
    for (let i = 0; i < 100; i++) {
      const r = await timed(() => admin.call('appointments.daySchedule', { hospitalId: Number(hid), date }));
      samples.push(r.ms);
      rows = must(r.result);
    }
    report.add({ operation: "hospital's day schedule", samples, budgetMs: 50, note: `${count(rows!.appointments.length)} appointments, ${rows!.doctors.length} doctors` });
    expect(rows!.appointments.length).toBe(Number(n));
  });

  it('one doctor: free slots of a day, next free slots, a patient’s appointments', async () => {
    const doctors = must(await desk.call('doctors.list', { hospitalId, departmentId }));
    const slotSamples: number[] = [];
    const nextSamples: number[] = [];
    for (let i = 0; i < 100; i++) {
      const doctorId = doctors[i % doctors.length].id;
      slotSamples.push((await timed(() => desk.call('appointments.freeSlots', { doctorId, date: addDays(today, 1 + (i % 20)) }))).ms);
      nextSamples.push((await timed(() => desk.call('appointments.nextFree', { doctorId, limit: 5 }))).ms);
    }
    report.add({ operation: 'free slots, one doctor, one day', samples: slotSamples, budgetMs: null });
    report.add({ operation: 'next free slots of a doctor and the department', samples: nextSamples, budgetMs: null });
    const patients = await app.db.sql<{ patient_id: number }>('SELECT patient_id FROM appointments WHERE id % 1000 = 7 LIMIT 100');
    const forPatient: number[] = [];
    for (const p of patients) forPatient.push((await timed(() => desk.call('appointments.forPatient', { patientId: Number(p.patient_id) }))).ms);
    report.add({ operation: "a patient's appointments", samples: forPatient, budgetMs: null });
  });
});
