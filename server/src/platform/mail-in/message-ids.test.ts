import { describe, expect, it } from 'vitest';
import { normaliseAddress } from './address.js';
import { isOwnMessageId, messageIdsIn, notificationMessageId, recordNumberOfOwnId } from './message-ids.js';

describe('Message-IDs', () => {
  it('reads the ids of References and In-Reply-To', () => {
    expect(messageIdsIn('<a@x.y> <b@x.y>\r\n <c@x.y>')).toEqual(['a@x.y', 'b@x.y', 'c@x.y']);
    expect(messageIdsIn('garbage')).toEqual([]);
    expect(messageIdsIn(null)).toEqual([]);
  });

  it('names the record in a notification id, and only ids of our own host count', () => {
    const id = notificationMessageId('INC-000042', 'commented:1:journal:7:3', 'keel.test');
    expect(id).toMatch(/^<keel\.INC-000042\.[0-9a-f]{32}@keel\.test>$/);
    const bare = id.slice(1, -1);
    expect(recordNumberOfOwnId(bare, 'keel.test')).toBe('INC-000042');
    expect(recordNumberOfOwnId(bare, 'evil.example')).toBeNull();
    expect(recordNumberOfOwnId('INC-000042@keel.test', 'keel.test')).toBe('INC-000042');
    expect(isOwnMessageId(bare, 'KEEL.test')).toBe(true);
    expect(isOwnMessageId('INC-000042@keel.test', 'keel.test')).toBe(false);
  });
});

describe('normaliseAddress', () => {
  it('lower-cases a plain address and refuses anything else', () => {
    expect(normaliseAddress('<Li.Wei@Example.COM>')).toBe('li.wei@example.com');
    expect(normaliseAddress('not an address')).toBeNull();
    expect(normaliseAddress('a@b')).toBeNull();
    expect(normaliseAddress('a b@c.d')).toBeNull();
    expect(normaliseAddress('')).toBeNull();
  });
});
