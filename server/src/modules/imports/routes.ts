import fs from 'node:fs';
import multipart from '@fastify/multipart';
import { importMappingListSchema, importQuerySchema, importReportSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { AppError, invalid } from '../../platform/errors.js';
import { actorOf } from '../../platform/http/authenticate.js';
import { auditContext } from '../../platform/http/request-context.js';
import { parseMapping, shippedMapping, shippedMappings } from '../../platform/import/mappings.js';
import { runImport } from '../../platform/import/run-import.js';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { receiveImport } from './upload.js';

const tags = ['imports'];
const configure = { permission: 'records.configure' } as const;

function mappingOf(name: string | undefined, json: string | null) {
  if ((name === undefined) === (json === null))
    throw invalid('mapping', 'Name a shipped mapping (?mapping=) or send one in the field "mapping", not both');
  if (name !== undefined) {
    const found = shippedMapping(name);
    if (!found) throw invalid('mapping', `No shipped mapping is called "${name}"`);
    return found;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '');
  } catch {
    throw invalid('mapping', 'The mapping is not JSON');
  }
  return parseMapping(parsed);
}

/** Replaying event logs into records (docs/import.md): the mappings shipped in imports/, and the import itself. */
export function importRoutes(db: Db, types: readonly RecordTypeDefinition[], dataDir: string) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    await app.register(multipart);

    app.get(
      '/imports/mappings',
      { config: configure, schema: { tags, summary: 'The mapping files shipped in imports/', response: { 200: importMappingListSchema } } },
      async () => ({
        items: shippedMappings().map((mapping) => ({ name: mapping.name, label: mapping.label, recordType: mapping.recordType, mapping })),
      }),
    );

    app.post(
      '/imports',
      {
        config: configure,
        schema: {
          tags,
          summary:
            'Check (dryRun=true, the default) or import an event log: multipart with an optional field "mapping" (JSON) and the file in "file". Any bad row: the report lists every one and nothing is written.',
          consumes: ['multipart/form-data'],
          querystring: importQuerySchema,
          response: { 200: importReportSchema },
        },
      },
      async (req) => {
        const upload = await receiveImport(req, dataDir);
        try {
          const mapping = mappingOf(req.query.mapping, upload.mappingJson);
          const def = types.find((t) => t.key === mapping.recordType);
          if (!def) throw invalid('mapping.recordType', `No record type is called "${mapping.recordType}"`);
          // Importing writes records of the type: the caller must be allowed to, as well as to configure.
          if (!actorOf(req).permissions.has(def.permissions.write))
            throw new AppError('forbidden', `Importing needs ${def.permissions.write}`);
          return await runImport({
            db,
            def,
            mapping,
            file: upload.file,
            fileName: upload.fileName,
            dryRun: req.query.dryRun === 'true',
            ctx: auditContext(req, db.dialect),
          });
        } finally {
          fs.rmSync(upload.file, { force: true });
        }
      },
    );
  };
}
