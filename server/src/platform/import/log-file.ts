import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ImportMapping } from '@keel/shared';
import { AppError } from '../errors.js';
import { CsvReader, type CsvRecord } from './csv.js';

const GZIP_MAGIC = [0x1f, 0x8b];

function isGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const read = fs.readSync(fd, head, 0, 2, 0);
    return read === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    fs.closeSync(fd);
  }
}

/** The file's text as it streams: gunzipped when it starts with gzip's magic bytes and the mapping allows it. */
function openText(file: string, mapping: ImportMapping): Readable {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let stream: Readable = raw;
  if (isGzip(file)) {
    if (!mapping.format.gzip) {
      raw.destroy();
      throw new AppError('validation_failed', 'The file is gzip-compressed and the mapping does not allow it', {
        errors: [{ path: 'file', message: 'gzip not allowed by the mapping' }],
      });
    }
    stream = raw.pipe(createGunzip({ chunkSize: 1 << 20 }));
    raw.on('error', (error) => stream.destroy(error));
  }
  stream.setEncoding('utf8');
  return stream;
}

/** Every record of the file, header first, read as it streams. */
export async function* readLog(file: string, mapping: ImportMapping): AsyncGenerator<CsvRecord> {
  const reader = new CsvReader(mapping.format.delimiter);
  const stream = openText(file, mapping);
  try {
    for await (const chunk of stream) yield* reader.push(String(chunk));
    yield* reader.end();
  } finally {
    stream.destroy();
  }
}

/** The header and a few rows, for the screen's column-mapping step. */
export async function peekLog(file: string, mapping: ImportMapping, rows = 5): Promise<{ header: string[]; sample: string[][] }> {
  const sample: string[][] = [];
  let header: string[] = [];
  let first = true;
  for await (const record of readLog(file, mapping)) {
    if (first) header = record.cells;
    else sample.push(record.cells);
    first = false;
    if (sample.length >= rows) break;
  }
  return { header, sample };
}
