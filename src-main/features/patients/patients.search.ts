// As-you-type patient search over a million rows: one indexed range per kind of query, keyset-paged.
import type { EntityManager } from 'typeorm';
import type { Page } from '@shared/contract/channel';
import type { PatientSummary } from '@shared/contract/patients';
import { AppError } from '@shared/errors';
import { countryInfo } from '@shared/domain/countries';
import { parseTypedDate } from '@shared/domain/dates';
import { phoneSearchPrefix } from '@shared/domain/phone';

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

const COLUMNS = `id, patient_number AS patientNumber, hospital_id AS hospitalId, first_name AS firstName, middle_name AS middleName,
  last_name AS lastName, date_of_birth AS dateOfBirth, sex, phone`;

interface Sort {
  column: 'name_key' | 'patient_number' | 'phone';
}

function decodeCursor(cursor: string | null | undefined): [string, number] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && Number.isSafeInteger(v[1])) return [v[0], v[1]];
  } catch {
    // fall through to the error below
  }
  throw new AppError('VALIDATION', 'The page cursor is not valid; start the search again.', { cursor: 'Not a cursor from this search.' });
}

const encodeCursor = (key: string, id: number) => Buffer.from(JSON.stringify([key, id])).toString('base64url');

export async function searchPatients(em: EntityManager, mode: SearchMode, limit: number, cursor: string | null | undefined): Promise<Page<PatientSummary>> {
  const after = decodeCursor(cursor);
  const sort: Sort = { column: mode.kind === 'number' ? 'patient_number' : mode.kind === 'phone' ? 'phone' : 'name_key' };
  const keyset = after ? `AND (${sort.column} > ? OR (${sort.column} = ? AND id > ?))` : '';
  const keysetArgs = after ? [after[0], after[0], after[1]] : [];
  const order = `ORDER BY ${sort.column}, id LIMIT ${limit + 1}`;
  const branch = (where: string, args: unknown[]) => ({
    sql: `SELECT id, ${sort.column} AS sort_key FROM patients WHERE ${where} ${keyset} ${order}`,
    args: [...args, ...keysetArgs],
  });

  let branches: { sql: string; args: unknown[] }[];
  switch (mode.kind) {
    case 'all':
      branches = [branch('1 = 1', [])];
      break;
    case 'dob':
      branches = [branch('date_of_birth = ?', [mode.date])];
      break;
    case 'phone':
      branches = [branch('phone LIKE ?', [likePrefix(mode.prefix)])];
      break;
    case 'number':
      branches = [branch('patient_number LIKE ?', [likePrefix(mode.prefix)])];
      break;
    case 'name':
      // Surname first or given name first: each branch walks its own index; the union is merged in key order.
      branches = [branch('name_key LIKE ?', [likePrefix(mode.prefix)]), branch('name_key_rev LIKE ?', [likePrefix(mode.prefix)])];
      break;
  }
  const sql =
    branches.length === 1
      ? branches[0].sql
      : `SELECT id, sort_key FROM (${branches.map((b) => `(${b.sql})`).join(' UNION ')}) u ORDER BY sort_key, id LIMIT ${limit + 1}`;
  const ids: { id: string; sort_key: string }[] = await em.query(sql, branches.flatMap((b) => b.args));
  const page = ids.slice(0, limit);
  if (page.length === 0) return { items: [], nextCursor: null };
  const rows: (PatientSummary & { id: string | number })[] = await em.query(`SELECT ${COLUMNS} FROM patients WHERE id IN (${page.map(() => '?').join(',')})`, page.map((r) => r.id));
  const byId = new Map(rows.map((r) => [Number(r.id), { ...r, id: Number(r.id) }]));
  const items = page.map((r) => byId.get(Number(r.id))!).filter(Boolean);
  const last = page[page.length - 1];
  return { items, nextCursor: ids.length > limit ? encodeCursor(last.sort_key, Number(last.id)) : null };
}
