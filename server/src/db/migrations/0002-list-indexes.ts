import type { Kysely } from 'kysely';
import type { Dialect } from '../migration-helpers.js';

/** Every sortable list column has an index ending in id, so keyset pages never scan. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema.createIndex('organisations_created').on('organisations').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('groups_created').on('groups').columns(['created_at', 'id']).execute();
}
