import type { Kysely } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/** Parent/child records (tasks under any record, child incidents) and approvals on any record. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .alterTable('records')
    .addColumn('parent_id', 'integer', (c) => c.references('records.id'))
    .execute();
  await db.schema.createIndex('records_parent').on('records').columns(['parent_id', 'state_category', 'id']).execute();

  await db.schema
    .createTable('approval_requests')
    .addColumn('id', id.type, id.build)
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('quorum', 'integer')
    .addColumn('level', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema.createIndex('approval_requests_record').on('approval_requests').columns(['record_id', 'level', 'id']).execute();
  await db.schema.createIndex('approval_requests_state').on('approval_requests').columns(['state', 'id']).execute();

  // An approver is a person or a group (a CAB): group members vote as themselves.
  await db.schema
    .createTable('approval_approvers')
    .addColumn('request_id', 'integer', (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    .execute();
  await db.schema.createIndex('approval_approvers_request').on('approval_approvers').columns(['request_id']).execute();
  await db.schema.createIndex('approval_approvers_user').on('approval_approvers').columns(['user_id', 'request_id']).execute();
  await db.schema.createIndex('approval_approvers_group').on('approval_approvers').columns(['group_id', 'request_id']).execute();

  // One vote per person per request, whether cast in person or by their delegate.
  await db.schema
    .createTable('approval_votes')
    .addColumn('id', id.type, id.build)
    .addColumn('request_id', 'integer', (c) => c.notNull().references('approval_requests.id').onDelete('cascade'))
    .addColumn('voter_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('cast_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('approval_votes_once', ['request_id', 'voter_id'])
    .execute();

  await db.schema
    .createTable('approval_delegations')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('delegate_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('approval_delegations_delegate').on('approval_delegations').columns(['delegate_id']).execute();
}
