import { describe, expect, it } from 'vitest';
import { AUDIT_GENESIS_HASH, type ChainedFields, chainHash, checkLink } from './chain.js';

function event(id: number, overrides: Partial<ChainedFields> = {}): ChainedFields {
  return {
    id,
    at: 1_764_000_000_000 + id,
    actor_id: 1,
    actor_name: 'admin',
    action: 'group.created',
    object_type: 'group',
    object_id: String(id),
    object_label: `组 ${id}`,
    changes: '{}',
    ip: '127.0.0.1',
    request_id: `req-${id}`,
    ...overrides,
  };
}

function chain(length: number) {
  const out: (ChainedFields & { prev_hash: string; hash: string })[] = [];
  let prev = AUDIT_GENESIS_HASH;
  for (let id = 1; id <= length; id++) {
    const e = event(id);
    const hash = chainHash(prev, e);
    out.push({ ...e, prev_hash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('is deterministic and depends on every field and on the previous hash', () => {
    const base = chainHash(AUDIT_GENESIS_HASH, event(1));
    expect(chainHash(AUDIT_GENESIS_HASH, event(1))).toBe(base);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    for (const key of Object.keys(event(1)) as (keyof ChainedFields)[]) {
      const changed = { ...event(1), [key]: key === 'id' || key === 'at' || key === 'actor_id' ? 999 : 'changed' };
      expect(chainHash(AUDIT_GENESIS_HASH, changed), key).not.toBe(base);
    }
    expect(chainHash('f'.repeat(64), event(1))).not.toBe(base);
  });

  it('accepts an untouched chain link by link', () => {
    const events = chain(5);
    let previous = { id: 0, hash: AUDIT_GENESIS_HASH };
    for (const e of events) {
      expect(checkLink(previous, e)).toEqual({ ok: true });
      previous = { id: e.id, hash: e.hash };
    }
  });

  it('names what is wrong: edited content, a broken link, a missing event', () => {
    const [first, second, third] = chain(3);
    if (!first || !second || !third) throw new Error('chain too short');
    const start = { id: 0, hash: AUDIT_GENESIS_HASH };
    expect(checkLink(start, { ...first, object_label: 'forged' })).toEqual({ ok: false, reason: 'content does not match its hash' });
    expect(checkLink({ id: 1, hash: 'x'.repeat(64) }, second)).toEqual({ ok: false, reason: 'link to the previous event is broken' });
    expect(checkLink({ id: first.id, hash: first.hash }, third)).toEqual({ ok: false, reason: 'event 2 is missing' });
  });
});
