// Patient numbers from the hospital's format: a counter row taken in one statement, so parallel desks take turns on it.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { renderPatientNumber, sequenceScope } from '@shared/domain/patient-number';
import { duplicateKey } from '../../db/db-errors';

/** How many numbers already in use (imported records) one registration may skip before giving up. */
const MAX_SKIPPED = 10_000;

const counterKey = (pattern: string, year: number) => `patient:${pattern}:${sequenceScope(pattern, year)}`;

/**
 * Creates a format's counter ahead of its first use (hospital created, format changed): registrations then only ever
 * UPDATE an existing row, and parallel first registrations cannot deadlock on creating it. Formats that show the year
 * get this year's and next year's counters.
 */
export async function preparePatientCounters(em: EntityManager, pattern: string, year: number): Promise<void> {
  const keys = [...new Set([counterKey(pattern, year), counterKey(pattern, year + 1)])];
  await em.query(`INSERT IGNORE INTO number_sequences (scope_key, next_value) VALUES ${keys.map(() => '(?, 1)').join(', ')}`, keys);
}

/**
 * Takes the counter's current value and advances it, in one statement that keeps the row locked until the caller's
 * transaction ends: a rolled-back registration gives its number back, a committed one never hands it out again.
 */
export async function takeNext(em: EntityManager, key: string): Promise<number> {
  const res: { affectedRows: number; insertId: number | string } = await em.query(
    'UPDATE number_sequences SET next_value = LAST_INSERT_ID(next_value + 1) WHERE scope_key = ?',
    [key],
  );
  if (res.affectedRows === 1) return Number(res.insertId) - 1;
  // No counter yet (a year nobody prepared, or data loaded from elsewhere). Desks racing here deadlock on the gap;
  // the pipeline retries the loser, which then finds the row.
  await em.query('INSERT INTO number_sequences (scope_key, next_value) VALUES (?, 2)', [key]);
  return 1;
}

/**
 * A unique stand-in for the number while the row is written: it sorts after every real number ('~' is above letters
 * and digits), so in-flight rows share the unique index's last page instead of touching a random one.
 */
export const pendingNumber = () => `~${randomUUID()}`;

/**
 * Gives a record its number, the next free one of `pattern`, by `assign` (an UPDATE of the row written beforehand
 * under a pendingNumber()). The counter is keyed by the format itself (and the year when the format shows it):
 * hospitals sharing a format share one counter, so their numbers cannot collide. A number already taken (an
 * imported record) is skipped: `assign` hits the unique key and the next number is tried.
 *
 * Why assign after writing the row: on a big table the INSERT reads index pages from disk, and it should do so
 * before this transaction holds the counter, which every other desk of the same format is waiting for.
 */
export async function assignNextNumber(
  em: EntityManager,
  pattern: string,
  year: number,
  uniqueKey: string,
  assign: (number: string) => Promise<void>,
): Promise<string> {
  const key = counterKey(pattern, year);
  for (let skipped = 0; ; skipped++) {
    const number = renderPatientNumber(pattern, await takeNext(em, key), year);
    try {
      await assign(number);
      return number;
    } catch (e) {
      // InnoDB undoes only the failed statement; the transaction, its locks and the advanced counter stay.
      if (duplicateKey(e) !== uniqueKey || skipped >= MAX_SKIPPED) throw e;
    }
  }
}
