// Payroll schema: pay structures with their history, bank details, deduction rules and public holidays per hospital,
// one-off deductions, monthly runs with their salary slips (lines as JSON, totals as columns) and the slips' stored PDFs.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class Payroll1764600000000 implements MigrationInterface {
  name = 'Payroll1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE pay_structures (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      staff_id INT UNSIGNED NOT NULL,
      valid_from DATE NOT NULL,
      basis ENUM('salaried','hourly') NOT NULL,
      monthly_base BIGINT UNSIGNED NULL,
      hourly_rate BIGINT UNSIGNED NULL,
      employment_percent TINYINT UNSIGNED NOT NULL DEFAULT 100,
      allowances MEDIUMTEXT NOT NULL,
      differentials MEDIUMTEXT NOT NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_pay_structures_from (staff_id, valid_from),
      KEY ix_pay_structures_hospital (hospital_id, valid_from),
      CONSTRAINT fk_pay_structures_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_pay_structures_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE staff_bank_details (
      staff_id INT UNSIGNED NOT NULL,
      bank_name VARCHAR(80) NULL,
      bank_account VARCHAR(40) NULL,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (staff_id),
      CONSTRAINT fk_staff_bank_details_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE payroll_settings (
      hospital_id INT UNSIGNED NOT NULL,
      rules MEDIUMTEXT NOT NULL,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (hospital_id),
      CONSTRAINT fk_payroll_settings_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE payroll_holidays (
      hospital_id INT UNSIGNED NOT NULL,
      holiday_date DATE NOT NULL,
      name VARCHAR(80) NOT NULL,
      PRIMARY KEY (hospital_id, holiday_date),
      CONSTRAINT fk_payroll_holidays_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE pay_one_offs (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      staff_id INT UNSIGNED NOT NULL,
      month CHAR(7) NOT NULL,
      label VARCHAR(60) NOT NULL,
      amount BIGINT UNSIGNED NOT NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_pay_one_offs_month (hospital_id, month),
      KEY ix_pay_one_offs_staff (staff_id, month),
      CONSTRAINT fk_pay_one_offs_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_pay_one_offs_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE payroll_runs (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      month CHAR(7) NOT NULL,
      status ENUM('draft','finalized') NOT NULL DEFAULT 'draft',
      currency CHAR(3) NOT NULL,
      computed_at DATETIME(3) NOT NULL,
      finalized_at DATETIME(3) NULL,
      finalized_by INT UNSIGNED NULL,
      paid_on DATE NULL,
      started_by INT UNSIGNED NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_payroll_runs_month (hospital_id, month),
      CONSTRAINT fk_payroll_runs_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE salary_slips (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      run_id INT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      staff_id INT UNSIGNED NOT NULL,
      month CHAR(7) NOT NULL,
      employee_number VARCHAR(20) NOT NULL,
      name VARCHAR(201) NOT NULL,
      department VARCHAR(100) NULL,
      designation VARCHAR(40) NOT NULL,
      period_start DATE NOT NULL,
      period_end DATE NOT NULL,
      working_days SMALLINT UNSIGNED NOT NULL,
      paid_days DECIMAL(6,2) NOT NULL,
      earnings MEDIUMTEXT NOT NULL,
      deductions MEDIUMTEXT NOT NULL,
      employer MEDIUMTEXT NOT NULL,
      gross BIGINT UNSIGNED NOT NULL,
      total_deductions BIGINT UNSIGNED NOT NULL,
      net BIGINT NOT NULL,
      employer_cost BIGINT UNSIGNED NOT NULL,
      ytd_gross BIGINT UNSIGNED NOT NULL,
      ytd_net BIGINT NOT NULL,
      bank_account_masked VARCHAR(50) NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_salary_slips_staff (run_id, staff_id),
      KEY ix_salary_slips_staff (staff_id, month),
      KEY ix_salary_slips_hospital (hospital_id, month),
      CONSTRAINT fk_salary_slips_run FOREIGN KEY (run_id) REFERENCES payroll_runs (id),
      CONSTRAINT fk_salary_slips_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_salary_slips_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE salary_slip_documents (
      slip_id BIGINT UNSIGNED NOT NULL,
      pdf MEDIUMBLOB NOT NULL,
      sha256 CHAR(64) NOT NULL,
      pages INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (slip_id),
      CONSTRAINT fk_salary_slip_documents_slip FOREIGN KEY (slip_id) REFERENCES salary_slips (id)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['salary_slip_documents', 'salary_slips', 'payroll_runs', 'pay_one_offs', 'payroll_holidays', 'payroll_settings', 'staff_bank_details', 'pay_structures']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
