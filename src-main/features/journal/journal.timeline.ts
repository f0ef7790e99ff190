// A patient's journal as one timeline: which kinds the caller may see, the records of those kinds at the caller's
// hospitals as one list across four tables (appointments, encounters, stays, invoices) sorted by (at, kind, id), and
// the details of the records on a page. The patient is the chain's; their records are those of the caller's hospitals.
import type { Page } from '@shared/contract/channel';
import type { JournalEntry } from '@shared/contract/journal';
import type { AppointmentStatus } from '@shared/domain/scheduling';
import type { InvoiceStatus } from '@shared/domain/billing';
import { addDays } from '@shared/domain/dates';
import { doctorName, fullName } from '@shared/domain/format';
import { JOURNAL_KINDS, journalViewOf, type JournalKind, type JournalView } from '@shared/domain/clinical';
import { notFound } from '@shared/errors';
import { decodeCursor, encodeCursor, type KeysetColumn } from '../../db/pages';
import type { CallContext } from '../../platform/context';
import { hospitalCondition } from '../../platform/scope';
import { addMissingZones, hospitalZones, localInstant, type HospitalZone } from '../../platform/zones';
import { loadEncounters } from '../clinical';

/** The kinds in the order ties on `at` are broken (the list is newest first: an invoice before its encounter). */
export const KIND_ORDER: Record<JournalKind, number> = { appointment: 1, encounter: 2, admission: 3, invoice: 4 };
const KIND_OF: Record<number, JournalKind> = { 1: 'appointment', 2: 'encounter', 3: 'admission', 4: 'invoice' };

/** Each kind's table and the instant it sits at on the timeline. */
const SOURCES: Record<JournalKind, { table: string; at: string }> = {
  appointment: { table: 'appointments', at: 'starts_at' },
  encounter: { table: 'encounters', at: 'started_at' },
  admission: { table: 'stays', at: 'admitted_at' },
  invoice: { table: 'invoices', at: 'COALESCE(issued_at, created_at)' },
};

export interface JournalRef {
  at: Date;
  kind: JournalKind;
  id: number;
  hospitalId: number;
}

interface RefRow {
  at: Date;
  k: number;
  id: number | string;
  hospital_id: number | string;
}

export interface PatientHead {
  id: number;
  hospitalId: number;
  patientNumber: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  name: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  phone: string | null;
  email: string | null;
  addressLine: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  bloodGroup: string | null;
  allergies: string | null;
  chronicConditions: string | null;
}

/** The patient (chain-wide), NOT_FOUND when there is none. */
export async function patientHead(ctx: CallContext, patientId: number): Promise<PatientHead> {
  const [p]: {
    id: number;
    hospital_id: number;
    patient_number: string;
    first_name: string;
    middle_name: string | null;
    last_name: string;
    date_of_birth: string;
    sex: PatientHead['sex'];
    phone: string | null;
    email: string | null;
    address_line: string | null;
    city: string | null;
    region: string | null;
    postal_code: string | null;
    blood_group: string | null;
    allergies: string | null;
    chronic_conditions: string | null;
  }[] = await ctx.em.query(
    `SELECT id, hospital_id, patient_number, first_name, middle_name, last_name, date_of_birth, sex, phone, email, address_line, city, region,
            postal_code, blood_group, allergies, chronic_conditions
       FROM patients WHERE id = ?`,
    [patientId],
  );
  if (!p) throw notFound('The patient');
  return {
    id: Number(p.id),
    hospitalId: Number(p.hospital_id),
    patientNumber: p.patient_number,
    firstName: p.first_name,
    middleName: p.middle_name,
    lastName: p.last_name,
    name: fullName(p.first_name, p.middle_name, p.last_name),
    dateOfBirth: p.date_of_birth,
    sex: p.sex,
    phone: p.phone,
    email: p.email,
    addressLine: p.address_line,
    city: p.city,
    region: p.region,
    postalCode: p.postal_code,
    bloodGroup: p.blood_group,
    allergies: p.allergies,
    chronicConditions: p.chronic_conditions,
  };
}

export const viewOf = (ctx: CallContext): JournalView => journalViewOf(ctx.user.roles);

export interface JournalFilter {
  patientId: number;
  kinds?: readonly JournalKind[];
  /** Hospital-local days, inclusive. */
  from?: string;
  to?: string;
}

interface Branch {
  kind: JournalKind;
  /** The instant of the row, as SQL. */
  at: string;
  table: string;
  where: string[];
  args: unknown[];
}

/**
 * The list as one SELECT per kind the caller may see and asked for, each on the patient's index of its table, limited
 * to the caller's hospitals and to the local days asked for (each hospital's own midnight). Empty when no kind is left.
 */
async function branchesOf(ctx: CallContext, view: JournalView, filter: JournalFilter): Promise<Branch[]> {
  const kinds = JOURNAL_KINDS.filter((k) => view.kinds.includes(k) && (!filter.kinds || filter.kinds.length === 0 || filter.kinds.includes(k)));
  if (kinds.length === 0) return [];
  const scope = hospitalCondition(ctx, 'hospital_id');

  // Local days → instants, per time zone of the hospitals the caller may see.
  let days: { sql: (at: string) => string; args: unknown[] } | null = null;
  if (filter.from || filter.to) {
    const zones = await hospitalZones(ctx.em);
    const ids = ctx.scope();
    if (ids !== 'all') await addMissingZones(ctx.em, zones, ids);
    const byZone = new Map<string, number[]>();
    for (const z of zones.values()) if (ids === 'all' || ids.includes(z.id)) byZone.set(z.timeZone, [...(byZone.get(z.timeZone) ?? []), z.id]);
    const parts: ((at: string) => string)[] = [];
    const args: unknown[] = [];
    for (const [zone, hospitals] of byZone) {
      const oneZone = byZone.size === 1;
      const bounds: string[] = [];
      if (!oneZone) args.push(...hospitals);
      if (filter.from) {
        bounds.push('>= ?');
        args.push(new Date(localInstant(filter.from, 0, zone)));
      }
      if (filter.to) {
        bounds.push('< ?');
        args.push(new Date(localInstant(addDays(filter.to, 1), 0, zone)));
      }
      const which = oneZone ? '' : `hospital_id IN (${hospitals.map(() => '?').join(',')}) AND `;
      parts.push((at) => `(${which}${bounds.map((b) => `${at} ${b}`).join(' AND ')})`);
    }
    days = parts.length ? { sql: (at) => `(${parts.map((p) => p(at)).join(' OR ')})`, args } : { sql: () => '0 = 1', args: [] };
  }

  return kinds.map((kind) => {
    const { table, at } = SOURCES[kind];
    const where = ['patient_id = ?'];
    const args: unknown[] = [filter.patientId];
    if (scope) {
      where.push(scope.sql);
      args.push(...scope.args);
    }
    if (days) {
      where.push(days.sql(at));
      args.push(...days.args);
    }
    return { kind, at, table, where, args };
  });
}

const select = (b: Branch) => `SELECT ${b.at} AS at, ${KIND_ORDER[b.kind]} AS k, id, hospital_id FROM ${b.table} WHERE ${b.where.join(' AND ')}`;

/** The page marker's columns: the list's order, newest first, ties by kind and id (keysetPage's marker format). */
const NEWEST_FIRST: KeysetColumn<RefRow>[] = [
  { column: 'at', direction: 'DESC', kind: 'instant', value: (r) => r.at },
  { column: 'k', direction: 'DESC', kind: 'int', value: (r) => Number(r.k) },
  { column: 'id', direction: 'DESC', kind: 'int', value: (r) => Number(r.id) },
];

const toRef = (r: RefRow): JournalRef => ({ at: r.at, kind: KIND_OF[Number(r.k)], id: Number(r.id), hospitalId: Number(r.hospital_id) });

/**
 * One page of the timeline, newest first. Each kind's SELECT takes only the rows after the marker and at most a page
 * of them, newest first along its patient index, so a page reads about a page of rows per kind however long the
 * record is; the UNION ALL of those is sorted once more and cut to the page.
 */
export async function timelinePage(ctx: CallContext, view: JournalView, filter: JournalFilter, cursor: string | null | undefined, limit: number): Promise<Page<JournalRef>> {
  const after = decodeCursor(cursor, NEWEST_FIRST);
  const branches = await branchesOf(ctx, view, filter);
  if (branches.length === 0) return { items: [], nextCursor: null };
  const args: unknown[] = [];
  const parts = branches.map((b) => {
    const where = [...b.where];
    args.push(...b.args);
    if (after) {
      // After (at, k, id) in descending order; this branch's k is a constant, so the condition is on (at, id) only.
      const [at, k, id] = after as [string, number, number];
      const kind = KIND_ORDER[b.kind];
      const instant = new Date(at);
      if (kind < k) {
        where.push(`${b.at} <= ?`);
        args.push(instant);
      } else if (kind > k) {
        where.push(`${b.at} < ?`);
        args.push(instant);
      } else {
        where.push(`(${b.at} < ? OR (${b.at} = ? AND id < ?))`);
        args.push(instant, instant, id);
      }
    }
    return `(${select({ ...b, where })} ORDER BY at DESC, id DESC LIMIT ${limit + 1})`;
  });
  const rows: RefRow[] = await ctx.em.query(`SELECT at, k, id, hospital_id FROM (${parts.join(' UNION ALL ')}) j ORDER BY at DESC, k DESC, id DESC LIMIT ?`, [...args, limit + 1]);
  const items = rows.slice(0, limit);
  const last = rows.length > limit ? items[items.length - 1] : null;
  return { items: items.map(toRef), nextCursor: last ? encodeCursor(NEWEST_FIRST.map((c) => c.value(last))) : null };
}

/** The whole timeline, oldest first (the printed journal and the export). */
export async function wholeTimeline(ctx: CallContext, view: JournalView, filter: JournalFilter): Promise<JournalRef[]> {
  const branches = await branchesOf(ctx, view, filter);
  if (branches.length === 0) return [];
  const rows: RefRow[] = await ctx.em.query(
    `SELECT at, k, id, hospital_id FROM (${branches.map(select).join(' UNION ALL ')}) j ORDER BY at, k, id`,
    branches.flatMap((b) => b.args),
  );
  return rows.map(toRef);
}

const inList = (ids: readonly number[]) => ids.map(() => '?').join(',');
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const n = (v: number | string) => Number(v);

type AppointmentPart = Extract<JournalEntry, { kind: 'appointment' }>['appointment'];
type AdmissionPart = Extract<JournalEntry, { kind: 'admission' }>['admission'];
type InvoicePart = Extract<JournalEntry, { kind: 'invoice' }>['invoice'];

async function appointmentsOf(ctx: CallContext, ids: number[]): Promise<Map<number, AppointmentPart>> {
  if (ids.length === 0) return new Map();
  const rows: {
    id: number;
    status: AppointmentStatus;
    starts_at: Date;
    ends_at: Date;
    reason: string | null;
    cancel_reason: string | null;
    doc_first: string;
    doc_last: string;
    department_name: string | null;
  }[] = await ctx.em.query(
    `SELECT a.id, a.status, a.starts_at, a.ends_at, a.reason, a.cancel_reason, s.first_name AS doc_first, s.last_name AS doc_last, d.name AS department_name
       FROM appointments a JOIN staff s ON s.id = a.doctor_id LEFT JOIN departments d ON d.id = a.department_id
      WHERE a.id IN (${inList(ids)})`,
    ids,
  );
  return new Map(
    rows.map((r) => [
      n(r.id),
      {
        status: r.status,
        start: r.starts_at.toISOString(),
        end: r.ends_at.toISOString(),
        doctorName: doctorName(r.doc_first, r.doc_last),
        departmentName: r.department_name,
        reason: r.reason,
        cancelReason: r.cancel_reason,
      },
    ]),
  );
}

async function admissionsOf(ctx: CallContext, ids: number[]): Promise<Map<number, AdmissionPart>> {
  if (ids.length === 0) return new Map();
  const stays: { id: number; admitted_at: Date; discharged_at: Date | null; expected_discharge: string | null; reason: string | null; discharge_note: string | null }[] = await ctx.em.query(
    `SELECT id, admitted_at, discharged_at, expected_discharge, reason, discharge_note FROM stays WHERE id IN (${inList(ids)})`,
    ids,
  );
  const beds: { stay_id: number; ward: string; room: string; bed: string; from_at: Date; to_at: Date | null }[] = await ctx.em.query(
    `SELECT bs.stay_id, f.name AS ward, r.number AS room, b.label AS bed, bs.from_at, bs.to_at
       FROM bed_stays bs JOIN beds b ON b.id = bs.bed_id JOIN rooms r ON r.id = b.room_id JOIN floors f ON f.id = r.floor_id
      WHERE bs.stay_id IN (${inList(ids)}) ORDER BY bs.stay_id, bs.from_at, bs.id`,
    ids,
  );
  const out = new Map<number, AdmissionPart>();
  for (const s of stays) {
    out.set(n(s.id), {
      admittedAt: s.admitted_at.toISOString(),
      dischargedAt: iso(s.discharged_at),
      expectedDischarge: s.expected_discharge,
      reason: s.reason,
      dischargeNote: s.discharge_note,
      beds: [],
    });
  }
  for (const b of beds) out.get(n(b.stay_id))?.beds.push({ ward: b.ward, room: b.room, bed: b.bed, from: b.from_at.toISOString(), to: iso(b.to_at) });
  return out;
}

async function invoicesOf(ctx: CallContext, ids: number[]): Promise<Map<number, InvoicePart>> {
  if (ids.length === 0) return new Map();
  const rows: { id: number; number: string | null; status: InvoiceStatus; issue_date: string | null; currency: string; total: number | string; paid: number | string; line_count: number | string }[] =
    await ctx.em.query(
      `SELECT i.id, i.number, i.status, i.issue_date, i.currency, i.total, i.paid, (SELECT COUNT(*) FROM invoice_lines l WHERE l.invoice_id = i.id) AS line_count
         FROM invoices i WHERE i.id IN (${inList(ids)})`,
      ids,
    );
  return new Map(
    rows.map((r) => [
      n(r.id),
      {
        number: r.number,
        status: r.status,
        issueDate: r.issue_date,
        currency: r.currency,
        total: n(r.total),
        paid: n(r.paid),
        balance: r.status === 'void' ? 0 : n(r.total) - n(r.paid),
        lines: n(r.line_count),
      },
    ]),
  );
}

/** The entries of these references, in their order, with what the view allows of each. */
export async function entriesOf(ctx: CallContext, refs: readonly JournalRef[], view: JournalView): Promise<JournalEntry[]> {
  const idsOf = (kind: JournalKind) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const encounterIds = idsOf('encounter');
  // One after the other: they share the call's connection.
  const appointments = await appointmentsOf(ctx, idsOf('appointment'));
  const encounters = encounterIds.length ? await loadEncounters(ctx, encounterIds, view) : [];
  const admissions = await admissionsOf(ctx, idsOf('admission'));
  const invoices = await invoicesOf(ctx, idsOf('invoice'));
  const zones = await zonesOf(ctx, refs);
  const encounterById = new Map(encounters.map((e) => [e.id, e]));
  const out: JournalEntry[] = [];
  for (const r of refs) {
    const h = zones.get(r.hospitalId);
    const base = { id: r.id, at: r.at.toISOString(), hospitalId: r.hospitalId, hospitalName: h?.name ?? '', timeZone: h?.timeZone ?? 'UTC' };
    if (r.kind === 'appointment') {
      const appointment = appointments.get(r.id);
      if (appointment) out.push({ ...base, kind: 'appointment', appointment });
    } else if (r.kind === 'encounter') {
      const encounter = encounterById.get(r.id);
      if (encounter) out.push({ ...base, kind: 'encounter', encounter });
    } else if (r.kind === 'admission') {
      const admission = admissions.get(r.id);
      if (admission) out.push({ ...base, kind: 'admission', admission });
    } else {
      const invoice = invoices.get(r.id);
      if (invoice) out.push({ ...base, kind: 'invoice', invoice });
    }
  }
  return out;
}

async function zonesOf(ctx: CallContext, refs: readonly JournalRef[]): Promise<Map<number, HospitalZone>> {
  const ids = [...new Set(refs.map((r) => r.hospitalId))];
  const zones = await hospitalZones(ctx.em, ids);
  await addMissingZones(ctx.em, zones, ids);
  return zones;
}
