// Report summaries of appointments, kept current in the same transaction as every write to `appointments` (the
// service's bookings, reschedules and status changes, the import's and the seed's bulk inserts) by triggers, so the
// appointment reports read a few rows per hospital-day instead of every appointment, and never a stale figure.
// - report_appointment_days: appointments by hospital, local day, department (0 = none), doctor and status.
// - report_appointment_quarters: the appointments that were not cancelled by hospital, local day and the UTC quarter of
//   an hour of the day of their start (zones are offset from UTC by whole quarters; the report turns a quarter of a
//   local day into the local hour with the hospital's offsets, which the server cannot: its zone tables are empty).
// Rows whose count falls to 0 stay (readers skip them). A TRUNCATE of appointments does not fire triggers: whoever
// truncates it rebuilds these too. The demo-data generator's bulk writer sends multi-row INSERTs on several connections
// at once, whose trigger updates of shared summary rows deadlock one another: its connections set
// DEFER_REPORT_SUMMARIES (the triggers skip their rows) and it runs REBUILD_REPORT_SUMMARIES when it is done.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** Set on a connection, its writes to appointments leave the summaries alone (a bulk writer that rebuilds them after). */
export const DEFER_REPORT_SUMMARIES = 'SET @hms_report_summaries_deferred = 1';

/** The summaries counted afresh from the appointments. */
export const REBUILD_REPORT_SUMMARIES = [
  'DELETE FROM report_appointment_days',
  'DELETE FROM report_appointment_quarters',
  `INSERT INTO report_appointment_days (hospital_id, local_date, department_id, doctor_id, status, n)
    SELECT hospital_id, local_date, COALESCE(department_id, 0), doctor_id, status, COUNT(*) FROM appointments
    GROUP BY hospital_id, local_date, COALESCE(department_id, 0), doctor_id, status`,
  `INSERT INTO report_appointment_quarters (hospital_id, local_date, utc_quarter, n)
    SELECT hospital_id, local_date, (HOUR(starts_at) * 60 + MINUTE(starts_at)) DIV 15 AS quarter, COUNT(*) FROM appointments
    WHERE status <> 'cancelled' GROUP BY hospital_id, local_date, quarter`,
];

const day = (r: 'NEW' | 'OLD', delta: string) =>
  `INSERT INTO report_appointment_days (hospital_id, local_date, department_id, doctor_id, status, n)
     VALUES (${r}.hospital_id, ${r}.local_date, COALESCE(${r}.department_id, 0), ${r}.doctor_id, ${r}.status, ${delta})
     ON DUPLICATE KEY UPDATE n = n + (${delta});`;

const quarter = (r: 'NEW' | 'OLD', delta: string) =>
  `IF ${r}.status <> 'cancelled' THEN
     INSERT INTO report_appointment_quarters (hospital_id, local_date, utc_quarter, n)
       VALUES (${r}.hospital_id, ${r}.local_date, (HOUR(${r}.starts_at) * 60 + MINUTE(${r}.starts_at)) DIV 15, ${delta})
       ON DUPLICATE KEY UPDATE n = n + (${delta});
   END IF;`;

/** The columns a summary row is keyed on: an update that changes none of them leaves the summaries alone. */
const CHANGED = ['hospital_id', 'local_date', 'department_id', 'doctor_id', 'status', 'starts_at'].map((c) => `NOT (OLD.${c} <=> NEW.${c})`).join(' OR ');

export class ReportSummaries1765100000000 implements MigrationInterface {
  name = 'ReportSummaries1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_appointment_days (
      hospital_id INT UNSIGNED NOT NULL,
      local_date DATE NOT NULL,
      department_id INT UNSIGNED NOT NULL,
      doctor_id INT UNSIGNED NOT NULL,
      status ENUM('booked','checked_in','completed','cancelled','no_show') NOT NULL,
      n INT NOT NULL,
      PRIMARY KEY (hospital_id, local_date, department_id, doctor_id, status)
    ) ${TABLE}`);
    await q.query(`CREATE TABLE report_appointment_quarters (
      hospital_id INT UNSIGNED NOT NULL,
      local_date DATE NOT NULL,
      utc_quarter TINYINT UNSIGNED NOT NULL,
      n INT NOT NULL,
      PRIMARY KEY (hospital_id, local_date, utc_quarter)
    ) ${TABLE}`);
    for (const statement of REBUILD_REPORT_SUMMARIES) await q.query(statement);
    await q.query(`CREATE TRIGGER report_appointments_insert AFTER INSERT ON appointments FOR EACH ROW BEGIN
      IF @hms_report_summaries_deferred IS NULL THEN
        ${day('NEW', '1')}
        ${quarter('NEW', '1')}
      END IF;
    END`);
    await q.query(`CREATE TRIGGER report_appointments_update AFTER UPDATE ON appointments FOR EACH ROW BEGIN
      IF @hms_report_summaries_deferred IS NULL AND (${CHANGED}) THEN
        ${day('OLD', '-1')}
        ${quarter('OLD', '-1')}
        ${day('NEW', '1')}
        ${quarter('NEW', '1')}
      END IF;
    END`);
    await q.query(`CREATE TRIGGER report_appointments_delete AFTER DELETE ON appointments FOR EACH ROW BEGIN
      IF @hms_report_summaries_deferred IS NULL THEN
        ${day('OLD', '-1')}
        ${quarter('OLD', '-1')}
      END IF;
    END`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['delete', 'update', 'insert']) await q.query(`DROP TRIGGER IF EXISTS report_appointments_${t}`);
    await q.query('DROP TABLE IF EXISTS report_appointment_quarters');
    await q.query('DROP TABLE IF EXISTS report_appointment_days');
  }
}
