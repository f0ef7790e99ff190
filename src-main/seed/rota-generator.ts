// Seeded rotas: shift types, working-time rules, coverage rules and leave per hospital, and the shifts of everyone who
// works them, planned day by day over the weeks around the reference date within the rules the app checks (refusal()).
import type { EntityRow } from '../db/writer';
import type { CoverageRuleEntity, RotaRulesEntity, ShiftAssignmentEntity, ShiftTypeEntity, StaffLeaveEntity } from '../features/shifts/shift.entity';
import type { StaffRole } from '@shared/domain/scheduling';
import { DEFAULT_MAX_WEEK_MINUTES, DEFAULT_MIN_REST_MINUTES, type LeaveKind } from '@shared/domain/shifts';
import { shiftTimes } from '../features/shifts/shift-rules';
import { DayNames, epochDay, sqlInstant, type ChainPlan, type SeedRandom } from './generator';
import { weekdayOf, type StaffPlan, type StaffRow } from './staff-generator';

/** Weeks of shifts before the week of --as-of, and after it, unless --rota-weeks-back / --rota-weeks-ahead say otherwise. */
export const DEFAULT_ROTA_WEEKS_BACK = 8;
export const DEFAULT_ROTA_WEEKS_AHEAD = 4;
/** At most this many weeks either way (three years). */
export const MAX_ROTA_WEEKS = 156;

const DAY_MS = 86_400_000;

/** Every hospital's shifts; `weight` is how many of a team's people a shift needs against the others. */
export const SEED_SHIFT_TYPES = [
  { name: 'Day', code: 'D', start: 7 * 60, end: 15 * 60, payBp: 10_000, weight: 1.3 },
  { name: 'Evening', code: 'E', start: 15 * 60, end: 23 * 60, payBp: 11_000, weight: 1.0 },
  { name: 'Night', code: 'N', start: 23 * 60, end: 7 * 60, payBp: 12_500, weight: 0.85 },
] as const;

/** Hospitals that set their own working-time rules (the others keep the defaults, with no rota_rules row). */
const SITE_RULES: Record<string, { minRest: number; maxWeek: number }> = {
  PNQ: { minRest: DEFAULT_MIN_REST_MINUTES, maxWeek: DEFAULT_MAX_WEEK_MINUTES },
  BOS: { minRest: 10 * 60, maxWeek: 60 * 60 },
};

/** Roles that work shifts in their department (staff without a department keep office hours and have no rota). */
const SHIFT_ROLES: ReadonlySet<StaffRole> = new Set<StaffRole>(['doctor', 'nurse', 'technician', 'pharmacist', 'front_desk']);

/** Departments open day and night; open into the evening; the rest work weekday days. */
const ROUND_THE_CLOCK = ['Emergency', 'Nursing', 'Maternity', 'Surgery', 'Pediatrics', 'Internal Medicine', 'Obstetrics', 'Laboratory'];
const INTO_THE_EVENING = ['Pharmacy', 'Radiology', 'Cardiology'];

/** What a team can staff, widest first: a team too small for every shift of its department drops the later ones. */
const PATTERNS: readonly { types: readonly number[]; weekdaysOnly: boolean }[] = [
  { types: [0, 1, 2], weekdaysOnly: false },
  { types: [0, 1], weekdaysOnly: false },
  { types: [0], weekdaysOnly: false },
  { types: [0], weekdaysOnly: true },
];
/** Shifts a team is asked for, against what its people's contracts add up to after leave: some slack for the planner. */
const DEMAND_FILL = 0.97;
/** Coverage minimum against the usual headcount of a shift: most days meet it, a run of leave or sickness does not. */
const COVERAGE_FILL = 0.85;
/** How often someone takes an extra shift when one would otherwise fall short. */
const OVERTIME_TAKEN = 0.6;

const LEAVE_SPELLS: readonly { kind: LeaveKind; weight: number; days: [number, number]; notes: readonly string[] }[] = [
  { kind: 'annual', weight: 40, days: [5, 14], notes: ['Annual leave', 'Family visit', 'Holiday upcountry', 'Annual leave'] },
  { kind: 'sick', weight: 28, days: [1, 4], notes: ['Malaria', 'Flu', 'Back pain', 'Sick'] },
  { kind: 'training', weight: 17, days: [1, 3], notes: ['Resuscitation course', 'Infection control training', 'Mentorship programme'] },
  { kind: 'unpaid', weight: 5, days: [3, 10], notes: ['Family matters', 'Funeral upcountry'] },
  { kind: 'other', weight: 10, days: [1, 1], notes: ['Court summons', 'Graduation of a child', 'Moving house'] },
];
const LEAVE_TOTAL = LEAVE_SPELLS.reduce((s, l) => s + l.weight, 0);
const LEAVE_CANCEL_REASONS = ['Short of staff that week', 'Plans changed', 'Recorded in error'];

// ---- rows ----

export type ShiftTypeRow = EntityRow<ShiftTypeEntity>;

export type RotaRulesRow = EntityRow<RotaRulesEntity>;

export type CoverageRuleRow = EntityRow<CoverageRuleEntity>;

export type ShiftAssignmentRow = EntityRow<ShiftAssignmentEntity>;

export type StaffLeaveRow = EntityRow<StaffLeaveEntity>;

/** One department's rota in numbers, for the summary and the tests. */
export interface RotaCensus {
  code: string;
  departmentId: number;
  department: string;
  /** People of the department in a shift-working role, whatever their status. */
  staff: number;
  shifts: number;
  /** Coverage cells (day × shift × role with a rule) and how many of them were met. */
  cells: number;
  met: number;
}

export interface RotaPlan {
  shiftTypes: ShiftTypeRow[];
  rules: RotaRulesRow[];
  coverage: CoverageRuleRow[];
  leave: StaffLeaveRow[];
  assignments: ShiftAssignmentRow[];
  census: RotaCensus[];
  /** First and last local day with shifts. */
  from: string;
  to: string;
}

export interface RotaOptions {
  weeksBack: number;
  weeksAhead: number;
}

/** The Monday of the epoch day's ISO week. */
const mondayOf = (day: number) => day - weekdayOf(day) + 1;

/** The span the rotas cover: `weeksBack` whole weeks before the week of the reference date, that week, and `weeksAhead` after it. */
export function rotaSpan(asOf: string, options: RotaOptions): { first: number; last: number } {
  const monday = mondayOf(epochDay(asOf));
  return { first: monday - options.weeksBack * 7, last: monday + (options.weeksAhead + 1) * 7 - 1 };
}

/** What the planner keeps of one person: when they may work, and their shifts so far this week. */
interface Worker {
  id: number;
  role: StaffRole;
  firstDay: number;
  /** First day no longer employed; Infinity unless terminated. */
  endDay: number;
  /** Expected shifts a week under the contract. */
  perWeek: number;
  /** Per day of the span: 1 when away (leave, or a doctor's time away). */
  away: Uint8Array;
  /** ISO weekdays of a doctor's clinics: their day shifts fall there when they can. */
  clinicDays: ReadonlySet<number>;
  lastEnd: number;
  lastType: number;
  lastDay: number;
  week: number;
  weekMinutes: number;
  weekShifts: number;
  weekQuota: number;
}

interface Team {
  role: StaffRole;
  workers: Worker[];
  pattern: (typeof PATTERNS)[number];
  /** Usual headcount of each shift type (by index into SEED_SHIFT_TYPES), fractional; 0 when the team does not work it. */
  demand: number[];
  /** Coverage minimum per shift type, 0 without a rule. */
  minimum: number[];
}

/** Shift types, rules, coverage, leave and shifts of every hospital; each hospital draws from its own stream. */
export function planRotas(random: (purpose: string) => SeedRandom, chain: ChainPlan, staff: StaffPlan, options: RotaOptions): RotaPlan {
  const span = rotaSpan(chain.asOf, options);
  const days = new DayNames(span.first - 400, span.last + 400);
  const plan: RotaPlan = { shiftTypes: [], rules: [], coverage: [], leave: [], assignments: [], census: [], from: days.iso(span.first), to: days.iso(span.last) };
  const byHospital = new Map<number, StaffRow[]>();
  for (const s of staff.staff) {
    if (!byHospital.has(s.hospital_id)) byHospital.set(s.hospital_id, []);
    byHospital.get(s.hospital_id)!.push(s);
  }
  const away = new Map<number, { start: number; end: number }[]>();
  for (const e of staff.exceptions) {
    if (!away.has(e.doctor_id)) away.set(e.doctor_id, []);
    away.get(e.doctor_id)!.push({ start: epochDay(e.start_date), end: epochDay(e.end_date) });
  }
  const clinics = new Map(staff.roster.map((d) => [d.id, new Set(d.byWeekday.flatMap((blocks, weekday) => (blocks.length ? [weekday] : [])))]));
  // Hospitals in one zone share the instants of their shifts (working them out through Luxon is most of the time here).
  const timesByZone = new Map<string, ShiftInstants[][]>();
  chain.hospitals.forEach((hospital, h) => {
    let times = timesByZone.get(hospital.time_zone);
    if (!times) timesByZone.set(hospital.time_zone, (times = shiftInstants(days, span, hospital.time_zone)));
    new HospitalRota(random(`rota:${hospital.code}`), chain, plan, days, span, h, times, byHospital.get(hospital.id) ?? [], away, clinics).build();
  });
  return plan;
}

interface ShiftInstants {
  start: number;
  end: number;
  minutes: number;
  night: number;
  weekend: number;
  startsAt: string;
  endsAt: string;
}

/** Each seeded shift of each day of the span and the day after, through the rules' own shiftTimes(): DST nights are 7 or 9 hours. */
function shiftInstants(days: DayNames, span: { first: number; last: number }, zone: string): ShiftInstants[][] {
  const out: ShiftInstants[][] = [];
  for (let day = span.first; day <= span.last + 1; day++) {
    const iso = days.iso(day);
    out.push(
      SEED_SHIFT_TYPES.map((t) => {
        const s = shiftTimes(iso, t.start, t.end, zone);
        return { start: s.start, end: s.end, minutes: s.minutes, night: s.nightMinutes, weekend: s.weekendMinutes, startsAt: sqlInstant(s.start), endsAt: sqlInstant(s.end) };
      }),
    );
  }
  return out;
}

class HospitalRota {
  private readonly hospitalId: number;
  private readonly asOf: number;
  private readonly minRest: number;
  private readonly maxWeek: number;
  private readonly hrUser: number | null;
  private readonly typeIds: number[];

  constructor(
    private readonly r: SeedRandom,
    private readonly chain: ChainPlan,
    private readonly plan: RotaPlan,
    private readonly days: DayNames,
    private readonly span: { first: number; last: number },
    h: number,
    /** Per day of the span (and the day after) and shift type. */
    private readonly times: ShiftInstants[][],
    private readonly staff: StaffRow[],
    private readonly doctorAway: Map<number, { start: number; end: number }[]>,
    private readonly clinics: Map<number, Set<number>>,
  ) {
    const hospital = chain.hospitals[h];
    this.hospitalId = hospital.id;
    this.asOf = epochDay(chain.asOf);
    const rules = SITE_RULES[hospital.code];
    this.minRest = rules?.minRest ?? DEFAULT_MIN_REST_MINUTES;
    this.maxWeek = rules?.maxWeek ?? DEFAULT_MAX_WEEK_MINUTES;
    if (rules) plan.rules.push({ hospital_id: hospital.id, min_rest_minutes: rules.minRest, max_week_minutes: rules.maxWeek });
    this.hrUser = chain.accountPeople.find((a) => a.role === 'hr' && a.hospitalIndex === h)?.userId ?? null;
    this.typeIds = SEED_SHIFT_TYPES.map((t) => {
      const id = plan.shiftTypes.length + 1;
      plan.shiftTypes.push({
        id,
        hospital_id: hospital.id,
        name: t.name,
        code: t.code,
        start_minute: t.start,
        end_minute: t.end,
        pay_multiplier_bp: t.payBp,
        active: true,
        created_at: hospital.created_at,
      });
      return id;
    });
  }

  build(): void {
    const length = this.span.last - this.span.first + 2;
    const workers = new Map<number, Worker>();
    for (const s of this.staff) {
      const away = new Uint8Array(length);
      if (s.staff_role === 'doctor') {
        // A doctor's time away is in their exceptions already; leave rows would take slots from appointments booked around them.
        for (const a of this.doctorAway.get(s.id) ?? []) this.markAway(away, a.start, a.end);
      } else {
        for (const l of this.leaveOf(s)) if (l.status === 'recorded') this.markAway(away, epochDay(l.start_date), epochDay(l.end_date));
      }
      if (s.department_id === null || !SHIFT_ROLES.has(s.staff_role)) continue;
      workers.set(s.id, {
        id: s.id,
        role: s.staff_role,
        firstDay: epochDay(s.hire_date),
        endDay: s.terminated_on === null ? Infinity : epochDay(s.terminated_on),
        perWeek: Math.min(5.5, (s.contracted_hours * 60) / 480),
        away,
        clinicDays: this.clinics.get(s.id) ?? new Set(),
        lastEnd: -Infinity,
        lastType: -1,
        lastDay: -Infinity,
        week: -1,
        weekMinutes: 0,
        weekShifts: 0,
        weekQuota: 0,
      });
    }
    for (const dept of this.chain.departments.filter((d) => d.hospital_id === this.hospitalId)) {
      const people = this.staff.filter((s) => s.department_id === dept.id && workers.has(s.id)).map((s) => workers.get(s.id)!);
      if (people.length === 0) continue;
      this.department(dept.id, dept.name, people);
    }
  }

  private markAway(away: Uint8Array, start: number, end: number): void {
    for (let d = Math.max(start, this.span.first); d <= Math.min(end, this.span.last + 1); d++) away[d - this.span.first] = 1;
  }

  /** Leave of one person over the span (and a little around it), one spell after another; the on-leave are away now. */
  private leaveOf(s: StaffRow): StaffLeaveRow[] {
    const r = this.r;
    const firstDay = epochDay(s.hire_date);
    const endDay = s.terminated_on === null ? Infinity : epochDay(s.terminated_on);
    const spells: { kind: LeaveKind; start: number; end: number; note: string }[] = [];
    const to = Math.min(endDay - 1, this.span.last + 14);
    for (let day = Math.max(firstDay, this.span.first - 30) + r.between(5, 70); day <= to; ) {
      let x = r.next() * LEAVE_TOTAL;
      let spell = LEAVE_SPELLS.find((k) => (x -= k.weight) < 0) ?? LEAVE_SPELLS[0];
      // Nobody knows yet when they will be sick.
      if (spell.kind === 'sick' && day > this.asOf) spell = LEAVE_SPELLS[0];
      const end = Math.min(to, day + r.between(spell.days[0], spell.days[1]) - 1);
      spells.push({ kind: spell.kind, start: day, end, note: r.pick(spell.notes) });
      day = end + r.between(25, 100);
    }
    if (s.status === 'on_leave') {
      const start = Math.max(firstDay, this.asOf - r.between(3, 40));
      const end = this.asOf + r.between(14, 90);
      const kind: LeaveKind = r.chance(0.4) ? 'maternity' : r.chance(0.6) ? 'sick' : 'unpaid';
      const keep = spells.filter((l) => l.end < start - 1 || l.start > end + 1);
      spells.length = 0;
      spells.push(...keep, { kind, start, end, note: kind === 'maternity' ? 'Maternity leave' : kind === 'sick' ? 'Extended sick leave' : 'Career break' });
      spells.sort((a, b) => a.start - b.start);
    }
    return spells.map((l) => {
      const cancelled = l.kind === 'annual' && r.chance(0.05);
      // Sickness is recorded when it starts; planned leave weeks before.
      const recorded = Math.min(l.kind === 'sick' ? l.start : l.start - r.between(7, 60), this.asOf - 1);
      const row: StaffLeaveRow = {
        id: this.plan.leave.length + 1,
        staff_id: s.id,
        hospital_id: this.hospitalId,
        kind: l.kind,
        start_date: this.days.iso(l.start),
        end_date: this.days.iso(l.end),
        note: l.note,
        status: cancelled ? 'cancelled' : 'recorded',
        cancel_reason: cancelled ? r.pick(LEAVE_CANCEL_REASONS) : null,
        created_by: this.hrUser,
        created_at: sqlInstant(recorded * DAY_MS + 8 * 3_600_000 + r.int(3_600_000)),
      };
      this.plan.leave.push(row);
      return row;
    });
  }

  /** Teams by role, their coverage rules, then the shifts day by day, each shift in the order it starts. */
  private department(departmentId: number, name: string, people: Worker[]): void {
    const census: RotaCensus = { code: this.chain.hospitals[this.hospitalId - 1].code, departmentId, department: name, staff: people.length, shifts: 0, cells: 0, met: 0 };
    this.plan.census.push(census);
    const widest = ROUND_THE_CLOCK.some((p) => name.startsWith(p)) ? 0 : INTO_THE_EVENING.some((p) => name.startsWith(p)) ? 1 : 3;
    const spanDays = this.span.last - this.span.first + 1;
    const teams: Team[] = [];
    for (const role of SHIFT_ROLES) {
      const workers = people.filter((p) => p.role === role);
      if (workers.length === 0) continue;
      // Shifts a week the team can give on average over the span: contracts, less the days employed elsewhere or away.
      let supply = 0;
      for (const w of workers) {
        let present = 0;
        for (let d = this.span.first; d <= this.span.last; d++) if (d >= w.firstDay && d < w.endDay && !w.away[d - this.span.first]) present++;
        supply += (w.perWeek * present) / spanDays;
      }
      let pattern = PATTERNS[PATTERNS.length - 1];
      for (let i = widest; i < PATTERNS.length; i++) {
        const p = PATTERNS[i];
        const weight = p.types.reduce((s, t) => s + SEED_SHIFT_TYPES[t].weight, 0) * (p.weekdaysOnly ? 5 : 7);
        if ((supply * DEMAND_FILL * Math.min(...p.types.map((t) => SEED_SHIFT_TYPES[t].weight))) / weight >= 1) {
          pattern = p;
          break;
        }
      }
      const weight = pattern.types.reduce((s, t) => s + SEED_SHIFT_TYPES[t].weight, 0) * (pattern.weekdaysOnly ? 5 : 7);
      const demand = SEED_SHIFT_TYPES.map((t, i) => (pattern.types.includes(i) ? (supply * DEMAND_FILL * t.weight) / weight : 0));
      // Coverage is a rule of the days a team always works: a weekday clinic closed at the weekend has none.
      const minimum = demand.map((x) => (x >= 1 && !pattern.weekdaysOnly ? Math.min(200, Math.max(1, Math.floor(x * COVERAGE_FILL))) : 0));
      minimum.forEach((m, t) => {
        if (m > 0) this.plan.coverage.push({ id: this.plan.coverage.length + 1, department_id: departmentId, shift_type_id: this.typeIds[t], staff_role: role, min_headcount: m });
      });
      teams.push({ role, workers, pattern, demand, minimum });
    }

    for (let day = this.span.first; day <= this.span.last; day++) {
      const weekday = weekdayOf(day);
      const monday = day - weekday + 1;
      // The rota of a week was published a fortnight before it (and before the reference date, for weeks ahead).
      const published = sqlInstant(Math.min(monday - 14, this.asOf - 1) * DAY_MS + 9 * 3_600_000);
      for (let t = 0; t < SEED_SHIFT_TYPES.length; t++) {
        for (const team of teams) {
          if (!team.pattern.types.includes(t) || (team.pattern.weekdaysOnly && weekday > 5)) continue;
          const x = team.demand[t];
          const wanted = Math.floor(x) + (this.r.chance(x - Math.floor(x)) ? 1 : 0);
          const got = this.fill(team, day, monday, weekday, t, wanted, departmentId, published);
          census.shifts += got;
          if (team.minimum[t] > 0) {
            census.cells++;
            if (got >= team.minimum[t]) census.met++;
          }
        }
      }
    }
  }

  /** Gives one shift of one day to up to `wanted` of the team: those with most of their week still to work first. */
  private fill(team: Team, day: number, monday: number, weekday: number, t: number, wanted: number, departmentId: number, published: string): number {
    const i = day - this.span.first;
    const time = this.times[i][t];
    // A night ends on the next local day: leave starting then rules it out too, as refusal() has it.
    const crosses = SEED_SHIFT_TYPES[t].end <= SEED_SHIFT_TYPES[t].start;
    const daysLeft = 8 - weekday;
    const withQuota: { w: Worker; score: number }[] = [];
    const overtime: { w: Worker; score: number }[] = [];
    for (const w of team.workers) {
      if (day < w.firstDay || day >= w.endDay || w.away[i] || (crosses && w.away[i + 1])) continue;
      if (w.week !== monday) {
        w.week = monday;
        w.weekMinutes = 0;
        w.weekShifts = 0;
        w.weekQuota = Math.floor(w.perWeek) + (this.r.chance(w.perWeek - Math.floor(w.perWeek)) ? 1 : 0);
      }
      if (w.lastDay === day) continue;
      if (time.start - w.lastEnd < this.minRest * 60_000) continue;
      if (w.weekMinutes + time.minutes > this.maxWeek) continue;
      let score = this.r.next() * 0.3;
      // Nights and evenings come in runs; a doctor's day shifts fall on clinic days.
      if (w.lastType === t && w.lastDay === day - 1) score += 0.25;
      if (w.clinicDays.size) score += t === 0 ? (w.clinicDays.has(weekday) ? 0.4 : -0.2) : w.clinicDays.has(weekday) ? -0.2 : 0;
      if (w.weekShifts < w.weekQuota) withQuota.push({ w, score: score + (w.weekQuota - w.weekShifts) / daysLeft });
      else overtime.push({ w, score });
    }
    withQuota.sort((a, b) => b.score - a.score);
    const chosen = withQuota.slice(0, wanted).map((c) => c.w);
    // Short of the coverage minimum: often someone does an extra shift, within the weekly maximum; else the shift stays short.
    if (chosen.length < team.minimum[t] && this.r.chance(OVERTIME_TAKEN)) {
      overtime.sort((a, b) => b.score - a.score);
      for (const c of overtime) {
        if (chosen.length >= team.minimum[t]) break;
        chosen.push(c.w);
      }
    }
    const type = SEED_SHIFT_TYPES[t];
    for (const w of chosen) {
      w.lastEnd = time.end;
      w.lastType = t;
      w.lastDay = day;
      w.weekMinutes += time.minutes;
      w.weekShifts++;
      this.plan.assignments.push({
        id: this.plan.assignments.length + 1,
        hospital_id: this.hospitalId,
        staff_id: w.id,
        department_id: departmentId,
        shift_type_id: this.typeIds[t],
        shift_date: this.days.iso(day),
        starts_at: time.startsAt,
        ends_at: time.endsAt,
        minutes: time.minutes,
        night_minutes: time.night,
        weekend_minutes: time.weekend,
        pay_multiplier_bp: type.payBp,
        assigned_by: null,
        created_at: published,
      });
    }
    return chosen.length;
  }
}
