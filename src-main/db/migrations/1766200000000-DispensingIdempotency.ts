// Dispensings carry the key the pharmacy desk made for one submit, as payments do (1765000000000): sending the same
// dispensing again (a retry after a lost answer, a second click) finds the first one instead of taking the stock and
// charging the patient twice.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DispensingIdempotency1766200000000 implements MigrationInterface {
  name = 'DispensingIdempotency1766200000000';
  /** A nullable column older workstations never write or read: they go on dispensing without a key. */
  static readonly additive = true;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dispensings
      ADD COLUMN idempotency_key CHAR(36) NULL AFTER charge_id,
      ADD UNIQUE KEY uq_dispensings_idempotency_key (idempotency_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE dispensings DROP KEY uq_dispensings_idempotency_key, DROP COLUMN idempotency_key');
  }
}
