// The demographics report's summary: the days each patient was seen (had an appointment that was not cancelled), at
// each hospital and (hospital 0) anywhere in the chain, each day with the patient's previous such day there. The
// patients seen over a period are then its days whose previous day falls before the period (or that have none): one
// row per patient, counted without a DISTINCT; and a patient is new when that day has no previous day at all. The
// patient's date of birth, sex and region (the region, else the city, trimmed) are copied onto the rows, so the report
// reads one index and no patient row; a trigger on patients keeps the copies current.
// Triggers on appointments keep the days current in the transaction of each write: a day gained links itself after
// the one before it and becomes the previous day of the one after; a day lost (its last appointment cancelled, moved
// or deleted) hands its previous day on to the one after. Deferral and rebuild as in 1765100000000 (the demo-data
// generator's writer defers, then runs REBUILD_PATIENT_DAYS through features/reports/report-summaries.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The region the report groups by: the region, else the city, else '' (not recorded), of a patients row `p`. */
const regionOf = (p: string) => `COALESCE(NULLIF(TRIM(${p}.region), ''), NULLIF(TRIM(${p}.city), ''), '')`;
const REGION = regionOf('pt');

/** The days counted afresh from the appointments: each hospital's, then the chain's (hospital 0). */
export const REBUILD_PATIENT_DAYS = [
  'DELETE FROM report_patient_days',
  ...(['hospital_id', '0'] as const).map(
    (hospital) => `INSERT INTO report_patient_days (hospital_id, patient_id, local_date, n, prev_date, date_of_birth, sex, region)
      SELECT v.hospital_id, v.patient_id, v.local_date, v.n,
             LAG(v.local_date) OVER (PARTITION BY v.hospital_id, v.patient_id ORDER BY v.local_date), pt.date_of_birth, pt.sex, ${REGION}
        FROM (SELECT ${hospital} AS hospital_id, patient_id, local_date, COUNT(*) AS n FROM appointments
               WHERE status <> 'cancelled' GROUP BY ${hospital === '0' ? '' : 'hospital_id, '}patient_id, local_date) v
        JOIN patients pt ON pt.id = v.patient_id`,
  ),
];

/** A day seen at hospital `h` (an expression; 0 for the chain) for the row `r`'s patient. */
const addDay = (r: 'OLD' | 'NEW', h: string) => `
  INSERT INTO report_patient_days (hospital_id, patient_id, local_date, n, prev_date, date_of_birth, sex, region)
    SELECT ${h}, pt.id, ${r}.local_date, 1,
           (SELECT MAX(x.local_date) FROM report_patient_days x WHERE x.hospital_id = ${h} AND x.patient_id = pt.id AND x.local_date < ${r}.local_date),
           pt.date_of_birth, pt.sex, ${REGION}
      FROM patients pt WHERE pt.id = ${r}.patient_id
    ON DUPLICATE KEY UPDATE n = report_patient_days.n + 1;
  UPDATE report_patient_days SET prev_date = ${r}.local_date
   WHERE hospital_id = ${h} AND patient_id = ${r}.patient_id AND local_date > ${r}.local_date ORDER BY local_date LIMIT 1;`;

/** An appointment fewer on a day at hospital `h`: the last one gone, the day goes and its previous day moves on. */
const removeDay = (r: 'OLD' | 'NEW', h: string) => `
  SET v_n = NULL, v_prev = NULL;
  SELECT n, prev_date INTO v_n, v_prev FROM report_patient_days
   WHERE hospital_id = ${h} AND patient_id = ${r}.patient_id AND local_date = ${r}.local_date FOR UPDATE;
  IF v_n = 1 THEN
    DELETE FROM report_patient_days WHERE hospital_id = ${h} AND patient_id = ${r}.patient_id AND local_date = ${r}.local_date;
    UPDATE report_patient_days SET prev_date = v_prev
     WHERE hospital_id = ${h} AND patient_id = ${r}.patient_id AND local_date > ${r}.local_date ORDER BY local_date LIMIT 1;
  ELSEIF v_n > 1 THEN
    UPDATE report_patient_days SET n = n - 1 WHERE hospital_id = ${h} AND patient_id = ${r}.patient_id AND local_date = ${r}.local_date;
  END IF;`;

const seen = (r: 'OLD' | 'NEW') => `${r}.status <> 'cancelled'`;
const add = (r: 'OLD' | 'NEW') => `IF ${seen(r)} THEN ${addDay(r, `${r}.hospital_id`)} ${addDay(r, '0')} END IF;`;
const remove = (r: 'OLD' | 'NEW') => `IF ${seen(r)} THEN ${removeDay(r, `${r}.hospital_id`)} ${removeDay(r, '0')} END IF;`;
const DECLARE = 'DECLARE v_n INT; DECLARE v_prev DATE;';

const TRIGGERS: { name: string; timing: string; table: string; body: string }[] = [
  { name: 'report_patient_days_insert', timing: 'AFTER INSERT', table: 'appointments', body: add('NEW') },
  {
    name: 'report_patient_days_update',
    timing: 'AFTER UPDATE',
    table: 'appointments',
    body: `IF NOT (OLD.hospital_id <=> NEW.hospital_id) OR NOT (OLD.patient_id <=> NEW.patient_id) OR NOT (OLD.local_date <=> NEW.local_date)
              OR (${seen('OLD')}) <> (${seen('NEW')}) THEN
             ${remove('OLD')} ${add('NEW')}
           END IF;`,
  },
  { name: 'report_patient_days_delete', timing: 'AFTER DELETE', table: 'appointments', body: remove('OLD') },
  {
    name: 'report_patient_days_patient',
    timing: 'AFTER UPDATE',
    table: 'patients',
    body: `IF NOT (OLD.date_of_birth <=> NEW.date_of_birth) OR NOT (OLD.sex <=> NEW.sex) OR NOT (OLD.region <=> NEW.region) OR NOT (OLD.city <=> NEW.city) THEN
             UPDATE report_patient_days SET date_of_birth = NEW.date_of_birth, sex = NEW.sex, region = ${regionOf('NEW')} WHERE patient_id = NEW.id;
           END IF;`,
  },
];

export class ReportPatientDays1765400000000 implements MigrationInterface {
  name = 'ReportPatientDays1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_patient_days (
      hospital_id INT UNSIGNED NOT NULL,
      patient_id BIGINT UNSIGNED NOT NULL,
      local_date DATE NOT NULL,
      n INT NOT NULL,
      prev_date DATE NULL,
      date_of_birth DATE NOT NULL,
      sex ENUM('female','male','other','unknown') NOT NULL,
      region VARCHAR(100) NOT NULL,
      PRIMARY KEY (hospital_id, patient_id, local_date),
      KEY ix_report_patient_days_day (hospital_id, local_date, prev_date, date_of_birth, sex, region),
      KEY ix_report_patient_days_patient (patient_id)
    ) ${TABLE}`);
    for (const statement of REBUILD_PATIENT_DAYS) await q.query(statement);
    for (const t of TRIGGERS) {
      await q.query(`CREATE TRIGGER ${t.name} ${t.timing} ON ${t.table} FOR EACH ROW BEGIN
        ${t.body.includes('v_n') ? DECLARE : ''}
        IF @hms_report_summaries_deferred IS NULL THEN ${t.body} END IF;
      END`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [...TRIGGERS].reverse()) await q.query(`DROP TRIGGER IF EXISTS ${t.name}`);
    await q.query('DROP TABLE IF EXISTS report_patient_days');
  }
}
