// Dispensing against a prescription: all of what is left to hand out or a part, first expiry first out across the
// batches that have not expired, never below zero, one stock movement per batch taken and one charge per dispensing.
// The prescription is locked first, then its medicine (the lock every change of that medicine's stock takes).
import { AppError, conflict, invalid, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { Dispensing } from '@shared/contract/pharmacy';
import { planDispense, type PrescriptionStatus } from '@shared/domain/clinical';
import { formatMoney } from '@shared/domain/money';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { lockRow } from '../../db/locks';
import { insertRows } from '../../db/writer';
import { chargeFor } from '../billing';
import { getPrescription, PrescriptionEntity } from '../clinical';
import { DispensingEntity } from './dispensing.entity';
import { MedicineItemEntity, StockMovementEntity } from './medicine.entity';
import { medicineLabel, medicineName, unitsOf } from './rules';
import { actorName, hospitalFacts } from './stock-levels';
import { movement } from './stock.service';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

interface ShelfBatch {
  id: number;
  batchNumber: string;
  expiryDate: string;
  quantity: number;
}

export async function dispense(ctx: CallContext, input: In<'pharmacy.dispense'>): Promise<Dispensing> {
  const p = await requireHospitalOf(ctx, PrescriptionEntity, input.prescriptionId, 'The prescription', {
    lock: true,
    only: ['patientId', 'itemId', 'medicine', 'quantity', 'status', 'dispensedQuantity'],
  });
  if (p.status === 'cancelled') throw conflict(`The prescription of ${p.medicine} was cancelled; it cannot be dispensed.`);
  if (p.status === 'dispensed') throw conflict(`The prescription of ${p.medicine} was already dispensed in full.`);
  const remaining = p.quantity - p.dispensedQuantity;
  // Read before the medicine is locked: the lock is held as briefly as can be.
  const h = await hospitalFacts(ctx, p.hospitalId);
  const item = await lockRow(ctx.em, MedicineItemEntity, p.itemId);
  if (!item) throw notFound('The medicine');
  if (input.quantity > remaining) {
    throw invalid(
      { quantity: `Only ${unitsOf(item.form, remaining)} ${remaining === 1 ? 'is' : 'are'} left to dispense on this prescription (${p.quantity} prescribed, ${p.dispensedQuantity} dispensed).` },
      `Only ${unitsOf(item.form, remaining)} left to dispense.`,
    );
  }

  // Under the item's lock no other desk changes its batches: read them as they are now (a locking read).
  const rows: { id: number | string; batch_number: string; expiry_date: string; quantity: number }[] = await ctx.em.query(
    'SELECT id, batch_number, expiry_date, quantity FROM stock_batches WHERE item_id = ? AND quantity > 0 ORDER BY expiry_date, id FOR UPDATE',
    [item.id],
  );
  const shelf: ShelfBatch[] = rows.map((r) => ({ id: Number(r.id), batchNumber: r.batch_number, expiryDate: String(r.expiry_date).slice(0, 10), quantity: Number(r.quantity) }));
  const plan = planDispense(shelf, input.quantity, h.today);
  if (!plan) {
    const onHand = shelf.filter((b) => b.expiryDate > h.today).reduce((n, b) => n + b.quantity, 0);
    const expiredOnHand = shelf.filter((b) => b.expiryDate <= h.today).reduce((n, b) => n + b.quantity, 0);
    const name = medicineName(item);
    const left = onHand === 0 ? `Out of stock: ${unitsOf(item.form, 0)} of ${name} left` : `Only ${unitsOf(item.form, onHand)} of ${name} in stock`;
    const expired = expiredOnHand ? `; ${unitsOf(item.form, expiredOnHand)} on the shelf have expired and are not dispensed` : '';
    throw new AppError('CONFLICT', `${left}${expired}.`, undefined, { onHand, expiredOnHand });
  }

  const at = ctx.now();
  const label = medicineLabel(item);
  const byName = actorName(ctx);
  const dispensing = Object.assign(new DispensingEntity(), {
    prescriptionId: p.id,
    hospitalId: item.hospitalId,
    patientId: Number(p.patientId),
    itemId: item.id,
    quantity: input.quantity,
    dispensedBy: ctx.user.userId,
    dispensedByName: byName,
    dispensedAt: at,
    chargeId: null,
  });
  dispensing.id = await insertRows(ctx.em, DispensingEntity, [dispensing]);
  const unitPrice = Number(item.unitPrice);
  const chargeId = await chargeFor(ctx, {
    hospitalId: item.hospitalId,
    patientId: dispensing.patientId,
    category: 'medicine',
    description: label,
    quantity: input.quantity,
    unitPrice,
    currency: h.currency,
    taxRateBp: item.taxRateBp,
    serviceDate: h.today,
    sourceType: 'dispensing',
    sourceId: dispensing.id,
  });
  await ctx.em.query('UPDATE dispensings SET charge_id = ? WHERE id = ?', [chargeId, dispensing.id]);

  const byId = new Map(shelf.map((b) => [b.id, b]));
  await ctx.em.query(`UPDATE stock_batches SET quantity = CASE id ${plan.map(() => 'WHEN ? THEN quantity - ?').join(' ')} END WHERE id IN (${plan.map(() => '?').join(',')})`, [
    ...plan.flatMap((t) => [t.batchId, t.quantity]),
    ...plan.map((t) => t.batchId),
  ]);
  await insertRows(
    ctx.em,
    StockMovementEntity,
    plan.map((t) =>
      movement(ctx, { hospitalId: item.hospitalId, itemId: item.id, batchId: t.batchId, kind: 'dispense', quantity: -t.quantity, prescriptionId: p.id, dispensingId: dispensing.id, byName, at }),
    ),
  );
  await ctx.em.query('UPDATE medicine_items SET on_hand = on_hand - ? WHERE id = ?', [input.quantity, item.id]);
  const dispensed = p.dispensedQuantity + input.quantity;
  const status: PrescriptionStatus = dispensed >= p.quantity ? 'dispensed' : 'partially_dispensed';
  await ctx.em.query('UPDATE prescriptions SET dispensed_quantity = ?, status = ?, version = version + 1 WHERE id = ?', [dispensed, status, p.id]);

  const batches = plan.map((t) => {
    const b = byId.get(t.batchId)!;
    return { batchId: b.id, batchNumber: b.batchNumber, expiryDate: b.expiryDate, quantity: t.quantity };
  });
  const amount = formatMoney(unitPrice * input.quantity, h.currency);
  const hospitalId = item.hospitalId;
  ctx.audit({ action: 'pharmacy.dispense', entity: 'dispensing', entityId: dispensing.id, hospitalId, changes: { prescriptionId: p.id, medicine: label, quantity: input.quantity, batches, chargeId } });
  ctx.audit({ action: 'pharmacy.dispense', entity: 'prescription', entityId: p.id, hospitalId, changes: { dispensedQuantity: [p.dispensedQuantity, dispensed], status: [p.status, status] } });
  ctx.audit({ action: 'pharmacy.dispense', entity: 'medicine_item', entityId: item.id, hospitalId, changes: { onHand: [Number(item.onHand), Number(item.onHand) - input.quantity] } });
  for (const b of batches) {
    const before = byId.get(b.batchId)!.quantity;
    ctx.audit({ action: 'pharmacy.dispense', entity: 'stock_batch', entityId: b.batchId, hospitalId, changes: { quantity: [before, before - b.quantity] } });
  }
  ctx.audit({ action: 'pharmacy.dispense', entity: 'charge', entityId: chargeId, hospitalId, changes: { patientId: dispensing.patientId, description: label, quantity: input.quantity, amount } });

  return {
    id: dispensing.id,
    prescriptionId: p.id,
    itemId: item.id,
    quantity: input.quantity,
    batches,
    chargeId,
    dispensedAt: at.toISOString(),
    prescription: await getPrescription(ctx, p.id),
  };
}
