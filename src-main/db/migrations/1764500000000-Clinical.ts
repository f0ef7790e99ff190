// Clinical and pharmacy schema: the pharmacist role, ICD-10 codes, the test catalog with reference ranges, encounters
// (SOAP notes, vitals, addenda), diagnoses, procedures, test orders and results, medicine items, stock batches and
// movements, prescriptions and dispensing.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const ROLES_BEFORE = "SET('front_desk','doctor','nurse','billing','hr','manager','admin')";
const ROLES_AFTER = "SET('front_desk','doctor','nurse','billing','hr','manager','admin','pharmacist')";

export class Clinical1764500000000 implements MigrationInterface {
  name = 'Clinical1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users MODIFY roles ${ROLES_AFTER} NOT NULL`);

    // ICD-10: chain-wide. Words are searched through the FULLTEXT index, codes through the primary key.
    await q.query(`CREATE TABLE icd10_codes (
      code VARCHAR(8) NOT NULL,
      title VARCHAR(255) NOT NULL,
      common TINYINT NOT NULL DEFAULT 0,
      PRIMARY KEY (code),
      FULLTEXT KEY ft_icd10_title (title)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE test_definitions (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      code VARCHAR(20) NOT NULL,
      name VARCHAR(120) NOT NULL,
      kind ENUM('lab','imaging') NOT NULL,
      unit VARCHAR(30) NULL,
      ucum VARCHAR(30) NULL,
      loinc VARCHAR(20) NULL,
      catalog_item_id INT UNSIGNED NULL,
      active TINYINT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_test_definitions_code (hospital_id, code),
      CONSTRAINT fk_test_definitions_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_test_definitions_catalog FOREIGN KEY (catalog_item_id) REFERENCES catalog_items (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE test_ranges (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      test_id INT UNSIGNED NOT NULL,
      sex ENUM('female','male') NULL,
      age_from_years SMALLINT UNSIGNED NOT NULL DEFAULT 0,
      age_to_years SMALLINT UNSIGNED NULL,
      low DECIMAL(16,4) NULL,
      high DECIMAL(16,4) NULL,
      critical_low DECIMAL(16,4) NULL,
      critical_high DECIMAL(16,4) NULL,
      PRIMARY KEY (id),
      KEY ix_test_ranges_test (test_id),
      CONSTRAINT fk_test_ranges_test FOREIGN KEY (test_id) REFERENCES test_definitions (id) ON DELETE CASCADE
    ) ${TABLE}`);

    await q.query(`CREATE TABLE encounters (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      doctor_id INT UNSIGNED NOT NULL,
      kind ENUM('outpatient','inpatient') NOT NULL,
      appointment_id BIGINT UNSIGNED NULL,
      stay_id BIGINT UNSIGNED NULL,
      round_date DATE NULL,
      status ENUM('open','signed') NOT NULL DEFAULT 'open',
      started_at DATETIME(3) NOT NULL,
      signed_at DATETIME(3) NULL,
      signed_by INT UNSIGNED NULL,
      complaint VARCHAR(2000) NULL,
      subjective TEXT NULL,
      objective TEXT NULL,
      assessment TEXT NULL,
      plan TEXT NULL,
      temperature_c DECIMAL(4,1) NULL,
      pulse SMALLINT UNSIGNED NULL,
      systolic SMALLINT UNSIGNED NULL,
      diastolic SMALLINT UNSIGNED NULL,
      respiratory_rate SMALLINT UNSIGNED NULL,
      spo2 SMALLINT UNSIGNED NULL,
      weight_kg DECIMAL(5,1) NULL,
      height_cm DECIMAL(4,1) NULL,
      created_by INT UNSIGNED NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      UNIQUE KEY uq_encounters_appointment (appointment_id),
      UNIQUE KEY uq_encounters_round (stay_id, round_date),
      KEY ix_encounters_patient (patient_id, started_at),
      KEY ix_encounters_doctor (doctor_id, started_at),
      KEY ix_encounters_hospital (hospital_id, started_at),
      CONSTRAINT fk_encounters_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_encounters_patient FOREIGN KEY (patient_id) REFERENCES patients (id),
      CONSTRAINT fk_encounters_doctor FOREIGN KEY (doctor_id) REFERENCES staff (id),
      CONSTRAINT fk_encounters_appointment FOREIGN KEY (appointment_id) REFERENCES appointments (id),
      CONSTRAINT fk_encounters_stay FOREIGN KEY (stay_id) REFERENCES stays (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE encounter_addenda (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      encounter_id BIGINT UNSIGNED NOT NULL,
      text TEXT NOT NULL,
      author_id INT UNSIGNED NOT NULL,
      author_name VARCHAR(200) NOT NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_encounter_addenda_encounter (encounter_id),
      CONSTRAINT fk_encounter_addenda_encounter FOREIGN KEY (encounter_id) REFERENCES encounters (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE diagnoses (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      encounter_id BIGINT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      code VARCHAR(8) NOT NULL,
      title VARCHAR(255) NOT NULL,
      \`rank\` ENUM('primary','secondary') NOT NULL DEFAULT 'secondary',
      certainty ENUM('provisional','confirmed') NOT NULL DEFAULT 'provisional',
      note VARCHAR(1000) NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_diagnoses_code (encounter_id, code),
      KEY ix_diagnoses_patient (patient_id),
      KEY ix_diagnoses_code (code),
      CONSTRAINT fk_diagnoses_encounter FOREIGN KEY (encounter_id) REFERENCES encounters (id),
      CONSTRAINT fk_diagnoses_patient FOREIGN KEY (patient_id) REFERENCES patients (id),
      CONSTRAINT fk_diagnoses_code FOREIGN KEY (code) REFERENCES icd10_codes (code)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE procedures (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      encounter_id BIGINT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      catalog_item_id INT UNSIGNED NOT NULL,
      code VARCHAR(20) NOT NULL,
      description VARCHAR(200) NOT NULL,
      quantity INT UNSIGNED NOT NULL DEFAULT 1,
      notes VARCHAR(2000) NULL,
      performed_by INT UNSIGNED NOT NULL,
      performed_by_name VARCHAR(200) NOT NULL,
      performed_at DATETIME(3) NOT NULL,
      charge_id BIGINT UNSIGNED NULL,
      PRIMARY KEY (id),
      KEY ix_procedures_encounter (encounter_id),
      KEY ix_procedures_patient (patient_id),
      CONSTRAINT fk_procedures_encounter FOREIGN KEY (encounter_id) REFERENCES encounters (id),
      CONSTRAINT fk_procedures_catalog FOREIGN KEY (catalog_item_id) REFERENCES catalog_items (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE test_orders (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      encounter_id BIGINT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      test_id INT UNSIGNED NOT NULL,
      priority ENUM('routine','urgent') NOT NULL DEFAULT 'routine',
      status ENUM('ordered','resulted','cancelled') NOT NULL DEFAULT 'ordered',
      note VARCHAR(1000) NULL,
      ordered_by INT UNSIGNED NOT NULL,
      ordered_by_name VARCHAR(200) NOT NULL,
      ordered_at DATETIME(3) NOT NULL,
      cancel_reason VARCHAR(300) NULL,
      resulted_at DATETIME(3) NULL,
      seen_at DATETIME(3) NULL,
      charge_id BIGINT UNSIGNED NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      KEY ix_test_orders_encounter (encounter_id),
      KEY ix_test_orders_patient (patient_id),
      KEY ix_test_orders_pending (hospital_id, status, priority, ordered_at),
      KEY ix_test_orders_doctor (ordered_by, seen_at, resulted_at),
      CONSTRAINT fk_test_orders_encounter FOREIGN KEY (encounter_id) REFERENCES encounters (id),
      CONSTRAINT fk_test_orders_test FOREIGN KEY (test_id) REFERENCES test_definitions (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE test_results (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      order_id BIGINT UNSIGNED NOT NULL,
      value_numeric DECIMAL(16,4) NULL,
      value_text VARCHAR(200) NULL,
      unit VARCHAR(30) NULL,
      ref_low DECIMAL(16,4) NULL,
      ref_high DECIMAL(16,4) NULL,
      flag ENUM('normal','low','high','critical') NULL,
      report TEXT NULL,
      recorded_by INT UNSIGNED NOT NULL,
      recorded_by_name VARCHAR(200) NOT NULL,
      recorded_at DATETIME(3) NOT NULL,
      correction_reason VARCHAR(300) NULL,
      superseded_at DATETIME(3) NULL,
      PRIMARY KEY (id),
      KEY ix_test_results_order (order_id, superseded_at),
      CONSTRAINT fk_test_results_order FOREIGN KEY (order_id) REFERENCES test_orders (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE medicine_items (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      name VARCHAR(120) NOT NULL,
      strength VARCHAR(40) NOT NULL DEFAULT '',
      form ENUM('tablet','capsule','syrup','suspension','injection','infusion','cream','ointment','drops','inhaler','suppository','sachet') NOT NULL,
      active_ingredient VARCHAR(120) NULL,
      unit_price BIGINT UNSIGNED NOT NULL,
      tax_rate_bp INT UNSIGNED NOT NULL DEFAULT 0,
      reorder_level INT UNSIGNED NOT NULL DEFAULT 0,
      on_hand INT UNSIGNED NOT NULL DEFAULT 0,
      active TINYINT NOT NULL DEFAULT 1,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      version INT UNSIGNED NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      UNIQUE KEY uq_medicine_items_name (hospital_id, name, strength, form),
      KEY ix_medicine_items_low (hospital_id, active, on_hand),
      CONSTRAINT fk_medicine_items_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE stock_batches (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      item_id INT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      batch_number VARCHAR(40) NOT NULL,
      expiry_date DATE NOT NULL,
      supplier VARCHAR(120) NULL,
      received_quantity INT UNSIGNED NOT NULL,
      quantity INT UNSIGNED NOT NULL,
      received_at DATETIME(3) NOT NULL,
      received_by INT UNSIGNED NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_stock_batches_number (item_id, batch_number),
      KEY ix_stock_batches_fefo (item_id, expiry_date, id),
      KEY ix_stock_batches_expiry (hospital_id, expiry_date),
      CONSTRAINT fk_stock_batches_item FOREIGN KEY (item_id) REFERENCES medicine_items (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE prescriptions (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      encounter_id BIGINT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      item_id INT UNSIGNED NOT NULL,
      medicine VARCHAR(200) NOT NULL,
      dose DECIMAL(12,3) NOT NULL,
      dose_unit VARCHAR(20) NOT NULL,
      route ENUM('oral','iv','im','sc','topical','inhaled','rectal','sublingual','eye','ear','nasal') NOT NULL,
      frequency ENUM('once','od','bd','tds','qid','q4h','q6h','q8h','nocte','prn','weekly') NOT NULL,
      duration_days SMALLINT UNSIGNED NULL,
      quantity INT UNSIGNED NOT NULL,
      instructions VARCHAR(1000) NULL,
      allergy_override_reason VARCHAR(500) NULL,
      status ENUM('active','partially_dispensed','dispensed','cancelled') NOT NULL DEFAULT 'active',
      dispensed_quantity INT UNSIGNED NOT NULL DEFAULT 0,
      prescribed_by INT UNSIGNED NOT NULL,
      prescriber_name VARCHAR(200) NOT NULL,
      prescribed_at DATETIME(3) NOT NULL,
      cancel_reason VARCHAR(300) NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      PRIMARY KEY (id),
      KEY ix_prescriptions_encounter (encounter_id),
      KEY ix_prescriptions_patient (patient_id),
      KEY ix_prescriptions_queue (hospital_id, status, prescribed_at),
      CONSTRAINT fk_prescriptions_encounter FOREIGN KEY (encounter_id) REFERENCES encounters (id),
      CONSTRAINT fk_prescriptions_item FOREIGN KEY (item_id) REFERENCES medicine_items (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE dispensings (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      prescription_id BIGINT UNSIGNED NOT NULL,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      item_id INT UNSIGNED NOT NULL,
      quantity INT UNSIGNED NOT NULL,
      dispensed_by INT UNSIGNED NOT NULL,
      dispensed_by_name VARCHAR(200) NOT NULL,
      dispensed_at DATETIME(3) NOT NULL,
      charge_id BIGINT UNSIGNED NULL,
      PRIMARY KEY (id),
      KEY ix_dispensings_prescription (prescription_id),
      KEY ix_dispensings_patient (patient_id),
      CONSTRAINT fk_dispensings_prescription FOREIGN KEY (prescription_id) REFERENCES prescriptions (id),
      CONSTRAINT fk_dispensings_item FOREIGN KEY (item_id) REFERENCES medicine_items (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE stock_movements (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      item_id INT UNSIGNED NOT NULL,
      batch_id BIGINT UNSIGNED NOT NULL,
      kind ENUM('receipt','adjustment','dispense') NOT NULL,
      quantity INT NOT NULL,
      reason ENUM('expired','damaged','count_correction','returned','lost') NULL,
      note VARCHAR(300) NULL,
      prescription_id BIGINT UNSIGNED NULL,
      dispensing_id BIGINT UNSIGNED NULL,
      by_user INT UNSIGNED NULL,
      by_name VARCHAR(200) NOT NULL,
      at DATETIME(3) NOT NULL,
      PRIMARY KEY (id),
      KEY ix_stock_movements_item (item_id, id),
      KEY ix_stock_movements_batch (batch_id),
      CONSTRAINT fk_stock_movements_batch FOREIGN KEY (batch_id) REFERENCES stock_batches (id)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['stock_movements', 'dispensings', 'prescriptions', 'stock_batches', 'medicine_items', 'test_results', 'test_orders', 'procedures', 'diagnoses', 'encounter_addenda', 'encounters', 'test_ranges', 'test_definitions', 'icd10_codes']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`ALTER TABLE users MODIFY roles ${ROLES_BEFORE} NOT NULL`);
  }
}
