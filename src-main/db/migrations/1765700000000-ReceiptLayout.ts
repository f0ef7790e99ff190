// A hospital's receipts print on A4 or on an 80 mm till roll (thermal printers at the cash desk).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReceiptLayout1765700000000 implements MigrationInterface {
  name = 'ReceiptLayout1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE billing_settings ADD COLUMN receipt_layout ENUM('a4','thermal80') NOT NULL DEFAULT 'a4' AFTER paper`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE billing_settings DROP COLUMN receipt_layout');
  }
}
