// ICD-10 at the size of a national release: 75,000 synthetic codes (realistic titles built from word lists) imported
// through the pipeline from one CSV, then code search by code prefix, by words through the FULLTEXT index and by
// short words, each beside its floor (the one SELECT sent by hand). Prints a table; the budgets are reported, not asserted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSearchStatement, readCodeQuery } from '../../src-main/features/clinical/icd10.service';
import { ICD10_STARTER } from '../../src-main/features/clinical/icd10-starter';
import { startTestApp, type TestApp } from '../support/app';
import { BenchReport, count, floorOf, must, timed, traced } from '../support/bench';

const CODES = Number(process.env.HMS_BENCH_ICD10 ?? 75_000);
const ROUNDS = 20;
const SEARCH_BUDGET_MS = 10;

const report = new BenchReport('operation', ['codes']);

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Made-up medical-sounding words (a real list's long tail: most words of 75,000 titles are rare). */
function pseudoWords(r: () => number, n: number, suffixes: readonly string[]): string[] {
  const heads = ['ost', 'kel', 'dra', 'myel', 'neur', 'cardi', 'hep', 'nephr', 'derm', 'lymph', 'gastr', 'pulm', 'oste', 'chol', 'angi', 'arthr', 'bronch', 'cyst', 'enc', 'fibr', 'gl', 'hist', 'lar', 'mening', 'ocul', 'pancr', 'rhin', 'spondyl', 'thyr', 'ur', 'vas', 'xer'];
  const mids = ['a', 'o', 'i', 'e', 'u', 'ano', 'ero', 'ilo', 'ocu', 'api', 'eno', 'ira', 'ulo'];
  const out = new Set<string>();
  while (out.size < n) out.add(`${heads[Math.floor(r() * heads.length)]}${mids[Math.floor(r() * mids.length)]}${mids[Math.floor(r() * mids.length)]}${suffixes[Math.floor(r() * suffixes.length)]}`);
  return [...out];
}

/** Picks by rank with weight 1/(rank+1) (Zipf): the first words are common, the tail rare. */
function zipf<T>(r: () => number, xs: readonly T[]): () => T {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < xs.length; i++) cumulative.push((total += 1 / (i + 1)));
  return () => {
    const x = r() * total;
    let lo = 0;
    let hi = xs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return xs[lo];
  };
}

/**
 * The synthetic code list: 30 codes in each of 2,500 categories (A00–Z99 but U), titles by chapter from word lists
 * with a long tail of rare words, as a national release has: injuries by type, site, side and encounter (S, T);
 * external causes (V–Y); infections by organism (A, B; malaria only in B50–B54); neoplasms by site (C, D); the rest a
 * qualifier, a condition and a site. The codes of the starter list carry their own titles, as a release would.
 */
function syntheticCsv(n: number): string {
  const r = random(12);
  const known = new Map(ICD10_STARTER.map((c) => [c.code, c.title]));
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const injury = zipf(r, ['Fracture', 'Open wound', 'Contusion', 'Sprain', 'Dislocation', 'Laceration without foreign body', 'Superficial injury', 'Abrasion', 'Puncture wound', 'Crushing injury', 'Burn of second degree', 'Burn of third degree', 'Traumatic amputation', 'Injury of blood vessel', 'Injury of nerve', 'Strain of muscle', 'Blister', 'Insect bite', 'Frostbite', 'Avulsion']);
  const site = zipf(r, ['head', 'hand', 'finger', 'forearm', 'lower leg', 'ankle', 'knee', 'wrist', 'shoulder', 'thorax', 'foot', 'thigh', 'elbow', 'upper arm', 'scalp', 'shaft of femur', 'neck of femur', 'lower end of radius', 'shaft of tibia', 'clavicle', 'rib', 'lumbar vertebra', 'eyelid', 'abdominal wall', 'great toe', 'malar bone', 'mandible', 'patella', 'pelvis', 'cervical vertebra', ...pseudoWords(r, 90, ['al region', 'ar bone', 'eal joint', 'ic tendon'])]);
  const side = zipf(r, ['right', 'left', 'unspecified side']);
  const encounter = zipf(r, ['initial encounter', 'subsequent encounter', 'sequela']);
  const victim = zipf(r, ['Pedestrian', 'Car driver', 'Motorcycle rider', 'Pedal cyclist', 'Passenger in bus', 'Occupant of pick-up truck', 'Person', 'Driver of three-wheeled vehicle']);
  const cause = zipf(r, ['collision with car', 'noncollision transport accident', 'collision with fixed object', 'fall from tree', 'fall on same level', 'contact with hot liquid', 'accidental drowning', 'exposure to smoke', 'bitten by dog', 'struck by thrown object', 'contact with venomous snake', ...pseudoWords(r, 60, ['ing machinery', 'ed object'])]);
  const place = zipf(r, ['in traffic accident', 'in nontraffic accident', 'at home', 'on street', 'at farm', 'at school', 'in industrial area', 'during sports']);
  const organism = zipf(r, ['Viral', 'Bacterial', 'Streptococcal', 'Staphylococcal', 'Salmonella', 'Mycobacterial', 'Candidal', 'Escherichia coli', 'Klebsiella', 'Pneumococcal', 'Haemophilus influenzae', 'Herpesviral', 'Enteroviral', 'Chlamydial', 'Shigella', 'Amoebic', ...pseudoWords(r, 120, ['ella', 'ococcal', 'oviral', 'omonas'])]);
  const manifestation = zipf(r, ['infection', 'sepsis', 'pneumonia', 'meningitis', 'enteritis', 'infection of skin', 'arthritis', 'endocarditis', 'conjunctivitis', 'pharyngitis', 'urinary tract infection', 'osteomyelitis', 'carrier state', ...pseudoWords(r, 40, ['itis', 'osis'])]);
  const species = ['falciparum', 'vivax', 'malariae', 'ovale', 'knowlesi'];
  const malaria = ['with cerebral complications', 'with other severe complications', 'without complication', 'with nephropathy', 'with splenomegaly', 'in pregnancy', 'unspecified'];
  const neoplasm = zipf(r, ['Malignant neoplasm', 'Benign neoplasm', 'Secondary malignant neoplasm', 'Carcinoma in situ', 'Neoplasm of uncertain behaviour', 'Melanoma in situ', 'Lymphoma']);
  const organ = zipf(r, ['skin', 'lymph node', 'stomach', 'colon', 'liver', 'bronchus or lung', 'breast', 'cervix uteri', 'prostate', 'bladder', 'kidney', 'thyroid gland', 'oesophagus', 'pancreas', 'ovary', 'brain', 'bone marrow', 'heart', 'spleen', 'gallbladder', 'retina', 'middle ear', 'larynx', 'trachea', 'duodenum', 'rectum', 'uterus', 'testis', 'spinal cord', 'peripheral nerve', ...pseudoWords(r, 220, ['al gland', 'ic duct', 'eal fold', 'ar lobe', 'um'])]);
  const qualifier = zipf(r, ['Unspecified', 'Other specified', 'Acute', 'Chronic', 'Other', 'Congenital', 'Recurrent', 'Secondary', 'Primary', 'Drug-induced', 'Postprocedural', 'Idiopathic', 'Obstructive', 'Hereditary', 'Alcoholic', ...pseudoWords(r, 40, ['ic', 'al', 'ous'])]);
  const condition = zipf(r, ['disorder', 'disease', 'pain', 'inflammation', 'ulcer', 'deformity', 'cyst', 'stenosis', 'insufficiency', 'haemorrhage', 'abscess', 'obstruction', 'failure', 'hypertrophy', 'atrophy', 'calculus', 'infarction', 'dysfunction', 'anaemia', 'fever', 'hypertension', 'asthma', 'dermatitis', 'gastritis', 'hepatitis', 'nephritis', 'arthropathy', 'neuropathy', 'myopathy', 'retinopathy', ...pseudoWords(r, 360, ['itis', 'osis', 'opathy', 'algia', 'oma', 'ectasia', 'plasia'])]);
  const clause = zipf(r, ['', ', unspecified', ' without complication', ' with complication', ' in diseases classified elsewhere', ' with haemorrhage', ' due to diabetes mellitus', ' in pregnancy', ' of newborn', ' with acute exacerbation', ' with perforation', ' without perforation', ', bilateral', ', right', ', left', ' with coma', ' without coma']);
  const letters = 'ABCDEFGHIJKLMNOPQRSTVWXYZ'.split('');
  const lines = ['code,title'];
  let made = 0;
  for (const letter of letters) {
    for (let cat = 0; cat < 100 && made < n; cat++) {
      const category = `${letter}${String(cat).padStart(2, '0')}`;
      const subs = ['', ...Array.from({ length: 10 }, (_, i) => `.${i}`), ...Array.from({ length: 19 }, (_, i) => `.${String(i).padStart(2, '0')}`)];
      for (const sub of subs) {
        if (made >= n) break;
        let title: string;
        if (letter === 'S' || letter === 'T') title = `${injury()} of ${site()}, ${side()}, ${encounter()}`;
        else if ('VWXY'.includes(letter)) title = `${victim()} injured by ${cause()} ${place()}, ${encounter()}`;
        else if (letter === 'B' && cat >= 50 && cat <= 54) title = `Plasmodium ${pick(species)} malaria ${pick(malaria)}`;
        else if (letter === 'E' && cat >= 10 && cat <= 14) title = `Type ${cat === 10 ? 1 : 2} diabetes mellitus with ${condition()} of ${organ()}${clause()}`;
        else if (letter === 'A' || letter === 'B') title = `${organism()} ${manifestation()}${clause()}`;
        else if (letter === 'C' || letter === 'D') title = `${neoplasm()} of ${organ()}${clause()}`;
        else title = `${qualifier()} ${condition()} of ${organ()}${clause()}`;
        title = known.get(`${category}${sub}`) ?? title;
        const quoted = title.includes(',') || title.includes('"') ? `"${title.replace(/"/g, '""')}"` : title;
        lines.push(`${category}${sub},${quoted}`);
        made++;
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** What doctors type: codes, words as they are typed (prefixes), several words, and a word under the index's token size. */
const QUERIES: { kind: string; query: string }[] = [
  ...['B54', 'E11', 'e11.9', 'J18.9', 'S72', 'A0', 'I1', 'T14', 'M54.5', 'O80'].map((query) => ({ kind: 'code prefix', query })),
  ...['malar', 'malaria', 'typhoid', 'pneumonia', 'hypertens', 'tuberc', 'diabetes', 'asthma', 'sepsis', 'anaem', 'fever', 'fracture', 'gastritis', 'dermat'].map((query) => ({ kind: 'one word', query })),
  ...['type 2 diab', 'fracture femur', 'open wound hand', 'malignant neoplasm breast', 'acute kidney', 'plasmodium falciparum cerebral', 'urinary tract infection', 'chronic hepatitis'].map((query) => ({ kind: 'several words', query })),
  ...['tb', 'hiv 2'].map((query) => ({ kind: 'short words', query })),
];

describe('ICD-10 codes', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ poolSize: 4 });
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  it(`imports ${count(CODES)} codes from one CSV, with progress`, async () => {
    const csv = syntheticCsv(CODES);
    const events: number[] = [];
    const stop = app.runtime.events.subscribe((name, payload) => {
      if (name === 'diagnoses.importProgress') events.push((payload as { done: number }).done);
    });
    const { ms, result } = await timed(() => app.admin.call('diagnoses.importCodes', { csv, jobId: 'bench' }));
    stop();
    const r = must(result);
    report.add({ operation: `import ${count(CODES)} codes (${(csv.length / 1e6).toFixed(1)} MB CSV)`, cells: [count(CODES)], samples: [ms], budgetMs: null, note: `${count(r.added)} added, ${count(r.updated)} retitled, ${events.length} progress events` });
    expect(r.rejected).toEqual([]);
    expect(events.at(-1)).toBe(CODES);
    const [{ n }] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM icd10_codes');
    report.fact(`${count(Number(n))} codes in the table after the import (the starter list's ${count(Number(n) - r.added)} among them).`);
  });

  it('searches by code prefix, by words and by short words', async () => {
    const desk = await app.signedIn(['doctor']);
    for (const q of QUERIES) must(await desk.call('diagnoses.searchCodes', { query: q.query }));
    const all: number[] = [];
    const byKind = new Map<string, number[]>();
    let empty = 0;
    const { sent } = await traced(async () => {
      for (let round = 0; round < ROUNDS; round++) {
        for (const q of QUERIES) {
          const { ms, result } = await timed(() => desk.call('diagnoses.searchCodes', { query: q.query }));
          if (must(result).length === 0) empty++;
          all.push(ms);
          byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
        }
      }
    }, () => all);
    const floors = new Map<string, number[]>();
    const what = 'the one SELECT of the search (primary key range or FULLTEXT match, at most 20 rows), by hand';
    const n = ROUNDS * QUERIES.length;
    const floor = await floorOf(app.runtime, what, n, async (c, i) => {
      const q = QUERIES[i % QUERIES.length];
      const s = codeSearchStatement(readCodeQuery(q.query), 20)!;
      const t = performance.now();
      await c.sql(s.sql, s.args);
      if (i < n) floors.set(q.kind, [...(floors.get(q.kind) ?? []), performance.now() - t]);
    });
    report.add({ operation: 'code search, query mix', cells: [count(CODES)], samples: all, budgetMs: SEARCH_BUDGET_MS, note: empty ? `${empty / ROUNDS} of ${QUERIES.length} queries found nothing` : undefined, floor, sent });
    for (const [kind, samples] of byKind) {
      report.add({ operation: `code search: ${kind}`, cells: [count(CODES)], samples, budgetMs: SEARCH_BUDGET_MS, floor: { samples: floors.get(kind) ?? [], statements: 1, what }, tracedWith: 'code search, query mix' });
    }
    expect(all.length).toBe(n);
  });
});
