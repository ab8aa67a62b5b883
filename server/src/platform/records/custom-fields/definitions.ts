import { type CustomField, customFieldOptionsSchema } from '@keel/shared';
import type { Kysely, Selectable } from 'kysely';
import type { CustomFieldTable, Database } from '../../../db/schema.js';
import { bool } from '../../../db/time.js';

export type FieldRow = Selectable<CustomFieldTable>;

export function presentCustomField(row: FieldRow): CustomField {
  return {
    id: row.id,
    recordType: row.record_type,
    key: row.key,
    label: { 'zh-CN': row.label_zh, en: row.label_en },
    kind: row.kind,
    options: customFieldOptionsSchema.parse(JSON.parse(row.options)),
    required: bool(row.required),
    indexed: bool(row.indexed),
    active: bool(row.active),
    position: row.position,
    version: row.version,
  };
}

/** A type's field definitions (all, or only the active ones that forms show and writes accept), in form order. */
export async function fieldsOfType(db: Kysely<Database>, recordType: string, only: 'active' | 'all' = 'active'): Promise<CustomField[]> {
  let q = db.selectFrom('custom_fields').selectAll().where('record_type', '=', recordType);
  if (only === 'active') q = q.where('active', '=', 1);
  const rows = await q.orderBy('position').orderBy('id').execute();
  return rows.map(presentCustomField);
}
