// Staff hours per department: contracted hours of the staff employed there (pro rata over the days each was employed
// within the period), hours rostered (with their night and weekend parts, as the rota stored them), and coverage:
// every day of the period × every coverage rule of the department is a cell, met when at least the minimum headcount
// of that role was rostered on that shift type that day.
import type { StaffHours, StaffHoursRow } from '@shared/contract/reports';
import { daysBetween, ratio, round } from '@shared/domain/reports';
import type { CallContext } from '../../platform/context';
import { raw, reportScope, sql, type ReportFilterInput } from './report-scope';

export async function staffHours(ctx: CallContext, filter: ReportFilterInput): Promise<StaffHours> {
  const s = await reportScope(ctx, filter);
  const depStaff = s.departmentId !== null ? sql` AND st.department_id = ${s.departmentId}` : raw('');
  const depShift = s.departmentId !== null ? sql` AND a.department_id = ${s.departmentId}` : raw('');
  const depRule = s.departmentId !== null ? sql` AND d.id = ${s.departmentId}` : raw('');
  // Employed from the hire date up to the day before `terminated_on` (the rota's rule: gone from that day).
  const staffQ = sql`SELECT st.hospital_id, st.department_id, COUNT(*) AS n,
      SUM(st.contracted_hours * (DATEDIFF(LEAST(COALESCE(st.terminated_on - INTERVAL 1 DAY, ${s.to}), ${s.to}), GREATEST(st.hire_date, ${s.from})) + 1)) AS hour_days
    FROM staff st
    WHERE st.hospital_id IN (${s.ids}) AND st.department_id IS NOT NULL AND st.hire_date <= ${s.to}
      AND (st.terminated_on IS NULL OR st.terminated_on > ${s.from}) AND NOT (st.status = 'terminated' AND st.terminated_on IS NULL)${depStaff}
    GROUP BY st.hospital_id, st.department_id`;
  const shiftsQ = sql`SELECT a.hospital_id, a.department_id, SUM(a.minutes) AS minutes, SUM(a.night_minutes) AS night, SUM(a.weekend_minutes) AS weekend
    FROM shift_assignments a WHERE a.hospital_id IN (${s.ids}) AND a.shift_date BETWEEN ${s.from} AND ${s.to}${depShift}
    GROUP BY a.hospital_id, a.department_id`;
  const rulesQ = sql`SELECT d.hospital_id, cr.department_id, COUNT(*) AS rules, SUM(cr.min_headcount = 0) AS free_rules, SUM(cr.min_headcount) AS headcount
    FROM coverage_rules cr JOIN departments d ON d.id = cr.department_id WHERE d.hospital_id IN (${s.ids})${depRule}
    GROUP BY d.hospital_id, cr.department_id`;
  // Cells with somebody rostered: whether met, and how much of the minimum they cover.
  const cellsQ = sql`SELECT department_id, SUM(n >= min_headcount AND min_headcount > 0) AS met, SUM(LEAST(n, min_headcount)) AS covered FROM (
      SELECT cr.department_id, cr.shift_type_id, cr.staff_role, cr.min_headcount, a.shift_date, COUNT(*) AS n
        FROM coverage_rules cr JOIN departments d ON d.id = cr.department_id
        JOIN shift_assignments a ON a.department_id = cr.department_id AND a.shift_type_id = cr.shift_type_id AND a.shift_date BETWEEN ${s.from} AND ${s.to}
        JOIN staff st ON st.id = a.staff_id AND st.staff_role = cr.staff_role
       WHERE d.hospital_id IN (${s.ids})${depRule}
       GROUP BY cr.department_id, cr.shift_type_id, cr.staff_role, cr.min_headcount, a.shift_date
    ) x GROUP BY department_id`;
  const staffRows: { hospital_id: number; department_id: number; n: number | string; hour_days: number | string | null }[] = await s.reader.query(staffQ.sql, staffQ.args);
  const shiftRows: { hospital_id: number; department_id: number; minutes: number | string; night: number | string; weekend: number | string }[] = await s.reader.query(shiftsQ.sql, shiftsQ.args);
  const ruleRows: { hospital_id: number; department_id: number; rules: number | string; free_rules: number | string; headcount: number | string }[] = await s.reader.query(rulesQ.sql, rulesQ.args);
  const cellRows: { department_id: number; met: number | string; covered: number | string }[] = await s.reader.query(cellsQ.sql, cellsQ.args);

  const ids = [...new Set([...staffRows, ...shiftRows, ...ruleRows].map((r) => Number(r.department_id)))];
  const names = new Map<number, string>();
  if (ids.length) {
    const rows: { id: number; name: string }[] = await s.reader.query(`SELECT id, name FROM departments WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
    for (const r of rows) names.set(Number(r.id), r.name);
  }
  const days = daysBetween(s.from, s.to);
  const rows = new Map<number, StaffHoursRow & { hourDays: number; minutes: number; night: number; weekend: number; headcount: number; covered: number }>();
  const rowOf = (hospitalId: number, departmentId: number) => {
    let r = rows.get(departmentId);
    if (!r) {
      rows.set(
        departmentId,
        (r = {
          hospitalId,
          hospitalName: s.hospital(hospitalId).name,
          departmentId,
          departmentName: names.get(departmentId) ?? `Department ${departmentId}`,
          staff: 0,
          contractedHours: 0,
          plannedHours: 0,
          differenceHours: 0,
          nightHours: 0,
          weekendHours: 0,
          coverageCells: 0,
          coverageMet: 0,
          coverageRate: null,
          coverageGap: 0,
          hourDays: 0,
          minutes: 0,
          night: 0,
          weekend: 0,
          headcount: 0,
          covered: 0,
        }),
      );
    }
    return r;
  };
  for (const r of staffRows) {
    const row = rowOf(Number(r.hospital_id), Number(r.department_id));
    row.staff += Number(r.n);
    row.hourDays += Number(r.hour_days ?? 0);
  }
  for (const r of shiftRows) {
    const row = rowOf(Number(r.hospital_id), Number(r.department_id));
    row.minutes += Number(r.minutes);
    row.night += Number(r.night);
    row.weekend += Number(r.weekend);
  }
  for (const r of ruleRows) {
    const row = rowOf(Number(r.hospital_id), Number(r.department_id));
    row.coverageCells += Number(r.rules) * days;
    row.coverageMet += Number(r.free_rules) * days;
    row.headcount += Number(r.headcount) * days;
  }
  for (const r of cellRows) {
    const row = rows.get(Number(r.department_id));
    if (!row) continue;
    row.coverageMet += Number(r.met);
    row.covered += Number(r.covered);
  }
  const out: StaffHoursRow[] = [...rows.values()]
    .map(({ hourDays, minutes, night, weekend, headcount, covered, ...r }) => {
      const contracted = round(hourDays / 7, 1);
      const planned = round(minutes / 60, 1);
      return {
        ...r,
        contractedHours: contracted,
        plannedHours: planned,
        differenceHours: round(planned - contracted, 1),
        nightHours: round(night / 60, 1),
        weekendHours: round(weekend / 60, 1),
        coverageRate: ratio(r.coverageMet, r.coverageCells),
        coverageGap: headcount - covered,
      };
    })
    .sort((a, b) => a.hospitalName.localeCompare(b.hospitalName) || a.departmentName.localeCompare(b.departmentName));
  return { ...s.head, rows: out };
}
