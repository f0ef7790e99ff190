// As-you-type patient search over a million rows: one indexed range per kind of query, keyset-paged.
import type { EntityManager } from 'typeorm';
import type { Page } from '@shared/contract/channel';
import type { PatientSummary } from '@shared/contract/patients';
import { countryInfo } from '@shared/domain/countries';
import { parseTypedDate } from '@shared/domain/dates';
import { phoneSearchPrefix } from '@shared/domain/phone';
import { decodeCursor, encodeCursor, invalidCursor, type CursorValueKind } from '../../db/pages';
import { searchKey } from './rules';

export type SearchMode = { kind: 'all' } | { kind: 'name'; prefix: string } | { kind: 'number'; prefix: string } | { kind: 'phone'; prefix: string } | { kind: 'dob'; date: string };

/** What the desk typed: a date of birth, a phone number, a patient number, or a name. */
export function classifyQuery(query: string, country: string): SearchMode {
  const q = query.trim().replace(/\s+/g, ' ');
  if (!q) return { kind: 'all' };
  const date = parseTypedDate(q, countryInfo(country).dateOrder);
  if (date) return { kind: 'dob', date };
  const phone = phoneSearchPrefix(q, country);
  if (phone) return { kind: 'phone', prefix: phone };
  if (/\d/.test(q) && /^[\p{L}\d/_.-]+$/u.test(q)) return { kind: 'number', prefix: q };
  return { kind: 'name', prefix: q };
}

const likePrefix = (s: string) => `${s.replace(/[\\%_]/g, '\\$&')}%`;

/** The columns of a PatientSummary, named as its fields. */
export const SUMMARY_COLUMNS = `id, patient_number AS patientNumber, hospital_id AS hospitalId, first_name AS firstName, middle_name AS middleName,
  last_name AS lastName, date_of_birth AS dateOfBirth, sex, phone`;

/**
 * One walk over one index in that index's own order, so a page costs O(page size) whatever the table size.
 * The index is forced: with LIMIT the optimizer otherwise may walk another index in sort order and
 * test every row against the filter (seen: 31 s for a common given name at a million patients).
 */
interface Phase {
  index: string;
  sort: 'name_key' | 'name_key_rev' | 'patient_number' | 'phone';
  where: string;
  args: unknown[];
}

function phasesFor(mode: SearchMode): Phase[] {
  switch (mode.kind) {
    case 'all':
      return [{ index: 'ix_patients_name', sort: 'name_key', where: '1 = 1', args: [] }];
    case 'dob':
      // Few people share a birthday: the date index narrows, the sort is over a handful of rows.
      return [{ index: 'ix_patients_dob', sort: 'name_key', where: 'date_of_birth = ?', args: [mode.date] }];
    case 'phone':
      return [{ index: 'ix_patients_phone', sort: 'phone', where: 'phone LIKE ?', args: [likePrefix(mode.prefix)] }];
    case 'number':
      return [{ index: 'uq_patients_number', sort: 'patient_number', where: 'patient_number LIKE ?', args: [likePrefix(mode.prefix)] }];
    case 'name': {
      const like = likePrefix(searchKey(mode.prefix));
      // Surname-first matches, then given-name-first matches that were not already listed.
      return [
        { index: 'ix_patients_name', sort: 'name_key', where: 'name_key LIKE ?', args: [like] },
        { index: 'ix_patients_name_rev', sort: 'name_key_rev', where: 'name_key_rev LIKE ? AND name_key NOT LIKE ?', args: [like, like] },
      ];
    }
  }
}

type Position = [phase: number, key: string, id: number];

const POSITION: { kind: CursorValueKind }[] = [{ kind: 'int' }, { kind: 'string' }, { kind: 'int' }];

/** The search's own position (phase, key, id) in the one page marker format; a phase this search lacks is refused too. */
function decodeSearchCursor(cursor: string | null | undefined, phases: number): Position | null {
  const v = decodeCursor(cursor, POSITION) as Position | null;
  if (v && (v[0] < 0 || v[0] >= phases)) throw invalidCursor();
  return v;
}

/** The screen's page: keys first along the phase's index (the index alone), then the page's rows by id. */
export async function searchPatients(em: EntityManager, mode: SearchMode, limit: number, cursor: string | null | undefined): Promise<Page<PatientSummary>> {
  return searchPage(em, mode, limit, cursor, false);
}

/**
 * The same page — same filter, order and page marker — read with its rows in one query a phase: what a CSV export of
 * every patient reads, thousands of rows a page, without a second query of thousands of ids. Kept here, on the same
 * phases, so the two cannot drift; test/integration/exports.test.ts checks they give the same rows.
 */
export async function searchPatientsForExport(em: EntityManager, mode: SearchMode, limit: number, cursor: string | null | undefined): Promise<Page<PatientSummary>> {
  return searchPage(em, mode, limit, cursor, true);
}

interface SummaryRow extends PatientSummary {
  k: string;
}

const summaryOf = (r: PatientSummary): PatientSummary => ({
  id: Number(r.id),
  patientNumber: r.patientNumber,
  hospitalId: r.hospitalId,
  firstName: r.firstName,
  middleName: r.middleName,
  lastName: r.lastName,
  dateOfBirth: r.dateOfBirth,
  sex: r.sex,
  phone: r.phone,
});

async function searchPage(em: EntityManager, mode: SearchMode, limit: number, cursor: string | null | undefined, withRows: boolean): Promise<Page<PatientSummary>> {
  const phases = phasesFor(mode);
  const after = decodeSearchCursor(cursor, phases.length);
  // Rows found (one more than the page holds tells there is a next page), the page's ids or rows, and its last row.
  let found = 0;
  const ids: number[] = [];
  const items: PatientSummary[] = [];
  let lastPhase = 0;
  let last: SummaryRow | null = null;
  for (let p = after ? after[0] : 0; p < phases.length && found <= limit; p++) {
    const { index, sort, where, args } = phases[p];
    const from = after && after[0] === p ? after : null;
    const keyset = from ? `AND (${sort} > ? OR (${sort} = ? AND id > ?))` : '';
    const rows: SummaryRow[] = await em.query(
      `SELECT ${withRows ? `${SUMMARY_COLUMNS}, ` : 'id, '}${sort} AS k FROM patients FORCE INDEX (${index}) WHERE ${where} ${keyset} ORDER BY ${sort}, id LIMIT ${limit + 1 - found}`,
      from ? [...args, from[1], from[1], from[2]] : args,
    );
    for (const r of rows) {
      if (found < limit) {
        if (withRows) items.push(summaryOf(r));
        else ids.push(Number(r.id));
        lastPhase = p;
        last = r;
      }
      found++;
    }
  }
  if (!last) return { items: [], nextCursor: null };
  const nextCursor = found > limit ? encodeCursor([lastPhase, last.k, Number(last.id)] satisfies Position) : null;
  if (withRows) return { items, nextCursor };
  const rows: PatientSummary[] = await em.query(`SELECT ${SUMMARY_COLUMNS} FROM patients WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  const byId = new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
  return {
    items: ids.map((id) => byId.get(id)).filter((r): r is PatientSummary => r !== undefined),
    nextCursor,
  };
}
