import { createRecordSchema, type RecordItem, updateRecordSchema, type Workflow } from '@keel/shared';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/connect.js';
import { type Actor, can } from '../../access/actor.js';
import type { BlobStore } from '../../attachments/blob-store.js';
import { allowedTransitions } from '../../workflow/validate.js';
import { extensionSchema } from '../extension.js';
import { type RecordQuerySchemas, recordQuerySchemas } from '../filters.js';
import { type ReadScope, type RecordData, readScopeOf } from '../queries.js';
import type { RecordTypeDefinition } from '../record-type.js';

/** A Fastify instance whose routes take zod schemas. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every per-type route file gets: the type, its permissions as route config, and helpers. */
export type RecordRouteContext = {
  db: Db;
  def: RecordTypeDefinition;
  /** Every registered type, for links and anything else that crosses types. */
  types: readonly RecordTypeDefinition[];
  tags: string[];
  /** Where attachment contents live and how large they may be. */
  blobs: BlobStore;
  read: { permission: RecordTypeDefinition['permissions']['read'] };
  write: { permission: RecordTypeDefinition['permissions']['write'] };
  /** `read` and `write` that also let customers through when the type is open to them (rows still limited by visibility). */
  customerRead: { permission: RecordTypeDefinition['permissions']['read']; customers: boolean };
  customerWrite: { permission: RecordTypeDefinition['permissions']['write']; customers: boolean };
  /** The caller's allowed actions (in the workflow in force) travel with the record, so the UI never re-derives them. */
  withActions: (record: RecordData, actor: Actor, workflow: Workflow) => RecordItem;
  /** Create and update bodies with the type's own fields spelt out, so the edge checks them and the API docs show them. */
  bodies: ReturnType<typeof recordBodies>;
  /** What the caller may see, for queries. */
  scopeOf: (actor: Actor) => ReadScope;
  /** The type's filter catalogue and the list and export query schemas built from it. */
  queries: RecordQuerySchemas;
  limits: RecordRouteLimits;
};

export type RecordRouteLimits = { exportMaxRows: number };

function recordBodies(def: RecordTypeDefinition) {
  if (!def.extension) return { create: createRecordSchema, update: updateRecordSchema };
  return {
    create: createRecordSchema.extend({
      extension: Object.values(def.extension.fields).some((f) => f.required && !f.readOnly)
        ? extensionSchema(def.extension, 'create')
        : extensionSchema(def.extension, 'create').optional(),
    }),
    update: updateRecordSchema.extend({ extension: extensionSchema(def.extension, 'update').optional() }),
  };
}

/** One feature's endpoints (core, journal, links, attachments …) for one record type. */
export type RecordFeatureRoutes = (app: ZodApp, ctx: RecordRouteContext) => void;

export function recordRouteContext(
  db: Db,
  def: RecordTypeDefinition,
  types: readonly RecordTypeDefinition[],
  limits: RecordRouteLimits,
  blobs: BlobStore,
): RecordRouteContext {
  return {
    limits,
    queries: recordQuerySchemas(def),
    scopeOf: (actor) => readScopeOf(actor, db.dialect),
    db,
    def,
    types,
    blobs,
    tags: [def.path],
    read: { permission: def.permissions.read },
    write: { permission: def.permissions.write },
    customerRead: { permission: def.permissions.read, customers: def.customers ?? false },
    customerWrite: { permission: def.permissions.write, customers: def.customers ?? false },
    bodies: recordBodies(def),
    withActions: (record, actor, workflow) => ({
      ...record,
      actions:
        (can(actor, def.permissions.write) || (actor.kind === 'customer' && def.customers)) && !actor.readOnly
          ? allowedTransitions(workflow, record.state, actor.roles).map((t) => t.key)
          : [],
    }),
  };
}
