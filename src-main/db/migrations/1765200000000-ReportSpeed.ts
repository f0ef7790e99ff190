// Report speed: narrow covering indexes for the reads that visited wide rows once per row of a hospital-year.
// - patients (id, date of birth, sex, region, city): demographics reads these four of every patient seen; the table's
//   own rows are several times wider, and at a million patients they do not stay in the buffer pool.
// - bed_stays (stay, start, end, bed): occupancy reads every bed spell of the stays overlapping the period.
// - invoices (id, currency): revenue's payments take their invoice's currency.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const INDEXES: [table: string, name: string, columns: string][] = [
  ['patients', 'ix_patients_report', 'id, date_of_birth, sex, region, city'],
  ['bed_stays', 'ix_bed_stays_report', 'stay_id, from_at, to_at, bed_id'],
  ['invoices', 'ix_invoices_currency', 'id, currency'],
];

export class ReportSpeed1765200000000 implements MigrationInterface {
  name = 'ReportSpeed1765200000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, name, columns] of INDEXES) await q.query(`CREATE INDEX ${name} ON ${table} (${columns})`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, name] of [...INDEXES].reverse()) await q.query(`DROP INDEX ${name} ON ${table}`);
  }
}
