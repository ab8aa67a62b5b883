import { describe, expect, it } from 'vitest';
import { headerOf, readFileStart, splitCsvLine } from './read-header';

describe('reading a log header in the browser', () => {
  it('splits quoted cells as the server does', () => {
    expect(splitCsvLine('a,"b,c","say ""hi""",', ',')).toEqual(['a', 'b,c', 'say "hi"', '']);
  });

  it('takes the first non-blank line, without a byte-order mark or CR', () => {
    expect(headerOf('\uFEFF\r\nnumber;state\r\n1;2', ';')).toEqual(['number', 'state']);
    expect(headerOf('', ',')).toEqual([]);
  });

  it('reads the start of a gzipped file', async () => {
    const text = 'number,incident_state\nINC1,New\n';
    const gzipped = await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
    const blob = new Blob([gzipped]);
    expect(headerOf(await readFileStart(blob), ',')).toEqual(['number', 'incident_state']);
    expect(headerOf(await readFileStart(new Blob([text])), ',')).toEqual(['number', 'incident_state']);
  });
});
