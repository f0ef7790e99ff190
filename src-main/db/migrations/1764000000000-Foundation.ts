// Foundation schema: hospitals, departments, users, patients, number sequences, settings and the append-only audit trail.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const GENESIS = '0'.repeat(64);

export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE hospitals (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      code VARCHAR(12) NOT NULL,
      name VARCHAR(120) NOT NULL,
      country CHAR(2) NOT NULL,
      region VARCHAR(80) NULL,
      address VARCHAR(250) NULL,
      time_zone VARCHAR(64) NOT NULL,
      currency CHAR(3) NOT NULL,
      default_tax_rate_bp INT UNSIGNED NOT NULL DEFAULT 0,
      patient_number_format VARCHAR(40) NOT NULL,
      version INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_hospitals_code (code)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE departments (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      name VARCHAR(80) NOT NULL,
      active TINYINT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_departments_name (hospital_id, name),
      CONSTRAINT fk_departments_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE users (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      username VARCHAR(40) NOT NULL,
      full_name VARCHAR(120) NOT NULL,
      password_hash VARCHAR(200) NOT NULL,
      roles SET('front_desk','doctor','nurse','billing','hr','manager','admin') NOT NULL,
      all_hospitals TINYINT NOT NULL DEFAULT 0,
      active TINYINT NOT NULL DEFAULT 1,
      failed_logins SMALLINT UNSIGNED NOT NULL DEFAULT 0,
      locked_until DATETIME(3) NULL,
      last_login_at DATETIME(3) NULL,
      version INT UNSIGNED NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_users_username (username)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE user_hospitals (
      user_id INT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      PRIMARY KEY (user_id, hospital_id),
      KEY ix_user_hospitals_hospital (hospital_id),
      CONSTRAINT fk_user_hospitals_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      CONSTRAINT fk_user_hospitals_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE patients (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      patient_number VARCHAR(40) NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      first_name VARCHAR(100) NOT NULL,
      middle_name VARCHAR(100) NULL,
      last_name VARCHAR(100) NOT NULL,
      name_key VARCHAR(201) NOT NULL,
      name_key_rev VARCHAR(201) NOT NULL,
      date_of_birth DATE NOT NULL,
      sex ENUM('female','male','other','unknown') NOT NULL,
      phone VARCHAR(16) NOT NULL,
      email VARCHAR(254) NULL,
      address_line VARCHAR(250) NULL,
      city VARCHAR(100) NULL,
      region VARCHAR(100) NULL,
      postal_code VARCHAR(20) NULL,
      national_id VARCHAR(40) NULL,
      national_id_last4 VARCHAR(4) NULL,
      next_of_kin_name VARCHAR(150) NULL,
      next_of_kin_relationship VARCHAR(50) NULL,
      next_of_kin_phone VARCHAR(16) NULL,
      blood_group ENUM('A+','A-','B+','B-','AB+','AB-','O+','O-','unknown') NOT NULL DEFAULT 'unknown',
      allergies TEXT NULL,
      chronic_conditions TEXT NULL,
      insurance_provider VARCHAR(120) NULL,
      insurance_policy_number VARCHAR(60) NULL,
      insurance_coverage_percent TINYINT UNSIGNED NULL,
      insurance_valid_until DATE NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_patients_number (patient_number),
      KEY ix_patients_name (name_key, id),
      KEY ix_patients_name_rev (name_key_rev, id, name_key),
      KEY ix_patients_dob (date_of_birth, name_key, first_name, last_name),
      KEY ix_patients_phone (phone),
      CONSTRAINT fk_patients_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE number_sequences (
      scope_key VARCHAR(80) NOT NULL,
      next_value BIGINT UNSIGNED NOT NULL,
      PRIMARY KEY (scope_key)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE settings (
      \`key\` VARCHAR(60) NOT NULL,
      value VARCHAR(500) NOT NULL,
      PRIMARY KEY (\`key\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`INSERT INTO settings (\`key\`, value) VALUES ('idle_lock_minutes', '10')`);

    await q.query(`CREATE TABLE audit_log (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      at DATETIME(3) NOT NULL,
      user_id INT UNSIGNED NULL,
      username VARCHAR(40) NULL,
      channel VARCHAR(60) NOT NULL,
      action VARCHAR(60) NOT NULL,
      entity VARCHAR(40) NULL,
      entity_id VARCHAR(40) NULL,
      hospital_id INT UNSIGNED NULL,
      changes MEDIUMTEXT NULL,
      prev_hash CHAR(64) NOT NULL,
      hash CHAR(64) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_audit_user (user_id, id),
      KEY ix_audit_entity (entity, entity_id, id),
      KEY ix_audit_at (at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`CREATE TABLE audit_head (
      id TINYINT UNSIGNED NOT NULL,
      last_id BIGINT UNSIGNED NOT NULL,
      last_hash CHAR(64) NOT NULL,
      PRIMARY KEY (id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '${GENESIS}')`);
    // The trail is append-only at the database level, whoever connects.
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'`);
    await q.query(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
      SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS audit_log_no_delete');
    await q.query('DROP TRIGGER IF EXISTS audit_log_no_update');
    for (const t of ['audit_head', 'audit_log', 'settings', 'number_sequences', 'patients', 'user_hospitals', 'users', 'departments', 'hospitals']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
