// The audit trail's anchors outside the chain itself: administrators' Ed25519 public keys (the private keys stay with
// them) and the checkpoints they signed over an entry of the trail (its id and hash).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditAnchors1765500000000 implements MigrationInterface {
  name = 'AuditAnchors1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_signing_keys (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      fingerprint CHAR(64) NOT NULL,
      public_key TEXT NOT NULL,
      created_at DATETIME(3) NOT NULL,
      created_by INT UNSIGNED NULL,
      created_by_name VARCHAR(40) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_audit_signing_keys_fingerprint (fingerprint)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE audit_checkpoints (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      key_id INT UNSIGNED NOT NULL,
      entry_id BIGINT UNSIGNED NOT NULL,
      entry_hash CHAR(64) NOT NULL,
      signed_at DATETIME(3) NOT NULL,
      signed_by INT UNSIGNED NULL,
      signed_by_name VARCHAR(40) NULL,
      signature VARCHAR(200) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_audit_checkpoints_entry (entry_id),
      CONSTRAINT fk_audit_checkpoints_key FOREIGN KEY (key_id) REFERENCES audit_signing_keys (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS audit_checkpoints');
    await q.query('DROP TABLE IF EXISTS audit_signing_keys');
  }
}
