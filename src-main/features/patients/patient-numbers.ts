// Next patient number for a hospital's format, taken under a row lock so parallel desks never get the same one.
import type { EntityManager } from 'typeorm';
import { renderPatientNumber, sequenceScope } from '@shared/domain/patient-number';
import { PatientEntity } from './patient.entity';

/**
 * The counter is keyed by the format itself (and the year when the format shows it): hospitals sharing a format
 * share one counter, so their numbers cannot collide. Numbers already present (imported records) are skipped.
 */
export async function nextPatientNumber(em: EntityManager, pattern: string, year: number): Promise<string> {
  const key = `patient:${pattern}:${sequenceScope(pattern, year)}`;
  // Lock first: INSERT IGNORE on an existing row would take a shared lock, and upgrading it deadlocks parallel desks.
  let [row] = await em.query('SELECT next_value FROM number_sequences WHERE scope_key = ? FOR UPDATE', [key]);
  if (!row) {
    await em.query('INSERT IGNORE INTO number_sequences (scope_key, next_value) VALUES (?, 1)', [key]);
    [row] = await em.query('SELECT next_value FROM number_sequences WHERE scope_key = ? FOR UPDATE', [key]);
  }
  let seq = Number(row.next_value);
  let number = renderPatientNumber(pattern, seq, year);
  for (let skipped = 0; skipped < 10_000 && (await em.exists(PatientEntity, { where: { patientNumber: number } })); skipped++) {
    seq += 1;
    number = renderPatientNumber(pattern, seq, year);
  }
  await em.query('UPDATE number_sequences SET next_value = ? WHERE scope_key = ?', [seq + 1, key]);
  return number;
}
