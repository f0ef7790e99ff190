// Payroll adjustments: a one-off line is a deduction or an earning (pay something back), and may name the finalized
// month it corrects (a finalized slip never changes; its correction is a line in a later month).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PayrollAdjustments1764700000000 implements MigrationInterface {
  name = 'PayrollAdjustments1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE pay_one_offs
        ADD COLUMN kind ENUM('deduction','earning') NOT NULL DEFAULT 'deduction' AFTER label,
        ADD COLUMN corrects_month CHAR(7) NULL AFTER amount`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE pay_one_offs DROP COLUMN corrects_month, DROP COLUMN kind');
  }
}
