// One way to write "this row, whether or not it exists yet" (per-hospital settings, rules, stored documents).
import type { EntityManager, EntityMetadata, EntityTarget } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

interface PreparedUpsert {
  columns: ColumnMetadata[];
  sql: string;
}

const prepared = new Map<string, PreparedUpsert>();

/**
 * Inserts the row, or updates the existing one that holds the same `conflictColumns` (the primary or a unique key),
 * in one statement that locks the row until the transaction ends. Only the properties given are written; on update
 * the conflict columns stay as they are. The SQL is built once per entity and column set from TypeORM's metadata,
 * and values go through TypeORM's own conversion.
 */
export async function upsert<T extends object>(em: EntityManager, target: EntityTarget<T>, row: Partial<T>, conflictColumns: readonly (keyof T & string)[]): Promise<void> {
  const meta = em.connection.getMetadata(target);
  const given = row as Record<string, unknown>;
  const columns = meta.columns.filter((c) => !c.isVirtual && given[c.propertyName] !== undefined);
  const cacheKey = `${meta.tableName}:${columns.map((c) => c.propertyName).join(',')}:${conflictColumns.join(',')}`;
  let p = prepared.get(cacheKey);
  if (!p) {
    for (const k of conflictColumns) if (given[k] === undefined) throw new Error(`upsert: ${meta.tableName}.${k} is the key and must be given`);
    const updated = columns.filter((c) => !conflictColumns.includes(c.propertyName as keyof T & string));
    const name = (c: ColumnMetadata) => `\`${c.databaseName}\``;
    p = {
      columns,
      sql:
        `INSERT INTO \`${meta.tableName}\` (${columns.map(name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON DUPLICATE KEY UPDATE ` +
        // With nothing but the key given, "update" is a no-op that still takes the row lock.
        (updated.length ? updated.map((c) => `${name(c)} = VALUES(${name(c)})`).join(', ') : `${name(columns[0])} = ${name(columns[0])}`),
    };
    prepared.set(cacheKey, p);
  }
  const driver = em.connection.driver;
  await em.query(
    p.sql,
    p.columns.map((c) => driver.preparePersistentValue(given[c.propertyName], c)),
  );
}
