// The TypeORM data source: the migration list (explicit: the main process is bundled) and connection options. The
// entity list comes from the caller (features/entities.ts), so the database layer imports no feature.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'mysql2';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { version as packageVersion } from '../../package.json';
import { Foundation1764000000000 } from './migrations/1764000000000-Foundation';
import { Scheduling1764100000000 } from './migrations/1764100000000-Scheduling';
import { Wards1764200000000 } from './migrations/1764200000000-Wards';
import { Shifts1764300000000 } from './migrations/1764300000000-Shifts';
import { Billing1764400000000 } from './migrations/1764400000000-Billing';
import { Clinical1764500000000 } from './migrations/1764500000000-Clinical';
import { Payroll1764600000000 } from './migrations/1764600000000-Payroll';
import { PayrollAdjustments1764700000000 } from './migrations/1764700000000-PayrollAdjustments';
import { Reports1764800000000 } from './migrations/1764800000000-Reports';
import { Imports1764900000000 } from './migrations/1764900000000-Imports';
import { PaymentIdempotency1765000000000 } from './migrations/1765000000000-PaymentIdempotency';
import { ReportSummaries1765100000000 } from './migrations/1765100000000-ReportSummaries';
import { ReportSpeed1765200000000 } from './migrations/1765200000000-ReportSpeed';
import { ReportVisitSummaries1765300000000 } from './migrations/1765300000000-ReportVisitSummaries';
import { ReportPatientDays1765400000000 } from './migrations/1765400000000-ReportPatientDays';
import { AuditAnchors1765500000000 } from './migrations/1765500000000-AuditAnchors';
import { RolePermissions1765600000000 } from './migrations/1765600000000-RolePermissions';
import { ReceiptLayout1765700000000 } from './migrations/1765700000000-ReceiptLayout';
import { SearchNameLetters1765900000000 } from './migrations/1765900000000-SearchNameLetters';
import { SchemaVersions1766050000000 } from './migrations/1766050000000-SchemaVersions';
import { RowLocks1766100000000 } from './migrations/1766100000000-RowLocks';
import { DispensingIdempotency1766200000000 } from './migrations/1766200000000-DispensingIdempotency';

/** The entity classes the data source maps: `ENTITIES` of features/entities.ts (db/ imports no feature). */
export type EntityClasses = NonNullable<DataSourceOptions['entities']>;

/** This build's version (package.json): recorded beside each migration it runs, shown in Settings. */
export const APP_VERSION: string = packageVersion;

/**
 * A migration class may declare `static readonly additive = true` when it only adds (a table, a nullable or defaulted
 * column, an index, a trigger that fills a new table): workstations of the version before it keep working on the schema
 * it leaves, so they are not refused when it has run (db/migrate.ts). Undeclared: not additive.
 */
export type MigrationClass = new () => MigrationInterface;
export const isAdditive = (m: unknown): boolean => (m as { additive?: unknown }).additive === true;

export const MIGRATIONS = [Foundation1764000000000, Scheduling1764100000000, Wards1764200000000, Shifts1764300000000, Billing1764400000000, Clinical1764500000000, Payroll1764600000000, PayrollAdjustments1764700000000, Reports1764800000000, Imports1764900000000, PaymentIdempotency1765000000000, ReportSummaries1765100000000, ReportSpeed1765200000000, ReportVisitSummaries1765300000000, ReportPatientDays1765400000000, AuditAnchors1765500000000, RolePermissions1765600000000, ReceiptLayout1765700000000, SearchNameLetters1765900000000, SchemaVersions1766050000000, RowLocks1766100000000, DispensingIdempotency1766200000000];

export interface DbTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The CA certificate (PEM) the server's TLS certificate must chain to; given, the connection is encrypted and verified. */
  ca?: string;
  /**
   * Read replicas of this (primary) server in MariaDB's GTID replication: the lag-tolerant reads (channels declared
   * `replica: true`, the change feed) go to them, everything else to the primary. Same database name and TLS CA.
   */
  replicas?: ReplicaTarget[];
}

/** A read replica: where it listens and the account the workstation reads with. */
export type ReplicaTarget = Omit<DbTarget, 'replicas'>;

/** `mysql://user:pass@host:port/db` (mariadb:// too); `?ssl-ca=/path/to/ca.pem` connects over TLS checked against that CA. */
export function parseDatabaseUrl(url: string): DbTarget {
  const u = new URL(url);
  if (!/^(mysql|mariadb):$/.test(u.protocol)) throw new Error('HMS_DATABASE_URL must start with mysql:// or mariadb://');
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('HMS_DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/hospital');
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
    ...(u.searchParams.get('ssl-ca') ? { ca: readFileSync(u.searchParams.get('ssl-ca') as string, 'utf8') } : {}),
  };
}

/**
 * The workstation's database from the environment: HMS_DATABASE_URL, and HMS_DATABASE_REPLICA_URLS (comma-separated
 * URLs of its read replicas; a replica URL without a database name reads the primary's database).
 */
export function envDatabaseTarget(env: NodeJS.ProcessEnv = process.env): DbTarget | null {
  const url = env.HMS_DATABASE_URL?.trim();
  const replicaUrls = (env.HMS_DATABASE_REPLICA_URLS ?? '').split(',').map((u) => u.trim()).filter(Boolean);
  if (!url) {
    if (replicaUrls.length) throw new Error('HMS_DATABASE_REPLICA_URLS needs HMS_DATABASE_URL (the primary) beside it');
    return null;
  }
  const primary = parseDatabaseUrl(url);
  if (replicaUrls.length === 0) return primary;
  return { ...primary, replicas: replicaUrls.map((r) => parseReplicaUrl(r, primary)) };
}

function parseReplicaUrl(url: string, primary: DbTarget): ReplicaTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`HMS_DATABASE_REPLICA_URLS: "${url.slice(0, 80)}" is not a URL like mysql://user:pass@replica-host:3306/hospital`);
  }
  if (!/^(mysql|mariadb):$/.test(u.protocol)) throw new Error('HMS_DATABASE_REPLICA_URLS must list mysql:// or mariadb:// URLs');
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || primary.database;
  if (database !== primary.database) throw new Error(`A read replica serves the primary's database "${primary.database}", not "${database}"`);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 3306,
    user: u.username ? decodeURIComponent(u.username) : primary.user,
    password: u.username ? decodeURIComponent(u.password) : primary.password,
    database,
    ...(u.searchParams.get('ssl-ca') ? { ca: readFileSync(u.searchParams.get('ssl-ca') as string, 'utf8') } : primary.ca ? { ca: primary.ca } : {}),
  };
}

/** mysql2's TLS options for a target: verified against its CA certificate, or none (a plain connection). */
export function tlsOptions(t: Pick<DbTarget, 'ca'>): { ssl?: { ca: string; rejectUnauthorized: true } } {
  return t.ca ? { ssl: { ca: t.ca, rejectUnauthorized: true } } : {};
}

/** Options for a plain mysql2 connection to a target (an empty database: none chosen). */
export function connectionOptions(t: DbTarget): ConnectionOptions {
  return {
    host: t.host,
    port: t.port,
    user: t.user,
    password: t.password,
    database: t.database || undefined,
    connectTimeout: CONNECT_TIMEOUT_MS,
    charset: 'utf8mb4_unicode_ci',
    ...tlsOptions(t),
  };
}

export function databaseUrl(t: DbTarget): string {
  const auth = t.password ? `${encodeURIComponent(t.user)}:${encodeURIComponent(t.password)}` : encodeURIComponent(t.user);
  return `mysql://${auth}@${t.host}:${t.port}/${encodeURIComponent(t.database)}`;
}

/** How long a call may wait for the server before it answers DB_UNAVAILABLE. */
export const CONNECT_TIMEOUT_MS = 3000;

/** MariaDB and MySQL differ in how they report column defaults; TypeORM needs to know which it talks to. */
export type ServerFlavor = 'mariadb' | 'mysql';

/**
 * Connections a workstation's pool may hold: each desk runs one call at a time per window, and a chain's server
 * carries hundreds of workstations. Calls beyond it queue (no limit) for the next free connection: no call ever takes
 * a second connection while holding one, so the queue always drains.
 */
export const DEFAULT_POOL_SIZE = 4;
/**
 * Free connections kept beyond a burst: mysql2 closes the rest within a second, and this one too once it has been idle
 * IDLE_TIMEOUT_MS (its sweep runs only while maxIdle < connectionLimit). The change feed's poll keeps it warm while the
 * app is open, so an idle workstation holds one connection, a closed one none.
 */
const MAX_IDLE = 1;
/** Idle connections are closed after this long. */
export const IDLE_TIMEOUT_MS = 60_000;
/**
 * A connection nobody has used for this long since its release is closed (closeIdleConnections): a workstation
 * between two change-feed polls (every 2 s) or two clicks holds none, so a server's connections go to the
 * workstations working at that moment, not to every one that is open. Reconnecting costs a millisecond or two.
 */
export const IDLE_RELEASE_MS = 250;
/** A replica that failed to connect is left out of the pool cluster for this long, then tried again. */
export const REPLICA_RETRY_MS = 30_000;

export interface PoolOptions {
  /** Idle connections are closed after this long (tests shorten it). */
  idleTimeoutMs?: number;
  /** A released connection not used again within this long is closed (closeIdleConnections); default IDLE_RELEASE_MS. */
  idleReleaseMs?: number;
  /** The migrations this data source knows (tests stand in for an older or newer build); default MIGRATIONS. */
  migrations?: MigrationClass[];
}

export function createDataSource(t: DbTarget, entities: EntityClasses, poolSize = DEFAULT_POOL_SIZE, flavor: ServerFlavor = 'mariadb', opts: PoolOptions = {}): DataSource {
  const server = { host: t.host, port: t.port, username: t.user, password: t.password, database: t.database };
  const replicas = t.replicas ?? [];
  return new DataSource({
    type: flavor,
    ...(replicas.length
      ? {
          // TypeORM's replication: a mysql2 pool cluster (MASTER, SLAVE0…); only a query runner asked for 'slave'
          // reads a replica (db/replicas.ts), every other query and transaction goes to the primary.
          replication: {
            master: server,
            // A replica serves short reads only: its pool is at most 4 connections.
            slaves: replicas.map((r) => ({ host: r.host, port: r.port, username: r.user, password: r.password, database: t.database, poolSize: Math.min(poolSize, 4) })),
            defaultMode: 'master',
            selector: 'RR',
            canRetry: true,
            removeNodeErrorCount: 1,
            restoreNodeTimeout: REPLICA_RETRY_MS,
          },
        }
      : server),
    entities,
    migrations: opts.migrations ?? MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    dateStrings: ['DATE'],
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: CONNECT_TIMEOUT_MS,
    poolSize,
    ...tlsOptions(t),
    // Beyond poolSize a call waits its turn (queueLimit 0: no limit) rather than failing.
    extra: { enableKeepAlive: true, waitForConnections: true, queueLimit: 0, maxIdle: MAX_IDLE, idleTimeout: opts.idleTimeoutMs ?? IDLE_TIMEOUT_MS },
  });
}

/** The parts of a mysql2 pool closeIdleConnections uses (mysql2 declares no types for them). */
interface Mysql2Pool {
  on(event: 'release', listener: (connection: Mysql2PoolConnection) => void): void;
  _freeConnections: { length: number; get(i: number): Mysql2PoolConnection };
  _closed: boolean;
}
interface Mysql2PoolConnection {
  lastActiveTime: number;
  destroy(): void;
}

/**
 * Closes every connection of an initialised data source's pools that is not used again within `ms` of its release.
 * mysql2's own sweep (maxIdle, idleTimeout) looks once a second and keeps maxIdle connections, so a workstation that
 * polls every 2 s would hold one for good; this closes it between polls.
 */
export function closeIdleConnections(ds: DataSource, ms: number = IDLE_RELEASE_MS): void {
  const driver = ds.driver as unknown as { pool?: Mysql2Pool; poolCluster?: { _nodes?: Record<string, { pool: Mysql2Pool }> } };
  const pools = driver.pool ? [driver.pool] : Object.values(driver.poolCluster?._nodes ?? {}).map((n) => n.pool);
  for (const pool of pools) {
    const check = (connection: Mysql2PoolConnection): void => {
      if (pool._closed) return;
      // Still free (not taken again meanwhile)? mysql2 hands free connections out from this list only.
      let free = false;
      for (let i = 0; i < pool._freeConnections.length; i++) if (pool._freeConnections.get(i) === connection) free = true;
      if (!free) return;
      // A timer may fire a millisecond before Date.now() says it is due: look again rather than keep the connection.
      const idle = Date.now() - connection.lastActiveTime;
      if (idle >= ms) connection.destroy();
      else setTimeout(() => check(connection), ms - idle + 1).unref();
    };
    pool.on('release', (connection) => setTimeout(() => check(connection), ms).unref());
  }
}
