import { describe, expect, it } from 'vitest';
import { CsvReader, type CsvRecord } from './csv.js';

/** Feeds the text in chunks of the given size, so records split across chunks are exercised. */
function readAll(text: string, chunk = 3, delimiter = ','): CsvRecord[] {
  const reader = new CsvReader(delimiter);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...reader.push(text.slice(i, i + chunk)));
  out.push(...reader.end());
  return out;
}

describe('CSV reader', () => {
  it('splits plain lines and numbers them from the header', () => {
    expect(readAll('a,b\n1,?\n2,x\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', '?'] },
      { line: 3, cells: ['2', 'x'] },
    ]);
  });

  it('reads quoted delimiters, doubled quotes and line breaks inside quotes, keeping later line numbers right', () => {
    const records = readAll('h1,h2\n"a,b","say ""hi"""\n"two\nlines",z\nlast,1', 4);
    expect(records).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['a,b', 'say "hi"'] },
      { line: 3, cells: ['two\nlines', 'z'] },
      { line: 5, cells: ['last', '1'] },
    ]);
  });

  it('accepts CRLF, a byte-order mark, blank lines and a last line without a break', () => {
    expect(readAll('\uFEFFa;b\r\n\r\n1;2\r\n3;4', 2, ';')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 3, cells: ['1', '2'] },
      { line: 4, cells: ['3', '4'] },
    ]);
  });

  it('keeps empty cells and reports a quote that is never closed with its line', () => {
    const records = readAll('a,,c\n"open,x\n', 5);
    expect(records[0]).toEqual({ line: 1, cells: ['a', '', 'c'] });
    expect(records[1]).toMatchObject({ line: 2, error: 'A quoted cell is never closed' });
  });
});
