import { LOW_RATING_MAX, type RateTicket, type RatingSummary, type RatingSummaryQuery, type TicketRating } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import { isUniqueViolation } from '../../db/errors.js';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import type { Actor } from '../../platform/access/actor.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { type AuditContext, appendAudit } from '../../platform/audit/append.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { notifyRecordOf } from '../../platform/notify/audience.js';
import { notify } from '../../platform/notify/notify.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { recordVisibility } from '../../platform/records/visibility.js';

type Trx = Transaction<Database>;

/** The record as the caller may see it (404 otherwise), with what rating needs. */
async function visibleRecord(db: Kysely<Database>, def: RecordTypeDefinition, actor: Actor, number: string) {
  const record = await db
    .selectFrom('records')
    .leftJoin('groups', 'groups.id', 'records.group_id')
    .select([
      'records.id',
      'records.type',
      'records.number',
      'records.title',
      'records.state_category',
      'records.requester_id',
      'records.organisation_id',
      'groups.lead_id',
    ])
    .where('records.type', '=', def.key)
    .where('records.number', '=', number)
    .where(recordVisibility(visibilityOf(actor)))
    .executeTakeFirst();
  if (!record) throw notFound(def.key);
  return record;
}

/**
 * A satisfaction rating (P-5.3): once per closed ticket, by its requester or a colleague of
 * their organisation who may see it. A low one (≤ 2) tells the lead of the ticket's group.
 */
export async function rateTicket(trx: Trx, ctx: AuditContext, def: RecordTypeDefinition, actor: Actor, number: string, input: RateTicket) {
  const record = await visibleRecord(trx, def, actor, number);
  const mayRate =
    record.requester_id === actor.userId ||
    (actor.kind === 'customer' &&
      actor.seesOrganisationRecords &&
      record.organisation_id !== null &&
      record.organisation_id === actor.organisationId);
  if (!mayRate) throw forbidden('Only the requester or their organisation rates a ticket');
  if (record.state_category !== 'closed') throw new AppError('conflict', 'Only a closed ticket can be rated');
  const now = Date.now();
  try {
    await trx
      .insertInto('ticket_ratings')
      .values({ record_id: record.id, score: input.score, comment: input.comment?.trim() ?? '', rated_by: actor.userId, rated_at: now })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'This ticket has already been rated');
    throw error;
  }
  if (input.score <= LOW_RATING_MAX && record.lead_id !== null) {
    await notify(trx, ctx, {
      event: 'low_rating',
      params: { score: input.score },
      recipients: [record.lead_id],
      record: notifyRecordOf(def, record),
      source: 'rating',
      staffOnly: true,
    });
  }
  await appendAudit(trx, ctx, {
    action: 'record.rated',
    objectType: def.key,
    objectId: record.id,
    objectLabel: record.number,
    changes: { rating: [null, { score: input.score, comment: input.comment?.trim() ?? '' }] },
  });
}

export async function ratingOf(
  db: Kysely<Database>,
  def: RecordTypeDefinition,
  actor: Actor,
  number: string,
): Promise<TicketRating | null> {
  const record = await visibleRecord(db, def, actor, number);
  const row = await db
    .selectFrom('ticket_ratings')
    .leftJoin('users', 'users.id', 'ticket_ratings.rated_by')
    .select(['ticket_ratings.score', 'ticket_ratings.comment', 'ticket_ratings.rated_by', 'ticket_ratings.rated_at', 'users.display_name'])
    .where('ticket_ratings.record_id', '=', record.id)
    .executeTakeFirst();
  if (!row) return null;
  return { score: row.score, comment: row.comment, ratedById: row.rated_by, ratedByName: row.display_name, ratedAt: iso(row.rated_at) };
}

/** Count, average and distribution of the ratings given in a period, for one service and/or group. */
export async function ratingSummary(db: Kysely<Database>, query: RatingSummaryQuery): Promise<RatingSummary> {
  let q = db
    .selectFrom('ticket_ratings')
    .innerJoin('records', 'records.id', 'ticket_ratings.record_id')
    .select(['ticket_ratings.score', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('ticket_ratings.score');
  if (query.from) q = q.where('ticket_ratings.rated_at', '>=', Date.parse(query.from));
  if (query.to) q = q.where('ticket_ratings.rated_at', '<=', Date.parse(query.to));
  if (query.serviceId !== undefined) q = q.where('records.service_id', '=', query.serviceId);
  if (query.groupId !== undefined) q = q.where('records.group_id', '=', query.groupId);
  const rows = await q.execute();
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  let count = 0;
  let total = 0;
  for (const row of rows) {
    const score = Number(row.score) as 1 | 2 | 3 | 4 | 5;
    const n = Number(row.n);
    if (!(score in distribution)) continue;
    distribution[score] = n;
    count += n;
    total += n * score;
  }
  return { count, average: count === 0 ? null : Math.round((total / count) * 100) / 100, distribution };
}
