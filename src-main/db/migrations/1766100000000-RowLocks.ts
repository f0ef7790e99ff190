// The lock-as-write rule (db/locks.ts): every row lock and named lock the app takes also bumps a counter here, so a
// Galera cluster's certification sees two desks' locks of the same row on different nodes as a conflict.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RowLocks1766100000000 implements MigrationInterface {
  name = 'RowLocks1766100000000';
  /** A new table: older workstations never read it. */
  static readonly additive = true;

  async up(q: QueryRunner): Promise<void> {
    // lock_table '' holds the named locks (key: the name's SHA-1); a row's key is its primary key as text. The primary
    // key is what Galera certifies on, and what makes INSERT … ON DUPLICATE KEY UPDATE lock exactly one row.
    await q.query(
      `CREATE TABLE row_locks (
        lock_table VARCHAR(64) NOT NULL,
        lock_key VARCHAR(64) NOT NULL,
        n BIGINT UNSIGNED NOT NULL DEFAULT 0,
        PRIMARY KEY (lock_table, lock_key)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE row_locks');
  }
}
