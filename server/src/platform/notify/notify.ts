import type { NotificationEvent, NotificationParams } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AuditContext } from '../audit/append.js';
import { enqueueJob } from '../jobs/queue.js';
import { audienceOf, type NotifyRecord } from './audience.js';
import { MAIL_JOB, type MailJobPayload } from './mail/payload.js';
import { channelsFor } from './preferences.js';

export type { NotifyRecord };

/** One event for some people; `params` are typed by the event (NOTIFICATION_PARAMS). */
export type NotifyInput = {
  [E in NotificationEvent]: {
    event: E;
    params: NotificationParams[E];
    /** User ids; the actor, disabled users and anyone who may not see the record are left out here. */
    recipients: readonly number[];
    record: NotifyRecord;
    /** What caused it, unique per record and event ("journal:42", "v7"): with the recipient, the dedupe key. */
    source: string;
    /** Only staff may hear of it (an internal work note). */
    staffOnly?: boolean;
  };
}[NotificationEvent];

/** Who was newly told, in the bell and by mail (a repeat of the same event and source tells nobody). */
export type NotifyResult = { inApp: number[]; mail: number[] };

/**
 * Notifies inside the caller's transaction, so notifications exist exactly when the change
 * commits: an in-app row per recipient who wants one, and a mail job per recipient who wants
 * mail (when this server sends mail and they have an address). Both carry a dedupe key, so
 * running the same event twice, or retrying its mail job, never tells anyone twice.
 */
export async function notify(trx: Transaction<Database>, ctx: AuditContext, input: NotifyInput): Promise<NotifyResult> {
  const { recipients, record, source, staffOnly, ...what } = input;
  const candidates = [...new Set(recipients)].filter((id) => id !== ctx.actorId);
  const audience = await audienceOf(trx, { candidates, record, staffOnly: staffOnly ?? false });
  const channels = await channelsFor(
    trx,
    audience.map((r) => r.id),
    what.event,
  );
  const result: NotifyResult = { inApp: [], mail: [] };
  if (audience.length === 0) return result;
  const actorName = await actorNameOf(trx, ctx.actorId);
  const now = Date.now();
  for (const recipient of audience) {
    const wanted = channels.get(recipient.id);
    const key = `${what.event}:${record.id}:${source}:${recipient.id}`;
    if (wanted?.inApp) {
      const inserted = await trx
        .insertInto('notifications')
        .values({
          user_id: recipient.id,
          event: what.event,
          record_id: record.id,
          record_type: record.type,
          record_number: record.number,
          record_title: record.title,
          actor_id: ctx.actorId,
          actor_name: actorName,
          params: JSON.stringify(what.params),
          dedupe_key: key,
          created_at: now,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) result.inApp.push(recipient.id);
    }
    if (wanted?.email && ctx.mail && recipient.email) {
      const payload: MailJobPayload = {
        ...what,
        key,
        userId: recipient.id,
        record: { type: record.type, path: record.path, number: record.number, title: record.title },
        actorName,
      };
      if (await enqueueJob(trx, { kind: MAIL_JOB, payload, dedupeKey: `mail:${key}` })) result.mail.push(recipient.id);
    }
  }
  return result;
}

/** Something other than a record a notification is about (an agreement): shown and linked like one. */
export type NotifySubject = { type: string; path: string; number: string; title: string };

/**
 * Notifies staff of something that is not a record (an agreement due for review), under the
 * same channels, preferences and dedupe keys as `notify`. Only active staff users are told;
 * the caller chooses them (e.g. the service owner).
 */
export async function notifyStaffAbout(
  trx: Transaction<Database>,
  ctx: AuditContext,
  input: {
    event: 'agreement_review_due';
    params: NotificationParams['agreement_review_due'];
    recipients: readonly number[];
    subject: NotifySubject;
    source: string;
  },
): Promise<NotifyResult> {
  const { recipients, subject, source, ...what } = input;
  const result: NotifyResult = { inApp: [], mail: [] };
  const candidates = [...new Set(recipients)].filter((id) => id !== ctx.actorId);
  if (candidates.length === 0) return result;
  const audience = await trx
    .selectFrom('users')
    .select(['id', 'email'])
    .where('id', 'in', candidates)
    .where('active', '=', 1)
    .where('kind', '=', 'staff')
    .execute();
  const channels = await channelsFor(
    trx,
    audience.map((r) => r.id),
    what.event,
  );
  const actorName = await actorNameOf(trx, ctx.actorId);
  for (const recipient of audience) {
    const wanted = channels.get(recipient.id);
    const key = `${what.event}:${subject.type}:${subject.number}:${source}:${recipient.id}`;
    if (wanted?.inApp) {
      await trx
        .insertInto('notifications')
        .values({
          user_id: recipient.id,
          event: what.event,
          record_id: null,
          record_type: subject.type,
          record_number: subject.number,
          record_title: subject.title,
          actor_id: ctx.actorId,
          actor_name: actorName,
          params: JSON.stringify(what.params),
          dedupe_key: key,
          created_at: Date.now(),
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute();
      result.inApp.push(recipient.id);
    }
    if (wanted?.email && ctx.mail && recipient.email) {
      const payload: MailJobPayload = { ...what, key, userId: recipient.id, record: subject, actorName };
      await enqueueJob(trx, { kind: MAIL_JOB, payload, dedupeKey: `mail:${key}` });
      result.mail.push(recipient.id);
    }
  }
  return result;
}

/** The actor's display name as it is now (the context carries only the username). */
async function actorNameOf(trx: Transaction<Database>, actorId: number | null): Promise<string | null> {
  if (actorId === null) return null;
  const row = await trx.selectFrom('users').select('display_name').where('id', '=', actorId).executeTakeFirst();
  return row?.display_name ?? null;
}
