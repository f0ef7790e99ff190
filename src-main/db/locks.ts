// Row locks taken one way: the rows of one table, by primary key, always in ascending key order; and named locks for
// a rule that has no row to lock.
//
// Every lock is also a write (the lock-as-write rule). On one server `SELECT … FOR UPDATE` makes two desks take turns;
// on a Galera cluster that lock is local to the node that took it, and GET_LOCK is not replicated at all, so two desks
// on two nodes would both pass the check and both commit. What Galera does compare between nodes is the rows each
// transaction writes: so each lock bumps a counter in `row_locks` keyed by (table, key), and of two transactions that
// locked the same row on different nodes, certification aborts the second (error 1213, deadlock), which the pipeline
// runs again and which then sees the winner's rows and answers the usual CONFLICT.
import { createHash } from 'node:crypto';
import type { EntityManager, EntityMetadata, EntityTarget } from 'typeorm';
import { conflict } from '@shared/errors';

type ColumnMetadata = EntityMetadata['columns'][number];

interface PreparedLock {
  key: ColumnMetadata;
  columns: ColumnMetadata[];
  head: string;
  tail: string;
}

const prepared = new Map<string, PreparedLock>();

/** What to read of the locked rows: `only` these properties (the key is always read), or every ordinary column plus `alsoHidden` (columns the entity declares `select: false`). */
export interface LockedColumns<T> {
  only?: readonly (keyof T & string)[];
  alsoHidden?: readonly (keyof T & string)[];
  /** The caller always goes on to change the locked rows itself, a write Galera certifies: no `row_locks` write then. */
  updates?: true;
}

function prepareLock(meta: EntityMetadata, pick: LockedColumns<object>): PreparedLock {
  const { only, alsoHidden } = pick as { only?: readonly string[]; alsoHidden?: readonly string[] };
  const cacheKey = `${meta.tableName}:${only?.join(',') ?? '*'}:${alsoHidden?.join(',') ?? ''}`;
  let p = prepared.get(cacheKey);
  if (p) return p;
  if (meta.primaryColumns.length !== 1) throw new Error(`lockRows: ${meta.tableName} needs a single-column primary key`);
  const key = meta.primaryColumns[0];
  const columns = meta.columns.filter(
    (c) => !c.isVirtual && (only ? only.includes(c.propertyName) || c === key : c.isSelect || !!alsoHidden?.includes(c.propertyName)),
  );
  p = {
    key,
    columns,
    head: `SELECT ${columns.map((c) => `\`${c.databaseName}\``).join(', ')} FROM \`${meta.tableName}\` WHERE \`${key.databaseName}\` IN (`,
    tail: `) ORDER BY \`${key.databaseName}\` FOR UPDATE`,
  };
  prepared.set(cacheKey, p);
  return p;
}

/**
 * Locks the rows with these primary keys FOR UPDATE until the transaction ends and returns them (ascending by key;
 * missing ids are simply absent). The locks are taken in ascending key order whatever order the ids come in, so two
 * desks locking overlapping sets queue behind each other instead of deadlocking. One statement, no read-back.
 */
export async function lockRows<T extends object>(
  em: EntityManager,
  target: EntityTarget<T>,
  ids: readonly (number | string)[],
  columns: LockedColumns<T> = {},
): Promise<T[]> {
  if (ids.length === 0) return [];
  const meta = em.connection.getMetadata(target);
  const p = prepareLock(meta, columns as LockedColumns<object>);
  const sorted = [...new Set(ids)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1));
  const raw: Record<string, unknown>[] = await em.query(p.head + sorted.map(() => '?').join(', ') + p.tail, sorted);
  if (!columns.updates) await markLocked(em, meta.tableName, raw.map((r) => r[p.key.databaseName] as number | string));
  const driver = em.connection.driver;
  return raw.map((r) => {
    const entity = meta.create() as T;
    for (const c of p.columns) c.setEntityValue(entity as object, driver.prepareHydratedValue(r[c.databaseName], c));
    return entity;
  });
}

/**
 * The write that makes a lock hold across a Galera cluster: one row of `row_locks` per locked key, its counter bumped,
 * in the order given (callers pass ascending keys, so two desks never wait on each other crosswise). For a raw
 * `SELECT … FOR UPDATE` whose transaction may not go on to write the row it locked; lockRows and withNamedLocks call
 * it themselves. On one server it costs one short statement and adds no waiting: the row lock came first.
 */
export async function markLocked(em: EntityManager, table: string, keys: readonly (number | string)[]): Promise<void> {
  if (keys.length === 0) return;
  await em.query(
    `INSERT INTO row_locks (lock_table, lock_key, n) VALUES ${keys.map(() => '(?, ?, 1)').join(', ')} ON DUPLICATE KEY UPDATE n = n + 1`,
    keys.flatMap((k) => [table, String(k)]),
  );
}

/** Locks the one row with this primary key (see lockRows) and returns it, or null when there is none. */
export async function lockRow<T extends object>(em: EntityManager, target: EntityTarget<T>, id: number | string, columns: LockedColumns<T> = {}): Promise<T | null> {
  const [row] = await lockRows(em, target, [id], columns);
  return row ?? null;
}

/**
 * Runs `work` holding named locks, for a rule that has no row to lock: "no second patient like this one" locks the
 * birth date and the phone number, not a row. A named lock is a row of `row_locks` (table '', key the name's SHA-1)
 * written in this transaction and so held until it commits or rolls back: a second desk waits until the first one's
 * rows are committed and, at READ COMMITTED (the channel's `isolation`), then sees them. Being a write, it also holds
 * across a Galera cluster, where MariaDB's GET_LOCK would not. Names are taken in sorted order so two callers never
 * wait on each other crosswise; a lock not had within `waitSeconds` answers `busy` as CONFLICT.
 */
export async function withNamedLocks<T>(em: EntityManager, names: readonly string[], busy: string, work: () => Promise<T>, waitSeconds = 10): Promise<T> {
  const keys = [...new Set(names.map((n) => createHash('sha1').update(n).digest('hex')))].sort();
  if (keys.length > 0) {
    // The wait is bounded for this statement only. A session variable set and put back rather than MariaDB's
    // SET STATEMENT … FOR, which MySQL does not know.
    await em.query(`SET SESSION innodb_lock_wait_timeout = ${Math.max(1, Math.round(waitSeconds))}`);
    try {
      await em.query(`INSERT INTO row_locks (lock_table, lock_key, n) VALUES ${keys.map(() => "('', ?, 1)").join(', ')} ON DUPLICATE KEY UPDATE n = n + 1`, keys);
    } catch (e) {
      const d = (e as { driverError?: { errno?: number }; errno?: number }) ?? {};
      if ((d.driverError ?? d).errno === 1205) throw conflict(busy);
      throw e;
    } finally {
      await em.query('SET SESSION innodb_lock_wait_timeout = DEFAULT').catch(() => undefined);
    }
  }
  return work();
}
