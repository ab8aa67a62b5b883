import type { RecordImport } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';

/** What the importer kept beside one record: two primary-key / index reads. */
export async function recordImportOf(db: Kysely<Database>, recordId: number): Promise<RecordImport | null> {
  const row = await db.selectFrom('record_imports').selectAll().where('record_id', '=', recordId).executeTakeFirst();
  if (!row) return null;
  const links = await db
    .selectFrom('record_external_links')
    .select(['kind', 'external_number'])
    .where('record_id', '=', recordId)
    .orderBy('kind')
    .orderBy('external_number')
    .execute();
  return {
    mapping: row.mapping,
    importedAt: iso(row.imported_at),
    lastOrder: row.last_order,
    slaMet: row.sla_met === null ? null : row.sla_met === 1,
    source: JSON.parse(row.source),
    externalLinks: links.map((l) => ({ kind: l.kind, number: l.external_number })),
  };
}
