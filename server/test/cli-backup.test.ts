import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { asTestDatabase, CLI_PASSWORD, freshHome, keel, openHome, tamper, tempDir, useCliEnvironment } from './cli-support.js';
import { Client } from './client.js';
import { createOrganisation, createUser } from './factories.js';
import { DIALECT, startTestServer } from './harness.js';

// `keel backup` and `keel restore`, in-process against real installations.
useCliEnvironment();

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
