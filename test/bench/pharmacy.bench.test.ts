// Dispensing through the handler pipeline with 8 pharmacists at once: each dispensing a whole prescription (first
// expiry first out across batches, a charge, the prescription's status, the audit trail), first each pharmacist on a
// medicine of their own, then all eight on the same medicine (they take turns on its row), beside the floor (the same
// work as hand-written SQL from 8 connections at once). Prints a table; the budgets are reported, not asserted.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Output } from '@shared/contract';
import { BenchReport, floorOf, must, timed, traced, type Sql, type StatementsPerCall } from '../support/bench';
import { startTestApp, type Desk, type TestApp } from '../support/app';
import { doctor, patient } from '../support/scheduling';

const PHARMACISTS = 8;
/** Dispensings per pharmacist in each measured run. */
const PER_DESK = 40;
/** Dispensings per pharmacist before the timed ones (connections opened, code warm), as the floor warms up too. */
const WARM_UP = 3;
const FLOOR_DISPENSINGS = 240;
const TODAY = '2027-03-01';
/** Units per prescription. */
const UNITS = 21;

const report = new BenchReport('operation');

describe('pharmacy', () => {
  let app: TestApp;
  let pharmacist: Desk;
  let hospitalId: number;
  /** Eight medicines, one per pharmacist, and one they all share. */
  let own: Output<'pharmacy.createItem'>[];
  let shared: Output<'pharmacy.createItem'>;
  let encounterId: number;
  let doc: Awaited<ReturnType<TestApp['signedIn']>>;

  beforeAll(async () => {
    app = await startTestApp({ poolSize: 12 });
    await app.setClock(new Date(`${TODAY}T09:00:00+03:00`));
    hospitalId = app.hospitalId;
    pharmacist = await app.signedIn(['pharmacist']);
    const hr = await app.signedIn(['hr']);
    doc = await app.signedIn(['doctor']);
    const desk = await app.signedIn(['front_desk']);
    const d = await doctor(hr, hospitalId, { userId: doc.userId, hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '17:00' })) });
    const p = await patient(desk, hospitalId);
    const a = await desk.ok('appointments.book', { patientId: p.id, doctorId: d.id, start: `${TODAY}T08:00:00.000Z` });
    await desk.ok('appointments.checkIn', { id: a.id });
    encounterId = (await doc.ok('encounters.open', { appointmentId: a.id })).id;
    const medicine = async (name: string) => {
      const m = await pharmacist.ok('pharmacy.createItem', { hospitalId, name, strength: '500 mg', form: 'tablet', unitPrice: 150, taxRateBp: 0, reorderLevel: 100 });
      // Three deliveries: the soonest-expiring one runs out part-way, so dispensing crosses batches.
      await pharmacist.ok('pharmacy.receive', { itemId: m.id, batchNumber: `${name}-A`, expiryDate: '2027-06-30', quantity: 250 });
      await pharmacist.ok('pharmacy.receive', { itemId: m.id, batchNumber: `${name}-B`, expiryDate: '2027-12-31', quantity: 2_000 });
      await pharmacist.ok('pharmacy.receive', { itemId: m.id, batchNumber: `${name}-C`, expiryDate: '2028-06-30', quantity: 20_000 });
      return m;
    };
    own = [];
    for (let i = 0; i < PHARMACISTS; i++) own.push(await medicine(`Medicine ${i + 1}`));
    shared = await medicine('Shared medicine');
    await app.db.sql('CREATE TABLE floor_audit_log LIKE audit_log');
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  /** `n` prescriptions of the medicine on the encounter: one through the pipeline, the rest copies of it. */
  async function prescriptions(itemId: number, n: number): Promise<number[]> {
    const enc = await doc.ok('prescriptions.create', { encounterId, itemId, dose: 1, doseUnit: 'tablet', route: 'oral', frequency: 'tds', durationDays: 7, quantity: UNITS });
    const first = enc.prescriptions.filter((x) => x.itemId === itemId).reduce((a, b) => (b.id > a.id ? b : a));
    const ids = [first.id];
    for (let i = 1; i < n; i++) {
      const r = await app.db.sql<{ insertId: number }>(
        `INSERT INTO prescriptions (encounter_id, hospital_id, patient_id, item_id, medicine, dose, dose_unit, route, frequency, duration_days, quantity, instructions,
                                    allergy_override_reason, status, dispensed_quantity, prescribed_by, prescriber_name, prescribed_at, cancel_reason, version)
         SELECT encounter_id, hospital_id, patient_id, item_id, medicine, dose, dose_unit, route, frequency, duration_days, quantity, instructions,
                allergy_override_reason, status, dispensed_quantity, prescribed_by, prescriber_name, prescribed_at, cancel_reason, version FROM prescriptions WHERE id = ?`,
        [first.id],
      );
      ids.push(Number((r as unknown as { insertId: number }).insertId));
    }
    return ids;
  }

  /**
   * The trace names a statement by the first table after a FROM: the prescription's lock reads its patient, hospital
   * and medicine form in subqueries of its select list, the first of them from patients.
   */
  const KIND_NAMES: Record<string, string> = { 'SELECT patients FOR UPDATE': 'SELECT prescriptions FOR UPDATE' };
  const named = (sent: StatementsPerCall): StatementsPerCall => ({ ...sent, kinds: sent.kinds.map(([k, n, t]) => [KIND_NAMES[k] ?? k, n, t]) });

  /**
   * Pharmacists at once, each dispensing whole prescriptions from its own list until the lists are done; the first
   * WARM_UP of each list go out untimed.
   */
  async function dispenseAtOnce(lists: number[][]): Promise<{ samples: number[]; sent: StatementsPerCall; results: Output<'pharmacy.dispense'>[] }> {
    const desks = await Promise.all(lists.map(() => app.signedIn(['pharmacist'])));
    await Promise.all(desks.map(async (d, k) => {
      for (const prescriptionId of lists[k].slice(0, WARM_UP)) must(await d.call('pharmacy.dispense', { prescriptionId, quantity: UNITS, idempotencyKey: randomUUID() }));
    }));
    const samples: number[] = [];
    const results: Output<'pharmacy.dispense'>[] = [];
    const { sent } = await traced(
      () =>
        Promise.all(
          desks.map(async (d, k) => {
            for (const prescriptionId of lists[k].slice(WARM_UP)) {
              // With a submit's key, as the dispensing dialog sends it.
              const r = await timed(() => d.call('pharmacy.dispense', { prescriptionId, quantity: UNITS, idempotencyKey: randomUUID() }));
              samples.push(r.ms);
              results.push(must(r.result));
            }
          }),
        ),
      () => samples,
    );
    return { samples, sent: named(sent), results };
  }

  /** Dispensing as a hand-written program does it: the same locks, rows and one audit row, in one transaction. */
  const floorDispense = (sql: Sql, prescriptionId: number) =>
    (async () => {
      await sql('START TRANSACTION');
      const [p] = await sql<{ item_id: number; patient_id: number; hospital_id: number; quantity: number; dispensed_quantity: number; status: string }[]>(
        'SELECT item_id, patient_id, hospital_id, quantity, dispensed_quantity, status FROM prescriptions WHERE id = ? FOR UPDATE',
        [prescriptionId],
      );
      const [m] = await sql<{ unit_price: number; tax_rate_bp: number; name: string }[]>('SELECT unit_price, tax_rate_bp, name FROM medicine_items WHERE id = ? FOR UPDATE', [p.item_id]);
      const batches = await sql<{ id: number; quantity: number }[]>('SELECT id, quantity FROM stock_batches WHERE item_id = ? AND quantity > 0 AND expiry_date > ? ORDER BY expiry_date, id FOR UPDATE', [p.item_id, TODAY]);
      let left = UNITS;
      const taken: [number, number][] = [];
      for (const b of batches) {
        if (left === 0) break;
        const take = Math.min(left, Number(b.quantity));
        taken.push([Number(b.id), take]);
        left -= take;
      }
      const d = await sql<{ insertId: number }>(
        'INSERT INTO dispensings (prescription_id, hospital_id, patient_id, item_id, quantity, dispensed_by, dispensed_by_name, dispensed_at) VALUES (?, ?, ?, ?, ?, 1, ?, NOW(3))',
        [prescriptionId, p.hospital_id, p.patient_id, p.item_id, UNITS, 'floor'],
      );
      const c = await sql<{ insertId: number }>(
        `INSERT INTO charges (hospital_id, patient_id, category, description, quantity, unit_price, amount, currency, tax_rate_bp, service_date, source_type, source_id)
         VALUES (?, ?, 'medicine', ?, ?, ?, ?, 'UGX', ?, ?, 'dispensing', ?)`,
        [p.hospital_id, p.patient_id, m.name, UNITS, m.unit_price, UNITS * Number(m.unit_price), m.tax_rate_bp, TODAY, d.insertId],
      );
      await sql('UPDATE dispensings SET charge_id = ? WHERE id = ?', [c.insertId, d.insertId]);
      for (const [id, q] of taken) await sql('UPDATE stock_batches SET quantity = quantity - ? WHERE id = ?', [q, id]);
      await sql(
        `INSERT INTO stock_movements (hospital_id, item_id, batch_id, kind, quantity, prescription_id, dispensing_id, by_user, by_name, at) VALUES ${taken.map(() => "(?, ?, ?, 'dispense', ?, ?, ?, 1, 'floor', NOW(3))").join(', ')}`,
        taken.flatMap(([id, q]) => [p.hospital_id, p.item_id, id, -q, prescriptionId, d.insertId]),
      );
      await sql('UPDATE medicine_items SET on_hand = on_hand - ? WHERE id = ?', [UNITS, p.item_id]);
      await sql("UPDATE prescriptions SET dispensed_quantity = dispensed_quantity + ?, status = 'dispensed', version = version + 1 WHERE id = ?", [UNITS, prescriptionId]);
      await sql(
        `INSERT INTO floor_audit_log (at, user_id, username, channel, action, entity, entity_id, hospital_id, changes, prev_hash, hash)
         VALUES (NOW(3), NULL, 'floor', 'pharmacy.dispense', 'pharmacy.dispense', 'dispensing', ?, ?, ?, ?, ?)`,
        [String(d.insertId), p.hospital_id, JSON.stringify({ prescriptionId, taken }), '0'.repeat(64), '0'.repeat(64)],
      );
      // The answer: the prescription with its dispensings.
      await sql('SELECT r.*, d.id AS dispensing_id, d.quantity AS dispensed FROM prescriptions r LEFT JOIN dispensings d ON d.prescription_id = r.id WHERE r.id = ?', [prescriptionId]);
      await sql('COMMIT');
    })();

  /** Where a call's time goes, under the table: statements sent and the waits that stand out. */
  const whereItGoes = (operation: string, sent: StatementsPerCall) => {
    const each = sent.kinds.map(([k, n, t]) => `${Number.isInteger(n) ? n : n.toFixed(1)}× ${k} ${t.toFixed(2)} ms`).join(', ');
    report.fact(`${operation}: ${sent.statements.toFixed(1)} statements a call (the floor sends 14); of its mean ${sent.callMs.toFixed(1)} ms, ${sent.sqlMs.toFixed(1)} ms waited on them, longest first: ${each}`);
  };

  const FLOOR_WHAT =
    'lock the prescription and the medicine, the batches FOR UPDATE, INSERT the dispensing and its charge, UPDATE batches, INSERT movements, UPDATE the medicine and the prescription, an audit row, read the prescription back, in one transaction';

  it('dispense a prescription, 8 pharmacists at once, each a medicine of their own', async () => {
    const lists: number[][] = [];
    for (const m of own) lists.push(await prescriptions(m.id, WARM_UP + PER_DESK));
    const { samples, sent, results } = await dispenseAtOnce(lists);
    expect(results).toHaveLength(PHARMACISTS * PER_DESK);
    // The floor dispenses other prescriptions of the same medicines.
    const floorRx: number[] = [];
    const perMedicine = Math.ceil((FLOOR_DISPENSINGS + 3 * PHARMACISTS) / PHARMACISTS);
    const byMedicine = [];
    for (const m of own) byMedicine.push(await prescriptions(m.id, perMedicine));
    for (let i = 0; i < perMedicine; i++) for (const list of byMedicine) floorRx.push(list[i]);
    const floor = await floorOf(app.runtime, FLOOR_WHAT, FLOOR_DISPENSINGS, (c, i) => floorDispense(c.sql, floorRx[i]), PHARMACISTS);
    whereItGoes('8 medicines', sent);
    report.add({ operation: 'dispense a prescription, 8 pharmacists at once, 8 medicines', samples, budgetMs: 20, note: `${results.filter((r) => r.batches.length > 1).length} across two batches`, floor, sent });
  });

  it('dispense a prescription, one pharmacist', async () => {
    const all = await prescriptions(own[0].id, WARM_UP + PER_DESK * 2 + FLOOR_DISPENSINGS / 2 + 3);
    const { samples, sent, results } = await dispenseAtOnce([all.slice(0, WARM_UP + PER_DESK * 2)]);
    expect(results).toHaveLength(PER_DESK * 2);
    const rest = all.slice(WARM_UP + PER_DESK * 2);
    const floor = await floorOf(app.runtime, FLOOR_WHAT, FLOOR_DISPENSINGS / 2, (c, i) => floorDispense(c.sql, rest[i]));
    whereItGoes('one pharmacist', sent);
    report.add({ operation: 'dispense a prescription, one pharmacist', samples, budgetMs: null, floor, sent });
  });

  it('dispense a prescription, 8 pharmacists at once, all the same medicine', async () => {
    const each = WARM_UP + PER_DESK;
    const all = await prescriptions(shared.id, PHARMACISTS * each + FLOOR_DISPENSINGS + 3 * PHARMACISTS);
    const lists = Array.from({ length: PHARMACISTS }, (_, k) => all.slice(k * each, (k + 1) * each));
    const { samples, sent, results } = await dispenseAtOnce(lists);
    expect(results).toHaveLength(PHARMACISTS * PER_DESK);
    const rest = all.slice(PHARMACISTS * each);
    const floor = await floorOf(app.runtime, FLOOR_WHAT, FLOOR_DISPENSINGS, (c, i) => floorDispense(c.sql, rest[i]), PHARMACISTS);
    whereItGoes('one medicine', sent);
    report.add({ operation: 'dispense a prescription, 8 pharmacists at once, one medicine', samples, budgetMs: null, note: 'they take turns on its row', floor, sent });
    // Whatever the turns, the shelf adds up: what left the batches is what was dispensed.
    const [s] = await app.db.sql<{ on_hand: number; batches: number | string; moved: number | string }>(
      `SELECT m.on_hand, (SELECT SUM(quantity) FROM stock_batches WHERE item_id = m.id) AS batches,
              (SELECT -SUM(quantity) FROM stock_movements WHERE item_id = m.id AND kind = 'dispense') AS moved FROM medicine_items m WHERE m.id = ?`,
      [shared.id],
    );
    expect(Number(s.on_hand)).toBe(Number(s.batches));
    expect(Number(s.on_hand) + Number(s.moved)).toBe(22_250);
    report.fact(`the shared medicine after ${all.length} dispensings of ${UNITS}: ${s.on_hand} units on the shelf, ${s.moved} dispensed, of 22,250 received`);
  });
});
