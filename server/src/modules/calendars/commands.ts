import type { CreateCalendar, StatutoryYear, UpdateCalendar } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type AuditContext, appendAudit, createdFields, diffFields } from '../../platform/audit/append.js';
import { invalid, notFound } from '../../platform/errors.js';
import { assertUpdated, checkVersion } from '../../platform/http/etag.js';

type Trx = Transaction<Database>;

export async function createCalendar(trx: Trx, ctx: AuditContext, input: CreateCalendar): Promise<number> {
  const now = Date.now();
  const row = await trx
    .insertInto('calendars')
    .values({
      name: input.name,
      name_key: input.name.toLowerCase(),
      description: input.description ?? '',
      definition: JSON.stringify(input.definition),
      statutory_region: input.statutoryRegion ?? null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'calendar.created',
    objectType: 'calendar',
    objectId: row.id,
    objectLabel: input.name,
    changes: createdFields({ name: input.name, timeZone: input.definition.timeZone, statutoryRegion: input.statutoryRegion }),
  });
  return row.id;
}

export async function updateCalendar(
  trx: Trx,
  ctx: AuditContext,
  input: { id: number; expectedVersion: number | null; patch: UpdateCalendar },
) {
  const before = await trx.selectFrom('calendars').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('calendar');
  checkVersion(input.expectedVersion, before.version);
  const { patch } = input;
  const fields = {
    name: patch.name,
    description: patch.description,
    definition: patch.definition ? JSON.stringify(patch.definition) : undefined,
    statutory_region: patch.statutoryRegion,
  };
  const changes = diffFields(before, fields);
  if (changes.definition) changes.definition = [JSON.parse(before.definition), patch.definition];
  if (Object.keys(changes).length === 0) return;
  const result = await trx
    .updateTable('calendars')
    .set((eb) => ({ ...fields, name_key: fields.name?.toLowerCase(), updated_at: Date.now(), version: eb('version', '+', 1) }))
    .where('id', '=', input.id)
    .where('version', '=', before.version)
    .executeTakeFirst();
  assertUpdated(result);
  await appendAudit(trx, ctx, {
    action: 'calendar.updated',
    objectType: 'calendar',
    objectId: input.id,
    objectLabel: before.name,
    changes,
  });
}

export async function deleteCalendar(trx: Trx, ctx: AuditContext, input: { id: number; expectedVersion: number | null }) {
  const before = await trx.selectFrom('calendars').selectAll().where('id', '=', input.id).executeTakeFirst();
  if (!before) throw notFound('calendar');
  checkVersion(input.expectedVersion, before.version);
  await trx.deleteFrom('calendars').where('id', '=', input.id).execute();
  await appendAudit(trx, ctx, {
    action: 'calendar.deleted',
    objectType: 'calendar',
    objectId: input.id,
    objectLabel: before.name,
    changes: { name: [before.name, null] },
  });
}

/** Imports (or replaces) one published year; every date must lie in that year. */
export async function importStatutoryYear(trx: Trx, ctx: AuditContext, schedule: StatutoryYear): Promise<void> {
  const prefix = `${schedule.year}-`;
  const dates = [...schedule.holidays.flatMap((h) => [h.from, h.to]), ...schedule.workdays.map((w) => w.date)];
  const stray = dates.find((d) => !d.startsWith(prefix));
  if (stray) throw invalid('holidays', `${stray} is not in ${schedule.year}`);
  const backwards = schedule.holidays.find((h) => h.to < h.from);
  if (backwards) throw invalid('holidays', `${backwards.from} – ${backwards.to} ends before it starts`);
  const json = JSON.stringify(schedule);
  await trx
    .insertInto('statutory_years')
    .values({ region: schedule.region, year: schedule.year, schedule: json, imported_at: Date.now() })
    .onConflict((oc) => oc.columns(['region', 'year']).doUpdateSet({ schedule: json, imported_at: Date.now() }))
    .execute();
  await appendAudit(trx, ctx, {
    action: 'calendar.statutory_year_imported',
    objectType: 'statutory_year',
    objectId: `${schedule.region}-${schedule.year}`,
    objectLabel: schedule.source,
    changes: { holidays: [null, schedule.holidays.length], workdays: [null, schedule.workdays.length] },
  });
}
