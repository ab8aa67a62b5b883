import type { ChildRecord } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Visibility } from '../access/visibility.js';
import { invalid } from '../errors.js';
import type { RecordTypeDefinition } from './record-type.js';
import { recordVisibility } from './visibility.js';

/** Categories in which a child counts as finished for its parent. */
export const FINISHED = ['resolved', 'closed', 'cancelled'] as const;
const MAX_DEPTH = 20;

/** The parent named by number, visible to the writer; 400 naming `parent` otherwise. */
export async function resolveParent(db: Kysely<Database>, number: string, visibility: Visibility) {
  const parent = await db
    .selectFrom('records')
    .select(['id', 'number', 'type', 'parent_id'])
    .where('number', '=', number)
    .where(recordVisibility(visibility))
    .executeTakeFirst();
  if (!parent) throw invalid('parent', 'No such record');
  return parent;
}

/** Walks up from the new parent: meeting the record itself would make a loop. */
export async function assertNoLoop(db: Kysely<Database>, recordId: number, parentId: number) {
  let current: number | null = parentId;
  for (let depth = 0; current !== null; depth++) {
    if (current === recordId) throw invalid('parent', 'A record cannot sit under itself or its own children');
    if (depth >= MAX_DEPTH) throw invalid('parent', `At most ${MAX_DEPTH} levels of children`);
    const row: { parent_id: number | null } | undefined = await db
      .selectFrom('records')
      .select('parent_id')
      .where('id', '=', current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
  }
}

/** Child counts for a page of records in one grouped, indexed query. */
export async function childRollups(db: Kysely<Database>, ids: readonly number[]) {
  const result = new Map<number, { total: number; open: number }>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('records')
    .select((eb) => [
      'parent_id',
      eb.fn.countAll<number>().as('total'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when('state_category', 'in', [...FINISHED])
            .then(0)
            .else(1)
            .end(),
        )
        .as('open'),
    ])
    .where('parent_id', 'in', [...ids])
    .groupBy('parent_id')
    .execute();
  for (const row of rows) if (row.parent_id !== null) result.set(row.parent_id, { total: Number(row.total), open: Number(row.open) });
  return result;
}

/** The children of a record that the caller may see, oldest first. */
export async function listChildren(
  db: Kysely<Database>,
  parentId: number,
  visibility: Visibility,
  types: readonly RecordTypeDefinition[],
): Promise<ChildRecord[]> {
  const rows = await db
    .selectFrom('records')
    .leftJoin('users as assignee', 'assignee.id', 'records.assignee_id')
    .leftJoin('groups', 'groups.id', 'records.group_id')
    .select(['records.type', 'records.number', 'records.title', 'records.state', 'records.state_category'])
    .select(['assignee.display_name as assignee_name', 'groups.name as group_name'])
    .where('records.parent_id', '=', parentId)
    .where(recordVisibility(visibility))
    .orderBy('records.id')
    .limit(500)
    .execute();
  const pathOf = new Map(types.map((t) => [t.key, t.path]));
  return rows.map((r) => ({
    type: r.type,
    path: pathOf.get(r.type) ?? r.type,
    number: r.number,
    title: r.title,
    state: r.state,
    stateCategory: r.state_category,
    assigneeName: r.assignee_name,
    groupName: r.group_name,
  }));
}
