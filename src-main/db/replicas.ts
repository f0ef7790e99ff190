// Reads that tolerate a little lag (channels declared `replica: true`, the change feed) on a read replica of the primary,
// through TypeORM's replication (a query runner asked for 'slave'); everything else stays on the primary. A workstation
// reads its own writes: before a replica read it waits, briefly, for the replica to reach the primary's GTID position
// after its last write (MASTER_GTID_WAIT), and reads the primary instead when the replica does not get there in time.
// A replica that fails or lags is skipped for a while, and the connection status says so.
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { ReplicaTarget } from './data-source';
import { REPLICA_RETRY_MS } from './data-source';
import { isConnectionError } from './db-errors';

/** How long a replica read waits for the replica to reach the position it must show (seconds, MASTER_GTID_WAIT). */
export const GTID_WAIT_SECONDS = 0.5;
/** How often a replica read first checks that the replica is within GTID_WAIT_SECONDS of the primary's latest commit. */
export const LAG_CHECK_MS = 5_000;
/** A replica that lagged beyond the limit is left aside this long; one that failed, REPLICA_RETRY_MS. */
export const LAG_SKIP_MS = 10_000;
/**
 * A replica that does not answer its first statement of a read within this long (beyond the GTID wait) is taken for
 * hung: a frozen server keeps its TCP connections open, so no connection error ever comes.
 */
export const REPLICA_PROBE_MS = 1_500;
/** A replica read still running after this long is abandoned and the primary answers it (a report is seconds, not this). */
export const REPLICA_READ_MS = 30_000;

/**
 * Server errors that say the replica cannot serve this call: not set up, schema behind, account not there, or the call
 * tried to write (1792: a read-only transaction; 1290: a read-only server; 1142: the account may only read): the
 * primary answers it instead.
 */
const REPLICA_UNFIT = new Set([1044, 1045, 1049, 1054, 1142, 1146, 1290, 1792]);

/** Marks a pooled replica connection whose session is already read-only. */
const READ_ONLY = Symbol('hms.readOnlySession');

interface Skipped {
  until: number;
  reason: string;
}

export interface ReplicaCounts {
  /** Reads a replica answered. */
  replica: number;
  /** Lag-tolerant reads the primary answered (no replica fit to answer). */
  primary: number;
}

export class ReplicaRouter {
  /** The primary's GTID position after this workstation's last write: a replica read waits for it. */
  private ownWrites: string | null = null;
  private lastLagCheck = 0;
  private readonly skipped = new Map<string, Skipped>();
  readonly counts: ReplicaCounts = { replica: 0, primary: 0 };

  constructor(
    readonly replicas: readonly ReplicaTarget[],
    private readonly now: () => number = Date.now,
  ) {}

  /** After a committed write: the primary's position, which this workstation's next replica reads wait for. */
  async noteWrite(ds: DataSource): Promise<void> {
    const [row]: { p: string | null }[] = await ds.query('SELECT @@GLOBAL.gtid_binlog_pos AS p');
    if (row?.p) this.ownWrites = row.p;
  }

  /**
   * Runs a lag-tolerant read on a replica fit to answer it, else on the primary. `transaction`: in a transaction of
   * its own (a channel's call) or as plain statements (the change feed's one query).
   */
  async read<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>, transaction = true): Promise<T> {
    const runner = await this.replicaRunner(ds);
    if (runner) {
      try {
        const reading = transaction ? runner.qr.manager.transaction(work) : work(runner.qr.manager);
        const result = await withinMs(reading, REPLICA_READ_MS, () => hangUp(runner.qr));
        this.counts.replica++;
        return result;
      } catch (e) {
        if (!isReplicaFault(e)) throw e;
        // A call that tried to write is the call's doing, not the replica's: the primary answers it, the replica serves on.
        if (!triedToWrite(e)) this.skip(runner.key, REPLICA_RETRY_MS, faultReason(runner.key, e));
      } finally {
        await runner.qr.release().catch(() => undefined);
      }
    }
    this.counts.primary++;
    return transaction ? ds.transaction(work) : work(ds.manager);
  }

  /** For administrators: the replicas left aside now and why (null: every replica serves). */
  warning(): string | null {
    const now = this.now();
    const reasons = [...this.skipped.values()].filter((s) => s.until > now).map((s) => s.reason);
    if (reasons.length === 0) return null;
    const all = reasons.length >= this.replicas.length;
    return `${reasons.join(' ')} ${all ? 'Reports, boards and searches read from the primary server until it is back.' : 'The other replicas serve the reports and boards.'}`;
  }

  private isSkipped(key: string): boolean {
    const s = this.skipped.get(key);
    if (!s) return false;
    if (s.until > this.now()) return true;
    this.skipped.delete(key);
    return false;
  }

  private skip(key: string, ms: number, reason: string): void {
    if (!this.isSkipped(key)) console.warn(`Hospital Desk: ${reason}`);
    this.skipped.set(key, { until: this.now() + ms, reason });
  }

  /** A query runner on a replica that has what this workstation must see, or null (read the primary). */
  private async replicaRunner(ds: DataSource): Promise<{ qr: QueryRunner; key: string } | null> {
    // The pool cluster hands out replicas in turn: as many tries as there are replicas, skipping those left aside.
    for (let attempt = 0; attempt < this.replicas.length; attempt++) {
      if (this.replicas.every((r) => this.isSkipped(keyOf(r)))) return null;
      const qr = ds.createQueryRunner('slave');
      let key: string;
      let conn: { config?: { host?: string; port?: number }; [READ_ONLY]?: boolean };
      try {
        conn = await qr.connect();
        key = `${conn.config?.host}:${conn.config?.port}`;
      } catch (e) {
        await qr.release().catch(() => undefined);
        if (!isReplicaFault(e) && !isClusterEmpty(e)) throw e;
        const d = (e as { address?: string; port?: number }) ?? {};
        const failed = this.replicas.find((r) => d.port === r.port && (d.address === r.host || !d.address)) ?? null;
        if (failed) this.skip(keyOf(failed), REPLICA_RETRY_MS, faultReason(keyOf(failed), e));
        else if (isClusterEmpty(e)) for (const r of this.replicas) if (!this.isSkipped(keyOf(r))) this.skip(keyOf(r), REPLICA_RETRY_MS, `The read replica ${keyOf(r)} is not answering.`);
        continue;
      }
      if (this.isSkipped(key)) {
        await qr.release();
        continue;
      }
      try {
        // Nothing is ever written on a replica, whatever its account may do: a write fails there (1792) and the
        // primary answers the call instead.
        if (!conn[READ_ONLY]) {
          await withinMs(qr.query('SET SESSION TRANSACTION READ ONLY'), REPLICA_PROBE_MS, () => hangUp(qr));
          conn[READ_ONLY] = true;
        }
        const position = await this.mustReach(ds);
        // Every replica read first hears from the replica within a bound: the GTID wait, or a bare round trip.
        const [row]: { w: number | string | null }[] = await withinMs(
          position ? qr.query('SELECT MASTER_GTID_WAIT(?, ?) AS w', [position, GTID_WAIT_SECONDS]) : qr.query('SELECT 0 AS w'),
          GTID_WAIT_SECONDS * 1000 + REPLICA_PROBE_MS,
          () => hangUp(qr),
        );
        if (Number(row?.w) !== 0) {
          await qr.release();
          this.skip(key, LAG_SKIP_MS, `The read replica ${key} is more than ${GTID_WAIT_SECONDS} s behind the primary.`);
          continue;
        }
      } catch (e) {
        await qr.release().catch(() => undefined);
        if (!isReplicaFault(e)) throw e;
        this.skip(key, REPLICA_RETRY_MS, faultReason(key, e));
        continue;
      }
      return { qr, key };
    }
    return null;
  }

  /** What the replica must have: this workstation's last write, and now and then the primary's latest commit (lag). */
  private async mustReach(ds: DataSource): Promise<string | null> {
    if (this.now() - this.lastLagCheck < LAG_CHECK_MS) return this.ownWrites;
    this.lastLagCheck = this.now();
    const [row]: { p: string | null }[] = await ds.query('SELECT @@GLOBAL.gtid_binlog_pos AS p');
    // The primary's position now includes this workstation's own writes (one GTID domain per primary).
    return row?.p || this.ownWrites;
  }
}

const keyOf = (r: ReplicaTarget) => `${r.host}:${r.port}`;

/** A replica that did not answer in time: reported like a lost connection, so the read falls back to the primary. */
class ReplicaTimeout extends Error {
  readonly code = 'ETIMEDOUT';
}

/**
 * The promise, or a ReplicaTimeout after `ms` (then `onTimeout` runs: the hung connection is closed, and the abandoned
 * statement's late failure is handled here rather than left unhandled).
 */
function withinMs<T>(p: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new ReplicaTimeout(`The read replica did not answer within ${ms} ms`));
    }, ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** Closes a query runner's connection to a hung replica: it leaves the pool, and its statements fail at once. */
function hangUp(qr: QueryRunner): void {
  const conn = (qr as unknown as { databaseConnection?: { destroy?: () => void } }).databaseConnection;
  conn?.destroy?.();
}

function isReplicaFault(e: unknown): boolean {
  if (isConnectionError(e) || isClusterEmpty(e)) return true;
  const d = e as { errno?: number; driverError?: { errno?: number } };
  return REPLICA_UNFIT.has(d.driverError?.errno ?? d.errno ?? 0);
}

/** Refused because it writes: a read-only transaction (1792) or server (1290), an account that may only read (1142). */
function triedToWrite(e: unknown): boolean {
  const d = (e as { driverError?: { errno?: number; message?: string }; errno?: number; message?: string }) ?? {};
  const errno = d.driverError?.errno ?? d.errno;
  const message = String(d.driverError?.message ?? d.message ?? '');
  return errno === 1792 || (errno === 1290 && /read-only|read_only/i.test(message)) || (errno === 1142 && !/^SELECT command denied/i.test(message));
}

/** mysql2's pool cluster has no replica online (each failed to connect within REPLICA_RETRY_MS). */
function isClusterEmpty(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'POOL_NONEONLINE' || code === 'POOL_NOEXIST';
}

function faultReason(key: string, e: unknown): string {
  return isConnectionError(e) || isClusterEmpty(e) ? `The read replica ${key} is not answering.` : `The read replica ${key} cannot serve this database (its schema or account differs from the primary's).`;
}
