// A hospital's medicine list: adding and editing medicines, the list by name (search, low stock), one medicine with
// its batches on the shelf and its latest stock movements.
import { conflict, takenKey } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { MedicineItem, StockBatch, StockMovement } from '@shared/contract/pharmacy';
import type { AdjustmentReason } from '@shared/domain/clinical';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { insertRows } from '../../db/writer';
import { MedicineItemEntity } from './medicine.entity';
import { medicineLabel } from './rules';
import { BATCH_SELECT, entityFields, FRESH_UNITS_SQL, hospitalFacts, ITEM_COLUMNS, itemsAnswered, rowFields, toBatch, type BatchRow, type ItemRow } from './stock-levels';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

/** Movements shown with one medicine: the latest ones. */
const LATEST_MOVEMENTS = 50;

async function nameTaken(ctx: CallContext, hospitalId: number, m: { name: string; strength: string; form: string }, exceptId?: number): Promise<boolean> {
  const [hit]: { id: number }[] = await ctx.em.query('SELECT id FROM medicine_items WHERE hospital_id = ? AND name = ? AND strength = ? AND form = ? LIMIT 1', [hospitalId, m.name, m.strength, m.form]);
  return !!hit && Number(hit.id) !== exceptId;
}

const takenName = (m: { name: string; strength: string; form: MedicineItemEntity['form'] }) =>
  takenKey('uq_medicine_items_name', `${medicineLabel(m)} is already on this hospital's medicine list.`);

export async function createItem(ctx: CallContext, input: In<'pharmacy.createItem'>): Promise<MedicineItem> {
  ctx.requireHospital(input.hospitalId);
  const h = await hospitalFacts(ctx, input.hospitalId);
  const fields = { name: input.name, strength: input.strength ?? '', form: input.form };
  if (await nameTaken(ctx, h.id, fields)) throw takenName(fields);
  const row = Object.assign(new MedicineItemEntity(), {
    hospitalId: h.id,
    ...fields,
    activeIngredient: input.activeIngredient ?? null,
    unitPrice: input.unitPrice,
    taxRateBp: input.taxRateBp ?? h.defaultTaxRateBp,
    reorderLevel: input.reorderLevel,
    onHand: 0,
    active: true,
    createdAt: ctx.now(),
    version: 1,
  });
  row.id = await insertRows(ctx.em, MedicineItemEntity, [row]);
  ctx.audit({ action: 'pharmacy.createItem', entity: 'medicine_item', entityId: row.id, hospitalId: h.id, changes: { ...input, label: medicineLabel(row) } });
  const [item] = await itemsAnswered(ctx, [entityFields(row)], h);
  return item;
}

export async function updateItem(ctx: CallContext, input: In<'pharmacy.updateItem'>): Promise<MedicineItem> {
  const item = await requireHospitalOf(ctx, MedicineItemEntity, input.id, 'The medicine', { lock: true });
  const label = medicineLabel(item);
  if (item.version !== input.version) throw conflict(`${label} was changed at another desk since you opened it; reload and apply your change again.`);
  const h = await hospitalFacts(ctx, item.hospitalId);
  const next = {
    name: input.name ?? item.name,
    strength: input.strength === undefined ? item.strength : (input.strength ?? ''),
    form: input.form ?? item.form,
    activeIngredient: input.activeIngredient === undefined ? item.activeIngredient : input.activeIngredient,
    unitPrice: input.unitPrice ?? Number(item.unitPrice),
    taxRateBp: input.taxRateBp ?? item.taxRateBp,
    reorderLevel: input.reorderLevel ?? item.reorderLevel,
    active: input.active ?? !!item.active,
  };
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    const before = key === 'unitPrice' ? Number(item.unitPrice) : key === 'active' ? !!item.active : item[key];
    if (next[key] !== before) changes[key] = [before, next[key]];
  }
  if ((changes.name || changes.strength || changes.form) && (await nameTaken(ctx, item.hospitalId, next, item.id))) throw takenName(next);
  if (Object.keys(changes).length) {
    Object.assign(item, next, { version: item.version + 1 });
    await ctx.em.query(
      `UPDATE medicine_items SET name = ?, strength = ?, form = ?, active_ingredient = ?, unit_price = ?, tax_rate_bp = ?, reorder_level = ?, active = ?, version = ? WHERE id = ?`,
      [next.name, next.strength, next.form, next.activeIngredient, next.unitPrice, next.taxRateBp, next.reorderLevel, next.active ? 1 : 0, item.version, item.id],
    );
    ctx.audit({ action: 'pharmacy.updateItem', entity: 'medicine_item', entityId: item.id, hospitalId: item.hospitalId, changes });
  }
  const [answered] = await itemsAnswered(ctx, [entityFields(item)], h);
  return answered;
}

/** By name, then id (a name in several strengths or forms). */
const BY_NAME: KeysetColumn<ItemRow>[] = [
  { column: 'm.name', direction: 'ASC', kind: 'string', value: (r) => r.name },
  { column: 'm.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];

const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export async function listItems(ctx: CallContext, input: In<'pharmacy.items'>): Promise<Page<MedicineItem>> {
  ctx.requireHospital(input.hospitalId);
  const h = await hospitalFacts(ctx, input.hospitalId);
  const where = ['m.hospital_id = ?'];
  const args: unknown[] = [h.id];
  if (!input.includeInactive) where.push('m.active = 1');
  const q = input.query.trim();
  if (q) {
    where.push('(m.name LIKE ? OR m.active_ingredient LIKE ?)');
    args.push(likeOf(q), likeOf(q));
  }
  if (input.lowOnly) {
    where.push(`${FRESH_UNITS_SQL} <= m.reorder_level`);
    args.push(h.today);
  }
  const page = await keysetPage(ctx.em, { select: `SELECT ${ITEM_COLUMNS} FROM medicine_items m`, where, args }, { order: BY_NAME, cursor: input.cursor, limit: input.limit });
  return { items: await itemsAnswered(ctx, page.items.map(rowFields), h), nextCursor: page.nextCursor };
}

/** Every active medicine of a hospital at or below its reorder level (units not expired), by name. */
export async function lowStockItems(ctx: CallContext, h: Awaited<ReturnType<typeof hospitalFacts>>): Promise<MedicineItem[]> {
  const rows: ItemRow[] = await ctx.em.query(
    `SELECT ${ITEM_COLUMNS} FROM medicine_items m WHERE m.hospital_id = ? AND m.active = 1 AND ${FRESH_UNITS_SQL} <= m.reorder_level ORDER BY m.name, m.id`,
    [h.id, h.today],
  );
  return itemsAnswered(ctx, rows.map(rowFields), h);
}

interface MovementRow {
  id: number;
  kind: StockMovement['kind'];
  batch_id: number;
  batch_number: string;
  quantity: number;
  reason: AdjustmentReason | null;
  note: string | null;
  prescription_id: number | null;
  by_name: string;
  at: Date;
}

export async function getItem(ctx: CallContext, id: number): Promise<{ item: MedicineItem; batches: StockBatch[]; movements: StockMovement[] }> {
  const item = await requireHospitalOf(ctx, MedicineItemEntity, id, 'The medicine');
  const h = await hospitalFacts(ctx, item.hospitalId);
  const [answered] = await itemsAnswered(ctx, [entityFields(item)], h);
  const batches: BatchRow[] = await ctx.em.query(`${BATCH_SELECT} WHERE b.item_id = ? AND b.quantity > 0 ORDER BY b.expiry_date, b.id`, [id]);
  const movements: MovementRow[] = await ctx.em.query(
    `SELECT s.id, s.kind, s.batch_id, b.batch_number, s.quantity, s.reason, s.note, s.prescription_id, s.by_name, s.at
       FROM stock_movements s JOIN stock_batches b ON b.id = s.batch_id WHERE s.item_id = ? ORDER BY s.id DESC LIMIT ?`,
    [id, LATEST_MOVEMENTS],
  );
  return {
    item: answered,
    batches: batches.map((b) => toBatch(b, h.today)),
    movements: movements.map((m) => ({
      id: Number(m.id),
      kind: m.kind,
      batchId: Number(m.batch_id),
      batchNumber: m.batch_number,
      quantity: Number(m.quantity),
      reason: m.reason,
      note: m.note,
      prescriptionId: m.prescription_id === null ? null : Number(m.prescription_id),
      byName: m.by_name,
      at: new Date(m.at).toISOString(),
    })),
  };
}
