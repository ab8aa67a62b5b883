import { describe, expect, it } from 'vitest';
import { checkPassword } from './auth.js';
import { hasControlCharacters } from './common.js';
import { pickLocale } from './locale.js';

describe('password rules', () => {
  it('accepts a long password with three character classes', () => {
    expect(checkPassword('Correct-horse-battery', 'li.wei')).toEqual([]);
  });

  it('names every rule a password breaks', () => {
    expect(checkPassword('short', 'li.wei')).toEqual(['too_short', 'too_simple']);
    expect(checkPassword('alllowercaseletters', 'li.wei')).toEqual(['too_simple']);
    expect(checkPassword('My-li.wei-Passw0rd', 'li.wei')).toEqual(['contains_username']);
    expect(checkPassword(`Aa1-${'x'.repeat(200)}`, 'li.wei')).toEqual(['too_long']);
  });

  it('counts characters, not UTF-16 units, and lets Chinese count as a symbol class', () => {
    expect(checkPassword('密码密码密码密码Ab1', 'li.wei')).toEqual([]);
  });
});

describe('locale choice', () => {
  it('maps any Chinese variant to zh-CN and falls back to English', () => {
    expect(pickLocale(['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLocale('en-GB,en;q=0.9')).toBe('en');
    expect(pickLocale('fr-FR, de;q=0.8')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
  });
});

describe('control characters', () => {
  it('allows tab and newlines but not NUL, escape or DEL', () => {
    expect(hasControlCharacters('line one\nline two\ttabbed\r\n')).toBe(false);
    expect(hasControlCharacters('nul\u0000')).toBe(true);
    expect(hasControlCharacters('esc\u001b[31m')).toBe(true);
    expect(hasControlCharacters('del\u007f')).toBe(true);
  });
});
