import { type Kysely, sql } from 'kysely';
import { type Dialect, idColumn } from '../migration-helpers.js';

/**
 * The service catalogue (P-3.1): who each service is offered to, which services support it,
 * its offerings, the request catalogue's items, and the agreements (SLA, OLA, underpinning
 * contract) whose targets become SLA clocks. Notifications may now be about something that
 * is not a record (an agreement due for review), so `notifications.record_id` becomes nullable.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  // The service list filters by status and owner.
  await db.schema.createIndex('services_status').on('services').columns(['status', 'name_key']).execute();
  await db.schema.createIndex('services_owner').on('services').columns(['owner_id']).execute();

  await db.schema
    .createTable('service_customers')
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addPrimaryKeyConstraint('service_customers_pk', ['service_id', 'organisation_id'])
    .execute();
  // What a customer's organisation may browse: services (and their items) offered to it.
  await db.schema
    .createIndex('service_customers_organisation')
    .on('service_customers')
    .columns(['organisation_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('service_dependencies')
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('supported_by_id', 'integer', (c) => c.notNull().references('services.id'))
    .addPrimaryKeyConstraint('service_dependencies_pk', ['service_id', 'supported_by_id'])
    .addCheckConstraint('service_dependencies_not_self', sql`service_id <> supported_by_id`)
    .execute();
  await db.schema
    .createIndex('service_dependencies_supporter')
    .on('service_dependencies')
    .columns(['supported_by_id', 'service_id'])
    .execute();

  await db.schema
    .createTable('service_offerings')
    .addColumn('id', id.type, id.build)
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('service_offerings_name', ['service_id', 'name_key'])
    .execute();

  await db.schema
    .createTable('catalogue_items')
    .addColumn('id', id.type, id.build)
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('offering_id', 'integer', (c) => c.references('service_offerings.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('category', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('form', 'text', (c) => c.notNull().defaultTo('{"fields":[]}'))
    .addColumn('fulfilment_group_id', 'integer', (c) => c.references('groups.id'))
    .addColumn('approval', 'text', (c) => c.notNull().defaultTo('{"kind":"none"}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('catalogue_items_service').on('catalogue_items').columns(['service_id', 'active', 'name_key']).execute();
  await db.schema.createIndex('catalogue_items_category').on('catalogue_items').columns(['category', 'name_key']).execute();
  await db.schema.createIndex('catalogue_items_active').on('catalogue_items').columns(['active', 'name_key']).execute();

  await db.schema
    .createTable('agreements')
    .addColumn('id', id.type, id.build)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('service_id', 'integer', (c) => c.notNull().references('services.id'))
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('group_id', 'integer', (c) => c.references('groups.id'))
    // Suppliers arrive with supplier management; the column waits for them (no foreign key yet).
    .addColumn('supplier_id', 'integer')
    .addColumn('supplier_name', 'text')
    .addColumn('supplier_ref', 'text')
    .addColumn('calendar_id', 'integer', (c) => c.references('calendars.id'))
    .addColumn('valid_from', 'bigint', (c) => c.notNull())
    .addColumn('valid_to', 'bigint')
    .addColumn('review_every_months', 'integer', (c) => c.notNull())
    .addColumn('next_review_at', 'bigint', (c) => c.notNull())
    .addColumn('last_reviewed_at', 'bigint')
    // The review period (its next_review_at) whose reminder went out: one reminder per period.
    .addColumn('reminded_for', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sla_policy_id', 'integer', (c) => c.references('sla_policies.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('agreements_validity', sql`valid_to is null or valid_to > valid_from`)
    .execute();
  await db.schema.createIndex('agreements_service').on('agreements').columns(['service_id', 'kind', 'id']).execute();
  await db.schema.createIndex('agreements_status').on('agreements').columns(['status', 'kind', 'id']).execute();
  await db.schema.createIndex('agreements_kind').on('agreements').columns(['kind', 'name']).execute();
  // The review sweep: agreements in force whose review is due (or soon).
  await db.schema.createIndex('agreements_review').on('agreements').columns(['status', 'next_review_at']).execute();

  await db.schema
    .createTable('agreement_targets')
    .addColumn('agreement_id', 'integer', (c) => c.notNull().references('agreements.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text', (c) => c.notNull())
    .addColumn('label_zh', 'text', (c) => c.notNull())
    .addColumn('stop_on', 'text', (c) => c.notNull())
    .addColumn('minutes_p1', 'integer')
    .addColumn('minutes_p2', 'integer')
    .addColumn('minutes_p3', 'integer')
    .addColumn('minutes_p4', 'integer')
    .addColumn('minutes_p5', 'integer')
    .addColumn('default_minutes', 'integer')
    .addPrimaryKeyConstraint('agreement_targets_pk', ['agreement_id', 'target_key'])
    .execute();

  await db.schema
    .createTable('agreement_reviews')
    .addColumn('id', id.type, id.build)
    .addColumn('agreement_id', 'integer', (c) => c.notNull().references('agreements.id'))
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'bigint', (c) => c.notNull())
    .addColumn('next_review_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agreement_reviews_agreement').on('agreement_reviews').columns(['agreement_id', 'id']).execute();

  await notificationsWithoutRecord(db, dialect);
}

/** A notification's record becomes optional (an agreement review is about no record). */
async function notificationsWithoutRecord(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`alter table notifications alter column record_id drop not null`.execute(db);
    return;
  }
  // SQLite cannot drop NOT NULL: rebuild the table with the same columns, keys and indexes.
  await sql`create table notifications_new (
    id integer primary key autoincrement,
    user_id integer not null references users(id) on delete cascade,
    event text not null,
    record_id integer references records(id) on delete cascade,
    record_type text not null,
    record_number text not null,
    record_title text not null,
    actor_id integer references users(id) on delete set null,
    actor_name text,
    params text not null default '{}',
    dedupe_key text not null unique,
    created_at bigint not null,
    read_at bigint
  )`.execute(db);
  await sql`insert into notifications_new select id, user_id, event, record_id, record_type, record_number, record_title, actor_id, actor_name, params, dedupe_key, created_at, read_at from notifications`.execute(
    db,
  );
  await sql`drop table notifications`.execute(db);
  await sql`alter table notifications_new rename to notifications`.execute(db);
  await db.schema.createIndex('notifications_inbox').on('notifications').columns(['user_id', 'read_at', 'id']).execute();
  await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'id']).execute();
}
