import type { CustomField, FilterCondition, FilterScalar } from '@keel/shared';
import { type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../../../db/schema.js';
import { invalid } from '../../errors.js';
import type { FilterTarget } from '../filters.js';
import { checkValue } from './values.js';

type RecordsEb = ExpressionBuilder<Database, 'records'>;

/** Kinds stored as numbers (user ids, record ids, numbers); the rest as text (dates as YYYY-MM-DD sort as text). */
const NUMERIC = new Set<CustomField['kind']>(['number', 'user', 'reference']);
const RANGED = new Set<CustomField['kind']>(['number', 'date']);

const paramOf = (c: FilterCondition) => (c.op === 'eq' ? c.field : `${c.field}.${c.op}`);

/** A value from the query string as the field stores it, or a 400 naming the parameter. */
function typed(field: CustomField, raw: FilterScalar, param: string, userId: number): FilterScalar {
  if (field.kind === 'user' && raw === 'me') return userId;
  const value = NUMERIC.has(field.kind) && field.kind !== 'reference' ? Number(raw) : String(raw);
  const problem = checkValue(field, value);
  if (problem) throw invalid(param, problem);
  return value;
}

/**
 * Checks the custom-field conditions of a list against the type's fields (only indexed,
 * active ones can be filtered, with operators their kind allows) and types their values.
 */
export function checkCustomFilters(filters: readonly FilterCondition[], fields: readonly CustomField[], userId: number): FilterCondition[] {
  return filters.map((c) => {
    if (!c.field.startsWith('custom.')) return c;
    const param = paramOf(c);
    const field = fields.find((f) => `custom.${f.key}` === c.field && f.indexed && f.active);
    if (!field) throw invalid(param, 'No such indexed custom field');
    if ((c.op === 'gte' || c.op === 'lte') && !RANGED.has(field.kind)) throw invalid(param, 'This field has no range');
    if (c.op === 'eq') return { ...c, values: c.values.map((v) => typed(field, v, param, userId)) };
    if (c.op === 'gte' || c.op === 'lte') return { ...c, value: typed(field, c.value, param, userId) };
    return c;
  });
}

/** Records holding a value of the field (that meets `condition`): an index range on (field_id, value, record_id). */
function holding(eb: RecordsEb, field: CustomField, condition: RawBuilder<SqlBool> | null) {
  let values = eb.selectFrom('record_custom_values as v').select('v.record_id').where('v.field_id', '=', field.id);
  if (condition) values = values.where(condition);
  return eb('records.id', 'in', values);
}

/** The filter targets of a type's indexed custom fields, joined to the base catalogue per request. */
export function customFilterTargets(fields: readonly CustomField[]): FilterTarget[] {
  return fields
    .filter((f) => f.indexed && f.active)
    .map((field) => ({
      field: { key: `custom.${field.key}`, value: { kind: 'text', max: 4000 }, operators: ['eq', 'range', 'empty'] },
      where: (eb, c) => {
        const column = sql.ref(NUMERIC.has(field.kind) ? 'v.number_value' : 'v.text_value');
        if (c.op === 'empty') {
          const any = holding(eb, field, null);
          return c.value ? eb.not(any) : any;
        }
        if (c.op === 'gte' || c.op === 'lte') {
          return holding(eb, field, sql<SqlBool>`${column} ${sql.raw(c.op === 'gte' ? '>=' : '<=')} ${c.value}`);
        }
        if (c.op !== 'eq') throw new Error('Custom fields have no text operator');
        // A reference is stored as the record's id; the filter names record numbers.
        const values =
          field.kind === 'reference' ? sql`(select id from records where number in (${sql.join(c.values)}))` : sql`(${sql.join(c.values)})`;
        return holding(eb, field, sql<SqlBool>`${column} in ${values}`);
      },
    }));
}
