/** The cells of one CSV line (quotes, doubled quotes and delimiters inside quotes), as the server's reader splits them. */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '"' && cell === '') quoted = true;
    else cell += ch;
  }
  cells.push(cell);
  return cells;
}

/** The header row of a log's first text: the first non-blank line, without a byte-order mark or a trailing CR. */
export function headerOf(text: string, delimiter: string): string[] {
  const line = text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .find((l) => l.trim() !== '');
  return line === undefined ? [] : splitCsvLine(line, delimiter);
}

const GZIP = [0x1f, 0x8b];

/** Reads the start of a (possibly gzipped) file in the browser, enough for its header row. */
export async function readFileStart(file: Blob, bytes = 64 * 1024): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] !== GZIP[0] || head[1] !== GZIP[1]) return new TextDecoder().decode(await file.slice(0, bytes).arrayBuffer());
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  try {
    while (text.length < bytes && !text.includes('\n')) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
    }
  } finally {
    await reader.cancel();
  }
  return text;
}
