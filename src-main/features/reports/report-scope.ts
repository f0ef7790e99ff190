// What every report starts from: the hospitals it covers (checked against the caller's scope), the department (checked
// to belong to one of them), and SQL that turns a stored instant into the hospital's local day or hour — MariaDB's
// time zone tables are not loaded on these servers (CONVERT_TZ answers NULL), so the zone's UTC offsets over the
// period are computed here and written into the query as a CASE over the instant.
import { DateTime } from 'luxon';
import type { ReportHead, ReportHospital } from '@shared/contract/reports';
import { addDays, localDate } from '@shared/domain/dates';
import { AppError, forbidden, invalid, notFound } from '@shared/errors';
import type { CallContext } from '../../platform/context';
import { localInstant } from '../../platform/zones';
import { reportReader, type ReportReader } from './report-reader';

// ---- a tiny SQL builder: fragments carry their own arguments, so `?` and its value never drift apart ----

export interface Fragment {
  sql: string;
  args: unknown[];
}

const isFragment = (v: unknown): v is Fragment => typeof v === 'object' && v !== null && 'sql' in v && 'args' in v && Array.isArray((v as Fragment).args);

/** Values become `?` (an array `?,?,…`); fragments are inlined with their arguments. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): Fragment {
  let text = strings[0];
  const args: unknown[] = [];
  values.forEach((v, i) => {
    if (isFragment(v)) {
      text += v.sql;
      args.push(...v.args);
    } else if (Array.isArray(v)) {
      text += v.length ? v.map(() => '?').join(',') : 'NULL';
      args.push(...v);
    } else {
      text += '?';
      args.push(v);
    }
    text += strings[i + 1];
  });
  return { sql: text, args };
}

/** Fixed SQL of the code (a column name), never input. */
export const raw = (text: string): Fragment => ({ sql: text, args: [] });

export const join = (parts: Fragment[], separator: string): Fragment => ({ sql: parts.map((p) => p.sql).join(separator), args: parts.flatMap((p) => p.args) });

/** Days since 1970-01-01 of a calendar date. */
export const dayNumber = (date: string): number => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
/** MariaDB's TO_DAYS of 1970-01-01: TO_DAYS(day) minus it is the day's number. */
export const EPOCH_TO_DAYS = 719_528;

// ---- UTC offsets of a zone over a span ----

const DAY_MS = 86_400_000;
const offsetCache = new Map<string, { first: number; changes: { at: number; offset: number }[] }>();

const offsetAt = (ms: number, zone: string): number => DateTime.fromMillis(ms, { zone }).offset;

/** The zone's offset (minutes east of UTC) at `startMs` and every change up to `endMs`, to the minute. */
export function offsetTimeline(zone: string, startMs: number, endMs: number): { first: number; changes: { at: number; offset: number }[] } {
  const key = `${zone}|${startMs}|${endMs}`;
  const known = offsetCache.get(key);
  if (known) return known;
  const first = offsetAt(startMs, zone);
  const changes: { at: number; offset: number }[] = [];
  let prevMs = startMs;
  let prev = first;
  // Offsets change at most a few times a year; sampling every 6 hours finds each change, a bisection places it.
  for (let t = startMs + 6 * 3_600_000; ; t += 6 * 3_600_000) {
    const at = Math.min(t, endMs);
    const o = offsetAt(at, zone);
    if (o !== prev) {
      let lo = prevMs;
      let hi = at;
      while (hi - lo > 60_000) {
        const mid = Math.floor((lo + hi) / 2 / 60_000) * 60_000;
        if (mid <= lo) break;
        if (offsetAt(mid, zone) === prev) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi, offset: o });
      prev = o;
    }
    prevMs = at;
    if (at >= endMs) break;
  }
  const timeline = { first, changes };
  if (offsetCache.size > 1000) offsetCache.clear();
  offsetCache.set(key, timeline);
  return timeline;
}

// ---- the scope of one report call ----

export interface ReportScope {
  reader: ReportReader;
  head: ReportHead;
  /** The hospitals covered, in name order. */
  ids: number[];
  hospital(id: number): ReportHospital;
  from: string;
  to: string;
  departmentId: number | null;
  /** The earliest instant of `from` and the latest instant of the day after `to` among the hospitals: bounds for instant columns. */
  startAt: Date;
  endAt: Date;
  /** Minutes east of UTC of the row's hospital at the instant in `column` (an SQL expression). */
  offsetSql(column: string, hospitalColumn: string): Fragment;
  /** The row's hospital's local day of the instant in `column`. */
  localDaySql(column: string, hospitalColumn: string): Fragment;
  /**
   * The hospitals by time zone, each with SQL for the local day of an instant in that zone alone: a zone whose offset
   * does not change over the period is one constant (no CASE per row), so a query over many rows runs per zone.
   */
  zones(): { zone: string; ids: number[]; localDaySql(column: string): Fragment }[];
  /** Minutes east of UTC at a hospital at an instant (the offsets `offsetSql` writes into a query). */
  offsetAt(hospitalId: number, ms: number): number;
  /** The hospital's local day at an instant (ms since 1970), as days since 1970-01-01. */
  dayNumberAt(hospitalId: number, ms: number): number;
  /** Today at a hospital (ongoing stays count up to it). */
  today(id: number): string;
}

export interface ReportFilterInput {
  hospitalIds?: number[];
  from: string;
  to: string;
  departmentId?: number;
}

/**
 * The hospitals of a report: those named (each must be in the caller's scope: FORBIDDEN otherwise, NOT_FOUND when there
 * is no such hospital), or all of the caller's. A department must belong to one of them.
 */
export async function reportScope(ctx: CallContext, filter: ReportFilterInput): Promise<ReportScope> {
  const reader = reportReader(ctx);
  const named = [...new Set(filter.hospitalIds ?? [])];
  for (const id of named) ctx.requireHospital(id);
  const scope = ctx.scope();
  const want = named.length ? named : scope === 'all' ? null : scope;
  if (want && want.length === 0) throw forbidden('You do not work at any hospital.');
  const rows: { id: number; name: string; currency: string; time_zone: string }[] = await reader.query(
    want ? `SELECT id, name, currency, time_zone FROM hospitals WHERE id IN (${want.map(() => '?').join(',')}) ORDER BY name, id` : 'SELECT id, name, currency, time_zone FROM hospitals ORDER BY name, id',
    want ?? [],
  );
  if (named.length && rows.length < named.length) throw notFound('The hospital');
  if (rows.length === 0) throw new AppError('NOT_FOUND', 'There is no hospital to report on yet.');
  const hospitals = rows.map((r) => ({ id: Number(r.id), name: r.name, currency: r.currency, timeZone: r.time_zone }));
  const byId = new Map(hospitals.map((h) => [h.id, h]));

  const departmentId = filter.departmentId ?? null;
  if (departmentId !== null) {
    const [d]: { hospital_id: number }[] = await reader.query('SELECT hospital_id FROM departments WHERE id = ?', [departmentId]);
    if (!d) throw notFound('The department');
    ctx.requireHospital(Number(d.hospital_id));
    if (!byId.has(Number(d.hospital_id))) throw invalid({ departmentId: 'That department is not at the hospitals chosen.' });
  }

  const { from, to } = filter;
  const starts = hospitals.map((h) => localInstant(from, 0, h.timeZone));
  const ends = hospitals.map((h) => localInstant(addDays(to, 1), 0, h.timeZone));
  const startAt = new Date(Math.min(...starts));
  const endAt = new Date(Math.max(...ends));
  // Offsets are exact from three days before the period to three days after; instants outside fall outside the
  // period's local days anyway (an hour's error cannot move them in).
  const spanStart = startAt.getTime() - 3 * DAY_MS;
  const spanEnd = endAt.getTime() + 3 * DAY_MS;

  const zoneCase = (column: string, zone: string): Fragment => {
    const t = offsetTimeline(zone, spanStart, spanEnd);
    if (t.changes.length === 0) return sql`${t.first}`;
    const parts: Fragment[] = [];
    let before = t.first;
    for (const c of t.changes) {
      parts.push(sql`WHEN ${raw(column)} < ${new Date(c.at)} THEN ${before}`);
      before = c.offset;
    }
    return sql`(CASE ${join(parts, ' ')} ELSE ${before} END)`;
  };

  const offsetSql = (column: string, hospitalColumn: string): Fragment => {
    const zones = [...new Set(hospitals.map((h) => h.timeZone))];
    if (zones.length === 1) return zoneCase(column, zones[0]);
    return sql`(CASE ${raw(hospitalColumn)} ${join(
      hospitals.map((h) => sql`WHEN ${h.id} THEN ${zoneCase(column, h.timeZone)}`),
      ' ',
    )} END)`;
  };

  // Each hospital's timeline looked up once: reports call this for every row they read.
  const timelines = new Map<number, { zone: string; t: ReturnType<typeof offsetTimeline> }>();
  const offsetAtMs = (hospitalId: number, ms: number): number => {
    let known = timelines.get(hospitalId);
    if (!known) {
      const zone = byId.get(hospitalId)?.timeZone ?? 'UTC';
      timelines.set(hospitalId, (known = { zone, t: offsetTimeline(zone, spanStart, spanEnd) }));
    }
    if (ms < spanStart || ms > spanEnd) return offsetAt(ms, known.zone);
    const t = known.t;
    let o = t.first;
    for (const c of t.changes) {
      if (ms < c.at) break;
      o = c.offset;
    }
    return o;
  };

  const now = ctx.now();
  return {
    reader,
    head: { from, to, departmentId, hospitals, generatedAt: now.toISOString() },
    ids: hospitals.map((h) => h.id),
    hospital: (id) => byId.get(id) ?? { id, name: `Hospital ${id}`, currency: '', timeZone: 'UTC' },
    from,
    to,
    departmentId,
    startAt,
    endAt,
    offsetSql,
    localDaySql: (column, hospitalColumn) => sql`DATE(${raw(column)} + INTERVAL ${offsetSql(column, hospitalColumn)} MINUTE)`,
    zones: () =>
      [...new Set(hospitals.map((h) => h.timeZone))].map((zone) => ({
        zone,
        ids: hospitals.filter((h) => h.timeZone === zone).map((h) => h.id),
        localDaySql: (column: string) => sql`DATE(${raw(column)} + INTERVAL ${zoneCase(column, zone)} MINUTE)`,
      })),
    offsetAt: offsetAtMs,
    dayNumberAt: (hospitalId, ms) => Math.floor((ms + offsetAtMs(hospitalId, ms) * 60_000) / DAY_MS),
    today: (id) => localDate(now, byId.get(id)?.timeZone),
  };
}
