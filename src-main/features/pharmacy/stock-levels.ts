// What the pharmacy's answers are made of: a hospital's local day and currency, the stock of items as of that day
// (units in batches not yet expired, units expired on the shelf, the next expiry), and items and batches as answered.
import type { MedicineItem, StockBatch } from '@shared/contract/pharmacy';
import type { MedicineForm } from '@shared/domain/clinical';
import { localDate } from '@shared/domain/dates';
import { notFound } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import type { MedicineItemEntity, StockBatchEntity } from './medicine.entity';
import { medicineLabel } from './rules';

export interface HospitalFacts {
  id: number;
  timeZone: string;
  currency: string;
  defaultTaxRateBp: number;
  /** The hospital's local day now: a batch expiring on it is expired. */
  today: string;
}

export async function hospitalFacts(ctx: CallContext, hospitalId: number): Promise<HospitalFacts> {
  const [h]: { time_zone: string; currency: string; default_tax_rate_bp: number }[] = await ctx.em.query(
    'SELECT time_zone, currency, default_tax_rate_bp FROM hospitals WHERE id = ?',
    [hospitalId],
  );
  if (!h) throw notFound('The hospital');
  return { id: hospitalId, timeZone: h.time_zone, currency: h.currency, defaultTaxRateBp: Number(h.default_tax_rate_bp), today: localDate(ctx.now(), h.time_zone) };
}

/** An item's own fields, from an entity or a row. */
export interface ItemFields {
  id: number;
  hospitalId: number;
  name: string;
  strength: string;
  form: MedicineForm;
  activeIngredient: string | null;
  unitPrice: number;
  taxRateBp: number;
  reorderLevel: number;
  active: boolean;
  version: number;
}

export interface ItemStock {
  /** Units in batches that have not expired. */
  fresh: number;
  /** Units in expired batches still on the shelf. */
  expired: number;
  nextExpiry: string | null;
}

const NO_STOCK: ItemStock = { fresh: 0, expired: 0, nextExpiry: null };

/** The stock of these items on `today`, in one query over their batches holding units. */
export async function stockOf(ctx: CallContext, itemIds: readonly number[], today: string): Promise<Map<number, ItemStock>> {
  const out = new Map<number, ItemStock>();
  if (itemIds.length === 0) return out;
  const rows: { item_id: number; fresh: string | number | null; expired: string | number | null; next_expiry: string | null }[] = await ctx.em.query(
    `SELECT item_id,
            SUM(CASE WHEN expiry_date > ? THEN quantity ELSE 0 END) AS fresh,
            SUM(CASE WHEN expiry_date <= ? THEN quantity ELSE 0 END) AS expired,
            MIN(CASE WHEN expiry_date > ? THEN expiry_date END) AS next_expiry
       FROM stock_batches WHERE item_id IN (${itemIds.map(() => '?').join(',')}) AND quantity > 0 GROUP BY item_id`,
    [today, today, today, ...itemIds],
  );
  for (const r of rows) out.set(Number(r.item_id), { fresh: Number(r.fresh ?? 0), expired: Number(r.expired ?? 0), nextExpiry: r.next_expiry ? String(r.next_expiry).slice(0, 10) : null });
  return out;
}

export const entityFields = (e: MedicineItemEntity): ItemFields => ({
  id: Number(e.id),
  hospitalId: Number(e.hospitalId),
  name: e.name,
  strength: e.strength,
  form: e.form,
  activeIngredient: e.activeIngredient,
  unitPrice: Number(e.unitPrice),
  taxRateBp: Number(e.taxRateBp),
  reorderLevel: Number(e.reorderLevel),
  active: !!e.active,
  version: Number(e.version),
});

export function toItem(i: ItemFields, stock: ItemStock | undefined, currency: string): MedicineItem {
  const s = stock ?? NO_STOCK;
  return {
    id: i.id,
    hospitalId: i.hospitalId,
    name: i.name,
    strength: i.strength || null,
    form: i.form,
    activeIngredient: i.activeIngredient,
    label: medicineLabel(i),
    unitPrice: i.unitPrice,
    taxRateBp: i.taxRateBp,
    currency,
    reorderLevel: i.reorderLevel,
    active: i.active,
    onHand: s.fresh,
    expiredOnHand: s.expired,
    low: s.fresh <= i.reorderLevel,
    nextExpiry: s.nextExpiry,
    version: i.version,
  };
}

/** Items as answered, with their stock on the hospital's day, in the order given. */
export async function itemsAnswered(ctx: CallContext, items: ItemFields[], h: HospitalFacts): Promise<MedicineItem[]> {
  const stock = await stockOf(
    ctx,
    items.map((i) => i.id),
    h.today,
  );
  return items.map((i) => toItem(i, stock.get(i.id), h.currency));
}

/** A row of ITEM_SELECT. */
export interface ItemRow {
  id: number;
  hospital_id: number;
  name: string;
  strength: string;
  form: MedicineForm;
  active_ingredient: string | null;
  unit_price: number | string;
  tax_rate_bp: number;
  reorder_level: number;
  active: number;
  version: number;
}

export const ITEM_COLUMNS = 'm.id, m.hospital_id, m.name, m.strength, m.form, m.active_ingredient, m.unit_price, m.tax_rate_bp, m.reorder_level, m.active, m.version';

export const rowFields = (r: ItemRow): ItemFields => ({
  id: Number(r.id),
  hospitalId: Number(r.hospital_id),
  name: r.name,
  strength: r.strength,
  form: r.form,
  activeIngredient: r.active_ingredient,
  unitPrice: Number(r.unit_price),
  taxRateBp: Number(r.tax_rate_bp),
  reorderLevel: Number(r.reorder_level),
  active: !!Number(r.active),
  version: Number(r.version),
});

/** Units in an item's batches that have not expired on `today` (SQL condition on `m`, one `?` for the day). */
export const FRESH_UNITS_SQL = '(SELECT COALESCE(SUM(b.quantity), 0) FROM stock_batches b WHERE b.item_id = m.id AND b.expiry_date > ?)';

/** A row of BATCH_SELECT. */
export interface BatchRow {
  id: number;
  item_id: number;
  hospital_id: number;
  batch_number: string;
  expiry_date: string;
  supplier: string | null;
  received_quantity: number;
  quantity: number;
  received_at: Date;
  name: string;
  strength: string;
  form: MedicineForm;
}

export const BATCH_SELECT = `SELECT b.id, b.item_id, b.hospital_id, b.batch_number, b.expiry_date, b.supplier, b.received_quantity, b.quantity, b.received_at,
       m.name, m.strength, m.form FROM stock_batches b JOIN medicine_items m ON m.id = b.item_id`;

export const toBatch = (r: BatchRow, today: string): StockBatch => {
  const expiryDate = String(r.expiry_date).slice(0, 10);
  return {
    id: Number(r.id),
    itemId: Number(r.item_id),
    itemLabel: medicineLabel(r),
    hospitalId: Number(r.hospital_id),
    batchNumber: r.batch_number,
    expiryDate,
    supplier: r.supplier,
    receivedQuantity: Number(r.received_quantity),
    quantity: Number(r.quantity),
    receivedAt: new Date(r.received_at).toISOString(),
    expired: expiryDate <= today,
  };
};

export const batchFromEntity = (b: StockBatchEntity, item: Pick<ItemFields, 'name' | 'strength' | 'form'>, today: string): StockBatch =>
  toBatch(
    {
      id: b.id,
      item_id: b.itemId,
      hospital_id: b.hospitalId,
      batch_number: b.batchNumber,
      expiry_date: b.expiryDate,
      supplier: b.supplier,
      received_quantity: b.receivedQuantity,
      quantity: b.quantity,
      received_at: b.receivedAt,
      name: item.name,
      strength: item.strength,
      form: item.form,
    },
    today,
  );

/** Who did it, as stock movements and dispensings record it. */
export const actorName = (ctx: CallContext): string => ctx.user.fullName || ctx.user.username;
