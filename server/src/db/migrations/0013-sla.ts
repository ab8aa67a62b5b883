import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';
import { NO_DUE } from '../sort-keys.js';

/** SLA policies and the clocks they start on records. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('sla_policies')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('calendar_id', 'integer', (c) => c.references('calendars.id'))
    .addColumn('targets', 'text', (c) => c.notNull())
    .addColumn('pause_on', 'text', (c) => c.notNull())
    .addColumn('warn_at', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('sla_policies_type').on('sla_policies').columns(['record_type', 'active', 'position', 'id']).execute();

  // A clock copies what it needs from its policy when it starts, so editing a policy never rewrites history.
  await db.schema
    .createTable('sla_clocks')
    .addColumn('id', id.type, id.build)
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('policy_id', 'integer', (c) => c.notNull().references('sla_policies.id'))
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('target_minutes', 'integer', (c) => c.notNull())
    .addColumn('stop_on', 'text', (c) => c.notNull())
    .addColumn('pause_on', 'text', (c) => c.notNull())
    .addColumn('warn_at', 'text', (c) => c.notNull())
    .addColumn('calendar_id', 'integer', (c) => c.references('calendars.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('resumed_at', 'bigint')
    .addColumn('elapsed_ms', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('due_at', 'bigint')
    .addColumn('next_warn_at', 'bigint')
    .addColumn('warned_percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('breached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('breached_at', 'bigint')
    .addColumn('stopped_at', 'bigint')
    .addUniqueConstraint('sla_clocks_record_target', ['record_id', 'target_key'])
    .execute();
  // The sweeper's two questions — what is overdue, what needs a warning — are index ranges.
  await db.schema.createIndex('sla_clocks_due').on('sla_clocks').columns(['state', 'breached', 'due_at', 'id']).execute();
  await db.schema.createIndex('sla_clocks_warn').on('sla_clocks').columns(['state', 'next_warn_at', 'id']).execute();
  await db.schema.createIndex('sla_clocks_policy').on('sla_clocks').columns(['policy_id']).execute();

  // The earliest due time of a record's running clocks, kept with the clocks, so "most urgent
  // first" is an index range; records without one sort last (the same expression as the query's).
  await db.schema.alterTable('records').addColumn('sla_due_at', 'bigint').execute();
  await sql`create index records_type_sla_due on records (type, (coalesce(sla_due_at, ${sql.lit(NO_DUE)})), id)`.execute(db);
  await sql`create index records_type_category_group_sla_due on records (type, state_category, group_id, (coalesce(sla_due_at, ${sql.lit(NO_DUE)})), id)`.execute(
    db,
  );
}
