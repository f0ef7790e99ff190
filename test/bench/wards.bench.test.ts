// Wards through the handler pipeline at a 2,000-bed hospital with 10,000 current stays and reservations: the occupancy
// board of a day, the 14-day bed timeline, the census, and admitting and discharging. Prints a table; the budgets are
// reported, not asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, BenchReport, count, must, timed } from '../support/bench';
import type { Output } from '@shared/contract';
import { localDate } from '@shared/domain/dates';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';

const BEDS = Number(process.env.HMS_BENCH_BEDS ?? 2000);
const BOOKINGS = Number(process.env.HMS_BENCH_BED_BOOKINGS ?? 10_000);
/** Beds at each of the other five hospitals: their rows share the tables, as in the field. */
const OTHER_BEDS = 100;
const PATIENTS = 60_000;
const ADMISSIONS = 50;

const report = new BenchReport(`operation (${count(BEDS)} beds, ${count(BOOKINGS)} current and future bookings)`);


describe(`wards at ${count(BEDS)} beds and ${count(BOOKINGS)} bookings`, () => {
  let app: SeededApp;
  let nurse: Desk;
  let hospitalId: number;
  let today: string;

  beforeAll(async () => {
    today = localDate(new Date(), 'Africa/Kampala');
    const started = performance.now();
    // Bookings are shared by beds: KLA's part of the chain's is BOOKINGS.
    const chainBeds = BEDS + 5 * OTHER_BEDS;
    app = await startSeededApp({
      patients: PATIENTS,
      appointments: 0,
      seed: 11,
      asOf: today,
      beds: OTHER_BEDS,
      bedsAt: { KLA: BEDS },
      bedBookings: Math.round((BOOKINGS * chainBeds) / BEDS),
      poolSize: 10,
      onProgress: progressPrinter(),
    });
    const kla = app.summary.wards.find((w) => w.code === 'KLA')!;
    report.fact(
      `seeded ${count(PATIENTS)} patients and the wards in ${((performance.now() - started) / 1000).toFixed(0)} s (wards step ${app.summary.wardSeconds.toFixed(1)} s: ` +
        `${count(app.summary.rows.stays ?? 0)} stays, ${count(app.summary.rows.bed_stays ?? 0)} bed stays, ${count(app.summary.rows.bed_bookings ?? 0)} bed bookings, ` +
        `${count(app.summary.rows.theatre_bookings ?? 0)} theatre bookings, ${count(app.summary.rows.charges ?? 0)} charges across the chain)`,
      `KLA: ${count(kla.beds)} beds (${count(kla.usable)} in use), ${count(kla.occupied)} occupied now, ${count(kla.reserved)} reservations ahead: ${count(kla.occupied + kla.reserved)} current and future bookings; ${count(kla.stays)} stays over the last weeks`,
    );
    hospitalId = app.hospitalId('KLA');
    nurse = await app.signIn('nurse.kla');
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  it('occupancy board of a day', async () => {
    const offsets = [0, 0, 1, 3, 7, 14];
    const samples: number[] = [];
    let board: Output<'occupancy.board'> | null = null;
    for (let i = 0; i < 200; i++) {
      const r = await timed(() => nurse.call('occupancy.board', { hospitalId, date: addDays(today, offsets[i % offsets.length]) }));
      samples.push(r.ms);
      const b = must(r.result);
      if (b.date === today) board = b;
    }
    const t = board!.total;
    report.add({ operation: 'occupancy board, today and days ahead', samples, budgetMs: 50, note: `today ${count(t.beds)} beds: ${count(t.occupied)} occupied, ${count(t.reserved)} reserved, ${count(t.free)} free, ${count(t.cleaning)} cleaning` });
    expect(t.beds).toBe(BEDS);
  });

  it('bed timeline for 14 days', async () => {
    const samples: number[] = [];
    let segments = 0;
    for (let i = 0; i < 50; i++) {
      const r = await timed(() => nurse.call('occupancy.timeline', { hospitalId, from: addDays(today, i % 5), days: 14 }));
      samples.push(r.ms);
      segments = must(r.result).beds.reduce((n, b) => n + b.segments.length, 0);
    }
    report.add({ operation: 'occupancy timeline, 14 days', samples, budgetMs: 100, note: `${count(segments)} stays and bookings on ${count(BEDS)} beds` });
    expect(segments).toBeGreaterThan(BEDS / 2);
  });

  it('census of today', async () => {
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < 20; i++) {
      const r = await timed(() => nurse.call('occupancy.census', { hospitalId }));
      samples.push(r.ms);
      rows = must(r.result).rows.length;
    }
    report.add({ operation: 'census of today', samples, budgetMs: null, note: `${count(rows)} patients` });
  });

  it('admitting and discharging', async () => {
    // Beds free today and held by no reservation ahead; patients in no bed and holding none.
    const beds = await app.db.sql<{ id: number }>(
      `SELECT b.id FROM beds b JOIN rooms r ON r.id = b.room_id
        WHERE b.hospital_id = ? AND b.state = 'available' AND r.state = 'available' AND r.room_type <> 'operating_theatre'
          AND NOT EXISTS (SELECT 1 FROM bed_stays bs WHERE bs.occupied_bed_id = b.id)
          AND NOT EXISTS (SELECT 1 FROM bed_bookings k WHERE k.bed_id = b.id AND k.status = 'reserved' AND k.from_date < ? AND k.to_date > ?)
        ORDER BY b.id LIMIT ?`,
      [hospitalId, addDays(today, 3), today, ADMISSIONS],
    );
    const patients = await app.db.sql<{ id: number }>(
      `SELECT p.id FROM patients p WHERE p.hospital_id = ? AND p.id % 7 = 3
          AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.active_patient_id = p.id)
          AND NOT EXISTS (SELECT 1 FROM bed_bookings k WHERE k.patient_id = p.id AND k.status = 'reserved')
        ORDER BY p.id LIMIT ?`,
      [hospitalId, beds.length],
    );
    const [doctor] = await app.db.sql<{ id: number }>("SELECT id FROM staff WHERE hospital_id = ? AND staff_role = 'doctor' AND status = 'active' ORDER BY id LIMIT 1", [hospitalId]);
    const admit: number[] = [];
    const stayIds: number[] = [];
    for (let i = 0; i < beds.length; i++) {
      const r = await timed(() =>
        nurse.call('admissions.admit', {
          patientId: Number(patients[i].id),
          bedId: Number(beds[i].id),
          attendingDoctorId: Number(doctor.id),
          reason: 'Benchmark admission',
          expectedDischarge: addDays(today, 3),
        }),
      );
      admit.push(r.ms);
      stayIds.push(must(r.result).id);
    }
    const discharge: number[] = [];
    for (const stayId of stayIds) discharge.push((await timed(() => nurse.call('admissions.discharge', { stayId, note: 'Benchmark discharge' }))).ms);
    report.add({ operation: 'admit a patient', samples: admit, budgetMs: null });
    report.add({ operation: 'discharge with room charges', samples: discharge, budgetMs: null });
    expect(stayIds).toHaveLength(ADMISSIONS);
  });
});
