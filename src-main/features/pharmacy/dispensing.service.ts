// Dispensing against a prescription: all of what is left to hand out or a part, first expiry first out across the
// batches that have not expired, never below zero, one stock movement per batch taken and one charge per dispensing.
// The prescription is locked first, then its medicine (the lock every change of that medicine's stock takes).
//
// Every desk's dispensing passes here, and every write of every desk then takes its turn on the audit trail's head
// row (ipc/pipeline.ts), so the statements are few: the prescription's lock also reads what the answer and the charge
// need of its patient and hospital; the medicine's lock also reads its batches; the rows the dispensing changes are
// changed by one UPDATE; the answer is made of what was locked and written, not read back.
import { AppError, conflict, invalid, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Dispensed, Prescription } from '@shared/contract/clinical';
import type { Dispensing } from '@shared/contract/pharmacy';
import { planDispense, type Frequency, type MedicineForm, type PrescriptionStatus, type Route } from '@shared/domain/clinical';
import { localDate } from '@shared/domain/dates';
import { fullName } from '@shared/domain/format';
import { formatMoney } from '@shared/domain/money';
import type { CallContext } from '../../platform/context';
import { insertRows } from '../../db/writer';
import { chargeFor } from '../billing';
import { getPrescription } from '../clinical';
import { ReadAfresh } from '../../db/db-errors';
import { DispensingEntity } from './dispensing.entity';
import { StockMovementEntity } from './medicine.entity';
import { medicineLabel, medicineName, unitsOf } from './rules';
import { actorName } from './stock-levels';
import { movement } from './stock.service';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

/** The prescription as locked, with its patient's name, its hospital's zone and currency and its medicine's form. */
interface PrescriptionRow {
  id: number | string;
  hospital_id: number;
  patient_id: number | string;
  encounter_id: number | string;
  item_id: number;
  medicine: string;
  dose: string | number;
  dose_unit: string;
  route: Route;
  frequency: Frequency;
  duration_days: number | null;
  quantity: number;
  instructions: string | null;
  allergy_override_reason: string | null;
  status: PrescriptionStatus;
  dispensed_quantity: number;
  version: number;
  prescribed_at: Date;
  prescriber_name: string;
  cancel_reason: string | null;
  patient_first: string;
  patient_middle: string | null;
  patient_last: string;
  patient_number: string;
  time_zone: string;
  currency: string;
  form: MedicineForm;
}

/**
 * Locks the prescription and reads, in the same statement, what else the dispensing needs. The subqueries read
 * without locking (a locking clause of the outer SELECT does not reach into its subqueries): the patient, the
 * hospital and the medicine are not locked here, exactly as the separate reads this replaces did not lock them.
 */
const LOCK_PRESCRIPTION = `SELECT r.id, r.hospital_id, r.patient_id, r.encounter_id, r.item_id, r.medicine, r.dose, r.dose_unit, r.route, r.frequency,
       r.duration_days, r.quantity, r.instructions, r.allergy_override_reason, r.status, r.dispensed_quantity, r.version, r.prescribed_at, r.prescriber_name,
       r.cancel_reason,
       (SELECT first_name FROM patients WHERE id = r.patient_id) AS patient_first,
       (SELECT middle_name FROM patients WHERE id = r.patient_id) AS patient_middle,
       (SELECT last_name FROM patients WHERE id = r.patient_id) AS patient_last,
       (SELECT patient_number FROM patients WHERE id = r.patient_id) AS patient_number,
       (SELECT time_zone FROM hospitals WHERE id = r.hospital_id) AS time_zone,
       (SELECT currency FROM hospitals WHERE id = r.hospital_id) AS currency,
       (SELECT form FROM medicine_items WHERE id = r.item_id) AS form
  FROM prescriptions r WHERE r.id = ? FOR UPDATE`;

/** The medicine, locked, with its batches holding units, locked after it, soonest expiry first: one row per batch. */
interface ShelfRow {
  id: number;
  hospital_id: number;
  name: string;
  strength: string;
  form: MedicineForm;
  active_ingredient: string | null;
  unit_price: number | string;
  tax_rate_bp: number;
  on_hand: number;
  batch_id: number | string | null;
  batch_number: string | null;
  expiry_date: string | null;
  batch_quantity: number | null;
}

/**
 * The medicine's row lock and then, under it, its batches as they are now (a locking read: no other desk changes
 * them until this one is done). The medicine is the const table of the join, read and locked before any batch; the
 * batches come by the first-expiry index. No ORDER BY (it would sort in a temporary table): planDispense orders them.
 */
const LOCK_SHELF = `SELECT m.id, m.hospital_id, m.name, m.strength, m.form, m.active_ingredient, m.unit_price, m.tax_rate_bp, m.on_hand,
       b.id AS batch_id, b.batch_number, b.expiry_date, b.quantity AS batch_quantity
  FROM medicine_items m LEFT JOIN stock_batches b ON b.item_id = m.id AND b.quantity > 0
 WHERE m.id = ? FOR UPDATE`;

interface ShelfBatch {
  id: number;
  batchNumber: string;
  expiryDate: string;
  quantity: number;
}

interface DispensedRow {
  id: number | string;
  quantity: number;
  dispensed_at: Date;
  dispensed_by_name: string;
}

const DISPENSED_BEFORE = 'SELECT id, quantity, dispensed_at, dispensed_by_name FROM dispensings WHERE prescription_id = ? ORDER BY id';

/**
 * What was dispensed against the prescription before this call, oldest first: none when nothing was (the locked row's
 * dispensed quantity is the sum of its dispensings), else a plain read, holding the prescription's lock so no other
 * desk adds one. A plain read sees the transaction's snapshot, taken when the call began: a dispensing committed
 * since (by the desk this one waited for on the prescription) is missing from it, and `complete` is false.
 */
async function dispensedBefore(ctx: CallContext, prescriptionId: number, dispensedQuantity: number, lock = false): Promise<{ rows: Dispensed[]; complete: boolean }> {
  if (dispensedQuantity === 0) return { rows: [], complete: true };
  const rows: DispensedRow[] = await ctx.em.query(lock ? `${DISPENSED_BEFORE} LOCK IN SHARE MODE` : DISPENSED_BEFORE, [prescriptionId]);
  return {
    rows: rows.map((d) => ({ id: Number(d.id), quantity: Number(d.quantity), dispensedAt: d.dispensed_at.toISOString(), dispensedByName: d.dispensed_by_name })),
    complete: rows.reduce((n, d) => n + Number(d.quantity), 0) === dispensedQuantity,
  };
}

/**
 * The dispensing this submit's key already made (the same submit sent again: a second click, a retry after a lost
 * answer), answered as it was made and with the prescription as it is now; nothing is taken or charged again. Read
 * after the prescription's lock, which every dispensing of it takes: if the transaction's snapshot is older than the
 * prescription as locked (another desk, or the same submit's first sending, dispensed it while this call waited), the
 * call is run again in a fresh transaction rather than miss a dispensing made meanwhile. The key on another
 * prescription or quantity is CONFLICT.
 */
async function repeatedDispensing(ctx: CallContext, key: string, input: In<'pharmacy.dispense'>, p: PrescriptionRow): Promise<Dispensing | null> {
  // One statement: the dispensing of this key, if any, and the prescription's version as this transaction's snapshot
  // holds it (no row at all: the snapshot predates the prescription).
  const [d]: { seen_version: number; id: number | string | null; prescription_id: number | string; item_id: number; quantity: number; charge_id: number | string | null; dispensed_at: Date }[] =
    await ctx.em.query(
      `SELECT r.version AS seen_version, d.id, d.prescription_id, d.item_id, d.quantity, d.charge_id, d.dispensed_at
         FROM prescriptions r LEFT JOIN dispensings d ON d.idempotency_key = ?
        WHERE r.id = ?`,
      [key, p.id],
    );
  if (!d || d.id === null) {
    if (!d || Number(d.seen_version) !== Number(p.version)) throw new ReadAfresh();
    return null;
  }
  if (Number(d.prescription_id) !== Number(p.id) || Number(d.quantity) !== input.quantity) {
    throw conflict('This submit was already recorded as another dispensing; reload the prescription before dispensing again.');
  }
  const id = Number(d.id);
  const batches: { batch_id: number; batch_number: string; expiry_date: string | Date; quantity: number }[] = await ctx.em.query(
    `SELECT m.batch_id, b.batch_number, b.expiry_date, -m.quantity AS quantity FROM stock_movements m JOIN stock_batches b ON b.id = m.batch_id
      WHERE m.dispensing_id = ? AND m.kind = 'dispense' ORDER BY m.id`,
    [id],
  );
  ctx.audit({ action: 'pharmacy.dispense_repeat_ignored', entity: 'dispensing', entityId: id, hospitalId: Number(p.hospital_id), changes: { idempotencyKey: key } });
  return {
    id,
    prescriptionId: Number(p.id),
    itemId: Number(d.item_id),
    quantity: Number(d.quantity),
    batches: batches.map((b) => ({ batchId: Number(b.batch_id), batchNumber: b.batch_number, expiryDate: String(b.expiry_date instanceof Date ? b.expiry_date.toISOString() : b.expiry_date).slice(0, 10), quantity: Number(b.quantity) })),
    chargeId: d.charge_id === null ? null : Number(d.charge_id),
    dispensedAt: d.dispensed_at.toISOString(),
    prescription: await getPrescription(ctx, Number(p.id)),
  };
}

export async function dispense(ctx: CallContext, input: In<'pharmacy.dispense'>): Promise<Dispensing> {
  const [p]: PrescriptionRow[] = await ctx.em.query(LOCK_PRESCRIPTION, [input.prescriptionId]);
  if (!p) throw notFound('The prescription');
  ctx.requireHospital(Number(p.hospital_id));
  if (input.idempotencyKey) {
    const repeated = await repeatedDispensing(ctx, input.idempotencyKey, input, p);
    if (repeated) return repeated;
  }
  const prescriptionId = Number(p.id);
  const before = { quantity: Number(p.quantity), dispensed: Number(p.dispensed_quantity) };
  if (p.status === 'cancelled') throw conflict(`The prescription of ${p.medicine} was cancelled; it cannot be dispensed.`);
  if (p.status === 'dispensed') throw conflict(`The prescription of ${p.medicine} was already dispensed in full.`);
  const remaining = before.quantity - before.dispensed;
  if (input.quantity > remaining) {
    throw invalid(
      { quantity: `Only ${unitsOf(p.form, remaining)} ${remaining === 1 ? 'is' : 'are'} left to dispense on this prescription (${before.quantity} prescribed, ${before.dispensed} dispensed).` },
      `Only ${unitsOf(p.form, remaining)} left to dispense.`,
    );
  }
  // Read before the medicine is locked: the lock is held as briefly as can be.
  const today = localDate(ctx.now(), p.time_zone);
  let earlier = await dispensedBefore(ctx, prescriptionId, before.dispensed);

  const rows: ShelfRow[] = await ctx.em.query(LOCK_SHELF, [p.item_id]);
  if (rows.length === 0) throw notFound('The medicine');
  const item = rows[0];
  const itemId = Number(item.id);
  const hospitalId = Number(item.hospital_id);
  const shelf: ShelfBatch[] = rows
    .filter((r) => r.batch_id !== null)
    .map((r) => ({ id: Number(r.batch_id), batchNumber: r.batch_number!, expiryDate: String(r.expiry_date).slice(0, 10), quantity: Number(r.batch_quantity) }));
  const plan = planDispense(shelf, input.quantity, today);
  if (!plan) {
    const onHand = shelf.filter((b) => b.expiryDate > today).reduce((n, b) => n + b.quantity, 0);
    const expiredOnHand = shelf.filter((b) => b.expiryDate <= today).reduce((n, b) => n + b.quantity, 0);
    const name = medicineName(item);
    const left = onHand === 0 ? `Out of stock: ${unitsOf(item.form, 0)} of ${name} left` : `Only ${unitsOf(item.form, onHand)} of ${name} in stock`;
    const expired = expiredOnHand ? `; ${unitsOf(item.form, expiredOnHand)} on the shelf have expired and are not dispensed` : '';
    throw new AppError('CONFLICT', `${left}${expired}.`, undefined, { onHand, expiredOnHand });
  }
  // Rarely (another desk dispensed this prescription while this call waited for it): its dispensings as they are now.
  // A locking read (it share-locks a range of the dispensings' index), so only once the medicine is locked: taken
  // before, a desk holding the medicine could wait on that range while this one waits for the medicine.
  if (!earlier.complete) earlier = await dispensedBefore(ctx, prescriptionId, before.dispensed, true);

  const at = ctx.now();
  const label = medicineLabel(item);
  const byName = actorName(ctx);
  const patientId = Number(p.patient_id);
  // Not before the medicine's lock: the dispensing's key to the medicine share-locks its row, and two desks holding
  // that share each waiting to lock it outright would deadlock.
  const dispensingId = await insertRows(ctx.em, DispensingEntity, [
    Object.assign(new DispensingEntity(), {
      prescriptionId,
      hospitalId,
      patientId,
      itemId,
      quantity: input.quantity,
      dispensedBy: ctx.user.userId,
      dispensedByName: byName,
      dispensedAt: at,
      // Set with the other rows below, once the charge is made.
      chargeId: null,
      idempotencyKey: input.idempotencyKey ?? null,
    }),
  ]);
  const unitPrice = Number(item.unit_price);
  const chargeId = await chargeFor(
    ctx,
    {
      hospitalId,
      patientId,
      category: 'medicine',
      description: label,
      quantity: input.quantity,
      unitPrice,
      currency: p.currency,
      taxRateBp: Number(item.tax_rate_bp),
      serviceDate: today,
      sourceType: 'dispensing',
      sourceId: dispensingId,
    },
    // The dispensing was inserted just now: it has no charge yet.
    { newSource: true },
  );
  await insertRows(
    ctx.em,
    StockMovementEntity,
    plan.map((t) => movement(ctx, { hospitalId, itemId, batchId: t.batchId, kind: 'dispense', quantity: -t.quantity, prescriptionId, dispensingId, byName, at })),
  );

  // Every row the dispensing changes, all locked already (the prescription, the medicine, the batches taken from, the
  // dispensing inserted above), in one multi-table UPDATE: each row is updated once however often the join repeats it.
  const dispensed = before.dispensed + input.quantity;
  const status: PrescriptionStatus = dispensed >= before.quantity ? 'dispensed' : 'partially_dispensed';
  const updated: { affectedRows: number } = await ctx.em.query(
    `UPDATE prescriptions r
       JOIN medicine_items m ON m.id = ?
       JOIN dispensings d ON d.id = ?
       JOIN stock_batches b ON b.id IN (${plan.map(() => '?').join(',')})
        SET r.dispensed_quantity = ?, r.status = ?, r.version = r.version + 1,
            m.on_hand = m.on_hand - ?,
            d.charge_id = ?,
            b.quantity = b.quantity - CASE b.id ${plan.map(() => 'WHEN ? THEN ?').join(' ')} END
      WHERE r.id = ?`,
    [itemId, dispensingId, ...plan.map((t) => t.batchId), dispensed, status, input.quantity, chargeId, ...plan.flatMap((t) => [t.batchId, t.quantity]), prescriptionId],
  );
  if (Number(updated.affectedRows) !== 3 + plan.length) throw new Error(`dispense: ${updated.affectedRows} rows changed, ${3 + plan.length} expected`);

  const byId = new Map(shelf.map((b) => [b.id, b]));
  const batches = plan.map((t) => {
    const b = byId.get(t.batchId)!;
    return { batchId: b.id, batchNumber: b.batchNumber, expiryDate: b.expiryDate, quantity: t.quantity };
  });
  const amount = formatMoney(unitPrice * input.quantity, p.currency);
  const onHand = Number(item.on_hand);
  ctx.audit({ action: 'pharmacy.dispense', entity: 'dispensing', entityId: dispensingId, hospitalId, changes: { prescriptionId, medicine: label, quantity: input.quantity, batches, chargeId } });
  ctx.audit({ action: 'pharmacy.dispense', entity: 'prescription', entityId: prescriptionId, hospitalId, changes: { dispensedQuantity: [before.dispensed, dispensed], status: [p.status, status] } });
  ctx.audit({ action: 'pharmacy.dispense', entity: 'medicine_item', entityId: itemId, hospitalId, changes: { onHand: [onHand, onHand - input.quantity] } });
  for (const b of batches) {
    const had = byId.get(b.batchId)!.quantity;
    ctx.audit({ action: 'pharmacy.dispense', entity: 'stock_batch', entityId: b.batchId, hospitalId, changes: { quantity: [had, had - b.quantity] } });
  }
  ctx.audit({ action: 'pharmacy.dispense', entity: 'charge', entityId: chargeId, hospitalId, changes: { patientId, description: label, quantity: input.quantity, amount } });

  // The prescription as `prescriptions.get` answers it now, made of what was locked and written above.
  const prescription: Prescription = {
    id: prescriptionId,
    hospitalId: Number(p.hospital_id),
    patientId,
    patientName: fullName(p.patient_first, p.patient_middle, p.patient_last),
    patientNumber: p.patient_number,
    encounterId: Number(p.encounter_id),
    itemId: Number(p.item_id),
    medicine: p.medicine,
    activeIngredient: item.active_ingredient,
    dose: Number(p.dose),
    doseUnit: p.dose_unit,
    route: p.route,
    frequency: p.frequency,
    durationDays: p.duration_days === null ? null : Number(p.duration_days),
    quantity: before.quantity,
    instructions: p.instructions,
    allergyOverrideReason: p.allergy_override_reason,
    status,
    dispensedQuantity: dispensed,
    prescribedAt: p.prescribed_at.toISOString(),
    prescriberName: p.prescriber_name,
    cancelReason: p.cancel_reason,
    dispensings: [...earlier.rows, { id: dispensingId, quantity: input.quantity, dispensedAt: at.toISOString(), dispensedByName: byName }],
  };
  return { id: dispensingId, prescriptionId, itemId, quantity: input.quantity, batches, chargeId, dispensedAt: at.toISOString(), prescription };
}
