import { describe, expect, it } from 'vitest';
import { segments } from './highlight';

describe('search highlights', () => {
  it('marks the ranges and keeps the text between them', () => {
    expect(
      segments({
        text: '无法登录 VPN 客户端',
        ranges: [
          [0, 4],
          [5, 8],
        ],
      }),
    ).toEqual([
      { text: '无法登录', marked: true },
      { text: ' ', marked: false },
      { text: 'VPN', marked: true },
      { text: ' 客户端', marked: false },
    ]);
  });

  it('merges overlapping ranges, sorts them and clamps them to the text', () => {
    expect(
      segments({
        text: 'abcdef',
        ranges: [
          [4, 99],
          [1, 3],
          [2, 4],
          [-5, 0],
        ],
      }),
    ).toEqual([
      { text: 'a', marked: false },
      { text: 'bcdef', marked: true },
    ]);
  });

  it('keeps markup as text: a title with tags is never HTML', () => {
    const parts = segments({ text: '<b>x</b>', ranges: [[3, 4]] });
    expect(parts.map((p) => p.text).join('')).toBe('<b>x</b>');
  });
});
