// Shared by the benchmark scripts: start the production server, sign in, load it, write RESULTS.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const RESULTS = path.join(import.meta.dirname, 'RESULTS.md');
export const ADMIN_PASSWORD = 'Bench-Keel-Passw0rd!';

export function requireBuild() {
  if (!fs.existsSync(path.join(ROOT, 'server/dist/cli/main.js'))) {
    console.error('Keel is not built: run `npm run build` (or `node scripts/build.js --server-only`) first.');
    process.exit(2);
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `node bin/keel.js start` on a fresh data directory (or the one given, already seeded), and database when given. */
export async function startKeel({ databaseUrl = null, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-')) } = {}) {
  const port = await freePort();
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KEEL_DATA_DIR: dataDir,
    KEEL_ADMIN_PASSWORD: ADMIN_PASSWORD,
    KEEL_LOG_LEVEL: 'warn',
  };
  if (databaseUrl) env.KEEL_DATABASE_URL = databaseUrl;
  else delete env.KEEL_DATABASE_URL;
  // The same V8 flag as `npm start` (see package.json): a small young generation keeps idle RSS low.
  // The server's log goes to a file beside the data directory, and its tail is shown if it dies mid-run.
  const logFile = `${dataDir}.log`;
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--max-semi-space-size=4', 'bin/keel.js', 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', log, log],
  });
  let stopping = false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  void exited.then((code) => {
    if (stopping) return;
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    console.error(`keel start exited unexpectedly (${code}); its log ends:\n${tail}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`keel start exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('keel start did not become ready in 30 s');
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) break;
    } catch {
      // Not listening yet.
    }
    await sleep(50);
  }
  return {
    url,
    dataDir,
    pid: child.pid,
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(logFile, { force: true });
    },
  };
}

/** Resident and peak memory of a process, in MB, from /proc. */
export function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

export async function signIn(url) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('keel_session='));
  if (!cookie) throw new Error('sign-in set no session cookie');
  return cookie;
}

/** One autocannon run; a run with errors or non-2xx answers is reported as invalid, never as a figure. */
export async function load(options) {
  const result = await autocannon({ ...options, renderProgressBar: false, renderResultsTable: false });
  const failures = result.errors + result.timeouts + result.non2xx;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p90: result.latency.p90,
    // autocannon reports p90, p97.5 and p99; p97.5 stands in (conservatively) for a p95 target.
    p975: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result.requests.total,
    failures,
    // What went wrong, when something did: status codes and connection errors.
    breakdown: `status ${JSON.stringify(Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])))}, errors ${result.errors}, timeouts ${result.timeouts}`,
  };
}

export async function withPostgresDatabase(rootUrl, work) {
  const name = `keel_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (statement) => {
    const client = new pg.Client({ connectionString: rootUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  try {
    const url = new URL(rootUrl);
    url.pathname = `/${name}`;
    return await work(url.toString());
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
  }
}

/** A Markdown table padded the way the repository's formatter (biome) writes one. */
export function markdownTable(header, rows, rightAligned) {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (rightAligned[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';
export const verdict = (ok) => (ok ? 'pass' : 'FAIL');

/** Adds a run (its table and notes) to RESULTS.md, newest first, keeping the hand-written text above the marker. */
export function recordRun({ table, notes, allPassed, loadBefore, command }) {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', 'server/src', 'shared/src') ? ' with uncommitted changes in server/src or shared/src' : '';
  const run = [
    `## ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    '',
    `- machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'cpu'} (nproc ${os.availableParallelism()}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, ${os.type()} ${os.release()}`,
    `- node ${process.version}; load generator (autocannon) shares the machine with the server; 1-minute load average before the run: ${loadBefore.toFixed(2)}`,
    `- code: commit ${commit}${dirty} (server/dist as built before the run)`,
    `- command: \`${command}\``,
    `- overall: ${allPassed ? 'all targets met' : 'targets missed (see FAIL)'}`,
    '',
    table,
    '',
    ...notes.map((n) => `- ${n}`),
  ].join('\n');
  const marker = '<!-- runs: newest first; bench/run.js inserts below this line -->';
  const existing = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '';
  const header = existing.includes(marker)
    ? existing.slice(0, existing.indexOf(marker) + marker.length)
    : `# Benchmark results\n\nWritten by \`node bench/run.js\` (see bench/README.md for what each target means).\n\n${marker}`;
  const older = existing.includes(marker) ? existing.slice(existing.indexOf(marker) + marker.length).trim() : '';
  fs.writeFileSync(RESULTS, `${header}\n\n${run}\n${older ? `\n${older}\n` : ''}`);
  console.log(`Results added to ${path.relative(ROOT, RESULTS)}`);
}
