// What every benchmark shares: latency samples per operation, the printed table with budgets beside the figures (never
// asserted), the floor of each operation (the SQL a hand-written program would send for the same work, timed in the
// same run on the app's own pool) with the ratio to it, a trace of the statements the pipeline sends, a timed pipeline
// call, and a few formatters.
import type { DataSource, QueryRunner } from 'typeorm';
import { MysqlQueryRunner } from 'typeorm/driver/mysql/MysqlQueryRunner.js';
import type { Result } from '@shared/errors';
import type { Runtime } from '../../src-main/ipc/runtime';

/** What the pipeline sent while one operation was measured, per call. */
export interface StatementsPerCall {
  calls: number;
  statements: number;
  /** Mean time per call spent waiting for the database (round trips, lock waits). */
  sqlMs: number;
  /** Mean wall time per call, to split into database and the rest. */
  callMs: number;
  /** Statement kinds ("SELECT patients", "INSERT audit_log", "START TRANSACTION") with their count and ms per call. */
  kinds: [kind: string, perCall: number, msPerCall: number][];
}

export interface Measured {
  operation: string;
  samples: number[];
  /** p95 budget in ms; null: shown for information. */
  budgetMs: number | null;
  note?: string;
  /** Values of the report's extra columns (e.g. the table size), in their order. */
  cells?: string[];
  /** The same work as hand-written SQL, timed in the same run. */
  floor?: Floor;
  /** What the pipeline sent per call while the samples were taken. */
  sent?: StatementsPerCall;
  /** The operation whose trace covers this one (a kind of query within a traced mix). */
  tracedWith?: string;
}

export interface Floor {
  samples: number[];
  /** Statements of one unit of floor work, transaction control included. */
  statements: number;
  /** What the floor sends, in a few words. */
  what: string;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
export const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);
export const count = (x: number) => Math.round(x).toLocaleString('en-US');
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const p50 = (samples: number[]) => percentile([...samples].sort((a, b) => a - b), 0.5);
const mean = (samples: number[]) => samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);

/** An operation this many times its floor (p50) gets a line saying where the rest goes. */
export const FLOOR_RATIO_EXPLAINED = 3;

/** The rows of one benchmark file and the facts worth printing under them. */
export class BenchReport {
  readonly measured: Measured[] = [];
  readonly facts: string[] = [];

  /** `title` heads the operation column, e.g. "operation (1,000,000 appointments)"; `columns` come after it. */
  constructor(
    private readonly title: string,
    private readonly columns: string[] = [],
  ) {}

  add(m: Measured): void {
    this.measured.push(m);
  }

  fact(...lines: string[]): void {
    this.facts.push(...lines);
  }

  print(): void {
    const rows = this.measured.filter((m) => m.samples.length > 0);
    const extra = this.columns.map((c) => ` ${c} |`).join('');
    const lines = [
      '',
      `| ${this.title} |${extra} n | p50 ms | p95 ms | budget | verdict | floor p50 ms | floor p95 ms | × floor |`,
      `| --- |${this.columns.map(() => ' ---: |').join('')} ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |`,
      ...rows.map((m) => {
        const sorted = [...m.samples].sort((a, b) => a - b);
        const p95 = percentile(sorted, 0.95);
        const verdict = m.budgetMs === null ? '' : p95 <= m.budgetMs ? 'ok' : 'MISSED';
        const floor = m.floor && m.floor.samples.length > 0 ? [...m.floor.samples].sort((a, b) => a - b) : null;
        const floorCells = floor ? `${ms(percentile(floor, 0.5))} | ${ms(percentile(floor, 0.95))} | ${ratio(m)!.toFixed(1)}` : ' |  | ';
        const cells = (m.cells ?? []).map((c) => ` ${c} |`).join('');
        return `| ${m.operation}${m.note ? ` (${m.note})` : ''} |${cells} ${sorted.length} | ${ms(percentile(sorted, 0.5))} | ${ms(p95)} | ${m.budgetMs === null ? '' : `≤ ${count(m.budgetMs)}`} | ${verdict} | ${floorCells} |`;
      }),
      '',
      ...floorsDescribed(rows),
      ...rows.filter((m) => (ratio(m) ?? 0) > FLOOR_RATIO_EXPLAINED).map(whereTheRestGoes),
      ...this.facts.map((f) => `- ${f}`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/** One line per kind of floor, naming the operations it is the floor of. */
function floorsDescribed(rows: Measured[]): string[] {
  const byWhat = new Map<string, Measured[]>();
  for (const m of rows) if (m.floor) byWhat.set(m.floor.what, [...(byWhat.get(m.floor.what) ?? []), m]);
  return [...byWhat].map(([what, ms]) => `- floor of ${ms.map((m) => `"${m.operation}"`).join(', ')}: ${what} (${ms[0].floor!.statements} statements)`);
}

function ratio(m: Measured): number | null {
  return m.floor && m.floor.samples.length > 0 ? p50(m.samples) / p50(m.floor.samples) : null;
}

/** The line under the table for an operation far above its floor: what the pipeline sent, and how long it waited for it. */
function whereTheRestGoes(m: Measured): string {
  const head = `- ${m.operation}: ${ratio(m)!.toFixed(1)}× its floor (p50 ${ms(p50(m.samples))} vs ${ms(p50(m.floor!.samples))} ms).`;
  if (!m.sent) return `${head} ${m.tracedWith ? `Its statements are traced with "${m.tracedWith}".` : 'Not traced.'}`;
  const s = m.sent;
  const kinds = s.kinds.map(([k, n, t]) => `${Number.isInteger(n) ? n : n.toFixed(1)}× ${k} ${ms(t)} ms`).join(', ');
  return (
    `${head} Per call (mean of ${count(s.calls)}) the pipeline sent ${s.statements.toFixed(1)} statements against the floor's ${m.floor!.statements} ` +
    `[${kinds}]; of its mean ${ms(s.callMs)} ms, ${ms(s.sqlMs)} ms waited on those statements and ${ms(Math.max(0, s.callMs - s.sqlMs))} ms ran in the process.`
  );
}

export async function timed<T>(f: () => Promise<Result<T>>): Promise<{ ms: number; result: Result<T> }> {
  const t = performance.now();
  const result = await f();
  return { ms: performance.now() - t, result };
}

export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data;
}

// ---- Statement trace: every statement TypeORM sends goes through MysqlQueryRunner.query, so that is where it is counted.

interface Recording {
  statements: number;
  sqlMs: number;
  kinds: Map<string, { n: number; ms: number }>;
}
let recording: Recording | null = null;
let installed = false;

function installTrace(): void {
  if (installed) return;
  installed = true;
  const proto = MysqlQueryRunner.prototype as unknown as { query: (this: unknown, sql: string, ...rest: unknown[]) => Promise<unknown> };
  const original = proto.query;
  proto.query = async function traced(this: unknown, sql: string, ...rest: unknown[]) {
    const r = recording;
    if (!r) return original.call(this, sql, ...rest);
    const t = performance.now();
    try {
      return await original.call(this, sql, ...rest);
    } finally {
      const took = performance.now() - t;
      r.sqlMs += took;
      r.statements++;
      const kind = r.kinds.get(statementKind(sql)) ?? { n: 0, ms: 0 };
      r.kinds.set(statementKind(sql), { n: kind.n + 1, ms: kind.ms + took });
    }
  };
}

/** "SELECT patients", "SELECT beds FOR UPDATE", "INSERT audit_log", "START TRANSACTION": what a statement is, in two words. */
export function statementKind(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').replace(/^[\s(]+/, '').trim();
  const verb = s.split(' ')[0].toUpperCase();
  const table = (re: RegExp) => re.exec(s)?.[1]?.replace(/`/g, '') ?? '?';
  switch (verb) {
    case 'SELECT':
    case 'WITH':
      return `SELECT ${table(/\bFROM\s+(`?[\w]+`?)/i)}${/\bFOR UPDATE\b/i.test(s) ? ' FOR UPDATE' : ''}`;
    case 'INSERT':
      return `INSERT ${table(/\bINTO\s+(`?[\w]+`?)/i)}${/\bON DUPLICATE KEY\b/i.test(s) ? ' ON DUPLICATE KEY' : ''}`;
    case 'UPDATE':
      return `UPDATE ${table(/^UPDATE\s+(`?[\w]+`?)/i)}`;
    case 'DELETE':
      return `DELETE ${table(/\bFROM\s+(`?[\w]+`?)/i)}`;
    default:
      return s.split(' ').slice(0, 2).join(' ').toUpperCase();
  }
}

/**
 * Runs `work` (the measured calls) while counting the statements the pipeline sends. `callSamples` are the call times
 * taken meanwhile: the split of a call into database and the rest comes from them.
 */
export async function traced<T>(work: () => Promise<T>, callSamples: () => number[]): Promise<{ value: T; sent: StatementsPerCall }> {
  installTrace();
  const r: Recording = { statements: 0, sqlMs: 0, kinds: new Map() };
  recording = r;
  let value: T;
  try {
    value = await work();
  } finally {
    recording = null;
  }
  const samples = callSamples();
  const calls = Math.max(1, samples.length);
  const kinds = [...r.kinds].map(([k, { n, ms: t }]) => [k, n / calls, t / calls] as [string, number, number]).sort((a, b) => b[2] - a[2]);
  return { value, sent: { calls: samples.length, statements: r.statements / calls, sqlMs: r.sqlMs / calls, callMs: mean(samples), kinds } };
}

// ---- The floor: hand-written SQL on connections of the app's own pool.

/** A statement on the floor's connection: rows for a SELECT, the OK packet (`insertId`, `affectedRows`) otherwise. */
export type Sql = <R = Record<string, unknown>[]>(statement: string, params?: unknown[]) => Promise<R>;

/** One connection of the app's pool, held for the floor's work, with a `sql` that counts what it sends. */
class FloorConnection {
  statements = 0;
  constructor(private readonly runner: QueryRunner) {}
  readonly sql: Sql = async (statement, params) => {
    this.statements++;
    return (await this.runner.query(statement, params)) as never;
  };
  /** The work in one transaction, as a hand-written program would send it. */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    await this.sql('START TRANSACTION');
    try {
      const v = await work(this.sql);
      await this.sql('COMMIT');
      return v;
    } catch (e) {
      await this.sql('ROLLBACK');
      throw e;
    }
  }
  release(): Promise<void> {
    return this.runner.release();
  }
}

export interface FloorWork {
  /** One unit of the work, given its index (to vary the input as the measured calls do). */
  (connection: { sql: Sql; transaction: FloorConnection['transaction'] }, i: number): Promise<unknown>;
}

/**
 * Times `n` units of hand-written work on the app's own pool: one after another on one connection, or spread over
 * `parallel` connections at once when the operation was measured from that many desks. A few warm-up units go first
 * (indexes n … n + 3 × parallel − 1: inputs for them must exist).
 */
export async function floorOf(runtime: Runtime, what: string, n: number, work: FloorWork, parallel = 1): Promise<Floor> {
  const ds: DataSource = await runtime.db.dataSource();
  const connections = await Promise.all(Array.from({ length: parallel }, async () => new FloorConnection(await acquire(ds))));
  try {
    // Warm-up units take the indexes after the measured ones, three per connection, so none repeats another's input.
    for (const [k, c] of connections.entries()) for (let i = 0; i < 3; i++) await work(c, n + 3 * k + i);
    const before = connections.map((c) => c.statements);
    const samples: number[] = [];
    let next = 0;
    await Promise.all(
      connections.map(async (c) => {
        for (;;) {
          const i = next++;
          if (i >= n) return;
          const t = performance.now();
          await work(c, i);
          samples.push(performance.now() - t);
        }
      }),
    );
    const sent = connections.reduce((sum, c, k) => sum + c.statements - before[k], 0);
    return { samples, statements: Math.round(sent / Math.max(1, n)), what };
  } finally {
    await Promise.all(connections.map((c) => c.release()));
  }
}

async function acquire(ds: DataSource): Promise<QueryRunner> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  return runner;
}
