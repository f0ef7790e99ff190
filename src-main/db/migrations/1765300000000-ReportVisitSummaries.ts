// The department performance report's waits and consultation revenue, summed by hospital, local day of the appointment,
// department (0 = none) and currency ('' for the waits), and kept current by triggers on the three tables they come
// from, in the same transaction as each write:
// - a wait is an appointment's check-in to the start of its consultation's encounter (encounters.appointment_id is
//   unique), for an appointment checked in before the encounter began;
// - revenue is the consultation charge of a completed appointment (billing's chargeFor: source 'appointment').
// Each trigger takes away what the old row gave and adds what the new one gives, so the order of the writes of a visit
// (the charge before or after the status) does not matter. Deferral and rebuild as in 1765100000000: the demo-data
// generator's writer sets @hms_report_summaries_deferred and rebuilds every summary when it is done
// (features/reports/report-summaries.ts). Triggers do not fire on foreign-key actions: none of these tables is written
// by one (encounters and charges refer to appointments without ON DELETE actions).
import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

/** The visit summary counted afresh from appointments, encounters and charges. */
export const REBUILD_VISIT_SUMMARIES = [
  'DELETE FROM report_visit_days',
  `INSERT INTO report_visit_days (hospital_id, local_date, department_id, currency, waited, wait_seconds, amount)
    SELECT a.hospital_id, a.local_date, COALESCE(a.department_id, 0), '', COUNT(*), SUM(TIMESTAMPDIFF(SECOND, a.checked_in_at, e.started_at)), 0
      FROM appointments a JOIN encounters e ON e.appointment_id = a.id
     WHERE a.checked_in_at IS NOT NULL AND e.started_at >= a.checked_in_at
     GROUP BY a.hospital_id, a.local_date, COALESCE(a.department_id, 0)`,
  `INSERT INTO report_visit_days (hospital_id, local_date, department_id, currency, waited, wait_seconds, amount)
    SELECT a.hospital_id, a.local_date, COALESCE(a.department_id, 0), c.currency, 0, 0, SUM(c.amount)
      FROM appointments a JOIN charges c ON c.source_type = 'appointment' AND c.source_id = a.id AND c.category = 'consultation'
     WHERE a.status = 'completed'
     GROUP BY a.hospital_id, a.local_date, COALESCE(a.department_id, 0), c.currency`,
];

const UPSERT = `INSERT INTO report_visit_days (hospital_id, local_date, department_id, currency, waited, wait_seconds, amount)`;
const ADD = `ON DUPLICATE KEY UPDATE ${['waited', 'wait_seconds', 'amount'].map((c) => `${c} = report_visit_days.${c} + VALUES(${c})`).join(', ')};`;

/** What an appointment row (OLD or NEW of its trigger) gives, times `sign`: its encounter's wait and its consultation charge. */
const appointmentGives = (r: 'OLD' | 'NEW', sign: '1' | '-1') => `
  ${UPSERT} SELECT ${r}.hospital_id, ${r}.local_date, COALESCE(${r}.department_id, 0), '', ${sign}, ${sign} * TIMESTAMPDIFF(SECOND, ${r}.checked_in_at, e.started_at), 0
    FROM encounters e WHERE e.appointment_id = ${r}.id AND ${r}.checked_in_at IS NOT NULL AND e.started_at >= ${r}.checked_in_at
  ${ADD}
  ${UPSERT} SELECT ${r}.hospital_id, ${r}.local_date, COALESCE(${r}.department_id, 0), c.currency, 0, 0, ${sign} * CAST(c.amount AS SIGNED)
    FROM charges c WHERE ${r}.status = 'completed' AND c.source_type = 'appointment' AND c.source_id = ${r}.id AND c.category = 'consultation'
  ${ADD}`;

/** What an encounter row gives, times `sign`: the wait from its appointment's check-in. */
const encounterGives = (r: 'OLD' | 'NEW', sign: '1' | '-1') => `
  ${UPSERT} SELECT a.hospital_id, a.local_date, COALESCE(a.department_id, 0), '', ${sign}, ${sign} * TIMESTAMPDIFF(SECOND, a.checked_in_at, ${r}.started_at), 0
    FROM appointments a WHERE a.id = ${r}.appointment_id AND a.checked_in_at IS NOT NULL AND ${r}.started_at >= a.checked_in_at
  ${ADD}`;

/** What a charge row gives, times `sign`: its amount, when it is the consultation of a completed appointment. */
const chargeGives = (r: 'OLD' | 'NEW', sign: '1' | '-1') => `
  IF ${r}.source_type = 'appointment' AND ${r}.category = 'consultation' THEN
    ${UPSERT} SELECT a.hospital_id, a.local_date, COALESCE(a.department_id, 0), ${r}.currency, 0, 0, ${sign} * CAST(${r}.amount AS SIGNED)
      FROM appointments a WHERE a.id = ${r}.source_id AND a.status = 'completed'
    ${ADD}
  END IF;`;

const changed = (columns: string[]) => columns.map((c) => `NOT (OLD.${c} <=> NEW.${c})`).join(' OR ');

const TRIGGERS: { name: string; timing: string; table: string; body: string }[] = [
  {
    name: 'report_visits_appointment_update',
    timing: 'AFTER UPDATE',
    table: 'appointments',
    body: `IF ${changed(['id', 'hospital_id', 'local_date', 'department_id', 'status', 'checked_in_at'])} THEN ${appointmentGives('OLD', '-1')} ${appointmentGives('NEW', '1')} END IF;`,
  },
  { name: 'report_visits_appointment_delete', timing: 'AFTER DELETE', table: 'appointments', body: appointmentGives('OLD', '-1') },
  { name: 'report_visits_encounter_insert', timing: 'AFTER INSERT', table: 'encounters', body: encounterGives('NEW', '1') },
  {
    name: 'report_visits_encounter_update',
    timing: 'AFTER UPDATE',
    table: 'encounters',
    body: `IF ${changed(['appointment_id', 'started_at'])} THEN ${encounterGives('OLD', '-1')} ${encounterGives('NEW', '1')} END IF;`,
  },
  { name: 'report_visits_encounter_delete', timing: 'AFTER DELETE', table: 'encounters', body: encounterGives('OLD', '-1') },
  { name: 'report_visits_charge_insert', timing: 'AFTER INSERT', table: 'charges', body: chargeGives('NEW', '1') },
  {
    name: 'report_visits_charge_update',
    timing: 'AFTER UPDATE',
    table: 'charges',
    body: `IF ${changed(['source_type', 'source_id', 'category', 'currency', 'amount'])} THEN ${chargeGives('OLD', '-1')} ${chargeGives('NEW', '1')} END IF;`,
  },
  { name: 'report_visits_charge_delete', timing: 'AFTER DELETE', table: 'charges', body: chargeGives('OLD', '-1') },
];

export class ReportVisitSummaries1765300000000 implements MigrationInterface {
  name = 'ReportVisitSummaries1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE report_visit_days (
      hospital_id INT UNSIGNED NOT NULL,
      local_date DATE NOT NULL,
      department_id INT UNSIGNED NOT NULL,
      currency VARCHAR(3) NOT NULL,
      waited INT NOT NULL,
      wait_seconds BIGINT NOT NULL,
      amount BIGINT NOT NULL,
      PRIMARY KEY (hospital_id, local_date, department_id, currency)
    ) ${TABLE}`);
    for (const statement of REBUILD_VISIT_SUMMARIES) await q.query(statement);
    for (const t of TRIGGERS) {
      await q.query(`CREATE TRIGGER ${t.name} ${t.timing} ON ${t.table} FOR EACH ROW BEGIN
        IF @hms_report_summaries_deferred IS NULL THEN ${t.body} END IF;
      END`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [...TRIGGERS].reverse()) await q.query(`DROP TRIGGER IF EXISTS ${t.name}`);
    await q.query('DROP TABLE IF EXISTS report_visit_days');
  }
}
