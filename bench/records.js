#!/usr/bin/env node
// The records engine at scale: 1,000,000 records (KEEL_BENCH_RECORDS), measured through the
// production server. Build first (`npm run build`); see bench/README.md.
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  fmt,
  load,
  markdownTable,
  memoryOf,
  ROOT,
  recordRun,
  requireBuild,
  signIn,
  startKeel,
  verdict,
  withPostgresDatabase,
} from './lib.js';

requireBuild();
const { connect } = await import(path.join(ROOT, 'server/dist/db/connect.js'));
const { sweepSla } = await import(path.join(ROOT, 'server/dist/platform/sla/sweep.js'));
const { RECORD_TYPES } = await import(path.join(ROOT, 'server/dist/modules/record-types.js'));

const RECORDS = Number(process.env.KEEL_BENCH_RECORDS ?? 1_000_000);
const SECONDS = Number(process.env.KEEL_BENCH_SECONDS ?? 10);
// From issue 4: create ≥ 2,000/s; the filtered list sorted by SLA due p95 ≤ 20 ms; search p95 ≤ 100 ms.
const TARGETS = { urgentListP95Ms: 20, listP99Ms: 100, searchP95Ms: 100, getP99Ms: 50, createRps: 2000, sweepIdleMs: 50, rssMb: 250 };
const GROUPS = 10;
// Latency targets are read with two clients in flight (one per core of this machine): a busy
// desk, not a queue the load generator builds on a 2-core box. Throughput (create) uses ten.
const LATENCY_CONNECTIONS = 2;
const MIN = 60_000;

// Titles people write, in both languages, so text filters and search have something real to find.
const TITLES = [
  'Printer jammed on floor 3',
  'VPN cannot connect 无法连接 VPN',
  '邮件服务器宕机',
  'Password reset 密码重置',
  'Disk space low on db-07 磁盘空间不足',
  'Laptop will not boot',
  '无法登录 OA 系统',
  'Replace UPS batteries 更换 UPS 电池',
  'Wi-Fi drops in meeting room',
  '打印机卡纸',
];

/** One INSERT … SELECT over a generated series: the database writes the million rows itself. */
function seedSql(dialect, now, firstGroup, policyId) {
  const series = dialect === 'sqlite' ? `with recursive s(n) as (select 1 union all select n + 1 from s where n < ${RECORDS}) ` : '';
  const from = dialect === 'sqlite' ? 'from s' : `from generate_series(1, ${RECORDS}) as s(n)`;
  const number = dialect === 'sqlite' ? `printf('TASK-%07d', n)` : `'TASK-' || to_char(n, 'FM0000000')`;
  const pick = (list) => `case n % ${list.length} ${list.map((t, i) => `when ${i} then '${t}'`).join(' ')} end`;
  const state = `case n % 10 when 4 then 'in_progress' when 5 then 'in_progress' when 6 then 'on_hold' when 7 then 'done' when 8 then 'done' when 9 then 'cancelled' else 'new' end`;
  const category = `case n % 10 when 4 then 'active' when 5 then 'active' when 6 then 'pending' when 7 then 'closed' when 8 then 'closed' when 9 then 'cancelled' else 'new' end`;
  // bigint arithmetic: a year in milliseconds overflows PostgreSQL's integer.
  const opened = `${now} - cast(${RECORDS} - n as bigint) * 30000`;
  const records = `${series}insert into records (type, number, title, description, state, state_category, impact, urgency, priority, category,
      requester_id, assignee_id, group_id, created_by, opened_at, updated_at, closed_at, version)
    select 'task', ${number}, ${pick(TITLES)} || ' #' || n, 'Seeded for the benchmark', ${state}, ${category},
      n % 3 + 1, (n / 3) % 3 + 1, n % 3 + (n / 3) % 3 + 1, 'cat-' || (n % 20),
      1, 1, ${firstGroup} + n % ${GROUPS}, 1, ${opened}, ${opened} + (n % 100) * 60000,
      case when n % 10 in (7, 8, 9) then ${opened} + 3600000 else null end, 1
    ${from}`;
  // Open records get a running resolution clock, due over the coming week.
  const clocks = `insert into sla_clocks (record_id, policy_id, target_key, label_en, label_zh, target_minutes, stop_on, pause_on, warn_at,
      calendar_id, state, started_at, resumed_at, elapsed_ms, due_at, next_warn_at, warned_percent, breached)
    select id, ${policyId}, 'resolution', 'Resolution', '解决', 480, '["resolved","closed"]', '["pending"]', '[75,90]',
      null, 'running', opened_at, opened_at, 0, ${now} + (id % 10080) * 60000, ${now} + (id % 10080) * 60000 - 7200000, 0, 0
    from records where type = 'task' and state_category in ('new', 'active')`;
  const sequence = `update record_sequences set last_number = ${RECORDS} where type = 'task'`;
  return [records, clocks, sequence];
}

async function api(url, headers, method, route, body) {
  const response = await fetch(`${url}${route}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json', origin: url },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Groups, a policy and an API token through the API; then the million rows straight into the database. */
async function seed(keel, databaseUrl, dataDir) {
  const cookie = await signIn(keel.url);
  const me = await api(keel.url, { cookie }, 'GET', '/api/v1/me');
  const session = { cookie, 'x-csrf-token': me.csrfToken };
  const token = (await api(keel.url, session, 'POST', '/api/v1/me/tokens', { name: 'bench' })).token;
  const auth = { authorization: `Bearer ${token}` };
  const groups = [];
  for (let i = 0; i < GROUPS; i++) groups.push((await api(keel.url, auth, 'POST', '/api/v1/groups', { name: `Bench group ${i}` })).id);
  // The first record through the API creates the type's sequence row; the seed then takes over the numbering.
  await api(keel.url, auth, 'POST', '/api/v1/tasks', { title: 'first' });
  const policy = await api(keel.url, auth, 'POST', '/api/v1/sla-policies', {
    name: 'Bench',
    recordType: 'task',
    conditions: { categories: ['never-matches'] },
    targets: [
      { key: 'resolution', label: { en: 'Resolution', 'zh-CN': '解决' }, stopOn: ['resolved', 'closed'], minutesByPriority: { 1: 480 } },
    ],
  });
  // Records created under load match this one, so each create starts a clock as a real one would.
  await api(keel.url, auth, 'POST', '/api/v1/sla-policies', {
    name: 'Bench creates',
    recordType: 'task',
    conditions: { categories: ['load'] },
    targets: [
      {
        key: 'resolution',
        label: { en: 'Resolution', 'zh-CN': '解决' },
        stopOn: ['resolved', 'closed'],
        minutesByPriority: { 1: 240, 2: 480, 3: 960, 4: 1920, 5: 2880 },
      },
    ],
  });
  const statements = seedSql(databaseUrl ? 'postgres' : 'sqlite', Date.now(), Math.min(...groups), policy.id);
  const started = performance.now();
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    for (const statement of statements) await client.query(statement);
    await client.query('analyze');
    await client.end();
  } else {
    const sqlite = new Database(path.join(dataDir, 'keel.db'));
    sqlite.pragma('busy_timeout = 60000');
    sqlite.transaction(() => {
      for (const statement of statements) sqlite.prepare(statement).run();
    })();
    sqlite.exec('analyze');
    sqlite.close();
  }
  return { auth, groups, seedSeconds: (performance.now() - started) / 1000 };
}

const randomNumber = () => `TASK-${String(1 + Math.floor(Math.random() * RECORDS)).padStart(7, '0')}`;

/** Follows `nextCursor` through 200 pages: the cost of page N must not grow with N. */
async function deepPages(url, auth) {
  const times = [];
  let cursor = null;
  for (let i = 0; i < 200; i++) {
    const started = performance.now();
    const page = await api(url, auth, 'GET', `/api/v1/tasks?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    times.push(performance.now() - started);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return { first10: times.slice(0, 10).reduce((a, b) => a + b, 0) / 10, last10: times.slice(-10).reduce((a, b) => a + b, 0) / 10 };
}

async function sweeps(databaseUrl, dataDir) {
  const db = databaseUrl
    ? connect({ databaseUrl, poolSize: 2 })
    : connect({ databaseUrl: null, sqliteFile: path.join(dataDir, 'keel.db') });
  const now = Date.now();
  const options = { types: RECORD_TYPES, mail: false };
  // The first sweep opens the connection and prepares statements; the second is what every 30 s costs.
  await sweepSla(db, { ...options, now: now - 3 * 3600_000 });
  let started = performance.now();
  await sweepSla(db, { ...options, now: now - 3 * 3600_000 });
  const idleMs = performance.now() - started;
  // 500 clocks fall due at once: one sweep's batch of breaches, each in its own transaction.
  started = performance.now();
  const result = await sweepSla(db, { ...options, now: now + 2 * MIN });
  const batchMs = performance.now() - started;
  await db.close();
  return { idleMs, batchMs, breached: result.breached, warned: result.warned };
}

async function measure(label, databaseUrl, rows, notes, check) {
  const keel = await startKeel({ databaseUrl });
  try {
    console.log(`${label}: seeding ${fmt(RECORDS)} records…`);
    const { auth, groups, seedSeconds } = await seed(keel, databaseUrl, keel.dataDir);
    const run = async (what, options) => {
      console.log(`${label}: ${what}…`);
      await load({ ...options, headers: { ...auth, ...options.headers }, duration: 2 });
      const result = await load({ ...options, headers: { ...auth, ...options.headers }, duration: SECONDS });
      if (result.failures > 0)
        notes.push(`${label} ${what}: ${result.failures} of ${result.total} failed (${result.breakdown}) — figures invalid.`);
      return result;
    };
    const list = await run('newest 50', { url: `${keel.url}/api/v1/tasks?limit=50`, connections: LATENCY_CONNECTIONS });
    // Group n % 10 = 4 holds active records (n % 10 in 4, 5): the filter finds a full page.
    const filtered = await run('filtered 50', {
      url: `${keel.url}/api/v1/tasks?limit=50&stateCategory=active&groupId=${groups[4]}`,
      connections: LATENCY_CONNECTIONS,
    });
    const urgent = await run('filtered 50 by SLA due', {
      url: `${keel.url}/api/v1/tasks?limit=50&stateCategory=active&groupId=${groups[4]}&sort=slaDueAt`,
      connections: LATENCY_CONNECTIONS,
    });
    const searchZh = await run('search 无法登录', {
      url: `${keel.url}/api/v1/search?q=${encodeURIComponent('无法登录')}`,
      connections: LATENCY_CONNECTIONS,
    });
    const searchEn = await run('search printer', { url: `${keel.url}/api/v1/search?q=printer`, connections: LATENCY_CONNECTIONS });
    const text = await run('text filter', {
      url: `${keel.url}/api/v1/tasks?limit=50&q=${encodeURIComponent('打印机')}`,
      connections: LATENCY_CONNECTIONS,
    });
    const get = await run('get by number', {
      url: `${keel.url}/api/v1/tasks/TASK-0000001`,
      connections: LATENCY_CONNECTIONS,
      requests: [{ setupRequest: (req) => ({ ...req, path: `/api/v1/tasks/${randomNumber()}` }) }],
    });
    const create = await run('create', {
      url: `${keel.url}/api/v1/tasks`,
      method: 'POST',
      connections: 10,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Created under load 压测', impact: 2, urgency: 2, category: 'load', groupId: groups[0] }),
    });
    // Each create must really have started a clock, or the figure measures less than it claims.
    const newest = await api(keel.url, auth, 'GET', '/api/v1/tasks?limit=1');
    if (!newest.items[0]?.sla?.length) throw new Error('records created under load have no SLA clock');
    const pages = await deepPages(keel.url, auth);
    const memory = memoryOf(keel.pid);
    const sweep = await sweeps(databaseUrl, keel.dataDir);
    rows.push([`${label}: seed ${fmt(RECORDS)} records + SLA clocks, s`, fmt(seedSeconds, 1), 'report', '']);
    for (const [what, r] of [
      ['list newest 50', list],
      ['list filtered (state, group)', filtered],
      ['list text filter (打印机)', text],
    ]) {
      rows.push([
        `${label}: ${what}, req/s · p50 / p99 ms`,
        `${fmt(r.rps)} · ${fmt(r.p50, 1)} / ${fmt(r.p99, 1)}`,
        `p99 ≤ ${TARGETS.listP99Ms}`,
        check(r.p99 <= TARGETS.listP99Ms),
      ]);
    }
    rows.push([
      `${label}: list filtered (state, group) sorted by SLA due, p50 / p97.5 ms`,
      `${fmt(urgent.p50, 1)} / ${fmt(urgent.p975, 1)}`,
      `p95 ≤ ${TARGETS.urgentListP95Ms}`,
      check(urgent.p975 <= TARGETS.urgentListP95Ms),
    ]);
    for (const [what, r] of [
      ['search 无法登录', searchZh],
      ['search printer', searchEn],
    ]) {
      rows.push([
        `${label}: ${what}, req/s · p50 / p97.5 ms`,
        `${fmt(r.rps)} · ${fmt(r.p50, 1)} / ${fmt(r.p975, 1)}`,
        `p95 ≤ ${TARGETS.searchP95Ms}`,
        check(r.p975 <= TARGETS.searchP95Ms),
      ]);
    }
    rows.push([
      `${label}: get by number, req/s · p50 / p99 ms`,
      `${fmt(get.rps)} · ${fmt(get.p50, 1)} / ${fmt(get.p99, 1)}`,
      `p99 ≤ ${TARGETS.getP99Ms}`,
      check(get.p99 <= TARGETS.getP99Ms),
    ]);
    rows.push([
      `${label}: create (10 connections), req/s · p99 ms`,
      `${fmt(create.rps)} · ${fmt(create.p99, 1)}`,
      `≥ ${TARGETS.createRps} req/s`,
      check(create.rps >= TARGETS.createRps),
    ]);
    rows.push([
      `${label}: pages 1–10 vs 191–200 of the newest list, ms`,
      `${fmt(pages.first10, 1)} vs ${fmt(pages.last10, 1)}`,
      'flat',
      check(pages.last10 <= pages.first10 * 2 + 5),
    ]);
    rows.push([
      `${label}: SLA sweep with nothing due, ms`,
      fmt(sweep.idleMs, 1),
      `≤ ${TARGETS.sweepIdleMs}`,
      check(sweep.idleMs <= TARGETS.sweepIdleMs),
    ]);
    rows.push([`${label}: SLA sweep breaching ${sweep.breached} clocks (+${sweep.warned} warnings), ms`, fmt(sweep.batchMs), 'report', '']);
    rows.push([
      `${label}: server RSS after the load, MB`,
      fmt(memory.rssMb, 1),
      `≤ ${TARGETS.rssMb}`,
      check(memory.rssMb <= TARGETS.rssMb),
    ]);
  } finally {
    await keel.stop();
  }
}

async function main() {
  const rows = [];
  const notes = [];
  let allPassed = true;
  const check = (ok) => {
    allPassed &&= ok;
    return verdict(ok);
  };
  const loadBefore = os.loadavg()[0];
  await measure('SQLite', null, rows, notes, check);
  if (process.env.KEEL_BENCH_DATABASE_URL) {
    try {
      // The issue's targets are for SQLite; PostgreSQL is reported side by side against the same figures.
      const sideBySide = (ok) => (ok ? 'met' : 'not met (report)');
      await withPostgresDatabase(process.env.KEEL_BENCH_DATABASE_URL, (url) => measure('PostgreSQL', url, rows, notes, sideBySide));
    } catch (error) {
      // The SQLite figures are kept; the failure is part of the record.
      notes.push(`PostgreSQL run failed: ${error instanceof Error ? error.message : String(error)}`);
      allPassed = false;
    }
  } else {
    notes.push('PostgreSQL not measured (set KEEL_BENCH_DATABASE_URL).');
  }
  const table = markdownTable(['measure', 'result', 'target', 'verdict'], rows, [false, true, false, false]);
  console.log(`\n${table}\n`);
  for (const note of notes) console.log(`note: ${note}`);
  const command = `${process.env.KEEL_BENCH_DATABASE_URL ? 'KEEL_BENCH_DATABASE_URL=… ' : ''}node bench/records.js`;
  recordRun({ table, notes, allPassed, loadBefore, command });
  return allPassed ? 0 : 1;
}

process.exitCode = await main();
