// The handler pipeline in-process over a fresh database filled by the demo-data generator, signed in with its accounts.
import type { Input } from '@shared/contract';
import { handlerTable } from '../../src-main/ipc/handler-table';
import { createDispatch, type Dispatch } from '../../src-main/ipc/pipeline';
import { createRuntime, memoryProfiles, type Runtime } from '../../src-main/ipc/runtime';
import { DEMO_PASSWORD, seedDatabase, type SeedOptions, type SeedProgress, type SeedSummary } from '../../src-main/seed/seed';
import { deskOn, type Desk } from './app';
import { createTestDatabase, type TestDatabase } from './test-db';

export interface SeededApp {
  db: TestDatabase;
  summary: SeedSummary;
  runtime: Runtime;
  dispatch: Dispatch;
  /** A new window (workstation) with no session. */
  desk(name?: string): Desk;
  /** A seeded account signed in on a new window. */
  signIn(username: string, password?: string): Promise<Desk>;
  hospitalId(code: string): number;
  close(): Promise<void>;
}


/**
 * An app on a database the demo-data generator filled earlier (kept, never dropped): benchmarks measured again on the
 * same data without seeding it again. The summary holds what can be read back: rows per table, the hospitals, the
 * appointments' days (step timings are 0).
 */
export async function openSeededApp(database: string, options: { poolSize?: number } = {}): Promise<SeededApp> {
  const db = await createTestDatabase(undefined, database);
  const count = async (table: string) => Number((await db.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const rows: Record<string, number> = {};
  for (const t of ['patients', 'appointments', 'stays', 'invoices', 'payments', 'shift_assignments']) rows[t] = await count(t);
  const hospitals = await db.sql<{ id: number; code: string }>('SELECT id, code FROM hospitals ORDER BY id');
  const [span] = await db.sql<{ first: string | null; last: string | null }>('SELECT MIN(local_date) AS first, MAX(local_date) AS last FROM appointments');
  const summary = {
    database,
    rows,
    chain: { hospitals: hospitals.map((h) => ({ id: Number(h.id), code: h.code })) },
    appointmentsFrom: span.first,
    appointmentsTo: span.last,
    patientSeconds: 0,
    appointmentSeconds: 0,
    wardSeconds: 0,
    rotaSeconds: 0,
    billingSeconds: 0,
    clinicalSeconds: 0,
    payrollSeconds: 0,
  } as unknown as SeedSummary;
  const runtime = createRuntime({ envTarget: db.target, profiles: memoryProfiles(), poolSize: options.poolSize });
  return appOn(db, summary, runtime, async () => {
    await runtime.db.close();
    await db.drop({ keep: true });
  });
}

export async function startSeededApp(
  options: SeedOptions & { poolSize?: number; onProgress?: (p: SeedProgress) => void },
): Promise<SeededApp> {
  const db = await createTestDatabase();
  try {
    const summary = await seedDatabase(db.target, options, options.onProgress);
    const runtime = createRuntime({ envTarget: db.target, profiles: memoryProfiles(), poolSize: options.poolSize });
    return appOn(db, summary, runtime, async () => {
      await runtime.db.close();
      await db.drop();
    });
  } catch (e) {
    await db.drop();
    throw e;
  }
}

function appOn(db: TestDatabase, summary: SeedSummary, runtime: Runtime, close: () => Promise<void>): SeededApp {
  const dispatch = createDispatch(runtime, handlerTable);
  return {
    db,
    summary,
    runtime,
    dispatch,
    desk: (name) => deskOn(dispatch, name),
    signIn: async (username, password = DEMO_PASSWORD) => {
      const d = deskOn(dispatch);
      await d.ok('auth.login', { username, password } satisfies Input<'auth.login'>);
      return d;
    },
    hospitalId: (code) => {
      const h = summary.chain.hospitals.find((x) => x.code === code);
      if (!h) throw new Error(`no seeded hospital ${code}`);
      return h.id;
    },
    close,
  };
}
