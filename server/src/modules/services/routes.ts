import {
  createServiceOfferingSchema,
  createServiceSchema,
  idParamsSchema,
  idSchema,
  listServicesQuerySchema,
  pageSchema,
  serviceOfferingSchema,
  serviceSchema,
  updateServiceOfferingSchema,
  updateServiceSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/connect.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { createService, createServiceOffering, updateService, updateServiceOffering } from './commands.js';
import { catalogueVisibility, getOffering, getService, listServices } from './queries.js';

const tags = ['services'];
/** Customers read too: the query then shows them only live services offered to their organisation. */
const read = { permission: 'services.read', customers: true } as const;
const manage = { permission: 'services.manage' } as const;
const staffView = { scope: 'all' } as const;
const offeringParams = z.strictObject({ id: idSchema, offeringId: idSchema });

export function serviceRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/services',
      {
        config: read,
        schema: { tags, summary: 'List services', querystring: listServicesQuerySchema, response: { 200: pageSchema(serviceSchema) } },
      },
      async (req) => listServices(db.kysely, catalogueVisibility(actorOf(req)), req.query),
    );

    app.get(
      '/services/:id',
      { config: read, schema: { tags, summary: 'One service', params: idParamsSchema, response: { 200: serviceSchema } } },
      async (req, reply) => {
        const service = await getService(db.kysely, catalogueVisibility(actorOf(req)), req.params.id);
        setEtag(reply, service.version);
        return service;
      },
    );

    app.post(
      '/services',
      { config: manage, schema: { tags, summary: 'Create a service', body: createServiceSchema, response: { 201: serviceSchema } } },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          getService(trx, staffView, await createService(trx, auditContext(req, db.dialect), req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/services/:id',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Update a service (retire it with status "retired"; services are never deleted)',
          params: idParamsSchema,
          body: updateServiceSchema,
          response: { 200: serviceSchema },
        },
      },
      async (req, reply) => {
        const service = await db.kysely.transaction().execute(async (trx) => {
          await updateService(trx, auditContext(req, db.dialect), types, {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return getService(trx, staffView, req.params.id);
        });
        setEtag(reply, service.version);
        return service;
      },
    );

    app.post(
      '/services/:id/offerings',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Add an offering (a packaged level) to a service',
          params: idParamsSchema,
          body: createServiceOfferingSchema,
          response: { 201: serviceOfferingSchema },
        },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          getOffering(trx, req.params.id, await createServiceOffering(trx, auditContext(req, db.dialect), req.params.id, req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/services/:id/offerings/:offeringId',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Change or retire (active: false) a service offering',
          params: offeringParams,
          body: updateServiceOfferingSchema,
          response: { 200: serviceOfferingSchema },
        },
      },
      async (req, reply) => {
        const offering = await db.kysely.transaction().execute(async (trx) => {
          await updateServiceOffering(trx, auditContext(req, db.dialect), {
            serviceId: req.params.id,
            id: req.params.offeringId,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return getOffering(trx, req.params.id, req.params.offeringId);
        });
        setEtag(reply, offering.version);
        return offering;
      },
    );
  };
}
