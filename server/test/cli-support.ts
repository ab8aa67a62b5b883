import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, expect, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { connect, type Db } from '../src/db/connect.js';
import { DIALECT, rawExec, type TestDatabase } from './harness.js';

// The CLI reads its configuration from the environment, as `keel …` does in production.
const ENV_KEYS = ['KEEL_DATA_DIR', 'KEEL_DATABASE_URL', 'KEEL_ADMIN_PASSWORD'] as const;
export const CLI_PASSWORD = 'Cli-Chosen-Passw0rd!';

/** One Keel installation as the CLI sees it: a data directory, and on PostgreSQL a database of its own. */
export type Home = { dataDir: string; databaseUrl: string | null; drop: () => Promise<void> };

const homes: Home[] = [];
const tempDirs: string[] = [];
let savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export async function pgAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.KEEL_TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty installation; the CLI opens PostgreSQL's public schema, so each gets its own database. */
export async function freshHome(): Promise<Home> {
  const dataDir = tempDir('keel-cli-');
  if (DIALECT === 'sqlite') {
    const home = { dataDir, databaseUrl: null, drop: async () => {} };
    homes.push(home);
    return home;
  }
  const rootUrl = process.env.KEEL_TEST_DATABASE_URL;
  if (!rootUrl) throw new Error('KEEL_TEST_DIALECT=postgres needs KEEL_TEST_DATABASE_URL');
  const name = `keel_cli_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await pgAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(rootUrl);
  url.pathname = `/${name}`;
  const home = {
    dataDir,
    databaseUrl: url.toString(),
    drop: () => pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
  homes.push(home);
  return home;
}

/** A connection to the installation's database, for checking and tampering from outside the CLI. */
export function openHome(home: Home): Db {
  return connect({ databaseUrl: home.databaseUrl, sqliteFile: path.join(home.dataDir, 'keel.db') });
}

/** The installation as a TestDatabase, so that a test server can serve it. */
export function asTestDatabase(home: Home, db: Db): TestDatabase {
  return { db, dataDir: home.dataDir, databaseUrl: home.databaseUrl, pgSchema: null, drop: async () => {} };
}

/** Runs `keel <args>` in-process against `home`, returning the exit code and everything printed. */
export async function keel(home: Home, args: string[], env: { adminPassword?: string } = {}): Promise<{ code: number; out: string }> {
  process.env.KEEL_DATA_DIR = home.dataDir;
  if (home.databaseUrl) process.env.KEEL_DATABASE_URL = home.databaseUrl;
  else delete process.env.KEEL_DATABASE_URL;
  if (env.adminPassword) process.env.KEEL_ADMIN_PASSWORD = env.adminPassword;
  else delete process.env.KEEL_ADMIN_PASSWORD;
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  try {
    const code = await main(args);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

/** An installation whose audit trail holds four events: one per administrator created. */
export async function homeWithFourEvents(): Promise<Home> {
  const home = await freshHome();
  for (const username of ['admin', 'second', 'third', 'fourth']) {
    expect((await keel(home, ['create-admin', '--username', username], { adminPassword: CLI_PASSWORD })).code).toBe(0);
  }
  const db = openHome(home);
  try {
    const events = await db.kysely.selectFrom('audit_events').select('id').orderBy('id').execute();
    expect(events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
  } finally {
    await db.close();
  }
  return home;
}

export async function tamper(home: Home, statement: string): Promise<void> {
  const db = openHome(home);
  try {
    await rawExec(db, statement);
  } finally {
    await db.close();
  }
}

/** Saves and restores the environment around each test and removes every installation afterwards; call once per file. */
export function useCliEnvironment(): void {
  beforeEach(() => {
    savedEnv = {};
    for (const key of ENV_KEYS) if (process.env[key] !== undefined) savedEnv[key] = process.env[key];
  });
  afterEach(() => {
    for (const key of ENV_KEYS) {
      const value = savedEnv[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });
  afterAll(async () => {
    for (const home of homes) await home.drop();
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  });
}
