import type { ListRecordsQuery, Page, RecordItem } from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { Database } from '../../db/schema.js';
import { iso, isoOrNull } from '../../db/time.js';
import type { Visibility } from '../access/visibility.js';
import { notFound } from '../errors.js';
import { pageBy, parseSort } from '../http/pagination.js';
import { readSlaClocks } from '../sla/clocks.js';
import { childRollups } from './children.js';
import { readCustomValues } from './custom-fields/values.js';
import { readExtensions } from './extension.js';
import type { RecordTypeDefinition } from './record-type.js';
import { recordVisibility } from './visibility.js';

const SORT_COLUMNS = { number: 'records.id', updatedAt: 'records.updated_at' } as const;

function baseQuery(db: Kysely<Database>, type: string) {
  return db
    .selectFrom('records')
    .leftJoin('users as requester', 'requester.id', 'records.requester_id')
    .leftJoin('users as assignee', 'assignee.id', 'records.assignee_id')
    .leftJoin('groups', 'groups.id', 'records.group_id')
    .leftJoin('records as parent', 'parent.id', 'records.parent_id')
    .selectAll('records')
    .select(['requester.display_name as requester_name', 'assignee.display_name as assignee_name', 'groups.name as group_name'])
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
    parentNumber: row.parent_number,
    ...more,
  };
}

/** Rows to records with their type's fields, custom values, child roll-up and SLA clocks: four queries per page, whatever its size. */
async function present(db: Kysely<Database>, def: RecordTypeDefinition, rows: Row[]): Promise<RecordData[]> {
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

export async function listRecords(
  db: Kysely<Database>,
  def: RecordTypeDefinition,
  visibility: Visibility,
  query: ListRecordsQuery,
): Promise<Page<RecordData>> {
  let q = baseQuery(db, def.key).where(recordVisibility(visibility));
  if (query.stateCategory) q = q.where('records.state_category', '=', query.stateCategory);
  if (query.groupId) q = q.where('records.group_id', '=', query.groupId);
  if (query.assigneeId) q = q.where('records.assignee_id', '=', query.assigneeId);
  if (query.q) {
    const term = query.q;
    q = q.where((eb) => eb.or([containsText(eb.ref('records.title'), term), containsText(eb.ref('records.number'), term)]));
  }
  const sort = parseSort(query.sort, SORT_COLUMNS, 'number');
  const { rows, nextCursor } = await pageBy(q, {
    sort: { column: sort.column, descending: query.sort ? sort.descending : true },
    idColumn: 'records.id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: (row) => (sort.column === 'records.updated_at' ? row.updated_at : row.id),
  });
  return { items: await present(db, def, rows), nextCursor };
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
  const [record] = await present(db, def, [row]);
  if (!record) throw notFound(def.key);
  return record;
}
