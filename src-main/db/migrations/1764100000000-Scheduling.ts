// Scheduling schema: staff, doctors, their weekly hours and exceptions, and appointments.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export class Scheduling1764100000000 implements MigrationInterface {
  name = 'Scheduling1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE staff (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      employee_number VARCHAR(20) NOT NULL,
      first_name VARCHAR(100) NOT NULL,
      last_name VARCHAR(100) NOT NULL,
      name_key VARCHAR(201) NOT NULL,
      staff_role ENUM('doctor','nurse','front_desk','billing','hr','manager','admin','technician','pharmacist','support') NOT NULL,
      department_id INT UNSIGNED NULL,
      phone VARCHAR(16) NULL,
      email VARCHAR(254) NULL,
      hire_date DATE NOT NULL,
      contracted_hours TINYINT UNSIGNED NOT NULL,
      status ENUM('active','on_leave','terminated') NOT NULL DEFAULT 'active',
      terminated_on DATE NULL,
      termination_reason VARCHAR(500) NULL,
      user_id INT UNSIGNED NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_staff_employee_number (hospital_id, employee_number),
      UNIQUE KEY uq_staff_user (user_id),
      KEY ix_staff_list (hospital_id, status, name_key, id),
      KEY ix_staff_department (department_id, staff_role),
      CONSTRAINT fk_staff_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_staff_department FOREIGN KEY (department_id) REFERENCES departments (id),
      CONSTRAINT fk_staff_user FOREIGN KEY (user_id) REFERENCES users (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE doctors (
      staff_id INT UNSIGNED NOT NULL,
      specialization VARCHAR(80) NOT NULL,
      licence_number VARCHAR(40) NOT NULL,
      consultation_fee BIGINT UNSIGNED NOT NULL,
      default_slot_minutes SMALLINT UNSIGNED NOT NULL DEFAULT 15,
      PRIMARY KEY (staff_id),
      UNIQUE KEY uq_doctors_licence (licence_number),
      KEY ix_doctors_specialization (specialization),
      CONSTRAINT fk_doctors_staff FOREIGN KEY (staff_id) REFERENCES staff (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE doctor_schedules (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      doctor_id INT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      weekday TINYINT UNSIGNED NOT NULL,
      start_minute SMALLINT UNSIGNED NOT NULL,
      end_minute SMALLINT UNSIGNED NOT NULL,
      slot_minutes SMALLINT UNSIGNED NOT NULL,
      valid_from DATE NOT NULL,
      valid_to DATE NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_doctor_schedules_doctor (doctor_id, weekday),
      KEY ix_doctor_schedules_hospital (hospital_id, weekday),
      CONSTRAINT fk_doctor_schedules_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (staff_id),
      CONSTRAINT fk_doctor_schedules_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE doctor_exceptions (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      doctor_id INT UNSIGNED NOT NULL,
      kind ENUM('leave','sick','conference','training','other') NOT NULL,
      start_date DATE NOT NULL,
      end_date DATE NOT NULL,
      start_minute SMALLINT UNSIGNED NULL,
      end_minute SMALLINT UNSIGNED NULL,
      note VARCHAR(500) NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_doctor_exceptions_doctor (doctor_id, end_date),
      CONSTRAINT fk_doctor_exceptions_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (staff_id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE appointments (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      department_id INT UNSIGNED NULL,
      doctor_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      starts_at DATETIME(3) NOT NULL,
      ends_at DATETIME(3) NOT NULL,
      local_date DATE NOT NULL,
      reason VARCHAR(500) NULL,
      status ENUM('booked','checked_in','completed','cancelled','no_show') NOT NULL DEFAULT 'booked',
      cancel_reason VARCHAR(500) NULL,
      queue_number SMALLINT UNSIGNED NULL,
      checked_in_at DATETIME(3) NULL,
      completed_at DATETIME(3) NULL,
      cancelled_at DATETIME(3) NULL,
      booked_by INT UNSIGNED NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_appointments_doctor (doctor_id, starts_at),
      KEY ix_appointments_patient (patient_id, starts_at),
      KEY ix_appointments_day (hospital_id, local_date, starts_at),
      KEY ix_appointments_department (department_id),
      CONSTRAINT fk_appointments_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_appointments_department FOREIGN KEY (department_id) REFERENCES departments (id),
      CONSTRAINT fk_appointments_doctor FOREIGN KEY (doctor_id) REFERENCES doctors (staff_id),
      CONSTRAINT fk_appointments_patient FOREIGN KEY (patient_id) REFERENCES patients (id)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['appointments', 'doctor_exceptions', 'doctor_schedules', 'doctors', 'staff']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
