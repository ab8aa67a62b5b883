import { createHash } from 'node:crypto';

/** The hash the first event chains to. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** The stored fields that the hash covers, in the order they are hashed. */
export type ChainedFields = {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  object_label: string | null;
  changes: string;
  ip: string | null;
  request_id: string | null;
};

/** sha256(previous hash ‖ canonical event); changing, inserting or removing any event breaks every later link. */
export function chainHash(prevHash: string, e: ChainedFields): string {
  const canonical = JSON.stringify([
    e.id,
    e.at,
    e.actor_id,
    e.actor_name,
    e.action,
    e.object_type,
    e.object_id,
    e.object_label,
    e.changes,
    e.ip,
    e.request_id,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export type ChainCheck = { ok: true } | { ok: false; reason: string };

/** Checks one stored event against its predecessor; pure, so the verifier and its tests share it. */
export function checkLink(previous: { id: number; hash: string }, event: ChainedFields & { prev_hash: string; hash: string }): ChainCheck {
  if (event.id !== previous.id + 1) return { ok: false, reason: `event ${previous.id + 1} is missing` };
  if (event.prev_hash !== previous.hash) return { ok: false, reason: 'link to the previous event is broken' };
  if (chainHash(previous.hash, event) !== event.hash) return { ok: false, reason: 'content does not match its hash' };
  return { ok: true };
}
