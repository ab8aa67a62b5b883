#!/usr/bin/env node
// The real-data importer on the whole UCI event log (141,712 events, 24,918 incidents): a fresh
// SQLite database and, with KEEL_BENCH_DATABASE_URL, a fresh PostgreSQL database; each is
// imported twice (the second run must change nothing). Build first (`npm run build`); see bench/README.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, markdownTable, ROOT, recordRun, requireBuild, verdict, withPostgresDatabase } from './lib.js';

requireBuild();
const { connect } = await import(path.join(ROOT, 'server/dist/db/connect.js'));
const { prepareDatabase } = await import(path.join(ROOT, 'server/dist/bootstrap.js'));
const { RECORD_TYPES } = await import(path.join(ROOT, 'server/dist/modules/record-types.js'));
const { readMappingFile } = await import(path.join(ROOT, 'server/dist/platform/import/mappings.js'));
const { runImport } = await import(path.join(ROOT, 'server/dist/platform/import/run-import.js'));
const { recordSummary } = await import(path.join(ROOT, 'server/dist/modules/reports/queries.js'));

// The datasets sit beside the repository (../shared); a git worktree one level further down looks one level up.
const DATASET = 'shared/datasets/uci-incident-event-log/incident_event_log.csv.gz';
const FILE =
  process.env.KEEL_BENCH_IMPORT_FILE ??
  [path.resolve(ROOT, '..', DATASET), path.resolve(ROOT, '../..', DATASET)].find((f) => fs.existsSync(f)) ??
  path.resolve(ROOT, '..', DATASET);
const MAPPING = readMappingFile(path.join(ROOT, 'imports/uci-incident-event-log.json'));
// From issue 5: the whole file in ≤ 60 s on SQLite; PostgreSQL reported.
const TARGET_SQLITE_S = 60;
const EXPECTED = { rows: 141_712, cases: 24_918 };

if (!fs.existsSync(FILE)) {
  console.error(`The UCI log is not at ${FILE} (set KEEL_BENCH_IMPORT_FILE)`);
  process.exit(2);
}
const def = RECORD_TYPES.find((t) => t.key === MAPPING.recordType);

async function importInto(db) {
  await prepareDatabase(db);
  const ctx = { actorId: null, actorName: 'bench', ip: null, requestId: null, dialect: db.dialect };
  const run = (dryRun) => runImport({ db, def, mapping: MAPPING, file: FILE, fileName: path.basename(FILE), dryRun, ctx });
  const dry = await run(true);
  const first = await run(false);
  const second = await run(false);
  const t = Date.now();
  const summary = await recordSummary(db.kysely, def.key, {});
  const reportMs = Date.now() - t;
  const count = async (table) =>
    Number(
      (
        await db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { dry, first, second, reportMs, summary, records: await count('records'), journal: await count('journal_entries') };
}

const results = [];
const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-import-'));
try {
  const db = connect({ databaseUrl: null, sqliteFile: path.join(sqliteDir, 'keel.db') });
  try {
    results.push({ dialect: 'SQLite', ...(await importInto(db)) });
  } finally {
    await db.close();
  }
} finally {
  fs.rmSync(sqliteDir, { recursive: true, force: true });
}
if (process.env.KEEL_BENCH_DATABASE_URL) {
  await withPostgresDatabase(process.env.KEEL_BENCH_DATABASE_URL, async (url) => {
    const db = connect({ databaseUrl: url });
    try {
      results.push({ dialect: 'PostgreSQL', ...(await importInto(db)) });
    } finally {
      await db.close();
    }
  });
}

const s = (ms) => fmt(ms / 1000, 1);
const rows = results.map((r) => {
  const complete = r.first.ok && r.first.rows === EXPECTED.rows && r.first.cases === EXPECTED.cases && r.first.rejectedRows === 0;
  const idempotent = r.second.created === 0 && r.second.updated === 0 && r.second.journalEntries === 0;
  const fast = r.dialect !== 'SQLite' || r.first.ms <= TARGET_SQLITE_S * 1000;
  return {
    ok: complete && idempotent && fast && r.records === EXPECTED.cases,
    cells: [
      r.dialect,
      s(r.dry.ms),
      s(r.first.ms),
      s(r.second.ms),
      fmt(r.first.rows),
      fmt(r.first.rejectedRows),
      fmt(r.records),
      fmt(r.journal),
      `${r.second.unchanged === r.first.cases && idempotent ? 'none' : 'CHANGED'}`,
      `${r.reportMs} ms`,
      verdict(complete && idempotent && fast),
    ],
  };
});
const table = markdownTable(
  [
    'database',
    'dry run s',
    'import s',
    'second run s',
    'rows',
    'rejected',
    'incidents',
    'timeline entries',
    'second run changes',
    'summary report',
    'verdict',
  ],
  rows.map((r) => r.cells),
  [false, true, true, true, true, true, true, true, false, true, false],
);
console.log(table);
for (const r of results) {
  const p = r.summary.resolution.map(
    (l) => `P${l.priority}: ${l.resolved} resolved, median ${fmt(l.medianHours, 1)} h, mean ${fmt(l.meanHours, 1)} h`,
  );
  console.log(`${r.dialect}: ${p.join('; ')}`);
  console.log(
    `${r.dialect}: reassignments mean ${fmt(r.summary.reassignments.mean, 2)}; reopen rate ${fmt(r.summary.reopens.rate * 100, 2)} %; SLA attainment ${fmt((r.summary.sla.rate ?? 0) * 100, 1)} % of ${fmt(r.summary.sla.measured)}`,
  );
}
const allPassed = rows.every((r) => r.ok);
if (process.env.KEEL_BENCH_RECORD === '1') {
  recordRun({
    table,
    notes: [
      `UCI import (bench/import.js): ${path.basename(FILE)}, mapping imports/uci-incident-event-log.json; target: whole file ≤ ${TARGET_SQLITE_S} s on SQLite, PostgreSQL reported; each database imported twice, the second run must change nothing.`,
    ],
    allPassed,
    loadBefore: os.loadavg()[0],
    command: 'node bench/import.js',
  });
}
process.exit(allPassed ? 0 : 1);
