// Who is acting in the clinical record: the signed-in doctor's staff record, the user's name; the encounter lock and
// the rule that a signed encounter takes no change.
import { conflict, forbidden, notFound } from '@shared/errors';
import type { Contract } from '@shared/contract';
import type { ParsedInputOf } from '@shared/contract/channel';
import { clip, doctorName } from '@shared/domain/format';
import type { CallContext } from '../../platform/context';
import { requireHospitalOf } from '../../platform/scope';
import { EncounterEntity } from './encounter.entity';

export type In<K extends keyof Contract> = ParsedInputOf<Contract[K]>;

export const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');

export interface ActingDoctor {
  /** The staff id (the doctor's id everywhere). */
  id: number;
  hospitalId: number;
  name: string;
}

/**
 * The signed-in user's doctor record: clinical care is recorded by a doctor on the staff list. Every doctor-only write
 * (CLINICIANS) asks for it, also those that change or withdraw (a diagnosis, a procedure, an order, a prescription).
 */
export async function actingDoctor(ctx: CallContext): Promise<ActingDoctor> {
  const [s]: { id: number; hospital_id: number; first_name: string; last_name: string; status: string; is_doctor: number | null }[] = await ctx.em.query(
    `SELECT s.id, s.hospital_id, s.first_name, s.last_name, s.status, d.staff_id AS is_doctor
       FROM staff s LEFT JOIN doctors d ON d.staff_id = s.id WHERE s.user_id = ?`,
    [ctx.user.userId],
  );
  if (!s || s.is_doctor == null) throw forbidden('Your account is not linked to a doctor on the staff list; ask HR to link it before recording clinical care.');
  if (s.status === 'terminated') throw forbidden('Your staff record is terminated: you cannot record clinical care.');
  // Kept on the records it writes (performed by, ordered by, prescriber) in columns of 200.
  return { id: Number(s.id), hospitalId: Number(s.hospital_id), name: clip(doctorName(s.first_name, s.last_name), 200) };
}

/** The signed-in user's full name, as records keep it (addenda, results). */
export async function userName(ctx: CallContext): Promise<string> {
  const [u]: { full_name: string }[] = await ctx.em.query('SELECT full_name FROM users WHERE id = ?', [ctx.user.userId]);
  return u?.full_name ?? ctx.user.username;
}

/** The encounter, locked, in the caller's scope. */
export function lockEncounter(ctx: CallContext, id: number): Promise<EncounterEntity> {
  return requireHospitalOf(ctx, EncounterEntity, id, 'The encounter', { lock: true });
}

/** A signed encounter is read-only: corrections are addenda. */
export function requireOpen(e: EncounterEntity): void {
  if (e.status === 'signed') throw conflict('The encounter is signed and can no longer be changed; add an addendum to correct or add to it.');
}

/** The encounter an id of one of its parts belongs to, locked and open. */
export async function lockOpenEncounterOf(ctx: CallContext, table: 'diagnoses' | 'procedures', id: number, what: string): Promise<{ encounter: EncounterEntity; row: Record<string, unknown> }> {
  const [found]: { encounter_id: number | string }[] = await ctx.em.query(`SELECT encounter_id FROM ${table} WHERE id = ?`, [id]);
  if (!found) throw notFound(what);
  const encounter = await lockEncounter(ctx, Number(found.encounter_id));
  requireOpen(encounter);
  // Read again under the encounter's lock: another desk may have changed or removed it meanwhile.
  const [row]: Record<string, unknown>[] = await ctx.em.query(`SELECT * FROM ${table} WHERE id = ? FOR UPDATE`, [id]);
  if (!row) throw notFound(what);
  return { encounter, row };
}
