import { type Kysely, sql, type Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/schema.js';
import { AppError } from '../errors.js';
import type { ExtensionField, RecordExtension, RecordTypeDefinition } from './record-type.js';

type Values = Record<string, string | number | boolean | null>;
type Changes = Record<string, [unknown, unknown]>;

/** The request shape of a type's own fields, on create (required ones required) or on update (all optional). */
export function extensionSchema(ext: RecordExtension, mode: 'create' | 'update') {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, field] of Object.entries(ext.fields)) {
    if (field.readOnly) continue;
    shape[name] = field.required ? (mode === 'create' ? field.schema : field.schema.optional()) : field.schema.nullable().optional();
  }
  return z.strictObject(shape);
}

/** Checks a type's fields again inside the command, so every caller (routes, bulk, import) gets the same rules. */
function parse(def: RecordTypeDefinition, input: Record<string, unknown> | undefined, mode: 'create' | 'update'): Values {
  if (!def.extension) {
    if (input && Object.keys(input).length > 0) throw new AppError('validation_failed', `A ${def.key} has no extension fields`);
    return {};
  }
  const result = extensionSchema(def.extension, mode).safeParse(input ?? {});
  if (!result.success) {
    const errors = result.error.issues.map((i) => ({ path: ['extension', ...i.path.map(String)].join('.'), message: i.message }));
    throw new AppError('validation_failed', 'Some fields are not valid.', { errors });
  }
  const values: Values = {};
  for (const [name, value] of Object.entries(result.data)) {
    if (value === undefined) continue;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') values[name] = value;
  }
  return values;
}

function toColumn(field: ExtensionField, value: string | number | boolean | null): string | number | null {
  if (value === null) return null;
  if (field.kind === 'time' && typeof value === 'string') return Date.parse(value);
  if (field.kind === 'boolean') return value ? 1 : 0;
  return typeof value === 'boolean' ? Number(value) : value;
}

function fromColumn(field: ExtensionField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.kind === 'time') return new Date(Number(value)).toISOString();
  if (field.kind === 'boolean') return Number(value) === 1;
  if (field.kind === 'number') return Number(value);
  return value;
}

/** Writes the type's row for a new record; returns the fields given, for the audit event. */
export async function insertExtension(
  trx: Transaction<Database>,
  def: RecordTypeDefinition,
  recordId: number,
  input?: Record<string, unknown>,
) {
  const values = parse(def, input, 'create');
  const ext = def.extension;
  if (!ext) return values;
  const entries = Object.entries(values).flatMap(([name, value]) => {
    const field = ext.fields[name];
    return field ? [{ column: field.column, value: toColumn(field, value) }] : [];
  });
  const columns = [sql.ref('record_id'), ...entries.map((e) => sql.ref(e.column))];
  const params = [sql`${recordId}`, ...entries.map((e) => sql`${e.value}`)];
  await sql`insert into ${sql.table(ext.table)} (${sql.join(columns)}) values (${sql.join(params)})`.execute(trx);
  return values;
}

/** Applies a patch to the type's fields; returns field → [before, after] for what really changed. */
export async function updateExtension(
  trx: Transaction<Database>,
  def: RecordTypeDefinition,
  recordId: number,
  input?: Record<string, unknown>,
): Promise<Changes> {
  const values = parse(def, input, 'update');
  const ext = def.extension;
  if (!ext || Object.keys(values).length === 0) return {};
  const before = (await readExtensions(trx, def, [recordId])).get(recordId) ?? {};
  const changes: Changes = {};
  const sets = [];
  for (const [name, value] of Object.entries(values)) {
    const field = ext.fields[name];
    if (!field) continue;
    const after = fromColumn(field, toColumn(field, value));
    if (before[name] === after) continue;
    changes[`extension.${name}`] = [before[name] ?? null, after];
    sets.push(sql`${sql.ref(field.column)} = ${toColumn(field, value)}`);
  }
  if (sets.length > 0) await sql`update ${sql.table(ext.table)} set ${sql.join(sets)} where record_id = ${recordId}`.execute(trx);
  return changes;
}

/** The type's fields for a page of records in one query (never one per record). */
export async function readExtensions(
  db: Kysely<Database>,
  def: RecordTypeDefinition,
  ids: readonly number[],
): Promise<Map<number, Record<string, unknown>>> {
  const result = new Map<number, Record<string, unknown>>();
  const ext = def.extension;
  if (!ext || ids.length === 0) return result;
  const { rows } = await sql<
    Record<string, unknown>
  >`select * from ${sql.table(ext.table)} where record_id in (${sql.join([...ids])})`.execute(db);
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(ext.fields)) values[name] = fromColumn(field, row[field.column]);
    result.set(Number(row.record_id), values);
  }
  return result;
}
