// Reports, the home dashboard, CSV import and CSV export through the handler pipeline at a chain of a million
// appointments, 200,000 stays and 200,000 invoices (issue 14's benchmark): every report for one hospital and for the
// whole chain over a year, dashboard.get for each role, import.preview + import.commit of 100,000 patients (a file made
// here: Kampala names, local phone numbers, DD/MM/YYYY), and reports.exportCsv of every patient (1,000,000 rows) in the
// app's own process (the built harness) with its memory read from /proc. Prints a table; the budgets are reported, not
// asserted; counts are.
//
// HMS_BENCH_SCALE=small (or a fraction, e.g. 0.05) scales every volume down (1/20 for "small") for a quick run;
// HMS_BENCH_REPORT_SAMPLES sets the calls per report and scope (default 20), HMS_BENCH_REPORT_SECONDS the time after
// which a report stops being called (default 30 s, at least 3 calls): a report far over its budget gets fewer samples.
// HMS_BENCH_DATABASE=<name> measures a database an earlier seed with these options left on the test server, as it is
// (no seeding; the import adds its patients to it). HMS_BENCH_PATIENTS_ONLY=1 seeds the patients alone (no appointments, stays, invoices): with `-t "import|export"` it
// runs the import and the export without the half hour the rest of the chain takes to seed on a busy machine.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Faker, base, en } from '@faker-js/faker';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ChannelName, Input, Output } from '@shared/contract';
import { localDate } from '@shared/domain/dates';
import { REPORT_CHANNELS } from '@shared/domain/reports';
import { parseDatabaseUrl } from '../../src-main/db/data-source';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import { DEMO_PASSWORD } from '../../src-main/seed/seed';
import { UGANDAN_GIVEN, UGANDAN_SURNAMES } from '../../src-main/seed/names';
import type { Desk } from '../support/app';
import { addDays, BenchReport, count, ms, must, timed, traced } from '../support/bench';
import { spawnHarness } from '../support/harness';
import { openSeededApp, startSeededApp, type SeededApp } from '../support/seeded-app';

const SCALE = ((s) => (s === undefined || s === '' ? 1 : s === 'small' ? 1 / 20 : Number(s)))(process.env.HMS_BENCH_SCALE);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`HMS_BENCH_SCALE must be "small" or a fraction in (0, 1], not ${process.env.HMS_BENCH_SCALE}`);
const scaled = (n: number) => Math.round(n * SCALE);

const APPOINTMENTS = scaled(1_000_000);
const STAYS = scaled(200_000);
const INVOICES = scaled(200_000);
/** The patients of the chain: also the rows of the export (every patient, `patients.search` with no query). */
const PATIENTS = scaled(1_000_000);
const IMPORT_PATIENTS = scaled(100_000);
const PATIENTS_ONLY = process.env.HMS_BENCH_PATIENTS_ONLY === '1';
/**
 * A database an earlier run of this seed filled (same options, e.g. with `--as-of` today), measured again as it is
 * instead of seeding a new one; the import adds its 100,000 patients to it.
 */
const REUSE = process.env.HMS_BENCH_DATABASE || null;
const SAMPLES = Number(process.env.HMS_BENCH_REPORT_SAMPLES ?? 20);
const REPORT_SECONDS = Number(process.env.HMS_BENCH_REPORT_SECONDS ?? 30);
const MIN_SAMPLES = 3;
const DASHBOARD_SAMPLES = 40;

/** Stays are simulated over this many days before today, so a year's report has a whole year of admissions. */
const STAY_HISTORY_DAYS = 400;
/** Stays the ward simulation admits per bed and day (measured: 0.124 over 400 days at 640 beds: 66–84 % occupancy, about 6 nights a stay). */
const STAYS_PER_BED_DAY = 0.124;
const HOSPITALS = 6;
const BEDS = Math.max(20, Math.round(STAYS / (HOSPITALS * STAY_HISTORY_DAYS * STAYS_PER_BED_DAY)));

const BUDGET = { hospital: 300, chain: 1000, dashboard: 100, importMs: 20_000, exportMs: 15_000 };
const KLA_ZONE = 'Africa/Kampala';

const report = new BenchReport(PATIENTS_ONLY ? `operation (${count(PATIENTS)} patients only)` : `operation (${count(APPOINTMENTS)} appointments, ${count(STAYS)} stays, ${count(INVOICES)} invoices)`);

/** A process's resident set (or its high-water mark) in MB, from /proc. */
function residentMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** The input of a report for these hospitals (absent: the caller's whole scope) over the year ending today. */
function reportInput(report: ChannelName, hospitalIds: number[] | undefined, from: string, to: string): unknown {
  const filter = { ...(hospitalIds ? { hospitalIds } : {}), from, to };
  // The two reports cut in periods are read by month over a year (what the screen's year preset shows).
  return report === 'reports.schedulingTrends' || report === 'reports.occupancy' ? { ...filter, granularity: 'month' } : filter;
}

// ---- the import file ----

const CSV_HEADER = ['PatientID', 'FirstName', 'MiddleName', 'LastName', 'DateOfBirth', 'Gender', 'PhoneNumber', 'Email', 'Address', 'City', 'District'];
const KAMPALA_AREA = [
  ['Kampala', 'Central', ['Kampala Road', 'Jinja Road', 'Entebbe Road', 'Bombo Road', 'Gayaza Road', 'Ggaba Road', 'Kira Road', 'Ntinda Road', 'Salaama Road']],
  ['Wakiso', 'Wakiso', ['Hoima Road', 'Nansana Road', 'Kasangati Road', 'Matugga Road']],
  ['Mukono', 'Mukono', ['Kayunga Road', 'Jinja Road', 'Seeta Road']],
  ['Entebbe', 'Wakiso', ['Circular Road', 'Church Road', 'Gowers Road']],
] as const;
/** Ugandan mobile prefixes after the trunk 0 (MTN 77/78/76, Airtel 70/75/74). */
const UG_MOBILE = ['77', '78', '76', '70', '75', '74'];

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * `n` patients as another clinic system exports them for Kampala: ids HMS/000001…, names of the region, dates of birth
 * written DD/MM/YYYY, local mobile numbers ("0772 123456"), some e-mails and addresses. Deterministic for a seed.
 */
function patientsCsv(n: number, seed: number): string {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const lines = [CSV_HEADER.join(',')];
  const dd = (x: number) => String(x).padStart(2, '0');
  for (let i = 1; i <= n; i++) {
    const female = faker.datatype.boolean();
    const sexKey = female ? 'female' : 'male';
    const first = faker.helpers.arrayElement(UGANDAN_GIVEN[sexKey]);
    const last = faker.helpers.arrayElement(UGANDAN_SURNAMES.Central[sexKey]);
    const middle = faker.datatype.boolean(0.25) ? faker.helpers.arrayElement(UGANDAN_GIVEN[faker.datatype.boolean() ? 'female' : 'male']) : '';
    const born = faker.date.birthdate({ mode: 'age', min: 0, max: 90 });
    const [city, district, streets] = faker.helpers.weightedArrayElement(KAMPALA_AREA.map((a, k) => ({ value: a, weight: [60, 20, 12, 8][k] })));
    const phone = `0${faker.helpers.arrayElement(UG_MOBILE)}${faker.string.numeric(1)} ${faker.string.numeric(6)}`;
    const email = faker.datatype.boolean(0.3) ? faker.internet.email({ firstName: first, lastName: last, provider: faker.helpers.arrayElement(['gmail.com', 'yahoo.com', 'outlook.com']) }).toLowerCase() : '';
    const address = faker.datatype.boolean(0.8) ? `Plot ${faker.number.int({ min: 1, max: 400 })}, ${faker.helpers.arrayElement(streets)}` : '';
    lines.push(
      [`HMS/${String(i).padStart(6, '0')}`, first, middle, last, `${dd(born.getUTCDate())}/${dd(born.getUTCMonth() + 1)}/${born.getUTCFullYear()}`, female ? 'Female' : 'Male', phone, email, address, city, district]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The server's settings for the run: a 4 GiB buffer pool (of the machine's 24) and a 1 GiB redo log. */
const SERVER_SETTINGS: [string, number][] = [
  ['innodb_buffer_pool_size', 4 * 1024 ** 3],
  ['innodb_log_file_size', 1024 ** 3],
];

/** A connection to the test server itself (no database), for its global settings. */
function serverConnection() {
  const { host, port, user, password } = parseDatabaseUrl(`${inject('mariadbUrl').replace(/\/$/, '')}/mysql`);
  return mysql.createConnection({ host, port, user, password });
}

describe(`reports, dashboard, import and export at ${count(APPOINTMENTS)} appointments`, () => {
  let app: SeededApp;
  let manager: Desk;
  let today: string;
  let from: string;
  let hospitalIds: number[];
  let kla: number;

  /** Server settings the run raised, with their values before it (restored after). */
  const raised: [string, number][] = [];

  beforeAll(async () => {
    // A database server for a chain of a million patients keeps its working set in memory (about 2.5 GB here with every
    // index and summary) and a redo log that takes a bulk import's writes (README, "Sizing the database server"):
    // Debian's defaults (128 MB pool, 96 MB redo) read chain-wide reports, the export and the import's duplicate checks
    // from disk and make the import wait on log checkpoints. Both are resized online for the run and back after.
    const server = await serverConnection();
    try {
      for (const [name, value] of SERVER_SETTINGS) {
        const [[row]] = (await server.query(`SELECT @@${name} AS v`)) as unknown as [[{ v: number | string }]];
        const before = Number(row.v);
        if (before < value) {
          await server.query(`SET GLOBAL ${name} = ${value}`);
          raised.push([name, before]);
        }
        report.fact(`server: ${name} ${count(Math.max(before, value) / 1_048_576)} MB for the run${before < value ? ` (raised from ${count(before / 1_048_576)} MB, restored after)` : ''}`);
      }
    } finally {
      await server.end();
    }
    today = localDate(new Date(), KLA_ZONE);
    from = addDays(today, -364);
    const started = performance.now();
    app = REUSE ? await openSeededApp(REUSE, { poolSize: 10 }) : await startSeededApp({
      patients: PATIENTS,
      appointments: PATIENTS_ONLY ? 0 : APPOINTMENTS,
      beds: PATIENTS_ONLY ? 0 : BEDS,
      stayHistoryDays: STAY_HISTORY_DAYS,
      invoices: PATIENTS_ONLY ? 0 : INVOICES,
      invoicePdfs: 10,
      // A year of shifts for the staff-hours report; the latest month's payroll for the HR home screen.
      rotaWeeksBack: 53,
      rotaWeeksAhead: 4,
      payrollRuns: 1,
      seed: 14,
      asOf: today,
      poolSize: 10,
      onProgress: progressPrinter(),
    });
    const s = app.summary;
    hospitalIds = s.chain.hospitals.map((h) => h.id);
    kla = app.hospitalId('KLA');
    report.fact(
      `scale ${SCALE === 1 ? 'full' : `1/${Math.round(1 / SCALE)}`}: ${REUSE ? `database ${REUSE} seeded earlier, opened in` : 'seeded in'} ${((performance.now() - started) / 1000).toFixed(0)} s — ${count(s.rows.patients ?? 0)} patients, ` +
        `${count(s.rows.appointments ?? 0)} appointments (${s.appointmentsFrom} … ${s.appointmentsTo}), ${count(s.rows.stays ?? 0)} stays (${count(BEDS)} beds a hospital, ` +
        `${STAY_HISTORY_DAYS} days back), ${count(s.rows.invoices ?? 0)} invoices, ${count(s.rows.payments ?? 0)} payments, ${count(s.rows.shift_assignments ?? 0)} shifts; ` +
        `steps s: ${Object.entries({ patients: s.patientSeconds, appointments: s.appointmentSeconds, wards: s.wardSeconds, rota: s.rotaSeconds, billing: s.billingSeconds, clinical: s.clinicalSeconds, payroll: s.payrollSeconds })
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')}`,
      `period of every report: ${from} … ${today} (local days), by month where a report cuts the period`,
    );
    manager = await app.signIn('director');
  });

  afterAll(async () => {
    report.print();
    await app?.close();
    if (raised.length) {
      const server = await serverConnection();
      try {
        for (const [name, before] of raised) await server.query(`SET GLOBAL ${name} = ${before}`);
      } finally {
        await server.end();
      }
    }
  });

  /**
   * Up to `n` timed calls of a report (fewer once REPORT_SECONDS have passed, never under MIN_SAMPLES), after an
   * unmeasured one; `scopeOf(i)` the hospitals of call i.
   */
  async function measureReport(name: (typeof REPORT_CHANNELS)[number], scopeOf: (i: number) => number[] | undefined, n: number) {
    const call = (i: number) => manager.call(name as never, reportInput(name, scopeOf(i), from, today) as never);
    must(await call(n));
    const samples: number[] = [];
    let last: unknown = null;
    const started = performance.now();
    const { sent } = await traced(async () => {
      for (let i = 0; i < n && (i < MIN_SAMPLES || performance.now() - started < REPORT_SECONDS * 1000); i++) {
        const r = await timed(() => call(i));
        last = must(r.result);
        samples.push(r.ms);
      }
    }, () => samples);
    return { samples, sent, last: last as Record<string, unknown> };
  }

  /** A report that fails is a line under the table and a failed check; the others are still measured. */
  async function failedAsFact<T>(name: string, work: Promise<T>): Promise<T | null> {
    try {
      return await work;
    } catch (e) {
      report.fact(`${name} FAILED: ${(e as Error).message.slice(0, 300)}`);
      expect.soft(String(e), name).toBe('');
      return null;
    }
  }

  it('every report for one hospital over a year', async () => {
    // The hospitals in turn (KLA, the largest, holds about a third of the chain): the figure is not one hospital's cache.
    for (const name of REPORT_CHANNELS) {
      const measured = await failedAsFact(name, measureReport(name, (i) => [hospitalIds[i % hospitalIds.length]], SAMPLES));
      if (!measured) continue;
      const { samples, sent, last } = measured;
      expect.soft((last.hospitals as unknown[]).length).toBe(1);
      report.add({ operation: `${name}, one hospital, a year`, samples, budgetMs: BUDGET.hospital, note: `${sent.statements.toFixed(0)} statements` });
    }
    // KLA alone: the largest hospital's figure.
    const { samples } = await measureReport('reports.appointmentsByDepartment', () => [kla], Math.min(SAMPLES, 10));
    report.add({ operation: 'reports.appointmentsByDepartment, KLA (largest) only', samples, budgetMs: BUDGET.hospital });
  });

  it('every report for the whole chain over a year', async () => {
    // Signed in afresh: the screen locks after a while without a call.
    manager = await app.signIn('director');
    const [appts] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM appointments WHERE local_date BETWEEN ? AND ?', [from, today]);
    for (const name of REPORT_CHANNELS) {
      const measured = await failedAsFact(name, measureReport(name, () => undefined, SAMPLES));
      if (!measured) continue;
      const { samples, sent, last } = measured;
      expect.soft((last.hospitals as unknown[]).length).toBe(HOSPITALS);
      let note = `${sent.statements.toFixed(0)} statements`;
      if (name === 'reports.appointmentsByDepartment') {
        const out = last as unknown as Output<'reports.appointmentsByDepartment'>;
        const total = out.rows.reduce((a, r) => a + r.total, 0);
        // Every appointment of the year counted once, whatever its status (soft: the other reports are still measured).
        expect.soft(total).toBe(Number(appts.n));
        note += `; ${count(total)} appointments`;
      } else if (name === 'reports.occupancy') {
        const out = last as unknown as Output<'reports.occupancy'>;
        expect.soft(out.total.admissions).toBeGreaterThan(0);
        note += `; ${count(out.total.admissions)} admissions`;
      } else if (name === 'reports.revenue') {
        const out = last as unknown as Output<'reports.revenue'>;
        const invoices = out.invoiced.reduce((a, r) => a + r.invoices, 0);
        expect.soft(invoices).toBeGreaterThan(0);
        note += `; ${count(invoices)} invoices`;
      } else if (name === 'reports.demographics') {
        const out = last as unknown as Output<'reports.demographics'>;
        expect.soft(out.patients).toBeGreaterThan(0);
        note += `; ${count(out.patients)} patients`;
      } else if (name === 'reports.staffHours') {
        const out = last as unknown as Output<'reports.staffHours'>;
        expect.soft(out.rows.length).toBeGreaterThan(0);
      }
      report.add({ operation: `${name}, whole chain, a year`, samples, budgetMs: BUDGET.chain, note });
    }
  });

  it('the home dashboard of each role', async () => {
    const roles: [username: string, hospitalId: number | undefined][] = [
      ['frontdesk.kla', kla],
      ['doctor.kla', kla],
      ['nurse.kla', kla],
      ['billing.kla', kla],
      ['hr.kla', kla],
      ['manager.kla', kla],
      ['director', undefined],
    ];
    const all: number[] = [];
    for (const [username, hospitalId] of roles) {
      const desk = await app.signIn(username);
      const input = (hospitalId ? { hospitalId } : {}) as Input<'dashboard.get'>;
      for (let i = 0; i < 3; i++) must(await desk.call('dashboard.get', input));
      const samples: number[] = [];
      const { sent } = await traced(async () => {
        for (let i = 0; i < DASHBOARD_SAMPLES; i++) {
          const r = await timed(() => desk.call('dashboard.get', input));
          must(r.result);
          samples.push(r.ms);
        }
      }, () => samples);
      all.push(...samples);
      report.add({ operation: `dashboard.get, ${username}${hospitalId ? '' : ' (the chain)'}`, samples, budgetMs: BUDGET.dashboard, note: `${sent.statements.toFixed(0)} statements` });
    }
    report.add({ operation: 'dashboard.get, every role above', samples: all, budgetMs: BUDGET.dashboard });
  });

  it(`exports every patient (${count(PATIENTS)} rows) as CSV in the app's own process`, async () => {
    // Memory is the app process's: the built harness (main's code and handler table without Electron) on this database,
    // its resident set read from /proc while it exports. The test runner's own memory (the seeding, vitest) is not the app's.
    const dir = mkdtempSync(join(tmpdir(), 'hms-bench-exports-'));
    const previous = process.env.HMS_EXPORTS_DIR;
    process.env.HMS_EXPORTS_DIR = dir;
    const appProcess = await spawnHarness(app.db.url);
    if (previous === undefined) delete process.env.HMS_EXPORTS_DIR;
    else process.env.HMS_EXPORTS_DIR = previous;
    try {
      await appProcess.rpc('desk', 'auth.login', { username: 'frontdesk.kla', password: DEMO_PASSWORD });
      // A small export first: the process has loaded what an export needs before the measured one.
      await appProcess.rpc('desk', 'reports.exportCsv', { source: { kind: 'list', channel: 'patients.search', input: { query: 'Nakato' } }, name: 'warm-up' });
      const [patients] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM patients');
      const before = residentMb(appProcess.pid);
      const trace: { at: number; mb: number }[] = [];
      const t = performance.now();
      const sampler = setInterval(() => trace.push({ at: performance.now() - t, mb: residentMb(appProcess.pid) }), 50);
      const out = await appProcess.rpc('desk', 'reports.exportCsv', { jobId: 'bench', source: { kind: 'list', channel: 'patients.search', input: { query: '' } }, name: 'patients' });
      const took = performance.now() - t;
      clearInterval(sampler);
      const highWater = residentMb(appProcess.pid, 'VmHWM');
      const peak = Math.max(before, ...trace.map((x) => x.mb));
      // Flat memory: what the process holds in each quarter of the export (the highest sample of the quarter).
      const quarters = [0, 1, 2, 3].map((q) => Math.max(0, ...trace.filter((x) => x.at >= (q * took) / 4 && x.at < ((q + 1) * took) / 4).map((x) => x.mb)));
      report.add({
        operation: `reports.exportCsv, every patient (${count(out.rows)} rows)`,
        samples: [took],
        budgetMs: BUDGET.exportMs,
        note: `${(out.bytes / 1e6).toFixed(0)} MB file, ${count(out.rows / (took / 1000))} rows/s; app process ${count(before)} → peak ${count(peak)} MB`,
      });
      report.fact(
        `export memory, the app's own process (built harness, /proc/<pid>/status every 50 ms): resident ${count(before)} MB before, ` +
          `highest per quarter of the export ${quarters.map((q) => count(q)).join(' / ')} MB, peak ${count(peak)} MB (+${count(peak - before)} MB), ` +
          `high-water mark over the process's life ${count(highWater)} MB`,
      );
      expect(out.rows).toBe(Number(patients.n));
      expect(statSync(out.path).size).toBe(out.bytes);
    } finally {
      await appProcess.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(`imports ${count(IMPORT_PATIENTS)} patients: dry run, then commit`, async () => {
    const made = performance.now();
    const csv = patientsCsv(IMPORT_PATIENTS, 14);
    const madeMs = performance.now() - made;
    const input: Input<'import.commit'> = { hospitalId: kla, kind: 'patients', csv, fileName: 'hms-patients.csv', dateFormat: 'DD/MM/YYYY', acknowledgeDuplicates: true, jobId: 'bench-import' };
    const [before] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM patients');
    // Signed in now: a session idle through the reports above is locked by then.
    const admin = await app.signIn('admin');

    const dry = await timed(() => admin.call('import.preview', input));
    const preview = must(dry.result);
    const s = preview.summary;
    report.add({ operation: `import.preview (dry run), ${count(IMPORT_PATIENTS)} patients`, samples: [dry.ms], budgetMs: null, note: `${(csv.length / 1e6).toFixed(1)} MB file` });
    report.fact(
      `import file made with faker in ${ms(madeMs)} ms (${count(csv.length)} characters); dry run: ${count(preview.errorCount)} errors, ${count(preview.warningCount)} warnings, ` +
        `${count(s.duplicatesInFile)} possible duplicates within the file, ${count(s.duplicatesInDatabase)} of patients already registered (acknowledged), ` +
        `${count(s.sharedPhones.length)} shared phone numbers; mapping ${preview.mappingSource}, dates ${preview.dateFormat}`,
    );
    expect(preview.rows).toBe(IMPORT_PATIENTS);
    for (const field of ['externalId', 'firstName', 'middleName', 'lastName', 'dateOfBirth', 'sex', 'phone', 'email', 'addressLine', 'city', 'region']) expect(preview.mapping[field], field).not.toBeNull();
    expect(preview.errorCount, JSON.stringify(preview.problems.slice(0, 5))).toBe(0);
    expect(preview.canCommit).toBe(true);

    const commit = await timed(() => admin.call('import.commit', input));
    const done = must(commit.result);
    report.add({ operation: `import.commit, ${count(IMPORT_PATIENTS)} patients`, samples: [commit.ms], budgetMs: null });
    report.add({ operation: `import of ${count(IMPORT_PATIENTS)} patients, dry run + commit`, samples: [dry.ms + commit.ms], budgetMs: BUDGET.importMs, note: `${count(IMPORT_PATIENTS / ((dry.ms + commit.ms) / 1000))} rows/s` });
    const [after] = await app.db.sql<{ n: number }>('SELECT COUNT(*) AS n FROM patients');
    expect(done.created.patients).toBe(IMPORT_PATIENTS);
    expect(Number(after.n) - Number(before.n)).toBe(IMPORT_PATIENTS);
  });
});
