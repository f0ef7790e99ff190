// ICD-10 codes: search by code prefix (through the primary key) or by words (through the FULLTEXT index, common
// diagnoses first), and the import of a full code list from CSV in chunks with progress.
import { parseCsv } from '@shared/domain/csv-import';
import type { IcdCode } from '@shared/contract/clinical';
import { ICD10_CODE } from '@shared/domain/clinical';
import type { CallContext } from '../../platform/context';
import { marks, type In } from './clinicians';
import { commonCodes, forgetCommonCodes, titleWords } from './icd10-common';

/** InnoDB's default full-text stopwords: a required stopword term would match nothing, so they are left out. */
const STOPWORDS = new Set('a about an are as at be by com de en for from how i in is it la of on or that the this to was what when where who will with und www'.split(' '));
/** innodb_ft_min_token_size: shorter words are not in the index. */
const MIN_TOKEN = 3;

/** A code as typed ("e11", "E119", "e11.") the way the list writes it ("E11", "E11.9", "E11."). */
const CODE_PREFIX = /^[A-Z][0-9][0-9A-Z]?(\.?[0-9A-Z]{0,4})$/;
function codePrefix(q: string): string | null {
  const s = q.toUpperCase().replace(/\s+/g, '');
  if (!CODE_PREFIX.test(s)) return null;
  return s.length > 3 && s[3] !== '.' ? `${s.slice(0, 3)}.${s.slice(3)}` : s;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

interface CodeRow {
  code: string;
  title: string;
  common: number;
}
const toCode = (r: CodeRow): IcdCode => ({ code: r.code, title: r.title, common: !!Number(r.common) });

// ---- search ----


/**
 * Words found in thousands of ICD-10 titles. Asked of the FULLTEXT index beside a rarer word, each makes it gather
 * and intersect thousands of entries; beside a rarer word they narrow what it found instead ("malignant neoplasm
 * breast" reads the entries of "breast"). Alone, they are asked of the index.
 */
const FREQUENT = 'unspecified other specified acute chronic malignant neoplasm fracture encounter initial subsequent sequela injury open wound left right bilateral infection disease disorder without complication complications classified elsewhere due type diabetes mellitus primary secondary syndrome pain part region site lower upper'.split(' ');
const frequent = (w: string) => FREQUENT.some((f) => f.startsWith(w) || w.startsWith(f));

/** What was typed, read as a code prefix or as words (FULLTEXT terms, and words that narrow what they find). */
export type CodeQuery = { kind: 'all' } | { kind: 'code'; prefix: string } | { kind: 'words'; terms: string[]; narrowing: string[]; raw: string };

export function readCodeQuery(query: string): CodeQuery {
  const q = query.trim();
  if (!q) return { kind: 'all' };
  const prefix = codePrefix(q);
  if (prefix) return { kind: 'code', prefix };
  const words = titleWords(q).filter((w) => !STOPWORDS.has(w));
  const indexed = words.filter((w) => w.length >= MIN_TOKEN).map((w) => w.slice(0, 84));
  const short = words.filter((w) => w.length < MIN_TOKEN);
  const rare = indexed.filter((w) => !frequent(w));
  const terms = rare.length ? rare : indexed;
  return { kind: 'words', terms, narrowing: [...indexed.filter((w) => !terms.includes(w)), ...short], raw: q };
}

/**
 * The one SELECT of a search beyond the common codes, as SQL and arguments, reading at most `limit` rows: a code
 * prefix through the primary key, in code order; words through the FULLTEXT index as required prefix terms
 * ("+malar*"), the other words (frequent ones, and short ones below the index's token size: "type 2 diab") narrowing
 * what the index found. Without an ORDER BY the read stops at `limit` matches: a word found in 10,000 titles costs
 * the index lookup, not 10,000 row reads and a sort (the answer is then put in code order).
 */
export function codeSearchStatement(q: CodeQuery, limit: number): { sql: string; args: unknown[] } | null {
  if (q.kind === 'all') return null;
  if (q.kind === 'code') return { sql: 'SELECT code, title, common FROM icd10_codes WHERE code LIKE ? ORDER BY code LIMIT ?', args: [`${likeEscape(q.prefix)}%`, limit] };
  if (q.terms.length === 0) {
    // Only short words ("tb"): as prefixes of the indexed (longer) words; one letter: titles starting with it.
    const terms = q.narrowing.filter((w) => w.length > 1);
    if (terms.length === 0) return { sql: 'SELECT code, title, common FROM icd10_codes WHERE title LIKE ? LIMIT ?', args: [`${likeEscape(q.raw)}%`, limit] };
    return { sql: 'SELECT code, title, common FROM icd10_codes WHERE MATCH (title) AGAINST (? IN BOOLEAN MODE) LIMIT ?', args: [terms.map((w) => `+${w}*`).join(' '), limit] };
  }
  const narrow = q.narrowing.map(() => ' AND title REGEXP ?').join('');
  return {
    sql: `SELECT code, title, common FROM icd10_codes WHERE MATCH (title) AGAINST (? IN BOOLEAN MODE)${narrow} LIMIT ?`,
    args: [q.terms.map((w) => `+${w}*`).join(' '), ...q.narrowing.map((w) => `(^|[^[:alnum:]])${w}`), limit],
  };
}

/** Whether a title holds every typed word as the start of one of its words (what the FULLTEXT search finds). */
function titleMatches(q: Extract<CodeQuery, { kind: 'words' }>, words: readonly string[]): boolean {
  return [...q.terms, ...q.narrowing].every((t) => words.some((w) => w.startsWith(t)));
}

/** Common codes first (in code order), then the others the one SELECT found, in code order. */
export async function searchCodes(ctx: CallContext, input: In<'diagnoses.searchCodes'>): Promise<IcdCode[]> {
  const q = readCodeQuery(input.query);
  const common = (await commonCodes(ctx.em)).filter((c) => (q.kind === 'all' ? true : q.kind === 'code' ? c.code.startsWith(q.prefix) : titleMatches(q, c.words)));
  const first = common.slice(0, input.limit).map(({ code, title }) => ({ code, title, common: true }));
  const statement = first.length < input.limit ? codeSearchStatement(q, input.limit + first.length) : null;
  if (!statement) return first;
  const seen = new Set(first.map((c) => c.code));
  const rest = ((await ctx.em.query(statement.sql, statement.args)) as CodeRow[])
    .filter((r) => !seen.has(r.code))
    .map(toCode)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return [...first, ...rest].slice(0, input.limit);
}

// ---- import ----

/** The records of a CSV text (RFC 4180, the import's one parser), with the line each starts on; blank lines left out. */
export function* csvRecords(text: string): Generator<{ line: number; fields: string[] }> {
  const { records, lines } = parseCsv(text, ',');
  for (let i = 0; i < records.length; i++) yield { line: lines[i], fields: records[i] };
}

/** "E119" → "E11.9": national releases often write codes without the dot. */
function normalizeCode(raw: string): string {
  const s = raw.trim().toUpperCase().replace(/\.$/, '');
  return s.length > 3 && !s.includes('.') ? `${s.slice(0, 3)}.${s.slice(3)}` : s;
}

const CHUNK = 2000;

export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; reason: string }[];
}

/** Reads a code list (code, title; a header row is recognised) and adds or retitles its codes, a chunk at a time. */
export async function importCodes(ctx: CallContext, input: In<'diagnoses.importCodes'>): Promise<ImportResult> {
  const rejected: { line: number; reason: string }[] = [];
  const codes = new Map<string, { title: string; line: number }>();
  let codeCol = 0;
  let titleCol = 1;
  let first = true;
  for (const { line, fields } of csvRecords(input.csv)) {
    if (fields.length === 1 && fields[0].trim() === '') continue;
    if (first) {
      first = false;
      const names = fields.map((f) => f.trim().toLowerCase());
      if (!ICD10_CODE.test(normalizeCode(fields[0])) && names.some((f) => f.includes('code'))) {
        codeCol = names.findIndex((f) => f.includes('code'));
        const t = names.findIndex((f, i) => i !== codeCol && /title|description|desc|name|label/.test(f));
        titleCol = t >= 0 ? t : codeCol === 0 ? 1 : 0;
        continue;
      }
    }
    const raw = (fields[codeCol] ?? '').trim();
    const code = normalizeCode(raw);
    const title = (fields[titleCol] ?? '').trim().replace(/\s+/g, ' ');
    if (!raw) rejected.push({ line, reason: 'No code.' });
    else if (!ICD10_CODE.test(code)) rejected.push({ line, reason: `"${raw.slice(0, 20)}" is not an ICD-10 code (a letter, two digits, then a dot and up to four characters, e.g. E11.9).` });
    else if (!title) rejected.push({ line, reason: `${code} has no title.` });
    else if (title.length > 255) rejected.push({ line, reason: `The title of ${code} is ${title.length} characters long; at most 255 fit.` });
    else if (codes.has(code)) rejected.push({ line, reason: `${code} is already on line ${codes.get(code)!.line}.` });
    else codes.set(code, { title, line });
  }

  const all = [...codes.entries()];
  const total = all.length;
  const jobId = input.jobId ?? `icd10-${Date.now()}`;
  // Pushed at once, not after the call: the desk shows a progress bar while the list is written.
  const progress = (done: number) => ctx.runtime.events.emit('diagnoses.importProgress', { jobId, done, total });
  progress(0);
  let added = 0;
  let updated = 0;
  let unchanged = 0;
  for (let from = 0; from < total; from += CHUNK) {
    const chunk = all.slice(from, from + CHUNK);
    const had: { code: string; title: string }[] = await ctx.em.query(`SELECT code, title FROM icd10_codes WHERE code IN (${marks(chunk.length)})`, chunk.map(([c]) => c));
    const before = new Map(had.map((r) => [r.code.toUpperCase(), r.title]));
    const write: [string, string][] = [];
    for (const [code, { title }] of chunk) {
      const old = before.get(code);
      if (old === undefined) added++;
      else if (old === title) {
        unchanged++;
        continue;
      } else updated++;
      write.push([code, title]);
    }
    if (write.length) {
      await ctx.em.query(`INSERT INTO icd10_codes (code, title) VALUES ${write.map(() => '(?, ?)').join(', ')} ON DUPLICATE KEY UPDATE title = VALUES(title)`, write.flat());
    }
    progress(Math.min(total, from + CHUNK));
  }
  forgetCommonCodes(ctx.em);
  ctx.audit({ action: 'icd10.import', entity: 'icd10_code', hospitalId: null, changes: { added, updated, unchanged, rejected: rejected.length } });
  return { added, updated, unchanged, rejected };
}
