// Capacity: 300 workstations on one MariaDB server with its default settings (max_connections 151). Each workstation is
// the app's own runtime (its own pool of the default size, its own signed-in session, the real handler pipeline, the
// change feed and the audit watch its main process runs), spread over a few node processes; the people at the desks
// search, register, book, check in, admit, issue invoices and look at the boards with think time between steps. Three
// phases on a throwaway mariadbd (no other test's connections or CPU in its figures): the server at rest, the
// workstations signed in and idle (the change feed's polling alone), and 60 s of desk work. Printed, never asserted.
// HMS_CAPACITY_WORKSTATIONS, _PROCESSES, _SECONDS, _IDLE_SECONDS, _PATIENTS, _THINK_MS ("2000-10000") and
// _SERVER_ARGS (e.g. "--max-connections=400") vary the run.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '@shared/contract';
import { localDate } from '@shared/domain/dates';
import { parseDatabaseUrl, DEFAULT_POOL_SIZE, type DbTarget } from '../../src-main/db/data-source';
import { PatientGenerator, planChain, SeedRandom } from '../../src-main/seed/generator';
import { seedDatabase } from '../../src-main/seed/seed';
import { progressPrinter } from '../../src-main/seed/seed-cli';
import { startThrowawayMariadb, type ThrowawayServer } from '../support/mariadb';
import { asRegistration } from '../support/seed-rows';
import { count, ms, percentile, statementKind } from '../support/bench';
import type { CapacityPlan, Command, DeskRole, PhaseResult, Report, WorkstationPlan } from './capacity/plan';

const WORKSTATIONS = Number(process.env.HMS_CAPACITY_WORKSTATIONS ?? 300);
const PROCESSES = Number(process.env.HMS_CAPACITY_PROCESSES ?? 5);
const DESK_SECONDS = Number(process.env.HMS_CAPACITY_SECONDS ?? 60);
const IDLE_SECONDS = Number(process.env.HMS_CAPACITY_IDLE_SECONDS ?? 30);
const REST_SECONDS = 10;
const PATIENTS = Number(process.env.HMS_CAPACITY_PATIENTS ?? 20_000);
const THINK_MS = (process.env.HMS_CAPACITY_THINK_MS ?? '2000-10000').split('-').map(Number) as [number, number];
/** Default settings, except the buffer pool the throwaway helper shrinks to 64M: back to MariaDB's default. */
const SERVER_ARGS = ['--innodb-buffer-pool-size=128M', ...(process.env.HMS_CAPACITY_SERVER_ARGS?.split(' ').filter(Boolean) ?? [])];
/** Per hospital and ten workstations: five front desks, three ward nurses, two billing clerks (mixed, for small runs). */
const ROLE_CYCLE: DeskRole[] = ['front_desk', 'nurse', 'billing', 'front_desk', 'nurse', 'front_desk', 'billing', 'front_desk', 'nurse', 'front_desk'];
const PATIENTS_PER_DESK = 12;
const BEDS_PER_NURSE = 4;
const REGISTRATIONS_PER_DESK = 6;
const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux
const DAY_MS = 86_400_000;

/**
 * How far the workstations' clock runs behind the real one: to the latest weekday at Kampala, the seed's "today" (on a
 * weekend no doctor works, so nobody books or checks in that day).
 */
function weekdayOffsetMs(): number {
  for (let k = 0; k < 7; k++) {
    const day = new Date(`${localDate(new Date(Date.now() - k * DAY_MS), 'Africa/Kampala')}T00:00:00Z`).getUTCDay();
    if (day >= 1 && day <= 5) return -k * DAY_MS;
  }
  return 0;
}
const CLOCK_OFFSET_MS = weekdayOffsetMs();
const now = () => new Date(Date.now() + CLOCK_OFFSET_MS);

const lines: string[] = [];
const say = (...l: string[]) => lines.push(...l);

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of stat(5); the slice starts at field 3.
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds the whole machine spent busy (every core, every process): how much else ran beside the benchmark. */
function machineBusySeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return (cpu.reduce((a, b) => a + b, 0) - cpu[3] - (cpu[4] ?? 0)) / TICKS_PER_SECOND;
}

/** The throwaway server's mariadbd: the process whose command line names its data directory. */
function serverPid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('mariadbd') && cmd.includes(`--datadir=${dataDir}`)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no mariadbd with data directory ${dataDir}`);
}

/** Global status counters the tables use. */
async function status(conn: mysql.Connection): Promise<Record<string, number>> {
  const [rows] = (await conn.query(
    "SHOW GLOBAL STATUS WHERE Variable_name IN ('Threads_connected','Threads_running','Max_used_connections','Connection_errors_max_connections','Aborted_connects','Questions','Com_select','Com_insert','Com_update','Com_commit','Connections','Innodb_row_lock_waits','Innodb_row_lock_time')",
  )) as unknown as [{ Variable_name: string; Value: string }[]];
  return Object.fromEntries(rows.map((r) => [r.Variable_name, Number(r.Value)]));
}

interface Watched {
  seconds: number;
  serverCpu: number;
  /** CPU seconds of the whole machine in the phase. */
  machineCpu: number;
  peakThreads: number;
  meanThreads: number;
  peakRunning: number;
  delta: Record<string, number>;
  end: Record<string, number>;
  /** Lock waits seen once a second: "table: what the holder was doing" → times seen. */
  lockWaits: Map<string, number>;
}

/** Who waits for which row lock right now, and whether its holder is running a statement or idle between two. */
async function lockWaitsNow(conn: mysql.Connection): Promise<string[]> {
  const [rows] = (await conn.query(
    `SELECT l.lock_table AS tbl, b.trx_query AS blocking
       FROM information_schema.INNODB_LOCK_WAITS w
       JOIN information_schema.INNODB_TRX b ON b.trx_id = w.blocking_trx_id
       JOIN information_schema.INNODB_LOCKS l ON l.lock_id = w.requested_lock_id`,
  )) as unknown as [{ tbl: string; blocking: string | null }[]];
  return rows.map((r) => `${r.tbl.replace(/`/g, '').replace(/^[^.]*\./, '')}, holder ${r.blocking ? `running ${statementKind(r.blocking)}` : 'between statements (the client’s turn)'}`);
}

/** Samples Threads_connected every 250 ms while `work` runs, and the server's CPU and counters around it. */
async function watch(conn: mysql.Connection, pid: number, work: () => Promise<unknown>): Promise<Watched> {
  const before = await status(conn);
  const cpu0 = cpuSeconds(pid);
  const machine0 = machineBusySeconds();
  const t0 = performance.now();
  let peakThreads = 0;
  let peakRunning = 0;
  const threads: number[] = [];
  let on = true;
  const lockWaits = new Map<string, number>();
  let tick = 0;
  const sampler = (async () => {
    while (on) {
      if (tick++ % 4 === 0) for (const w of await lockWaitsNow(conn)) lockWaits.set(w, (lockWaits.get(w) ?? 0) + 1);
      const s = await status(conn);
      threads.push(s.Threads_connected);
      peakThreads = Math.max(peakThreads, s.Threads_connected);
      peakRunning = Math.max(peakRunning, s.Threads_running);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  try {
    await work();
  } finally {
    on = false;
    await sampler;
  }
  const seconds = (performance.now() - t0) / 1000;
  const serverCpu = cpuSeconds(pid) - cpu0;
  const machineCpu = machineBusySeconds() - machine0;
  const end = await status(conn);
  const delta = Object.fromEntries(Object.keys(end).map((k) => [k, end[k] - (before[k] ?? 0)]));
  return { seconds, serverCpu, machineCpu, peakThreads, meanThreads: threads.reduce((a, b) => a + b, 0) / Math.max(1, threads.length), peakRunning, delta, end, lockWaits };
}

/** The worker processes: each holds a share of the workstations and answers the phases' commands. */
class Workers {
  private readonly children: ChildProcess[] = [];
  private readonly waiting = new Map<ChildProcess, (r: Report) => void>();

  constructor(planFiles: string[]) {
    const script = resolve(import.meta.dirname, 'capacity/workstations.ts');
    for (const file of planFiles) {
      // tsx as node's loader (not its CLI, which would run the script in a grandchild): the pid is the worker's.
      const child = fork(script, [file], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, TSX_TSCONFIG_PATH: resolve(import.meta.dirname, '../../tsconfig.node.json') },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (r: Report) => {
        if (r.type === 'fatal') process.stderr.write(`capacity worker ${child.pid}: ${r.message}\n`);
        const resolve = this.waiting.get(child);
        this.waiting.delete(child);
        resolve?.(r);
      });
      this.children.push(child);
    }
  }

  /** The next report of every worker (after `command`, when given). */
  all(command?: Command): Promise<Report[]> {
    return Promise.all(
      this.children.map(
        (c) =>
          new Promise<Report>((resolve, reject) => {
            this.waiting.set(c, resolve);
            c.once('exit', (code) => reject(new Error(`capacity worker ${c.pid} exited with ${code}`)));
            if (command) c.send(command);
          }),
      ),
    );
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null) return resolve();
            const timer = setTimeout(() => c.kill('SIGKILL'), 20_000);
            c.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            c.send({ type: 'stop' } satisfies Command);
          }),
      ),
    );
  }
}

function merge(results: PhaseResult[]): PhaseResult {
  const out: PhaseResult = { samples: {}, errors: {}, polls: [], pollErrors: {}, cpuSeconds: 0, loopDelayMs: [0, 0, 0] };
  for (const r of results) {
    for (const [op, s] of Object.entries(r.samples)) (out.samples[op] ??= []).push(...s);
    for (const [op, errs] of Object.entries(r.errors)) for (const [e, n] of Object.entries(errs)) (out.errors[op] ??= {})[e] = ((out.errors[op] ??= {})[e] ?? 0) + n;
    out.polls.push(...r.polls);
    for (const [e, n] of Object.entries(r.pollErrors)) out.pollErrors[e] = (out.pollErrors[e] ?? 0) + n;
    out.cpuSeconds += r.cpuSeconds;
    // The worst process's figures: its workstations waited that long.
    out.loopDelayMs = out.loopDelayMs.map((v, i) => Math.max(v, r.loopDelayMs[i])) as PhaseResult['loopDelayMs'];
  }
  return out;
}

const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  return s.length ? `${ms(percentile(s, 0.5))} | ${ms(percentile(s, 0.95))} | ${ms(s[s.length - 1])}` : ' |  | ';
};
const pct = (cpu: number, seconds: number) => `${((100 * cpu) / seconds).toFixed(0)} %`;

/** Splits `xs` into `parts` disjoint shares, the k-th share for the k-th desk. */
const share = <T>(xs: readonly T[], k: number, parts: number, size: number): T[] => xs.filter((_, i) => i % parts === k).slice(0, size);

async function buildPlan(target: DbTarget, sql: mysql.Connection): Promise<CapacityPlan> {
  const q = async <T>(statement: string, args: unknown[] = []) => (await sql.query(statement, args))[0] as unknown as T[];
  const hospitals = await q<{ id: number; code: string; time_zone: string }>('SELECT id, code, time_zone FROM hospitals ORDER BY id');
  const chain = planChain(SeedRandom.for(515151, 'chain'));
  const generator = new PatientGenerator(SeedRandom.for(515151, 'patients'), chain, WORKSTATIONS * REGISTRATIONS_PER_DESK * 4);
  const newcomers = new Map<string, Input<'patients.register'>[]>(hospitals.map((h) => [h.code, []]));
  for (let round = 0; round < 40 && [...newcomers.values()].some((l) => l.length < WORKSTATIONS * REGISTRATIONS_PER_DESK); round++) {
    for (const r of generator.next(1000)) {
      const code = chain.hospitals[r.hospital_id - 1].code;
      newcomers.get(code)?.push({ ...asRegistration(r), hospitalId: hospitals.find((h) => h.code === code)!.id });
    }
  }

  const perHospital = hospitals.map((h, hi) => ({ h, desks: Array.from({ length: WORKSTATIONS }, (_, i) => i).filter((i) => i % hospitals.length === hi) }));
  const workstations: WorkstationPlan[] = [];
  for (const { h, desks } of perHospital) {
    const today = localDate(now(), h.time_zone);
    const accounts = async (role: DeskRole) =>
      (await q<{ username: string }>('SELECT u.username FROM users u JOIN user_hospitals uh ON uh.user_id = u.id WHERE uh.hospital_id = ? AND FIND_IN_SET(?, u.roles) AND u.active = 1 ORDER BY u.id', [h.id, role])).map((r) => r.username);
    const users = { front_desk: await accounts('front_desk'), nurse: await accounts('nurse'), billing: await accounts('billing') };
    const doctors = (await q<{ id: number }>("SELECT id FROM staff WHERE hospital_id = ? AND staff_role = 'doctor' AND status = 'active' ORDER BY id", [h.id])).map((r) => Number(r.id));
    const searches = (await q<{ last_name: string; patient_number: string }>('SELECT last_name, patient_number FROM patients WHERE hospital_id = ? ORDER BY RAND(7) LIMIT 200', [h.id])).flatMap((r, i) =>
      i % 4 === 0 ? [r.patient_number] : [r.last_name],
    );
    // Patients in no bed, holding no reservation and owing no uninvoiced charge (a hospital that bills before the final
    // discharge would refuse the nurse's discharge): free to book, admit, discharge or bill.
    const patients = (
      await q<{ id: number }>(
        `SELECT p.id FROM patients p WHERE p.hospital_id = ?
            AND NOT EXISTS (SELECT 1 FROM stays s WHERE s.active_patient_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM bed_bookings k WHERE k.patient_id = p.id AND k.status = 'reserved')
            AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.patient_id = p.id AND c.invoice_id IS NULL)
          ORDER BY p.id LIMIT ?`,
        [h.id, desks.length * PATIENTS_PER_DESK],
      )
    ).map((r) => Number(r.id));
    // Beds free today and held by no reservation from today on.
    const beds = (
      await q<{ id: number }>(
        `SELECT b.id FROM beds b JOIN rooms r ON r.id = b.room_id
          WHERE b.hospital_id = ? AND b.state = 'available' AND r.state = 'available' AND r.room_type <> 'operating_theatre'
            AND NOT EXISTS (SELECT 1 FROM bed_stays bs WHERE bs.occupied_bed_id = b.id)
            AND NOT EXISTS (SELECT 1 FROM bed_bookings k WHERE k.bed_id = b.id AND k.status = 'reserved' AND k.to_date > ?)
          ORDER BY b.id`,
        [h.id, today],
      )
    ).map((r) => Number(r.id));
    const checkIns = (await q<{ id: number }>("SELECT id FROM appointments WHERE hospital_id = ? AND local_date = ? AND status = 'booked' ORDER BY id", [h.id, today])).map((r) => Number(r.id));
    const catalogItems = (await q<{ id: number }>("SELECT id FROM catalog_items WHERE hospital_id = ? AND active = 1 AND category <> 'room' ORDER BY id LIMIT 30", [h.id])).map((r) =>
      Number(r.id),
    );
    const byRole = (role: DeskRole) => desks.filter((i) => ROLE_CYCLE[Math.floor(i / hospitals.length) % ROLE_CYCLE.length] === role);
    const frontDesks = byRole('front_desk');
    const nurses = byRole('nurse');
    const registrations = newcomers.get(h.code)!;
    for (const [k, index] of desks.entries()) {
      const role = ROLE_CYCLE[Math.floor(index / hospitals.length) % ROLE_CYCLE.length];
      const accountsOfRole = users[role];
      if (accountsOfRole.length === 0) throw new Error(`no seeded ${role} account at ${h.code}`);
      const fd = frontDesks.indexOf(index);
      const nu = nurses.indexOf(index);
      workstations.push({
        index,
        role,
        username: accountsOfRole[k % accountsOfRole.length],
        hospitalId: Number(h.id),
        timeZone: h.time_zone,
        searches,
        patients: share(patients, k, desks.length, PATIENTS_PER_DESK),
        doctors,
        checkIns: fd < 0 ? [] : share(checkIns, fd, frontDesks.length, 50),
        beds: nu < 0 ? [] : share(beds, nu, nurses.length, BEDS_PER_NURSE),
        catalogItems,
        registrations: fd < 0 ? [] : share(registrations, fd, frontDesks.length, REGISTRATIONS_PER_DESK),
      });
    }
    say(
      `- ${h.code}: ${desks.length} workstations (${frontDesks.length} front desk, ${nurses.length} ward, ${byRole('billing').length} billing), ${doctors.length} doctors, ` +
        `${beds.length} free beds, ${checkIns.length} appointments booked for today`,
    );
  }
  return { target: { host: target.host, port: target.port, user: target.user, password: target.password, database: target.database }, workstations, thinkMs: THINK_MS, clockOffsetMs: CLOCK_OFFSET_MS };
}

describe(`capacity: ${WORKSTATIONS} workstations on one MariaDB server`, () => {
  let server: ThrowawayServer;
  let conn: mysql.Connection;
  let pid: number;
  let dir: string;
  let workers: Workers | null = null;
  /** One plan file per worker process. */
  let files: string[] = [];

  beforeAll(async () => {
    server = await startThrowawayMariadb({ serverArgs: SERVER_ARGS });
    pid = serverPid(server.dataDir);
    const target = parseDatabaseUrl(`${server.url}/hms_capacity`);
    conn = await mysql.createConnection({ host: target.host, port: target.port, user: target.user, password: target.password });
    await conn.query('CREATE DATABASE hms_capacity CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    const started = performance.now();
    const summary = await seedDatabase(
      target,
      {
        patients: PATIENTS,
        appointments: PATIENTS * 2,
        beds: 120,
        bedBookings: 120 * 6,
        encounters: 2000,
        invoicePdfs: 0,
        payrollRuns: 0,
        rotaWeeksBack: 2,
        seed: 16,
        asOf: localDate(now(), 'Africa/Kampala'),
        clock: now,
      },
      progressPrinter(),
    );
    await conn.query('USE hms_capacity');
    say(
      `- seeded a chain of ${summary.chain.hospitals.length} hospitals in ${((performance.now() - started) / 1000).toFixed(0)} s: ` +
        `${count(summary.rows.patients)} patients, ${count(summary.rows.appointments)} appointments, ${count(summary.rows.stays)} stays, ${count(summary.rows.invoices)} invoices`,
    );
    const plan = await buildPlan(target, conn);
    dir = mkdtempSync(join(tmpdir(), 'hms-capacity-'));
    files = Array.from({ length: PROCESSES }, (_, p) => {
      const file = join(dir, `plan-${p}.json`);
      writeFileSync(file, JSON.stringify({ ...plan, workstations: plan.workstations.filter((w) => w.index % PROCESSES === p) } satisfies CapacityPlan));
      return file;
    });
    const [[settings]] = (await conn.query(
      'SELECT @@max_connections AS max_connections, @@thread_handling AS thread_handling, @@innodb_buffer_pool_size AS pool, @@version AS version',
    )) as unknown as [[{ max_connections: number; thread_handling: string; pool: number; version: string }]];
    say(
      `- server: MariaDB ${settings.version}, max_connections ${settings.max_connections}, thread_handling ${settings.thread_handling}, innodb_buffer_pool_size ${count(Number(settings.pool) / 2 ** 20)} MiB` +
        (process.env.HMS_CAPACITY_SERVER_ARGS ? ` (HMS_CAPACITY_SERVER_ARGS: ${process.env.HMS_CAPACITY_SERVER_ARGS})` : ' (defaults)'),
      `- each workstation: the app's runtime with its default pool (${DEFAULT_POOL_SIZE} connections at most), one signed-in session, the change feed every 2 s and the audit watch; ${PROCESSES} node processes hold them`,
    );
  });

  afterAll(async () => {
    await workers?.stop();
    await conn?.end().catch(() => undefined);
    await server?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
    process.stdout.write(`\n${lines.join('\n')}\n`);
  });

  it(`${WORKSTATIONS} workstations: at rest, signed in and idle, then ${DESK_SECONDS} s at the desks`, async () => {
    const rest = await watch(conn, pid, () => new Promise((r) => setTimeout(r, REST_SECONDS * 1000)));

    let ready: Report[] = [];
    const signIn = await watch(conn, pid, async () => {
      workers = new Workers(files);
      ready = await workers.all();
    });
    const signInMs = ready.flatMap((r) => (r.type === 'ready' ? r.signInMs : []));
    const signInErrors: Record<string, number> = {};
    for (const r of ready) if (r.type === 'ready') for (const [e, n] of Object.entries(r.signInErrors)) signInErrors[e] = (signInErrors[e] ?? 0) + n;
    const fatal = ready.find((r) => r.type === 'fatal');
    if (fatal) throw new Error(fatal.type === 'fatal' ? fatal.message : '');

    let idleReports: Report[] = [];
    const idle = await watch(conn, pid, async () => {
      idleReports = await workers!.all({ type: 'idle', durationMs: IDLE_SECONDS * 1000 });
    });
    let deskReports: Report[] = [];
    const desk = await watch(conn, pid, async () => {
      deskReports = await workers!.all({ type: 'desk', durationMs: DESK_SECONDS * 1000 });
    });
    const results = (rs: Report[]) => merge(rs.flatMap((r) => (r.type === 'phase' ? [r.result] : [])));
    const idleResult = results(idleReports);
    const deskResult = results(deskReports);

    // ---- The desk mix.
    const ops = [...new Set([...Object.keys(deskResult.samples), ...Object.keys(deskResult.errors)])].sort();
    const errorsOf = (op: string) => Object.values(deskResult.errors[op] ?? {}).reduce((a, b) => a + b, 0);
    const pollErrors = Object.values(deskResult.pollErrors).reduce((a, b) => a + b, 0);
    say(
      '',
      `| operation (${WORKSTATIONS} workstations, ${DESK_SECONDS} s, think ${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s) | n | per s | p50 ms | p95 ms | max ms | errors |`,
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...ops.map((op) => {
        const s = deskResult.samples[op] ?? [];
        return `| ${op} | ${count(s.length)} | ${(s.length / desk.seconds).toFixed(1)} | ${stats(s)} | ${errorsOf(op)} |`;
      }),
      `| change-feed poll | ${count(deskResult.polls.length)} | ${(deskResult.polls.length / desk.seconds).toFixed(1)} | ${stats(deskResult.polls)} | ${pollErrors} |`,
      `| sign-in (before the phases) | ${count(signInMs.length)} |  | ${stats(signInMs)} | ${Object.values(signInErrors).reduce((a, b) => a + b, 0)} |`,
      '',
    );
    const distinct = [
      ...Object.entries(deskResult.errors).flatMap(([op, errs]) => Object.entries(errs).map(([e, n]) => `- error in "${op}" ×${n}: ${e}`)),
      ...Object.entries(deskResult.pollErrors).map(([e, n]) => `- error in the change feed ×${n}: ${e}${/too many connections/i.test(e) ? ' (a poll skipped, no error anyone sees: the next poll, 2 s later, reads from where this one would have)' : ''}`),
      ...Object.entries(signInErrors).map(([e, n]) => `- error at sign-in ×${n}: ${e}`),
    ];
    say(...(distinct.length ? distinct : ['- no errors']), '');

    // ---- The server in each phase.
    const row = (name: string, w: Watched, clientCpu: number | null, polls: number | null) =>
      `| ${name} | ${w.seconds.toFixed(0)} | ${w.serverCpu.toFixed(1)} | ${pct(w.serverCpu, w.seconds)} | ${clientCpu === null ? '' : `${clientCpu.toFixed(1)} (${pct(clientCpu, w.seconds)})`} | ${w.peakThreads} | ${w.meanThreads.toFixed(0)} | ${w.peakRunning} | ${count(w.delta.Questions / w.seconds)} | ${polls === null ? '' : (polls / w.seconds).toFixed(1)} | ${w.delta.Connection_errors_max_connections} | ${count(w.delta.Innodb_row_lock_waits)} | ${count(w.delta.Innodb_row_lock_time / 1000)} |`;
    say(
      '| phase | s | server CPU s | server CPU (% of one core) | client CPU s (% of one core) | peak connections | mean connections | peak running | statements/s | feed polls/s | refused (max_connections) | row lock waits | row lock wait s |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      row('server at rest, no workstation', rest, null, null),
      row(`${WORKSTATIONS} workstations signing in`, signIn, null, null),
      row(`${WORKSTATIONS} workstations idle (change feed only)`, idle, idleResult.cpuSeconds, idleResult.polls.length),
      row(`${WORKSTATIONS} workstations at the desks`, desk, deskResult.cpuSeconds, deskResult.polls.length),
      '',
    );
    const [l50, l99, lmax] = deskResult.loopDelayMs;
    say(
      `- event-loop delay in the workstation processes at the desks (the worst process): p50 ${ms(l50)} ms, p99 ${ms(l99)} ms, max ${ms(lmax)} ms — ` +
        `${Math.ceil(WORKSTATIONS / PROCESSES)} workstations share a loop here, where each would have its own computer; a lock held across a statement waits that long too`,
    );
    const waits = [...desk.lockWaits].sort((a, b) => b[1] - a[1]).slice(0, 8);
    say(
      `- row lock waits seen at the desks (sampled once a second, ${count(desk.seconds)} samples): ` +
        (waits.length ? waits.map(([w, n]) => `${w} ×${n}`).join('; ') : 'none'),
    );
    const feedCpu = Math.max(0, idle.serverCpu / idle.seconds - rest.serverCpu / rest.seconds);
    const pollsPerSecond = idleResult.polls.length / idle.seconds;
    say(
      `- change feed alone: ${pollsPerSecond.toFixed(1)} polls/s from ${WORKSTATIONS} idle workstations cost the server ${(100 * feedCpu).toFixed(1)} % of one core above rest ` +
        `(${pollsPerSecond > 0 ? ((1000 * feedCpu) / pollsPerSecond).toFixed(2) : '–'} ms of server CPU per poll); a poll takes p50 ${stats(idleResult.polls).split(' | ')[0]} ms at the workstation; ` +
        `${Object.values(idleResult.pollErrors).reduce((a, b) => a + b, 0)} polls failed while idle`,
      `- peak connections: sampled Threads_connected (every 250 ms, the benchmark's own status connection included); Max_used_connections over the server's life: ${desk.end.Max_used_connections} of max_connections ${await maxConnections(conn)}`,
      `- the machine has ${availableParallelism()} cores: the ${PROCESSES} client processes compete with the server for them, so latencies include waiting for a core. ` +
        `At the desks the machine was busy ${pct(desk.machineCpu, desk.seconds)} of one core: the server ${pct(desk.serverCpu, desk.seconds)}, the workstations ${pct(deskResult.cpuSeconds, desk.seconds)}, ` +
        `everything else (the test runner, other programs) ${pct(Math.max(0, desk.machineCpu - desk.serverCpu - deskResult.cpuSeconds), desk.seconds)}; load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end`,
      '- a run while other programs use the machine is noisy: the machine CPU above says how much else ran; compare runs on a quiet machine',
    );
    expect(signInMs.length + Object.values(signInErrors).reduce((a, b) => a + b, 0)).toBe(WORKSTATIONS);
    expect(deskResult.samples['search patients']?.length ?? 0).toBeGreaterThan(0);
  });
});

async function maxConnections(conn: mysql.Connection): Promise<number> {
  const [[r]] = (await conn.query('SELECT @@max_connections AS m')) as unknown as [[{ m: number }]];
  return Number(r.m);
}
