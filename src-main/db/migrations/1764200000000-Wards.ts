// Wards schema: floors, rooms and beds; stays with their bed history; bed and theatre bookings; charges.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';
const STAMPS = `created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)`;
const UNIT_STATE = "ENUM('available','cleaning','out_of_service') NOT NULL DEFAULT 'available'";

export class Wards1764200000000 implements MigrationInterface {
  name = 'Wards1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE floors (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      name VARCHAR(60) NOT NULL,
      level SMALLINT NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_floors_name (hospital_id, name),
      CONSTRAINT fk_floors_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE rooms (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      floor_id INT UNSIGNED NOT NULL,
      number VARCHAR(20) NOT NULL,
      room_type ENUM('general_ward','semi_private','private','icu','isolation','operating_theatre') NOT NULL,
      daily_rate BIGINT UNSIGNED NOT NULL,
      state ${UNIT_STATE},
      state_note VARCHAR(200) NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      ${STAMPS},
      PRIMARY KEY (id),
      UNIQUE KEY uq_rooms_number (hospital_id, number),
      KEY ix_rooms_floor (floor_id),
      CONSTRAINT fk_rooms_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_rooms_floor FOREIGN KEY (floor_id) REFERENCES floors (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE beds (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      room_id INT UNSIGNED NOT NULL,
      label VARCHAR(10) NOT NULL,
      state ${UNIT_STATE},
      state_note VARCHAR(200) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      UNIQUE KEY uq_beds_label (room_id, label),
      KEY ix_beds_hospital (hospital_id),
      CONSTRAINT fk_beds_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_beds_room FOREIGN KEY (room_id) REFERENCES rooms (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE stays (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      attending_doctor_id INT UNSIGNED NOT NULL,
      reason VARCHAR(500) NOT NULL,
      admitted_at DATETIME(3) NOT NULL,
      expected_discharge DATE NULL,
      discharged_at DATETIME(3) NULL,
      status ENUM('admitted','discharged') NOT NULL DEFAULT 'admitted',
      current_bed_id INT UNSIGNED NOT NULL,
      active_patient_id BIGINT UNSIGNED NULL,
      booking_id BIGINT UNSIGNED NULL,
      discharge_note VARCHAR(500) NULL,
      admitted_by INT UNSIGNED NULL,
      discharged_by INT UNSIGNED NULL,
      version INT UNSIGNED NOT NULL DEFAULT 1,
      ${STAMPS},
      PRIMARY KEY (id),
      UNIQUE KEY uq_stays_active_patient (active_patient_id),
      KEY ix_stays_patient (patient_id, admitted_at),
      KEY ix_stays_hospital (hospital_id, status),
      KEY ix_stays_doctor (attending_doctor_id),
      KEY ix_stays_bed (current_bed_id),
      CONSTRAINT fk_stays_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_stays_patient FOREIGN KEY (patient_id) REFERENCES patients (id),
      CONSTRAINT fk_stays_doctor FOREIGN KEY (attending_doctor_id) REFERENCES doctors (staff_id),
      CONSTRAINT fk_stays_bed FOREIGN KEY (current_bed_id) REFERENCES beds (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE bed_stays (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      stay_id BIGINT UNSIGNED NOT NULL,
      bed_id INT UNSIGNED NOT NULL,
      from_at DATETIME(3) NOT NULL,
      to_at DATETIME(3) NULL,
      occupied_bed_id INT UNSIGNED NULL,
      PRIMARY KEY (id),
      UNIQUE KEY uq_bed_stays_occupied (occupied_bed_id),
      KEY ix_bed_stays_stay (stay_id, from_at),
      KEY ix_bed_stays_bed (bed_id, from_at),
      CONSTRAINT fk_bed_stays_stay FOREIGN KEY (stay_id) REFERENCES stays (id),
      CONSTRAINT fk_bed_stays_bed FOREIGN KEY (bed_id) REFERENCES beds (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE bed_bookings (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      bed_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      from_date DATE NOT NULL,
      to_date DATE NOT NULL,
      reason VARCHAR(500) NULL,
      status ENUM('reserved','admitted','cancelled') NOT NULL DEFAULT 'reserved',
      cancel_reason VARCHAR(500) NULL,
      stay_id BIGINT UNSIGNED NULL,
      booked_by INT UNSIGNED NULL,
      ${STAMPS},
      PRIMARY KEY (id),
      KEY ix_bed_bookings_bed (bed_id, from_date),
      KEY ix_bed_bookings_patient (patient_id),
      KEY ix_bed_bookings_hospital (hospital_id, status, to_date, from_date),
      CONSTRAINT fk_bed_bookings_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_bed_bookings_bed FOREIGN KEY (bed_id) REFERENCES beds (id),
      CONSTRAINT fk_bed_bookings_patient FOREIGN KEY (patient_id) REFERENCES patients (id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE theatre_bookings (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      room_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      surgeon_id INT UNSIGNED NULL,
      starts_at DATETIME(3) NOT NULL,
      ends_at DATETIME(3) NOT NULL,
      local_date DATE NOT NULL,
      procedure_name VARCHAR(200) NOT NULL,
      status ENUM('booked','cancelled') NOT NULL DEFAULT 'booked',
      cancel_reason VARCHAR(500) NULL,
      booked_by INT UNSIGNED NULL,
      ${STAMPS},
      PRIMARY KEY (id),
      KEY ix_theatre_bookings_room (room_id, starts_at),
      KEY ix_theatre_bookings_day (hospital_id, local_date),
      KEY ix_theatre_bookings_patient (patient_id),
      KEY ix_theatre_bookings_surgeon (surgeon_id),
      CONSTRAINT fk_theatre_bookings_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_theatre_bookings_room FOREIGN KEY (room_id) REFERENCES rooms (id),
      CONSTRAINT fk_theatre_bookings_patient FOREIGN KEY (patient_id) REFERENCES patients (id),
      CONSTRAINT fk_theatre_bookings_surgeon FOREIGN KEY (surgeon_id) REFERENCES doctors (staff_id)
    ) ${TABLE}`);

    await q.query(`CREATE TABLE charges (
      id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      category ENUM('consultation','treatment','test','room','medicine','other') NOT NULL,
      description VARCHAR(200) NOT NULL,
      quantity INT UNSIGNED NOT NULL,
      unit_price BIGINT UNSIGNED NOT NULL,
      amount BIGINT UNSIGNED NOT NULL,
      currency CHAR(3) NOT NULL,
      tax_rate_bp INT UNSIGNED NOT NULL DEFAULT 0,
      service_date DATE NOT NULL,
      source_type VARCHAR(20) NULL,
      source_id BIGINT UNSIGNED NULL,
      invoice_id BIGINT UNSIGNED NULL,
      created_by INT UNSIGNED NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (id),
      KEY ix_charges_patient (patient_id, invoice_id),
      KEY ix_charges_hospital (hospital_id, service_date),
      KEY ix_charges_source (source_type, source_id),
      CONSTRAINT fk_charges_hospital FOREIGN KEY (hospital_id) REFERENCES hospitals (id),
      CONSTRAINT fk_charges_patient FOREIGN KEY (patient_id) REFERENCES patients (id)
    ) ${TABLE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['charges', 'theatre_bookings', 'bed_bookings', 'bed_stays', 'stays', 'beds', 'rooms', 'floors']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
