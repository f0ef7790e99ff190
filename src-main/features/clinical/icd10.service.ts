// ICD-10 codes: search by code prefix (through the primary key) or by words (through the FULLTEXT index, common
// diagnoses first), and the import of a full code list from CSV in chunks with progress.
import type { IcdCode } from '@shared/contract/clinical';
import { ICD10_CODE } from '@shared/domain/clinical';
import type { CallContext } from '../../platform/context';
import { marks, type In } from './clinicians';

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

export async function searchCodes(ctx: CallContext, input: In<'diagnoses.searchCodes'>): Promise<IcdCode[]> {
  const q = input.query.trim();
  const limit = input.limit;
  if (!q) return (await ctx.em.query('SELECT code, title, common FROM icd10_codes WHERE common = 1 ORDER BY code LIMIT ?', [limit])).map(toCode);
  const prefix = codePrefix(q);
  if (prefix) {
    const rows: CodeRow[] = await ctx.em.query('SELECT code, title, common FROM icd10_codes WHERE code LIKE ? ORDER BY common DESC, code LIMIT ?', [`${likeEscape(prefix)}%`, limit]);
    return rows.map(toCode);
  }
  const words = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOPWORDS.has(w));
  const indexed = words.filter((w) => w.length >= MIN_TOKEN).map((w) => w.slice(0, 84));
  const short = words.filter((w) => w.length < MIN_TOKEN);
  if (indexed.length === 0) {
    // Nothing the index holds ("tb", "2"): titles starting with what was typed.
    const rows: CodeRow[] = await ctx.em.query('SELECT code, title, common FROM icd10_codes WHERE title LIKE ? ORDER BY common DESC, code LIMIT ?', [`${likeEscape(q)}%`, limit]);
    return rows.map(toCode);
  }
  const against = indexed.map((w) => `+${w}*`).join(' ');
  // Short words ("type 2 diab") narrow what the index found: a word of the title starting with them.
  const narrow = short.map(() => ' AND title REGEXP ?').join('');
  const rows: CodeRow[] = await ctx.em.query(
    `SELECT code, title, common, MATCH (title) AGAINST (? IN BOOLEAN MODE) AS score
       FROM icd10_codes WHERE MATCH (title) AGAINST (? IN BOOLEAN MODE)${narrow}
      ORDER BY common DESC, score DESC, code LIMIT ?`,
    [against, against, ...short.map((w) => `(^|[^[:alnum:]])${w}`), limit],
  );
  return rows.map(toCode);
}

// ---- import ----

/** The records of a CSV text (RFC 4180: quoted fields with "" inside, CRLF or LF, a UTF-8 BOM), with the line each starts on. */
export function* csvRecords(text: string): Generator<{ line: number; fields: string[] }> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            field += text.slice(i);
            i = n;
            break;
          }
          field += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            field += '"';
            i++;
          } else break;
        }
        for (const ch of field) if (ch === '\n') line++;
        // Anything between the closing quote and the separator is kept as written.
        while (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') field += text[i++];
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && text[j] !== '\n' && text[j] !== '\r') j++;
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i < n && text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    yield { line: start, fields };
  }
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
  const progress = (done: number) => {
    if (input.jobId) ctx.runtime.events.emit('diagnoses.importProgress', { jobId: input.jobId, done, total });
  };
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
  ctx.audit({ action: 'icd10.import', entity: 'icd10_code', hospitalId: null, changes: { added, updated, unchanged, rejected: rejected.length } });
  return { added, updated, unchanged, rejected };
}
