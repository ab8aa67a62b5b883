import type { RecordItem } from '@keel/shared';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/connect.js';
import { type Actor, can } from '../../access/actor.js';
import type { BlobStore } from '../../attachments/blob-store.js';
import { allowedTransitions } from '../../workflow/validate.js';
import type { RecordData } from '../queries.js';
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
  /** The caller's allowed workflow actions travel with the record, so the UI never re-derives them. */
  withActions: (record: RecordData, actor: Actor) => RecordItem;
};

/** One feature's endpoints (core, journal, links, attachments …) for one record type. */
export type RecordFeatureRoutes = (app: ZodApp, ctx: RecordRouteContext) => void;

export function recordRouteContext(
  db: Db,
  def: RecordTypeDefinition,
  types: readonly RecordTypeDefinition[],
  blobs: BlobStore,
): RecordRouteContext {
  return {
    db,
    def,
    types,
    blobs,
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
