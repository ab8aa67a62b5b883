import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/**
 * The incident process (P-6.1): settings an administrator edits (the priority matrix first),
 * assignment rules, escalation and major-incident fields on incidents, the major incident's
 * communication log and its post-incident review.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // The common ITIL matrix (impact rows × urgency columns), as shipped before it was editable.
  await sql`insert into settings (key, value, updated_at, version) values ('priority_matrix', '[[1,2,3],[2,3,4],[3,4,5]]', null, 1)`.execute(
    db,
  );
  // Calendar days a customer has to confirm or reopen a resolved incident before it closes by itself.
  await sql`insert into settings (key, value, updated_at, version) values ('incident_auto_close', '{"days":3}', null, 1)`.execute(db);

  await db.schema
    .createTable('assignment_rules')
    .addColumn('id', id.type, id.build)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('category', 'text')
    .addColumn('service_id', 'integer', (c) => c.references('services.id'))
    .addColumn('priority', 'integer')
    // A rule to a deleted group means nothing; a rule whose person left still assigns the group.
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('assignee_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  // A create reads the active rules of its type in order: one index range.
  await db.schema
    .createIndex('assignment_rules_type')
    .on('assignment_rules')
    .columns(['record_type', 'active', 'position', 'id'])
    .execute();

  await db.schema.alterTable('incident_ext').addColumn('escalation_level', 'integer').execute();
  await db.schema
    .alterTable('incident_ext')
    .addColumn('major_manager_id', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.alterTable('incident_ext').addColumn('major_declared_at', 'bigint').execute();
  await db.schema.alterTable('incident_ext').addColumn('update_interval_minutes', 'integer').execute();
  await db.schema.alterTable('incident_ext').addColumn('next_update_due', 'bigint').execute();
  await db.schema.alterTable('incident_ext').addColumn('update_reminded_at', 'bigint').execute();
  // The overdue-update sweep reads major incidents by due time.
  await db.schema.createIndex('incident_ext_next_update').on('incident_ext').columns(['next_update_due', 'record_id']).execute();

  await db.schema
    .createTable('incident_communications')
    .addColumn('id', id.type, id.build)
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('incident_communications_record').on('incident_communications').columns(['record_id', 'id']).execute();

  await db.schema
    .createTable('incident_reviews')
    .addColumn('record_id', 'integer', (c) => c.primaryKey().references('records.id').onDelete('cascade'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('raise_problem', 'integer', (c) => c.notNull())
    // Filled by problem management (issue 6) when it raises the requested problem.
    .addColumn('problem_record_id', 'integer', (c) => c.references('records.id'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
