import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Group, AuditVerifyResult as Verify } from '@keel/shared';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from './client.js';
import { DIALECT } from './harness.js';

// The real `keel start` process: graceful shutdown, durability through kill -9, two processes on one database.
const ROOT = path.resolve(import.meta.dirname, '../..');
const SPAWNED_PASSWORD = 'Spawned-Keel-42!';

type Spawned = { url: string; child: ChildProcess; output: () => string; exited: Promise<number | null> };
type Installation = { dataDir: string; databaseUrl: string | null; drop: () => Promise<void> };

const running = new Set<Spawned>();
const installations: Installation[] = [];

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.KEEL_TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A data directory and, on PostgreSQL, a database of its own: `keel start` uses the public schema. */
async function freshInstallation(): Promise<Installation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-ops-'));
  const removeDir = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  if (DIALECT === 'sqlite') return { dataDir, databaseUrl: null, drop: removeDir };
  const name = `keel_ops_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await pgAdmin(`create database ${name}`);
  const url = new URL(process.env.KEEL_TEST_DATABASE_URL ?? '');
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      await pgAdmin(`drop database if exists ${name} with (force)`);
      await removeDir();
    },
  };
}

/** Polls /readyz until the server answers 200; fails with the server's output if it exits or takes too long. */
async function waitUntilReady(spawned: Spawned, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void spawned.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline && !exited) {
    try {
      if ((await fetch(`${spawned.url}/readyz`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Keel did not become ready:\n${spawned.output()}`);
}

/** Runs the built `keel start` as production does, on a free port. */
async function startKeel(installation: Installation, logLevel = 'warn'): Promise<Spawned> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KEEL_DATA_DIR: installation.dataDir,
    KEEL_ADMIN_PASSWORD: SPAWNED_PASSWORD,
    KEEL_LOG_LEVEL: logLevel,
    KEEL_WEB_DIR: path.join(installation.dataDir, 'no-web'),
  };
  if (installation.databaseUrl) env.KEEL_DATABASE_URL = installation.databaseUrl;
  else delete env.KEEL_DATABASE_URL;
  const child = spawn(process.execPath, ['bin/keel.js', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawned = { url: `http://127.0.0.1:${port}`, child, output: () => output, exited };
  running.add(spawned);
  void exited.then(() => running.delete(spawned));
  await waitUntilReady(spawned);
  return spawned;
}

/** The exit code, or 'still running' when the process outlives the deadline. */
async function exitWithin(spawned: Spawned, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  try {
    return await Promise.race([spawned.exited, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `count` log lines of the running server satisfy `match` (the server's own evidence, not a sleep). */
type LogLine = { msg?: string; req?: { url?: string } };

async function waitForLogLines(spawned: Spawned, match: (line: LogLine) => boolean, count: number): Promise<void> {
  const seen = () =>
    spawned
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line): LogLine => JSON.parse(line))
      .filter(match).length;
  while (seen() < count) {
    const exited = await Promise.race([
      spawned.exited.then(() => true),
      new Promise<false>((resolve) => spawned.child.stdout?.once('data', () => resolve(false))),
    ]);
    if (exited) throw new Error(`Keel exited while waiting for its log:\n${spawned.output()}`);
  }
}

describe('the production server process', () => {
  beforeAll(() => {
    // Always rebuild incrementally (a no-op when up to date) so the process runs the code under test.
    const build = spawnSync('npx', ['tsc', '-b', 'shared', 'server'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npx tsc -b shared server failed:\n${build.stdout}\n${build.stderr}`);
  }, 120_000);
  afterAll(async () => {
    for (const spawned of running) {
      spawned.child.kill('SIGKILL');
      await spawned.exited;
    }
    for (const installation of installations) await installation.drop();
  });

  async function installation(): Promise<Installation> {
    const created = await freshInstallation();
    installations.push(created);
    return created;
  }

  it('finishes in-flight requests on SIGTERM, then exits 0', async () => {
    const keel = await startKeel(await installation(), 'info');
    const inFlight = 6;
    let answeredBeforeSignal = 0;
    let signalled = false;
    const signIns = Array.from({ length: inFlight }, () =>
      new Client(keel.url).login('admin', SPAWNED_PASSWORD).then((reply) => {
        if (!signalled) answeredBeforeSignal++;
        return reply;
      }),
    );
    await waitForLogLines(keel, (line) => line.msg === 'incoming request' && line.req?.url === '/api/v1/auth/login', inFlight);
    signalled = keel.child.kill('SIGTERM');
    expect(signalled).toBe(true);
    const replies = await Promise.all(signIns);
    expect(replies.map((r) => r.status)).toEqual(Array(inFlight).fill(200));
    // Each sign-in costs an argon2 hash, so they were still being served when the signal came.
    expect(answeredBeforeSignal).toBeLessThan(inFlight);
    // Keep-alive clients (browsers, proxies, fetch) must not hold the exit until the forced timeout.
    expect(await exitWithin(keel, 10_000)).toBe(0);
    expect(keel.output()).toContain('shutting down: finishing in-flight requests');
    await expect(fetch(`${keel.url}/healthz`)).rejects.toThrow();
  });

  it('keeps an acknowledged write through kill -9 and a restart on the same data', async () => {
    const place = await installation();
    const first = await startKeel(place);
    const admin = new Client(first.url);
    expect((await admin.login('admin', SPAWNED_PASSWORD)).status).toBe(200);
    const created = await admin.post<Group>('/api/v1/groups', { name: 'Survives a crash' });
    expect(created.status).toBe(201);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();

    const second = await startKeel(place);
    const again = new Client(second.url);
    expect((await again.login('admin', SPAWNED_PASSWORD)).status).toBe(200);
    const read = await again.get<Group>(`/api/v1/groups/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Survives a crash');
    expect((await again.post<Verify>('/api/v1/audit/verify')).body).toMatchObject({ ok: true });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('runs as two processes on one database with concurrent writes and an intact audit chain', async () => {
    const place = await installation();
    const one = await startKeel(place);
    const two = await startKeel(place);
    const adminOne = new Client(one.url);
    expect((await adminOne.login('admin', SPAWNED_PASSWORD)).status).toBe(200);
    const adminTwo = new Client(two.url);
    adminTwo.cookie = adminOne.cookie;
    adminTwo.csrf = adminOne.csrf;
    const before = await adminTwo.post<Verify>('/api/v1/audit/verify');
    expect(before.body.ok).toBe(true);
    const writes = 40;
    const replies = await Promise.all(
      Array.from({ length: writes }, (_, i) => (i % 2 === 0 ? adminOne : adminTwo).post<Group>('/api/v1/groups', { name: `Process ${i}` })),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(writes).fill(201));
    const after = await adminOne.post<Verify>('/api/v1/audit/verify');
    expect(after.body).toMatchObject({ ok: true, firstBadId: null });
    expect(after.body.checked).toBe(before.body.checked + 1 + writes);
    const listed = await adminTwo.get<{ items: Group[] }>('/api/v1/groups?limit=100');
    expect(listed.body.items.filter((g) => g.name.startsWith('Process ')).length).toBe(writes);
    one.child.kill('SIGTERM');
    two.child.kill('SIGTERM');
    expect([await one.exited, await two.exited]).toEqual([0, 0]);
  });
});
