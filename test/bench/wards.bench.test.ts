// Wards through the handler pipeline at a 2,000-bed hospital with 10,000 current stays and reservations: the occupancy
// board of a day, the 14-day bed timeline, the census, and admitting and discharging, each beside its floor (the same
// work as hand-written SQL). Prints a table; the budgets are reported, not asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, BenchReport, count, floorOf, must, timed, traced, type Sql } from '../support/bench';
import type { Output } from '@shared/contract';
import { localDate } from '@shared/domain/dates';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';
import { LAYOUT, OCCUPANTS, RESERVATIONS } from '../support/ward-floors';

const BEDS = Number(process.env.HMS_BENCH_BEDS ?? 2000);
const BOOKINGS = Number(process.env.HMS_BENCH_BED_BOOKINGS ?? 10_000);
/** Beds at each of the other five hospitals: their rows share the tables, as in the field. */
const OTHER_BEDS = 100;
const PATIENTS = 60_000;
const ADMISSIONS = 50;

const report = new BenchReport(`operation (${count(BEDS)} beds, ${count(BOOKINGS)} current and future bookings)`);

/** Free beds (no stay, no reservation in the next days) and patients in no bed and holding none, for admissions. */
async function admissible(app: SeededApp, hospitalId: number, today: string, n: number, skip: { beds: number[]; patients: number[] }) {
  const beds = await app.db.sql<{ id: number }>(
    `SELECT b.id FROM beds b JOIN rooms r ON r.id = b.room_id
      WHERE b.hospital_id = ? AND b.state = 'available' AND r.state = 'available' AND r.room_type <> 'operating_theatre'
        AND NOT EXISTS (SELECT 1 FROM bed_stays bs WHERE bs.occupied_bed_id = b.id)
        AND NOT EXISTS (SELECT 1 FROM bed_bookings k WHERE k.bed_id = b.id AND k.status = 'reserved' AND k.from_date < ? AND k.to_date > ?)
        AND b.id NOT IN (${[0, ...skip.beds].join(',')})
      ORDER BY b.id LIMIT ?`,
    [hospitalId, addDays(today, 3), today, n],
  );
  const patients = await app.db.sql<{ id: number }>(
    `SELECT p.id FROM patients p WHERE p.hospital_id = ? AND p.id % 7 = 3
        AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.active_patient_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM bed_bookings k WHERE k.patient_id = p.id AND k.status = 'reserved')
        AND p.id NOT IN (${[0, ...skip.patients].join(',')})
      ORDER BY p.id LIMIT ?`,
    [hospitalId, beds.length],
  );
  return { beds: beds.map((b) => Number(b.id)), patients: patients.map((p) => Number(p.id)) };
}

/** An audit row as a hand-written program writes it (to a copy of audit_log: the app's hash chain is left alone). */
const audit = (sql: Sql, action: string, entityId: number, hospitalId: number, changes: unknown) =>
  sql(
    `INSERT INTO floor_audit_log (at, user_id, username, channel, action, entity, entity_id, hospital_id, changes, prev_hash, hash)
     VALUES (NOW(3), NULL, 'floor', ?, ?, 'stay', ?, ?, ?, ?, ?)`,
    [action.replace('stay.', 'admissions.'), action, String(entityId), hospitalId, JSON.stringify(changes), '0'.repeat(64), '0'.repeat(64)],
  );

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
    await app.db.sql('CREATE TABLE floor_audit_log LIKE audit_log');
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  it('occupancy board of a day', async () => {
    const offsets = [0, 0, 1, 3, 7, 14];
    const samples: number[] = [];
    let board: Output<'occupancy.board'> | null = null;
    const { sent } = await traced(async () => {
      for (let i = 0; i < 200; i++) {
        const r = await timed(() => nurse.call('occupancy.board', { hospitalId, date: addDays(today, offsets[i % offsets.length]) }));
        samples.push(r.ms);
        const b = must(r.result);
        if (b.date === today) board = b;
      }
    }, () => samples);
    const floor = await floorOf(app.runtime, 'the beds with rooms and floors, the current occupants, the reservations of the day: three SELECTs', 200, async (c, i) => {
      const date = addDays(today, offsets[i % offsets.length]);
      await c.sql(LAYOUT, [hospitalId]);
      await c.sql(OCCUPANTS, [hospitalId]);
      await c.sql(RESERVATIONS, [hospitalId, date, date]);
    });
    const t = board!.total;
    report.add({ operation: 'occupancy board, today and days ahead', samples, budgetMs: 50, note: `today ${count(t.beds)} beds: ${count(t.occupied)} occupied, ${count(t.reserved)} reserved, ${count(t.free)} free, ${count(t.cleaning)} cleaning`, floor, sent });
    expect(t.beds).toBe(BEDS);
  });

  it('bed timeline for 14 days', async () => {
    const samples: number[] = [];
    let segments = 0;
    const { sent } = await traced(async () => {
      for (let i = 0; i < 50; i++) {
        const r = await timed(() => nurse.call('occupancy.timeline', { hospitalId, from: addDays(today, i % 5), days: 14 }));
        samples.push(r.ms);
        segments = must(r.result).beds.reduce((n, b) => n + b.segments.length, 0);
      }
    }, () => samples);
    const floor = await floorOf(app.runtime, 'the beds, the current stays, the reservations of the fortnight: three SELECTs', 50, async (c, i) => {
      const from = addDays(today, i % 5);
      await c.sql(LAYOUT, [hospitalId]);
      await c.sql(OCCUPANTS, [hospitalId]);
      await c.sql(RESERVATIONS.replace('bb.from_date <= ?', 'bb.from_date < ?'), [hospitalId, from, addDays(from, 14)]);
    });
    report.add({ operation: 'occupancy timeline, 14 days', samples, budgetMs: 100, note: `${count(segments)} stays and bookings on ${count(BEDS)} beds`, floor, sent });
    expect(segments).toBeGreaterThan(BEDS / 2);
  });

  it('census of today', async () => {
    const samples: number[] = [];
    let rows = 0;
    const { sent } = await traced(async () => {
      for (let i = 0; i < 20; i++) {
        const r = await timed(() => nurse.call('occupancy.census', { hospitalId }));
        samples.push(r.ms);
        rows = must(r.result).rows.length;
      }
    }, () => samples);
    const floor = await floorOf(app.runtime, "today's occupants with bed, room, floor and doctor: one SELECT", 20, (c) =>
      c.sql(
        `SELECT b.label, r.number, r.room_type, f.name, s.id, s.admitted_at, s.expected_discharge, p.patient_number, p.first_name, p.last_name, d.first_name AS doc_first, d.last_name AS doc_last
           FROM stays s JOIN bed_stays bs ON bs.stay_id = s.id AND bs.occupied_bed_id IS NOT NULL JOIN beds b ON b.id = bs.occupied_bed_id JOIN rooms r ON r.id = b.room_id
           JOIN floors f ON f.id = r.floor_id JOIN patients p ON p.id = s.patient_id JOIN staff d ON d.id = s.attending_doctor_id
          WHERE s.hospital_id = ? AND s.status = 'admitted'`,
        [hospitalId],
      ),
    );
    report.add({ operation: 'census of today', samples, budgetMs: null, note: `${count(rows)} patients`, floor, sent });
  });

  it('admitting and discharging', async () => {
    // Beds free today and held by no reservation ahead; patients in no bed and holding none.
    const { beds, patients } = await admissible(app, hospitalId, today, ADMISSIONS, { beds: [], patients: [] });
    const [doctor] = await app.db.sql<{ id: number }>("SELECT id FROM staff WHERE hospital_id = ? AND staff_role = 'doctor' AND status = 'active' ORDER BY id LIMIT 1", [hospitalId]);
    const admit: number[] = [];
    const stayIds: number[] = [];
    const admitted = await traced(async () => {
      for (let i = 0; i < beds.length; i++) {
        const r = await timed(() =>
          nurse.call('admissions.admit', {
            patientId: patients[i],
            bedId: beds[i],
            attendingDoctorId: Number(doctor.id),
            reason: 'Benchmark admission',
            expectedDischarge: addDays(today, 3),
          }),
        );
        admit.push(r.ms);
        stayIds.push(must(r.result).id);
      }
    }, () => admit);
    const discharge: number[] = [];
    const discharged = await traced(async () => {
      for (const stayId of stayIds) discharge.push((await timed(() => nurse.call('admissions.discharge', { stayId, note: 'Benchmark discharge' }))).ms);
    }, () => discharge);

    // The floor admits other patients to other free beds, then discharges them, as a hand-written program would.
    const spare = await admissible(app, hospitalId, today, ADMISSIONS, { beds, patients });
    const floorStays: { stayId: number; bedId: number; patientId: number }[] = [];
    const floorAdmissions = Math.min(spare.beds.length, spare.patients.length) - 3;
    // A small hospital may have no free beds left after the measured admissions: then there is no floor to show.
    if (floorAdmissions < 5) {
      report.add({ operation: 'admit a patient', samples: admit, budgetMs: null, sent: admitted.sent });
      report.add({ operation: 'discharge with room charges', samples: discharge, budgetMs: null, sent: discharged.sent });
      report.fact(`no floor for admitting and discharging: ${spare.beds.length} free beds left after the measured admissions`);
      return;
    }
    const admitFloor = await floorOf(app.runtime, 'lock the bed, check its reservations, INSERT the stay, its bed stay and an audit row, in one transaction', floorAdmissions, (c, i) =>
      c.transaction(async (sql) => {
        const [bedId, patientId] = [spare.beds[i], spare.patients[i]];
        await sql("SELECT b.state, r.state AS room_state, r.room_type FROM beds b JOIN rooms r ON r.id = b.room_id WHERE b.id = ? FOR UPDATE", [bedId]);
        await sql("SELECT id FROM bed_bookings WHERE bed_id = ? AND status = 'reserved' AND from_date <= ? AND to_date > ?", [bedId, addDays(today, 3), today]);
        const stay = await sql<{ insertId: number }>(
          `INSERT INTO stays (hospital_id, patient_id, attending_doctor_id, reason, admitted_at, expected_discharge, current_bed_id, active_patient_id) VALUES (?, ?, ?, ?, NOW(3), ?, ?, ?)`,
          [hospitalId, patientId, Number(doctor.id), 'Benchmark admission', addDays(today, 3), bedId, patientId],
        );
        await sql('INSERT INTO bed_stays (stay_id, bed_id, from_at, occupied_bed_id) VALUES (?, ?, NOW(3), ?)', [stay.insertId, bedId, bedId]);
        await audit(sql, 'stay.admit', stay.insertId, hospitalId, { patientId, bedId });
        floorStays.push({ stayId: stay.insertId, bedId, patientId });
      }),
    );
    const dischargeFloor = await floorOf(app.runtime, 'lock the stay, close it and its bed stay, the bed to cleaning, INSERT the room charge and an audit row, in one transaction', floorStays.length - 3, (c, i) =>
      c.transaction(async (sql) => {
        const { stayId, bedId, patientId } = floorStays[i % floorStays.length];
        await sql('SELECT s.status, r.daily_rate FROM stays s JOIN beds b ON b.id = s.current_bed_id JOIN rooms r ON r.id = b.room_id WHERE s.id = ? FOR UPDATE', [stayId]);
        await sql('UPDATE bed_stays SET to_at = NOW(3), occupied_bed_id = NULL WHERE stay_id = ? AND to_at IS NULL', [stayId]);
        await sql("UPDATE stays SET status = 'discharged', discharged_at = NOW(3), active_patient_id = NULL, version = version + 1 WHERE id = ?", [stayId]);
        await sql("UPDATE beds SET state = 'cleaning', state_note = 'After discharge' WHERE id = ?", [bedId]);
        await sql(
          `INSERT INTO charges (hospital_id, patient_id, category, description, quantity, unit_price, amount, currency, service_date, source_type, source_id) VALUES (?, ?, 'room', 'Room, 1 night', 1, 50000, 50000, 'UGX', ?, 'stay', ?)`,
          [hospitalId, patientId, today, stayId],
        );
        await audit(sql, 'stay.discharge', stayId, hospitalId, { note: 'Benchmark discharge' });
      }),
    );
    report.add({ operation: 'admit a patient', samples: admit, budgetMs: null, floor: admitFloor, sent: admitted.sent });
    report.add({ operation: 'discharge with room charges', samples: discharge, budgetMs: null, floor: dischargeFloor, sent: discharged.sent });
    expect(stayIds).toHaveLength(ADMISSIONS);
  });
});
