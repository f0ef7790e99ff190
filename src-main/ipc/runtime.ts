// What every call can reach besides its own transaction: the database, sessions, events and the clock.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database, type ProfileGuard, type ProfileStore } from '../db/database';
import type { DbTarget } from '../db/data-source';
import { EmbeddedServer, embeddedProfiles } from '../db/embedded';
import type { AuditWitness, WorkstationStore } from '../db/workstation';
import { ENTITIES } from '../features/entities';
import { AnnouncedEntries } from './changes';
import { EventHub } from './events';
import { SessionStore } from './sessions';

export interface Runtime {
  db: Database;
  sessions: SessionStore;
  events: EventHub;
  /** The only wall clock services see; tests move it. */
  clock: () => Date;
  /** Audit entries whose changes this process already sent to its windows. */
  announced: AnnouncedEntries;
  /** Where CSV exports are saved: the user's Downloads folder in the desktop app, a temporary folder elsewhere. */
  exportsDir: string;
  /** This workstation's own settings outside the database (the audit witness). */
  workstation: WorkstationStore;
  /** Where the connection profile is saved (what setup reads of it: the replicas, whether it is "Only this computer"). */
  profiles: ProfileStore;
  /** "Only this computer": the private MariaDB server, where this process may run one (the app, the harness on request). */
  embedded: EmbeddedServer | null;
}

export function createRuntime(opts: {
  envTarget: DbTarget | null;
  profiles: ProfileStore;
  clock?: () => Date;
  poolSize?: number;
  exportsDir?: string;
  workstation?: WorkstationStore;
  /** Where the private server of "Only this computer" keeps its data (the app's user-data folder); none: not offered. */
  embeddedDir?: string;
  /** Where a packaged build carries MariaDB's binaries (process.resourcesPath; resources/mariadb/bin). */
  resourcesPath?: string;
}): Runtime {
  const events = new EventHub();
  const embedded = opts.embeddedDir ? new EmbeddedServer({ baseDir: opts.embeddedDir, resourcesPath: opts.resourcesPath, entities: ENTITIES }) : null;
  // A profile that says "Only this computer" starts the private server before the connection is made.
  const profiles = embedded ? embeddedProfiles(opts.profiles, embedded) : opts.profiles;
  const db = new Database(ENTITIES, opts.envTarget, profiles, (connected, message) => events.emit('connection.changed', { connected, message }), opts.poolSize);
  const exportsDir = opts.exportsDir ?? process.env.HMS_EXPORTS_DIR ?? join(tmpdir(), 'hospital-desk-exports');
  return { db, sessions: new SessionStore(), events, clock: opts.clock ?? (() => new Date()), announced: new AnnouncedEntries(), exportsDir, workstation: opts.workstation ?? memoryWorkstation(), profiles, embedded };
}

/** A profile store that keeps the connection in memory only (harness, tests, CLI). */
export function memoryProfiles(initial: DbTarget | null = null): ProfileStore {
  let saved = initial;
  let guard: ProfileGuard | null = null;
  return {
    load: async () => saved,
    save: async (t) => {
      saved = t;
    },
    loadGuard: async () => guard,
    saveGuard: async (g) => {
      guard = g;
    },
  };
}

/** A workstation store in memory only (harness, tests, CLI): the witness lasts as long as the process. */
export function memoryWorkstation(initial: AuditWitness | null = null): WorkstationStore {
  let witness = initial;
  return {
    loadWitness: async () => witness,
    saveWitness: async (w) => {
      witness = w;
    },
  };
}
