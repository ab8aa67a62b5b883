import { type CreateLink, linkKindSchema, type RecordLink } from '@keel/shared';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { iso } from '../../db/time.js';
import { type Actor, can } from '../access/actor.js';
import { visibilityOf } from '../access/visibility.js';
import { type AuditContext, appendAudit } from '../audit/append.js';
import { invalid, notFound } from '../errors.js';
import type { RecordTypeDefinition } from './record-type.js';
import { recordVisibility } from './visibility.js';

/** The record types whose records this caller may read at all. */
function readableTypes(actor: Actor, types: readonly RecordTypeDefinition[]): string[] {
  return types.filter((t) => can(actor, t.permissions.read)).map((t) => t.key);
}

/** A record of any type by number, if the caller may see it; otherwise "not found" (never a hint that it exists). */
export async function findVisibleRecord(db: Kysely<Database>, actor: Actor, types: readonly RecordTypeDefinition[], number: string) {
  const readable = readableTypes(actor, types);
  if (readable.length === 0) throw notFound('record');
  const row = await db
    .selectFrom('records')
    .select(['id', 'type', 'number', 'title'])
    .where('number', '=', number)
    .where('type', 'in', readable)
    .where(recordVisibility(visibilityOf(actor)))
    .executeTakeFirst();
  if (!row) throw notFound('record');
  return row;
}

/** Both directions of a record's links, showing only the other ends this caller may see. */
export async function listLinks(
  db: Kysely<Database>,
  recordId: number,
  actor: Actor,
  types: readonly RecordTypeDefinition[],
): Promise<RecordLink[]> {
  const readable = readableTypes(actor, types);
  if (readable.length === 0) return [];
  const visible = recordVisibility(visibilityOf(actor));
  const columns = [
    'record_links.id',
    'record_links.kind',
    'record_links.created_at',
    'records.type',
    'records.number',
    'records.title',
    'records.state_category',
  ] as const;
  const outgoing = await db
    .selectFrom('record_links')
    .innerJoin('records', 'records.id', 'record_links.to_id')
    .select(columns)
    .where('record_links.from_id', '=', recordId)
    .where('records.type', 'in', readable)
    .where(visible)
    .execute();
  const incoming = await db
    .selectFrom('record_links')
    .innerJoin('records', 'records.id', 'record_links.from_id')
    .select(columns)
    .where('record_links.to_id', '=', recordId)
    .where('records.type', 'in', readable)
    .where(visible)
    .execute();
  const present =
    (direction: 'outgoing' | 'incoming') =>
    (row: (typeof outgoing)[number]): RecordLink => ({
      id: row.id,
      kind: linkKindSchema.parse(row.kind),
      direction,
      other: { type: row.type, number: row.number, title: row.title, stateCategory: row.state_category },
      createdAt: iso(row.created_at),
    });
  return [...outgoing.map(present('outgoing')), ...incoming.map(present('incoming'))].sort((a, b) => a.id - b.id);
}

export async function createLink(
  trx: Transaction<Database>,
  ctx: AuditContext,
  source: { id: number; number: string; type: string },
  actor: Actor,
  types: readonly RecordTypeDefinition[],
  input: CreateLink,
): Promise<number> {
  const target = await findVisibleRecord(trx, actor, types, input.target);
  if (target.id === source.id) throw invalid('target', 'A record cannot be linked to itself');
  const row = await trx
    .insertInto('record_links')
    .values({ from_id: source.id, to_id: target.id, kind: input.kind, created_by: actor.userId, created_at: Date.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await appendAudit(trx, ctx, {
    action: 'record.linked',
    objectType: source.type,
    objectId: source.id,
    objectLabel: source.number,
    changes: { [input.kind]: [null, target.number] },
  });
  return row.id;
}

export async function deleteLink(
  trx: Transaction<Database>,
  ctx: AuditContext,
  source: { id: number; number: string; type: string },
  linkId: number,
) {
  const link = await trx
    .selectFrom('record_links')
    .innerJoin('records as other', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('record_links.from_id', '=', source.id), eb('other.id', '=', eb.ref('record_links.to_id'))]),
          eb.and([eb('record_links.to_id', '=', source.id), eb('other.id', '=', eb.ref('record_links.from_id'))]),
        ]),
      ),
    )
    .select(['record_links.id', 'record_links.kind', 'other.number'])
    .where('record_links.id', '=', linkId)
    .executeTakeFirst();
  if (!link) throw notFound('link');
  await trx.deleteFrom('record_links').where('id', '=', linkId).execute();
  await appendAudit(trx, ctx, {
    action: 'record.unlinked',
    objectType: source.type,
    objectId: source.id,
    objectLabel: source.number,
    changes: { [link.kind]: [link.number, null] },
  });
}
