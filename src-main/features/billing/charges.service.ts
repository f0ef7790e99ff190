// The charge catalog, a patient's charges (consultations of completed appointments, room-days, items added by hand),
// and the billing settings of a hospital.
import { conflict, invalid, notFound, takenKey } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { Page, ParsedInputOf } from '@shared/contract/channel';
import type { BillingSettings, CatalogItem, Charge } from '@shared/contract/billing';
import type { ChargeCategory } from '@shared/domain/billing';
import { localDate } from '@shared/domain/dates';
import { formatMoney } from '@shared/domain/money';
import type { CallContext } from '../../platform/context';
import { hospitalCondition, requireHospitalOf } from '../../platform/scope';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { upsert } from '../../db/upsert';
import { insertRows } from '../../db/writer';
import { requireHospitalEntity } from '../hospitals';
import { BillingSettingsEntity, CatalogItemEntity } from './billing.entity';
import { ChargeEntity } from './charge.entity';
import { consultationChargeDescription } from './rules';

type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

const toItem = (i: CatalogItemEntity, currency: string): CatalogItem => ({
  id: i.id,
  hospitalId: i.hospitalId,
  code: i.code,
  description: i.description,
  category: i.category,
  price: Number(i.price),
  taxRateBp: i.taxRateBp,
  currency,
  active: !!i.active,
});

export async function createCatalogItem(ctx: CallContext, input: In<'catalog.create'>): Promise<CatalogItem> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  if (await ctx.em.exists(CatalogItemEntity, { where: { hospitalId: h.id, code: input.code } })) throw takenKey('uq_catalog_items_code');
  const saved = await ctx.em.save(
    ctx.em.create(CatalogItemEntity, { hospitalId: h.id, code: input.code, description: input.description, category: input.category, price: input.price, taxRateBp: input.taxRateBp ?? h.defaultTaxRateBp, active: true }),
  );
  ctx.audit({ action: 'catalog.create', entity: 'catalog_item', entityId: saved.id, hospitalId: h.id, changes: { ...input } });
  return toItem(saved, h.currency);
}

export async function updateCatalogItem(ctx: CallContext, input: In<'catalog.update'>): Promise<CatalogItem> {
  const item = await requireHospitalOf(ctx, CatalogItemEntity, input.id, 'The catalog item', { lock: true });
  const h = await requireHospitalEntity(ctx, item.hospitalId);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of ['description', 'price', 'taxRateBp', 'active'] as const) {
    const v = input[key];
    if (v !== undefined && v !== (key === 'price' ? Number(item.price) : item[key])) {
      changes[key] = [item[key], v];
      (item as unknown as Record<string, unknown>)[key] = v;
    }
  }
  if (Object.keys(changes).length) {
    await ctx.em.save(item);
    ctx.audit({ action: 'catalog.update', entity: 'catalog_item', entityId: item.id, hospitalId: item.hospitalId, changes });
  }
  return toItem(item, h.currency);
}

interface CatalogRow {
  id: number;
  hospital_id: number;
  code: string;
  description: string;
  category: ChargeCategory;
  category_rank: number | string;
  price: number | string;
  tax_rate_bp: number;
  active: number;
}

const CATALOG_SELECT = `SELECT c.id, c.hospital_id, c.code, c.description, c.category, c.category + 0 AS category_rank, c.price, c.tax_rate_bp, c.active FROM catalog_items c`;

/**
 * By category in the order the categories are declared, then description. The category is an ENUM: it sorts by its
 * position but compares with a string as text, so the page marker holds the position (`category + 0`).
 */
const BY_CATEGORY: KeysetColumn<CatalogRow>[] = [
  { column: '(c.category + 0)', direction: 'ASC', kind: 'int', value: (r) => Number(r.category_rank) },
  { column: 'c.description', direction: 'ASC', kind: 'string', value: (r) => r.description },
  { column: 'c.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];

export async function listCatalog(ctx: CallContext, input: In<'catalog.list'>): Promise<Page<CatalogItem>> {
  ctx.requireHospital(input.hospitalId);
  const h = await requireHospitalEntity(ctx, input.hospitalId);
  const where = ['c.hospital_id = ?'];
  const args: unknown[] = [h.id];
  if (!input.includeInactive) where.push('c.active = 1');
  const q = input.query.trim();
  if (q) {
    where.push('(c.code LIKE ? OR c.description LIKE ?)');
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    args.push(like, like);
  }
  const page = await keysetPage(ctx.em, { select: CATALOG_SELECT, where, args }, { order: BY_CATEGORY, cursor: input.cursor, limit: input.limit });
  return {
    items: page.items.map((r) => ({
      id: Number(r.id),
      hospitalId: Number(r.hospital_id),
      code: r.code,
      description: r.description,
      category: r.category,
      price: Number(r.price),
      taxRateBp: Number(r.tax_rate_bp),
      currency: h.currency,
      active: !!r.active,
    })),
    nextCursor: page.nextCursor,
  };
}

interface ChargeRow {
  id: number;
  hospital_id: number;
  patient_id: number;
  category: ChargeCategory;
  description: string;
  quantity: number;
  unit_price: number | string;
  amount: number | string;
  tax_rate_bp: number;
  currency: string;
  service_date: string;
  source_type: string | null;
  source_id: number | null;
  invoice_id: number | null;
}

export const toCharge = (r: ChargeRow): Charge => ({
  id: Number(r.id),
  hospitalId: Number(r.hospital_id),
  patientId: Number(r.patient_id),
  category: r.category,
  description: r.description,
  quantity: Number(r.quantity),
  unitPrice: Number(r.unit_price),
  amount: Number(r.amount),
  taxRateBp: Number(r.tax_rate_bp),
  currency: r.currency,
  serviceDate: r.service_date,
  sourceType: r.source_type,
  sourceId: r.source_id === null ? null : Number(r.source_id),
  invoiceId: r.invoice_id === null ? null : Number(r.invoice_id),
});

const CHARGE_SELECT = `SELECT c.id, c.hospital_id, c.patient_id, c.category, c.description, c.quantity, c.unit_price, c.amount, c.tax_rate_bp, c.currency,
       c.service_date, c.source_type, c.source_id, c.invoice_id FROM charges c`;

/**
 * Every charge of a patient not on an issued invoice (free ones, and with `includeDrafts` those on a draft), locked
 * when asked: the discharge check, which must see (and hold) all of them, not a page.
 */
export async function unbilledCharges(ctx: CallContext, patientId: number, hospitalId?: number, opts: { includeDrafts?: boolean; lock?: boolean } = {}): Promise<Charge[]> {
  const rows: ChargeRow[] = await ctx.em.query(
    `${CHARGE_SELECT} LEFT JOIN invoices i ON i.id = c.invoice_id
      WHERE c.patient_id = ? ${hospitalId ? 'AND c.hospital_id = ?' : ''} AND (c.invoice_id IS NULL ${opts.includeDrafts ? "OR i.status = 'draft'" : ''})
      ORDER BY c.service_date, c.id ${opts.lock ? 'LOCK IN SHARE MODE' : ''}`,
    hospitalId ? [patientId, hospitalId] : [patientId],
  );
  return rows.map(toCharge);
}

/** By the day of the service, then id: the order a cashier reads a patient's bill in. */
const BY_SERVICE_DATE: KeysetColumn<ChargeRow>[] = [
  { column: 'c.service_date', direction: 'ASC', kind: 'date', value: (r) => r.service_date },
  { column: 'c.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];

/** A patient's free charges (on no invoice), in the hospitals the caller may see, a page at a time. */
export async function listUnbilled(ctx: CallContext, input: In<'charges.unbilled'>): Promise<Page<Charge>> {
  const [p]: { id: number }[] = await ctx.em.query('SELECT id FROM patients WHERE id = ?', [input.patientId]);
  if (!p) throw notFound('The patient');
  const where = ['c.patient_id = ?', 'c.invoice_id IS NULL'];
  const args: unknown[] = [input.patientId];
  const inScope = hospitalCondition(ctx, 'c.hospital_id', input.hospitalId);
  if (inScope) {
    where.push(inScope.sql);
    args.push(...inScope.args);
  }
  const page = await keysetPage(ctx.em, { select: CHARGE_SELECT, where, args }, { order: BY_SERVICE_DATE, cursor: input.cursor, limit: input.limit });
  return { items: page.items.map(toCharge), nextCursor: page.nextCursor };
}

/** The charges table's description column. */
const CHARGE_DESCRIPTION_MAX = 200;

export async function addCharge(ctx: CallContext, input: In<'charges.add'>): Promise<Charge> {
  const item = await requireHospitalOf(ctx, CatalogItemEntity, input.catalogItemId, 'The catalog item');
  if (!item.active) throw conflict(`${item.code} ${item.description} is no longer in use.`);
  const [p]: { id: number }[] = await ctx.em.query('SELECT id FROM patients WHERE id = ?', [input.patientId]);
  if (!p) throw notFound('The patient');
  const h = await requireHospitalEntity(ctx, item.hospitalId);
  const today = localDate(ctx.now(), h.timeZone);
  const serviceDate = input.serviceDate ?? today;
  if (serviceDate > today) throw invalid({ serviceDate: 'A charge is for something already done: not a future day.' });
  const price = Number(item.price);
  // The note goes into the charge's description after the item's: together they must fit its 200 characters.
  const description = input.note ? `${item.description} (${input.note})` : item.description;
  if (description.length > CHARGE_DESCRIPTION_MAX) {
    const room = CHARGE_DESCRIPTION_MAX - item.description.length - 3;
    throw invalid({ note: room > 0 ? `With the item's description, at most ${room} characters of note fit.` : `The item's description leaves no room for a note.` });
  }
  const id = await insertRows(ctx.em, ChargeEntity, [
    Object.assign(new ChargeEntity(), {
      hospitalId: h.id,
      patientId: input.patientId,
      category: item.category,
      description,
      quantity: input.quantity,
      unitPrice: price,
      amount: chargeAmount(price, input.quantity),
      currency: h.currency,
      taxRateBp: item.taxRateBp,
      serviceDate,
      sourceType: 'catalog',
      sourceId: item.id,
      invoiceId: null,
      createdBy: ctx.user.userId,
      createdAt: ctx.now(),
    }),
  ]);
  ctx.audit({ action: 'charge.add', entity: 'charge', entityId: id, hospitalId: h.id, changes: { patientId: input.patientId, code: item.code, quantity: input.quantity, amount: formatMoney(price * input.quantity, h.currency) } });
  const [row]: ChargeRow[] = await ctx.em.query(`${CHARGE_SELECT} WHERE c.id = ?`, [id]);
  return toCharge(row);
}

/** The doctor's fee of a completed appointment becomes a consultation charge (consultations carry no tax). */
export async function chargeConsultation(ctx: CallContext, a: { id: number; hospitalId: number; patientId: number; doctorId: number; localDate: string }): Promise<void> {
  const [d]: { fee: number | string; first_name: string; last_name: string; specialization: string; currency: string }[] = await ctx.em.query(
    `SELECT d.consultation_fee AS fee, s.first_name, s.last_name, d.specialization, h.currency
       FROM doctors d JOIN staff s ON s.id = d.staff_id JOIN hospitals h ON h.id = ? WHERE d.staff_id = ?`,
    [a.hospitalId, a.doctorId],
  );
  if (!d || Number(d.fee) === 0) return;
  await chargeFor(ctx, {
    hospitalId: a.hospitalId,
    patientId: a.patientId,
    category: 'consultation',
    description: consultationChargeDescription({ firstName: d.first_name, lastName: d.last_name, specialization: d.specialization }),
    quantity: 1,
    unitPrice: Number(d.fee),
    currency: d.currency,
    taxRateBp: 0,
    serviceDate: a.localDate,
    sourceType: 'appointment',
    sourceId: a.id,
  });
}

/** What another area charges for: a treatment done, a test resulted, medicine dispensed, a stay's room-days. */
export interface ChargeSource {
  hospitalId: number;
  patientId: number;
  category: ChargeCategory;
  description: string;
  quantity: number;
  /** Minor units of `currency`. */
  unitPrice: number;
  currency: string;
  taxRateBp: number;
  /** The hospital's local day the service was given. */
  serviceDate: string;
  /** What the charge comes from ('procedure', 'test_order', 'dispensing', …) and its id: one charge per source. */
  sourceType: string;
  sourceId: number;
}

export interface ChargeOptions {
  /**
   * The source was created in this very transaction (its id is new), so no charge can name it yet: the look-up for
   * one is skipped. Only for a source row the caller has just inserted.
   */
  newSource?: boolean;
}

/**
 * Charges a source once: a second call for the same source returns the charge already made. The caller audits
 * (its channel declares `charge` among its changes). Returns the charge's id.
 */
/**
 * Price × quantity in minor units, exactly: money is a JavaScript number everywhere after the charge (invoices, totals,
 * receipts), so an amount beyond 2^53 − 1 (which a number no longer holds to the unit) is refused (VALIDATION on
 * `quantity`) rather than rounded.
 */
export function chargeAmount(unitPrice: number, quantity: number): number {
  const amount = BigInt(unitPrice) * BigInt(quantity);
  if (amount > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid({ quantity: `${quantity} at ${unitPrice} comes to more than a charge can hold; split it into smaller charges.` });
  return Number(amount);
}

export async function chargeFor(ctx: CallContext, c: ChargeSource, opts: ChargeOptions = {}): Promise<number> {
  if (!opts.newSource) {
    const [had]: { id: number | string }[] = await ctx.em.query('SELECT id FROM charges WHERE source_type = ? AND source_id = ? LIMIT 1', [c.sourceType, c.sourceId]);
    if (had) return Number(had.id);
  }
  return insertRows(ctx.em, ChargeEntity, [
    Object.assign(new ChargeEntity(), {
      ...c,
      amount: chargeAmount(c.unitPrice, c.quantity),
      invoiceId: null,
      createdBy: ctx.user.userId,
      createdAt: ctx.now(),
    }),
  ]);
}

/** Withdraws the charge of a source that is not on an invoice yet; refuses once it is invoiced. */
export async function withdrawCharge(ctx: CallContext, sourceType: string, sourceId: number): Promise<number | null> {
  const [c]: { id: number | string; invoice_id: number | null }[] = await ctx.em.query('SELECT id, invoice_id FROM charges WHERE source_type = ? AND source_id = ? FOR UPDATE', [sourceType, sourceId]);
  if (!c) return null;
  if (c.invoice_id != null) throw conflict('Its charge is already on an invoice; ask billing to credit it instead.');
  await ctx.em.query('DELETE FROM charges WHERE id = ?', [c.id]);
  return Number(c.id);
}

export async function billingSettings(ctx: CallContext, hospitalId: number): Promise<BillingSettings> {
  const s = await ctx.em.findOneBy(BillingSettingsEntity, { hospitalId });
  return {
    hospitalId,
    taxNumber: s?.taxNumber ?? null,
    requireBilledBeforeDischarge: !!s?.requireBilledBeforeDischarge,
    archiveAfterDays: s?.archiveAfterDays ?? 90,
    paper: s?.paper ?? 'A4',
    receiptLayout: s?.receiptLayout ?? 'a4',
  };
}

export async function getBillingSettings(ctx: CallContext, hospitalId: number): Promise<BillingSettings> {
  ctx.requireHospital(hospitalId);
  await requireHospitalEntity(ctx, hospitalId);
  return billingSettings(ctx, hospitalId);
}

export async function setBillingSettings(ctx: CallContext, input: In<'billing.setSettings'>): Promise<BillingSettings> {
  ctx.requireHospital(input.hospitalId);
  await requireHospitalEntity(ctx, input.hospitalId);
  const before = await billingSettings(ctx, input.hospitalId);
  await upsert(
    ctx.em,
    BillingSettingsEntity,
    {
      hospitalId: input.hospitalId,
      taxNumber: input.taxNumber,
      requireBilledBeforeDischarge: input.requireBilledBeforeDischarge,
      archiveAfterDays: input.archiveAfterDays,
      paper: input.paper,
      // Left as it is when not sent (a desk of an earlier version saving its settings).
      receiptLayout: input.receiptLayout ?? before.receiptLayout,
    },
    ['hospitalId'],
  );
  ctx.audit({ action: 'billing.settings', entity: 'billing_settings', entityId: input.hospitalId, hospitalId: input.hospitalId, changes: { before, after: input } });
  return billingSettings(ctx, input.hospitalId);
}
