// The shape of one channel declaration, and the field schemas every area shares.
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { DATE_RANGE_MESSAGE, isDateInRange, isInstantInRange, isMonthInRange, isRealDate } from '../domain/dates';
import type { RecordKind } from './index';

/** Who may call: anybody (before sign-in), any signed-in user, or the listed roles. */
export type Access = 'public' | 'signedIn' | readonly Role[];

/** `write` channels change data: the pipeline makes sure each success leaves an audit entry. */
export type ChannelKind = 'read' | 'write';

export interface Channel<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
  access: Access;
  kind: ChannelKind;
  /** Channels that work without a database connection (the connection screen itself). */
  needsDatabase: boolean;
  /** Write channels: the record kinds a call may change (and audit); screens showing them refresh after it. */
  changes: readonly RecordKind[];
  /** Read channels: the record kinds the answer shows; a change of one of them refreshes the screen. */
  shows: readonly RecordKind[];
  /** Reads that leave an audit entry (a patient's record was looked at): asked again only for a change of what they show. */
  auditedRead: boolean;
  /**
   * The call's transaction at READ COMMITTED instead of the server's REPEATABLE READ: a check made after waiting for a
   * lock then sees what the desk before it committed, and its locking reads take no gap locks (patients.register).
   */
  isolation?: 'READ COMMITTED';
  /**
   * Read channels that tolerate a little lag (reports, boards, search, the audit list): answered by a read replica
   * when the workstation has one, after it has caught up with this workstation's own writes (db/replicas.ts).
   */
  replica: boolean;
}

export const returns = <T>() => undefined as unknown as T;

interface ChannelBase<I extends z.ZodType, O> {
  input: I;
  output: O;
  access: Access;
  needsDatabase?: boolean;
  isolation?: 'READ COMMITTED';
}

/** A write says what it changes, a read what it shows: the audit check, the change feed and live refresh follow from it. */
export type ChannelDeclaration<I extends z.ZodType, O> =
  | (ChannelBase<I, O> & { kind: 'write'; changes: readonly RecordKind[]; shows?: never; auditedRead?: never; replica?: never })
  | (ChannelBase<I, O> & { kind: 'read'; shows: readonly RecordKind[]; changes?: never; auditedRead?: boolean; replica?: true });

export function channel<I extends z.ZodType, O>(c: ChannelDeclaration<I, O>): Channel<I, O> {
  return { ...c, needsDatabase: c.needsDatabase ?? true, changes: c.changes ?? [], shows: c.shows ?? [], auditedRead: c.auditedRead ?? false, replica: c.replica ?? false };
}

export type AnyChannel = Channel<z.ZodType, unknown>;
export type InputOf<C> = C extends Channel<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends Channel<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends Channel<z.ZodType, infer O> ? O : never;

// ---- shared field schemas ----

/** A record chosen from a list (a patient, a doctor, a bed): what a form says when none was chosen. */
export const Id = z.number({ error: 'Choose one from the list.' }).int().positive().max(2 ** 53 - 1);

/** Free text: trimmed, bounded, no control characters (tab and newline allowed in long text). */
export const Text = (max: number) =>
  z
    .string({ error: 'Type the text here.' })
    .trim()
    .max(max, { error: `At most ${max} characters.` })
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { error: 'Contains invisible characters that cannot be kept: type it again.' });

export const RequiredText = (max: number) => Text(max).pipe(z.string().min(1, { error: 'Required.' }));

/** Optional text where an empty string means "none". */
export const OptionalText = (max: number) =>
  Text(max)
    .optional()
    .nullable()
    .transform((s) => (s ? s : null));

export const IsoDate = z
  .string({ error: 'Expected a date as YYYY-MM-DD.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Expected a date as YYYY-MM-DD.' })
  .refine(isRealDate, { error: 'No such date.', abort: true })
  .refine(isDateInRange, { error: DATE_RANGE_MESSAGE });

export const IsoInstant = z.iso.datetime({ offset: true, error: 'Expected an ISO date-time.' }).refine(isInstantInRange, { error: DATE_RANGE_MESSAGE });

/** A calendar month, 'YYYY-MM'. */
export const IsoMonth = z
  .string({ error: 'Expected a month as YYYY-MM.' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Expected a month as YYYY-MM.' })
  .refine(isMonthInRange, { error: DATE_RANGE_MESSAGE });

export const Limit = z.number().int().min(1).max(200).default(50);
export const Cursor = z.string().max(500).nullable().optional();

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
