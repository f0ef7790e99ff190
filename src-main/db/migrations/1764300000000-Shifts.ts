// Shifts schema: shift types, working-time rules, coverage rules, shift assignments and staff leave.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const STAFF_ROLE = "ENUM('doctor','nurse','front_desk','billing','hr','manager','admin','technician','pharmacist','support')";

export class Shifts1764300000000 implements MigrationInterface {
  name = 'Shifts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE shift_types (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      name VARCHAR(40) NOT NULL,
      code VARCHAR(4) NOT NULL,
      start_minute SMALLINT UNSIGNED NOT NULL,
      end_minute SMALLINT UNSIGNED NOT NULL,
      pay_multiplier_bp INT UNSIGNED NOT NULL DEFAULT 10000,
      active TINYINT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_shift_types_name (hospital_id, name),
      UNIQUE KEY uq_shift_types_code (hospital_id, code),
      CONSTRAINT fk_shift_types_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE rota_rules (
      hospital_id INT UNSIGNED NOT NULL,
      min_rest_minutes SMALLINT UNSIGNED NOT NULL,
      max_week_minutes SMALLINT UNSIGNED NOT NULL,
      PRIMARY KEY (hospital_id),
      CONSTRAINT fk_rota_rules_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE coverage_rules (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      department_id INT UNSIGNED NOT NULL,
      shift_type_id INT UNSIGNED NOT NULL,
      staff_role ${STAFF_ROLE} NOT NULL,
      min_headcount SMALLINT UNSIGNED NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_coverage_rules (department_id, shift_type_id, staff_role),
      KEY ix_coverage_rules_type (shift_type_id),
      CONSTRAINT fk_coverage_rules_department FOREIGN KEY (department_id) REFERENCES departments (id),
      CONSTRAINT fk_coverage_rules_type FOREIGN KEY (shift_type_id) REFERENCES shift_types (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE shift_assignments (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      staff_id INT UNSIGNED NOT NULL,
      department_id INT UNSIGNED NOT NULL,
      shift_type_id INT UNSIGNED NOT NULL,
      shift_date DATE NOT NULL,
      starts_at DATETIME(3) NOT NULL,
      ends_at DATETIME(3) NOT NULL,
      minutes SMALLINT UNSIGNED NOT NULL,
      night_minutes SMALLINT UNSIGNED NOT NULL,
      weekend_minutes SMALLINT UNSIGNED NOT NULL,
      pay_multiplier_bp INT UNSIGNED NOT NULL,
      assigned_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_shift_assignments (staff_id, shift_date, shift_type_id),
      KEY ix_shift_assignments_staff (staff_id, starts_at),
      KEY ix_shift_assignments_department (department_id, shift_date),
      KEY ix_shift_assignments_hospital (hospital_id, shift_date),
      KEY ix_shift_assignments_type (shift_type_id),
      CONSTRAINT fk_shift_assignments_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_shift_assignments_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
      CONSTRAINT fk_shift_assignments_department FOREIGN KEY (department_id) REFERENCES departments (id),
      CONSTRAINT fk_shift_assignments_type FOREIGN KEY (shift_type_id) REFERENCES shift_types (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE staff_leave (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      staff_id INT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      kind ENUM('annual','sick','training','maternity','unpaid','other') NOT NULL,
      start_date DATE NOT NULL,
      end_date DATE NOT NULL,
      note VARCHAR(500) NULL,
      status ENUM('recorded','cancelled') NOT NULL DEFAULT 'recorded',
      cancel_reason VARCHAR(300) NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_staff_leave_staff (staff_id, end_date),
      KEY ix_staff_leave_hospital (hospital_id, end_date),
      CONSTRAINT fk_staff_leave_staff FOREIGN KEY (staff_id) REFERENCES staff (id),
      CONSTRAINT fk_staff_leave_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['staff_leave', 'shift_assignments', 'coverage_rules', 'rota_rules', 'shift_types']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
