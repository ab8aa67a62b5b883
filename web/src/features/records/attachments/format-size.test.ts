import { describe, expect, it } from 'vitest';
import { formatSize } from './format-size';

describe('formatSize', () => {
  it('picks a unit and rounds to one decimal', () => {
    expect(formatSize(0, 'en')).toBe('0 B');
    expect(formatSize(1000, 'de')).toBe('1.000 B');
    expect(formatSize(1536, 'en')).toBe('1.5 kB');
    expect(formatSize(25 * 1024 * 1024, 'en')).toBe('25 MB');
    expect(formatSize(300 * 1024, 'en')).toBe('300 kB');
  });

  it("writes numbers in the reader's format", () => {
    expect(formatSize(1536, 'de')).toBe('1,5 kB');
    expect(formatSize(1536, 'zh-CN')).toMatch(/^1\.5\s?kB$/);
  });
});
