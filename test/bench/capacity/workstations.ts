// One process of the capacity benchmark: a share of the workstations, each the app's own runtime (its own connection
// pool with the default size, its own sessions, the real handler pipeline), its change feed and audit watch running as
// in the desktop app's main process, and a person at the desk doing the desk's work with think time between steps.
// Started by test/bench/capacity.bench.test.ts with the plan file as argument; talks to it over the IPC channel.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChannelName, Input, Output } from '@shared/contract';
import { localDate } from '@shared/domain/dates';
import type { Result } from '@shared/errors';
import { startAuditWatch } from '../../../src-main/ipc/audit-watch';
import { startChangeFeed } from '../../../src-main/ipc/change-feed';
import { handlerTable } from '../../../src-main/ipc/handler-table';
import { createDispatch, type Dispatch } from '../../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles, type Runtime } from '../../../src-main/ipc/runtime';
import { DEMO_PASSWORD } from '../../../src-main/seed/seed';
import type { CapacityPlan, Command, PhaseResult, Report, WorkstationPlan } from './plan';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8')) as CapacityPlan;

const LOOP_RESOLUTION_MS = 5;
const send = (r: Report) => process.send!(r);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

/** What the current phase has gathered: every workstation of this process writes into it. */
let phase: PhaseResult = emptyPhase();
function emptyPhase(): PhaseResult {
  return { samples: {}, errors: {}, polls: [], pollErrors: {}, cpuSeconds: 0, loopDelayMs: [0, 0, 0] };
}
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(0, 200);

interface Workstation {
  plan: WorkstationPlan;
  runtime: Runtime;
  dispatch: Dispatch;
  window: string;
  stop: () => void;
  /** Its own work, kept between steps: stays it may discharge, the next registration, bed and so on. */
  stays: number[];
  signedIn: boolean;
  next: { registration: number; patient: number; checkIn: number; bed: number };
}

/**
 * One call through the pipeline, timed and filed under `op`: the answer, or null after an error (filed too). An error
 * code in `answered` is part of the desk's flow (the duplicate warning at registration): filed as its own operation.
 */
async function call<K extends ChannelName>(w: Workstation, op: string, channel: K, input: Input<K>, answered: string[] = []): Promise<{ data: unknown } | { code: string }> {
  const t = performance.now();
  let r: Result<unknown>;
  try {
    r = (await w.dispatch(w.window, channel, input)) as Result<unknown>;
  } catch (e) {
    r = { ok: false, error: { code: 'THROWN', message: describe(e) } } as never;
  }
  const took = performance.now() - t;
  if (r.ok) {
    (phase.samples[op] ??= []).push(took);
    return { data: r.data };
  }
  if (answered.includes(r.error.code)) {
    (phase.samples[`${op} (${r.error.code.toLowerCase()} answered)`] ??= []).push(took);
    return { code: r.error.code };
  }
  const errors = (phase.errors[op] ??= {});
  const key = `${r.error.code}: ${r.error.message}`.slice(0, 300);
  errors[key] = (errors[key] ?? 0) + 1;
  return { code: r.error.code };
}
const data = <T>(r: { data: unknown } | { code: string }): T | null => ('data' in r ? (r.data as T) : null);

/** Counts the change feed's polls: the feed swallows its errors (the banner shows an outage), the benchmark does not. */
function watchFeed(runtime: Runtime): void {
  const db = runtime.db;
  const original = db.readLagTolerant.bind(db);
  db.readLagTolerant = (async (work: never, opts: { transaction?: boolean } = {}) => {
    // The feed is the one caller reading a single query outside a transaction; the pipeline's replica reads use one.
    if (opts.transaction !== false) return original(work, opts);
    const t = performance.now();
    try {
      const v = await original(work, opts);
      phase.polls.push(performance.now() - t);
      return v;
    } catch (e) {
      const key = describe(e);
      phase.pollErrors[key] = (phase.pollErrors[key] ?? 0) + 1;
      throw e;
    }
  }) as typeof db.readLagTolerant;
}

async function open(p: WorkstationPlan): Promise<{ w: Workstation; signInMs: number | null; error: string | null }> {
  // The desktop app's main process: createRuntime with the default pool, the change feed and the audit watch.
  const runtime = createRuntime({ envTarget: plan.target, profiles: memoryProfiles(), clock: () => new Date(Date.now() + plan.clockOffsetMs) });
  watchFeed(runtime);
  const dispatch = createDispatch(runtime, handlerTable);
  const stopFeed = startChangeFeed(runtime);
  const stopWatch = startAuditWatch(runtime);
  const w: Workstation = {
    plan: p,
    runtime,
    dispatch,
    window: `ws${p.index}:win1`,
    stop: () => {
      stopFeed();
      stopWatch();
    },
    stays: [],
    signedIn: false,
    next: { registration: 0, patient: 0, checkIn: 0, bed: 0 },
  };
  const t = performance.now();
  const r = (await dispatch(w.window, 'auth.login', { username: p.username, password: DEMO_PASSWORD })) as Result<unknown>;
  w.signedIn = r.ok;
  return { w, signInMs: r.ok ? performance.now() - t : null, error: r.ok ? null : `${r.error.code}: ${r.error.message}` };
}

const nextOf = <K extends keyof Workstation['next']>(w: Workstation, k: K, xs: readonly number[]): number | undefined => xs[w.next[k]++];
const today = (w: Workstation) => localDate(w.runtime.clock(), w.plan.timeZone);

// ---- The desks: what a person there does, step by step, with the weight of each step.

type Step = [weight: number, run: (w: Workstation) => Promise<void>];

const search = async (w: Workstation) => {
  await call(w, 'search patients', 'patients.search', { query: pick(w.plan.searches), hospitalId: w.plan.hospitalId });
};

const FRONT_DESK: Step[] = [
  [4, search],
  [
    1,
    async (w) => {
      const person = w.plan.registrations[w.next.registration++];
      if (!person) return;
      const r = await call(w, 'register patient', 'patients.register', person, ['CONFLICT']);
      // The duplicate warning: the clerk has looked and confirms it is somebody else, as patients.bench does.
      if ('code' in r && r.code === 'CONFLICT') await call(w, 'register patient', 'patients.register', { ...person, acknowledgeDuplicates: true });
    },
  ],
  [
    2,
    async (w) => {
      const patientId = nextOf(w, 'patient', w.plan.patients);
      if (patientId === undefined) return;
      const offers = data<Output<'appointments.nextFree'>>(await call(w, 'next free slots', 'appointments.nextFree', { doctorId: pick(w.plan.doctors), limit: 10 }));
      const all = offers ? [...offers.doctor, ...offers.others] : [];
      if (all.length === 0) return;
      await sleep(1000);
      // Any of the offered slots: desks taking the first would race each other for it.
      const slot = pick(all);
      const booked = data<Output<'appointments.book'>>(await call(w, 'book appointment', 'appointments.book', { patientId, doctorId: slot.doctorId, start: slot.start, reason: 'Capacity benchmark visit' }));
      // Booked for later today: the patient will be checked in at this desk.
      if (booked?.date === today(w)) w.plan.checkIns.push(booked.id);
    },
  ],
  [
    1,
    async (w) => {
      const id = nextOf(w, 'checkIn', w.plan.checkIns);
      if (id !== undefined) await call(w, 'check in', 'appointments.checkIn', { id });
    },
  ],
  [
    2,
    async (w) => {
      await call(w, 'day schedule (board)', 'appointments.daySchedule', { hospitalId: w.plan.hospitalId, date: today(w) });
    },
  ],
];

const WARD: Step[] = [
  [3, async (w) => void (await call(w, 'occupancy board', 'occupancy.board', { hospitalId: w.plan.hospitalId }))],
  [1, search],
  [
    1,
    async (w) => {
      const bedId = nextOf(w, 'bed', w.plan.beds);
      const patientId = nextOf(w, 'patient', w.plan.patients);
      if (bedId === undefined || patientId === undefined) return;
      const stay = data<Output<'admissions.admit'>>(
        await call(w, 'admit to a bed', 'admissions.admit', { patientId, bedId, attendingDoctorId: pick(w.plan.doctors), reason: 'Capacity benchmark admission', expectedDischarge: null }),
      );
      if (stay) w.stays.push(stay.id);
    },
  ],
  [
    0.5,
    async (w) => {
      const stayId = w.stays.shift();
      if (stayId !== undefined) await call(w, 'discharge', 'admissions.discharge', { stayId, note: 'Capacity benchmark discharge' });
    },
  ],
];

const BILLING: Step[] = [
  [2, search],
  [
    2,
    async (w) => {
      const patientId = nextOf(w, 'patient', w.plan.patients);
      if (patientId === undefined) return;
      const charge = data<Output<'charges.add'>>(await call(w, 'add a charge', 'charges.add', { patientId, catalogItemId: pick(w.plan.catalogItems), quantity: 1 }));
      if (!charge) return;
      const draft = data<Output<'invoices.createDraft'>>(await call(w, 'invoice draft', 'invoices.createDraft', { patientId, chargeIds: [charge.id] }));
      if (!draft) return;
      await sleep(1000);
      await call(w, 'issue invoice', 'invoices.issue', { id: draft.id, version: draft.version });
    },
  ],
  [1, async (w) => void (await call(w, 'invoice list', 'invoices.list', { hospitalId: w.plan.hospitalId, query: '', archived: false }))],
];

const DESKS = { front_desk: FRONT_DESK, nurse: WARD, billing: BILLING };

function chooseStep(steps: Step[]): Step[1] {
  const total = steps.reduce((s, [wt]) => s + wt, 0);
  let x = Math.random() * total;
  for (const [wt, run] of steps) {
    x -= wt;
    if (x <= 0) return run;
  }
  return steps[steps.length - 1][1];
}

const think = () => plan.thinkMs[0] + Math.random() * (plan.thinkMs[1] - plan.thinkMs[0]);

async function deskLoop(w: Workstation, until: number): Promise<void> {
  // The desks do not start in step: each begins somewhere within its first think time.
  await sleep(Math.random() * think());
  while (Date.now() < until) {
    // A desk whose sign-in failed (the server refused the connection, say): the person signs in again first.
    if (!w.signedIn) w.signedIn = !!data(await call(w, 'sign in again', 'auth.login', { username: w.plan.username, password: DEMO_PASSWORD }));
    else await chooseStep(DESKS[w.plan.role])(w);
    await sleep(think());
  }
}

async function main(): Promise<void> {
  const opened: Awaited<ReturnType<typeof open>>[] = [];
  // Sign in a few at a time: the password hash is deliberately slow, and this process shares two cores.
  for (let i = 0; i < plan.workstations.length; i += 8) opened.push(...(await Promise.all(plan.workstations.slice(i, i + 8).map(open))));
  const workstations = opened.map((o) => o.w);
  const signInErrors: Record<string, number> = {};
  for (const o of opened) if (o.error) signInErrors[o.error] = (signInErrors[o.error] ?? 0) + 1;
  send({ type: 'ready', workstations: workstations.length, signInMs: opened.flatMap((o) => (o.signInMs === null ? [] : [o.signInMs])), signInErrors });

  process.on('message', (c: Command) => {
    void (async () => {
      if (c.type === 'stop') {
        for (const w of workstations) w.stop();
        await Promise.all(workstations.map((w) => w.runtime.db.close().catch(() => undefined)));
        process.exit(0);
      }
      phase = emptyPhase();
      const cpu = process.cpuUsage();
      const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
      loop.enable();
      const until = Date.now() + c.durationMs;
      if (c.type === 'desk') await Promise.all(workstations.map((w) => deskLoop(w, until)));
      else await sleep(c.durationMs);
      const used = process.cpuUsage(cpu);
      phase.cpuSeconds = (used.user + used.system) / 1e6;
      loop.disable();
      // The histogram holds the timer's whole interval: the lateness is what exceeds the resolution.
      const late = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
      phase.loopDelayMs = [late(loop.percentile(50)), late(loop.percentile(99)), late(loop.max)];
      send({ type: 'phase', phase: c.type, result: phase });
    })().catch((e) => send({ type: 'fatal', message: describe(e) }));
  });
}

main().catch((e) => {
  send({ type: 'fatal', message: describe(e) });
  process.exit(1);
});
