// CSV imports: each committed import (its file's shape, the mapping used, counts), the external ids of imported
// records (a later file refers to an earlier one through them; importing a file again skips them), and past
// appointments known only by their day (kept as visits of that day, not as slots).
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class Imports1764900000000 implements MigrationInterface {
  name = 'Imports1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE import_batches (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      kind ENUM('patients','staff','doctors','rooms','appointments') NOT NULL,
      file_name VARCHAR(255) NULL,
      signature CHAR(64) NOT NULL,
      mapping MEDIUMTEXT NOT NULL,
      value_map MEDIUMTEXT NOT NULL,
      date_format VARCHAR(10) NULL,
      row_count INT UNSIGNED NOT NULL,
      created_count INT UNSIGNED NOT NULL,
      skipped_count INT UNSIGNED NOT NULL,
      warning_count INT UNSIGNED NOT NULL,
      imported_by INT UNSIGNED NULL,
      imported_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_import_batches_hospital (hospital_id, id),
      KEY ix_import_batches_shape (kind, signature, id),
      CONSTRAINT fk_import_batches_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_import_batches_user FOREIGN KEY (imported_by) REFERENCES users (id)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE import_refs (
      hospital_id INT UNSIGNED NOT NULL,
      record_kind ENUM('patient','staff','doctor','room','appointment') NOT NULL,
      external_id VARCHAR(100) NOT NULL,
      record_id BIGINT UNSIGNED NOT NULL,
      batch_id INT UNSIGNED NOT NULL,
      PRIMARY KEY (hospital_id, record_kind, external_id),
      KEY ix_import_refs_batch (batch_id),
      CONSTRAINT fk_import_refs_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_import_refs_batch FOREIGN KEY (batch_id) REFERENCES import_batches (id)
    ) ${TABLE}`);
    await q.query('ALTER TABLE appointments ADD COLUMN day_only TINYINT NOT NULL DEFAULT 0 AFTER local_date');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE appointments DROP COLUMN day_only');
    await q.query('DROP TABLE import_refs');
    await q.query('DROP TABLE import_batches');
  }
}
