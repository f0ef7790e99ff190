// Prescriptions: a stocked medicine of the encounter's hospital, refused while the patient's recorded allergies name
// it and no reason is given; cancelling what is left to dispense; the pharmacy's queue and a hospital's list.
import { AppError, conflict, notFound } from '@shared/errors';
import type { Page } from '@shared/contract/channel';
import type { Encounter, Prescription } from '@shared/contract/clinical';
import { allergyMatches } from '@shared/domain/clinical';
import type { CallContext } from '../../platform/context';
import { hospitalCondition, requireHospitalOf } from '../../platform/scope';
import { hospitalZones, localInstant } from '../../platform/zones';
import { keysetPage, type KeysetColumn } from '../../db/pages';
import { insertRows } from '../../db/writer';
import { actingDoctor, lockEncounter, requireOpen, type In } from './clinicians';
import { loadPrescriptions, PRESCRIPTION_SELECT, toPrescriptions, type PrescriptionRow } from './encounter-views';
import { readEncounter } from './encounters.service';
import { PrescriptionEntity } from './prescription.entity';

/** "Amoxicillin 500 mg capsule" */
export const medicineLabel = (m: { name: string; strength: string; form: string }) => [m.name, m.strength, m.form].filter(Boolean).join(' ');

export async function createPrescription(ctx: CallContext, input: In<'prescriptions.create'>): Promise<Encounter> {
  const e = await lockEncounter(ctx, input.encounterId);
  requireOpen(e);
  const doctor = await actingDoctor(ctx);
  const [item]: { id: number; hospital_id: number; name: string; strength: string; form: string; active_ingredient: string | null; active: number }[] = await ctx.em.query(
    'SELECT id, hospital_id, name, strength, form, active_ingredient, active FROM medicine_items WHERE id = ?',
    [input.itemId],
  );
  if (!item || Number(item.hospital_id) !== e.hospitalId) throw notFound('The medicine');
  const medicine = medicineLabel(item);
  if (!item.active) throw conflict(`${medicine} is no longer stocked: choose another medicine.`);
  const [p]: { allergies: string | null }[] = await ctx.em.query('SELECT allergies FROM patients WHERE id = ?', [e.patientId]);
  const matches = allergyMatches(p?.allergies ?? null, { name: item.name, activeIngredient: item.active_ingredient });
  if (matches.length && !input.allergyOverrideReason) {
    const message = `Recorded allergy: "${matches.join('", "')}" matches ${medicine}. Give a reason to prescribe anyway.`;
    throw new AppError('VALIDATION', message, { allergyOverrideReason: message }, { allergyMatches: matches });
  }
  const id = await insertRows(ctx.em, PrescriptionEntity, [
    Object.assign(new PrescriptionEntity(), {
      encounterId: e.id,
      hospitalId: e.hospitalId,
      patientId: Number(e.patientId),
      itemId: Number(item.id),
      medicine,
      dose: input.dose,
      doseUnit: input.doseUnit,
      route: input.route,
      frequency: input.frequency,
      durationDays: input.durationDays,
      quantity: input.quantity,
      instructions: input.instructions,
      allergyOverrideReason: matches.length ? input.allergyOverrideReason : null,
      status: 'active',
      dispensedQuantity: 0,
      prescribedBy: doctor.id,
      prescriberName: doctor.name,
      prescribedAt: ctx.now(),
      cancelReason: null,
      version: 1,
    }),
  ]);
  ctx.audit({
    action: 'prescription.create',
    entity: 'prescription',
    entityId: id,
    hospitalId: e.hospitalId,
    changes: { encounterId: e.id, patientId: Number(e.patientId), medicine, dose: input.dose, doseUnit: input.doseUnit, route: input.route, frequency: input.frequency, quantity: input.quantity, ...(matches.length ? { allergyMatches: matches, allergyOverrideReason: input.allergyOverrideReason } : {}) },
  });
  return readEncounter(ctx, e.id);
}

/** A prescription by id in the caller's scope (no audit: a read for the screens and for dispensing). */
export async function getPrescription(ctx: CallContext, id: number): Promise<Prescription> {
  const [p] = await loadPrescriptions(ctx.em, [id]);
  if (!p) throw notFound('The prescription');
  ctx.requireHospital(p.hospitalId);
  return p;
}

/** Prescriptions by id in the order of `ids` (no scope check: the caller has made it). */
export function prescriptionView(ctx: CallContext, ids: number[]): Promise<Prescription[]> {
  return loadPrescriptions(ctx.em, ids);
}

/** Cancels what is left to dispense; what was dispensed stays recorded. */
export async function cancelPrescription(ctx: CallContext, input: In<'prescriptions.cancel'>): Promise<Prescription> {
  const p = await requireHospitalOf(ctx, PrescriptionEntity, input.id, 'The prescription', { lock: true, only: ['status', 'dispensedQuantity', 'quantity', 'medicine'] });
  await actingDoctor(ctx);
  if (p.status === 'cancelled') throw conflict(`The prescription of ${p.medicine} is already cancelled.`);
  if (p.status === 'dispensed') throw conflict(`${p.medicine} has been dispensed in full: there is nothing left to cancel.`);
  await ctx.em.query("UPDATE prescriptions SET status = 'cancelled', cancel_reason = ?, version = version + 1 WHERE id = ?", [input.reason, p.id]);
  ctx.audit({ action: 'prescription.cancel', entity: 'prescription', entityId: p.id, hospitalId: p.hospitalId, changes: { status: [p.status, 'cancelled'], reason: input.reason, dispensedQuantity: p.dispensedQuantity } });
  return getPrescription(ctx, p.id);
}

const OLDEST_FIRST: KeysetColumn<PrescriptionRow>[] = [
  { column: 'r.prescribed_at', direction: 'ASC', kind: 'instant', value: (r) => r.prescribed_at },
  { column: 'r.id', direction: 'ASC', kind: 'int', value: (r) => Number(r.id) },
];
const NEWEST_FIRST: KeysetColumn<PrescriptionRow>[] = [
  { column: 'r.prescribed_at', direction: 'DESC', kind: 'instant', value: (r) => r.prescribed_at },
  { column: 'r.id', direction: 'DESC', kind: 'int', value: (r) => Number(r.id) },
];

/** The pharmacy's queue (still to dispense, oldest first) or all of a hospital's prescriptions, newest first. */
export async function listPrescriptions(ctx: CallContext, input: In<'prescriptions.list'>): Promise<Page<Prescription>> {
  const scope = hospitalCondition(ctx, 'r.hospital_id', input.hospitalId)!;
  const where = [scope.sql];
  const args: unknown[] = [...scope.args];
  if (input.status === 'to_dispense') where.push("r.status IN ('active', 'partially_dispensed')");
  if (input.patientId) {
    where.push('r.patient_id = ?');
    args.push(input.patientId);
  }
  if (input.from) {
    const zone = (await hospitalZones(ctx.em, [input.hospitalId])).get(input.hospitalId)?.timeZone ?? 'UTC';
    where.push('r.prescribed_at >= ?');
    args.push(new Date(localInstant(input.from, 0, zone)));
  }
  const page = await keysetPage(ctx.em, { select: PRESCRIPTION_SELECT, where, args }, { order: input.status === 'to_dispense' ? OLDEST_FIRST : NEWEST_FIRST, cursor: input.cursor, limit: input.limit });
  return { items: await toPrescriptions(ctx.em, page.items), nextCursor: page.nextCursor };
}
