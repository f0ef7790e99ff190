// Running the migrations: one workstation at a time (a named lock), each recorded with the app version that ran it and
// whether it only adds; a workstation older than the schema is refused unless what it does not know only adds.
import { MigrationExecutor, type DataSource, type QueryRunner } from 'typeorm';
import { AppError } from '@shared/errors';
import { APP_VERSION, isAdditive } from './data-source';

/** Anything that runs a query: a query runner, a data source. */
interface Queryable {
  query(sql: string, args?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- rows typed where they are read
}

/** A migration row as the migrations table holds it (app_version and additive: from SchemaVersions1766050000000 on). */
export interface AppliedMigration {
  name: string;
  timestamp: number;
  /** The Hospital Desk version that ran it; null for those run before versions were recorded. */
  appVersion: string | null;
  additive: boolean;
}

/** The schema's newest migration and the app version that ran it: shown in Settings. */
export interface SchemaVersion {
  migration: string;
  appVersion: string | null;
}

/** The migration names this data source knows, in order (its build's MIGRATIONS). */
export function knownMigrations(ds: DataSource): string[] {
  return ds.migrations.map((m) => m.name ?? m.constructor.name);
}

/** The migrations table as it stands, oldest first; [] when there is none yet. */
export async function appliedMigrations(q: Queryable): Promise<AppliedMigration[]> {
  const rows: { name: string; timestamp: number | string; app_version?: string | null; additive?: number | string }[] = await q.query(
    (await recordsVersions(q)) ? 'SELECT name, timestamp, app_version, additive FROM migrations ORDER BY timestamp, id' : 'SELECT name, timestamp FROM migrations ORDER BY timestamp, id',
  );
  return rows.map((r) => ({ name: r.name, timestamp: Number(r.timestamp), appVersion: r.app_version ?? null, additive: Number(r.additive ?? 0) === 1 }));
}

/** The migrations table has the columns SchemaVersions1766050000000 added. */
async function recordsVersions(q: Queryable): Promise<boolean> {
  const [{ n }]: { n: number | string }[] = await q.query(
    "SELECT COUNT(*) AS n FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'migrations' AND COLUMN_NAME = 'app_version'",
  );
  return Number(n) > 0;
}

/**
 * Refuses a database a newer Hospital Desk upgraded with a migration this build does not know and that does more than
 * add: this workstation's queries would not fit it. Unknown additive migrations leave it working.
 */
/** A workstation older than the database's schema: it must be updated, and everyone at it should be told so. */
export class NewerSchemaError extends AppError {}

export function refuseNewerSchema(applied: AppliedMigration[], known: string[]): void {
  const knownSet = new Set(known);
  const unknown = applied.filter((a) => !knownSet.has(a.name));
  const breaking = unknown.filter((a) => !a.additive);
  if (breaking.length === 0) return;
  const newest = unknown[unknown.length - 1];
  const version = [...unknown].reverse().find((a) => a.appVersion)?.appVersion;
  throw new NewerSchemaError(
    'DB_UNAVAILABLE',
    version
      ? `This database was upgraded by Hospital Desk ${version}. Update this workstation to version ${version}.`
      : `This database was upgraded by a newer Hospital Desk (schema ${newest.name}). Update this workstation to the newest version.`,
  );
}

/** The newest migration the database holds, with the version that ran it (null: no schema yet). */
export function newestOf(applied: AppliedMigration[]): SchemaVersion | null {
  const last = applied[applied.length - 1];
  return last ? { migration: last.name, appVersion: last.appVersion } : null;
}

/**
 * Runs pending migrations under a server-wide lock (two workstations starting at once), refusing a newer schema that
 * does more than add. All on the lock's one connection: a pool of one or two suffices.
 */
export async function migrate(ds: DataSource, opts: { appVersion?: string } = {}): Promise<string[]> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [{ got }] = await runner.query(`SELECT GET_LOCK(CONCAT(DATABASE(), '.migrate'), 60) AS got`);
    if (Number(got) !== 1) throw new AppError('DB_UNAVAILABLE', 'Another workstation is upgrading the database; try again in a minute.');
    try {
      if (await runner.hasTable('migrations')) refuseNewerSchema(await appliedMigrations(runner), knownMigrations(ds));
      const executor = new MigrationExecutor(ds, runner);
      executor.transaction = 'each';
      const ran = await executor.executePendingMigrations();
      if (ran.length > 0) await recordVersions(runner, ds, ran.map((m) => m.name), opts.appVersion ?? APP_VERSION);
      return ran.map((m) => m.name);
    } finally {
      await runner.query(`SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.migrate'))`);
    }
  } finally {
    await runner.release();
  }
}

/** Beside each migration just run: this build's version and whether the migration only adds (for older workstations). */
async function recordVersions(runner: QueryRunner, ds: DataSource, names: string[], appVersion: string): Promise<void> {
  // A data source whose migrations stop before SchemaVersions1766050000000 (a test's older build) has nowhere to record.
  if (!(await recordsVersions(runner))) return;
  for (const name of names) {
    const m = ds.migrations.find((x) => (x.name ?? x.constructor.name) === name);
    await runner.query('UPDATE migrations SET app_version = ?, additive = ? WHERE name = ?', [appVersion, m && isAdditive(m.constructor) ? 1 : 0, name]);
  }
}
