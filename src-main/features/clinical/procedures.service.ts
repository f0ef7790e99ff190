// Procedures and treatments of an open encounter, from the hospital's priced catalog: charged when recorded, the
// charge withdrawn when the procedure is removed (refused once it is on an invoice).
import { conflict, notFound } from '@shared/errors';
import type { Encounter } from '@shared/contract/clinical';
import { localDate } from '@shared/domain/dates';
import { formatMoney } from '@shared/domain/money';
import type { CallContext } from '../../platform/context';
import { insertRows } from '../../db/writer';
import { chargeFor, withdrawCharge } from '../billing';
import { requireHospitalEntity } from '../hospitals';
import { actingDoctor, lockEncounter, lockOpenEncounterOf, requireOpen, type In } from './clinicians';
import { ProcedureEntity } from './encounter.entity';
import { readEncounter } from './encounters.service';

/** Catalog categories a procedure may come from. */
const PROCEDURE_CATEGORIES = ['treatment', 'other'];

export async function recordProcedure(ctx: CallContext, input: In<'procedures.record'>): Promise<Encounter> {
  const e = await lockEncounter(ctx, input.encounterId);
  requireOpen(e);
  const doctor = await actingDoctor(ctx);
  const [item]: { id: number; hospital_id: number; code: string; description: string; category: 'treatment' | 'other'; price: number | string; tax_rate_bp: number; active: number }[] = await ctx.em.query(
    'SELECT id, hospital_id, code, description, category, price, tax_rate_bp, active FROM catalog_items WHERE id = ?',
    [input.catalogItemId],
  );
  if (!item || Number(item.hospital_id) !== e.hospitalId) throw notFound('The catalog item');
  if (!PROCEDURE_CATEGORIES.includes(item.category)) throw conflict(`${item.code} ${item.description} is not a treatment or procedure (it is under ${item.category}).`);
  if (!item.active) throw conflict(`${item.code} ${item.description} is no longer in use.`);
  const h = await requireHospitalEntity(ctx, e.hospitalId);
  const now = ctx.now();
  const id = await insertRows(ctx.em, ProcedureEntity, [
    Object.assign(new ProcedureEntity(), {
      encounterId: e.id,
      hospitalId: e.hospitalId,
      patientId: Number(e.patientId),
      catalogItemId: Number(item.id),
      code: item.code,
      description: item.description,
      quantity: input.quantity,
      notes: input.notes,
      performedBy: doctor.id,
      performedByName: doctor.name,
      performedAt: now,
      chargeId: null,
    }),
  ]);
  const price = Number(item.price);
  const chargeId = await chargeFor(ctx, {
    hospitalId: e.hospitalId,
    patientId: Number(e.patientId),
    category: item.category,
    description: item.description,
    quantity: input.quantity,
    unitPrice: price,
    currency: h.currency,
    taxRateBp: Number(item.tax_rate_bp),
    serviceDate: localDate(now, h.timeZone),
    sourceType: 'procedure',
    sourceId: id,
  });
  await ctx.em.query('UPDATE procedures SET charge_id = ? WHERE id = ?', [chargeId, id]);
  ctx.audit({ action: 'procedure.record', entity: 'encounter', entityId: e.id, hospitalId: e.hospitalId, changes: { procedureId: id, code: item.code, quantity: input.quantity } });
  ctx.audit({ action: 'charge.add', entity: 'charge', entityId: chargeId, hospitalId: e.hospitalId, changes: { patientId: Number(e.patientId), source: `procedure ${id}`, code: item.code, quantity: input.quantity, amount: formatMoney(price * input.quantity, h.currency) } });
  return readEncounter(ctx, e.id);
}

export async function removeProcedure(ctx: CallContext, id: number): Promise<Encounter> {
  const { encounter: e, row } = await lockOpenEncounterOf(ctx, 'procedures', id, 'The procedure');
  await actingDoctor(ctx);
  const chargeId = await withdrawCharge(ctx, 'procedure', id);
  await ctx.em.query('DELETE FROM procedures WHERE id = ?', [id]);
  ctx.audit({ action: 'procedure.remove', entity: 'encounter', entityId: e.id, hospitalId: e.hospitalId, changes: { procedureId: id, code: row.code } });
  if (chargeId) ctx.audit({ action: 'charge.withdraw', entity: 'charge', entityId: chargeId, hospitalId: e.hospitalId, changes: { source: `procedure ${id}` } });
  return readEncounter(ctx, e.id);
}
