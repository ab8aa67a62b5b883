import { describe, expect, it } from 'vitest';
import { highlight, matchRanges, snippet } from './highlight.js';

const marked = (h: { text: string; ranges: [number, number][] } | null) => (h ? h.ranges.map(([s, e]) => h.text.slice(s, e)) : null);

describe('highlights', () => {
  it('find every term, case-insensitively, and merge overlaps', () => {
    expect(matchRanges('VPN 无法登录, vpn again', ['vpn', '无法登录'])).toEqual([
      [0, 3],
      [4, 8],
      [10, 13],
    ]);
    expect(matchRanges('abcd', ['abc', 'bcd'])).toEqual([[0, 4]]);
    expect(marked(highlight('服务器宕机了', ['宕机']))).toEqual(['宕机']);
  });

  it('treat regular-expression characters in terms as text', () => {
    expect(marked(highlight('cost (a+b)* 2', ['(a+b)*']))).toEqual(['(a+b)*']);
    expect(matchRanges('<img src=x onerror=alert(1)>', ['onerror='])).toEqual([[11, 19]]);
  });

  it('count offsets in UTF-16 units, past emoji', () => {
    const h = highlight('🔥 邮件 down', ['邮件']);
    expect(h.ranges).toEqual([[3, 5]]);
    expect(marked(h)).toEqual(['邮件']);
  });
});

describe('snippets', () => {
  it('cut a window around the first match with ellipses and shifted ranges', () => {
    const text = `${'前文'.repeat(100)}用户无法登录 VPN\n客户端${'后文'.repeat(100)}`;
    const s = snippet(text, ['无法登录', 'vpn'], 60);
    expect(s?.text.startsWith('…')).toBe(true);
    expect(s?.text.endsWith('…')).toBe(true);
    expect(marked(s)).toEqual(['无法登录', 'VPN']);
    expect(s?.text).not.toContain('\n');
  });

  it('keep short text whole and answer null without a match', () => {
    expect(snippet('Mail server down', ['server'])).toEqual({ text: 'Mail server down', ranges: [[5, 11]] });
    expect(snippet('Mail server down', ['printer'])).toBeNull();
  });

  it('never split a surrogate pair at the edges', () => {
    const text = `${'😀'.repeat(50)}match${'😀'.repeat(50)}`;
    const s = snippet(text, ['match'], 21);
    const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    expect(loneSurrogate.test(s?.text ?? '')).toBe(false);
    expect(marked(s)).toEqual(['match']);
  });
});
