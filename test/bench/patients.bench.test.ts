// Patient registration and search through the handler pipeline at 100,000 (and, with HMS_BENCH_MILLION=1, 1,000,000)
// seeded patients, each beside its floor (the same work as hand-written SQL). Prints tables; the budgets are reported,
// not asserted. HMS_BENCH_PATIENTS sets the first size (for a quick run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '@shared/contract';
import { classifyQuery } from '../../src-main/features/patients/patients.search';
import { PatientGenerator, planChain, SeedRandom, type PatientRow } from '../../src-main/seed/generator';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import type { Desk } from '../support/app';
import { BenchReport, count, floorOf, timed, traced, type FloorWork } from '../support/bench';
import { startSeededApp, type SeededApp } from '../support/seeded-app';
import { asRegistration } from '../support/seed-rows';

const SIZES = [Number(process.env.HMS_BENCH_PATIENTS ?? 100_000), ...(process.env.HMS_BENCH_MILLION === '1' ? [1_000_000] : [])];
const SEQUENTIAL_REGISTRATIONS = 200;
const PARALLEL_DESKS = 8;
const PARALLEL_REGISTRATIONS = 400;
const SEARCHES_PER_KIND = 200;

/** Budgets of the issue, at a million patients; smaller tables are held to the same. */
const SEARCH_BUDGET_MS = 15;
const REGISTRATION_BUDGET_MS = 30;

const report = new BenchReport('operation', ['patients']);
const seedRuns: { patients: number; seconds: number; patientSeconds: number; rate: number }[] = [];

function printTables(): void {
  report.print();
  const lines = [
    '| seed | total s | patients step s | patients/s |',
    '| ---: | ---: | ---: | ---: |',
    ...seedRuns.map((s) => `| ${count(s.patients)} | ${s.seconds.toFixed(1)} | ${s.patientSeconds.toFixed(1)} | ${count(s.rate)} |`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/**
 * The floor of a registration, as the issue counts it: the counter statement, the INSERT of the patient and an audit
 * INSERT, in one transaction. Left out: the duplicate probe, the hospital's rules and the audit hash chain's head row
 * (the audit row goes to a copy of audit_log, so the app's chain is not disturbed).
 */
function registrationFloor(inputs: Input<'patients.register'>[]): FloorWork {
  return (c, i) =>
    c.transaction(async (sql) => {
      const p = inputs[i % inputs.length];
      const counter = await sql<{ insertId: number }>(
        'INSERT INTO number_sequences (scope_key, next_value) VALUES (?, 2) ON DUPLICATE KEY UPDATE next_value = LAST_INSERT_ID(next_value + 1)',
        [`floor:patient:${p.hospitalId}`],
      );
      const number = `FLOOR/${counter.insertId || 1}`;
      const phone = `+256${p.phone.slice(1)}`;
      const row = await sql<{ insertId: number }>(
        `INSERT INTO patients (patient_number, hospital_id, first_name, last_name, name_key, name_key_rev, date_of_birth, sex, phone)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [number, p.hospitalId, p.firstName, p.lastName, `${p.lastName} ${p.firstName}`, `${p.firstName} ${p.lastName}`, p.dateOfBirth, p.sex, phone],
      );
      await sql(
        `INSERT INTO floor_audit_log (at, user_id, username, channel, action, entity, entity_id, hospital_id, changes, prev_hash, hash)
         VALUES (NOW(3), NULL, 'floor', 'patients.register', 'patient.register', 'patient', ?, ?, ?, ?, ?)`,
        [String(row.insertId), p.hospitalId, JSON.stringify(p), '0'.repeat(64), '0'.repeat(64)],
      );
    });
}

/** The floor of a search: the one SELECT of the page's rows over the index its kind of query needs. */
async function searchFloor(c: Parameters<FloorWork>[0], query: string): Promise<unknown> {
  const columns = 'id, patient_number, hospital_id, first_name, middle_name, last_name, date_of_birth, sex, phone';
  const mode = classifyQuery(query, 'UG');
  const like = (s: string) => `${s.replace(/[\\%_]/g, '\\$&')}%`;
  switch (mode.kind) {
    case 'dob':
      return c.sql(`SELECT ${columns} FROM patients WHERE date_of_birth = ? ORDER BY name_key, id LIMIT 51`, [mode.date]);
    case 'phone':
      return c.sql(`SELECT ${columns} FROM patients WHERE phone LIKE ? ORDER BY phone, id LIMIT 51`, [like(mode.prefix)]);
    case 'number':
      return c.sql(`SELECT ${columns} FROM patients WHERE patient_number LIKE ? ORDER BY patient_number, id LIMIT 51`, [like(mode.prefix)]);
    case 'name':
      return c.sql(
        `(SELECT ${columns}, 0 AS phase, name_key AS k FROM patients FORCE INDEX (ix_patients_name) WHERE name_key LIKE ? ORDER BY name_key, id LIMIT 51)
         UNION ALL (SELECT ${columns}, 1, name_key_rev FROM patients FORCE INDEX (ix_patients_name_rev) WHERE name_key_rev LIKE ? AND name_key NOT LIKE ? ORDER BY name_key_rev, id LIMIT 51)
         ORDER BY phase, k, id LIMIT 51`,
        [like(mode.prefix), like(mode.prefix), like(mode.prefix)],
      );
    case 'all':
      return c.sql(`SELECT ${columns} FROM patients ORDER BY name_key, id LIMIT 51`);
  }
}

/** Registration inputs as a desk would type them: people of another seed, with the optional fields they happen to have. */
function newcomers(count: number, hospitalId: number): Input<'patients.register'>[] {
  const chain = planChain(SeedRandom.for(424242, 'chain'));
  const generator = new PatientGenerator(SeedRandom.for(424242, 'patients'), chain, count * 3);
  const out: Input<'patients.register'>[] = [];
  while (out.length < count) {
    for (const r of generator.next(500)) {
      if (chain.hospitals[r.hospital_id - 1].country !== 'UG' || out.length >= count) continue;
      out.push(registration(r, hospitalId));
    }
  }
  return out;
}

function registration(r: PatientRow, hospitalId: number): Input<'patients.register'> {
  // The phone typed the local way, as at the desk.
  return { ...asRegistration(r), hospitalId, phone: `0${r.phone.slice(4)}` };
}

/** One registration as the desk experiences it: a duplicate warning is answered by confirming, and both calls count. */
async function register(desk: Desk, input: Input<'patients.register'>, samples: number[], warnings: { n: number }): Promise<void> {
  const first = await timed(() => desk.call('patients.register', input));
  samples.push(first.ms);
  if (first.result.ok) return;
  if (first.result.error.code !== 'CONFLICT') throw new Error(`registration failed: ${JSON.stringify(first.result.error)}`);
  warnings.n++;
  const confirmed = await timed(() => desk.call('patients.register', { ...input, acknowledgeDuplicates: true }));
  samples.push(confirmed.ms);
  if (!confirmed.result.ok) throw new Error(`registration failed: ${JSON.stringify(confirmed.result.error)}`);
}

type QueryKind = 'name prefix' | 'first last' | 'patient number' | 'phone (local)' | 'date of birth';

/** Queries built from patients in the table, shuffled so no kind runs on a cache warmed by its own kind. */
async function queryMix(app: SeededApp, size: number): Promise<{ kind: QueryKind; query: string }[]> {
  const r = SeedRandom.for(size, 'bench-queries');
  const ids = Array.from({ length: SEARCHES_PER_KIND * 4 }, () => 1 + r.int(size));
  const rows = await app.db.sql<{ first_name: string; last_name: string; patient_number: string; phone: string; date_of_birth: string }>(
    `SELECT first_name, last_name, patient_number, phone, date_of_birth FROM patients WHERE id IN (${ids.join(',')})`,
  );
  const ugandan = rows.filter((p) => p.phone.startsWith('+256'));
  const queries: { kind: QueryKind; query: string }[] = [];
  for (let i = 0; i < SEARCHES_PER_KIND; i++) {
    const p = rows[i % rows.length];
    const name = r.chance(0.7) ? p.last_name : p.first_name;
    queries.push({ kind: 'name prefix', query: name.slice(0, r.between(3, 6)).toLowerCase() });
    const q = rows[(i * 7 + 3) % rows.length];
    queries.push({ kind: 'first last', query: `${q.first_name} ${q.last_name}` });
    queries.push({ kind: 'patient number', query: rows[(i * 11 + 5) % rows.length].patient_number });
    const local = `0${ugandan[i % ugandan.length].phone.slice(4)}`;
    queries.push({ kind: 'phone (local)', query: r.chance(0.5) ? local : `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}` });
    const d = rows[(i * 13 + 1) % rows.length].date_of_birth;
    queries.push({ kind: 'date of birth', query: `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` });
  }
  for (let i = queries.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [queries[i], queries[j]] = [queries[j], queries[i]];
  }
  return queries;
}

afterAll(() => printTables());

for (const size of SIZES) {
  describe(`${count(size)} patients`, () => {
    let app: SeededApp;
    let kla: number;

    beforeAll(async () => {
      process.stderr.write(`\nseeding ${count(size)} patients…\n`);
      app = await startSeededApp({ patients: size, seed: 7, onProgress: progressPrinter(process.stderr), poolSize: 10 });
      kla = app.hospitalId('KLA');
      await app.db.sql('CREATE TABLE floor_audit_log LIKE audit_log');
      const s = app.summary;
      seedRuns.push({ patients: size, seconds: s.seconds, patientSeconds: s.patientSeconds, rate: s.patientsPerSecond });
    });
    afterAll(async () => app?.close());

    it('registers patients one after another at one desk', async () => {
      const desk = await app.signIn('frontdesk.kla');
      const inputs = newcomers(SEQUENTIAL_REGISTRATIONS + 20, kla);
      const samples: number[] = [];
      const warnings = { n: 0 };
      // Warm-up: the first calls pay for connections and prepared metadata.
      for (const input of inputs.slice(0, 20)) await register(desk, input, [], warnings);
      const { sent } = await traced(async () => {
        for (const input of inputs.slice(20)) await register(desk, input, samples, warnings);
      }, () => samples);
      const floor = await floorOf(app.runtime, 'counter, patient and audit INSERTs in one transaction', SEQUENTIAL_REGISTRATIONS, registrationFloor(inputs));
      report.add({ operation: 'register, 1 desk', cells: [count(size)], samples, budgetMs: REGISTRATION_BUDGET_MS, note: warnings.n ? `${warnings.n} duplicate warnings` : undefined, floor, sent });
      expect(samples.length).toBeGreaterThanOrEqual(SEQUENTIAL_REGISTRATIONS);
    });

    it(`registers patients from ${PARALLEL_DESKS} desks at once, all at one hospital`, async () => {
      // Eight windows, each its own session; two staff accounts, as on a busy morning at the Kampala desk.
      const desks = await Promise.all(Array.from({ length: PARALLEL_DESKS }, (_, i) => app.signIn(i % 2 ? 'frontdesk2.kla' : 'frontdesk.kla')));
      const inputs = newcomers(PARALLEL_REGISTRATIONS + SEQUENTIAL_REGISTRATIONS + 20, kla).slice(SEQUENTIAL_REGISTRATIONS + 20);
      const samples: number[] = [];
      const warnings = { n: 0 };
      const perDesk = PARALLEL_REGISTRATIONS / PARALLEL_DESKS;
      const { sent } = await traced(
        () =>
          Promise.all(
            desks.map(async (desk, d) => {
              for (const input of inputs.slice(d * perDesk, (d + 1) * perDesk)) await register(desk, input, samples, warnings);
            }),
          ),
        () => samples,
      );
      const floor = await floorOf(app.runtime, `the same, from ${PARALLEL_DESKS} connections at once`, PARALLEL_REGISTRATIONS, registrationFloor(inputs), PARALLEL_DESKS);
      report.add({ operation: `register, ${PARALLEL_DESKS} desks at once`, cells: [count(size)], samples, budgetMs: REGISTRATION_BUDGET_MS, note: warnings.n ? `${warnings.n} duplicate warnings` : undefined, floor, sent });
      const numbers = await app.db.sql<{ n: number; d: number }>('SELECT COUNT(*) AS n, COUNT(DISTINCT patient_number) AS d FROM patients');
      expect(Number(numbers[0].n)).toBe(Number(numbers[0].d));
    });

    it('searches by name prefix, full name, patient number, phone and date of birth', async () => {
      const desk = await app.signIn('frontdesk.kla');
      const queries = await queryMix(app, size);
      for (const q of queries.slice(0, 50)) await desk.ok('patients.search', { query: q.query });
      const byKind = new Map<QueryKind | 'next page', number[]>();
      const all: number[] = [];
      let empty = 0;
      const { sent } = await traced(async () => {
        for (const q of queries) {
          const { ms: t, result } = await timed(() => desk.call('patients.search', { query: q.query }));
          if (!result.ok) throw new Error(`search "${q.query}" failed: ${JSON.stringify(result.error)}`);
          if (result.data.items.length === 0) empty++;
          byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), t]);
          all.push(t);
          if (q.kind === 'name prefix' && result.data.nextCursor) {
            const next = await timed(() => desk.call('patients.search', { query: q.query, cursor: result.data.nextCursor }));
            if (!next.result.ok) throw new Error(`next page of "${q.query}" failed`);
            byKind.set('next page', [...(byKind.get('next page') ?? []), next.ms]);
          }
        }
      }, () => [...all, ...(byKind.get('next page') ?? [])]);
      // The floor runs the same queries, kind by kind, in the same order.
      const floors = new Map<QueryKind, number[]>();
      const what = 'one SELECT of the page over the index of its kind';
      const mix = await floorOf(app.runtime, what, queries.length, async (c, i) => {
        const q = queries[i % queries.length];
        const t = performance.now();
        await searchFloor(c, q.query);
        if (i < queries.length) floors.set(q.kind, [...(floors.get(q.kind) ?? []), performance.now() - t]);
      });
      report.add({ operation: 'search, query mix', cells: [count(size)], samples: all, budgetMs: SEARCH_BUDGET_MS, note: empty ? `${empty} found nothing` : undefined, floor: mix, sent });
      for (const [kind, samples] of byKind) {
        const own = kind === 'next page' ? undefined : floors.get(kind);
        report.add({ operation: `search: ${kind}`, cells: [count(size)], samples, budgetMs: SEARCH_BUDGET_MS, floor: own && { samples: own, statements: 1, what }, tracedWith: 'search, query mix' });
      }
      expect(empty).toBeLessThan(queries.length / 20);
    });
  });
}
