import { type ListNotificationsQuery, type Notification, notificationSchema, type Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso, isoOrNull } from '../../db/time.js';
import { notFound } from '../errors.js';
import { decodeCursor, encodeCursor } from '../http/pagination.js';
import type { RecordTypeDefinition } from '../records/record-type.js';

type Row = Awaited<ReturnType<ReturnType<typeof inboxOf>['executeTakeFirstOrThrow']>>;

/** Every query here starts from the caller's own rows: no other user's notification can come back. */
function inboxOf(db: Kysely<Database>, userId: number) {
  return db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
}

/** Web paths of what notifications may be about besides records. */
const SUBJECT_PATHS: Record<string, string> = { agreement: 'agreements' };

function present(row: Row, types: readonly RecordTypeDefinition[]): Notification {
  // Parsing ties the stored parameters to their event; the row was written from the same schema.
  return notificationSchema.parse({
    id: row.id,
    event: row.event,
    params: JSON.parse(row.params),
    record: {
      type: row.record_type,
      path: types.find((t) => t.key === row.record_type)?.path ?? SUBJECT_PATHS[row.record_type] ?? row.record_type,
      number: row.record_number,
      title: row.record_title,
    },
    actorName: row.actor_name,
    createdAt: iso(row.created_at),
    readAt: isoOrNull(row.read_at),
  });
}

/** Newest first, keyset-paged on id. */
export async function listNotifications(
  db: Kysely<Database>,
  userId: number,
  types: readonly RecordTypeDefinition[],
  query: ListNotificationsQuery,
): Promise<Page<Notification>> {
  let q = inboxOf(db, userId);
  if (query.unread) q = q.where('read_at', 'is', null);
  if (query.cursor) q = q.where('id', '<', decodeCursor(query.cursor)[1]);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => present(row, types)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(null, last.id) : null,
  };
}

/** One range of the (user_id, read_at, id) index. */
export async function unreadCount(db: Kysely<Database>, userId: number): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Marks one of the caller's notifications read (again is fine); another user's is "not found". */
export async function markNotificationRead(
  db: Kysely<Database>,
  userId: number,
  types: readonly RecordTypeDefinition[],
  id: number,
): Promise<Notification> {
  await db
    .updateTable('notifications')
    .set({ read_at: Date.now() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
  const row = await inboxOf(db, userId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('notification');
  return present(row, types);
}

/** Marks the caller's unread notifications read, up to `upToId` when given; returns how many. */
export async function markAllNotificationsRead(db: Kysely<Database>, userId: number, upToId?: number): Promise<number> {
  let q = db.updateTable('notifications').set({ read_at: Date.now() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (upToId !== undefined) q = q.where('id', '<=', upToId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
