import {
  type Calendar,
  type CalendarDefinition,
  calendarDefinitionSchema,
  type Page,
  type StatutoryYear,
  statutoryYearSchema,
} from '@keel/shared';
import type { Kysely } from 'kysely';
import { containsText } from '../../db/like.js';
import type { CalendarRow, Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { BusinessCalendar } from '../../platform/calendar/business-time.js';
import { CHINA_STATUTORY_YEARS } from '../../platform/calendar/china.js';
import { withStatutoryYears } from '../../platform/calendar/statutory.js';
import { notFound } from '../../platform/errors.js';
import { pageBy } from '../../platform/http/pagination.js';

const SHIPPED: Record<string, readonly StatutoryYear[]> = { CN: CHINA_STATUTORY_YEARS };

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

/** A region's published years: those shipped with Keel, replaced year by year by imported ones. */
export async function statutoryYears(
  db: Kysely<Database>,
  region: string,
): Promise<(StatutoryYear & { origin: 'shipped' | 'imported' })[]> {
  const imported = await db.selectFrom('statutory_years').select(['year', 'schedule']).where('region', '=', region).execute();
  const byYear = new Map<number, StatutoryYear & { origin: 'shipped' | 'imported' }>();
  for (const year of SHIPPED[region] ?? []) byYear.set(year.year, { ...year, origin: 'shipped' });
  for (const row of imported) byYear.set(row.year, { ...statutoryYearSchema.parse(JSON.parse(row.schedule)), origin: 'imported' });
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The calendar as the arithmetic sees it: its own rules plus its region's statutory schedule. */
export async function businessCalendar(db: Kysely<Database>, calendar: Calendar): Promise<BusinessCalendar> {
  let definition: CalendarDefinition = calendar.definition;
  if (calendar.statutoryRegion) definition = withStatutoryYears(definition, await statutoryYears(db, calendar.statutoryRegion));
  return new BusinessCalendar(definition);
}
