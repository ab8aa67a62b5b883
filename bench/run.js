#!/usr/bin/env node
// Keel's performance targets, measured against the production server (`keel start`).
// Build first (`npm run build`, or `node scripts/build.js --server-only`); see bench/README.md.
import os from 'node:os';
import { hash } from '@node-rs/argon2';
import {
  ADMIN_PASSWORD,
  fmt,
  load,
  markdownTable,
  memoryOf,
  recordRun,
  requireBuild,
  signIn,
  sleep,
  startKeel,
  verdict,
  withPostgresDatabase,
} from './lib.js';

// The server's own argon2id parameters (server/src/platform/auth/passwords.ts).
const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

const TARGETS = { meRps: 5000, meP99Ms: 20, rssMb: 150 };
const ME = { duration: Number(process.env.KEEL_BENCH_SECONDS ?? 10), connections: 50 };
// Idle means: nothing in flight for this long (argon2's working memory is returned to the OS by then).
const SETTLE_MS = 5000;
const LOGIN = { duration: Number(process.env.KEEL_BENCH_LOGIN_SECONDS ?? 10), connections: 8 };

requireBuild();

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

  const command = `${process.env.KEEL_BENCH_DATABASE_URL ? 'KEEL_BENCH_DATABASE_URL=… ' : ''}node bench/run.js`;
  recordRun({ table, notes, allPassed, loadBefore, command });
  return allPassed ? 0 : 1;
}

process.exitCode = await main();
