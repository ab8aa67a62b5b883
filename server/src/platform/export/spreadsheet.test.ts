import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './export.js';

describe('spreadsheet formula neutralising', () => {
  it('prefixes cells a spreadsheet would evaluate', () => {
    for (const value of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x']) expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    for (const value of ['服务台', 'admin', '2026-11-25T10:00:00.000Z', '']) expect(neutraliseFormula(value)).toBe(value);
  });
});
