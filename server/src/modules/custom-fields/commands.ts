import type { CreateCustomField, CustomFieldKind, CustomFieldOptions, UpdateCustomField } from '@keel/shared';
import { MAX_CUSTOM_FIELDS_PER_TYPE } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { flag } from '../../db/time.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { AppError, invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';

type Trx = Transaction<Database>;

/** Options that make sense for the kind: choices for a choice, a known type for a reference, a real range. */
function optionProblems(kind: CustomFieldKind, o: CustomFieldOptions, types: readonly RecordTypeDefinition[]) {
  if (kind === 'choice') {
    if (!o.choices?.length) return invalid('options.choices', 'A choice field needs at least one choice');
    if (new Set(o.choices.map((c) => c.key)).size !== o.choices.length) return invalid('options.choices', 'Two choices share a key');
  }
  if (kind === 'reference' && !types.some((t) => t.key === o.recordType)) return invalid('options.recordType', 'No such record type');
  if (o.min !== undefined && o.max !== undefined && o.min > o.max) return invalid('options.min', 'The minimum is above the maximum');
  return null;
}

export async function createCustomField(trx: Trx, ctx: AuditContext, types: readonly RecordTypeDefinition[], input: CreateCustomField) {
  if (!types.some((t) => t.key === input.recordType)) throw invalid('recordType', 'No such record type');
  const problem = optionProblems(input.kind, input.options, types);
  if (problem) throw problem;
  const { count } = await trx
    .selectFrom('custom_fields')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('record_type', '=', input.recordType)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  if (Number(count) >= MAX_CUSTOM_FIELDS_PER_TYPE) {
    throw new AppError('conflict', `A record type has at most ${MAX_CUSTOM_FIELDS_PER_TYPE} active custom fields`);
  }
  const now = Date.now();
  const row = await trx
    .insertInto('custom_fields')
    .values({
      record_type: input.recordType,
      key: input.key,
      label_en: input.label.en,
      label_zh: input.label['zh-CN'],
      kind: input.kind,
      options: JSON.stringify(input.options),
      required: flag(input.required),
      indexed: flag(input.indexed),
      active: 1,
      position: input.position,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'custom_field.created',
    objectType: 'custom_field',
    objectId: row.id,
    objectLabel: `${input.recordType}.${input.key}`,
    changes: createdFields({ ...input, label: `${input.label.en} / ${input.label['zh-CN']}` }),
  });
  return row.id;
}

/** Choices still used by some record cannot be removed: their values would lose their meaning. */
async function assertChoicesKept(trx: Trx, id: number, before: CustomFieldOptions, after: CustomFieldOptions) {
  const kept = new Set((after.choices ?? []).map((c) => c.key));
  const dropped = (before.choices ?? []).map((c) => c.key).filter((k) => !kept.has(k));
  if (dropped.length === 0) return;
  const used = await trx
    .selectFrom('record_custom_values')
    .select('text_value')
    .where('field_id', '=', id)
    .where('text_value', 'in', dropped)
    .limit(1)
    .executeTakeFirst();
  if (used) throw new AppError('conflict', `The choice "${used.text_value}" is still used by records`);
}

export async function updateCustomField(
  trx: Trx,
  ctx: AuditContext,
  types: readonly RecordTypeDefinition[],
  input: { id: number; expectedVersion: number | null; patch: UpdateCustomField },
) {
  const before = await trx.selectFrom('custom_fields').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('custom field');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  if (patch.options) {
    const problem = optionProblems(before.kind, patch.options, types);
    if (problem) throw problem;
    await assertChoicesKept(trx, before.id, JSON.parse(before.options), patch.options);
  }
  const fields = {
    label_en: patch.label?.en,
    label_zh: patch.label?.['zh-CN'],
    options: patch.options ? JSON.stringify(patch.options) : undefined,
    required: patch.required === undefined ? undefined : flag(patch.required),
    indexed: patch.indexed === undefined ? undefined : flag(patch.indexed),
    active: patch.active === undefined ? undefined : flag(patch.active),
    position: patch.position,
  };
  const changes = diffFields(before, fields);
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('custom_fields')
    .set((eb) => ({ ...fields, updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', before.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, {
    action: 'custom_field.updated',
    objectType: 'custom_field',
    objectId: before.id,
    objectLabel: `${before.record_type}.${before.key}`,
    changes,
  });
}
