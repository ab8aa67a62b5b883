#!/usr/bin/env node
// Keel side by side with Request Tracker 5 (Debian's request-tracker5 on PostgreSQL), driven
// by the same load client over HTTP in the same run: create, get, search, update and comment
// at 1, 4 and 8 clients. Issue 5 asks Keel to create at least 50× as fast as RT.
// Set up RT first (`sudo bench/peers/setup-rt.sh`), then `node bench/peers/rt.js`
// (RT_URL defaults to http://127.0.0.1:8090, RT_PASSWORD to the root password in rt-preseed.txt).
// Build Keel first (`npm run build`). KEEL_BENCH_DATABASE_URL adds Keel on PostgreSQL.
import os from 'node:os';
import { fmt, load, markdownTable, recordRun, requireBuild, signIn, startKeel, withPostgresDatabase } from '../lib.js';

requireBuild();
const RT_URL = process.env.RT_URL ?? 'http://127.0.0.1:8090';
const RT_PASSWORD = process.env.RT_PASSWORD ?? 'Bench-RT-Passw0rd';
const SECONDS = Number(process.env.KEEL_BENCH_SECONDS ?? 10);
const CLIENTS = [1, 4, 8];
const SEED = 200;
const CREATE_TARGET = 50;

const pick = (list) => list[Math.floor(Math.random() * list.length)];

async function call(url, headers, method, body) {
  const response = await fetch(url, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Both systems answer the same five questions; each `ops` entry is one autocannon request shape. */
async function keelSystem(keel) {
  const cookie = await signIn(keel.url);
  const origin = { cookie, origin: keel.url };
  const me = await call(`${keel.url}/api/v1/me`, origin, 'GET');
  const token = (await call(`${keel.url}/api/v1/me/tokens`, { ...origin, 'x-csrf-token': me.csrfToken }, 'POST', { name: 'peers' })).token;
  const auth = { authorization: `Bearer ${token}` };
  const numbers = [];
  for (let i = 0; i < SEED; i++) {
    const created = await call(`${keel.url}/api/v1/incidents`, auth, 'POST', {
      title: `Printer jammed ${i} 打印机卡纸`,
      impact: 2,
      urgency: 2,
    });
    numbers.push(created.number);
  }
  const json = { ...auth, 'content-type': 'application/json' };
  return {
    create: {
      url: `${keel.url}/api/v1/incidents`,
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: 'Mail is down 邮件宕机', impact: 2, urgency: 2 }),
    },
    get: {
      url: `${keel.url}/api/v1/incidents/${numbers[0]}`,
      headers: auth,
      requests: [{ setupRequest: (r) => ({ ...r, path: `/api/v1/incidents/${pick(numbers)}` }) }],
    },
    search: { url: `${keel.url}/api/v1/search?q=printer`, headers: auth },
    update: {
      url: `${keel.url}/api/v1/incidents/${numbers[0]}`,
      method: 'PATCH',
      headers: json,
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            path: `/api/v1/incidents/${pick(numbers)}`,
            body: JSON.stringify({ category: `c${Math.random()}`.slice(0, 12) }),
          }),
        },
      ],
    },
    comment: {
      url: `${keel.url}/api/v1/incidents/${numbers[0]}/comments`,
      method: 'POST',
      headers: json,
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            path: `/api/v1/incidents/${pick(numbers)}/comments`,
            body: JSON.stringify({ body: 'Still jammed 还是卡纸' }),
          }),
        },
      ],
    },
  };
}

/**
 * RT's cheapest way in: a web session. Its API tokens are checked with a slow password hash
 * on every request, which would measure the hash rather than the ticket system.
 */
async function rtSession() {
  const response = await fetch(`${RT_URL}/NoAuth/Login.html`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user: 'root', pass: RT_PASSWORD }),
    redirect: 'manual',
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('RT_SID_'));
  if (!cookie) throw new Error(`RT sign-in failed (${response.status}): is it set up (bench/peers/setup-rt.sh)?`);
  return cookie;
}

async function rtSystem() {
  const auth = { cookie: await rtSession() };
  const ids = [];
  for (let i = 0; i < SEED; i++) {
    const created = await call(`${RT_URL}/REST/2.0/ticket`, auth, 'POST', {
      Queue: 'General',
      Subject: `Printer jammed ${i} 打印机卡纸`,
      Content: 'It jams',
    });
    ids.push(created.id);
  }
  const json = { ...auth, 'content-type': 'application/json' };
  const query = encodeURIComponent("Subject LIKE 'printer'");
  return {
    create: {
      url: `${RT_URL}/REST/2.0/ticket`,
      method: 'POST',
      headers: json,
      body: JSON.stringify({ Queue: 'General', Subject: 'Mail is down 邮件宕机', Content: 'Down' }),
    },
    get: {
      url: `${RT_URL}/REST/2.0/ticket/${ids[0]}`,
      headers: auth,
      requests: [{ setupRequest: (r) => ({ ...r, path: `/REST/2.0/ticket/${pick(ids)}` }) }],
    },
    search: { url: `${RT_URL}/REST/2.0/tickets?query=${query}&per_page=50`, headers: auth },
    update: {
      url: `${RT_URL}/REST/2.0/ticket/${ids[0]}`,
      method: 'PUT',
      headers: json,
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            path: `/REST/2.0/ticket/${pick(ids)}`,
            body: JSON.stringify({ Subject: `Printer ${Math.random()}`.slice(0, 20) }),
          }),
        },
      ],
    },
    comment: {
      url: `${RT_URL}/REST/2.0/ticket/${ids[0]}/comment`,
      method: 'POST',
      headers: json,
      requests: [
        {
          setupRequest: (r) => ({
            ...r,
            path: `/REST/2.0/ticket/${pick(ids)}/comment`,
            body: JSON.stringify({ Content: 'Still jammed 还是卡纸', ContentType: 'text/plain' }),
          }),
        },
      ],
    },
  };
}

/** Keel (SQLite) ÷ RT in completed requests per second; null when RT completed none. */
function ratioOf(results, op, connections) {
  const keel = results.get(`Keel (SQLite)|${op}|${connections}`).rate;
  const rt = results.get(`RT 5|${op}|${connections}`).rate;
  return rt > 0 ? keel / rt : null;
}

async function measure(label, ops, results) {
  for (const [op, options] of Object.entries(ops)) {
    for (const connections of CLIENTS) {
      console.log(`${label}: ${op} at ${connections}…`);
      // RT answers in seconds under load: a generous timeout, and the rate from completed requests.
      const r = await load({ ...options, connections, duration: SECONDS, timeout: 60 });
      if (r.failures > 0) throw new Error(`${label} ${op} at ${connections}: ${r.failures} failures (${r.breakdown})`);
      results.set(`${label}|${op}|${connections}`, { ...r, rate: r.total / SECONDS });
    }
  }
}

async function main() {
  const loadBefore = os.loadavg()[0];
  const results = new Map();
  const labels = ['Keel (SQLite)'];
  const keel = await startKeel();
  try {
    await measure('Keel (SQLite)', await keelSystem(keel), results);
  } finally {
    await keel.stop();
  }
  if (process.env.KEEL_BENCH_DATABASE_URL) {
    labels.push('Keel (PostgreSQL)');
    await withPostgresDatabase(process.env.KEEL_BENCH_DATABASE_URL, async (url) => {
      const onPg = await startKeel({ databaseUrl: url });
      try {
        await measure('Keel (PostgreSQL)', await keelSystem(onPg), results);
      } finally {
        await onPg.stop();
      }
    });
  }
  labels.push('RT 5');
  await measure('RT 5', await rtSystem(), results);

  const rows = [];
  for (const op of ['create', 'get', 'search', 'update', 'comment']) {
    for (const connections of CLIENTS) {
      const cells = labels.map((label) => {
        const r = results.get(`${label}|${op}|${connections}`);
        return `${fmt(r.rate, r.rate < 10 ? 2 : 0)} · ${fmt(r.p99, 1)}`;
      });
      const ratio = ratioOf(results, op, connections);
      rows.push([`${op}, ${connections} client${connections > 1 ? 's' : ''}`, ...cells, ratio === null ? 'n/a' : `${fmt(ratio, 1)}×`]);
    }
  }
  const table = markdownTable(['operation', ...labels.map((l) => `${l} req/s · p99 ms`), 'Keel (SQLite) ÷ RT'], rows, [
    false,
    ...labels.map(() => true),
    true,
  ]);
  const createRatios = CLIENTS.map((c) => ratioOf(results, 'create', c));
  // A run where RT completed nothing has no ratio: it is reported as such, never as a pass.
  const allPassed = createRatios.every((ratio) => ratio !== null && ratio >= CREATE_TARGET);
  const notes = [
    `Create ratio Keel (SQLite) ÷ RT at 1/4/8 clients: ${createRatios.map((r) => (r === null ? 'n/a' : `${fmt(r, 1)}×`)).join(' / ')}; target ≥ ${CREATE_TARGET}× at each (${allPassed ? 'met' : 'FAIL'}).`,
    'RT 5.0.3 from Debian bookworm (request-tracker5, rt5-db-postgresql), rt-server with Starlet on 127.0.0.1, REST2 API with a web session; PostgreSQL on the same machine. Keel: production build, incidents API with an API token.',
  ];
  console.log(`\n${table}\n`);
  for (const note of notes) console.log(`note: ${note}`);
  recordRun({
    table,
    notes,
    allPassed,
    loadBefore,
    command: `${process.env.KEEL_BENCH_DATABASE_URL ? 'KEEL_BENCH_DATABASE_URL=… ' : ''}node bench/peers/rt.js`,
  });
  return allPassed ? 0 : 1;
}

process.exitCode = await main();
