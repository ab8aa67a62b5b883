import { describe, expect, it } from 'vitest';
import { bodyText, MAX_BODY, replyText } from './body.js';

describe('bodyText', () => {
  it('keeps the text, normalises line ends and drops control characters', () => {
    expect(bodyText('Hello\r\nworld\u0000 \r\n\r\n\r\n\r\nbye  ')).toBe('Hello\nworld\n\nbye');
    expect(bodyText(undefined)).toBe('');
  });

  it('drops link targets that are not web or mail links', () => {
    expect(bodyText('click [javascript:alert(1)] or [https://ok.example/] [data:text/html,x]')).toBe('click or [https://ok.example/]');
  });

  it('cuts a body over the limit', () => {
    const body = bodyText('x'.repeat(MAX_BODY + 10));
    expect(body).toHaveLength(MAX_BODY);
    expect(body.endsWith('…')).toBe(true);
  });
});

describe('replyText', () => {
  it('leaves out the quoted earlier mail', () => {
    expect(replyText('Thanks, works now.\n\nOn Mon, 1 Jan 2026 Keel wrote:\n> old text')).toBe('Thanks, works now.');
    expect(replyText('好的\n\n在 2026年1月1日 Keel 写道：\n> 旧内容')).toBe('好的');
    expect(replyText('Fine\n> quoted\n> more')).toBe('Fine');
  });

  it('keeps everything when nothing would be left', () => {
    expect(replyText('> only a quote')).toBe('> only a quote');
  });
});
