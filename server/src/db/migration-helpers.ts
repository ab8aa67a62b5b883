import type { ColumnDataType, ColumnDefinitionBuilder } from 'kysely';
import type { Dialect } from './connect.js';

export type { Dialect };

/** An auto-increment integer primary key on either dialect. */
export function idColumn(dialect: Dialect): {
  type: ColumnDataType;
  build: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
} {
  return dialect === 'postgres'
    ? { type: 'serial', build: (c) => c.primaryKey() }
    : { type: 'integer', build: (c) => c.primaryKey().autoIncrement() };
}
