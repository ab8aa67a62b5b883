import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { GroupCommitSqliteDialect } from './group-commit.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type Dialect = 'sqlite' | 'postgres';

export type Db = {
  kysely: Kysely<Database>;
  dialect: Dialect;
  /** The PostgreSQL schema holding Keel's tables; null on SQLite. */
  schema: string | null;
  /** The raw SQLite handle, for the online backup API; null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  /** The raw PostgreSQL pool, for the few hot queries run as named prepared statements; null on SQLite. */
  pool: pg.Pool | null;
  close: () => Promise<void>;
};

export type ConnectOptions = {
  databaseUrl: string | null;
  sqliteFile?: string;
  /** PostgreSQL schema to use instead of `public` (tests run each file in its own). */
  pgSchema?: string;
  poolSize?: number;
};

// Epoch-millisecond columns are bigint; JavaScript numbers hold them exactly.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export function connect(options: ConnectOptions): Db {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options);
  if (!options.sqliteFile) throw new Error('Either a PostgreSQL URL or a SQLite file is required');
  return connectSqlite(options.sqliteFile);
}

/** How long a write waits for another process's write lock before giving up with SQLITE_BUSY. */
const SQLITE_BUSY_TIMEOUT_MS = 5000;

function connectSqlite(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged commit is on disk before the response leaves, even on power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  const kysely = new Kysely<Database>({
    dialect: new GroupCommitSqliteDialect(sqlite, withStatementCache(sqlite), SQLITE_BUSY_TIMEOUT_MS),
  });
  return {
    kysely,
    dialect: 'sqlite',
    schema: null,
    sqlite,
    pool: null,
    close: async () => {
      await kysely.destroy();
    },
  };
}

function connectPostgres(url: string, options: ConnectOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
  });
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kysely,
    dialect: 'postgres',
    schema: options.pgSchema ?? 'public',
    sqlite: null,
    pool,
    close: async () => {
      await kysely.destroy();
    },
  };
}
