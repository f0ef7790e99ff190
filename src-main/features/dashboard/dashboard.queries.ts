// The home screen's figures: a handful of grouped queries over every hospital asked for at once, each on an index
// range of the hospital's local today, this week or this month, joined here per hospital and section. The counts of
// days, months and open invoices read the reports' covering indexes (1764800000000-Reports) without visiting rows;
// only open invoices are never archived (archiving takes paid and void ones), so none of them asks about the archive.
import type { BedFigures, Dashboard, DashboardSection, Figure, HospitalDashboard, ManagerFigures, MoneyFigure, WardFigures } from '@shared/contract/dashboard';
import { DASHBOARD_SECTIONS, UNBILLED_COUNTED } from '@shared/contract/dashboard';
import { addDays, localDate, weekStartOf } from '@shared/domain/dates';
import { APPOINTMENT_STATUSES, type AppointmentStatus } from '@shared/domain/scheduling';
import { occupancyPercent } from '@shared/domain/wards';
import type { CallContext } from '../../platform/context';
import { addMissingZones, hospitalZones } from '../../platform/zones';

interface Place {
  id: number;
  name: string;
  timeZone: string;
  today: string;
  month: string;
  monthStart: string;
  weekStart: string;
}

const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
const n = (v: unknown) => Number(v ?? 0);
const percentOf = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
/** A route's query string from the parameters given (undefined ones left out). */
const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  const text = s.toString();
  return text ? `?${text}` : '';
};

/** `(h = ? AND <cond>) OR …`: one index range per hospital, each with its own local dates. */
function perHospital(places: Place[], column: string, cond: string, args: (p: Place) => unknown[]): { sql: string; args: unknown[] } {
  return { sql: `(${places.map(() => `(${column} = ? AND ${cond})`).join(' OR ')})`, args: places.flatMap((p) => [p.id, ...args(p)]) };
}

/** The hospitals asked for: the one named (FORBIDDEN outside the caller's scope) or every one of the caller's scope. */
async function placesAsked(ctx: CallContext, hospitalId: number | undefined): Promise<Place[]> {
  if (hospitalId !== undefined) ctx.requireHospital(hospitalId);
  const scope = ctx.scope();
  const zones = await hospitalZones(ctx.em, hospitalId !== undefined ? [hospitalId] : scope === 'all' ? [] : scope);
  const ids = hospitalId !== undefined ? [hospitalId] : scope === 'all' ? [...zones.keys()] : scope;
  await addMissingZones(ctx.em, zones, ids);
  const now = ctx.now();
  return ids
    .map((id) => zones.get(id))
    .filter((z) => z !== undefined)
    .map((z) => {
      const today = localDate(now, z.timeZone);
      return { id: z.id, name: z.name, timeZone: z.timeZone, today, month: today.slice(0, 7), monthStart: `${today.slice(0, 8)}01`, weekStart: weekStartOf(today) };
    })
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

function sectionsOf(ctx: CallContext): DashboardSection[] {
  return (Object.keys(DASHBOARD_SECTIONS) as DashboardSection[]).filter((s) => DASHBOARD_SECTIONS[s].some((r) => ctx.hasRole(r)));
}

export async function dashboardOf(ctx: CallContext, input: { hospitalId?: number }): Promise<Dashboard> {
  const places = await placesAsked(ctx, input.hospitalId);
  const sections = sectionsOf(ctx);
  const has = (s: DashboardSection) => sections.includes(s);
  const hospitals: HospitalDashboard[] = places.map((p) => ({ hospitalId: p.id, hospitalName: p.name, timeZone: p.timeZone, today: p.today, month: p.month }));
  if (places.length === 0 || sections.length === 0) return { sections, hospitals, chain: null };
  const at = new Map(hospitals.map((h) => [h.hospitalId, h]));

  const needsToday = has('frontDesk') || has('manager');
  const needsBeds = has('frontDesk') || has('nurse') || has('manager');
  const [today, beds] = [needsToday ? await appointmentsToday(ctx, places) : null, needsBeds ? await bedsNow(ctx, places) : null];

  if (has('frontDesk')) {
    for (const p of places) {
      const counts = today!.get(p.id);
      const day = (status?: AppointmentStatus): Figure['route'] => `/appointments${q({ date: p.today, status })}`;
      const appointments = Object.fromEntries(APPOINTMENT_STATUSES.map((s) => [s, { value: counts?.get(s) ?? 0, route: day(s) }])) as Record<AppointmentStatus, Figure>;
      at.get(p.id)!.frontDesk = {
        appointments,
        checkInQueue: { value: counts?.get('checked_in') ?? 0, route: day('checked_in') },
        bedsFreeNow: { value: beds!.get(p.id)?.total.free ?? 0, route: '/wards?status=free' },
      };
    }
  }
  if (has('doctor')) await doctorFigures(ctx, places, at);
  if (has('nurse')) await nurseFigures(ctx, places, at, beds!);
  if (has('billing')) await billingFigures(ctx, places, at);
  if (has('hr')) await hrFigures(ctx, places, at);
  let chain: ManagerFigures | null = null;
  if (has('manager')) {
    const revenue = await revenueThisMonth(ctx, places);
    const noShows = await noShowsLast30Days(ctx, places);
    const sum = { occupied: 0, usable: 0, appointments: 0, noShows: 0, due: 0 };
    const chainRevenue = new Map<string, number>();
    for (const p of places) {
      const b = beds!.get(p.id)?.total ?? emptyBeds('/wards');
      const counts = today!.get(p.id);
      const booked = APPOINTMENT_STATUSES.filter((s) => s !== 'cancelled').reduce((t, s) => t + (counts?.get(s) ?? 0), 0);
      const ns = noShows.get(p.id) ?? { noShows: 0, due: 0 };
      const money = [...(revenue.get(p.id) ?? new Map<string, number>())].map(([currency, amount]) => ({ currency, amount, route: `/billing${q({ from: p.monthStart, to: p.today })}` }));
      at.get(p.id)!.manager = {
        occupancy: { percent: percentOf(b.occupied, b.usable), part: b.occupied, whole: b.usable, route: '/wards' },
        appointmentsToday: { value: booked, route: `/appointments${q({ date: p.today })}` },
        revenueThisMonth: money,
        noShowRate: { percent: percentOf(ns.noShows, ns.due), part: ns.noShows, whole: ns.due, route: `/reports/department-performance${q({ from: addDays(p.today, -30), to: addDays(p.today, -1), hospitals: p.id })}` },
      };
      sum.occupied += b.occupied;
      sum.usable += b.usable;
      sum.appointments += booked;
      sum.noShows += ns.noShows;
      sum.due += ns.due;
      for (const m of money) chainRevenue.set(m.currency, (chainRevenue.get(m.currency) ?? 0) + m.amount);
    }
    // The chain's numbers open the reports over the same days (the hospitals' local todays differ by a day at most).
    const days = places.map((p) => p.today).sort();
    const thirty = q({ from: addDays(days[0], -30), to: addDays(days.at(-1)!, -1) });
    chain = {
      occupancy: { percent: percentOf(sum.occupied, sum.usable), part: sum.occupied, whole: sum.usable, route: '/reports/occupancy?period=today' },
      appointmentsToday: { value: sum.appointments, route: '/reports/appointments-by-department?period=today' },
      revenueThisMonth: [...chainRevenue].sort(([a], [b]) => a.localeCompare(b)).map(([currency, amount]) => ({ currency, amount, route: '/reports/revenue?period=this-month' })),
      noShowRate: { percent: percentOf(sum.noShows, sum.due), part: sum.noShows, whole: sum.due, route: `/reports/department-performance${thirty}` },
    };
  }
  return { sections, hospitals, chain };
}

/** Today's appointments of each hospital by status. */
async function appointmentsToday(ctx: CallContext, places: Place[]): Promise<Map<number, Map<AppointmentStatus, number>>> {
  const w = perHospital(places, 'hospital_id', 'local_date = ?', (p) => [p.today]);
  const rows: { hospital_id: number; status: AppointmentStatus; c: number | string }[] = await ctx.em.query(
    `SELECT hospital_id, status, COUNT(*) AS c FROM appointments WHERE ${w.sql} GROUP BY hospital_id, status`,
    w.args,
  );
  const out = new Map<number, Map<AppointmentStatus, number>>();
  for (const r of rows) {
    const m = out.get(Number(r.hospital_id)) ?? new Map<AppointmentStatus, number>();
    m.set(r.status, n(r.c));
    out.set(Number(r.hospital_id), m);
  }
  return out;
}

const emptyBeds = (route: string): BedFigures => ({ beds: 0, usable: 0, occupied: 0, reserved: 0, free: 0, cleaning: 0, outOfService: 0, percent: 0, route });

function addBeds(c: BedFigures, status: string, count: number): void {
  c.beds += count;
  if (status !== 'out_of_service') c.usable += count;
  if (status === 'occupied') c.occupied += count;
  else if (status === 'reserved') c.reserved += count;
  else if (status === 'free') c.free += count;
  else if (status === 'cleaning') c.cleaning += count;
  else c.outOfService += count;
  c.percent = occupancyPercent(c.occupied, c.usable);
}

/**
 * Beds now, per ward (floor) and hospital, as the occupancy board counts them: out of service, else occupied by an
 * open bed stay, else cleaning, else reserved for today, else free. One grouped query; each hospital's today comes
 * from a small derived table. The beds reserved today are read once per hospital on the bookings' (hospital, status,
 * to_date) index, as the board reads them, not bed by bed: a bed's past bookings pile up over the years, and asking
 * each bed about them was most of the chain's home screen.
 */
async function bedsNow(ctx: CallContext, places: Place[]): Promise<Map<number, { total: BedFigures; wards: WardFigures[] }>> {
  const days = places.map(() => 'SELECT ? AS hospital_id, CAST(? AS DATE) AS today').join(' UNION ALL ');
  const rows: { hospital_id: number; floor_id: number; floor_name: string; level: number; bed_status: string; c: number | string }[] = await ctx.em.query(
    `SELECT b.hospital_id, f.id AS floor_id, f.name AS floor_name, f.level,
            CASE WHEN IF(r.state <> 'available', r.state, b.state) = 'out_of_service' THEN 'out_of_service'
                 WHEN bs.id IS NOT NULL THEN 'occupied'
                 WHEN IF(r.state <> 'available', r.state, b.state) = 'cleaning' THEN 'cleaning'
                 WHEN rb.bed_id IS NOT NULL THEN 'reserved'
                 ELSE 'free' END AS bed_status,
            COUNT(*) AS c
       FROM (${days}) d JOIN beds b ON b.hospital_id = d.hospital_id JOIN rooms r ON r.id = b.room_id JOIN floors f ON f.id = r.floor_id
       LEFT JOIN bed_stays bs ON bs.occupied_bed_id = b.id
       LEFT JOIN (SELECT DISTINCT bb.bed_id FROM (${days}) t JOIN bed_bookings bb
                   ON bb.hospital_id = t.hospital_id AND bb.status = 'reserved' AND bb.to_date > t.today AND bb.from_date <= t.today) rb ON rb.bed_id = b.id
      GROUP BY b.hospital_id, f.id, f.name, f.level, bed_status`,
    [...places.flatMap((p) => [p.id, p.today]), ...places.flatMap((p) => [p.id, p.today])],
  );
  const out = new Map<number, { total: BedFigures; wards: WardFigures[] }>();
  for (const p of places) out.set(p.id, { total: emptyBeds('/wards'), wards: [] });
  const levels = new Map<number, number>();
  for (const r of rows) {
    const h = out.get(Number(r.hospital_id));
    if (!h) continue;
    let ward = h.wards.find((w) => w.floorId === Number(r.floor_id));
    if (!ward) {
      ward = { floorId: Number(r.floor_id), name: r.floor_name, ...emptyBeds(`/wards${q({ floorId: Number(r.floor_id) })}`) };
      levels.set(ward.floorId, Number(r.level));
      h.wards.push(ward);
    }
    addBeds(ward, r.bed_status, n(r.c));
    addBeds(h.total, r.bed_status, n(r.c));
  }
  for (const h of out.values()) h.wards.sort((a, b) => levels.get(a.floorId)! - levels.get(b.floorId)! || a.name.localeCompare(b.name));
  return out;
}

async function doctorFigures(ctx: CallContext, places: Place[], at: Map<number, HospitalDashboard>): Promise<void> {
  const [me]: { id: number; staff_role: string }[] = await ctx.em.query("SELECT id, staff_role FROM staff WHERE user_id = ? AND staff_role = 'doctor'", [ctx.user.userId]);
  const doctorId = me ? Number(me.id) : null;
  const counts = new Map<number, Map<string, number>>();
  const results = new Map<number, number>();
  if (doctorId !== null) {
    const w = perHospital(places, 'hospital_id', 'local_date = ?', (p) => [p.today]);
    const rows: { hospital_id: number; status: string; c: number | string }[] = await ctx.em.query(
      `SELECT hospital_id, status, COUNT(*) AS c FROM appointments WHERE doctor_id = ? AND ${w.sql} GROUP BY hospital_id, status`,
      [doctorId, ...w.args],
    );
    for (const r of rows) {
      const m = counts.get(Number(r.hospital_id)) ?? new Map<string, number>();
      m.set(r.status, n(r.c));
      counts.set(Number(r.hospital_id), m);
    }
    const waiting: { hospital_id: number; c: number | string }[] = await ctx.em.query(
      `SELECT hospital_id, COUNT(*) AS c FROM test_orders
        WHERE ordered_by = ? AND seen_at IS NULL AND resulted_at IS NOT NULL AND status = 'resulted' AND hospital_id IN (${marks(places.length)})
        GROUP BY hospital_id`,
      [doctorId, ...places.map((p) => p.id)],
    );
    for (const r of waiting) results.set(Number(r.hospital_id), n(r.c));
  }
  for (const p of places) {
    const c = counts.get(p.id);
    const day = `/my-day${q({ date: p.today })}`;
    at.get(p.id)!.doctor = {
      doctorId,
      waiting: { value: c?.get('checked_in') ?? 0, route: day },
      toCome: { value: c?.get('booked') ?? 0, route: day },
      seen: { value: c?.get('completed') ?? 0, route: day },
      resultsWaiting: { value: results.get(p.id) ?? 0, route: '/my-day' },
    };
  }
}

async function nurseFigures(ctx: CallContext, places: Place[], at: Map<number, HospitalDashboard>, beds: Map<number, { total: BedFigures; wards: WardFigures[] }>): Promise<void> {
  const w = perHospital(places, 'hospital_id', 'expected_discharge <= ?', (p) => [p.today]);
  const rows: { hospital_id: number; c: number | string }[] = await ctx.em.query(
    `SELECT hospital_id, COUNT(*) AS c FROM stays WHERE status = 'admitted' AND ${w.sql} GROUP BY hospital_id`,
    w.args,
  );
  const due = new Map(rows.map((r) => [Number(r.hospital_id), n(r.c)]));
  for (const p of places) {
    const b = beds.get(p.id)!;
    // Nurses are not assigned to a ward yet: every ward of the hospital is theirs to see.
    at.get(p.id)!.nurse = { assignedWardId: null, wards: b.wards, total: b.total, dischargesToday: { value: due.get(p.id) ?? 0, route: '/wards?tab=census' } };
  }
}

async function billingFigures(ctx: CallContext, places: Place[], at: Map<number, HospitalDashboard>): Promise<void> {
  const ids = places.map((p) => p.id);
  // Each hospital's unbilled charges up to the cap, on the (hospital, invoice) index: years of visits never invoiced
  // would otherwise be counted one by one on every refresh.
  const unbilled: { hospital_id: number; c: number | string }[] = await ctx.em.query(
    ids.map(() => `SELECT ? AS hospital_id, COUNT(*) AS c FROM (SELECT 1 FROM charges WHERE hospital_id = ? AND invoice_id IS NULL LIMIT ${UNBILLED_COUNTED}) x`).join(' UNION ALL '),
    ids.flatMap((id) => [id, id]),
  );
  const w = perHospital(places, 'hospital_id', 'issue_date = ?', (p) => [p.today]);
  const issued: { hospital_id: number; currency: string; c: number | string; amount: number | string }[] = await ctx.em.query(
    `SELECT hospital_id, currency, COUNT(*) AS c, SUM(CASE WHEN status = 'void' THEN 0 ELSE total END) AS amount FROM invoices WHERE ${w.sql} GROUP BY hospital_id, currency`,
    w.args,
  );
  const open: { hospital_id: number; currency: string; c: number | string; owed: number | string }[] = await ctx.em.query(
    `SELECT hospital_id, currency, COUNT(*) AS c, SUM(total - paid) AS owed FROM invoices
      WHERE hospital_id IN (${marks(ids.length)}) AND status IN ('issued', 'partially_paid') GROUP BY hospital_id, currency`,
    ids,
  );
  const byCurrency = (a: MoneyFigure, b: MoneyFigure) => a.currency.localeCompare(b.currency);
  for (const p of places) {
    const todays = issued.filter((r) => Number(r.hospital_id) === p.id);
    const owed = open.filter((r) => Number(r.hospital_id) === p.id);
    const issuedRoute = `/billing${q({ from: p.today, to: p.today })}`;
    at.get(p.id)!.billing = {
      unbilledCharges: unbilledFigure(n(unbilled.find((r) => Number(r.hospital_id) === p.id)?.c)),
      issuedToday: { value: todays.reduce((t, r) => t + n(r.c), 0), route: issuedRoute },
      issuedTodayAmounts: todays.map((r) => ({ currency: r.currency, amount: n(r.amount), route: issuedRoute })).sort(byCurrency),
      openInvoices: { value: owed.reduce((t, r) => t + n(r.c), 0), route: '/billing?status=open' },
      receivables: owed.map((r) => ({ currency: r.currency, amount: n(r.owed), route: '/billing?status=open' })).sort(byCurrency),
    };
  }
}

const unbilledFigure = (value: number): Figure => (value >= UNBILLED_COUNTED ? { value, route: '/billing', atLeast: true } : { value, route: '/billing' });

async function hrFigures(ctx: CallContext, places: Place[], at: Map<number, HospitalDashboard>): Promise<void> {
  const ids = places.map((p) => p.id);
  const rules: { hospital_id: number; department_id: number; name: string; shift_type_id: number; staff_role: string; min_headcount: number }[] = await ctx.em.query(
    `SELECT d.hospital_id, cr.department_id, d.name, cr.shift_type_id, cr.staff_role, cr.min_headcount
       FROM coverage_rules cr JOIN departments d ON d.id = cr.department_id
      WHERE d.hospital_id IN (${marks(ids.length)}) AND cr.min_headcount > 0`,
    ids,
  );
  const assigned = new Map<string, number>();
  if (rules.length) {
    // Only the shifts a rule counts: (department, shift type) ranges of the week on the coverage index, each with its
    // hospital's Monday; the person's role from their staff row.
    const week = new Map(places.map((p) => [p.id, p.weekStart]));
    const pairs = [...new Map(rules.map((r) => [`${r.department_id}|${r.shift_type_id}`, r])).values()];
    const rows: { department_id: number; shift_date: string; shift_type_id: number; staff_role: string; c: number | string }[] = await ctx.em.query(
      `SELECT a.department_id, a.shift_date, a.shift_type_id, s.staff_role, COUNT(*) AS c
         FROM shift_assignments a JOIN staff s ON s.id = a.staff_id
        WHERE ${pairs.map(() => '(a.department_id = ? AND a.shift_type_id = ? AND a.shift_date >= ? AND a.shift_date < ?)').join(' OR ')}
        GROUP BY a.department_id, a.shift_date, a.shift_type_id, s.staff_role`,
      pairs.flatMap((r) => {
        const monday = week.get(Number(r.hospital_id))!;
        return [r.department_id, r.shift_type_id, monday, addDays(monday, 7)];
      }),
    );
    for (const r of rows) assigned.set(`${r.department_id}|${r.shift_date}|${r.shift_type_id}|${r.staff_role}`, n(r.c));
  }
  const lw = perHospital(places, 'hospital_id', 'end_date >= ? AND start_date <= ?', (p) => [p.today, p.today]);
  const leave: { hospital_id: number; c: number | string }[] = await ctx.em.query(
    `SELECT hospital_id, COUNT(DISTINCT staff_id) AS c FROM staff_leave WHERE status = 'recorded' AND ${lw.sql} GROUP BY hospital_id`,
    lw.args,
  );
  const lastMonth = (p: Place) => addDays(p.monthStart, -1).slice(0, 7);
  const runs: { id: number; hospital_id: number; month: string; status: 'draft' | 'finalized'; paid_on: string | null }[] = await ctx.em.query(
    `SELECT id, hospital_id, month, status, paid_on FROM payroll_runs WHERE ${places.map(() => '(hospital_id = ? AND month = ?)').join(' OR ')}`,
    places.flatMap((p) => [p.id, lastMonth(p)]),
  );
  for (const p of places) {
    const days = Array.from({ length: 7 }, (_, i) => addDays(p.weekStart, i));
    const byDepartment = new Map<number, { name: string; shifts: number; missing: number }>();
    for (const r of rules.filter((x) => Number(x.hospital_id) === p.id)) {
      for (const d of days) {
        const gap = Math.max(0, Number(r.min_headcount) - (assigned.get(`${r.department_id}|${d}|${r.shift_type_id}|${r.staff_role}`) ?? 0));
        if (gap === 0) continue;
        const g = byDepartment.get(Number(r.department_id)) ?? { name: r.name, shifts: 0, missing: 0 };
        g.shifts++;
        g.missing += gap;
        byDepartment.set(Number(r.department_id), g);
      }
    }
    const gaps = [...byDepartment]
      .map(([departmentId, g]) => ({ departmentId, departmentName: g.name, shifts: g.shifts, missing: g.missing, route: `/rota${q({ departmentId, week: p.weekStart })}` }))
      .sort((a, b) => b.shifts - a.shifts || a.departmentName.localeCompare(b.departmentName));
    const run = runs.find((r) => Number(r.hospital_id) === p.id);
    at.get(p.id)!.hr = {
      weekStart: p.weekStart,
      coverageGaps: { value: gaps.reduce((t, g) => t + g.shifts, 0), route: gaps[0]?.route ?? `/rota${q({ week: p.weekStart })}` },
      missingPeople: gaps.reduce((t, g) => t + g.missing, 0),
      gapsByDepartment: gaps,
      onLeaveToday: { value: n(leave.find((r) => Number(r.hospital_id) === p.id)?.c), route: '/rota/leave' },
      payroll: { month: lastMonth(p), status: run?.status ?? 'none', paidOn: run?.paid_on ?? null, route: run ? `/payroll/runs/${run.id}` : '/payroll' },
    };
  }
}

/** Invoices issued this month (voided ones left out; archived ones count), by hospital and currency. */
async function revenueThisMonth(ctx: CallContext, places: Place[]): Promise<Map<number, Map<string, number>>> {
  const w = perHospital(places, 'hospital_id', 'issue_date >= ? AND issue_date <= ?', (p) => [p.monthStart, p.today]);
  const rows: { hospital_id: number; currency: string; amount: number | string }[] = await ctx.em.query(
    `SELECT hospital_id, currency, SUM(total) AS amount FROM invoices WHERE status <> 'void' AND ${w.sql} GROUP BY hospital_id, currency ORDER BY currency`,
    w.args,
  );
  const out = new Map<number, Map<string, number>>();
  for (const r of rows) {
    const m = out.get(Number(r.hospital_id)) ?? new Map<string, number>();
    m.set(r.currency, n(r.amount));
    out.set(Number(r.hospital_id), m);
  }
  return out;
}

/**
 * The 30 local days before today are history: today's work does not change them, and counting them reads some 60,000
 * index entries for a chain of a million appointments. Each hospital's figure is kept a minute per database (a status
 * corrected on a past day shows within that minute); a new local day asks again.
 */
const pastDays = new WeakMap<object, Map<string, { at: number; noShows: number; due: number }>>();
const PAST_DAYS_MS = 60_000;

/** No-shows and appointments due (completed or no-show) over the 30 local days before today. */
async function noShowsLast30Days(ctx: CallContext, places: Place[]): Promise<Map<number, { noShows: number; due: number }>> {
  let kept = pastDays.get(ctx.em.connection);
  if (!kept) pastDays.set(ctx.em.connection, (kept = new Map()));
  const now = performance.now();
  const key = (p: Place) => `${p.id}|${p.today}`;
  const ask = places.filter((p) => !(now - (kept.get(key(p))?.at ?? -Infinity) < PAST_DAYS_MS));
  if (ask.length) {
    const w = perHospital(ask, 'hospital_id', 'local_date >= ? AND local_date < ?', (p) => [addDays(p.today, -30), p.today]);
    const rows: { hospital_id: number; status: string; c: number | string }[] = await ctx.em.query(
      `SELECT hospital_id, status, COUNT(*) AS c FROM appointments WHERE ${w.sql} GROUP BY hospital_id, status`,
      w.args,
    );
    for (const p of ask) {
      const mine = rows.filter((r) => Number(r.hospital_id) === p.id);
      const noShows = mine.filter((r) => r.status === 'no_show').reduce((t, r) => t + n(r.c), 0);
      const due = noShows + mine.filter((r) => r.status === 'completed').reduce((t, r) => t + n(r.c), 0);
      kept.set(key(p), { at: now, noShows, due });
    }
    if (kept.size > 10_000) for (const [k, v] of kept) if (now - v.at >= PAST_DAYS_MS) kept.delete(k);
  }
  return new Map(places.map((p) => [p.id, { noShows: kept.get(key(p))!.noShows, due: kept.get(key(p))!.due }]));
}
