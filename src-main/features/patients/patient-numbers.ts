// Patient numbers from the hospital's format: a counter taken in one statement, so parallel desks take turns on it.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { renderPatientNumber } from '@shared/domain/patient-number';
import { duplicateKey } from '../../db/db-errors';
import { nextInSequence, prepareSequences, sequenceKey } from '../../db/sequences';

/** How many numbers already in use (imported records) one registration may skip before giving up. */
const MAX_SKIPPED = 10_000;

/**
 * Creates a format's counter ahead of its first use (hospital created, format changed), so parallel first
 * registrations only advance an existing row. Formats that show the year get this year's and next year's counters.
 */
export async function preparePatientCounters(em: EntityManager, pattern: string, year: number): Promise<void> {
  await prepareSequences(em, [sequenceKey.patientNumber(pattern, year), sequenceKey.patientNumber(pattern, year + 1)]);
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
  const key = sequenceKey.patientNumber(pattern, year);
  for (let skipped = 0; ; skipped++) {
    const number = renderPatientNumber(pattern, await nextInSequence(em, key), year);
    try {
      await assign(number);
      return number;
    } catch (e) {
      // InnoDB undoes only the failed statement; the transaction, its locks and the advanced counter stay.
      if (duplicateKey(e) !== uniqueKey || skipped >= MAX_SKIPPED) throw e;
    }
  }
}
