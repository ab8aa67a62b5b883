import {
  type AuditChanges,
  DEFAULT_NOTIFICATION_PREFERENCES,
  NOTIFICATION_EVENTS,
  type NotificationChannels,
  type NotificationEvent,
  type NotificationPreferences,
} from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { flag } from '../../db/time.js';
import type { Actor } from '../access/actor.js';
import { type AuditContext, appendAudit } from '../audit/append.js';

/** Each user's channels for one event: their stored choice, or the default. */
export async function channelsFor(
  db: Kysely<Database>,
  userIds: readonly number[],
  event: NotificationEvent,
): Promise<Map<number, NotificationChannels>> {
  const channels = new Map(userIds.map((id) => [id, DEFAULT_NOTIFICATION_PREFERENCES[event]]));
  if (userIds.length === 0) return channels;
  const rows = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'in_app', 'email'])
    .where('user_id', 'in', [...userIds])
    .where('event', '=', event)
    .execute();
  for (const row of rows) channels.set(row.user_id, { inApp: row.in_app === 1, email: row.email === 1 });
  return channels;
}

/** One user's channels for every event. */
export async function preferencesOf(db: Kysely<Database>, userId: number): Promise<NotificationPreferences> {
  const rows = await db.selectFrom('notification_preferences').select(['event', 'in_app', 'email']).where('user_id', '=', userId).execute();
  const preferences = structuredClone(DEFAULT_NOTIFICATION_PREFERENCES);
  for (const row of rows) {
    // A stored event that left the catalogue is ignored rather than shown.
    if ((NOTIFICATION_EVENTS as readonly string[]).includes(row.event)) {
      preferences[row.event] = { inApp: row.in_app === 1, email: row.email === 1 };
    }
  }
  return preferences;
}

/** Replaces the caller's choices; audited like the rest of their profile. */
export async function updateNotificationPreferences(
  trx: Transaction<Database>,
  ctx: AuditContext,
  actor: Actor,
  next: NotificationPreferences,
): Promise<void> {
  const before = await preferencesOf(trx, actor.userId);
  const changes: AuditChanges = {};
  for (const event of NOTIFICATION_EVENTS) {
    if (before[event].inApp !== next[event].inApp) changes[`${event}.inApp`] = [before[event].inApp, next[event].inApp];
    if (before[event].email !== next[event].email) changes[`${event}.email`] = [before[event].email, next[event].email];
  }
  if (Object.keys(changes).length === 0) return;
  const now = Date.now();
  await trx
    .insertInto('notification_preferences')
    .values(
      NOTIFICATION_EVENTS.map((event) => ({
        user_id: actor.userId,
        event,
        in_app: flag(next[event].inApp),
        email: flag(next[event].email),
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['user_id', 'event']).doUpdateSet((eb) => ({
        in_app: eb.ref('excluded.in_app'),
        email: eb.ref('excluded.email'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
  await appendAudit(trx, ctx, {
    action: 'user.notification_preferences_updated',
    objectType: 'user',
    objectId: actor.userId,
    objectLabel: actor.username,
    changes,
  });
}
