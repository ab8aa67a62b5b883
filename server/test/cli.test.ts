import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main.js';
import { connect, type Db } from '../src/db/connect.js';
import { Client } from './client.js';
import { createOrganisation, createUser } from './factories.js';
import { DIALECT, rawExec, startTestServer, type TestDatabase } from './harness.js';

// The CLI reads its configuration from the environment, as `keel …` does in production.
const ENV_KEYS = ['KEEL_DATA_DIR', 'KEEL_DATABASE_URL', 'KEEL_ADMIN_PASSWORD'] as const;
const CLI_PASSWORD = 'Cli-Chosen-Passw0rd!';

/** One Keel installation as the CLI sees it: a data directory, and on PostgreSQL a database of its own. */
type Home = { dataDir: string; databaseUrl: string | null; drop: () => Promise<void> };

const homes: Home[] = [];
const tempDirs: string[] = [];
let savedEnv: Partial<Record<(typeof ENV_KEYS)[number], string>> = {};

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

async function pgAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.KEEL_TEST_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty installation; the CLI opens PostgreSQL's public schema, so each gets its own database. */
async function freshHome(): Promise<Home> {
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
function openHome(home: Home): Db {
  return connect({ databaseUrl: home.databaseUrl, sqliteFile: path.join(home.dataDir, 'keel.db') });
}

/** The installation as a TestDatabase, so that a test server can serve it. */
function asTestDatabase(home: Home, db: Db): TestDatabase {
  return { db, dataDir: home.dataDir, databaseUrl: home.databaseUrl, pgSchema: null, drop: async () => {} };
}

/** Runs `keel <args>` in-process against `home`, returning the exit code and everything printed. */
async function keel(home: Home, args: string[], env: { adminPassword?: string } = {}): Promise<{ code: number; out: string }> {
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
async function homeWithFourEvents(): Promise<Home> {
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

async function tamper(home: Home, statement: string): Promise<void> {
  const db = openHome(home);
  try {
    await rawExec(db, statement);
  } finally {
    await db.close();
  }
}

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

describe('keel migrate', () => {
  it('applies the migrations once and then reports the schema up to date', async () => {
    const home = await freshHome();
    const first = await keel(home, ['migrate']);
    expect(first.code).toBe(0);
    expect(first.out).toContain('Applied: 0001-platform');
    const second = await keel(home, ['migrate']);
    expect(second.code).toBe(0);
    expect(second.out).toContain('The schema is up to date');
    expect(second.out).not.toContain('Applied');
  });
});

describe('keel create-admin', () => {
  it('creates the administrator with KEEL_ADMIN_PASSWORD without printing it', async () => {
    const home = await freshHome();
    const { code, out } = await keel(home, ['create-admin'], { adminPassword: CLI_PASSWORD });
    expect(code).toBe(0);
    expect(out).toContain('Administrator "admin" created');
    expect(out).not.toContain(CLI_PASSWORD);
    const db = openHome(home);
    try {
      const server = await startTestServer({}, asTestDatabase(home, db));
      try {
        const me = await new Client(server.url).login('admin', CLI_PASSWORD);
        expect(me.status).toBe(200);
        expect(me.body.roles).toContain('administrator');
      } finally {
        await server.close();
      }
    } finally {
      await db.close();
    }
  });

  it('reports an existing administrator with exit code 1 and leaves it unchanged', async () => {
    const home = await freshHome();
    expect((await keel(home, ['create-admin'], { adminPassword: CLI_PASSWORD })).code).toBe(0);
    const again = await keel(home, ['create-admin'], { adminPassword: 'Another-Passw0rd!' });
    expect(again.code).toBe(1);
    expect(again.out).toContain('The user "admin" already exists');
    const db = openHome(home);
    try {
      const server = await startTestServer({}, asTestDatabase(home, db));
      try {
        expect((await new Client(server.url).login('admin', 'Another-Passw0rd!')).status).toBe(401);
        expect((await new Client(server.url).login('admin', CLI_PASSWORD)).status).toBe(200);
      } finally {
        await server.close();
      }
    } finally {
      await db.close();
    }
  });

  it('without KEEL_ADMIN_PASSWORD prints a generated password once, and that password signs in', async () => {
    const home = await freshHome();
    const { code, out } = await keel(home, ['create-admin', '--username', 'root.operator']);
    expect(code).toBe(0);
    const generated = /with the password: (\S+)/.exec(out)?.[1];
    expect(generated).toBeDefined();
    expect(generated?.length).toBeGreaterThanOrEqual(12);
    const db = openHome(home);
    try {
      const stored = await db.kysely
        .selectFrom('users')
        .select('password_hash')
        .where('username', '=', 'root.operator')
        .executeTakeFirstOrThrow();
      expect(stored.password_hash).not.toContain(generated);
      const server = await startTestServer({}, asTestDatabase(home, db));
      try {
        const me = await new Client(server.url).login('root.operator', generated ?? '');
        expect(me.status).toBe(200);
        expect(me.body.roles).toContain('administrator');
      } finally {
        await server.close();
      }
    } finally {
      await db.close();
    }
  });
});

describe('keel audit verify', () => {
  it('exits 0 on an intact trail, naming how many events it checked', async () => {
    const home = await homeWithFourEvents();
    const { code, out } = await keel(home, ['audit', 'verify']);
    expect(code).toBe(0);
    expect(out).toMatch(/Audit trail intact: 4 events, head [0-9a-f]{64}/);
  });

  it.each([
    [
      'whose content was changed',
      "update audit_events set object_label = 'x' where id = 2",
      'at event 2: content does not match its hash (events before it verified: 1)',
    ],
    ['deleted from the middle of the trail', 'delete from audit_events where id = 3', 'at event 3: event 3 is missing'],
    [
      'that was last and deleted',
      'delete from audit_events where id = 4',
      'at event 4: the chain ends at event 3 but the head records event 4',
    ],
  ])('exits 1 naming the event %s', async (_case, statement, expected) => {
    const home = await homeWithFourEvents();
    await tamper(home, statement);
    const { code, out } = await keel(home, ['audit', 'verify']);
    expect(code).toBe(1);
    expect(out).toContain(`Audit trail BROKEN ${expected}`);
  });
});

/** Every table's rows in primary-key order, read straight from the SQLite file. */
function dumpSqlite(file: string): Record<string, unknown[]> {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type = 'table' order by name").pluck().all();
    const dump: Record<string, unknown[]> = {};
    for (const table of tables) {
      if (typeof table !== 'string') continue;
      const columns = db.pragma(`table_info("${table}")`) as { name: string; pk: number }[];
      const keys = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      const order = keys.length > 0 ? keys.map((c) => `"${c.name}"`).join(', ') : 'rowid';
      dump[table] = db.prepare(`select * from "${table}" order by ${order}`).all();
    }
    return dump;
  } finally {
    db.close();
  }
}

describe.skipIf(DIALECT !== 'sqlite')('keel backup and restore (SQLite)', () => {
  it('backs up a serving database and restores it into a new data directory row for row, and the admin signs in there', async () => {
    const source = await freshHome();
    expect((await keel(source, ['create-admin'], { adminPassword: CLI_PASSWORD })).code).toBe(0);
    const sourceDb = openHome(source);
    const file = path.join(tempDir('keel-backup-'), 'nested', 'keel-backup.db');
    try {
      const server = await startTestServer({}, asTestDatabase(source, sourceDb));
      try {
        const admin = new Client(server.url);
        expect((await admin.login('admin', CLI_PASSWORD)).status).toBe(200);
        const org = await createOrganisation(admin);
        await createUser(server, admin, { kind: 'customer', organisationId: org.id });
        expect((await admin.post('/api/v1/groups', { name: 'Backed-up group' })).status).toBe(201);
        // Online: the server still holds the database open while the backup runs.
        const backup = await keel(source, ['backup', file]);
        expect(backup.code).toBe(0);
        expect(backup.out).toContain(`Backup written to ${file}`);
      } finally {
        await server.close();
      }
    } finally {
      await sourceDb.close();
    }
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    const target = await freshHome();
    const restore = await keel(target, ['restore', file, '--force']);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain(`Database restored to ${path.join(target.dataDir, 'keel.db')}`);

    const before = dumpSqlite(path.join(source.dataDir, 'keel.db'));
    const after = dumpSqlite(path.join(target.dataDir, 'keel.db'));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const table of ['users', 'organisations', 'groups', 'sessions', 'audit_events', 'roles']) {
      expect(before[table]?.length, table).toBeGreaterThan(0);
    }
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);

    const restoredDb = openHome(target);
    try {
      const restored = await startTestServer({}, asTestDatabase(target, restoredDb));
      try {
        const admin = new Client(restored.url);
        expect((await admin.login('admin', CLI_PASSWORD)).status).toBe(200);
        const groups = await admin.get<{ items: { name: string }[] }>('/api/v1/groups');
        expect(groups.body.items.map((g) => g.name)).toContain('Backed-up group');
      } finally {
        await restored.close();
      }
    } finally {
      await restoredDb.close();
    }
    expect((await keel(target, ['audit', 'verify'])).code).toBe(0);
  });

  it('copies attachment contents beside the backup and puts them back on restore, so downloads work there', async () => {
    const source = await freshHome();
    expect((await keel(source, ['create-admin'], { adminPassword: CLI_PASSWORD })).code).toBe(0);
    const file = path.join(tempDir('keel-backup-'), 'with-files.db');
    const content = Buffer.from(`故障日志 ${Date.now()}`);
    let contentUrl = '';
    const sourceDb = openHome(source);
    try {
      const server = await startTestServer({}, asTestDatabase(source, sourceDb));
      try {
        const admin = new Client(server.url);
        expect((await admin.login('admin', CLI_PASSWORD)).status).toBe(200);
        const task = await admin.post<{ number: string }>('/api/v1/tasks', { title: 'Backed-up task' });
        const form = new FormData();
        form.append('file', new Blob([content]), '日志.txt');
        const uploaded = await admin.request<{ contentUrl: string; sha256: string }>(
          'POST',
          `/api/v1/tasks/${task.body.number}/attachments`,
          {
            raw: form,
          },
        );
        expect(uploaded.status).toBe(201);
        contentUrl = uploaded.body.contentUrl;
        const backup = await keel(source, ['backup', file]);
        expect(backup.code).toBe(0);
        expect(backup.out).toContain(`Attachments: 1 files copied to ${file}.blobs`);
      } finally {
        await server.close();
      }
    } finally {
      await sourceDb.close();
    }
    expect(fs.existsSync(path.join(`${file}.blobs`, 'tmp'))).toBe(false);

    const target = await freshHome();
    const restore = await keel(target, ['restore', file, '--force']);
    expect([restore.code, restore.out]).toEqual([0, expect.stringContaining('Attachments: 1 files in place')]);
    const restoredDb = openHome(target);
    try {
      const restored = await startTestServer({}, asTestDatabase(target, restoredDb));
      try {
        const admin = new Client(restored.url);
        expect((await admin.login('admin', CLI_PASSWORD)).status).toBe(200);
        const response = await fetch(`${restored.url}${contentUrl}`, { headers: { cookie: admin.cookie ?? '', connection: 'close' } });
        expect(Buffer.from(await response.arrayBuffer()).equals(content)).toBe(true);
      } finally {
        await restored.close();
      }
    } finally {
      await restoredDb.close();
    }
  });

  it('says which attachment files are missing when a backup lacks its .blobs folder (exit 1)', async () => {
    const source = await freshHome();
    expect((await keel(source, ['migrate'])).code).toBe(0);
    await tamper(source, `insert into blobs (sha256, size, media_type, created_at) values ('${'ab'.repeat(32)}', 1, 'text/plain', 0)`);
    const file = path.join(tempDir('keel-backup-'), 'lost-files.db');
    const backup = await keel(source, ['backup', file]);
    expect(backup.code).toBe(1);
    expect(backup.out).toContain(`MISSING 1 attachment files the database refers to: ${'ab'.repeat(32)}`);
    fs.rmSync(`${file}.blobs`, { recursive: true });
    const target = await freshHome();
    const restore = await keel(target, ['restore', file, '--force']);
    expect(restore.code).toBe(1);
    expect(restore.out).toContain('MISSING 1 attachment files');
  });

  it('refuses to overwrite an existing backup file', async () => {
    const home = await freshHome();
    expect((await keel(home, ['migrate'])).code).toBe(0);
    const file = path.join(tempDir('keel-backup-'), 'taken.db');
    fs.writeFileSync(file, 'keep me');
    await expect(keel(home, ['backup', file])).rejects.toThrow(/exists; choose a new file name/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('refuses to restore a file that is not a database, or a database that is not Keel', async () => {
    const home = await freshHome();
    const dir = tempDir('keel-restore-');
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'this is not a database at all, just some text that is long enough to look like a file\n'.repeat(50));
    await expect(keel(home, ['restore', text, '--force'])).rejects.toThrow(/not a database/);
    const foreign = path.join(dir, 'other.db');
    const other = new SqliteDatabase(foreign);
    other.exec('create table customers (id integer primary key, name text)');
    other.close();
    await expect(keel(home, ['restore', foreign, '--force'])).rejects.toThrow('The file is not a Keel database');
    expect(fs.existsSync(path.join(home.dataDir, 'keel.db'))).toBe(false);
  });

  it('refuses to replace an existing database without --force, leaving it untouched', async () => {
    const source = await freshHome();
    expect((await keel(source, ['create-admin'], { adminPassword: CLI_PASSWORD })).code).toBe(0);
    const file = path.join(tempDir('keel-backup-'), 'keel.db');
    expect((await keel(source, ['backup', file])).code).toBe(0);

    const target = await freshHome();
    expect((await keel(target, ['create-admin', '--username', 'someone.else'], { adminPassword: CLI_PASSWORD })).code).toBe(0);
    const before = dumpSqlite(path.join(target.dataDir, 'keel.db'));
    await expect(keel(target, ['restore', file])).rejects.toThrow(/exists; stop Keel and pass --force/);
    expect(dumpSqlite(path.join(target.dataDir, 'keel.db'))).toEqual(before);

    expect((await keel(target, ['restore', file, '--force'])).code).toBe(0);
    const users = dumpSqlite(path.join(target.dataDir, 'keel.db')).users as { username: string }[];
    expect(users.map((u) => u.username)).toEqual(['admin']);
  });
});

describe.skipIf(DIALECT !== 'postgres')('keel backup and restore (PostgreSQL)', () => {
  it('explains pg_dump and pg_restore instead of copying, with exit code 2', async () => {
    const home = await freshHome();
    expect((await keel(home, ['migrate'])).code).toBe(0);
    const file = path.join(tempDir('keel-backup-'), 'keel.dump');
    const backup = await keel(home, ['backup', file]);
    expect(backup.code).toBe(2);
    expect(backup.out).toContain('pg_dump --format=custom');
    expect(backup.out).toContain('pg_restore');
    expect(backup.out).toContain('$KEEL_DATA_DIR/blobs');
    expect(fs.existsSync(file)).toBe(false);
    const restore = await keel(home, ['restore', file, '--force']);
    expect(restore.code).toBe(2);
    expect(restore.out).toContain('pg_restore --clean --if-exists');
  });
});
