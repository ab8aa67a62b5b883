import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { AppError } from '../errors.js';

export function registerHealth(app: FastifyInstance, db: Db, state: { shuttingDown: boolean }): void {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { public: true }, schema: { hide: true } }, async () => {
    if (state.shuttingDown) throw new AppError('service_unavailable', 'Shutting down');
    try {
      await sql`select 1`.execute(db.kysely);
    } catch {
      throw new AppError('service_unavailable', 'The database does not answer');
    }
    return { status: 'ready', database: db.dialect };
  });
}
