import type { Kysely } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/** Admin-defined custom fields with typed values, the task type's own fields, and admin-edited workflows. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('custom_fields')
    .addColumn('id', id.type, id.build)
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('indexed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('custom_fields_type_key', ['record_type', 'key'])
    .execute();

  // One row per record and field, the value in the column of its kind: a filter is an index range.
  await db.schema
    .createTable('record_custom_values')
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('custom_fields.id'))
    .addColumn('text_value', 'text')
    .addColumn('number_value', 'double precision')
    .addPrimaryKeyConstraint('record_custom_values_pk', ['record_id', 'field_id'])
    .execute();
  await db.schema
    .createIndex('record_custom_values_text')
    .on('record_custom_values')
    .columns(['field_id', 'text_value', 'record_id'])
    .execute();
  await db.schema
    .createIndex('record_custom_values_number')
    .on('record_custom_values')
    .columns(['field_id', 'number_value', 'record_id'])
    .execute();

  await db.schema
    .createTable('task_ext')
    .addColumn('record_id', 'integer', (c) => c.primaryKey().references('records.id').onDelete('cascade'))
    .addColumn('due_at', 'bigint')
    .addColumn('planned_minutes', 'integer')
    .execute();
  await db.schema.createIndex('task_ext_due').on('task_ext').columns(['due_at', 'record_id']).execute();

  // An administrator's version of a type's workflow; without a row the type's shipped default applies.
  await db.schema
    .createTable('workflows')
    .addColumn('record_type', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}
