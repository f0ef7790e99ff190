// The counters behind generated numbers (patient, staff, invoice and receipt numbers): one table, one way to take a value.
import type { EntityManager } from 'typeorm';
import { sequenceScope } from '@shared/domain/patient-number';

/** A counter's key as stored in `number_sequences.scope_key`: build it with `sequenceKey`, never by hand. */
export type SequenceKey = string & { readonly __sequenceKey: true };

const key = (s: string) => s as SequenceKey;

/**
 * Every counter the app and the demo data keep. The stored strings are the ones in use since each counter began:
 * changing one would restart its numbers.
 */
export const sequenceKey = {
  /**
   * Patient numbers are counted per format (and per year when the format shows the year), not per hospital:
   * hospitals sharing a format share the counter, so their numbers cannot collide.
   */
  patientNumber: (format: string, year: number) => key(`patient:${format}:${sequenceScope(format, year)}`),
  /** Employee numbers of one hospital. */
  employee: (hospitalId: number) => key(`staff:${hospitalId}`),
  /** Gapless invoice numbers of one hospital and year. */
  invoice: (hospitalId: number, year: number) => key(`invoice:${hospitalId}:${year}`),
  /** Receipt numbers of one hospital and year. */
  receipt: (hospitalId: number, year: number) => key(`receipt:${hospitalId}:${year}`),
} as const;

/**
 * Takes the counter's current value and advances it, creating the counter at 1 when missing, in one statement. The
 * counter row stays locked until the caller's transaction ends: desks take turns on it, a rolled-back transaction
 * gives its number back, a committed one never hands it out again (gapless).
 */
export async function nextInSequence(em: EntityManager, sequence: SequenceKey): Promise<number> {
  const res: { affectedRows: number; insertId: number | string } = await em.query(
    'INSERT INTO number_sequences (scope_key, next_value) VALUES (?, 2) ON DUPLICATE KEY UPDATE next_value = LAST_INSERT_ID(next_value + 1)',
    [sequence],
  );
  // One affected row: the counter was created (its first value, 1); two: an existing counter was advanced.
  return res.affectedRows === 1 ? 1 : Number(res.insertId) - 1;
}

/**
 * Creates counters ahead of their first use (a hospital created, a format changed), leaving existing ones as they
 * stand: the first registrations of a new format then only advance an existing row instead of racing to create it.
 */
export async function prepareSequences(em: EntityManager, sequences: readonly SequenceKey[]): Promise<void> {
  const keys = [...new Set(sequences)];
  if (keys.length === 0) return;
  await em.query(`INSERT IGNORE INTO number_sequences (scope_key, next_value) VALUES ${keys.map(() => '(?, 1)').join(', ')}`, keys);
}

/** Anything that runs SQL with parameters: a transaction's EntityManager, or the demo data's bulk writer. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * Where counters must stand so the app continues after numbers given elsewhere (the demo data): moves each counter
 * forward to `nextValue`, never back.
 */
export async function advanceSequences(em: SqlRunner, rows: readonly { key: SequenceKey; nextValue: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await em.query(
    `INSERT INTO number_sequences (scope_key, next_value) VALUES ${rows.map(() => '(?, ?)').join(', ')} ON DUPLICATE KEY UPDATE next_value = GREATEST(next_value, VALUES(next_value))`,
    rows.flatMap((r) => [r.key, r.nextValue]),
  );
}
