import {
  agreementReviewSchema,
  agreementSchema,
  createAgreementSchema,
  idParamsSchema,
  listAgreementsQuerySchema,
  pageSchema,
  recordAgreementReviewSchema,
  updateAgreementSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { forbidden } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { createAgreement, recordAgreementReview, updateAgreement } from './commands.js';
import { getAgreement, listAgreementReviews, listAgreements } from './queries.js';

const tags = ['agreements'];
const read = { permission: 'services.read' } as const;
const manage = { permission: 'services.manage' } as const;

export function agreementRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/agreements',
      {
        config: read,
        schema: {
          tags,
          summary: 'List SLAs, OLAs and underpinning contracts',
          querystring: listAgreementsQuerySchema,
          response: { 200: pageSchema(agreementSchema) },
        },
      },
      async (req) => listAgreements(db.kysely, req.query),
    );

    app.get(
      '/agreements/:id',
      {
        config: read,
        schema: { tags, summary: 'One agreement with its targets', params: idParamsSchema, response: { 200: agreementSchema } },
      },
      async (req, reply) => {
        const agreement = await getAgreement(db.kysely, req.params.id);
        setEtag(reply, agreement.version);
        return agreement;
      },
    );

    app.post(
      '/agreements',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Add an agreement (an active SLA or OLA starts applying to new records)',
          body: createAgreementSchema,
          response: { 201: agreementSchema },
        },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          getAgreement(trx, await createAgreement(trx, auditContext(req, db.dialect), types, req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/agreements/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Change, activate or expire an agreement',
          params: idParamsSchema,
          body: updateAgreementSchema,
          response: { 200: agreementSchema },
        },
      },
      async (req, reply) => {
        const agreement = await db.kysely.transaction().execute(async (trx) => {
          await updateAgreement(trx, auditContext(req, db.dialect), types, {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return getAgreement(trx, req.params.id);
        });
        setEtag(reply, agreement.version);
        return agreement;
      },
    );

    app.get(
      '/agreements/:id/reviews',
      {
        config: read,
        schema: {
          tags,
          summary: 'The reviews of an agreement, newest first',
          params: idParamsSchema,
          response: { 200: z.object({ items: z.array(agreementReviewSchema) }) },
        },
      },
      async (req) => ({ items: await listAgreementReviews(db.kysely, req.params.id) }),
    );

    app.post(
      '/agreements/:id/reviews',
      {
        // The service owner reviews; they may hold only services.read, so the rest is checked below.
        config: read,
        schema: {
          tags,
          summary: 'Record a review (the service owner or a service manager); the next review date moves on',
          params: idParamsSchema,
          body: recordAgreementReviewSchema,
          response: { 200: agreementSchema },
        },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const agreement = await db.kysely.transaction().execute(async (trx) => {
          const current = await getAgreement(trx, req.params.id);
          if (current.ownerId !== actor.userId && !actor.permissions.has('services.manage'))
            throw forbidden('Only the service owner or a service manager records a review');
          await recordAgreementReview(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            review: req.body,
          });
          return getAgreement(trx, req.params.id);
        });
        setEtag(reply, agreement.version);
        return agreement;
      },
    );
  };
}
