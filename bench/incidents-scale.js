#!/usr/bin/env node
// Issue 5 at scale: the UCI log imported, then replicated to about 1,000,000 incidents
// (KEEL_BENCH_INCIDENTS), each copy with its own numbers and times shifted back a year per copy.
// Measured through the production server: the agent queues (p95 ≤ 20 ms) and search
// (p95 ≤ 100 ms). The service level report at this scale is bench/service-levels.js.
// Build first (`npm run build`); see bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, load, markdownTable, ROOT, recordRun, requireBuild, signIn, startKeel, verdict, withPostgresDatabase } from './lib.js';

requireBuild();
const { connect } = await import(path.join(ROOT, 'server/dist/db/connect.js'));
const { prepareDatabase } = await import(path.join(ROOT, 'server/dist/bootstrap.js'));
const { RECORD_TYPES } = await import(path.join(ROOT, 'server/dist/modules/record-types.js'));
const { readMappingFile } = await import(path.join(ROOT, 'server/dist/platform/import/mappings.js'));
const { runImport } = await import(path.join(ROOT, 'server/dist/platform/import/run-import.js'));

const DATASET = 'shared/datasets/uci-incident-event-log/incident_event_log.csv.gz';
const FILE = process.env.KEEL_BENCH_IMPORT_FILE ?? path.resolve(ROOT, '..', DATASET);
const MAPPING = readMappingFile(path.join(ROOT, 'imports/uci-incident-event-log.json'));
const TARGET = Number(process.env.KEEL_BENCH_INCIDENTS ?? 1_000_000);
const SECONDS = Number(process.env.KEEL_BENCH_SECONDS ?? 10);
const TARGETS = { queueP95Ms: 20, searchP95Ms: 100 };
const YEAR_MS = 365 * 24 * 3600 * 1000;
const OPEN = 'new,active,pending';

/**
 * Every UCI incident ends closed; a desk has open work. In the copies one incident in five is
 * back in progress with an SLA due time, so the queues have something to sort by urgency.
 */
function replicateSql(dialect, copy, base) {
  const number = dialect === 'sqlite' ? `printf('INC-%07d', id + ${copy * base})` : `'INC-' || lpad((id + ${copy * base})::text, 7, '0')`;
  const reopened = 'id % 5 = 0';
  const shift = `cast(${copy} as bigint) * ${YEAR_MS}`;
  return `insert into records (type, number, title, description, state, state_category, impact, urgency, priority, category,
      requester_id, organisation_id, assignee_id, group_id, created_by, opened_at, updated_at, resolved_at, closed_at,
      sla_due_at, service_id, source, external_id, reassignment_count, reopen_count, version)
    select type, ${number}, title, description,
      case when ${reopened} then 'in_progress' else state end,
      case when ${reopened} then 'active' else state_category end,
      impact, urgency, priority, category, requester_id, organisation_id, assignee_id, group_id, created_by,
      opened_at - ${shift}, updated_at - ${shift},
      case when ${reopened} then null else resolved_at - ${shift} end,
      case when ${reopened} then null else closed_at - ${shift} end,
      case when ${reopened} then opened_at - ${shift} + 8 * 3600000 else null end,
      service_id, source, external_id || '#${copy}', reassignment_count, reopen_count, 1
    from records where type = 'incident' and id <= ${base}`;
}

/** The UCI import, then the copies in SQL (the database writes them itself), then statistics. */
async function seed(db) {
  await prepareDatabase(db);
  const def = RECORD_TYPES.find((t) => t.key === MAPPING.recordType);
  const ctx = { actorId: null, actorName: 'bench', ip: null, requestId: null, dialect: db.dialect };
  const started = performance.now();
  const report = await runImport({ db, def, mapping: MAPPING, file: FILE, fileName: path.basename(FILE), dryRun: false, ctx });
  if (!report.ok) throw new Error(`the UCI import failed: ${JSON.stringify(report).slice(0, 300)}`);
  const importS = (performance.now() - started) / 1000;
  const { base, imported } = await db.kysely
    .selectFrom('records')
    .select((eb) => [eb.fn.max('id').as('base'), eb.fn.countAll().as('imported')])
    .executeTakeFirstOrThrow();
  const copies = Math.max(0, Math.ceil(TARGET / Number(imported)) - 1);
  const replicated = performance.now();
  for (let copy = 1; copy <= copies; copy++) {
    const statement = replicateSql(db.dialect, copy, Number(base));
    if (db.sqlite) db.sqlite.exec(statement);
    else await db.pool.query(statement);
  }
  const last = Number(base) * (copies + 1);
  if (db.sqlite) {
    db.sqlite.prepare('update record_sequences set last_number = ? where type = ?').run(last, 'incident');
    db.sqlite.exec('analyze');
  } else {
    await db.pool.query('update record_sequences set last_number = $1 where type = $2', [last, 'incident']);
    await db.pool.query('analyze');
  }
  const total = Number(
    (
      await db.kysely
        .selectFrom('records')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { importS, replicateS: (performance.now() - replicated) / 1000, total };
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

/** The busiest group and assignee among open incidents: the queues a real desk would look at. */
async function busiest(db) {
  const top = (column) =>
    db.kysely
      .selectFrom('records')
      .select([column, (eb) => eb.fn.countAll().as('n')])
      .where('type', '=', 'incident')
      .where('state_category', '=', 'active')
      .where(column, 'is not', null)
      .groupBy(column)
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
  return { groupId: (await top('group_id')).group_id, assigneeId: (await top('assignee_id')).assignee_id };
}

async function measure(label, databaseUrl, rows, check) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-scale-'));
  const db = connect(databaseUrl ? { databaseUrl } : { databaseUrl: null, sqliteFile: path.join(dataDir, 'keel.db') });
  let seeded;
  let people;
  try {
    console.log(`${label}: importing the UCI log and replicating it to ${fmt(TARGET)} incidents…`);
    seeded = await seed(db);
    people = await busiest(db);
  } finally {
    await db.close();
  }
  const keel = await startKeel({ databaseUrl, dataDir });
  try {
    const cookie = await signIn(keel.url);
    const me = await api(keel.url, { cookie }, 'GET', '/api/v1/me');
    const token = (await api(keel.url, { cookie, 'x-csrf-token': me.csrfToken }, 'POST', '/api/v1/me/tokens', { name: 'bench' })).token;
    const auth = { authorization: `Bearer ${token}` };
    // The administrator joins the busiest group, so "my groups' queue" is that group's work.
    const group = await api(keel.url, auth, 'GET', `/api/v1/groups/${people.groupId}`);
    await api(keel.url, auth, 'PATCH', `/api/v1/groups/${people.groupId}`, { memberIds: [...group.memberIds, me.id] });
    const run = (what, route) => {
      console.log(`${label}: ${what}…`);
      return load({ url: `${keel.url}${route}`, headers: auth, connections: 2, duration: SECONDS });
    };
    const queues = [
      ["my groups' queue (groupId=mine), most urgent first", `/api/v1/incidents?limit=50&groupId=mine&stateCategory=${OPEN}&sort=slaDueAt`],
      [
        "an agent's work, most urgent first",
        `/api/v1/incidents?limit=50&assigneeId=${people.assigneeId}&stateCategory=${OPEN}&sort=slaDueAt`,
      ],
      ['unassigned, most urgent first', `/api/v1/incidents?limit=50&assigneeId.empty=true&stateCategory=${OPEN}&sort=slaDueAt`],
      [
        'at risk of breach',
        `/api/v1/incidents?limit=50&slaDueAt.lte=${encodeURIComponent(new Date().toISOString())}&stateCategory=new,active&sort=slaDueAt`,
      ],
      ['recently updated', '/api/v1/incidents?limit=50&sort=-updatedAt'],
    ];
    rows.push([
      `${label}: UCI import s · replication to ${fmt(seeded.total)} incidents s`,
      `${fmt(seeded.importS, 1)} · ${fmt(seeded.replicateS, 1)}`,
      'report',
      '',
    ]);
    for (const [what, route] of queues) {
      const r = await run(what, route);
      if (r.failures > 0) throw new Error(`${what}: ${r.breakdown}`);
      rows.push([
        `${label}: ${what}, req/s · p50 / p97.5 ms`,
        `${fmt(r.rps)} · ${fmt(r.p50, 1)} / ${fmt(r.p975, 1)}`,
        `p95 ≤ ${TARGETS.queueP95Ms}`,
        check(r.p975 <= TARGETS.queueP95Ms),
      ]);
    }
    for (const term of ['Subcategory 174', 'Symptom 491']) {
      const r = await run(`search ${term}`, `/api/v1/search?q=${encodeURIComponent(term)}`);
      if (r.failures > 0) throw new Error(`search: ${r.breakdown}`);
      rows.push([
        `${label}: search "${term}", req/s · p50 / p97.5 ms`,
        `${fmt(r.rps)} · ${fmt(r.p50, 1)} / ${fmt(r.p975, 1)}`,
        `p95 ≤ ${TARGETS.searchP95Ms}`,
        check(r.p975 <= TARGETS.searchP95Ms),
      ]);
    }
  } finally {
    await keel.stop();
  }
}

async function main() {
  if (!fs.existsSync(FILE)) throw new Error(`The UCI log is not at ${FILE} (set KEEL_BENCH_IMPORT_FILE)`);
  const rows = [];
  let allPassed = true;
  const check = (ok) => {
    allPassed &&= ok;
    return verdict(ok);
  };
  const loadBefore = os.loadavg()[0];
  await measure('SQLite', null, rows, check);
  if (process.env.KEEL_BENCH_DATABASE_URL) {
    const sideBySide = (ok) => (ok ? 'met' : 'not met (report)');
    await withPostgresDatabase(process.env.KEEL_BENCH_DATABASE_URL, (url) => measure('PostgreSQL', url, rows, sideBySide));
  }
  const table = markdownTable(['measure', 'result', 'target', 'verdict'], rows, [false, true, false, false]);
  console.log(`\n${table}\n`);
  const notes = [
    `Incidents at scale (bench/incidents-scale.js): the UCI log imported, then copied with shifted numbers and times to about ${fmt(TARGET)} incidents; one in five copies is in progress with an SLA due time. Queues and search at 2 clients.`,
  ];
  recordRun({
    table,
    notes,
    allPassed,
    loadBefore,
    command: `${process.env.KEEL_BENCH_DATABASE_URL ? 'KEEL_BENCH_DATABASE_URL=… ' : ''}node bench/incidents-scale.js`,
  });
  return allPassed ? 0 : 1;
}

process.exitCode = await main();
