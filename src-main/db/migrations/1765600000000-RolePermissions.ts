// An administrator's per-hospital changes to PRODUCT.md's role table: a role widened to a channel it does not have by
// default, or narrowed from one it has. Only the differences are stored; the contract's `access` is the default.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RolePermissions1765600000000 implements MigrationInterface {
  name = 'RolePermissions1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE role_permissions (
      channel VARCHAR(80) NOT NULL,
      role VARCHAR(20) NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      allowed TINYINT(1) NOT NULL,
      updated_at DATETIME(3) NOT NULL,
      updated_by INT UNSIGNED NULL,
      PRIMARY KEY (channel, role, hospital_id),
      KEY ix_role_permissions_hospital (hospital_id),
      CONSTRAINT fk_role_permissions_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS role_permissions');
  }
}
