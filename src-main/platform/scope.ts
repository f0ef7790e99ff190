// Hospital scope: the one way a service checks that a record belongs to a hospital the caller works at, before it
// does anything else with it.
import type { EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { notFound } from '@shared/errors';
import type { CallContext } from './context';

/**
 * The record with this id, NOT_FOUND (naming it as `what` does, "The invoice") when there is none, FORBIDDEN when its
 * hospital is outside the caller's scope. `lock` reads it FOR UPDATE, for a service that goes on to change it.
 */
export async function requireHospitalOf<E extends ObjectLiteral & { hospitalId: number }>(
  ctx: CallContext,
  entity: EntityTarget<E>,
  id: number,
  what: string,
  options: { lock?: boolean } = {},
): Promise<E> {
  const row = await ctx.em.findOne(entity, { where: { id } as unknown as FindOptionsWhere<E>, ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!row) throw notFound(what);
  ctx.requireHospital(row.hospitalId);
  return row;
}

/**
 * A list's SQL condition for the caller's hospitals: `column IN (…)` with its values, or null for a chain-wide account.
 * `column` is fixed SQL of the caller, never input.
 */
export function scopeCondition(ctx: CallContext, column: string): { sql: string; args: number[] } | null {
  const scope = ctx.scope();
  if (scope === 'all') return null;
  return scope.length ? { sql: `${column} IN (${scope.map(() => '?').join(',')})`, args: scope } : { sql: 'FALSE', args: [] };
}
