// Row locks taken one way: the rows of one table, by primary key, always in ascending key order; and named locks for
// a rule that has no row to lock.
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
  const driver = em.connection.driver;
  return raw.map((r) => {
    const entity = meta.create() as T;
    for (const c of p.columns) c.setEntityValue(entity as object, driver.prepareHydratedValue(r[c.databaseName], c));
    return entity;
  });
}

/** Locks the one row with this primary key (see lockRows) and returns it, or null when there is none. */
export async function lockRow<T extends object>(em: EntityManager, target: EntityTarget<T>, id: number | string, columns: LockedColumns<T> = {}): Promise<T | null> {
  const [row] = await lockRows(em, target, [id], columns);
  return row ?? null;
}

/**
 * Runs `work` holding named locks (MariaDB's GET_LOCK, one per name within this database), for a rule that has no
 * row to lock: "no second patient like this one" locks the birth date and the phone number, not a row. Names are
 * taken in sorted order so two callers never wait on each other crosswise; a lock not had within `waitSeconds`
 * answers `busy` as CONFLICT. The locks belong to the connection, not the transaction: they are released when `work`
 * ends, before the commit, so the check inside `work` must read with a lock (`LOCK IN SHARE MODE`), which waits for
 * the previous holder's uncommitted rows and sees them once committed; and the call should run at READ COMMITTED
 * (the channel's `isolation`), where such reads take no gap locks for two desks' inserts to deadlock on.
 */
export async function withNamedLocks<T>(em: EntityManager, names: readonly string[], busy: string, work: () => Promise<T>, waitSeconds = 10): Promise<T> {
  const sorted = [...new Set(names)].sort();
  const held: string[] = [];
  try {
    for (const name of sorted) {
      const [{ got }]: { got: number | string | null }[] = await em.query(`SELECT GET_LOCK(SHA1(CONCAT(DATABASE(), '/', ?)), ?) AS got`, [name, waitSeconds]);
      if (Number(got) !== 1) throw conflict(busy);
      held.push(name);
    }
    return await work();
  } finally {
    for (const name of held.reverse()) await em.query(`SELECT RELEASE_LOCK(SHA1(CONCAT(DATABASE(), '/', ?))) AS released`, [name]).catch(() => undefined);
  }
}
