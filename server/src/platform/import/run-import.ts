import type { ImportMapping, ImportReport } from '@keel/shared';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { workflowOf } from '../workflow/store.js';
import { ImportDirectory } from './directory.js';
import type { ImportEvent } from './events.js';
import { casesOf, checkLog } from './read-cases.js';
import type { TypeStates } from './read-row.js';
import type { ReplayWorkflow } from './replay.js';
import { type ImportCounts, importBatch } from './write-batch.js';

/** Cases per transaction: large enough to amortise commits, small enough not to hold the write lock long. */
const CASES_PER_BATCH = 500;

export type RunImportOptions = {
  db: Db;
  def: RecordTypeDefinition;
  mapping: ImportMapping;
  file: string;
  /** The name shown in the audit event (the uploaded file's, or the path given to the CLI). */
  fileName: string;
  dryRun: boolean;
  ctx: AuditContext;
  onProgress?: (done: { cases: number; of: number }) => void;
};

async function workflowForReplay(db: Db, def: RecordTypeDefinition): Promise<{ states: TypeStates; replay: ReplayWorkflow }> {
  const workflow = await workflowOf(db.kysely, def);
  const categories = new Map(workflow.states.map((s) => [s.key, s.category]));
  return {
    states: { initial: workflow.initial, categories },
    replay: {
      initial: workflow.initial,
      categoryOf: (state) => categories.get(state) ?? 'new',
      actionFor: (from, to) => workflow.transitions.find((t) => t.from.includes(from) && t.to === to)?.key ?? null,
    },
  };
}

/**
 * Imports one log file: a first pass checks every row (any bad row: the report lists them
 * and nothing is written), a second replays the cases in batches of CASES_PER_BATCH, one
 * transaction each, and one audit event records the run. A dry run does both passes and
 * writes nothing. Running the same file again changes no record (see replayCase).
 */
export async function runImport(options: RunImportOptions): Promise<ImportReport> {
  const { db, def, mapping, file, dryRun } = options;
  const started = Date.now();
  const { states, replay } = await workflowForReplay(db, def);
  const check = await checkLog(file, mapping, states);
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, journalEntries: 0 };
  const directory = new ImportDirectory(mapping.people.usernamePrefix, !dryRun);
  const report = (): ImportReport => ({
    dryRun,
    ok: check.problems.length === 0,
    rows: check.rows,
    cases: check.cases,
    rejectedRows: check.rejectedRows,
    problems: check.problems,
    ...counts,
    people: directory.createdPeople,
    groups: directory.createdGroups,
    ms: Date.now() - started,
  });
  if (check.problems.length > 0) return report();

  let batch: ImportEvent[][] = [];
  let done = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const cases = batch;
    batch = [];
    const context = { def, mapping, workflow: replay, directory, write: !dryRun, counts };
    if (dryRun) await importBatch({ ...context, db: db.kysely }, cases);
    else
      await db.kysely.transaction().execute(async (trx) => {
        // Two imports at once take turns per batch, so each sees the other's records and people (SQLite has one writer anyway).
        if (db.dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('keel:import'))`.execute(trx);
        await importBatch({ ...context, db: trx }, cases);
      });
    done += cases.length;
    options.onProgress?.({ cases: done, of: check.cases });
  };
  for await (const events of casesOf(file, mapping, states, check)) {
    batch.push(events);
    if (batch.length >= CASES_PER_BATCH) await flush();
  }
  await flush();

  const result = report();
  if (!dryRun) {
    await db.kysely.transaction().execute((trx) =>
      appendAudit(trx, options.ctx, {
        action: 'import.completed',
        objectType: def.key,
        objectLabel: mapping.name,
        changes: {
          file: [null, options.fileName],
          rows: [null, result.rows],
          cases: [null, result.cases],
          created: [null, result.created],
          updated: [null, result.updated],
          unchanged: [null, result.unchanged],
          journalEntries: [null, result.journalEntries],
          people: [null, result.people],
          groups: [null, result.groups],
        },
      }),
    );
  }
  return result;
}
