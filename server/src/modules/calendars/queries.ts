import { type Calendar, calendarDefinitionSchema, type Page } from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { CalendarRow, Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { notFound } from '../../platform/errors.js';
import { pageBy } from '../../platform/http/pagination.js';

export function presentCalendar(row: CalendarRow): Calendar {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    definition: calendarDefinitionSchema.parse(JSON.parse(row.definition)),
    statutoryRegion: row.statutory_region,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: row.version,
  };
}

export async function listCalendars(db: Kysely<Database>, query: { limit: number; cursor?: string; q?: string }): Promise<Page<Calendar>> {
  let q = db.selectFrom('calendars').selectAll();
  if (query.q) {
    const term = query.q;
    q = q.where((eb) => containsText(eb.ref('name'), term));
  }
  const { rows, nextCursor } = await pageBy(q, {
    sort: { column: 'name_key', descending: false },
    idColumn: 'id',
    limit: query.limit,
    cursor: query.cursor,
    valueOf: (row) => row.name_key,
  });
  return { items: rows.map(presentCalendar), nextCursor };
}

export async function getCalendar(db: Kysely<Database>, id: number): Promise<Calendar> {
  const row = await db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('calendar');
  return presentCalendar(row);
}
