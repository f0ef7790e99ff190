// Column helpers shared by entities: instants in UTC with milliseconds, dates as strings, ids as numbers.
import { Column, CreateDateColumn, UpdateDateColumn, type ColumnOptions, type EntityManager, type EntityTarget, type ValueTransformer } from 'typeorm';

export const Instant = (opts: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...opts });
export const CreatedAt = () => CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });
export const UpdatedAt = () =>
  UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)', onUpdate: 'CURRENT_TIMESTAMP(3)' });
/** DATE columns come back as 'YYYY-MM-DD' strings (see `dateStrings` in the data source). */
export const CalendarDate = (opts: ColumnOptions = {}) => Column({ type: 'date', ...opts });
/** DECIMAL columns come back from the driver as strings: read them as numbers, write them as they are. */
export const decimalNumber: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | number | null) => (v == null ? null : Number(v)),
};


/**
 * Fills every column the record leaves undefined with its declared constant default, or null when nullable: the
 * record is then complete without reading it back after an INSERT.
 */
export function withColumnDefaults<T extends object>(em: EntityManager, entity: EntityTarget<T>, record: T): T {
  for (const col of em.connection.getMetadata(entity).columns) {
    const rec = record as Record<string, unknown>;
    if (rec[col.propertyName] !== undefined || col.isGenerated) continue;
    if (typeof col.default === 'string' || typeof col.default === 'number') rec[col.propertyName] = col.default;
    else if (col.isNullable) rec[col.propertyName] = null;
  }
  return record;
}
