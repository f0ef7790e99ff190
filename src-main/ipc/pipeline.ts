// Every call, whatever the transport: authenticate → authorise → validate → transaction(service + audit) → envelope →
// `records.changed` for what the write changed.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { AppError, takenKeyShape, type AppErrorShape, type FieldErrors, type Result } from '@shared/errors';
import { duplicateKey, isConnectionError, isInterruptedTriggerLoad, isRetryable, isServerFull } from '../db/db-errors';
import { appendAudit } from '../features/audit/audit-chain';
import { refreshSession } from '../features/users/session-refresh';
import { authorise, defaultAuthorisation } from '../features/permissions/permissions.access';
import { isOverridable } from '@shared/domain/permissions';
import { CallContext } from '../platform/context';
import type { HandlerTable } from '../platform/handlers';
import { ChangeCollector } from './changes';
import type { Runtime } from './runtime';

const MAX_ATTEMPTS = 4;
/**
 * How long a call waits for a server at its connection limit before saying so: hundreds of workstations share one
 * server, and each holds connections only while it works, so a connection is usually free within moments.
 */
export const SERVER_FULL_WAIT_MS = 15_000;
/** Channels a locked screen may still use. */
const WHILE_LOCKED = new Set<string>(['auth.unlock', 'auth.logout', 'auth.me', 'setup.status', 'connection.status']);

export type Dispatch = (windowKey: string, channel: string, input: unknown) => Promise<Result<unknown>>;

export function createDispatch(runtime: Runtime, table: HandlerTable): Dispatch {
  return (windowKey, channel, input) => dispatch(runtime, table, windowKey, channel, input);
}

async function dispatch(runtime: Runtime, table: HandlerTable, windowKey: string, name: string, raw: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, name)) return fail({ code: 'NOT_FOUND', message: `There is no channel called "${name.slice(0, 60)}".` });
  const channelName = name as ChannelName;
  const def = contract[channelName] as AnyChannel;
  const handler = table[channelName] as (input: unknown, ctx: CallContext) => unknown;

  // Who asks comes before what is asked: an anonymous or wrong-role caller learns nothing of the input's shape.
  let session = runtime.sessions.get(windowKey);
  if (session && def.access !== 'public') {
    const idleMs = runtime.clock().getTime() - session.lastActivityAt;
    if (!session.locked && idleMs > session.idleLockMinutes * 60_000) session.locked = true;
    if (session.locked && !WHILE_LOCKED.has(name)) return fail({ code: 'UNAUTHENTICATED', message: 'The screen is locked: enter your password to continue.' });
  }
  if (def.access !== 'public' && !session) return fail({ code: 'UNAUTHENTICATED', message: 'Please sign in.' });
  // A channel no administrator can widen is refused here without a database round trip; the others once the
  // hospital's role table has been read (inside the transaction, before the input).
  if (Array.isArray(def.access) && session && (!def.needsDatabase || !isOverridable(name, def.access))) {
    try {
      defaultAuthorisation(session, def);
    } catch (e) {
      return fail((e as AppError).toShape());
    }
  }

  // The input is read only once the caller is known to be allowed (for a database call: once the session has been
  // read afresh), so a caller who may not call learns nothing about the schema from a malformed body.
  let parsed: z.ZodSafeParseResult<unknown> | undefined;
  const input = (): unknown => {
    parsed ??= def.input.safeParse(raw ?? undefined);
    if (!parsed.success) throw parsed.error;
    return parsed.data;
  };

  try {
    if (!def.needsDatabase) {
      const ctx = new CallContext(runtime, windowKey, name, session, null);
      const data = await handler(input(), ctx);
      return finish(runtime, ctx, data);
    }
    const ds = await runtime.db.dataSource();
    const started = Date.now();
    let fullWaits = 0;
    for (let attempt = 1; ; attempt++) {
      try {
        let ctx!: CallContext;
        const work = async (em: EntityManager) => {
          try {
            return await serve(em);
          } catch (e) {
            throw await abortedInstead(em, e);
          }
        };
        const serve = async (em: EntityManager) => {
          if (session) {
            // Roles, scope and the active flag are read afresh: an admin's change at another desk applies at once.
            session = await refreshSession(em, runtime, windowKey, session);
            if (!session) throw new AppError('UNAUTHENTICATED', 'Your account was deactivated; please contact an administrator.');
          }
          ctx = new CallContext(runtime, windowKey, name, session, em);
          if (session && def.access !== 'public') ctx.authorised = await authorise(em, session, channelName);
          const result = await handler(input(), ctx);
          if (def.kind === 'write' && ctx.auditRecords.length === 0 && !ctx.deferredError) ctx.audit({ action: name });
          if (def.kind === 'write') checkDeclaredChanges(name, def, ctx);
          const actor = ctx.session ?? session;
          ctx.auditedEntries = await appendAudit(em, { userId: actor?.userId ?? null, username: actor?.username ?? null }, name, runtime.clock(), ctx.auditRecords);
          return result;
        };
        // Lag-tolerant reads go to a read replica when there is one (db/replicas.ts); every other call to the primary.
        const data = def.replica ? await runtime.db.readLagTolerant(work) : def.isolation ? await ds.transaction(def.isolation, work) : await ds.transaction(work);
        // This workstation's next replica reads wait for what it has just written (a no-op without replicas).
        if (def.kind === 'write' || ctx.auditedEntries) await runtime.db.noteWrite();
        return finish(runtime, ctx, data);
      } catch (e) {
        if ((isRetryable(e) || isInterruptedTriggerLoad(e)) && attempt < MAX_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
          continue;
        }
        // No connection could be had (nothing ran): wait for one, backing off to a second, with jitter so the
        // workstations turned away together do not all come back together.
        if (isServerFull(e) && Date.now() - started < SERVER_FULL_WAIT_MS) {
          attempt--;
          await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** fullWaits++) * (0.5 + Math.random())));
          continue;
        }
        throw e;
      }
    }
  } catch (e) {
    return fail(await toErrorShape(runtime, name, e));
  }
}

/** A write may audit only the kinds its channel declares it changes: anything else is a mistake in the code, not the call. */
function checkDeclaredChanges(name: string, def: AnyChannel, ctx: CallContext): void {
  for (const r of ctx.auditRecords) {
    if (r.entity && !def.changes.includes(r.entity)) {
      throw new Error(`${name} audits a change of '${r.entity}' but its contract declares changes: [${def.changes.join(', ')}]`);
    }
  }
}

/** After the commit: this workstation's windows hear what the write changed (other workstations through the change feed). */
function announceChanges(runtime: Runtime, ctx: CallContext): void {
  if (!ctx.auditedEntries) return;
  runtime.announced.add(ctx.auditedEntries);
  const changes = new ChangeCollector();
  for (const r of ctx.auditRecords) changes.add(ctx.channel, r.entity, r.entityId, r.hospitalId);
  for (const change of changes.events()) runtime.events.emit('records.changed', change);
}

function finish(runtime: Runtime, ctx: CallContext, data: unknown): Result<unknown> {
  announceChanges(runtime, ctx);
  const s = ctx.session;
  if (s) s.lastActivityAt = runtime.clock().getTime();
  if (ctx.deferredError) return fail(ctx.deferredError.toShape());
  return { ok: true, data: data === undefined ? null : data };
}

const fail = (error: AppErrorShape): Result<never> => ({ ok: false, error });

export function validationError(error: z.ZodError): AppErrorShape {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const n = Object.keys(fields).length;
  return { code: 'VALIDATION', message: n === 1 ? 'One field needs attention.' : `${n} fields need attention.`, fields };
}

/**
 * What a failed call really ran into. On Galera, a transaction that another node's commit aborted (a brute-force
 * abort) is not always told so by the statement it was in: a SELECT racing the abort can return rows the abort has
 * already rolled back (galera.test.ts saw an admission read back its own new stay as "not found"), and the service then
 * refuses for a reason that is not true. One more statement asks the server: an aborted transaction answers it with
 * the deadlock error, which the pipeline retries like any lost race. Only failed calls pay for the round trip.
 */
async function abortedInstead(em: EntityManager, e: unknown): Promise<unknown> {
  if (isRetryable(e) || isInterruptedTriggerLoad(e) || isConnectionError(e) || isServerFull(e)) return e;
  try {
    await em.query('SELECT 1');
  } catch (probe) {
    if (isRetryable(probe)) return probe;
  }
  return e;
}

async function toErrorShape(runtime: Runtime, channel: string, e: unknown): Promise<AppErrorShape> {
  if (e instanceof AppError) return e.toShape();
  if (e instanceof z.ZodError) return validationError(e);
  if (isServerFull(e)) {
    return { code: 'DB_UNAVAILABLE', message: 'The database server is serving as many connections as it allows; nothing was saved. Try again in a moment, and tell the administrator if this keeps happening.' };
  }
  if (isConnectionError(e)) {
    await runtime.db.markDown(e);
    return { code: 'DB_UNAVAILABLE', message: 'The database is not reachable right now; nothing was saved. Try again when the connection is back.' };
  }
  const key = duplicateKey(e);
  if (key) return takenKeyShape(key);
  if (isRetryable(e)) return { code: 'CONFLICT', message: 'Another desk is changing the same records; please try again.' };
  const ref = randomUUID().slice(0, 8);
  // The error object only: inputs may hold passwords or national IDs.
  console.error(`[${ref}] ${channel} failed:`, e instanceof Error ? e.stack : e);
  return { code: 'INTERNAL', message: `Something went wrong (reference ${ref}). The action was not completed.` };
}
