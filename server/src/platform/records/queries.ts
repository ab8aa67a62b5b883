import type { FilterCondition, Page, RecordItem, RecordListQuery, RecordSortField } from '@keel/shared';
import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { NO_DUE, NO_PRIORITY } from '../../db/sort-keys.js';
import { iso, isoOrNull } from '../../db/time.js';
import type { Actor } from '../access/actor.js';
import { type Visibility, visibilityOf } from '../access/visibility.js';
import { notFound } from '../errors.js';
import { pageBy } from '../http/pagination.js';
import { isIndexable, searchTerms, TEXT_COLUMNS, textCondition } from '../search/text-match.js';
import { readSlaClocks } from '../sla/clocks.js';
import { childRollups } from './children.js';
import { readCustomValues } from './custom-fields/values.js';
import { readExtensions } from './extension.js';
import { type FilterTarget, filterWhere, recordFilterCatalogue } from './filters.js';
import type { RecordTypeDefinition } from './record-type.js';
import { recordVisibility } from './visibility.js';

/** Who is reading: their row visibility, their id (for `me` in filters) and the dialect (for the text index). */
export type ReadScope = { visibility: Visibility; userId: number; dialect: Dialect };

export function readScopeOf(actor: Actor, dialect: Dialect): ReadScope {
  return { visibility: visibilityOf(actor), userId: actor.userId, dialect };
}

export function baseQuery(db: Kysely<Database>, type: string) {
  return db
    .selectFrom('records')
    .leftJoin('users as requester', 'requester.id', 'records.requester_id')
    .leftJoin('users as assignee', 'assignee.id', 'records.assignee_id')
    .leftJoin('groups', 'groups.id', 'records.group_id')
    .leftJoin('services', 'services.id', 'records.service_id')
    .leftJoin('records as parent', 'parent.id', 'records.parent_id')
    .selectAll('records')
    .select([
      'requester.display_name as requester_name',
      'assignee.display_name as assignee_name',
      'groups.name as group_name',
      'services.name as service_name',
    ])
    .select('parent.number as parent_number')
    .where('records.type', '=', type);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

export type RecordData = Omit<RecordItem, 'actions'>;

export function presentRecord(row: Row, more: Pick<RecordData, 'extension' | 'custom' | 'children' | 'sla'>): RecordData {
  return {
    id: row.id,
    type: row.type,
    number: row.number,
    title: row.title,
    description: row.description,
    state: row.state,
    stateCategory: row.state_category,
    impact: row.impact,
    urgency: row.urgency,
    priority: row.priority,
    category: row.category,
    serviceId: row.service_id,
    serviceName: row.service_name,
    requesterId: row.requester_id,
    requesterName: row.requester_name,
    organisationId: row.organisation_id,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    groupId: row.group_id,
    groupName: row.group_name,
    openedAt: iso(row.opened_at),
    updatedAt: iso(row.updated_at),
    resolvedAt: isoOrNull(row.resolved_at),
    closedAt: isoOrNull(row.closed_at),
    version: row.version,
    source: row.source,
    externalId: row.external_id,
    reassignmentCount: row.reassignment_count,
    reopenCount: row.reopen_count,
    parentNumber: row.parent_number,
    ...more,
  };
}

/** Rows to records with their type's fields, custom values, child roll-up and SLA clocks: four queries per page, whatever its size. */
export async function presentRecords(db: Kysely<Database>, def: RecordTypeDefinition, rows: Row[]): Promise<RecordData[]> {
  const ids = rows.map((r) => r.id);
  const [extensions, custom, children, sla] = await Promise.all([
    readExtensions(db, def, ids),
    readCustomValues(db, ids),
    childRollups(db, ids),
    readSlaClocks(db, ids),
  ]);
  return rows.map((row) =>
    presentRecord(row, {
      extension: extensions.get(row.id) ?? {},
      custom: custom.get(row.id) ?? {},
      children: children.get(row.id) ?? { total: 0, open: 0 },
      sla: sla.get(row.id) ?? [],
    }),
  );
}

/** On PostgreSQL, fewer text matches than this are found through the trigram indexes first, then listed by id. */
const RARE_TEXT = 2000;

/**
 * The condition for a list's free text `q`. On PostgreSQL an unordered probe asks the trigram
 * indexes how many records match: a rare term becomes `id in (…)` (the list then pages through
 * those by its own index), a common one stays a filter that the list's index order meets soon.
 * Without it the planner walks the list's index and filters every row for a rare term.
 */
export async function textFilter(
  db: Kysely<Database>,
  def: RecordTypeDefinition,
  scope: ReadScope,
  q: string | undefined,
): Promise<RawBuilder<boolean> | null> {
  const terms = q ? searchTerms(q) : [];
  if (terms.length === 0) return null;
  const condition = textCondition(scope.dialect, TEXT_COLUMNS, terms);
  if (scope.dialect === 'sqlite' || !terms.some(isIndexable)) return condition;
  const probe = await db
    .selectFrom('records')
    .select('records.id')
    .where('records.type', '=', def.key)
    .where(recordVisibility(scope.visibility))
    .where(condition)
    .limit(RARE_TEXT)
    .execute();
  if (probe.length === RARE_TEXT) return condition;
  if (probe.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`${sql.ref('records.id')} in (${sql.join(probe.map((r) => r.id))})`;
}

/** The records of a type that the caller may see and that match the filters and text: the list and the export share it. */
export function matchingRecords(
  db: Kysely<Database>,
  def: RecordTypeDefinition,
  scope: ReadScope,
  query: { text: RawBuilder<boolean> | null; filters: readonly FilterCondition[]; customTargets?: readonly FilterTarget[] },
) {
  let q = baseQuery(db, def.key).where(recordVisibility(scope.visibility));
  const catalogue = query.customTargets?.length ? [...recordFilterCatalogue(def), ...query.customTargets] : recordFilterCatalogue(def);
  if (query.filters.length > 0) q = q.where(filterWhere(catalogue, query.filters, scope));
  if (query.text) q = q.where(query.text);
  return q;
}

type SortRow = { id: number; updated_at: number; opened_at: number; priority: number | null; sla_due_at: number | null };

/** Each sort key has an index (type, key, id), so every page is one index range. */
const SORTS: Record<RecordSortField, { key: string | Expression<unknown>; valueOf: (row: SortRow) => number }> = {
  number: { key: 'records.id', valueOf: (row) => row.id },
  updatedAt: { key: sql.ref('records.updated_at'), valueOf: (row) => row.updated_at },
  openedAt: { key: sql.ref('records.opened_at'), valueOf: (row) => row.opened_at },
  priority: { key: sql`coalesce(${sql.ref('records.priority')}, ${sql.lit(NO_PRIORITY)})`, valueOf: (row) => row.priority ?? NO_PRIORITY },
  // Most urgent first when ascending: the earliest due time of the record's running SLA clocks.
  slaDueAt: { key: sql`coalesce(${sql.ref('records.sla_due_at')}, ${sql.lit(NO_DUE)})`, valueOf: (row) => row.sla_due_at ?? NO_DUE },
};

function isSortField(name: string): name is RecordSortField {
  return Object.hasOwn(SORTS, name);
}

/** `field` ascending, `-field` descending (names allow-listed by the schema); by default newest first. */
export function recordSort(sort: string | undefined) {
  const name = sort?.replace(/^-/, '') ?? 'number';
  const spec = SORTS[isSortField(name) ? name : 'number'];
  return { ...spec, descending: sort ? sort.startsWith('-') : true };
}

export async function listRecords(
  db: Kysely<Database>,
  def: RecordTypeDefinition,
  scope: ReadScope,
  query: RecordListQuery,
  customTargets: readonly FilterTarget[] = [],
): Promise<Page<RecordData>> {
  const sort = recordSort(query.sort);
  const text = await textFilter(db, def, scope, query.q);
  const { rows, nextCursor } = await pageBy(matchingRecords(db, def, scope, { text, filters: query.filters, customTargets }), {
    sort: { column: sort.key, descending: sort.descending },
    idColumn: 'records.id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: sort.valueOf,
  });
  return { items: await presentRecords(db, def, rows), nextCursor };
}

/** One record by number; "not found" also for a record the caller may not see. */
export async function getRecord(
  db: Kysely<Database>,
  def: RecordTypeDefinition,
  visibility: Visibility,
  number: string,
): Promise<RecordData> {
  const row = await baseQuery(db, def.key).where('records.number', '=', number).where(recordVisibility(visibility)).executeTakeFirst();
  if (!row) throw notFound(def.key);
  const [record] = await presentRecords(db, def, [row]);
  if (!record) throw notFound(def.key);
  return record;
}
