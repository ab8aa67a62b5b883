import { DEFAULT_RECORD_COLUMNS, RECORD_COLUMNS, type RecordColumn, type SavedView } from '@keel/shared';
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Database, SavedViewTable } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { type Actor, can } from '../access/actor.js';
import { notFound } from '../errors.js';

export type SavedViewRow = Selectable<SavedViewTable> & { owner_name: string };

/** More than anyone keeps for one type; a cap keeps the unpaged list bounded. */
export const MAX_LISTED_VIEWS = 500;

/** A caller sees their own views and, if staff, the shared ones: shared views are a staff tool and may name internal groups. */
export function viewVisibility(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'saved_views'>) =>
    actor.kind === 'staff'
      ? eb.or([eb('saved_views.owner_id', '=', actor.userId), eb('saved_views.shared', '=', 1)])
      : eb('saved_views.owner_id', '=', actor.userId);
}

/** The owner edits their view; a shared one also whoever holds views.manage (and may write at all). */
export function mayEditView(actor: Actor, row: Pick<SavedViewRow, 'owner_id' | 'shared'>): boolean {
  if (row.owner_id === actor.userId) return true;
  return row.shared === 1 && can(actor, 'views.manage') && !actor.readOnly;
}

function views(db: Kysely<Database>) {
  return db
    .selectFrom('saved_views')
    .innerJoin('users as owner', 'owner.id', 'saved_views.owner_id')
    .selectAll('saved_views')
    .select('owner.display_name as owner_name');
}

function isColumn(value: unknown): value is RecordColumn {
  return typeof value === 'string' && (RECORD_COLUMNS as readonly string[]).includes(value);
}

function parseParams(json: string): Record<string, string> {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null) return {};
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function viewParams(row: Pick<SavedViewRow, 'params'>): Record<string, string> {
  return parseParams(row.params);
}

export function viewColumns(row: Pick<SavedViewRow, 'columns'>): RecordColumn[] {
  const parsed: unknown = JSON.parse(row.columns);
  const columns = Array.isArray(parsed) ? parsed.filter(isColumn) : [];
  return columns.length > 0 ? columns : [...DEFAULT_RECORD_COLUMNS];
}

export function presentView(row: SavedViewRow, actor: Actor): SavedView {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    shared: row.shared === 1,
    ownerId: row.owner_id,
    ownerName: row.owner_name,
    params: viewParams(row),
    columns: viewColumns(row),
    editable: mayEditView(actor, row),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

/** The caller's own views of a type first, then the shared ones, by name. */
export async function listViews(db: Kysely<Database>, actor: Actor, type: string): Promise<SavedView[]> {
  const rows = await views(db)
    .where('saved_views.type', '=', type)
    .where(viewVisibility(actor))
    .orderBy('saved_views.shared')
    .orderBy('saved_views.name_key')
    .orderBy('saved_views.id')
    .limit(MAX_LISTED_VIEWS)
    .execute();
  return rows.map((row) => presentView(row, actor));
}

/** One view the caller may see; another person's personal view is "not found", never "forbidden". */
export async function getVisibleView(db: Kysely<Database>, actor: Actor, id: number): Promise<SavedViewRow> {
  const row = await views(db).where('saved_views.id', '=', id).where(viewVisibility(actor)).executeTakeFirst();
  if (!row) throw notFound('saved view');
  return row;
}
