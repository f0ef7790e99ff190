// Reports: covering indexes so that each report reads one hospital-year from an index range without visiting rows
// (appointments by local day and status; a patient's earlier visits; consultation charges; stays overlapping a period;
// invoices by issue day and the open ones; payments by instant; rostered minutes). No summary tables (yet): the raw
// queries were measured at 250,000 appointments (issue 14's notes); the appointment reports of a whole chain at a
// million need day summaries kept by the writers of appointments.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const INDEXES: [table: string, name: string, columns: string][] = [
  ['appointments', 'ix_appointments_report', 'hospital_id, local_date, status, department_id, doctor_id, patient_id, starts_at, created_at, checked_in_at'],
  ['appointments', 'ix_appointments_patient_day', 'patient_id, local_date, hospital_id, status'],
  ['charges', 'ix_charges_report', 'source_type, source_id, category, currency, amount'],
  ['charges', 'ix_charges_unbilled', 'hospital_id, invoice_id'],
  ['stays', 'ix_stays_report', 'hospital_id, discharged_at, admitted_at'],
  ['invoices', 'ix_invoices_report_issue', 'hospital_id, issue_date, status, currency, total, insurance_share'],
  ['invoices', 'ix_invoices_report_open', 'hospital_id, status, issue_date, currency, total, paid'],
  ['payments', 'ix_payments_report', 'hospital_id, paid_at, method, amount, invoice_id'],
  ['shift_assignments', 'ix_shift_assignments_report', 'hospital_id, shift_date, department_id, minutes, night_minutes, weekend_minutes'],
  ['shift_assignments', 'ix_shift_assignments_cover', 'department_id, shift_type_id, shift_date, staff_id'],
];

export class Reports1764800000000 implements MigrationInterface {
  name = 'Reports1764800000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columns] of INDEXES) await q.query(`CREATE INDEX ${name} ON ${table} (${columns})`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${name} ON ${table}`);
  }
}
