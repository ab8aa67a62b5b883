import { type Calendar, type CalendarDefinition, calendarDefinitionSchema, type StatutoryYear, statutoryYearSchema } from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { BusinessCalendar } from './business-time.js';
import { CHINA_STATUTORY_YEARS } from './china.js';
import { withStatutoryYears } from './statutory.js';

const SHIPPED: Record<string, readonly StatutoryYear[]> = { CN: CHINA_STATUTORY_YEARS };

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

/** A stored calendar ready for arithmetic, or null when it no longer exists. */
export async function businessCalendarById(db: Kysely<Database>, id: number): Promise<BusinessCalendar | null> {
  const row = await db.selectFrom('calendars').select(['definition', 'statutory_region']).where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  let definition: CalendarDefinition = calendarDefinitionSchema.parse(JSON.parse(row.definition));
  if (row.statutory_region) definition = withStatutoryYears(definition, await statutoryYears(db, row.statutory_region));
  return new BusinessCalendar(definition);
}
