import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataSource } from '../../src-main/db/data-source';
import { migrate } from '../../src-main/db/database';
import { ENTITIES } from '../../src-main/features/entities';
import { createTestDatabase, type TestDatabase } from '../support/test-db';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.drop());

describe('the schema', () => {
  it('is built by the migrations exactly as the entities describe it', async () => {
    const ds = await createDataSource(db.target, ENTITIES, 2).initialize();
    try {
      expect(await migrate(ds)).toEqual(['Foundation1764000000000', 'Scheduling1764100000000', 'Wards1764200000000', 'Shifts1764300000000', 'Billing1764400000000', 'Clinical1764500000000', 'Payroll1764600000000', 'PayrollAdjustments1764700000000', 'Reports1764800000000', 'Imports1764900000000', 'PaymentIdempotency1765000000000', 'ReportSummaries1765100000000', 'ReportSpeed1765200000000', 'ReportVisitSummaries1765300000000', 'ReportPatientDays1765400000000', 'AuditAnchors1765500000000', 'RolePermissions1765600000000', 'ReceiptLayout1765700000000', 'SearchNameLetters1765900000000', 'SchemaVersions1766050000000', 'RowLocks1766100000000', 'DispensingIdempotency1766200000000']);
      expect(await migrate(ds)).toEqual([]);
      const drift = await ds.driver.createSchemaBuilder().log();
      expect(drift.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });

  it('uses utf8mb4 for every table', async () => {
    const rows = await db.sql<{ TABLE_NAME: string; TABLE_COLLATION: string }>(
      'SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
    );
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(r.TABLE_COLLATION).toMatch(/^utf8mb4/);
  });

  it('can be rolled back and applied again', async () => {
    const ds = await createDataSource(db.target, ENTITIES, 2).initialize();
    try {
      await ds.undoLastMigration();
      expect(await db.sql("SHOW COLUMNS FROM dispensings LIKE 'idempotency_key'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'row_locks'")).toHaveLength(1);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'row_locks'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW COLUMNS FROM migrations LIKE 'app_version'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SELECT name FROM migrations WHERE name = 'SearchNameLetters1765900000000'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW COLUMNS FROM billing_settings LIKE 'receipt_layout'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'role_permissions'")).toHaveLength(1);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'role_permissions'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'audit_checkpoints'")).toHaveLength(1);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'audit_checkpoints'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'audit_signing_keys'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'audit_log'")).toHaveLength(1);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'report_patient_days'")).toHaveLength(0);
      expect(await db.sql("SHOW TRIGGERS LIKE 'patients'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'report_visit_days'")).toHaveLength(0);
      expect(await db.sql("SHOW TRIGGERS LIKE 'charges'")).toHaveLength(0);
      expect(await db.sql("SHOW INDEX FROM patients WHERE Key_name = 'ix_patients_report'")).not.toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW INDEX FROM patients WHERE Key_name = 'ix_patients_report'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'report_appointment_days'")).toHaveLength(1);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'report_appointment_days'")).toHaveLength(0);
      expect(await db.sql("SHOW TRIGGERS LIKE 'appointments'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW COLUMNS FROM payments LIKE 'idempotency_key'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'import_refs'")).toHaveLength(0);
      expect(await db.sql("SHOW COLUMNS FROM appointments LIKE 'day_only'")).toHaveLength(0);
      expect(await db.sql("SHOW INDEX FROM appointments WHERE Key_name = 'ix_appointments_report'")).not.toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW INDEX FROM appointments WHERE Key_name = 'ix_appointments_report'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW COLUMNS FROM pay_one_offs LIKE 'corrects_month'")).toHaveLength(0);
      expect(await db.sql("SHOW COLUMNS FROM pay_one_offs LIKE 'kind'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'payroll_runs'")).toHaveLength(1);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'payroll_runs'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'encounters'")).toHaveLength(1);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'encounters'")).toHaveLength(0);
      expect(await db.sql("SHOW COLUMNS FROM users LIKE 'roles'")).toEqual([expect.objectContaining({ Type: "set('front_desk','doctor','nurse','billing','hr','manager','admin')" })]);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'invoices'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'shift_assignments'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'stays'")).toHaveLength(0);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'appointments'")).toHaveLength(0);
      expect(await db.sql("SHOW TABLES LIKE 'patients'")).toHaveLength(1);
      await ds.undoLastMigration();
      expect(await db.sql("SHOW TABLES LIKE 'patients'")).toHaveLength(0);
      expect(await migrate(ds)).toEqual(['Foundation1764000000000', 'Scheduling1764100000000', 'Wards1764200000000', 'Shifts1764300000000', 'Billing1764400000000', 'Clinical1764500000000', 'Payroll1764600000000', 'PayrollAdjustments1764700000000', 'Reports1764800000000', 'Imports1764900000000', 'PaymentIdempotency1765000000000', 'ReportSummaries1765100000000', 'ReportSpeed1765200000000', 'ReportVisitSummaries1765300000000', 'ReportPatientDays1765400000000', 'AuditAnchors1765500000000', 'RolePermissions1765600000000', 'ReceiptLayout1765700000000', 'SearchNameLetters1765900000000', 'SchemaVersions1766050000000', 'RowLocks1766100000000', 'DispensingIdempotency1766200000000']);
    } finally {
      await ds.destroy();
    }
  });
});
