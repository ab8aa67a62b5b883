import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { ensureAdmin, prepareDatabase } from '../src/bootstrap.js';
import { type Config, loadConfig } from '../src/config.js';
import { connect, type Db } from '../src/db/connect.js';

export const ADMIN_PASSWORD = 'Keel-Root-Passw0rd!';
export const DIALECT = process.env.KEEL_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

export type TestServer = {
  url: string;
  app: FastifyInstance;
  db: Db;
  config: Config;
  close: () => Promise<void>;
};

export type TestDatabase = { db: Db; dataDir: string; databaseUrl: string | null; pgSchema: string | null; drop: () => Promise<void> };

/** A fresh, migrated database: a temp SQLite file, or a new schema on KEEL_TEST_DATABASE_URL. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-test-'));
  if (DIALECT === 'sqlite') {
    const db = connect({ databaseUrl: null, sqliteFile: path.join(dataDir, 'keel.db') });
    await prepareDatabase(db);
    return { db, dataDir, databaseUrl: null, pgSchema: null, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const url = process.env.KEEL_TEST_DATABASE_URL;
  if (!url) throw new Error('KEEL_TEST_DIALECT=postgres needs KEEL_TEST_DATABASE_URL');
  const schema = `keel_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const db = connect({ databaseUrl: url, pgSchema: schema, poolSize: 5 });
  await prepareDatabase(db);
  return {
    db,
    dataDir,
    databaseUrl: url,
    pgSchema: schema,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A real Keel server on a random loopback port over a fresh database, with the admin account. */
export async function startTestServer(overrides: Partial<Config> = {}, shared?: TestDatabase): Promise<TestServer> {
  const database = shared ?? (await createTestDatabase());
  const config = loadConfig(
    {},
    { dataDir: database.dataDir, logLevel: 'silent', port: 0, host: '127.0.0.1', webDir: '/nonexistent', ...overrides },
  );
  await ensureAdmin(database.db, config, { password: ADMIN_PASSWORD });
  const app = await buildApp(config, database.db);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    app,
    db: database.db,
    config,
    close: async () => {
      await app.close();
      if (!shared) {
        await database.db.close();
        await database.drop();
      }
    },
  };
}

/** Runs raw SQL against the test database (used to simulate tampering and the passage of time). */
export async function rawExec(db: Db, statement: string): Promise<void> {
  await sql.raw(statement).execute(db.kysely);
}
