import { EXCERPT_MAX } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { excerptOf, MENTIONS_MAX, parseMentions } from './mentions.js';

describe('parseMentions', () => {
  it('finds @usernames case-insensitively, once each, in order', () => {
    expect(parseMentions('@Li.Wei please check with @emma_clarke and @li.wei again')).toEqual(['li.wei', 'emma_clarke']);
  });

  it('reads names next to Chinese text and drops sentence punctuation after them', () => {
    expect(parseMentions('请@zhao.lin看一下，谢谢@wang-fang。也问问 @li.wei.')).toEqual(['zhao.lin', 'wang-fang', 'li.wei']);
  });

  it('does not take an e-mail address, a lone @ or an escaped \\@ for a mention', () => {
    expect(parseMentions('write to ops@example.com or @ me, or \\@not.me')).toEqual([]);
  });

  it('ends a name at a second @, as the web renderer highlights it', () => {
    expect(parseMentions('cc @liu.yang@acme.cn')).toEqual(['liu.yang']);
  });

  it('ignores mentions inside code spans and fenced code', () => {
    expect(parseMentions('run `curl @file` then\n```\nssh @host\n```\nthanks @ops.lead')).toEqual(['ops.lead']);
  });

  it(`stops after ${MENTIONS_MAX} names`, () => {
    const text = Array.from({ length: 30 }, (_, i) => `@user${i}`).join(' ');
    expect(parseMentions(text)).toHaveLength(MENTIONS_MAX);
  });
});

describe('excerptOf', () => {
  it('folds whitespace', () => {
    expect(excerptOf('  line one\n\n  line   two ')).toBe('line one line two');
  });

  it('cuts long text by characters, not bytes, and marks the cut', () => {
    const cut = excerptOf('长'.repeat(EXCERPT_MAX + 10));
    expect([...cut]).toHaveLength(EXCERPT_MAX);
    expect(cut.endsWith('…')).toBe(true);
    expect(excerptOf('短')).toBe('短');
  });
});
