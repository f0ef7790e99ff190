// Payments carry the key the desk made for one submit: sending the same payment again (a retry after a lost answer, a
// second click) finds the first one instead of recording another.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PaymentIdempotency1765000000000 implements MigrationInterface {
  name = 'PaymentIdempotency1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE payments
      ADD COLUMN idempotency_key CHAR(36) NULL AFTER receipt_number,
      ADD UNIQUE KEY uq_payments_idempotency_key (idempotency_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE payments DROP KEY uq_payments_idempotency_key, DROP COLUMN idempotency_key');
  }
}
