/** One CSV record: the physical line it starts on (1-based) and its cells, or why it could not be read. */
export type CsvRecord = { line: number; cells: string[]; error?: string };

/**
 * A streaming RFC 4180 reader: quoted cells may hold the delimiter, doubled quotes and line
 * breaks; `\r\n` and `\n` both end a line; a byte-order mark is dropped; blank lines are
 * skipped. Lines without a quote take a fast path (a plain split), which is nearly every line
 * of a machine-written log.
 */
export class CsvReader {
  private pending = '';
  private line = 0;
  private started = false;
  private cells: string[] = [];
  private cell = '';
  private inQuotes = false;
  private recordLine = 0;

  constructor(private readonly delimiter = ',') {}

  /** Feeds a chunk of decoded text; yields every record it completes. */
  *push(chunk: string): Generator<CsvRecord> {
    let text = this.pending + chunk;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      const physical = text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end);
      start = end + 1;
      const record = this.readLine(physical);
      if (record) yield record;
    }
    this.pending = text.slice(start);
  }

  /** Ends the input: the last line may lack its line break; an open quote is an error. */
  *end(): Generator<CsvRecord> {
    if (this.pending !== '') {
      const record = this.readLine(this.pending.endsWith('\r') ? this.pending.slice(0, -1) : this.pending);
      this.pending = '';
      if (record) yield record;
    }
    if (this.inQuotes) {
      this.inQuotes = false;
      yield { line: this.recordLine, cells: [], error: 'A quoted cell is never closed' };
    }
  }

  private readLine(physical: string): CsvRecord | null {
    this.line++;
    if (!this.inQuotes) {
      if (physical === '') return null;
      if (!physical.includes('"')) return { line: this.line, cells: physical.split(this.delimiter) };
      this.recordLine = this.line;
      this.cells = [];
      this.cell = '';
    } else {
      // A line break inside quotes belongs to the cell.
      this.cell += '\n';
    }
    return this.scan(physical);
  }

  private scan(physical: string): CsvRecord | null {
    const delimiter = this.delimiter;
    let i = 0;
    while (i < physical.length) {
      const ch = physical[i];
      if (this.inQuotes) {
        if (ch === '"') {
          if (physical[i + 1] === '"') {
            this.cell += '"';
            i += 2;
            continue;
          }
          this.inQuotes = false;
        } else {
          this.cell += ch;
        }
      } else if (ch === delimiter) {
        this.cells.push(this.cell);
        this.cell = '';
      } else if (ch === '"' && this.cell === '') {
        this.inQuotes = true;
      } else {
        // A quote inside an unquoted cell is taken literally, as spreadsheets write it.
        this.cell += ch;
      }
      i++;
    }
    if (this.inQuotes) return null;
    this.cells.push(this.cell);
    const record = { line: this.recordLine, cells: this.cells };
    this.cells = [];
    this.cell = '';
    return record;
  }
}
