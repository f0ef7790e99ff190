// The common ICD-10 codes (the starter list, a few hundred), kept in memory per database: every search ranks them
// first without asking the FULLTEXT index for them.
import type { EntityManager } from 'typeorm';

export interface CommonCode {
  code: string;
  title: string;
  /** The title's words, lower case without accents. */
  words: string[];
}

const cache = new WeakMap<object, { at: number; codes: CommonCode[] }>();
const CACHE_MS = 300_000;

/** Lower case, accents removed, split into words: how titles and typed words are compared. */
export const titleWords = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The common codes in code order, read at most every five minutes (and after this process changed them). */
export async function commonCodes(em: EntityManager): Promise<CommonCode[]> {
  const cached = cache.get(em.connection);
  if (cached && performance.now() - cached.at < CACHE_MS) return cached.codes;
  const rows: { code: string; title: string }[] = await em.query('SELECT code, title FROM icd10_codes WHERE common = 1 ORDER BY code');
  const codes = rows.map((r) => ({ code: r.code, title: r.title, words: titleWords(r.title) }));
  cache.set(em.connection, { at: performance.now(), codes });
  return codes;
}

/** Forgets the cached common codes (the list was installed or retitled in this process). */
export function forgetCommonCodes(em: EntityManager): void {
  cache.delete(em.connection);
}
