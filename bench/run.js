#!/usr/bin/env node
// Keel's performance targets, measured against the production server (`keel start`).
// Build first (`npm run build`, or `node scripts/build.js --server-only`); see bench/README.md.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS = path.join(import.meta.dirname, 'RESULTS.md');
const ADMIN_PASSWORD = 'Bench-Keel-Passw0rd!';
// The server's own argon2id parameters (server/src/platform/auth/passwords.ts).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

const TARGETS = { meRps: 5000, meP99Ms: 20, rssMb: 150 };
const ME = { duration: Number(process.env.KEEL_BENCH_SECONDS ?? 10), connections: 50 };
// Idle means: nothing in flight for this long (argon2's working memory is returned to the OS by then).
const SETTLE_MS = 5000;
const LOGIN = { duration: Number(process.env.KEEL_BENCH_LOGIN_SECONDS ?? 10), connections: 8 };

if (!fs.existsSync(path.join(ROOT, 'server/dist/cli/main.js'))) {
  console.error('Keel is not built: run `npm run build` (or `node scripts/build.js --server-only`) first.');
  process.exit(2);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `node bin/keel.js start` on a fresh data directory (and database, when given). */
async function startKeel({ databaseUrl = null } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-'));
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
  const child = spawn(process.execPath, ['--max-semi-space-size=4', 'bin/keel.js', 'start'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
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
    pid: child.pid,
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident and peak memory of a process, in MB, from /proc. */
function memoryOf(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

async function signIn(url) {
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
async function load(options) {
  const result = await autocannon({ ...options, renderProgressBar: false, renderResultsTable: false });
  const failures = result.errors + result.timeouts + result.non2xx;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result.requests.total,
    failures,
    // What went wrong, when something did: status codes and connection errors.
    breakdown: `status ${JSON.stringify(Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])))}, errors ${result.errors}, timeouts ${result.timeouts}`,
  };
}

async function benchMe(url, cookie) {
  const options = { url: `${url}/api/v1/me`, headers: { cookie }, connections: ME.connections };
  await load({ ...options, duration: 2 });
  return load({ ...options, duration: ME.duration });
}

async function benchLogin(url) {
  return load({
    url: `${url}/api/v1/auth/login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    connections: LOGIN.connections,
    duration: LOGIN.duration,
  });
}

/** One argon2id hash in this process: alone (latency) and with as many in flight as the sign-in run (throughput). */
async function benchArgon2() {
  for (let i = 0; i < 3; i++) await hash('warm-up-password', ARGON2);
  const times = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await hash(`bench-password-${i}`, ARGON2);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const started = performance.now();
  let done = 0;
  const deadline = started + 5_000;
  await Promise.all(
    Array.from({ length: LOGIN.connections }, async () => {
      while (performance.now() < deadline) {
        await hash('bench-password', ARGON2);
        done++;
      }
    }),
  );
  return { medianMs: times[Math.floor(times.length / 2)], perSecond: done / ((performance.now() - started) / 1000) };
}

async function withPostgresDatabase(rootUrl, work) {
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
function markdownTable(header, rows, rightAligned) {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    `| ${cells.map((c, i) => (rightAligned[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (rightAligned[i] ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

const fmt = (n, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a';
const verdict = (ok) => (ok ? 'pass' : 'FAIL');

async function main() {
  const rows = [];
  const notes = [];
  let allPassed = true;
  const check = (ok) => {
    allPassed &&= ok;
    return verdict(ok);
  };
  const invalid = (what, run) => {
    if (run.failures > 0) {
      notes.push(`${what}: ${run.failures} of ${run.total} requests failed or were not 2xx (${run.breakdown}) — figures invalid.`);
      allPassed = false;
    }
  };

  const loadBefore = os.loadavg()[0];
  if (loadBefore > 0.5) console.warn(`warning: load average ${loadBefore.toFixed(2)} before the run; figures will be low`);
  console.log('Starting keel (SQLite)…');
  const keel = await startKeel();
  let idle;
  let me;
  let afterMe;
  let login;
  let endOfLoad;
  let settled;
  try {
    await sleep(SETTLE_MS);
    idle = memoryOf(keel.pid);
    const cookie = await signIn(keel.url);
    console.log(`GET /api/v1/me: ${ME.connections} connections, ${ME.duration} s…`);
    me = await benchMe(keel.url, cookie);
    invalid('GET /api/v1/me (SQLite)', me);
    afterMe = memoryOf(keel.pid);
    console.log(`POST /api/v1/auth/login: ${LOGIN.connections} connections, ${LOGIN.duration} s…`);
    login = await benchLogin(keel.url);
    invalid('POST /api/v1/auth/login', login);
    endOfLoad = memoryOf(keel.pid);
    await sleep(SETTLE_MS);
    settled = memoryOf(keel.pid);
  } finally {
    await keel.stop();
  }
  console.log('argon2id in-process…');
  const argon = await benchArgon2();

  rows.push(['GET /api/v1/me (SQLite), req/s', fmt(me.rps), `≥ ${fmt(TARGETS.meRps)}`, check(me.rps >= TARGETS.meRps)]);
  rows.push(['GET /api/v1/me (SQLite), p99 ms', fmt(me.p99, 1), `≤ ${TARGETS.meP99Ms}`, check(me.p99 <= TARGETS.meP99Ms)]);
  rows.push(['GET /api/v1/me (SQLite), p50 / max ms', `${fmt(me.p50, 1)} / ${fmt(me.max, 1)}`, '', '']);

  if (process.env.KEEL_BENCH_DATABASE_URL) {
    console.log('Starting keel (PostgreSQL, fresh database)…');
    const pgMe = await withPostgresDatabase(process.env.KEEL_BENCH_DATABASE_URL, async (databaseUrl) => {
      const pgKeel = await startKeel({ databaseUrl });
      try {
        const cookie = await signIn(pgKeel.url);
        console.log(`GET /api/v1/me (PostgreSQL): ${ME.connections} connections, ${ME.duration} s…`);
        return await benchMe(pgKeel.url, cookie);
      } finally {
        await pgKeel.stop();
      }
    });
    invalid('GET /api/v1/me (PostgreSQL)', pgMe);
    rows.push(['GET /api/v1/me (PostgreSQL), req/s', fmt(pgMe.rps), `≥ ${fmt(TARGETS.meRps)}`, check(pgMe.rps >= TARGETS.meRps)]);
    rows.push(['GET /api/v1/me (PostgreSQL), p99 ms', fmt(pgMe.p99, 1), `≤ ${TARGETS.meP99Ms}`, check(pgMe.p99 <= TARGETS.meP99Ms)]);
    rows.push(['GET /api/v1/me (PostgreSQL), p50 / max ms', `${fmt(pgMe.p50, 1)} / ${fmt(pgMe.max, 1)}`, '', '']);
  } else {
    notes.push('PostgreSQL not measured (set KEEL_BENCH_DATABASE_URL).');
  }

  rows.push([`POST /api/v1/auth/login, req/s (${LOGIN.connections} connections)`, fmt(login.rps, 1), 'report', '']);
  rows.push(['POST /api/v1/auth/login, p50 / p99 ms', `${fmt(login.p50, 1)} / ${fmt(login.p99, 1)}`, 'report', '']);
  rows.push(['argon2id hash alone, median ms', fmt(argon.medianMs, 1), 'report', '']);
  rows.push([`argon2id hashes/s (${LOGIN.connections} in flight)`, fmt(argon.perSecond, 1), 'report', '']);
  rows.push(['sign-in req/s ÷ argon2id hashes/s', fmt(login.rps / argon.perSecond, 2), 'report (1.00 = hashing is the only cost)', '']);
  rows.push(['RSS at idle after start-up, MB', fmt(idle.rssMb, 1), `≤ ${TARGETS.rssMb}`, check(idle.rssMb <= TARGETS.rssMb)]);
  rows.push(['RSS right after the /me load, MB', fmt(afterMe.rssMb, 1), 'report', '']);
  rows.push(['RSS right after the sign-in load, MB', fmt(endOfLoad.rssMb, 1), 'report (argon2: 19 MiB per hash in flight)', '']);
  rows.push([
    `RSS at idle ${SETTLE_MS / 1000} s after the load, MB`,
    fmt(settled.rssMb, 1),
    `≤ ${TARGETS.rssMb}`,
    check(settled.rssMb <= TARGETS.rssMb),
  ]);
  rows.push(['peak RSS (VmHWM), MB', fmt(settled.peakMb, 1), 'report', '']);

  const table = markdownTable(['measure', 'result', 'target', 'verdict'], rows, [false, true, false, false]);
  console.log(`\n${table}\n`);
  for (const note of notes) console.log(`note: ${note}`);

  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const dirty = git('status', '--porcelain', 'server/src', 'shared/src') ? ' with uncommitted changes in server/src or shared/src' : '';
  const command = `${process.env.KEEL_BENCH_DATABASE_URL ? 'KEEL_BENCH_DATABASE_URL=… ' : ''}node bench/run.js`;
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
  return allPassed ? 0 : 1;
}

process.exitCode = await main();
