import type { AuditAction, AuditChanges } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { Dialect } from '../../db/connect.js';
import type { Database } from '../../db/schema.js';
import { chainHash } from './chain.js';

/** Who did it and from where: taken from the request once and passed to every command. */
export type AuditContext = {
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  requestId: string | null;
  dialect: Dialect;
  /** This process sends mail (KEEL_SMTP_URL is set): notifications enqueue mail jobs only then. */
  mail?: boolean;
};

export type AuditEntry = {
  action: AuditAction;
  objectType: string;
  objectId?: string | number | null;
  objectLabel?: string | null;
  changes?: AuditChanges;
};

/**
 * Appends one event to the hash chain inside the caller's transaction, so the write and
 * its audit commit or roll back together. Locking the head row orders appends from every
 * process; call it last in a transaction to hold that lock briefly.
 */
export async function appendAudit(trx: Transaction<Database>, ctx: AuditContext, entry: AuditEntry): Promise<number> {
  let headQuery = trx.selectFrom('audit_head').select(['last_id', 'last_hash']).where('id', '=', 1);
  if (ctx.dialect === 'postgres') headQuery = headQuery.forUpdate();
  const head = await headQuery.executeTakeFirstOrThrow();
  const event = {
    id: head.last_id + 1,
    at: Date.now(),
    actor_id: ctx.actorId,
    actor_name: ctx.actorName,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId === undefined || entry.objectId === null ? null : String(entry.objectId),
    object_label: entry.objectLabel ?? null,
    changes: JSON.stringify(entry.changes ?? {}),
    ip: ctx.ip,
    request_id: ctx.requestId,
  };
  const hash = chainHash(head.last_hash, event);
  await trx
    .insertInto('audit_events')
    .values({ ...event, prev_hash: head.last_hash, hash })
    .execute();
  await trx.updateTable('audit_head').set({ last_id: event.id, last_hash: hash }).where('id', '=', 1).execute();
  return event.id;
}

/** Before/after of the fields that changed; fields named in `secret` are recorded as changed but never shown. */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  secret: readonly (keyof T)[] = [],
): AuditChanges {
  const changes: AuditChanges = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    const next = after[key];
    if (next === undefined) continue;
    if (JSON.stringify(before[key]) === JSON.stringify(next)) continue;
    changes[key] = secret.includes(key) ? ['***', '***'] : [before[key], next];
  }
  return changes;
}

/** The fields a new record was created with, as [null, value]; empty values are left out as noise. */
export function createdFields(fields: Record<string, unknown>): AuditChanges {
  const changes: AuditChanges = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    changes[key] = [null, value];
  }
  return changes;
}
