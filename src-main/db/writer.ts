// The one multi-row INSERT writer, driven by TypeORM's entity metadata: the desks' write paths (registration, the
// audit chain, charges) and the demo data's bulk load share the column list and the statement head built from it.
import mysql from 'mysql2/promise';
import type { DataSource, EntityManager, EntityMetadata, EntityTarget } from 'typeorm';
import type { DbTarget } from './data-source';

type ColumnMetadata = EntityMetadata['columns'][number];

// ---- rows typed from the entities ----

/** `nationalIdLast4` → `national_id_last4`: the column names the entities declare (a unit test holds them to it). */
export type SnakeCase<S extends string> = S extends `${infer C}${infer Rest}` ? `${C extends Lowercase<C> ? C : `_${Lowercase<C>}`}${SnakeCase<Rest>}` : S;

/** What a column may hold; relations (entity objects) are not columns. */
type ColumnValue = string | number | boolean | Date | Buffer | readonly string[];
type ColumnKeys<E> = { [K in keyof E]-?: K extends string ? (NonNullable<E[K]> extends ColumnValue ? K : never) : never }[keyof E];
/** An instant is given as its UTC literal ('2026-07-01 08:00:00.000'): cheap to make by the million, unlike a Date. */
type RowValue<T> = T extends Date ? string : T;

/**
 * A table row as the bulk writer takes it: every column of entity E under its column name, typed from the entity's
 * property, so a renamed or retyped property breaks whoever writes the row at compile time.
 */
export type EntityRow<E> = { [K in ColumnKeys<E> as SnakeCase<K>]: RowValue<E[K]> };

export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** An EntityRow's key of a column, refused when the column is named otherwise (EntityRow's type could not say so). */
function rowKey(c: ColumnMetadata): string {
  const key = snakeCase(c.propertyName);
  if (key !== c.databaseName) throw new Error(`${c.entityMetadata.tableName}.${c.databaseName}: name the property ${c.databaseName.replace(/_([a-z0-9])/g, (_, x: string) => x.toUpperCase())} so rows can be typed from it`);
  return key;
}

// ---- the statement, prepared once per table and column set ----

interface PreparedInsert {
  table: string;
  columns: ColumnMetadata[];
  /** Where each column's value is in a row: the property name (entities) or its column name (EntityRow). */
  keys: string[];
  head: string;
}

const prepared = new Map<string, PreparedInsert>();

/** Every stored column; generated ones (ids) only when the sample row gives them. */
function prepareInsert(meta: EntityMetadata, sample: Record<string, unknown>, keyOf: (c: ColumnMetadata) => string, style: string): PreparedInsert {
  const columns = meta.columns.filter((c) => !c.isVirtual && (!c.isGenerated || sample[keyOf(c)] !== undefined));
  const cacheKey = `${style}:${meta.tableName}:${columns.map((c) => c.databaseName).join(',')}`;
  let p = prepared.get(cacheKey);
  if (!p) {
    p = {
      table: meta.tableName,
      columns,
      keys: columns.map(keyOf),
      head: `INSERT INTO \`${meta.tableName}\` (${columns.map((c) => `\`${c.databaseName}\``).join(', ')}) VALUES `,
    };
    prepared.set(cacheKey, p);
  }
  return p;
}

const unset = (p: PreparedInsert, i: number) => new Error(`${p.table}.${p.columns[i].databaseName} is not set`);

/**
 * Inserts complete records (every column set, generated ones optional) and returns the first generated id: the write
 * paths every desk takes all day. Values go through TypeORM's own conversion; no query builder per call, no read-back.
 */
export async function insertRows<T extends object>(em: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<number> {
  if (rows.length === 0) return 0;
  const meta = em.connection.getMetadata(target);
  const p = prepareInsert(meta, rows[0] as Record<string, unknown>, (c) => c.propertyName, 'entity');
  const driver = em.connection.driver;
  const values: unknown[] = [];
  for (const row of rows as Record<string, unknown>[]) {
    for (let i = 0; i < p.columns.length; i++) {
      const v = row[p.keys[i]];
      if (v === undefined) throw unset(p, i);
      values.push(driver.preparePersistentValue(v, p.columns[i]));
    }
  }
  const tuple = `(${p.columns.map(() => '?').join(', ')})`;
  const result: { insertId: number | string } = await em.query(p.head + rows.map(() => tuple).join(', '), values);
  return Number(result.insertId);
}

/** A value as SQL text: what preparePersistentValue would send, without its per-value Date parsing. */
function literal(v: unknown): string {
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new Error(`Cannot write ${v} to the database`);
      return String(v);
    case 'string':
      return mysql.escape(v);
    case 'boolean':
      return v ? '1' : '0';
    default:
      if (v === null) return 'NULL';
      // The stored PDFs.
      if (Buffer.isBuffer(v)) return `X'${v.toString('hex')}'`;
      if (v instanceof Date) return `'${v.toISOString().replace('T', ' ').slice(0, 23)}'`;
      // SET columns (a user's roles).
      if (Array.isArray(v)) return mysql.escape(v.join(','));
      throw new Error(`Cannot write ${typeof v} to the database`);
  }
}

/** One multi-row INSERT of EntityRows, values written as literals (a bulk load sends no placeholders to scan). */
export function insertStatement<E>(meta: EntityMetadata, rows: readonly EntityRow<E>[]): string {
  const p = prepareInsert(meta, rows[0] as Record<string, unknown>, rowKey, 'row');
  const { keys } = p;
  let sql = p.head;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    let tuple = r ? ',(' : '(';
    for (let i = 0; i < keys.length; i++) {
      const v = row[keys[i]];
      if (v === undefined) throw unset(p, i);
      tuple += (i ? ',' : '') + literal(v);
    }
    sql += `${tuple})`;
  }
  return sql;
}

/** Bulk inserts (the demo data): multi-row statements on a few connections, the next batch built while one is in flight. */
export class BulkWriter {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  private lastTable: string | null = null;
  rowsWritten = 0;

  private constructor(
    readonly pool: mysql.Pool,
    private readonly ds: DataSource,
    private readonly concurrency: number,
  ) {}

  /** `ds` is an initialized data source of the same database: its entity metadata shapes every statement. */
  static open(target: DbTarget, ds: DataSource, connections: number): BulkWriter {
    const pool = mysql.createPool({
      host: target.host,
      port: target.port,
      user: target.user,
      password: target.password,
      database: target.database,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      connectionLimit: connections,
      // Statements built here are complete: skip mysql2's placeholder scan over megabytes of VALUES (~10% of the CPU).
      queryFormat: (sql: string, values?: unknown) => (Array.isArray(values) && values.length ? mysql.format(sql, values, false, 'Z') : sql),
    });
    // DEFAULT CURRENT_TIMESTAMP and friends in UTC, like the app's connections.
    pool.on('connection', (c) => c.query("SET time_zone = '+00:00'"));
    return new BulkWriter(pool, ds, connections);
  }

  /** The table an entity is stored in. */
  tableOf(entity: EntityTarget<unknown>): string {
    return this.ds.getMetadata(entity).tableName;
  }

  /**
   * Sends one multi-row INSERT; resolves as soon as another statement may be sent (not when this one is done).
   * Only batches of one table overlap: a new table waits for the last, so rows never arrive before what they refer to.
   */
  async insert<E>(entity: EntityTarget<E>, rows: readonly EntityRow<E>[]): Promise<void> {
    if (rows.length === 0) return;
    const meta = this.ds.getMetadata(entity);
    if (meta.tableName !== this.lastTable) await this.flush();
    this.lastTable = meta.tableName;
    while (this.inFlight.size >= this.concurrency && !this.failure) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const sql = insertStatement(meta, rows);
    const sent: Promise<void> = this.pool.query(sql).then(
      () => {
        this.rowsWritten += rows.length;
        this.inFlight.delete(sent);
      },
      (e: unknown) => {
        this.failure ??= e;
        this.inFlight.delete(sent);
      },
    );
    this.inFlight.add(sent);
  }

  /** Waits for every statement sent; throws the first failure. */
  async flush(): Promise<void> {
    while (this.inFlight.size) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  async query(sql: string, args: unknown[] = []): Promise<void> {
    await this.flush();
    await this.pool.query(sql, args);
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.inFlight);
    await this.pool.end().catch(() => undefined);
  }
}
