import {
  idParamsSchema,
  listNotificationsQuerySchema,
  notificationSchema,
  notificationSettingsSchema,
  pageSchema,
  readAllRequestSchema,
  readAllResultSchema,
  unreadCountSchema,
  updateNotificationPreferencesSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { actorOf } from '../http/authenticate.js';
import { auditContext } from '../http/request-context.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { listNotifications, markAllNotificationsRead, markNotificationRead, unreadCount } from './inbox.js';
import { preferencesOf, updateNotificationPreferences } from './preferences.js';

const tags = ['notifications'];
// Reading and marking your own notifications is self-service: read-only roles get notified too.
const selfService = { selfService: true };

/**
 * The signed-in user's own notifications and preferences. Marking read is not audited: it
 * changes nothing anyone else sees. Changing preferences is, like the rest of the profile.
 */
export function notificationRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/notifications',
      {
        schema: {
          tags,
          summary: 'Your notifications, newest first (unread=true for unread only)',
          querystring: listNotificationsQuerySchema,
          response: { 200: pageSchema(notificationSchema) },
        },
      },
      async (req) => listNotifications(db.kysely, actorOf(req).userId, types, req.query),
    );

    app.get(
      '/notifications/unread-count',
      { schema: { tags, summary: 'How many of your notifications are unread', response: { 200: unreadCountSchema } } },
      async (req) => ({ count: await unreadCount(db.kysely, actorOf(req).userId) }),
    );

    app.post(
      '/notifications/:id/read',
      {
        config: selfService,
        schema: { tags, summary: 'Mark one of your notifications read', params: idParamsSchema, response: { 200: notificationSchema } },
      },
      async (req) => markNotificationRead(db.kysely, actorOf(req).userId, types, req.params.id),
    );

    app.post(
      '/notifications/read-all',
      {
        config: selfService,
        schema: {
          tags,
          summary: 'Mark your notifications read (up to upToId: the ones you have seen)',
          body: readAllRequestSchema,
          response: { 200: readAllResultSchema },
        },
      },
      async (req) => ({ marked: await markAllNotificationsRead(db.kysely, actorOf(req).userId, req.body?.upToId) }),
    );

    app.get(
      '/me/notification-preferences',
      { schema: { tags, summary: 'How you want to be notified, per event', response: { 200: notificationSettingsSchema } } },
      async (req) => ({ events: await preferencesOf(db.kysely, actorOf(req).userId), mailAvailable: fastify.mailEnabled }),
    );

    app.put(
      '/me/notification-preferences',
      {
        config: selfService,
        schema: {
          tags,
          summary: 'Choose in-app and email notifications per event (every event required)',
          body: updateNotificationPreferencesSchema,
          response: { 200: notificationSettingsSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await db.kysely
          .transaction()
          .execute((trx) => updateNotificationPreferences(trx, auditContext(req, db.dialect), actor, req.body.events));
        return { events: await preferencesOf(db.kysely, actor.userId), mailAvailable: fastify.mailEnabled };
      },
    );
  };
}
