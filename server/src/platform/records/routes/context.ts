import type { RecordItem } from '@keel/shared';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/connect.js';
import { type Actor, can } from '../../access/actor.js';
import { allowedTransitions } from '../../workflow/validate.js';
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
  read: { permission: RecordTypeDefinition['permissions']['read'] };
  write: { permission: RecordTypeDefinition['permissions']['write'] };
  /** The caller's allowed workflow actions travel with the record, so the UI never re-derives them. */
  withActions: (record: RecordData, actor: Actor) => RecordItem;
  /** What the caller may see, for queries. */
  scopeOf: (actor: Actor) => ReadScope;
  /** The type's filter catalogue and the list and export query schemas built from it. */
  queries: RecordQuerySchemas;
  limits: RecordRouteLimits;
};

export type RecordRouteLimits = { exportMaxRows: number };

/** One feature's endpoints (core, journal, links, attachments …) for one record type. */
export type RecordFeatureRoutes = (app: ZodApp, ctx: RecordRouteContext) => void;

export function recordRouteContext(
  db: Db,
  def: RecordTypeDefinition,
  types: readonly RecordTypeDefinition[],
  limits: RecordRouteLimits,
): RecordRouteContext {
  return {
    limits,
    queries: recordQuerySchemas(def),
    scopeOf: (actor) => readScopeOf(actor, db.dialect),
    db,
    def,
    types,
    tags: [def.path],
    read: { permission: def.permissions.read },
    write: { permission: def.permissions.write },
    withActions: (record, actor) => ({
      ...record,
      actions:
        can(actor, def.permissions.write) && !actor.readOnly
          ? allowedTransitions(def.workflow, record.state, actor.roles).map((t) => t.key)
          : [],
    }),
  };
}
