import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshHome, keel, openHome, useCliEnvironment } from './cli-support.js';

// `keel import` as an operator runs it, in-process against a fresh installation.
useCliEnvironment();
const HEAD = path.join(import.meta.dirname, 'fixtures/uci-head.csv');
const BAD = path.join(import.meta.dirname, 'fixtures/uci-bad-rows.csv');

describe('keel import', () => {
  it('explains its usage, an unknown mapping and a missing file with exit code 2', async () => {
    const home = await freshHome();
    expect((await keel(home, ['import'])).code).toBe(2);
    expect((await keel(home, ['import', 'uci-incident-event-log', '/no/such/file.csv'])).out).toContain('No such file');
    const unknown = await keel(home, ['import', 'no-such-mapping', HEAD]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('not valid');
  });

  it('lists each bad row with its line and exits 1 having written nothing', async () => {
    const home = await freshHome();
    const { code, out } = await keel(home, ['import', 'uci-incident-event-log', BAD]);
    expect(code).toBe(1);
    expect(out).toContain('6 rejected rows');
    expect(out).toContain('line 13: The row has 30 cells; the header has 36');
    expect(out).toContain('Nothing was imported');
    const db = openHome(home);
    try {
      expect(await db.kysely.selectFrom('records').select('id').execute()).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('dry-runs, imports, then finds nothing new on a second run', async () => {
    const home = await freshHome();
    const dry = await keel(home, ['import', 'imports/uci-incident-event-log.json', HEAD, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Dry run: 328 rows, 52 cases, 0 rejected rows');
    expect(dry.out).toContain('52 created, 0 updated, 0 unchanged (would be written)');
    const real = await keel(home, ['import', 'uci-incident-event-log', HEAD]);
    expect(real.out).toContain('52 created, 0 updated, 0 unchanged (were written)');
    const again = await keel(home, ['import', 'uci-incident-event-log', HEAD]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 created, 0 updated, 52 unchanged');
    const db = openHome(home);
    try {
      const audit = await db.kysely
        .selectFrom('audit_events')
        .select(['action', 'actor_name'])
        .where('action', '=', 'import.completed')
        .execute();
      expect(audit).toEqual([
        { action: 'import.completed', actor_name: 'keel import' },
        { action: 'import.completed', actor_name: 'keel import' },
      ]);
    } finally {
      await db.close();
    }
  });
});
