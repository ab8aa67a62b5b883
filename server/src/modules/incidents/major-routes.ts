import {
  addCommunicationSchema,
  communicationLogSchema,
  declareMajorIncidentSchema,
  incidentReviewReplySchema,
  recordIncidentReviewSchema,
  recordNumberParamsSchema,
  recordSchema,
} from '@keel/shared';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { iso, isoOrNull } from '../../db/time.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { auditContext } from '../../platform/http/request-context.js';
import { getRecord } from '../../platform/records/queries.js';
import type { ZodApp } from '../../platform/records/routes/context.js';
import { loadIncident } from './load.js';
import { addCommunication, declareMajorIncident, recordIncidentReview } from './major.js';
import { commandOnIncident } from './present.js';
import { INCIDENT_TYPE } from './type.js';

const tags = ['incidents'];
const read = { permission: 'incidents.read' } as const;
const manage = { permission: 'incidents.manage' } as const;
const LOG_LIMIT = 500;

async function communicationLog(db: Kysely<Database>, number: string) {
  const record = await loadIncident(db, number);
  const rows = await db
    .selectFrom('incident_communications')
    .leftJoin('users', 'users.id', 'incident_communications.author_id')
    .selectAll('incident_communications')
    .select('users.display_name as author_name')
    .where('record_id', '=', record.id)
    .orderBy('incident_communications.id', 'desc')
    .limit(LOG_LIMIT)
    .execute();
  const finished = ['resolved', 'closed', 'cancelled'].includes(record.state_category);
  return {
    items: rows.map((r) => ({
      id: r.id,
      audience: r.audience,
      body: r.body,
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: iso(r.created_at),
    })),
    nextUpdateDue: record.major === 1 && !finished ? isoOrNull(record.next_update_due) : null,
  };
}

async function reviewOf(db: Kysely<Database>, number: string) {
  const record = await loadIncident(db, number);
  const row = await db
    .selectFrom('incident_reviews')
    .leftJoin('users', 'users.id', 'incident_reviews.author_id')
    .leftJoin('records as problem', 'problem.id', 'incident_reviews.problem_record_id')
    .selectAll('incident_reviews')
    .select(['users.display_name as author_name', 'problem.number as problem_number'])
    .where('incident_reviews.record_id', '=', record.id)
    .executeTakeFirst();
  if (!row) return { review: null };
  return {
    review: {
      summary: row.summary,
      rootCause: row.root_cause,
      actions: row.actions,
      raiseProblem: row.raise_problem === 1,
      problemNumber: row.problem_number,
      authorId: row.author_id,
      authorName: row.author_name,
      createdAt: iso(row.created_at),
    },
  };
}

/** Major incidents (P-6.1): declaring one, its communication log and its post-incident review. Staff only. */
export function majorIncidentRoutes(app: ZodApp, db: Db): void {
  app.post(
    '/incidents/:number/major',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Declare a major incident (service managers and administrators), with its manager and update interval',
        params: recordNumberParamsSchema,
        body: declareMajorIncidentSchema,
        response: { 200: recordSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const record = await commandOnIncident(db, actor, req.params.number, (trx) =>
        declareMajorIncident(trx, auditContext(req, db.dialect), actor, {
          number: req.params.number,
          expectedVersion: expectedVersion(req),
          body: req.body,
        }),
      );
      setEtag(reply, record.version);
      return record;
    },
  );

  app.get(
    '/incidents/:number/communications',
    {
      config: read,
      schema: {
        tags,
        summary: 'The communication log of a major incident, newest first, and when the next customer update is due',
        params: recordNumberParamsSchema,
        response: { 200: communicationLogSchema },
      },
    },
    async (req) => {
      await getRecord(db.kysely, INCIDENT_TYPE, visibilityOf(actorOf(req)), req.params.number);
      return communicationLog(db.kysely, req.params.number);
    },
  );

  app.post(
    '/incidents/:number/communications',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Post an update: customer updates become public comments on the incident and its open child incidents',
        params: recordNumberParamsSchema,
        body: addCommunicationSchema,
        response: { 201: communicationLogSchema },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const log = await db.kysely.transaction().execute(async (trx) => {
        await getRecord(trx, INCIDENT_TYPE, visibilityOf(actor), req.params.number);
        await addCommunication(trx, auditContext(req, db.dialect), actor, { number: req.params.number, body: req.body });
        return communicationLog(trx, req.params.number);
      });
      return reply.status(201).send(log);
    },
  );

  app.get(
    '/incidents/:number/review',
    {
      config: read,
      schema: {
        tags,
        summary: 'The post-incident review of a major incident (null until recorded)',
        params: recordNumberParamsSchema,
        response: { 200: incidentReviewReplySchema },
      },
    },
    async (req) => {
      await getRecord(db.kysely, INCIDENT_TYPE, visibilityOf(actorOf(req)), req.params.number);
      return reviewOf(db.kysely, req.params.number);
    },
  );

  app.put(
    '/incidents/:number/review',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Record or replace the post-incident review a major incident needs before it closes',
        params: recordNumberParamsSchema,
        body: recordIncidentReviewSchema,
        response: { 200: incidentReviewReplySchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return db.kysely.transaction().execute(async (trx) => {
        await getRecord(trx, INCIDENT_TYPE, visibilityOf(actor), req.params.number);
        await recordIncidentReview(trx, auditContext(req, db.dialect), actor, { number: req.params.number, body: req.body });
        return reviewOf(trx, req.params.number);
      });
    },
  );
}
