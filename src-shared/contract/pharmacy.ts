// Pharmacy: medicine items per hospital, stock received in batches with expiry dates, adjustments with a reason,
// dispensing against a prescription (first expiry first out, never below zero), low stock and expiring batches.
import { z } from 'zod';
import { channel, Cursor, Id, IsoDate, Limit, OptionalText, RequiredText, returns, Text, type Page } from './channel';
import type { Prescription } from './clinical';
import { ADJUSTMENT_REASONS, MEDICINE_FORMS, type AdjustmentReason, type MedicineForm } from '../domain/clinical';

/** Who keeps stock and dispenses. */
export const PHARMACY = ['pharmacist'] as const;
/** Who keeps the medicine list (names, prices, reorder levels). */
export const PHARMACY_ADMINS = ['pharmacist', 'admin'] as const;
/** Who reads the medicine list and stock (prescribers pick from it). */
export const PHARMACY_READERS = ['pharmacist', 'doctor', 'nurse', 'admin', 'manager'] as const;

export interface MedicineItem {
  id: number;
  hospitalId: number;
  name: string;
  strength: string | null;
  form: MedicineForm;
  activeIngredient: string | null;
  /** "Amoxicillin 500 mg capsule". */
  label: string;
  unitPrice: number;
  taxRateBp: number;
  currency: string;
  reorderLevel: number;
  active: boolean;
  /** Units in batches that have not expired. */
  onHand: number;
  /** Units in expired batches still on the shelf (never dispensed). */
  expiredOnHand: number;
  low: boolean;
  nextExpiry: string | null;
  version: number;
}

export interface StockBatch {
  id: number;
  itemId: number;
  itemLabel: string;
  hospitalId: number;
  batchNumber: string;
  expiryDate: string;
  supplier: string | null;
  receivedQuantity: number;
  quantity: number;
  receivedAt: string;
  expired: boolean;
}

export const STOCK_MOVEMENT_KINDS = ['receipt', 'adjustment', 'dispense'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];

export interface StockMovement {
  id: number;
  kind: StockMovementKind;
  batchId: number;
  batchNumber: string;
  /** Signed: receipts positive, dispensing negative. */
  quantity: number;
  reason: AdjustmentReason | null;
  note: string | null;
  prescriptionId: number | null;
  byName: string;
  at: string;
}

export interface Dispensing {
  id: number;
  prescriptionId: number;
  itemId: number;
  quantity: number;
  batches: { batchId: number; batchNumber: string; expiryDate: string; quantity: number }[];
  chargeId: number | null;
  dispensedAt: string;
  prescription: Prescription;
}

const Quantity = z.number({ error: 'Expected a whole number.' }).int({ error: 'Whole units only.' }).min(1, { error: 'At least 1.' }).max(1_000_000);
const Money = z.number({ error: 'Expected an amount in minor units.' }).int({ error: 'Whole minor units only.' }).min(0).max(100_000_000_000);

const ItemFields = z.object({
  name: RequiredText(120),
  strength: OptionalText(40),
  form: z.enum(MEDICINE_FORMS),
  activeIngredient: OptionalText(120),
  unitPrice: Money,
  taxRateBp: z.number().int().min(0).max(10_000).optional(),
  reorderLevel: z.number().int().min(0).max(1_000_000).default(0),
});

/** Record kinds of this area. */
export const pharmacyKinds = ['medicine_item', 'stock_batch', 'dispensing'] as const;

export const pharmacy = {
  'pharmacy.createItem': channel({ input: ItemFields.extend({ hospitalId: Id }), output: returns<MedicineItem>(), access: PHARMACY_ADMINS, kind: 'write', changes: ['medicine_item'] }),
  'pharmacy.updateItem': channel({
    input: ItemFields.partial().extend({ id: Id, version: z.number().int().min(1), active: z.boolean().optional() }),
    output: returns<MedicineItem>(),
    access: PHARMACY_ADMINS,
    kind: 'write',
    changes: ['medicine_item'],
  }),
  /** A hospital's medicines by name; `lowOnly` lists those at or below their reorder level. */
  'pharmacy.items': channel({
    input: z.object({ hospitalId: Id, query: Text(100).default(''), lowOnly: z.boolean().default(false), includeInactive: z.boolean().default(false), cursor: Cursor, limit: Limit }),
    output: returns<Page<MedicineItem>>(),
    access: PHARMACY_READERS,
    kind: 'read',
    shows: ['medicine_item', 'stock_batch', 'dispensing'],
  }),
  /** One medicine: its batches on the shelf and its latest stock movements. */
  'pharmacy.item': channel({
    input: z.object({ id: Id }),
    output: returns<{ item: MedicineItem; batches: StockBatch[]; movements: StockMovement[] }>(),
    access: PHARMACY_READERS,
    kind: 'read',
    shows: ['medicine_item', 'stock_batch', 'dispensing'],
  }),
  /** A delivery: one batch with its expiry date and supplier. */
  'pharmacy.receive': channel({
    input: z.object({ itemId: Id, batchNumber: RequiredText(40), expiryDate: IsoDate, quantity: Quantity, supplier: OptionalText(120) }),
    output: returns<StockBatch>(),
    access: PHARMACY,
    kind: 'write',
    changes: ['stock_batch', 'medicine_item'],
  }),
  /** Takes units off (negative) or adds them (count correction) to a batch, with a reason; never below zero. */
  'pharmacy.adjust': channel({
    input: z
      .object({ batchId: Id, quantity: z.number().int({ error: 'Whole units only.' }).min(-1_000_000).max(1_000_000), reason: z.enum(ADJUSTMENT_REASONS), note: OptionalText(300) })
      .refine((a) => a.quantity !== 0, { path: ['quantity'], error: 'Must not be zero.' })
      .refine((a) => a.quantity < 0 || a.reason === 'count_correction' || a.reason === 'returned', { path: ['reason'], error: 'Only a count correction adds units.' }),
    output: returns<StockBatch>(),
    access: PHARMACY,
    kind: 'write',
    changes: ['stock_batch', 'medicine_item'],
  }),
  /**
   * Dispenses against a prescription: first expiry first out, expired batches never; all of it or a part.
   * `idempotencyKey`: a UUID the desk makes for one submit and sends again with a retry of it. The same key again
   * answers with the dispensing already made and takes nothing more; the same key with other details is CONFLICT.
   */
  'pharmacy.dispense': channel({
    input: z.object({ prescriptionId: Id, quantity: Quantity, idempotencyKey: z.uuid({ error: 'Expected a UUID.' }).transform((k) => k.toLowerCase()).optional() }),
    output: returns<Dispensing>(),
    access: PHARMACY,
    kind: 'write',
    changes: ['dispensing', 'stock_batch', 'medicine_item', 'prescription', 'charge'],
  }),
  /** A hospital's stock at a glance: medicines at or below their reorder level and batches expiring within 90 days (or expired, still on the shelf). */
  'pharmacy.stock': channel({
    input: z.object({ hospitalId: Id }),
    output: returns<{ today: string; lowStock: MedicineItem[]; expiring: StockBatch[] }>(),
    access: PHARMACY_READERS,
    kind: 'read',
    shows: ['medicine_item', 'stock_batch', 'dispensing'],
  }),
} as const;
