import type { CustomField, CustomValues } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.js';
import type { Visibility } from '../../access/visibility.js';
import { AppError } from '../../errors.js';
import { recordVisibility } from '../visibility.js';

type Stored = { text: string | null; number: number | null };
type Checked = { field: CustomField; stored: Stored | null; shown: string | number | null };
type Problem = { path: string; message: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isRealDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** The pure part of checking one value against its definition; lookups (users, records) come after. */
export function checkValue(field: CustomField, value: string | number): string | null {
  const o = field.options;
  switch (field.kind) {
    case 'text':
      if (typeof value !== 'string') return 'Must be text';
      return value.length > (o.maxLength ?? 1000) ? `At most ${o.maxLength ?? 1000} characters` : null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'Must be a number';
      if (o.min !== undefined && value < o.min) return `At least ${o.min}`;
      return o.max !== undefined && value > o.max ? `At most ${o.max}` : null;
    case 'date':
      return typeof value === 'string' && isRealDate(value) ? null : 'Must be a date (YYYY-MM-DD)';
    case 'choice':
      return typeof value === 'string' && (o.choices ?? []).some((c) => c.key === value) ? null : 'Not one of the choices';
    case 'user':
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? null : 'Must be a user id';
    case 'reference':
      return typeof value === 'string' && /^[A-Z]{2,8}-\d{6,}$/.test(value) ? null : 'Must be a record number';
  }
}

/**
 * Checks custom values against the type's active definitions: unknown keys, kinds, ranges,
 * choices, that users exist and referenced records exist and are visible to the writer.
 * On create every required field must be given; a required field can never be cleared.
 */
export async function checkCustomValues(
  trx: Transaction<Database>,
  fields: readonly CustomField[],
  input: CustomValues | undefined,
  options: { mode: 'create' | 'update'; visibility: Visibility },
): Promise<Checked[]> {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const problems: Problem[] = [];
  const checked: Checked[] = [];
  const values = input ?? {};
  for (const [key, value] of Object.entries(values)) {
    const field = byKey.get(key);
    const path = `custom.${key}`;
    if (!field) {
      problems.push({ path, message: 'No such field' });
      continue;
    }
    if (value === null || value === '') {
      if (field.required) problems.push({ path, message: 'Required' });
      else checked.push({ field, stored: null, shown: null });
      continue;
    }
    const problem = checkValue(field, value);
    if (problem) problems.push({ path, message: problem });
    else checked.push(await resolve(trx, field, value, options.visibility, path, problems));
  }
  if (options.mode === 'create') {
    for (const field of fields)
      if (field.required && !(field.key in values)) problems.push({ path: `custom.${field.key}`, message: 'Required' });
  }
  if (problems.length > 0) throw new AppError('validation_failed', 'Some fields are not valid.', { errors: problems });
  return checked;
}

async function resolve(
  trx: Transaction<Database>,
  field: CustomField,
  value: string | number,
  visibility: Visibility,
  path: string,
  problems: Problem[],
): Promise<Checked> {
  if (field.kind === 'user') {
    const user = await trx.selectFrom('users').select('id').where('id', '=', Number(value)).where('active', '=', 1).executeTakeFirst();
    if (!user) problems.push({ path, message: 'No such active user' });
    return { field, stored: { text: null, number: Number(value) }, shown: value };
  }
  if (field.kind === 'reference') {
    const target = await trx
      .selectFrom('records')
      .select('id')
      .where('number', '=', String(value))
      .where('type', '=', field.options.recordType ?? '')
      .where(recordVisibility(visibility))
      .executeTakeFirst();
    if (!target) problems.push({ path, message: 'No such record' });
    return { field, stored: { text: null, number: target?.id ?? null }, shown: value };
  }
  if (field.kind === 'number') return { field, stored: { text: null, number: Number(value) }, shown: value };
  return { field, stored: { text: String(value), number: null }, shown: value };
}

/** Stores checked values (null deletes); returns custom.key → [before, after] for what changed. */
export async function writeCustomValues(trx: Transaction<Database>, recordId: number, checked: readonly Checked[]) {
  const changes: Record<string, [unknown, unknown]> = {};
  if (checked.length === 0) return changes;
  const before = (await readCustomValues(trx, [recordId])).get(recordId) ?? {};
  for (const { field, stored, shown } of checked) {
    const old = before[field.key] ?? null;
    if (old === shown) continue;
    changes[`custom.${field.key}`] = [old, shown];
    await trx.deleteFrom('record_custom_values').where('record_id', '=', recordId).where('field_id', '=', field.id).execute();
    if (stored) {
      await trx
        .insertInto('record_custom_values')
        .values({ record_id: recordId, field_id: field.id, text_value: stored.text, number_value: stored.number })
        .execute();
    }
  }
  return changes;
}

/** Custom values of a page of records in one query; references shown by number, users by id. */
export async function readCustomValues(db: Kysely<Database>, ids: readonly number[]): Promise<Map<number, Record<string, unknown>>> {
  const result = new Map<number, Record<string, unknown>>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('record_custom_values as v')
    .innerJoin('custom_fields as f', 'f.id', 'v.field_id')
    .leftJoin('records as target', (join) => join.onRef('target.id', '=', 'v.number_value').on('f.kind', '=', 'reference'))
    .select(['v.record_id', 'f.key', 'f.kind', 'v.text_value', 'v.number_value', 'target.number as target_number'])
    .where('v.record_id', 'in', [...ids])
    .execute();
  for (const row of rows) {
    const values = result.get(row.record_id) ?? {};
    values[row.key] =
      row.kind === 'reference'
        ? row.target_number
        : row.kind === 'number' || row.kind === 'user'
          ? Number(row.number_value)
          : row.text_value;
    result.set(row.record_id, values);
  }
  return result;
}
