import type { Kysely } from 'kysely';

/** The incident type's own fields (the records engine's second type). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('incident_ext')
    .addColumn('record_id', 'integer', (c) => c.primaryKey().references('records.id').onDelete('cascade'))
    .addColumn('resolution_code', 'text')
    .addColumn('resolution_notes', 'text')
    .addColumn('major', 'integer')
    .execute();
  await db.schema.createIndex('incident_ext_major').on('incident_ext').columns(['major', 'record_id']).execute();
}
