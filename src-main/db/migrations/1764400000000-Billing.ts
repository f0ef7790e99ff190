// Billing schema: the charge catalog, billing settings, invoices with lines and their stored PDF, payments with receipts.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const CATEGORY = "ENUM('consultation','treatment','test','room','medicine','other')";

export class Billing1764400000000 implements MigrationInterface {
  name = 'Billing1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE catalog_items (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      code VARCHAR(20) NOT NULL,
      description VARCHAR(200) NOT NULL,
      category ${CATEGORY} NOT NULL,
      price BIGINT UNSIGNED NOT NULL,
      tax_rate_bp INT UNSIGNED NOT NULL DEFAULT 0,
      active TINYINT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_catalog_items_code (hospital_id, code),
      CONSTRAINT fk_catalog_items_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE billing_settings (
      hospital_id INT UNSIGNED NOT NULL,
      tax_number VARCHAR(40) NULL,
      require_billed_before_discharge TINYINT NOT NULL DEFAULT 0,
      archive_after_days SMALLINT UNSIGNED NOT NULL DEFAULT 90,
      paper ENUM('A4','Letter') NOT NULL DEFAULT 'A4',
      PRIMARY KEY (hospital_id),
      CONSTRAINT fk_billing_settings_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE invoices (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      number VARCHAR(30) NULL,
      status ENUM('draft','issued','partially_paid','paid','void') NOT NULL DEFAULT 'draft',
      currency CHAR(3) NOT NULL,
      subtotal BIGINT UNSIGNED NOT NULL DEFAULT 0,
      tax BIGINT UNSIGNED NOT NULL DEFAULT 0,
      discount BIGINT UNSIGNED NOT NULL DEFAULT 0,
      discount_reason VARCHAR(300) NULL,
      total BIGINT UNSIGNED NOT NULL DEFAULT 0,
      insurance_provider VARCHAR(120) NULL,
      insurance_policy_number VARCHAR(60) NULL,
      insurance_percent TINYINT UNSIGNED NULL,
      insurance_share BIGINT UNSIGNED NOT NULL DEFAULT 0,
      paid BIGINT UNSIGNED NOT NULL DEFAULT 0,
      issued_at DATETIME(3) NULL,
      issue_date DATE NULL,
      voided_at DATETIME(3) NULL,
      void_reason VARCHAR(300) NULL,
      archived_at DATETIME(3) NULL,
      created_by INT UNSIGNED NULL,
      issued_by INT UNSIGNED NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_invoices_number (hospital_id, number),
      KEY ix_invoices_list (hospital_id, archived_at, issue_date, id),
      KEY ix_invoices_patient (patient_id, id),
      CONSTRAINT fk_invoices_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_invoices_patient FOREIGN KEY (patient_id) REFERENCES patients (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE invoice_lines (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      invoice_id BIGINT UNSIGNED NOT NULL,
      charge_id BIGINT UNSIGNED NULL,
      position SMALLINT UNSIGNED NOT NULL,
      description VARCHAR(200) NOT NULL,
      category ${CATEGORY} NOT NULL,
      quantity INT UNSIGNED NOT NULL,
      unit_price BIGINT UNSIGNED NOT NULL,
      tax_rate_bp INT UNSIGNED NOT NULL,
      net BIGINT UNSIGNED NOT NULL,
      tax BIGINT UNSIGNED NOT NULL,
      total BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (id),
      KEY ix_invoice_lines_invoice (invoice_id, position),
      KEY ix_invoice_lines_charge (charge_id),
      CONSTRAINT fk_invoice_lines_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE invoice_documents (
      invoice_id BIGINT UNSIGNED NOT NULL,
      pdf LONGBLOB NOT NULL,
      sha256 CHAR(64) NOT NULL,
      pages SMALLINT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (invoice_id),
      CONSTRAINT fk_invoice_documents_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE payments (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      invoice_id BIGINT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      amount BIGINT UNSIGNED NOT NULL,
      method ENUM('cash','card','mobile_money','insurance','bank_transfer') NOT NULL,
      reference VARCHAR(80) NULL,
      paid_at DATETIME(3) NOT NULL,
      cashier_id INT UNSIGNED NULL,
      receipt_number VARCHAR(30) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_payments_receipt (hospital_id, receipt_number),
      KEY ix_payments_invoice (invoice_id, id),
      CONSTRAINT fk_payments_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id),
      CONSTRAINT fk_payments_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE payment_documents (
      payment_id BIGINT UNSIGNED NOT NULL,
      pdf LONGBLOB NOT NULL,
      sha256 CHAR(64) NOT NULL,
      PRIMARY KEY (payment_id),
      CONSTRAINT fk_payment_documents_payment FOREIGN KEY (payment_id) REFERENCES payments (id)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['payment_documents', 'payments', 'invoice_documents', 'invoice_lines', 'invoices', 'billing_settings', 'catalog_items']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
