// The one live database of this process: connects lazily, creates and migrates the schema, notices outages and recovers.
import mysql from 'mysql2/promise';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '@shared/errors';
import type { ConnectionStatus } from '@shared/contract/setup';
import { canCreateDatabase, canMigrate, excessRights, missingRights, provisionDatabase, readAccountRights, type AccountRights, type ProvisionOptions, type ProvisionResult } from './accounts';
import { APP_VERSION, closeIdleConnections, connectionOptions, createDataSource, DEFAULT_POOL_SIZE, type DbTarget, type EntityClasses, type PoolOptions, type ServerFlavor } from './data-source';
import { describeDbError, isConnectionError } from './db-errors';
import { appliedMigrations, knownMigrations, migrate, NewerSchemaError, newestOf, refuseNewerSchema, type SchemaVersion } from './migrate';
import { ReplicaRouter } from './replicas';

export { migrate } from './migrate';

export type TargetSource = 'env' | 'profile';

/**
 * Who may change a configured workstation's connection while its database cannot be reached: an administrator's user
 * name and password hash (the scrypt hash of the users table), kept with the profile on this workstation.
 */
export interface ProfileGuard {
  username: string;
  passwordHash: string;
}

export interface ProfileStore {
  load(): Promise<DbTarget | null>;
  save(target: DbTarget): Promise<void>;
  loadGuard(): Promise<ProfileGuard | null>;
  saveGuard(guard: ProfileGuard): Promise<void>;
}

/** After a failed connect, calls within this window fail at once instead of waiting for the server again. */
const RETRY_AFTER_MS = 1000;

export class Database {
  private ds: DataSource | null = null;
  private connecting: Promise<DataSource> | null = null;
  private lastFailureAt = 0;
  private lastMessage: string | null = null;
  /** The last connect found a schema this build is too old for (refuseNewerSchema). */
  private newerSchema = false;
  private serverVersion: string | null = null;
  /** The connected database's newest migration and the app version that ran it. */
  private schema: SchemaVersion | null = null;
  /** For administrators: the connected account may do more than the app needs, or lacks what it needs (why it failed). */
  private accountWarning: string | null = null;
  private target: DbTarget | null = null;
  private source: TargetSource | null = null;
  /** The target's read replicas, when it has any: where lag-tolerant reads go. */
  private replicas: ReplicaRouter | null = null;

  constructor(
    /** What the data source maps: features/entities.ts, given by whoever builds the runtime. */
    private readonly entities: EntityClasses,
    private readonly envTarget: DbTarget | null,
    private readonly profiles: ProfileStore,
    private readonly onChange: (connected: boolean, message: string | null) => void = () => {},
    private readonly poolSize = DEFAULT_POOL_SIZE,
    /** Idle timeout, and the migrations this build knows (tests stand in for an older build). */
    private readonly poolOptions: PoolOptions = {},
  ) {}

  async status(probe = false): Promise<ConnectionStatus> {
    const target = await this.currentTarget();
    if (!target) {
      return { source: 'none', connected: false, host: null, port: null, user: null, database: null, serverVersion: null, message: null, needsAdminPassword: false, accountWarning: null, needsUpgrade: false, replicaWarning: null, appVersion: APP_VERSION, schemaVersion: null };
    }
    if (probe) {
      try {
        const ds = await this.dataSource();
        await ds.query('SELECT 1');
      } catch (e) {
        if (this.ds && isConnectionError(e)) await this.markDown(e);
      }
    }
    return {
      source: this.source ?? 'none',
      connected: this.ds !== null,
      host: target.host,
      port: target.port,
      user: target.user,
      database: target.database,
      serverVersion: this.serverVersion,
      message: this.ds ? null : this.lastMessage,
      needsAdminPassword: false,
      accountWarning: this.accountWarning,
      needsUpgrade: !this.ds && this.lastMessage === NEEDS_UPGRADE_MESSAGE,
      needsNewerApp: !this.ds && this.newerSchema,
      replicaWarning: this.ds ? (this.replicas?.warning() ?? null) : null,
      appVersion: APP_VERSION,
      schemaVersion: this.ds ? describeSchema(this.schema) : null,
    };
  }

  /**
   * A read that tolerates a little lag (a channel declared `replica: true`, the change feed): on a read replica that
   * has this workstation's own writes, else on the primary (db/replicas.ts). `transaction: false` for a single query.
   */
  async readLagTolerant<T>(work: (em: EntityManager) => Promise<T>, opts: { transaction?: boolean } = {}): Promise<T> {
    const ds = await this.dataSource();
    const transaction = opts.transaction ?? true;
    if (this.replicas) return this.replicas.read(ds, work, transaction);
    return transaction ? ds.transaction(work) : work(ds.manager);
  }

  /** After a committed write: remember the primary's position, so this workstation's replica reads show the write. */
  async noteWrite(): Promise<void> {
    if (!this.replicas || !this.ds) return;
    // A failure here costs read-your-writes nothing: the next lag check reads the primary's position anyway.
    await this.replicas.noteWrite(this.ds).catch(() => undefined);
  }

  /** Reads served by replicas and by the primary instead (the README's figures, the replica test). */
  replicaCounts(): { replica: number; primary: number } | null {
    return this.replicas ? { ...this.replicas.counts } : null;
  }

  async isConfigured(): Promise<boolean> {
    return (await this.currentTarget()) !== null;
  }

  /** The connected data source, or DB_UNAVAILABLE with a sentence that says why. */
  async dataSource(): Promise<DataSource> {
    if (this.ds) return this.ds;
    if (this.connecting) return this.connecting;
    if (Date.now() - this.lastFailureAt < RETRY_AFTER_MS && this.lastMessage) {
      throw new AppError('DB_UNAVAILABLE', this.lastMessage);
    }
    this.connecting = this.connect().finally(() => (this.connecting = null));
    return this.connecting;
  }

  /** Called by the pipeline when a query failed because the server went away: start afresh next time. */
  async markDown(error: unknown): Promise<void> {
    const ds = this.ds;
    this.ds = null;
    this.lastFailureAt = Date.now();
    this.lastMessage = describeDbError(error);
    this.onChange(false, this.lastMessage);
    if (ds) await ds.destroy().catch(() => undefined);
  }

  /** Checks credentials and reachability without touching the live connection. */
  async test(target: DbTarget): Promise<{ serverVersion: string; databaseExists: boolean }> {
    let conn: mysql.Connection | null = null;
    try {
      conn = await mysql.createConnection({ ...baseOptions(target), database: undefined });
      const [[v]] = (await conn.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
      const [rows] = (await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [target.database])) as unknown as [unknown[]];
      return { serverVersion: v.v, databaseExists: rows.length > 0 };
    } catch (e) {
      throw new AppError('DB_UNAVAILABLE', describeDbError(e));
    } finally {
      await conn?.end().catch(() => undefined);
    }
  }

  /**
   * Sets up a new database on a server with its administrator account (used for this only, never kept): the owner and
   * application accounts, the schema; the application account becomes this workstation's saved profile.
   */
  async provision(admin: Omit<DbTarget, 'database'>, opts: ProvisionOptions): Promise<ProvisionResult> {
    let result: ProvisionResult;
    try {
      result = await provisionDatabase(admin, opts, this.entities);
    } catch (e) {
      if (e instanceof AppError) throw e;
      const code = (e as { code?: string }).code;
      if (code === 'ER_SPECIFIC_ACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR' || code === 'ER_TABLEACCESS_DENIED_ERROR') {
        throw new AppError('FORBIDDEN', 'This server account may not create databases and accounts: use the server’s administrator account (root).');
      }
      if (code === 'ER_ACCESS_DENIED_ERROR') throw new AppError('DB_UNAVAILABLE', 'The database server refused the administrator’s user name or password.');
      if (isConnectionError(e)) throw new AppError('DB_UNAVAILABLE', describeDbError(e));
      throw e;
    }
    if (result.app.password === null) throw new AppError('CONFLICT', `The account ${result.app.user} already exists: give its password, or another account name.`);
    await this.saveProfile({ ...result.app, password: result.app.password });
    return result;
  }

  /**
   * Upgrades the schema of the configured database as its owner (credentials typed by an administrator, not kept);
   * the next call connects with the workstation's own account again.
   */
  async upgrade(owner: { user: string; password: string }): Promise<string[]> {
    const target = await this.currentTarget();
    if (!target) throw new AppError('DB_UNAVAILABLE', 'No database connection is configured yet.');
    const ownerTarget = { ...target, user: owner.user, password: owner.password };
    let ds: DataSource | null = null;
    try {
      const { flavor, rights } = await prepareAccount(ownerTarget);
      if (!canMigrate(rights)) throw new AppError('FORBIDDEN', 'This account may not upgrade the database: give the owner account that `npm run db:provision` created.');
      ds = await createDataSource(ownerTarget, this.entities, 2, flavor, { migrations: this.poolOptions.migrations }).initialize(); // migrate() holds one connection for its lock
      const ran = await migrate(ds);
      this.lastFailureAt = 0;
      this.lastMessage = null;
      return ran;
    } catch (e) {
      if (e instanceof AppError) throw e;
      if ((e as { code?: string }).code === 'ER_ACCESS_DENIED_ERROR') throw new AppError('FORBIDDEN', 'The database refused the owner account’s user name or password.');
      throw new AppError('DB_UNAVAILABLE', describeDbError(e));
    } finally {
      if (ds?.isInitialized) await ds.destroy().catch(() => undefined);
    }
  }

  /** Switches to a new saved profile (the connection screen); the env URL, when set, always wins. */
  async saveProfile(target: DbTarget): Promise<void> {
    await this.test(target);
    await this.profiles.save(target);
    await this.close();
    this.lastFailureAt = 0;
    this.lastMessage = null;
  }

  /** The administrator who guards this workstation's saved profile (null: none yet, or the env URL configures it). */
  async profileGuard(): Promise<ProfileGuard | null> {
    return this.envTarget ? null : this.profiles.loadGuard();
  }

  async setProfileGuard(guard: ProfileGuard): Promise<void> {
    if (!this.envTarget) await this.profiles.saveGuard(guard);
  }

  async close(): Promise<void> {
    const ds = this.ds;
    this.ds = null;
    if (ds) await ds.destroy().catch(() => undefined);
  }

  private async currentTarget(): Promise<DbTarget | null> {
    if (this.envTarget) {
      this.source = 'env';
      this.target = this.envTarget;
    } else {
      this.target = await this.profiles.load();
      this.source = this.target ? 'profile' : null;
    }
    return this.target;
  }

  private async connect(): Promise<DataSource> {
    const target = await this.currentTarget();
    if (!target) throw new AppError('DB_UNAVAILABLE', 'No database connection is configured yet.');
    let ds: DataSource | null = null;
    this.accountWarning = null;
    try {
      const { flavor, rights } = await prepareAccount(target);
      ds = createDataSource(target, this.entities, this.poolSize, flavor, this.poolOptions);
      await ds.initialize();
      closeIdleConnections(ds, this.poolOptions.idleReleaseMs);
      // An account that owns the schema (development, tests, the owner) upgrades it; the application account cannot.
      if (canMigrate(rights)) await migrate(ds);
      else await requireCurrentSchema(ds);
      this.schema = newestOf(await appliedMigrations(ds));
      const tables = ds.entityMetadatas.filter((m) => m.tableType !== 'view').map((m) => m.tableName);
      const missing = missingRights(rights, [...new Set([...tables, 'migrations'])]);
      if (missing.length) {
        this.accountWarning = `The database account ${rights.account} lacks rights Hospital Desk needs (${missing.slice(0, 5).join('; ')}${missing.length > 5 ? '; …' : ''}): an administrator re-runs \`npm run db:provision\`.`;
        throw new AppError('DB_UNAVAILABLE', 'The database account lacks rights this version of Hospital Desk needs: an administrator re-applies them with `npm run db:provision`.');
      }
      const excess = excessRights(rights);
      this.accountWarning = excess.length
        ? `The database account ${rights.account} may do more than Hospital Desk needs (${excess.join('; ')}): configure workstations with the application account that \`npm run db:provision\` creates.`
        : null;
      const [{ v }] = await ds.query('SELECT VERSION() AS v');
      this.serverVersion = v;
      this.replicas = target.replicas?.length ? new ReplicaRouter(target.replicas) : null;
      this.ds = ds;
      this.lastMessage = null;
      this.onChange(true, null);
      return ds;
    } catch (e) {
      if (ds?.isInitialized) await ds.destroy().catch(() => undefined);
      this.lastFailureAt = Date.now();
      this.newerSchema = e instanceof NewerSchemaError;
      this.lastMessage = e instanceof AppError ? e.message : describeDbError(e);
      this.onChange(false, this.lastMessage);
      throw e instanceof AppError ? e : new AppError('DB_UNAVAILABLE', this.lastMessage);
    }
  }
}

function baseOptions(t: DbTarget): mysql.ConnectionOptions {
  return connectionOptions(t);
}

/**
 * Before the data source opens: what the account may do, and the database created if it is missing and the account
 * may create it (development, tests); an application account is told to have it provisioned instead.
 */
async function prepareAccount(t: DbTarget): Promise<{ flavor: ServerFlavor; rights: AccountRights }> {
  const conn = await mysql.createConnection({ ...baseOptions(t), database: undefined });
  try {
    const [[{ v }]] = (await conn.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
    const rights = await readAccountRights(conn, t.database);
    const [rows] = (await conn.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [t.database])) as unknown as [unknown[]];
    if (rows.length === 0) {
      if (!canCreateDatabase(rights)) {
        throw new AppError('DB_UNAVAILABLE', 'The database does not exist, or this account has no rights on it: an administrator sets it up with `npm run db:provision`.');
      }
      await conn.query(`CREATE DATABASE IF NOT EXISTS \`${t.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    return { flavor: /mariadb/i.test(v) ? 'mariadb' : 'mysql', rights };
  } finally {
    await conn.end().catch(() => undefined);
  }
}

export const NEEDS_UPGRADE_MESSAGE =
  'The database needs upgrading to this version of Hospital Desk: an administrator runs `npm run db:migrate` with the owner account.';

/**
 * For an account that cannot migrate: the schema must have every migration of this version, and none it does not know
 * unless that one only adds (a newer workstation's additive upgrade), else the error says who must act.
 */
async function requireCurrentSchema(ds: DataSource): Promise<void> {
  let applied: Awaited<ReturnType<typeof appliedMigrations>>;
  try {
    applied = await appliedMigrations(ds);
  } catch (e) {
    if (isConnectionError(e)) throw e;
    throw new AppError('DB_UNAVAILABLE', 'The database has not been set up for Hospital Desk: an administrator runs `npm run db:provision`.');
  }
  refuseNewerSchema(applied, knownMigrations(ds));
  const done = new Set(applied.map((a) => a.name));
  if (knownMigrations(ds).some((m) => !done.has(m))) throw new AppError('DB_UNAVAILABLE', NEEDS_UPGRADE_MESSAGE);
}

/** "SchemaVersions1766050000000 (Hospital Desk 0.1.0)": the newest migration and the version that ran it. */
function describeSchema(s: SchemaVersion | null): string | null {
  if (!s) return null;
  return s.appVersion ? `${s.migration} (Hospital Desk ${s.appVersion})` : s.migration;
}

/** First start against an empty server: create the database with the right character set. Tells MariaDB from MySQL. */
export async function ensureDatabase(t: DbTarget): Promise<ServerFlavor> {
  const conn = await mysql.createConnection({ ...baseOptions(t), database: undefined });
  try {
    const [[{ v }]] = (await conn.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${t.database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    return /mariadb/i.test(v) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end().catch(() => undefined);
  }
}

