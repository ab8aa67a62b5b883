import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../db/connect.js';
import type { BlobStore } from '../../attachments/blob-store.js';
import type { RecordTypeDefinition } from '../record-type.js';
import { approvalRoutes } from './approvals.js';
import { attachmentRoutes } from './attachments.js';
import { bulkRoutes } from './bulk.js';
import { childRoutes } from './children.js';
import { type RecordFeatureRoutes, type RecordRouteLimits, recordRouteContext } from './context.js';
import { coreRecordRoutes } from './core.js';
import { exportRoutes } from './export.js';
import { fieldRoutes } from './fields.js';
import { importedRoutes } from './imported.js';
import { journalRoutes } from './journal.js';
import { linkRoutes } from './links.js';
import { slaRoutes } from './sla.js';
import { workflowReadRoutes } from './workflow.js';

/** Every feature's per-type endpoints; a new engine feature adds its route file here. */
const FEATURES: readonly RecordFeatureRoutes[] = [
  coreRecordRoutes,
  exportRoutes,
  bulkRoutes,
  fieldRoutes,
  workflowReadRoutes,
  journalRoutes,
  linkRoutes,
  childRoutes,
  approvalRoutes,
  attachmentRoutes,
  importedRoutes,
  slaRoutes,
];

/**
 * The same endpoints for every record type, registered once per type so each route
 * declares its type's permissions (and appears under its own tag in the API docs).
 */
export function recordRoutes(
  db: Db,
  def: RecordTypeDefinition,
  types: readonly RecordTypeDefinition[],
  limits: RecordRouteLimits,
  blobs: BlobStore,
) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const ctx = recordRouteContext(db, def, types, limits, blobs);
    for (const feature of FEATURES) feature(app, ctx);
  };
}
