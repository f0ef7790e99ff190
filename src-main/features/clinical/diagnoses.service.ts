// Diagnoses of an open encounter, coded with ICD-10: one primary at most (a new primary makes the previous one
// secondary), provisional or confirmed.
import { invalid, takenKey } from '@shared/errors';
import type { Encounter } from '@shared/contract/clinical';
import type { DiagnosisRank } from '@shared/domain/clinical';
import type { CallContext } from '../../platform/context';
import { insertRows } from '../../db/writer';
import { actingDoctor, lockEncounter, lockOpenEncounterOf, requireOpen, type In } from './clinicians';
import { DiagnosisEntity } from './encounter.entity';
import { readEncounter } from './encounters.service';

/**
 * Makes the encounter's primary diagnosis (other than `keep`) secondary. A locking read: the encounter's writers
 * take turns on its row, and the primary another desk set a moment ago counts.
 */
async function demotePrimary(ctx: CallContext, encounterId: number, keep: number | null): Promise<string | null> {
  const [had]: { id: number | string; code: string }[] = await ctx.em.query("SELECT id, code FROM diagnoses WHERE encounter_id = ? AND `rank` = 'primary' AND id <> ? FOR UPDATE", [encounterId, keep ?? 0]);
  if (!had) return null;
  await ctx.em.query("UPDATE diagnoses SET `rank` = 'secondary' WHERE id = ?", [had.id]);
  return had.code;
}

export async function addDiagnosis(ctx: CallContext, input: In<'diagnoses.add'>): Promise<Encounter> {
  const e = await lockEncounter(ctx, input.encounterId);
  requireOpen(e);
  await actingDoctor(ctx);
  const [code]: { code: string; title: string }[] = await ctx.em.query('SELECT code, title FROM icd10_codes WHERE code = ?', [input.code]);
  if (!code) throw invalid({ code: `${input.code} is not in the ICD-10 list; search for the code or import the full list.` });
  const [dup]: { id: number }[] = await ctx.em.query('SELECT id FROM diagnoses WHERE encounter_id = ? AND code = ?', [e.id, code.code]);
  if (dup) throw takenKey('uq_diagnoses_code', `${code.code} ${code.title} is already a diagnosis of this encounter.`);
  const demoted = input.rank === 'primary' ? await demotePrimary(ctx, e.id, null) : null;
  const id = await insertRows(ctx.em, DiagnosisEntity, [
    Object.assign(new DiagnosisEntity(), {
      encounterId: e.id,
      hospitalId: e.hospitalId,
      patientId: Number(e.patientId),
      code: code.code,
      title: code.title,
      rank: input.rank,
      certainty: input.certainty,
      note: input.note,
      createdBy: ctx.user.userId,
      createdAt: ctx.now(),
    }),
  ]);
  ctx.audit({ action: 'diagnosis.add', entity: 'encounter', entityId: e.id, hospitalId: e.hospitalId, changes: { diagnosisId: id, code: code.code, rank: input.rank, certainty: input.certainty, ...(demoted ? { demoted } : {}) } });
  return readEncounter(ctx, e.id);
}

export async function updateDiagnosis(ctx: CallContext, input: In<'diagnoses.update'>): Promise<Encounter> {
  const { encounter: e, row } = await lockOpenEncounterOf(ctx, 'diagnoses', input.id, 'The diagnosis');
  await actingDoctor(ctx);
  const changes: Record<string, unknown> = { diagnosisId: input.id, code: row.code };
  const sets: string[] = [];
  const args: unknown[] = [];
  if (input.rank && input.rank !== row.rank) {
    if (input.rank === 'primary') {
      const demoted = await demotePrimary(ctx, e.id, input.id);
      if (demoted) changes.demoted = demoted;
    }
    sets.push('`rank` = ?');
    args.push(input.rank);
    changes.rank = [row.rank as DiagnosisRank, input.rank];
  }
  if (input.certainty && input.certainty !== row.certainty) {
    sets.push('certainty = ?');
    args.push(input.certainty);
    changes.certainty = [row.certainty, input.certainty];
  }
  // Left out: unchanged; null or empty: cleared.
  if (input.note !== undefined && input.note !== row.note) {
    sets.push('note = ?');
    args.push(input.note);
    changes.note = 'changed';
  }
  if (sets.length) {
    await ctx.em.query(`UPDATE diagnoses SET ${sets.join(', ')} WHERE id = ?`, [...args, input.id]);
    ctx.audit({ action: 'diagnosis.update', entity: 'encounter', entityId: e.id, hospitalId: e.hospitalId, changes });
  }
  return readEncounter(ctx, e.id);
}

export async function removeDiagnosis(ctx: CallContext, id: number): Promise<Encounter> {
  const { encounter: e, row } = await lockOpenEncounterOf(ctx, 'diagnoses', id, 'The diagnosis');
  await actingDoctor(ctx);
  await ctx.em.query('DELETE FROM diagnoses WHERE id = ?', [id]);
  ctx.audit({ action: 'diagnosis.remove', entity: 'encounter', entityId: e.id, hospitalId: e.hospitalId, changes: { diagnosisId: id, code: row.code, rank: row.rank } });
  return readEncounter(ctx, e.id);
}
