// Column helpers shared by entities: instants in UTC with milliseconds, dates as strings, ids as numbers.
import { Column, CreateDateColumn, UpdateDateColumn, type ColumnOptions } from 'typeorm';

export const Instant = (opts: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...opts });
export const CreatedAt = () => CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)' });
export const UpdatedAt = () =>
  UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 3, default: () => 'CURRENT_TIMESTAMP(3)', onUpdate: 'CURRENT_TIMESTAMP(3)' });
/** DATE columns come back as 'YYYY-MM-DD' strings (see `dateStrings` in the data source). */
export const CalendarDate = (opts: ColumnOptions = {}) => Column({ type: 'date', ...opts });

