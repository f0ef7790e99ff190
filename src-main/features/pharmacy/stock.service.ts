// Stock on the shelf: deliveries received as batches, adjustments with a reason (never below zero), and a hospital's
// stock at a glance (low stock, batches expiring soon or expired). Every change of an item's stock is made holding
// the item's row lock, so receipts, adjustments and dispensing of one medicine take turns.
import { conflict, invalid, notFound, takenKey } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import type { MedicineItem, StockBatch } from '@shared/contract/pharmacy';
import { ADJUSTMENT_REASON_LABELS, EXPIRY_WARNING_DAYS } from '@shared/domain/clinical';
import { addDays } from '@shared/domain/dates';
import { readableDate } from '@shared/domain/format';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { lockRow } from '../../db/locks';
import { insertRows } from '../../db/writer';
import { MedicineItemEntity, StockBatchEntity, StockMovementEntity } from './medicine.entity';
import { lowStockItems } from './items.service';
import { medicineLabel, unitsOf } from './rules';
import { actorName, BATCH_SELECT, batchFromEntity, hospitalFacts, toBatch, type BatchRow } from './stock-levels';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

/** A movement row of this call: who and when filled in. */
export function movement(ctx: CallContext, m: Pick<StockMovementEntity, 'hospitalId' | 'itemId' | 'batchId' | 'kind' | 'quantity'> & Partial<StockMovementEntity>): StockMovementEntity {
  return Object.assign(new StockMovementEntity(), {
    reason: null,
    note: null,
    prescriptionId: null,
    dispensingId: null,
    byUser: ctx.user.userId,
    byName: actorName(ctx),
    at: ctx.now(),
    ...m,
  });
}

export async function receive(ctx: CallContext, input: In<'pharmacy.receive'>): Promise<StockBatch> {
  const item = await requireHospitalOf(ctx, MedicineItemEntity, input.itemId, 'The medicine', { lock: true });
  const label = medicineLabel(item);
  if (!item.active) throw conflict(`${label} is no longer in use; make it active again before receiving stock.`);
  const h = await hospitalFacts(ctx, item.hospitalId);
  if (input.expiryDate <= h.today) throw invalid({ expiryDate: `Expired stock is not received: the expiry date must be after today (${readableDate(h.today)}).` });
  const [had]: { id: number }[] = await ctx.em.query('SELECT id FROM stock_batches WHERE item_id = ? AND batch_number = ? LIMIT 1', [item.id, input.batchNumber]);
  if (had) throw takenKey('uq_stock_batches_number', `Batch ${input.batchNumber} of ${label} was already received.`);
  const batch = Object.assign(new StockBatchEntity(), {
    itemId: item.id,
    hospitalId: item.hospitalId,
    batchNumber: input.batchNumber,
    expiryDate: input.expiryDate,
    supplier: input.supplier ?? null,
    receivedQuantity: input.quantity,
    quantity: input.quantity,
    receivedAt: ctx.now(),
    receivedBy: ctx.user.userId,
  });
  batch.id = await insertRows(ctx.em, StockBatchEntity, [batch]);
  await insertRows(ctx.em, StockMovementEntity, [movement(ctx, { hospitalId: item.hospitalId, itemId: item.id, batchId: batch.id, kind: 'receipt', quantity: input.quantity })]);
  await ctx.em.query('UPDATE medicine_items SET on_hand = on_hand + ? WHERE id = ?', [input.quantity, item.id]);
  ctx.audit({ action: 'pharmacy.receive', entity: 'stock_batch', entityId: batch.id, hospitalId: item.hospitalId, changes: { medicine: label, ...input } });
  ctx.audit({ action: 'pharmacy.receive', entity: 'medicine_item', entityId: item.id, hospitalId: item.hospitalId, changes: { onHand: [Number(item.onHand), Number(item.onHand) + input.quantity] } });
  return batchFromEntity(batch, item, h.today);
}

export async function adjust(ctx: CallContext, input: In<'pharmacy.adjust'>): Promise<StockBatch> {
  const seen = await requireHospitalOf(ctx, StockBatchEntity, input.batchId, 'The batch');
  // The item first (the lock every change of its stock takes), then the batch as it is now.
  const item = await lockRow(ctx.em, MedicineItemEntity, seen.itemId);
  const batch = await lockRow(ctx.em, StockBatchEntity, seen.id);
  if (!item || !batch) throw notFound('The batch');
  const label = medicineLabel(item);
  const after = batch.quantity + input.quantity;
  if (after < 0) {
    throw conflict(`Batch ${batch.batchNumber} of ${label} holds only ${unitsOf(item.form, batch.quantity)}: ${unitsOf(item.form, -input.quantity)} cannot be taken off.`, { quantity: batch.quantity });
  }
  const h = await hospitalFacts(ctx, item.hospitalId);
  await ctx.em.query('UPDATE stock_batches SET quantity = ? WHERE id = ?', [after, batch.id]);
  await ctx.em.query('UPDATE medicine_items SET on_hand = on_hand + ? WHERE id = ?', [input.quantity, item.id]);
  await insertRows(ctx.em, StockMovementEntity, [
    movement(ctx, { hospitalId: item.hospitalId, itemId: item.id, batchId: batch.id, kind: 'adjustment', quantity: input.quantity, reason: input.reason, note: input.note ?? null }),
  ]);
  const changes = { quantity: [batch.quantity, after], adjustment: input.quantity, reason: ADJUSTMENT_REASON_LABELS[input.reason], note: input.note ?? null };
  ctx.audit({ action: 'pharmacy.adjust', entity: 'stock_batch', entityId: batch.id, hospitalId: item.hospitalId, changes: { medicine: label, batchNumber: batch.batchNumber, ...changes } });
  ctx.audit({ action: 'pharmacy.adjust', entity: 'medicine_item', entityId: item.id, hospitalId: item.hospitalId, changes: { onHand: [Number(item.onHand), Number(item.onHand) + input.quantity] } });
  batch.quantity = after;
  return batchFromEntity(batch, item, h.today);
}

/** Low stock, and batches holding units that expire within EXPIRY_WARNING_DAYS or have expired, soonest first. */
export async function stockReport(ctx: CallContext, hospitalId: number): Promise<{ today: string; lowStock: MedicineItem[]; expiring: StockBatch[] }> {
  ctx.requireHospital(hospitalId);
  const h = await hospitalFacts(ctx, hospitalId);
  const lowStock = await lowStockItems(ctx, h);
  const rows: BatchRow[] = await ctx.em.query(`${BATCH_SELECT} WHERE b.hospital_id = ? AND b.expiry_date <= ? AND b.quantity > 0 ORDER BY b.expiry_date, b.id`, [
    h.id,
    addDays(h.today, EXPIRY_WARNING_DAYS),
  ]);
  return { today: h.today, lowStock, expiring: rows.map((r) => toBatch(r, h.today)) };
}
