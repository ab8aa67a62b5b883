import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DIALECT } from './harness.js';

// The real `keel start` process for tests that need one: crash safety, graceful shutdown, two processes.
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SPAWNED_PASSWORD = 'Spawned-Keel-42!';

export type Spawned = { url: string; child: ChildProcess; output: () => string; exited: Promise<number | null> };
export type Installation = { dataDir: string; databaseUrl: string | null; drop: () => Promise<void> };

export const running = new Set<Spawned>();

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function pgAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.KEEL_TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A data directory and, on PostgreSQL, a database of its own: `keel start` uses the public schema. */
export async function freshInstallation(): Promise<Installation> {
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
export async function waitUntilReady(spawned: Spawned, timeoutMs = 20_000): Promise<void> {
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
export async function startKeel(installation: Installation, logLevel = 'warn', extraEnv: NodeJS.ProcessEnv = {}): Promise<Spawned> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KEEL_DATA_DIR: installation.dataDir,
    KEEL_ADMIN_PASSWORD: SPAWNED_PASSWORD,
    KEEL_LOG_LEVEL: logLevel,
    KEEL_WEB_DIR: path.join(installation.dataDir, 'no-web'),
    ...extraEnv,
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
export async function exitWithin(spawned: Spawned, ms: number): Promise<number | null | 'still running'> {
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
export type LogLine = { msg?: string; req?: { url?: string } };

export async function waitForLogLines(spawned: Spawned, match: (line: LogLine) => boolean, count: number): Promise<void> {
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

/** Compiles shared and server incrementally (a no-op when up to date) so spawned processes run the code under test. */
export function buildServer(): void {
  const build = spawnSync('npx', ['tsc', '-b', 'shared', 'server'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npx tsc -b shared server failed:\n${build.stdout}\n${build.stderr}`);
}

/** Kills every process a test started and removes its installations. */
export async function cleanUp(installations: Installation[]): Promise<void> {
  for (const spawned of running) {
    spawned.child.kill('SIGKILL');
    await spawned.exited;
  }
  for (const installation of installations) await installation.drop();
}
