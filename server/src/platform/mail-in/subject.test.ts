import { describe, expect, it } from 'vitest';
import { numberInSubject, titleOf } from './subject.js';

describe('numberInSubject', () => {
  it('finds the number of a known type, bracketed or typed by hand', () => {
    expect(numberInSubject('Re: [INC-000042] Printer on fire', ['INC'])).toBe('INC-000042');
    expect(numberInSubject('about inc-000042 again', ['INC'])).toBe('INC-000042');
    expect(numberInSubject('回复：[INC-1234567] 打印机', ['INC'])).toBe('INC-1234567');
  });

  it('ignores other prefixes, short numbers and numbers inside words', () => {
    expect(numberInSubject('[TASK-000042] x', ['INC'])).toBeNull();
    expect(numberInSubject('INC-42', ['INC'])).toBeNull();
    expect(numberInSubject('XINC-000042', ['INC'])).toBeNull();
    expect(numberInSubject('TASK-000001 and INC-000002', ['INC'])).toBe('INC-000002');
  });
});

describe('titleOf', () => {
  it('drops reply and forward prefixes in several languages', () => {
    expect(titleOf('Re: Fwd: RE: Printer')).toBe('Printer');
    expect(titleOf('回复：转发: 打印机卡纸')).toBe('打印机卡纸');
    expect(titleOf('Reply needed')).toBe('Reply needed');
  });

  it('folds control characters and bidi overrides, and cuts to 200 characters', () => {
    expect(titleOf('a\tb\u0000c\u202ed')).toBe('a b c d');
    expect([...titleOf('长'.repeat(300))]).toHaveLength(200);
    expect(titleOf('  \u200b ')).toBe('');
  });
});
