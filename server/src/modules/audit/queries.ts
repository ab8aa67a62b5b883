import type { AuditEvent, ListAuditQuery, Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { AuditEventRow, Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';

type Filters = Omit<ListAuditQuery, 'limit' | 'cursor'>;

export function presentAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    at: iso(row.at),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    objectLabel: row.object_label,
    changes: JSON.parse(row.changes),
    ip: row.ip,
    requestId: row.request_id,
    hash: row.hash,
  };
}

/** Events newest first; every filter is served by an index that ends in id. */
export function filteredEvents(db: Kysely<Database>, filters: Filters) {
  let q = db.selectFrom('audit_events').selectAll();
  if (filters.action) q = q.where('action', '=', filters.action);
  if (filters.objectType) q = q.where('object_type', '=', filters.objectType);
  if (filters.objectId) q = q.where('object_id', '=', filters.objectId);
  if (filters.actorId) q = q.where('actor_id', '=', filters.actorId);
  if (filters.from) q = q.where('at', '>=', Date.parse(filters.from));
  if (filters.to) q = q.where('at', '<', Date.parse(filters.to));
  return q.orderBy('id', 'desc');
}

export async function listAuditEvents(db: Kysely<Database>, query: ListAuditQuery): Promise<Page<AuditEvent>> {
  let q = filteredEvents(db, query);
  if (query.cursor) {
    const [, id] = decodeCursor(query.cursor);
    q = q.where('id', '<', id);
  }
  const rows = await q.limit(query.limit + 1).execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const last = page[page.length - 1];
  return { items: page.map(presentAuditEvent), nextCursor: more && last ? encodeCursor(null, last.id) : null };
}
