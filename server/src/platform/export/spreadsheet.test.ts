import { describe, expect, it } from 'vitest';
import { csvStream, neutraliseFormula } from './spreadsheet.js';

describe('spreadsheet formula neutralising', () => {
  it('prefixes cells a spreadsheet would evaluate', () => {
    for (const value of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\t=x', '\r=x']) expect(neutraliseFormula(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    for (const value of ['服务台', 'admin', '2026-11-25T10:00:00.000Z', '']) expect(neutraliseFormula(value)).toBe(value);
  });
});

describe('CSV', () => {
  it('quotes, neutralises and writes wall-clock times, numbers and empty cells', async () => {
    async function* batches() {
      yield [['=cmd|"/c calc"!A0', 3, new Date(Date.UTC(2026, 0, 5, 9, 30)), null]];
    }
    const stream = csvStream(
      ['标题', 'n', 'time', 'empty'].map((header) => ({ header, width: 10 })),
      batches(),
    );
    const text = (await stream.toArray()).join('');
    expect(text).toBe('\uFEFF标题,n,time,empty\r\n"\'=cmd|""/c calc""!A0",3,2026-01-05 09:30,\r\n');
  });
});
