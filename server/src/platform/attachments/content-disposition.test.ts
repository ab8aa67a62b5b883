import { describe, expect, it } from 'vitest';
import { asciiFallback, contentDisposition } from './content-disposition.js';

describe('Content-Disposition', () => {
  it('is always an attachment, with the exact name as UTF-8 in filename*', () => {
    expect(contentDisposition('故障截图.png')).toBe(
      `attachment; filename="attachment.png"; filename*=UTF-8''%E6%95%85%E9%9A%9C%E6%88%AA%E5%9B%BE.png`,
    );
    expect(contentDisposition('report.pdf')).toBe(`attachment; filename="report.pdf"; filename*=UTF-8''report.pdf`);
  });

  it("percent-encodes what RFC 5987 does not allow bare, including ' ( ) * and spaces", () => {
    expect(contentDisposition("it's (final) *v2*.txt")).toBe(
      `attachment; filename="it's (final) *v2*.txt"; filename*=UTF-8''it%27s%20%28final%29%20%2Av2%2A.txt`,
    );
  });

  it('gives an ASCII fallback without quotes, backslashes or percent signs', () => {
    expect(asciiFallback('季度 report "Q3".xlsx')).toBe('_ report _Q3_.xlsx');
    expect(asciiFallback('50%\\off.txt')).toBe('50__off.txt');
    expect(asciiFallback('报告.文档')).toBe('attachment');
  });
});
