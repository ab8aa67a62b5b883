import { addCommentSchema, journalEntrySchema, journalQuerySchema, pageSchema, recordNumberParamsSchema } from '@keel/shared';
import { visibilityOf } from '../../access/visibility.js';
import { actorOf } from '../../http/authenticate.js';
import { idempotentCreate, sendCreated } from '../../http/idempotency.js';
import { auditContext } from '../../http/request-context.js';
import { addComment } from '../commands.js';
import { getJournalEntry, listJournal } from '../journal.js';
import { getRecord } from '../queries.js';
import type { RecordFeatureRoutes } from './context.js';

/** The record's timeline and comments on it. */
export const journalRoutes: RecordFeatureRoutes = (app, { db, def, tags, customerRead, customerWrite }) => {
  app.get(
    `/${def.path}/:number/journal`,
    {
      config: customerRead,
      schema: {
        tags,
        summary: `The timeline of one of the ${def.path}: comments, work notes (staff only), changes`,
        params: recordNumberParamsSchema,
        querystring: journalQuerySchema,
        response: { 200: pageSchema(journalEntrySchema) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const record = await getRecord(db.kysely, def, visibilityOf(actor), req.params.number);
      return listJournal(db.kysely, record.id, {
        includeInternal: actor.kind === 'staff',
        limit: req.query.limit,
        cursor: req.query.cursor,
        order: req.query.order,
      });
    },
  );

  app.post(
    `/${def.path}/:number/comments`,
    {
      config: customerWrite,
      schema: {
        tags,
        summary: `Comment on one of the ${def.path} (internal: true for a staff-only work note)`,
        params: recordNumberParamsSchema,
        body: addCommentSchema,
        response: { 201: journalEntrySchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const created = await idempotentCreate(db, req, async (trx) => {
        await getRecord(trx, def, visibilityOf(actor), req.params.number);
        const id = await addComment(trx, auditContext(req, db.dialect), def, actor, { number: req.params.number, ...req.body });
        return getJournalEntry(trx, id);
      });
      return sendCreated(reply, created);
    },
  );
};
