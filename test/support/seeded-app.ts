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


export async function startSeededApp(
  options: SeedOptions & { poolSize?: number; onProgress?: (p: SeedProgress) => void },
): Promise<SeededApp> {
  const db = await createTestDatabase();
  try {
    const summary = await seedDatabase(db.target, options, options.onProgress);
    const runtime = createRuntime({ envTarget: db.target, profiles: memoryProfiles(), poolSize: options.poolSize });
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
      close: async () => {
        await runtime.db.close();
        await db.drop();
      },
    };
  } catch (e) {
    await db.drop();
    throw e;
  }
}
