// Which Hospital Desk ran each migration, and whether it only adds: a workstation older than the schema reads them to
// tell "update this workstation to version X" from "keep working" (db/migrate.ts). Filled in by the migrating
// workstation right after each migration; rows of migrations run before this one keep a null version.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SchemaVersions1766050000000 implements MigrationInterface {
  name = 'SchemaVersions1766050000000';
  /** Two columns with defaults: older workstations never read them. */
  static readonly additive = true;

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE migrations ADD COLUMN app_version VARCHAR(40) NULL, ADD COLUMN additive TINYINT(1) NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE migrations DROP COLUMN app_version, DROP COLUMN additive');
  }
}
