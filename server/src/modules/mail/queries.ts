import type { ListMailMessagesQuery, MailMessage, Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';

/** Inbound mail newest first, with the record each one raised or answered (by number). */
export async function listMailMessages(db: Kysely<Database>, query: ListMailMessagesQuery): Promise<Page<MailMessage>> {
  let q = db
    .selectFrom('mail_messages')
    .leftJoin('records', 'records.id', 'mail_messages.record_id')
    .selectAll('mail_messages')
    .select('records.number as record_number');
  if (query.outcome) q = q.where('mail_messages.outcome', '=', query.outcome);
  if (query.cursor) q = q.where('mail_messages.id', '<', decodeCursor(query.cursor)[1]);
  const rows = await q
    .orderBy('mail_messages.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      messageId: row.message_id,
      sender: row.sender,
      subject: row.subject,
      outcome: row.outcome,
      reason: row.reason,
      recordNumber: row.record_number,
      size: row.size,
      receivedAt: iso(row.received_at),
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(null, last.id) : null,
  };
}
