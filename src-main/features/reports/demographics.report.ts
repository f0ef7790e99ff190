// Demographics of the patients seen over a period (the figures of appointments.report.ts's `demographics`, read faster):
// the patients with an appointment that was not cancelled on a local day of the period at the hospitals covered (and
// the department, when one is chosen), by age band at the period's last day, sex, region, and new (no appointment that
// was not cancelled before the period at those hospitals, in any department) or returning.
// Speed, one hospital or the whole chain without a department: the patient days (migration 1765400000000) — one index
// range, one row per patient seen, with the patient's date of birth, sex and region on it.
// Otherwise (a department, or some of the chain's hospitals): the patients seen come from the covering index
// ix_appointments_report (hospital, local day, status, department, doctor, patient) without visiting a row; each one's
// earlier visit is looked up by patient in ix_appointments_patient_day (patient, local day, hospital, status) — forced,
// because left to itself the optimizer probes every earlier appointment of the hospital through ix_appointments_report
// for each patient seen, which grows with the chain's history; and each patient's date of birth, sex, region and city
// come from the narrow ix_patients_report (migration 1765200000000), not from the patient's wide row. The patients seen
// are grouped in id order, so both lookups walk their indexes forward instead of jumping about them. Several hospitals:
// see below.
import type { CountRow, Demographics } from '@shared/contract/reports';
import { addYears, AGE_BANDS } from '@shared/domain/reports';
import type { CallContext } from '../../platform/context';
import { dayNumber, EPOCH_TO_DAYS, join, raw, reportScope, sql, type ReportFilterInput, type ReportScope } from './report-scope';

const SEXES = [
  ['female', 'Female'],
  ['male', 'Male'],
  ['other', 'Other'],
  ['unknown', 'Not recorded'],
] as const;

export async function demographics(ctx: CallContext, filter: ReportFilterInput): Promise<Demographics> {
  const s = await reportScope(ctx, filter);
  const bandCase = raw(
    `CASE ${AGE_BANDS.map((b) => `WHEN age < ${b.to ?? 1_000} THEN '${b.key}'`).join(' ')} ELSE '${AGE_BANDS[AGE_BANDS.length - 1].key}' END`,
  );
  const patient = sql`TIMESTAMPDIFF(YEAR, p.date_of_birth, ${s.to}) AS age, p.sex,
             COALESCE(NULLIF(TRIM(p.region), ''), NULLIF(TRIM(p.city), ''), '') AS region`;
  // One hospital, or every hospital of the chain, and no department: the patient days (migration 1765400000000), whose
  // rows with no previous day at those hospitals since before the period are the patients seen, each once.
  const summaryHospital = s.departmentId !== null ? null : s.ids.length === 1 ? s.ids[0] : (await everyHospital(s)) ? 0 : null;
  if (summaryHospital !== null) {
    // The age band by one INTERVAL() over whole numbers (TO_DAYS of the birth date against each band's first birth date
    // after the cut-off): a third of the time of TIMESTAMPDIFF and a CASE per row. Aged under A on the last day ⟺ born
    // after the same day A years earlier (29 February → 28 February, as TIMESTAMPDIFF counts).
    const oldestFirst = AGE_BANDS.slice(1).map((b) => b.from).reverse();
    const thresholds = oldestFirst.map((age) => dayNumber(addYears(s.to, -age)) + 1 + EPOCH_TO_DAYS);
    const q = sql`SELECT ${AGE_BANDS.length - 1} - band AS band_index, sex, region, is_new, COUNT(*) AS n FROM (
      SELECT INTERVAL(TO_DAYS(r.date_of_birth), ${join(thresholds.map((t) => sql`${t}`), ', ')}) AS band, r.sex, r.region, r.prev_date IS NULL AS is_new
        FROM report_patient_days r FORCE INDEX (ix_report_patient_days_day)
       WHERE r.hospital_id = ${summaryHospital} AND r.local_date BETWEEN ${s.from} AND ${s.to} AND (r.prev_date IS NULL OR r.prev_date < ${s.from})
    ) x GROUP BY band, sex, region, is_new`;
    const rows: (Omit<CountedRow, 'band'> & { band_index: number | string })[] = await s.reader.query(q.sql, q.args);
    return shape(s, rows.map(({ band_index, ...r }) => ({ ...r, band: AGE_BANDS[Number(band_index)].key })));
  }
  // Several hospitals and no department: one forward walk of ix_appointments_patient_day up to the period's end gives
  // each patient's first and last visit at once (seen: the last is in the period; new: the first is too).
  const q =
    s.departmentId === null && s.ids.length > 1
      ? sql`SELECT ${bandCase} AS band, sex, region, is_new, COUNT(*) AS n FROM (
      SELECT ${patient}, seen.is_new
        FROM (SELECT a.patient_id, MIN(a.local_date) >= ${s.from} AS is_new FROM appointments a FORCE INDEX (ix_appointments_patient_day)
               WHERE a.local_date <= ${s.to} AND a.hospital_id IN (${s.ids}) AND a.status <> 'cancelled'
               GROUP BY a.patient_id HAVING MAX(a.local_date) >= ${s.from}) seen
        JOIN patients p FORCE INDEX (ix_patients_report) ON p.id = seen.patient_id
    ) x GROUP BY band, sex, region, is_new`
      : sql`SELECT ${bandCase} AS band, sex, region, is_new, COUNT(*) AS n FROM (
      SELECT ${patient},
             NOT EXISTS (SELECT 1 FROM appointments b FORCE INDEX (ix_appointments_patient_day)
                          WHERE b.patient_id = seen.patient_id AND b.local_date < ${s.from} AND b.hospital_id IN (${s.ids}) AND b.status <> 'cancelled') AS is_new
        FROM (SELECT a.patient_id FROM appointments a FORCE INDEX (ix_appointments_report)
               WHERE a.hospital_id IN (${s.ids}) AND a.local_date BETWEEN ${s.from} AND ${s.to}${s.departmentId !== null ? sql` AND a.department_id = ${s.departmentId}` : raw('')} AND a.status <> 'cancelled'
               GROUP BY a.patient_id ORDER BY a.patient_id) seen
        JOIN patients p FORCE INDEX (ix_patients_report) ON p.id = seen.patient_id
    ) x GROUP BY band, sex, region, is_new`;
  return shape(s, await s.reader.query(q.sql, q.args));
}

/** Whether the report covers every hospital of the chain (the chain's rows of the patient days then answer it). */
async function everyHospital(s: ReportScope): Promise<boolean> {
  const [row]: { n: number | string }[] = await s.reader.query('SELECT COUNT(*) AS n FROM hospitals');
  return Number(row.n) === s.ids.length;
}

type CountedRow = { band: string; sex: string; region: string; is_new: number | string; n: number | string };

function shape(s: ReportScope, rows: CountedRow[]): Demographics {
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  const bands = new Map<string, number>();
  const sexes = new Map<string, number>();
  const regions = new Map<string, number>();
  const fresh = new Map<string, number>();
  let patients = 0;
  for (const r of rows) {
    const n = Number(r.n);
    patients += n;
    add(bands, r.band, n);
    add(sexes, r.sex, n);
    add(regions, r.region, n);
    add(fresh, Number(r.is_new) ? 'new' : 'returning', n);
  }
  const regionRows: CountRow[] = [...regions.entries()]
    .map(([key, n]) => ({ key: key || 'not_recorded', label: key || 'Not recorded', patients: n }))
    .sort((a, b) => b.patients - a.patients || a.label.localeCompare(b.label));
  return {
    ...s.head,
    patients,
    ageBands: AGE_BANDS.map((b) => ({ key: b.key, label: b.label, patients: bands.get(b.key) ?? 0 })),
    sex: SEXES.map(([key, label]) => ({ key, label, patients: sexes.get(key) ?? 0 })),
    regions: regionRows,
    newVsReturning: [
      { key: 'new', label: 'New', patients: fresh.get('new') ?? 0 },
      { key: 'returning', label: 'Returning', patients: fresh.get('returning') ?? 0 },
    ],
  };
}
