// Hospital scope: the one way a service checks that a record belongs to a hospital the caller works at, before it
// does anything else with it.
import type { EntityTarget, FindOptionsWhere } from 'typeorm';
import { notFound } from '@shared/errors';
import { lockRow } from '../db/locks';
import type { CallContext } from './context';

export interface ScopedRead<E> {
  /** Read FOR UPDATE (through db/locks, in key order), for a service that goes on to change the record. */
  lock?: boolean;
  /** With `lock`: read only these properties (the key and `hospitalId` always come along). */
  only?: readonly (keyof E & string)[];
}

/**
 * The record with this id, NOT_FOUND (naming it as `what` does: "The invoice") when there is none, FORBIDDEN when its
 * hospital is outside the caller's scope.
 */
export async function requireHospitalOf<E extends { hospitalId: number }>(ctx: CallContext, entity: EntityTarget<E>, id: number, what: string, options: ScopedRead<E> = {}): Promise<E> {
  const row = options.lock
    ? await lockRow(ctx.em, entity, id, options.only ? { only: [...options.only, 'hospitalId'] as (keyof E & string)[] } : {})
    : await ctx.em.findOneBy(entity, { id } as unknown as FindOptionsWhere<E>);
  if (!row) throw notFound(what);
  ctx.requireHospital(row.hospitalId);
  return row;
}

/**
 * A list's SQL condition on the hospital: `column = ?` for the one hospital asked for (FORBIDDEN outside the caller's
 * scope), else `column IN (…)` of the caller's hospitals, or null for a chain-wide account asking for all of them.
 * `column` is fixed SQL of the caller, never input.
 */
export function hospitalCondition(ctx: CallContext, column: string, hospitalId?: number): { sql: string; args: number[] } | null {
  if (hospitalId !== undefined) {
    ctx.requireHospital(hospitalId);
    return { sql: `${column} = ?`, args: [hospitalId] };
  }
  const scope = ctx.scope();
  if (scope === 'all') return null;
  return { sql: `${column} IN (${scope.map(() => '?').join(',') || 'NULL'})`, args: scope };
}
