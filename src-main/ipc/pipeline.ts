// Every call, whatever the transport: validate → authenticate → authorise → transaction(service + audit) → envelope.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { contract, type ChannelName } from '@shared/contract';
import type { AnyChannel } from '@shared/contract/channel';
import { AppError, type AppErrorShape, type FieldErrors, type Result } from '@shared/errors';
import { duplicateKey, isConnectionError, isRetryable } from '../db/db-errors';
import { appendAudit } from '../features/audit/audit-chain';
import { refreshSession } from '../features/users/session-refresh';
import { CallContext } from './context';
import type { HandlerTable } from './handlers';
import type { Runtime } from './runtime';

const MAX_ATTEMPTS = 4;
/** Channels a locked screen may still use. */
const WHILE_LOCKED = new Set<string>(['auth.unlock', 'auth.logout', 'auth.me', 'setup.status', 'connection.status']);

/** Sentences for unique keys, so a lost race reads as what it is. */
const DUPLICATE_MESSAGES: Record<string, string> = {
  uq_users_username: 'That username is already taken.',
  uq_hospitals_code: 'A hospital with that code already exists.',
  uq_patients_number: 'That patient number is already in use.',
  uq_staff_employee_number: 'That employee number is already in use at this hospital.',
  uq_staff_user: 'That user account already belongs to another staff member.',
  uq_doctors_licence: 'Another doctor already has that licence number.',
  uq_departments_name: 'This hospital already has a department with that name.',
  uq_bed_stays_occupied: 'That bed was taken by another admission a moment ago.',
  uq_stays_active_patient: 'The patient was admitted at another desk a moment ago.',
  uq_rooms_number: 'A room with that number already exists in this hospital.',
  uq_floors_name: 'This hospital already has a floor with that name.',
  uq_beds_label: 'The room already has a bed with that label.',
  uq_invoices_number: 'That invoice number is already in use.',
  uq_catalog_items_code: 'That code is already in the catalog.',
  uq_shift_assignments: 'That person already has that shift on that day.',
  uq_shift_types_name: 'That shift name is already in use.',
  uq_shift_types_code: 'That shift code is already in use.',
};

export type Dispatch = (windowKey: string, channel: string, input: unknown) => Promise<Result<unknown>>;

export function createDispatch(runtime: Runtime, table: HandlerTable): Dispatch {
  return (windowKey, channel, input) => dispatch(runtime, table, windowKey, channel, input);
}

async function dispatch(runtime: Runtime, table: HandlerTable, windowKey: string, name: string, raw: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, name)) return fail({ code: 'NOT_FOUND', message: `There is no channel called "${name.slice(0, 60)}".` });
  const channelName = name as ChannelName;
  const def = contract[channelName] as AnyChannel;
  const handler = table[channelName] as (input: unknown, ctx: CallContext) => unknown;

  const parsed = def.input.safeParse(raw ?? undefined);
  if (!parsed.success) return fail(validationError(parsed.error));

  let session = runtime.sessions.get(windowKey);
  if (session && def.access !== 'public') {
    const idleMs = runtime.clock().getTime() - session.lastActivityAt;
    if (!session.locked && idleMs > session.idleLockMinutes * 60_000) session.locked = true;
    if (session.locked && !WHILE_LOCKED.has(name)) return fail({ code: 'UNAUTHENTICATED', message: 'The screen is locked: enter your password to continue.' });
  }
  if (def.access !== 'public' && !session) return fail({ code: 'UNAUTHENTICATED', message: 'Please sign in.' });
  if (Array.isArray(def.access) && session && !def.access.some((r) => session!.roles.includes(r))) {
    return fail(forbiddenFor(def.access));
  }

  try {
    if (!def.needsDatabase) {
      const ctx = new CallContext(runtime, windowKey, name, session, null);
      const data = await handler(parsed.data, ctx);
      return finish(runtime, ctx, data);
    }
    const ds = await runtime.db.dataSource();
    for (let attempt = 1; ; attempt++) {
      try {
        let ctx!: CallContext;
        const data = await ds.transaction(async (em) => {
          if (session) {
            // Roles, scope and the active flag are read afresh: an admin's change at another desk applies at once.
            session = await refreshSession(em, runtime, windowKey, session);
            if (!session) throw new AppError('UNAUTHENTICATED', 'Your account was deactivated; please contact an administrator.');
            if (Array.isArray(def.access) && !def.access.some((r) => session!.roles.includes(r))) throw new AppError('FORBIDDEN', forbiddenFor(def.access).message);
          }
          ctx = new CallContext(runtime, windowKey, name, session, em);
          const result = await handler(parsed.data, ctx);
          if (def.kind === 'write' && ctx.auditRecords.length === 0 && !ctx.deferredError) ctx.audit({ action: name });
          const actor = ctx.session ?? session;
          await appendAudit(em, { userId: actor?.userId ?? null, username: actor?.username ?? null }, name, runtime.clock(), ctx.auditRecords);
          return result;
        });
        return finish(runtime, ctx, data);
      } catch (e) {
        if (isRetryable(e) && attempt < MAX_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * attempt));
          continue;
        }
        throw e;
      }
    }
  } catch (e) {
    return fail(await toErrorShape(runtime, name, e));
  }
}

function finish(runtime: Runtime, ctx: CallContext, data: unknown): Result<unknown> {
  for (const ev of ctx.pendingEvents) runtime.events.emit(ev.name, ev.payload as never);
  const s = ctx.session;
  if (s) s.lastActivityAt = runtime.clock().getTime();
  if (ctx.deferredError) return fail(ctx.deferredError.toShape());
  return { ok: true, data: data === undefined ? null : data };
}

const fail = (error: AppErrorShape): Result<never> => ({ ok: false, error });

function forbiddenFor(roles: readonly string[]): AppErrorShape {
  return { code: 'FORBIDDEN', message: `Only ${roles.join(', ').replace(/_/g, ' ')} may do this.` };
}

export function validationError(error: z.ZodError): AppErrorShape {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const n = Object.keys(fields).length;
  return { code: 'VALIDATION', message: n === 1 ? 'One field needs attention.' : `${n} fields need attention.`, fields };
}

async function toErrorShape(runtime: Runtime, channel: string, e: unknown): Promise<AppErrorShape> {
  if (e instanceof AppError) return e.toShape();
  if (e instanceof z.ZodError) return validationError(e);
  if (isConnectionError(e)) {
    await runtime.db.markDown(e);
    return { code: 'DB_UNAVAILABLE', message: 'The database is not reachable right now; nothing was saved. Try again when the connection is back.' };
  }
  const key = duplicateKey(e);
  if (key) return { code: 'CONFLICT', message: DUPLICATE_MESSAGES[key] ?? 'That record already exists.' };
  if (isRetryable(e)) return { code: 'CONFLICT', message: 'Another desk is changing the same records; please try again.' };
  const ref = randomUUID().slice(0, 8);
  // The error object only: inputs may hold passwords or national IDs.
  console.error(`[${ref}] ${channel} failed:`, e instanceof Error ? e.stack : e);
  return { code: 'INTERNAL', message: `Something went wrong (reference ${ref}). The action was not completed.` };
}
