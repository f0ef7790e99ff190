// Payroll through the handler pipeline for a hospital of 5,000 staff with a month of their shifts: computing the
// month's draft run, finalizing it with every slip's PDF made and stored (time and memory), one slip's PDF, and the
// batch PDF of the whole run. Prints a table; the budgets are reported, not asserted.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchReport, count, must, timed, traced } from '../support/bench';
import type { Output } from '@shared/contract';
import { localDate } from '@shared/domain/dates';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import type { Desk } from '../support/app';
import { startSeededApp, type SeededApp } from '../support/seeded-app';
import { spawnHarness } from '../support/harness';
import { DEMO_PASSWORD } from '../../src-main/seed/seed';

/** A process's resident set (or its high-water mark) in MB, from /proc. */
function residentMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** KLA made up to 5,000 staff: three departments of nurses on top of the chain's usual staff (4,967 with Surgery at 900). */
const STAFF_AT = { 'KLA:Nursing': 2000, 'KLA:Emergency': 2000, 'KLA:Surgery': 933 };
const ZONE = 'Africa/Kampala';
const SLIPS = 200;

const report = new BenchReport('operation');

/** The calendar month before the one of `day`. */
const monthBefore = (day: string) => {
  const [y, m] = day.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

describe('payroll of a hospital of 5,000 staff', () => {
  let app: SeededApp;
  let hr: Desk;
  let billing: Desk;
  let hospitalId: number;
  let month: string;
  let run: Output<'payroll.startRun'>;

  beforeAll(async () => {
    const today = localDate(new Date(), ZONE);
    month = monthBefore(today);
    const started = performance.now();
    // Six weeks of shifts back cover the whole of last month; the seed runs no payroll of its own (the bench does).
    app = await startSeededApp({
      patients: 1000,
      appointments: 0,
      beds: 0,
      invoices: 0,
      encounters: 0,
      seed: 13,
      asOf: today,
      staffAt: STAFF_AT,
      rotaWeeksBack: 6,
      rotaWeeksAhead: 0,
      payrollRuns: 0,
      poolSize: 10,
      onProgress: progressPrinter(),
    });
    hospitalId = app.hospitalId('KLA');
    const [people] = await app.db.sql<{ n: number; working: number }>("SELECT COUNT(*) AS n, SUM(status <> 'terminated') AS working FROM staff WHERE hospital_id = ?", [hospitalId]);
    const [shifts] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM shift_assignments WHERE hospital_id = ? AND shift_date >= ? AND shift_date <= LAST_DAY(?)', [hospitalId, `${month}-01`, `${month}-01`]);
    const [pay] = await app.db.sql<{ n: number; hourly: number }>("SELECT COUNT(*) AS n, SUM(basis = 'hourly') AS hourly FROM pay_structures WHERE hospital_id = ?", [hospitalId]);
    report.fact(
      `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: KLA has ${count(Number(people.n))} staff (${count(Number(people.working))} not terminated), ` +
        `${count(Number(shifts.n))} shifts in ${month}, ${count(Number(pay.n))} pay structures (${count(Number(pay.hourly))} hourly)`,
    );
    expect(Number(people.n)).toBeGreaterThanOrEqual(5000);
    hr = await app.signIn('hr.kla');
    billing = await app.signIn('billing.kla');
  });

  afterAll(async () => {
    report.print();
    await app?.close();
  });

  it("computes the month's draft run", async () => {
    const took: number[] = [];
    const { value, sent } = await traced(async () => {
      const r = await timed(() => hr.call('payroll.startRun', { hospitalId, month }));
      took.push(r.ms);
      return must(r.result);
    }, () => took);
    run = value;
    report.add({ operation: `compute the draft run of ${month}`, samples: took, budgetMs: 10_000, note: `${count(run.totals.count)} slips, ${sent.statements.toFixed(0)} statements`, sent });
    expect(run.totals.count).toBeGreaterThan(4000);
  });

  it('one slip PDF (a draft, drawn on every call)', async () => {
    // A draft's PDF is drawn on each call (a finalized slip's is its stored bytes, timed after finalizing).
    const ids = run.slips.slice(0, SLIPS).map((s) => s.id);
    // The first print of the process loads the fonts: not what one more slip costs.
    for (const s of run.slips.slice(-3)) must(await billing.call('payroll.slipPdf', { slipId: s.id }));
    const samples: number[] = [];
    const { sent } = await traced(async () => {
      for (const slipId of ids) {
        const r = await timed(() => billing.call('payroll.slipPdf', { slipId }));
        must(r.result);
        samples.push(r.ms);
      }
    }, () => samples);
    report.add({ operation: 'one slip PDF, drawn (draft)', samples, budgetMs: 30, sent });
  });

  it("finalizes the run with every slip PDF stored, in the app's own process", async () => {
    // Memory is the app process's: the built harness (the main process's code and handler table without Electron) on
    // this database, its resident set read from /proc while it finalizes. This test runner's own memory (the seeding,
    // vitest) is not the app's.
    const appProcess = await spawnHarness(app.db.url);
    try {
      await appProcess.rpc('hr', 'auth.login', { username: 'hr.kla', password: DEMO_PASSWORD });
      const before = residentMb(appProcess.pid);
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, residentMb(appProcess.pid))), 20);
      const t = performance.now();
      const done = await appProcess.rpc('hr', 'payroll.finalize', { runId: run.id, version: run.version, paidOn: `${month}-28` });
      const took = performance.now() - t;
      clearInterval(sampler);
      const highWater = residentMb(appProcess.pid, 'VmHWM');
      const [docs] = await app.db.sql<{ n: number; bytes: number }>('SELECT COUNT(*) AS n, SUM(LENGTH(d.pdf)) AS bytes FROM salary_slip_documents d JOIN salary_slips s ON s.id = d.slip_id WHERE s.run_id = ?', [run.id]);
      expect(done.status).toBe('finalized');
      expect(Number(docs.n)).toBe(run.totals.count);
      report.add({ operation: 'finalize: every slip PDF made and stored', samples: [took], budgetMs: 60_000, note: `${count(Number(docs.n))} PDFs, ${(Number(docs.bytes) / 1e6).toFixed(1)} MB; app process peak ${count(Math.max(peak, highWater))} MB` });
      report.fact(
        `finalize memory, the app's process (harness): resident ${count(before)} MB signed in and idle, peak ${count(peak)} MB sampled every 20 ms, ` +
          `high-water mark ${count(highWater)} MB over its whole life; budget ≤ 400 MB`,
      );
    } finally {
      await appProcess.stop();
    }
    const stored: number[] = [];
    for (const s of run.slips.slice(0, SLIPS)) stored.push((await timed(() => billing.call('payroll.slipPdf', { slipId: s.id }))).ms);
    report.add({ operation: 'one slip PDF, stored (finalized)', samples: stored, budgetMs: 30 });
  });

  it('batch PDF of the whole run', async () => {
    const took: number[] = [];
    let pdf: Output<'payroll.batchPdf'> | null = null;
    const { sent } = await traced(async () => {
      const r = await timed(() => billing.call('payroll.batchPdf', { runId: run.id, jobId: 'bench' }));
      took.push(r.ms);
      pdf = must(r.result);
    }, () => took);
    const got = pdf!;
    expect(got.pages).toBeGreaterThanOrEqual(run.totals.count);
    report.add({ operation: `batch PDF of ${count(run.totals.count)} slips`, samples: took, budgetMs: 20_000, note: `${count(got.pages)} pages, ${(Buffer.from(got.pdfBase64, 'base64').length / 1e6).toFixed(1)} MB`, sent });
  });
});
