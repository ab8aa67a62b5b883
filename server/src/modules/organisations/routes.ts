import {
  createOrganisationSchema,
  idParamsSchema,
  listOrganisationsQuerySchema,
  listUsersQuerySchema,
  organisationSchema,
  pageSchema,
  updateOrganisationSchema,
  userSchema,
} from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { visibilityOf } from '../../platform/access/visibility.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { expectedVersion, setEtag } from '../../platform/http/etag.js';
import { idempotentCreate, sendCreated } from '../../platform/http/idempotency.js';
import { auditContext } from '../../platform/http/request-context.js';
import { listUsers } from '../users/queries.js';
import { createOrganisation, deleteOrganisation, updateOrganisation } from './commands.js';
import { assertCanSeeOrganisation, assertCanSeeOrganisationPeople, getOrganisation, listOrganisations } from './queries.js';

const tags = ['organisations'];

export function organisationRoutes(db: Db) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/organisations',
      {
        config: { permission: 'organisations.read' },
        schema: {
          tags,
          summary: 'List customer organisations',
          querystring: listOrganisationsQuerySchema,
          response: { 200: pageSchema(organisationSchema) },
        },
      },
      async (req) => listOrganisations(db.kysely, req.query),
    );

    app.get(
      '/organisations/:id',
      {
        schema: { tags, summary: 'One organisation (customers: their own)', params: idParamsSchema, response: { 200: organisationSchema } },
      },
      async (req, reply) => {
        assertCanSeeOrganisation(actorOf(req), req.params.id);
        const org = await getOrganisation(db.kysely, req.params.id);
        setEtag(reply, org.version);
        return org;
      },
    );

    app.get(
      '/organisations/:id/users',
      {
        schema: {
          tags,
          summary: "An organisation's people (customers: their own organisation, when allowed)",
          params: idParamsSchema,
          querystring: listUsersQuerySchema.omit({ organisationId: true }),
          response: { 200: pageSchema(userSchema) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        assertCanSeeOrganisationPeople(actor, req.params.id);
        return listUsers(db.kysely, visibilityOf(actor), { ...req.query, organisationId: req.params.id });
      },
    );

    app.post(
      '/organisations',
      {
        config: { permission: 'organisations.manage' },
        schema: { tags, summary: 'Create an organisation', body: createOrganisationSchema, response: { 201: organisationSchema } },
      },
      async (req, reply) => {
        const created = await idempotentCreate(db, req, async (trx) =>
          getOrganisation(trx, await createOrganisation(trx, auditContext(req, db.dialect), req.body)),
        );
        return sendCreated(reply, created);
      },
    );

    app.patch(
      '/organisations/:id',
      {
        config: { permission: 'organisations.manage' },
        schema: {
          tags,
          summary: 'Update an organisation',
          params: idParamsSchema,
          body: updateOrganisationSchema,
          response: { 200: organisationSchema },
        },
      },
      async (req, reply) => {
        const org = await db.kysely.transaction().execute(async (trx) => {
          await updateOrganisation(trx, auditContext(req, db.dialect), {
            id: req.params.id,
            expectedVersion: expectedVersion(req),
            patch: req.body,
          });
          return getOrganisation(trx, req.params.id);
        });
        setEtag(reply, org.version);
        return org;
      },
    );

    app.delete(
      '/organisations/:id',
      {
        config: { permission: 'organisations.manage' },
        schema: { tags, summary: 'Delete an unused organisation', params: idParamsSchema },
      },
      async (req, reply) => {
        await db.kysely
          .transaction()
          .execute((trx) =>
            deleteOrganisation(trx, auditContext(req, db.dialect), { id: req.params.id, expectedVersion: expectedVersion(req) }),
          );
        return reply.status(204).send();
      },
    );
  };
}
