import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** `dataDir` holds the SQLite database, for a journey that must set up what no API does (e.g. a clock long overdue). */
export type RunningServer = { baseUrl: string; dataDir: string; output: () => string; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server was not ready within 60 s:\n${output()}`);
}

/** Starts `node bin/keel.js start` on a free port with a fresh data directory (and any extra configuration). */
export async function startServer(adminPassword: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const webIndex = path.join(repoRoot, 'web', 'dist', 'index.html');
  if (!existsSync(webIndex)) throw new Error(`${webIndex} is missing: build the web app first (npm run build)`);
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-e2e-'));
  const child = spawn(process.execPath, ['bin/keel.js', 'start'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEEL_DATA_DIR: dataDir,
      KEEL_ADMIN_PASSWORD: adminPassword,
      KEEL_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const output = () => log.slice(-4000);
  try {
    await waitForReady(baseUrl, child, output);
  } catch (error) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { baseUrl, dataDir, output, stop };
}
