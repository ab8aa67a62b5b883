import { PassThrough, Readable } from 'node:stream';

/**
 * One cell: text, a number, or a wall-clock time (a Date whose UTC fields are the local time
 * to show, so Excel shows it as written whatever the reader's zone), or empty.
 */
export type Cell = string | number | Date | null;

export type SheetColumn = { header: string; width: number; time?: boolean };

/** A spreadsheet would run a cell starting with = + - @ (or a tab or CR before them) as a formula; a leading quote keeps it text. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-01-05 09:30` from a wall-clock Date. */
export function formatWallClock(wall: Date): string {
  return `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())} ${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
}

function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = cell instanceof Date ? formatWallClock(cell) : neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV as rows arrive, batch by batch: memory holds one batch whatever the size of the export. */
export function csvStream(columns: readonly SheetColumn[], batches: AsyncIterable<Cell[][]>): Readable {
  async function* lines() {
    // The byte-order mark makes Excel read the file as UTF-8 (Chinese stays legible).
    yield `\uFEFF${columns.map((c) => csvCell(c.header)).join(',')}\r\n`;
    for await (const batch of batches) yield batch.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
  }
  return Readable.from(lines());
}

/** An Excel workbook written as a stream, row by row; `onError` hears a failure after the headers left. */
export function xlsxStream(
  sheetName: string,
  columns: readonly SheetColumn[],
  batches: AsyncIterable<Cell[][]>,
  onError: (error: unknown) => void,
): Readable {
  const out = new PassThrough();
  (async () => {
    // exceljs is large: loaded on the first Excel export, not at start-up (idle memory target).
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet(sheetName);
    sheet.columns = columns.map((c) => ({
      header: neutraliseFormula(c.header),
      width: c.width,
      ...(c.time ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
    }));
    for await (const batch of batches) {
      for (const row of batch) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell))).commit();
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => {
    onError(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}

export type Sheet = { name: string; columns: readonly SheetColumn[]; rows: readonly Cell[][] };

/** A small workbook of several sheets, built in memory (reports, not bulk exports); text neutralised as above. */
export async function xlsxWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    sheet.columns = spec.columns.map((c) => ({
      header: neutraliseFormula(c.header),
      width: c.width,
      ...(c.time ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
    }));
    for (const row of spec.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? neutraliseFormula(cell) : cell)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
