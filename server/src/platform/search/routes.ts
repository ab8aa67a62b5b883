import { searchQuerySchema, searchResultSchema } from '@keel/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect.js';
import { visibilityOf } from '../access/visibility.js';
import { forbidden, invalid } from '../errors.js';
import { actorOf } from '../http/authenticate.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { mayReadType } from '../records/type-access.js';
import { searchRecords } from './search.js';

/**
 * Search across record types. Any signed-in caller may search: the types searched are the
 * ones whose read permission they hold (naming another is 403), and row visibility applies.
 */
export function searchRoutes(db: Db, types: readonly RecordTypeDefinition[]) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/search',
      {
        schema: {
          tags: ['search'],
          summary: 'Search number, title and description of every record the caller may see, best match first',
          description:
            'Terms are separated by spaces and all must match (contains, case-insensitive). A record number typed exactly ranks first. ' +
            'Highlights are [start, end) offsets into the returned text; render them as text, never as HTML.',
          querystring: searchQuerySchema,
          response: { 200: searchResultSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const readable = types.filter((t) => mayReadType(actor, t));
        let chosen = readable;
        if (req.query.types) {
          const names = req.query.types;
          const unknown = names.find((key) => !types.some((t) => t.key === key));
          if (unknown) throw invalid('types', `No record type "${unknown}"`);
          const denied = names.find((key) => !readable.some((t) => t.key === key));
          if (denied) throw forbidden(`You may not read ${denied} records`);
          chosen = readable.filter((t) => names.includes(t.key));
        }
        return searchRecords(db.kysely, db.dialect, {
          types: chosen,
          visibility: visibilityOf(actor),
          q: req.query.q,
          limit: req.query.limit,
        });
      },
    );
  };
}
