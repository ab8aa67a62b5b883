import type { ImportMapping } from '@keel/shared';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { formatNumber, type RecordTypeDefinition } from '../records/record-type.js';
import type { ImportDirectory } from './directory.js';
import type { ImportEvent } from './events.js';
import { type CaseReplay, type CaseState, type ReplayWorkflow, replayCase, TRACKED_FIELDS, type TrackedField } from './replay.js';

export type ImportCounts = { created: number; updated: number; unchanged: number; journalEntries: number };

export type BatchContext = {
  db: Kysely<Database>;
  def: RecordTypeDefinition;
  mapping: ImportMapping;
  workflow: ReplayWorkflow;
  directory: ImportDirectory;
  /** False in a dry run: everything is read and replayed, nothing is written. */
  write: boolean;
  counts: ImportCounts;
};

/** The records table's names for the tracked fields, as the timeline shows field changes. */
const COLUMN_OF: Record<TrackedField, string> = {
  group: 'group_id',
  assignee: 'assignee_id',
  priority: 'priority',
  impact: 'impact',
  urgency: 'urgency',
  category: 'category',
};
const TITLE_MAX = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Records of this batch that exist already, with the state the replay continues from. */
async function loadExisting(db: Kysely<Database>, type: string, caseIds: string[]): Promise<Map<string, { id: number; start: CaseState }>> {
  const rows = await db
    .selectFrom('records')
    .leftJoin('record_imports', 'record_imports.record_id', 'records.id')
    .leftJoin('groups', 'groups.id', 'records.group_id')
    .leftJoin('users', 'users.id', 'records.assignee_id')
    .select([
      'records.id',
      'records.external_id',
      'records.state',
      'records.priority',
      'records.impact',
      'records.urgency',
      'records.category',
      'records.resolved_at',
      'records.closed_at',
      'records.reassignment_count',
      'records.reopen_count',
      'records.updated_at',
      'record_imports.last_order',
      'groups.name as group_name',
      'users.display_name as assignee_name',
    ])
    .where('records.type', '=', type)
    .where('records.external_id', 'in', caseIds)
    .execute();
  const existing = new Map<string, { id: number; start: CaseState }>();
  for (const row of rows) {
    if (row.external_id === null) continue;
    existing.set(row.external_id, {
      id: row.id,
      start: {
        state: row.state,
        group: row.group_name,
        assignee: row.assignee_name,
        priority: row.priority,
        impact: row.impact,
        urgency: row.urgency,
        category: row.category,
        resolvedAt: row.resolved_at,
        closedAt: row.closed_at,
        reassignments: row.reassignment_count,
        reopens: row.reopen_count,
        // A record given this external id by other means has had none of the source's events yet.
        lastOrder: row.last_order ?? Number.NEGATIVE_INFINITY,
        updatedAt: row.updated_at,
      },
    });
  }
  return existing;
}

type Planned = { caseId: string; recordId: number | null; replay: CaseReplay };

/** Every person and group the batch names, so each is resolved (or created) once. */
async function resolveNames(ctx: BatchContext, planned: Planned[]) {
  const people = new Set<string>();
  const requesters = new Set<string>();
  const staff = new Set<string>();
  const groups = new Set<string>();
  const add = (set: Set<string>, name: unknown) => {
    if (typeof name === 'string') set.add(name);
  };
  for (const { replay } of planned) {
    add(people, replay.create?.createdBy);
    add(people, replay.final.assignee);
    add(staff, replay.final.assignee);
    add(people, replay.final.requester);
    add(requesters, replay.final.requester);
    add(groups, replay.final.group);
    for (const entry of replay.entries) {
      add(people, entry.author);
      add(staff, entry.author);
      if (entry.kind !== 'field_change') continue;
      for (const value of entry.changes.assignee ?? []) add(people, value);
      for (const value of entry.changes.group ?? []) add(groups, value);
    }
  }
  // Someone who also works on records is staff, even if first seen as a requester.
  const customers = new Set([...requesters].filter((name) => !staff.has(name)));
  await ctx.directory.resolvePeople(ctx.db, people, customers);
  await ctx.directory.resolveGroups(ctx.db, groups);
}

function journalData(ctx: BatchContext, entry: CaseReplay['entries'][number]): string {
  if (entry.kind === 'transition') return JSON.stringify({ from: entry.from, to: entry.to, action: entry.action });
  const data: Record<string, [unknown, unknown]> = {};
  const ids = (pair: [unknown, unknown], idOf: (name: string | null) => number | null): [unknown, unknown] => [
    idOf(typeof pair[0] === 'string' ? pair[0] : null),
    idOf(typeof pair[1] === 'string' ? pair[1] : null),
  ];
  for (const field of TRACKED_FIELDS) {
    const pair = entry.changes[field];
    if (!pair) continue;
    // The timeline names people and groups by id, as a live edit stores them.
    if (field === 'group') data[COLUMN_OF[field]] = ids(pair, (name) => ctx.directory.groupId(name));
    else if (field === 'assignee') data[COLUMN_OF[field]] = ids(pair, (name) => ctx.directory.personId(name));
    else data[COLUMN_OF[field]] = pair;
  }
  return JSON.stringify(data);
}

/** Allocates `count` numbers of the type at once (the upsert locks the type's row until commit). */
async function allocateNumbers(db: Kysely<Database>, type: string, count: number): Promise<number> {
  const row = await db
    .insertInto('record_sequences')
    .values({ type, last_number: count })
    .onConflict((oc) => oc.column('type').doUpdateSet((eb) => ({ last_number: eb('record_sequences.last_number', '+', count) })))
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return row.last_number - count + 1;
}

async function insertRecords(ctx: BatchContext, creates: Planned[]): Promise<void> {
  const { db, def, directory } = ctx;
  let next = await allocateNumbers(db, def.key, creates.length);
  for (const batch of chunks(creates, 400)) {
    const rows = await db
      .insertInto('records')
      .values(
        batch.map(({ caseId, replay }) => {
          const { final } = replay;
          const create = replay.create;
          return {
            type: def.key,
            number: formatNumber(def.prefix, next++),
            title: (create?.title ?? caseId).slice(0, TITLE_MAX),
            description: '',
            state: final.state,
            state_category: final.stateCategory,
            impact: final.impact,
            urgency: final.urgency,
            priority: final.priority,
            category: final.category,
            requester_id: directory.personId(final.requester),
            organisation_id: directory.organisationOf(final.requester),
            assignee_id: directory.personId(final.assignee),
            group_id: directory.groupId(final.group),
            created_by: directory.personId(create?.createdBy ?? null),
            opened_at: create?.openedAt ?? final.updatedAt,
            updated_at: final.updatedAt,
            resolved_at: final.resolvedAt,
            closed_at: final.closedAt,
            parent_id: null,
            sla_due_at: null,
            service_id: null,
            source: 'import' as const,
            external_id: caseId,
            reassignment_count: final.reassignments,
            reopen_count: final.reopens,
            version: 1,
          };
        }),
      )
      .returning(['id', 'external_id'])
      .execute();
    const idOf = new Map(rows.map((r) => [r.external_id, r.id]));
    for (const planned of batch) planned.recordId = idOf.get(planned.caseId) ?? null;
  }
  const table = def.extension?.table;
  if (table) {
    for (const batch of chunks(creates, 2000)) {
      const values = batch.map((p) => sql`(${p.recordId})`);
      await sql`insert into ${sql.table(table)} (record_id) values ${sql.join(values)}`.execute(db);
    }
  }
}

async function updateRecords(ctx: BatchContext, updates: Planned[]): Promise<void> {
  const { db, directory } = ctx;
  for (const { recordId, replay } of updates) {
    if (recordId === null) continue;
    const { final } = replay;
    await db
      .updateTable('records')
      .set((eb) => ({
        state: final.state,
        state_category: final.stateCategory,
        impact: final.impact,
        urgency: final.urgency,
        priority: final.priority,
        category: final.category,
        requester_id: directory.personId(final.requester),
        organisation_id: directory.organisationOf(final.requester),
        assignee_id: directory.personId(final.assignee),
        group_id: directory.groupId(final.group),
        updated_at: final.updatedAt,
        resolved_at: final.resolvedAt,
        closed_at: final.closedAt,
        reassignment_count: final.reassignments,
        reopen_count: final.reopens,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', recordId)
      .execute();
  }
}

async function insertHistory(ctx: BatchContext, planned: Planned[], importedAt: number): Promise<void> {
  const { db, directory, mapping } = ctx;
  const entries = planned.flatMap(({ recordId, replay }) =>
    recordId === null
      ? []
      : replay.entries.map((entry) => ({
          record_id: recordId,
          kind: entry.kind,
          // As live changes are: state moves public, field edits a staff-only note.
          visibility: entry.kind === 'transition' ? ('public' as const) : ('internal' as const),
          body: '',
          data: journalData(ctx, entry),
          author_id: directory.personId(entry.author),
          created_at: entry.at,
        })),
  );
  for (const batch of chunks(entries, 1000)) await db.insertInto('journal_entries').values(batch).execute();

  const imports = planned.flatMap(({ recordId, replay }) =>
    recordId === null
      ? []
      : [
          {
            record_id: recordId,
            mapping: mapping.name,
            last_order: replay.final.lastOrder,
            sla_met: replay.final.slaMet === null ? null : replay.final.slaMet ? 1 : 0,
            source: JSON.stringify(replay.keep),
            imported_at: importedAt,
          },
        ],
  );
  for (const batch of chunks(imports, 1000)) {
    await db
      .insertInto('record_imports')
      .values(batch)
      .onConflict((oc) =>
        oc.column('record_id').doUpdateSet((eb) => ({
          mapping: eb.ref('excluded.mapping'),
          last_order: eb.ref('excluded.last_order'),
          sla_met: eb.ref('excluded.sla_met'),
          source: eb.ref('excluded.source'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute();
  }

  const links = planned.flatMap(({ recordId, replay }) =>
    recordId === null ? [] : replay.links.map((l) => ({ record_id: recordId, kind: l.kind, external_number: l.number })),
  );
  for (const batch of chunks(links, 1000)) {
    await db
      .insertInto('record_external_links')
      .values(batch)
      .onConflict((oc) => oc.columns(['record_id', 'kind', 'external_number']).doNothing())
      .execute();
  }
}

/**
 * Replays a batch of complete cases onto the database: new records are created with their
 * final state and their whole history, existing ones continue from their last applied event.
 * Run it inside one transaction per batch; in a dry run it only reads.
 */
export async function importBatch(ctx: BatchContext, cases: ImportEvent[][]): Promise<void> {
  const caseIds = cases.map((events) => events[0]?.caseId ?? '');
  const existing = new Map<string, { id: number; start: CaseState }>();
  for (const ids of chunks(caseIds, 400)) for (const [k, v] of await loadExisting(ctx.db, ctx.def.key, ids)) existing.set(k, v);
  const planned: Planned[] = [];
  for (const [i, events] of cases.entries()) {
    const caseId = caseIds[i] ?? '';
    const found = existing.get(caseId);
    const replay = replayCase(events, found?.start ?? null, ctx.workflow);
    if (!replay) {
      ctx.counts.unchanged++;
      continue;
    }
    planned.push({ caseId, recordId: found?.id ?? null, replay });
  }
  const creates = planned.filter((p) => p.recordId === null);
  const updates = planned.filter((p) => p.recordId !== null);
  ctx.counts.created += creates.length;
  ctx.counts.updated += updates.length;
  for (const p of planned) ctx.counts.journalEntries += p.replay.entries.length;
  if (planned.length === 0) return;
  await resolveNames(ctx, planned);
  if (!ctx.write) return;
  if (creates.length > 0) await insertRecords(ctx, creates);
  await updateRecords(ctx, updates);
  await insertHistory(ctx, planned, Date.now());
}
