// Shifts through the handler pipeline for a 200-strong department with a year of shifts: the week rota, assigning a
// shift with all its checks, and copying a week onto an empty one, each beside its floor (the same work as hand-written
// SQL; the rules themselves run in the process either way). Prints a table; the budgets are reported, not asserted.
import { availableParallelism, loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, BenchReport, count, floorOf, ms, must, timed, traced, type Sql } from '../support/bench';
import type { Output } from '@shared/contract';
import { localDate } from '@shared/domain/dates';
import { DEFAULT_MAX_WEEK_MINUTES, DEFAULT_MIN_REST_MINUTES, type LeaveKind } from '@shared/domain/shifts';
import { weekStartOf } from '@shared/domain/dates';
import type { StaffStatus } from '@shared/domain/scheduling';
import { refusal, shiftTimes, type PlannedShift } from '../../src-main/features/shifts/shift-rules';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';

const STAFF = Number(process.env.HMS_BENCH_DEPARTMENT_STAFF ?? 200);
const WEEKS_BACK = Number(process.env.HMS_BENCH_ROTA_WEEKS ?? 52);
const WEEKS_AHEAD = 4;
const ZONE = 'Africa/Kampala';
const ROTAS = 100;
const ASSIGNMENTS = 200;
const COPIES = 5;

const report = new BenchReport(`operation (department of ${count(STAFF)} staff, ${WEEKS_BACK} weeks of shifts back, ${WEEKS_AHEAD} ahead)`);

/** An audit row as a hand-written program writes it (to a copy of audit_log: the app's hash chain is left alone). */
const audit = (sql: Sql, action: string, entityId: number, changes: unknown) =>
  sql(
    `INSERT INTO floor_audit_log (at, user_id, username, channel, action, entity, entity_id, hospital_id, changes, prev_hash, hash)
     VALUES (NOW(3), NULL, 'floor', ?, ?, 'shift_assignment', ?, NULL, ?, ?, ?)`,
    [action.replace('shift.', 'shifts.'), action, String(entityId), JSON.stringify(changes), '0'.repeat(64), '0'.repeat(64)],
  );

/** A person's shifts and leave around a date: what every rule check reads. */
const PERSON_AROUND = `(SELECT 'shift' AS t, id, shift_date, starts_at, ends_at, minutes, NULL AS kind, NULL AS end_date FROM shift_assignments WHERE staff_id = ? AND shift_date >= ? AND shift_date <= ?)
  UNION ALL (SELECT 'leave', id, start_date, NULL, NULL, NULL, kind, end_date FROM staff_leave WHERE staff_id = ? AND status = 'recorded' AND end_date >= ? AND start_date <= ?)`;

/** CPU time of this process since `from`: what a call costs here, whatever else the machine is doing. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};


describe(`shifts of a department of ${count(STAFF)} staff`, () => {
  let app: SeededApp;
  let hr: Desk;
  let departmentId: number;
  let thisWeek: string;

  beforeAll(async () => {
    const today = localDate(new Date(), ZONE);
    thisWeek = weekStartOf(today);
    const started = performance.now();
    app = await startSeededApp({
      patients: 5000,
      appointments: 0,
      beds: 0,
      seed: 11,
      asOf: today,
      staffAt: { 'KLA:Nursing': STAFF },
      rotaWeeksBack: WEEKS_BACK,
      rotaWeeksAhead: WEEKS_AHEAD,
      poolSize: 10,
      onProgress: progressPrinter(),
    });
    const hospitalId = app.hospitalId('KLA');
    const [dep] = await app.db.sql<{ id: number }>("SELECT id FROM departments WHERE hospital_id = ? AND name = 'Nursing'", [hospitalId]);
    departmentId = Number(dep.id);
    const census = app.summary.rotas.find((c) => c.departmentId === departmentId)!;
    const [people] = await app.db.sql<{ n: number; working: number }>("SELECT COUNT(*) AS n, SUM(status <> 'terminated') AS working FROM staff WHERE department_id = ?", [departmentId]);
    report.fact(
      `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; rota step ${app.summary.rotaSeconds.toFixed(1)} s for ${count(app.summary.rows.shift_assignments ?? 0)} shifts across the chain ` +
        `(${count((app.summary.rows.shift_assignments ?? 0) / Math.max(0.001, app.summary.rotaSeconds))} rows/s), ${count(app.summary.rows.staff_leave ?? 0)} leave records, local dates ${app.summary.rotaFrom} to ${app.summary.rotaTo}`,
      `KLA Nursing: ${count(Number(people.n))} staff (${count(Number(people.working))} not terminated), ${count(census.shifts)} shifts, coverage met in ${((census.met * 100) / Math.max(1, census.cells)).toFixed(1)}% of ${count(census.cells)} shift-role cells`,
    );
    expect(Number(people.n)).toBe(STAFF);
    hr = await app.signIn('hr.kla');
    await app.db.sql('CREATE TABLE floor_audit_log LIKE audit_log');
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  it('week rota of the department', async () => {
    // Weeks across the year: long past, last month, this week, the weeks planned ahead.
    const weeks = [-50, -40, -26, -13, -4, -1, 0, 1, 2, WEEKS_AHEAD].filter((w) => w >= -WEEKS_BACK).map((w) => addDays(thisWeek, 7 * w));
    const samples: number[] = [];
    let rota: Output<'shifts.rota'> | null = null;
    const cpu = process.cpuUsage();
    const { sent } = await traced(async () => {
      for (let i = 0; i < ROTAS; i++) {
        const r = await timed(() => hr.call('shifts.rota', { departmentId, weekStart: weeks[i % weeks.length] }));
        samples.push(r.ms);
        const got = must(r.result);
        if (got.weekStart === thisWeek) rota = got;
      }
    }, () => samples);
    const nodeMs = cpuMs(cpu) / ROTAS;
    const floor = await floorOf(app.runtime, "the week's shifts with person and type, the department's people, their leave that week, the coverage rules: four SELECTs", ROTAS, async (c, i) => {
      const week = weeks[i % weeks.length];
      const end = addDays(week, 7);
      await c.sql(
        `SELECT a.id, a.staff_id, a.shift_date, a.starts_at, a.ends_at, a.minutes, t.code, t.name FROM shift_assignments a JOIN shift_types t ON t.id = a.shift_type_id
          WHERE a.department_id = ? AND a.shift_date >= ? AND a.shift_date < ?`,
        [departmentId, week, end],
      );
      await c.sql("SELECT id, first_name, last_name, staff_role, contracted_hours FROM staff WHERE department_id = ? AND (status <> 'terminated' OR terminated_on > ?)", [departmentId, week]);
      await c.sql(
        "SELECT l.staff_id, l.kind, l.start_date, l.end_date FROM staff_leave l JOIN staff s ON s.id = l.staff_id WHERE s.department_id = ? AND l.status = 'recorded' AND l.end_date >= ? AND l.start_date < ?",
        [departmentId, week, end],
      );
      await c.sql('SELECT shift_type_id, staff_role, min_headcount FROM coverage_rules WHERE department_id = ?', [departmentId]);
    });
    const gaps = rota!.coverage.filter((c) => c.gap > 0).length;
    report.add({
      operation: 'week rota of the department',
      samples,
      budgetMs: 50,
      note: `${weeks.length} weeks; this week ${count(rota!.assignments.length)} shifts of ${count(rota!.staff.length)} people, ${gaps} of ${rota!.coverage.length} coverage cells short; ${ms(nodeMs)} ms of Node CPU a call`,
      floor,
      sent,
    });
    // The plan of the rota's main query: through the department's days, not every shift of the hospital's shift types.
    const [plan] = await app.db.sql<{ key: string; rows: number }>(
      `EXPLAIN SELECT a.id FROM shift_assignments a JOIN staff s ON s.id = a.staff_id JOIN departments d ON d.id = a.department_id JOIN shift_types t ON t.id = a.shift_type_id
        WHERE a.department_id = ? AND a.shift_date >= ? AND a.shift_date < ? ORDER BY a.shift_date, a.starts_at, s.name_key`,
      [departmentId, thisWeek, addDays(thisWeek, 7)],
    ).then((rows) => rows.filter((r) => (r as unknown as { table: string }).table === 'a'));
    report.fact(`the rota reads shift_assignments through ${plan.key} (${count(Number(plan.rows))} rows estimated); load average during the run ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${availableParallelism()} cores`);
    expect(rota!.assignments.length).toBeGreaterThan(STAFF * 3);
  });

  it('assigning a shift with all its checks', async () => {
    // People with room in the weeks planned ahead: a free day that keeps the rest either side and the weekly maximum.
    const from = addDays(thisWeek, 7);
    const to = addDays(thisWeek, 7 * (WEEKS_AHEAD + 1));
    const types = await app.db.sql<{ id: number; code: string; name: string; start_minute: number; end_minute: number }>(
      'SELECT id, code, name, start_minute, end_minute FROM shift_types WHERE hospital_id = ? ORDER BY start_minute',
      [app.hospitalId('KLA')],
    );
    const people = await app.db.sql<{ id: number; status: StaffStatus; terminated_on: string | null }>(
      "SELECT id, status, terminated_on FROM staff WHERE department_id = ? AND status = 'active' ORDER BY id",
      [departmentId],
    );
    const shifts = await app.db.sql<{ id: number; staff_id: number; shift_date: string; starts_at: Date; ends_at: Date; minutes: number }>(
      'SELECT id, staff_id, shift_date, starts_at, ends_at, minutes FROM shift_assignments WHERE department_id = ? AND shift_date >= ? AND shift_date < ?',
      [departmentId, addDays(from, -8), addDays(to, 8)],
    );
    const leave = await app.db.sql<{ staff_id: number; kind: LeaveKind; start_date: string; end_date: string }>(
      "SELECT staff_id, kind, start_date, end_date FROM staff_leave WHERE status = 'recorded' AND end_date >= ? AND start_date <= ?",
      [addDays(from, -8), addDays(to, 8)],
    );
    const mine = new Map<number, PlannedShift[]>();
    for (const s of shifts) {
      const list = mine.get(Number(s.staff_id)) ?? [];
      list.push({ id: Number(s.id), date: s.shift_date, start: s.starts_at.getTime(), end: s.ends_at.getTime(), minutes: Number(s.minutes), code: '', name: '' });
      mine.set(Number(s.staff_id), list);
    }
    const offers: { staffId: number; date: string; shiftTypeId: number; start: number; end: number; minutes: number }[] = [];
    const rules = { minRestMinutes: DEFAULT_MIN_REST_MINUTES, maxWeekMinutes: DEFAULT_MAX_WEEK_MINUTES };
    // Twice as many as the desk assigns: the second half is the floor's.
    for (let week = 0; week < WEEKS_AHEAD && offers.length < 2 * ASSIGNMENTS; week++) {
      for (const p of people) {
        if (offers.length >= 2 * ASSIGNMENTS) break;
        const list = mine.get(Number(p.id)) ?? [];
        const away = leave.filter((l) => Number(l.staff_id) === Number(p.id)).map((l) => ({ kind: l.kind, startDate: l.start_date, endDate: l.end_date }));
        const person = { name: `staff ${p.id}`, status: p.status, terminatedOn: p.terminated_on };
        // One new shift per person and week, on the first day and shift that passes the rules.
        found: for (let d = 0; d < 7; d++) {
          const date = addDays(from, 7 * week + ((d + Number(p.id)) % 7));
          for (const t of types) {
            const times = shiftTimes(date, t.start_minute, t.end_minute, ZONE);
            const shift: PlannedShift = { date, start: times.start, end: times.end, minutes: times.minutes, code: t.code, name: t.name };
            if (refusal(person, shift, list, away, rules, ZONE) === null) {
              offers.push({ staffId: Number(p.id), date, shiftTypeId: Number(t.id), start: times.start, end: times.end, minutes: times.minutes });
              list.push({ ...shift, id: -offers.length });
              mine.set(Number(p.id), list);
              break found;
            }
          }
        }
      }
    }
    const samples: number[] = [];
    let refused = 0;
    const cpu = process.cpuUsage();
    const mineToAssign = offers.slice(0, ASSIGNMENTS);
    const { sent } = await traced(async () => {
      for (const o of mineToAssign) {
        const r = await timed(() => hr.call('shifts.assign', { staffId: o.staffId, date: o.date, shiftTypeId: o.shiftTypeId, departmentId }));
        samples.push(r.ms);
        if (!r.result.ok) {
          if (r.result.error.code !== 'CONFLICT') throw new Error(JSON.stringify(r.result.error));
          refused++;
        }
      }
    }, () => samples);
    const nodeMs = cpuMs(cpu) / mineToAssign.length;
    const spare = offers.slice(ASSIGNMENTS);
    const floor = await floorOf(
      app.runtime,
      "lock the person, read their shifts and leave a week either side, INSERT the shift and an audit row, in one transaction",
      spare.length - 3,
      (c, i) =>
        c.transaction(async (sql) => {
          const o = spare[i];
          await sql("SELECT s.status, s.terminated_on, r.min_rest_minutes, r.max_week_minutes FROM staff s LEFT JOIN rota_rules r ON r.hospital_id = s.hospital_id WHERE s.id = ? FOR UPDATE", [o.staffId]);
          await sql(PERSON_AROUND, [o.staffId, addDays(o.date, -8), addDays(o.date, 8), o.staffId, addDays(o.date, -8), addDays(o.date, 8)]);
          const row = await sql<{ insertId: number }>(
            `INSERT INTO shift_assignments (hospital_id, staff_id, department_id, shift_type_id, shift_date, starts_at, ends_at, minutes, night_minutes, weekend_minutes, pay_multiplier_bp)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 10000)`,
            [app.hospitalId('KLA'), o.staffId, departmentId, o.shiftTypeId, o.date, new Date(o.start), new Date(o.end), o.minutes],
          );
          await audit(sql, 'shift.assign', row.insertId, o);
        }),
    );
    report.add({ operation: 'assign a shift with all its checks, one after another', samples, budgetMs: 15, note: `${refused} refused by the rules; ${ms(nodeMs)} ms of Node CPU a call`, floor, sent });
    expect(samples.length).toBe(ASSIGNMENTS);
  });

  it('copying a full week onto an empty one', async () => {
    const source = addDays(thisWeek, 7);
    const samples: number[] = [];
    const outcomes: string[] = [];
    const reasons = new Map<string, number>();
    const { sent } = await traced(async () => {
      for (let i = 0; i < COPIES; i++) {
        // The weeks after the planned ones are empty: each copy lands on the next of them.
        const target = addDays(thisWeek, 7 * (WEEKS_AHEAD + 1 + i));
        const r = await timed(() => hr.call('shifts.copyWeek', { departmentId, fromWeekStart: source, toWeekStart: target }));
        samples.push(r.ms);
        const got = must(r.result);
        outcomes.push(`${got.created.length}/${got.refused.length}`);
        for (const x of got.refused) {
          const why = /of rest/.test(x.reason) ? 'rest' : /is on /.test(x.reason) ? 'leave' : /would work/.test(x.reason) ? 'weekly maximum' : /Overlaps/.test(x.reason) ? 'overlap' : /left on/.test(x.reason) ? 'left' : 'other';
          reasons.set(why, (reasons.get(why) ?? 0) + 1);
        }
      }
    }, () => samples);
    // The floor copies the same week onto the empty weeks after the desk's copies, every shift of it.
    const floor = await floorOf(app.runtime, "the source week's shifts, the people's shifts and leave around the target week, one multi-row INSERT and an audit row, in one transaction", COPIES, (c, i) =>
      c.transaction(async (sql) => {
        const target = addDays(thisWeek, 7 * (WEEKS_AHEAD + 1 + COPIES + 3 + i));
        const week = await sql<{ staff_id: number; shift_type_id: number; shift_date: string; starts_at: Date; ends_at: Date; minutes: number }[]>(
          'SELECT staff_id, shift_type_id, shift_date, starts_at, ends_at, minutes FROM shift_assignments WHERE department_id = ? AND shift_date >= ? AND shift_date < ?',
          [departmentId, source, addDays(source, 7)],
        );
        await sql(
          `(SELECT staff_id, shift_date, starts_at, ends_at, NULL AS end_date FROM shift_assignments WHERE department_id = ? AND shift_date >= ? AND shift_date < ?)
           UNION ALL (SELECT l.staff_id, l.start_date, NULL, NULL, l.end_date FROM staff_leave l JOIN staff s ON s.id = l.staff_id WHERE s.department_id = ? AND l.status = 'recorded' AND l.end_date >= ? AND l.start_date < ?)`,
          [departmentId, addDays(target, -8), addDays(target, 15), departmentId, target, addDays(target, 7)],
        );
        const shift = Date.parse(`${target}T00:00:00Z`) - Date.parse(`${source}T00:00:00Z`);
        if (week.length === 0) return;
        await sql(
          `INSERT INTO shift_assignments (hospital_id, staff_id, department_id, shift_type_id, shift_date, starts_at, ends_at, minutes, night_minutes, weekend_minutes, pay_multiplier_bp) VALUES ${week.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 10000)').join(', ')}`,
          week.flatMap((w) => [app.hospitalId('KLA'), w.staff_id, departmentId, w.shift_type_id, addDays(String(w.shift_date).slice(0, 10), shift / 86_400_000), new Date(w.starts_at.getTime() + shift), new Date(w.ends_at.getTime() + shift), w.minutes]),
        );
        await audit(sql, 'shift.copy_week', departmentId, { source, target, shifts: week.length });
      }),
    );
    const [copied] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM shift_assignments WHERE department_id = ? AND shift_date >= ? AND shift_date < ?', [departmentId, source, addDays(source, 7)]);
    report.add({ operation: 'copy a week onto an empty week', samples, budgetMs: 500, note: `${count(Number(copied.n))} shifts in the week; created/refused per copy ${outcomes.join(', ')}`, floor, sent });
    report.fact(`copies refused ${[...reasons].map(([why, n]) => `${n} for ${why}`).join(', ') || 'nothing'}: the week before each target ends with nights, and some people are on leave or have left by then`);
    expect(samples.length).toBe(COPIES);
  });

  it("a person's shifts over four weeks", async () => {
    const people = await app.db.sql<{ id: number }>("SELECT id FROM staff WHERE department_id = ? AND status = 'active' ORDER BY id LIMIT 100", [departmentId]);
    const samples: number[] = [];
    const { sent } = await traced(async () => {
      for (let i = 0; i < 100; i++) {
        samples.push((await timed(() => hr.call('shifts.forStaff', { staffId: Number(people[i % people.length].id), from: addDays(thisWeek, -7 * (i % 30)), days: 28 }))).ms);
      }
    }, () => samples);
    const floor = await floorOf(app.runtime, "the person's shifts with their types and the leave of the four weeks: two SELECTs", 100, async (c, i) => {
      const staffId = Number(people[i % people.length].id);
      const from = addDays(thisWeek, -7 * (i % 30));
      await c.sql(
        'SELECT a.id, a.shift_date, a.starts_at, a.ends_at, a.minutes, t.code, t.name, d.name AS department FROM shift_assignments a JOIN shift_types t ON t.id = a.shift_type_id JOIN departments d ON d.id = a.department_id WHERE a.staff_id = ? AND a.shift_date >= ? AND a.shift_date < ?',
        [staffId, from, addDays(from, 28)],
      );
      await c.sql("SELECT kind, start_date, end_date FROM staff_leave WHERE staff_id = ? AND status = 'recorded' AND end_date >= ? AND start_date < ?", [staffId, from, addDays(from, 28)]);
    });
    report.add({ operation: "a person's shifts over four weeks", samples, budgetMs: null, floor, sent });
  });
});
