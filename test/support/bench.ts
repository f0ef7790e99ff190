// What every benchmark shares: latency samples per operation, the printed table with budgets beside the figures (never
// asserted), a timed pipeline call, and a few formatters.
import type { Result } from '@shared/errors';

export interface Measured {
  operation: string;
  samples: number[];
  /** p95 budget in ms; null: shown for information. */
  budgetMs: number | null;
  note?: string;
}

export const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
export const ms = (x: number) => x.toFixed(x < 10 ? 2 : 1);
export const count = (x: number) => Math.round(x).toLocaleString('en-US');
export const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The rows of one benchmark file and the facts worth printing under them. */
export class BenchReport {
  readonly measured: Measured[] = [];
  readonly facts: string[] = [];

  /** `title` heads the operation column, e.g. "operation (1,000,000 appointments)". */
  constructor(private readonly title: string) {}

  add(m: Measured): void {
    this.measured.push(m);
  }

  fact(...lines: string[]): void {
    this.facts.push(...lines);
  }

  print(): void {
    const lines = [
      '',
      `| ${this.title} | n | p50 ms | p95 ms | budget | verdict |`,
      '| --- | ---: | ---: | ---: | ---: | --- |',
      ...this.measured
        .filter((m) => m.samples.length > 0)
        .map((m) => {
          const sorted = [...m.samples].sort((a, b) => a - b);
          const p95 = percentile(sorted, 0.95);
          const verdict = m.budgetMs === null ? '' : p95 <= m.budgetMs ? 'ok' : 'MISSED';
          return `| ${m.operation}${m.note ? ` (${m.note})` : ''} | ${sorted.length} | ${ms(percentile(sorted, 0.5))} | ${ms(p95)} | ${m.budgetMs === null ? '' : `≤ ${count(m.budgetMs)}`} | ${verdict} |`;
        }),
      '',
      ...this.facts.map((f) => `- ${f}`),
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
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
