import { describe, expect, it } from 'vitest';
import { asTestDatabase, CLI_PASSWORD, freshHome, homeWithFourEvents, keel, openHome, tamper, useCliEnvironment } from './cli-support.js';
import { Client } from './client.js';
import { startTestServer } from './harness.js';

// The `keel` command as production runs it, in-process against real installations.
useCliEnvironment();

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
