// The shape of one channel declaration, and the field schemas every area shares.
import { z } from 'zod';
import type { Role } from '../domain/roles';
import { isRealDate } from '../domain/dates';

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
}

export const returns = <T>() => undefined as unknown as T;

export function channel<I extends z.ZodType, O>(c: {
  input: I;
  output: O;
  access: Access;
  kind: ChannelKind;
  needsDatabase?: boolean;
}): Channel<I, O> {
  return { ...c, needsDatabase: c.needsDatabase ?? true };
}

export type AnyChannel = Channel<z.ZodType, unknown>;
export type InputOf<C> = C extends Channel<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<C> = C extends Channel<infer I, unknown> ? z.output<I> : never;
export type OutputOf<C> = C extends Channel<z.ZodType, infer O> ? O : never;

// ---- shared field schemas ----

export const Id = z.number({ error: 'Expected a numeric id.' }).int().positive().max(2 ** 53 - 1);

/** Free text: trimmed, bounded, no control characters (tab and newline allowed in long text). */
export const Text = (max: number) =>
  z
    .string({ error: 'Expected text.' })
    .trim()
    .max(max, { error: `At most ${max} characters.` })
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), { error: 'Contains control characters.' });

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
  .refine(isRealDate, { error: 'No such date.' });

export const IsoInstant = z.iso.datetime({ offset: true, error: 'Expected an ISO date-time.' });

export const Limit = z.number().int().min(1).max(200).default(50);
export const Cursor = z.string().max(500).nullable().optional();

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
