// A plain multi-row INSERT for the write paths every desk takes all day (registration, the audit chain): the SQL is
// built once per entity from TypeORM's metadata and values go through TypeORM's own conversion, but there is no
// query builder per call and no read-back afterwards.
import type { EntityManager, EntityMetadata, EntityTarget } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

interface Prepared {
  columns: ColumnMetadata[];
  head: string;
  tuple: string;
}

const prepared = new Map<string, Prepared>();

/** Inserts complete records (every column set, generated ones optional) and returns the first generated id. */
export async function insertRows<T extends object>(em: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<number> {
  if (rows.length === 0) return 0;
  const meta = em.connection.getMetadata(target);
  const first = rows[0] as Record<string, unknown>;
  const columns = meta.columns.filter((c) => !c.isVirtual && (!c.isGenerated || first[c.propertyName] !== undefined));
  const key = `${meta.tableName}:${columns.map((c) => c.databaseName).join(',')}`;
  let p = prepared.get(key);
  if (!p) {
    p = {
      columns,
      head: `INSERT INTO \`${meta.tableName}\` (${columns.map((c) => `\`${c.databaseName}\``).join(', ')}) VALUES `,
      tuple: `(${columns.map(() => '?').join(', ')})`,
    };
    prepared.set(key, p);
  }
  const driver = em.connection.driver;
  const values: unknown[] = [];
  for (const row of rows) {
    for (const c of p.columns) {
      const v = (row as Record<string, unknown>)[c.propertyName];
      if (v === undefined) throw new Error(`insertRows: ${meta.tableName}.${c.databaseName} is not set`);
      values.push(driver.preparePersistentValue(v, c));
    }
  }
  const result: { insertId: number | string } = await em.query(p.head + rows.map(() => p.tuple).join(', '), values);
  return Number(result.insertId);
}
