import {
  type FilterCondition,
  type FilterField,
  type FilterScalar,
  recordExportQuerySchema,
  recordFilterFields,
  recordListQuerySchema,
  type Workflow,
} from '@keel/shared';
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { NO_DUE } from '../../db/sort-keys.js';
import { invalid } from '../errors.js';
import { searchTerms, type TextColumn, textCondition } from '../search/text-match.js';
import type { RecordTypeDefinition } from './record-type.js';

/** What a filter needs beyond its value: `me` is the caller, and text goes through the dialect's index. */
export type FilterContext = { dialect: Dialect; userId: number };

type RecordsEb = ExpressionBuilder<Database, 'records'>;

/**
 * A filterable field and the SQL of each of its conditions. The catalogue is an array of
 * these: base fields map to columns here; custom fields (stored in their own table) will add
 * targets whose `where` is an EXISTS on that table. Only names in the catalogue ever reach
 * SQL, and every value is a bound parameter.
 */
export type FilterTarget = {
  field: FilterField;
  where: (eb: RecordsEb, condition: FilterCondition, ctx: FilterContext) => Expression<SqlBool>;
};

const COLUMNS = {
  state: 'records.state',
  stateCategory: 'records.state_category',
  priority: 'records.priority',
  impact: 'records.impact',
  urgency: 'records.urgency',
  category: 'records.category',
  groupId: 'records.group_id',
  serviceId: 'records.service_id',
  source: 'records.source',
  assigneeId: 'records.assignee_id',
  requesterId: 'records.requester_id',
  organisationId: 'records.organisation_id',
  openedAt: 'records.opened_at',
  updatedAt: 'records.updated_at',
  resolvedAt: 'records.resolved_at',
  closedAt: 'records.closed_at',
} as const;
type FilterColumn = (typeof COLUMNS)[keyof typeof COLUMNS];

const TEXT_FIELDS: Record<string, TextColumn> = { title: 'title', description: 'description' };

function resolve(value: FilterScalar, ctx: FilterContext): FilterScalar {
  return value === 'me' ? ctx.userId : value;
}

function columnTarget(field: FilterField, column: FilterColumn): FilterTarget {
  return {
    field,
    where: (eb, condition, ctx) => {
      const ref = eb.ref(column);
      switch (condition.op) {
        case 'eq': {
          const values = condition.values.map((v) => resolve(v, ctx));
          const [only] = values;
          return values.length === 1 && only !== undefined ? eb(ref, '=', only) : eb(ref, 'in', values);
        }
        case 'gte':
          return eb(ref, '>=', resolve(condition.value, ctx));
        case 'lte':
          return eb(ref, '<=', resolve(condition.value, ctx));
        case 'empty':
          return condition.value ? eb(ref, 'is', null) : eb(ref, 'is not', null);
        case 'text':
          throw new Error(`${field.key} has no text operator`);
      }
    },
  };
}

/** `groupId=mine` is every group the caller belongs to (the "my groups' queue"), alone or with other ids. */
function groupTarget(field: FilterField): FilterTarget {
  const plain = columnTarget(field, COLUMNS.groupId);
  return {
    field,
    where: (eb, condition, ctx) => {
      if (condition.op !== 'eq' || !condition.values.includes('mine')) return plain.where(eb, condition, ctx);
      const mine = eb('records.group_id', 'in', eb.selectFrom('group_members').select('group_id').where('user_id', '=', ctx.userId));
      const others = condition.values.filter((v) => v !== 'mine');
      return others.length === 0 ? mine : eb.or([mine, plain.where(eb, { ...condition, values: others }, ctx)]);
    },
  };
}

/**
 * The earliest running SLA due time, compared through the same expression the "most urgent
 * first" index holds (records without a clock sort last), so "at risk" is an index range.
 */
function slaDueTarget(field: FilterField): FilterTarget {
  const due = sql<number>`coalesce(${sql.ref('records.sla_due_at')}, ${sql.lit(NO_DUE)})`;
  return {
    field,
    where: (eb, condition) => {
      switch (condition.op) {
        case 'gte':
          return eb(due, '>=', Number(condition.value));
        case 'lte':
          return eb(due, '<=', Number(condition.value));
        case 'empty':
          return condition.value ? eb('records.sla_due_at', 'is', null) : eb('records.sla_due_at', 'is not', null);
        default:
          throw new Error(`${field.key} has only range and empty`);
      }
    },
  };
}

function textTarget(field: FilterField, column: TextColumn): FilterTarget {
  return {
    field,
    where: (_eb, condition, ctx) => {
      if (condition.op !== 'text') throw new Error(`${field.key} has only the text operator`);
      return textCondition(ctx.dialect, [column], searchTerms(condition.value));
    },
  };
}

function isColumnField(key: string): key is keyof typeof COLUMNS {
  return Object.hasOwn(COLUMNS, key);
}

export type RecordQuerySchemas = {
  fields: FilterField[];
  list: ReturnType<typeof recordListQuerySchema>;
  export: ReturnType<typeof recordExportQuerySchema>;
};

const schemas = new WeakMap<RecordTypeDefinition, RecordQuerySchemas>();

/** The list and export query schemas of a type, built once; states are not listed, since an administrator may edit the workflow. */
export function recordQuerySchemas(def: RecordTypeDefinition): RecordQuerySchemas {
  const cached = schemas.get(def);
  if (cached) return cached;
  const fields = recordFilterFields();
  const built = { fields, list: recordListQuerySchema(fields), export: recordExportQuerySchema(fields) };
  schemas.set(def, built);
  return built;
}

const catalogues = new WeakMap<RecordTypeDefinition, FilterTarget[]>();

/** A type's filter catalogue: the base fields (states from its workflow), built once per type. */
export function recordFilterCatalogue(def: RecordTypeDefinition): FilterTarget[] {
  const cached = catalogues.get(def);
  if (cached) return cached;
  const catalogue = buildCatalogue(def);
  catalogues.set(def, catalogue);
  return catalogue;
}

function buildCatalogue(def: RecordTypeDefinition): FilterTarget[] {
  return recordQuerySchemas(def).fields.map((field) => {
    const text = TEXT_FIELDS[field.key];
    if (text) return textTarget(field, text);
    if (field.key === 'groupId') return groupTarget(field);
    if (field.key === 'slaDueAt') return slaDueTarget(field);
    if (isColumnField(field.key)) return columnTarget(field, COLUMNS[field.key]);
    throw new Error(`The filter ${field.key} has no column`);
  });
}

/** All conditions, AND-ed. A condition naming a field outside the catalogue is a programming error (the schema refused it). */
export function filterWhere(catalogue: readonly FilterTarget[], conditions: readonly FilterCondition[], ctx: FilterContext) {
  return (eb: RecordsEb) => {
    const parts = conditions.map((condition) => {
      const target = catalogue.find((t) => t.field.key === condition.field);
      if (!target) throw new Error(`Unknown filter field ${condition.field}`);
      return target.where(eb, condition, ctx);
    });
    return eb.and(parts);
  };
}

const OPERATOR_SYNTAX: Record<FilterField['operators'][number], (key: string) => string> = {
  eq: (key) => `${key}=a,b`,
  range: (key) => `${key}.gte=…&${key}.lte=…`,
  empty: (key) => `${key}.empty=true|false`,
  text: (key) => `${key}.text=…`,
};

/** The catalogue as API documentation: every parameter the list and export accept. */
export function filterDescription(fields: readonly FilterField[]): string {
  const lines = fields.map((f) => `- ${f.operators.map((op) => `\`${OPERATOR_SYNTAX[op](f.key)}\``).join(', ')}`);
  return [
    'Filters (AND-ed; a comma lists alternatives, `\\,` is a literal comma; ids take `me`, `groupId` also `mine` (all my groups); times are ISO-8601 with an offset):',
    ...lines,
    '`q` searches number, title and description. `sort`: number, updatedAt, openedAt, priority (`-` for descending).',
  ].join('\n');
}

/** A `state` filter names states of the workflow in force (an administrator may have changed it): another is a 400 naming `state`. */
export function assertKnownStates(filters: readonly FilterCondition[], workflow: Workflow): void {
  const known = new Set(workflow.states.map((s) => s.key));
  for (const f of filters) {
    if (f.field === 'state' && f.op === 'eq' && f.values.some((v) => !known.has(String(v)))) {
      throw invalid('state', 'No such state in this workflow');
    }
  }
}
