import fs from 'node:fs';
import path from 'node:path';
import { type ImportMapping, importMappingSchema } from '@keel/shared';
import { AppError } from '../errors.js';

/** The repository's mapping files: `imports/` at the root (same depth from src/ and dist/). */
export const MAPPINGS_DIR = path.resolve(import.meta.dirname, '../../../../imports');

/** A mapping checked against the contract; a bad one is a 400 naming each problem by its path. */
export function parseMapping(value: unknown): ImportMapping {
  const parsed = importMappingSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('validation_failed', 'The mapping is not valid', {
    errors: parsed.error.issues.map((issue) => ({ path: ['mapping', ...issue.path].join('.'), message: issue.message })),
  });
}

export function readMappingFile(file: string): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError('validation_failed', `The mapping file cannot be read: ${error instanceof Error ? error.message : String(error)}`, {
      errors: [{ path: 'mapping', message: 'Not a readable JSON file' }],
    });
  }
  return parseMapping(json);
}

/** The shipped mappings, by name; a file that fails the contract is left out (a test keeps them valid). */
export function shippedMappings(dir = MAPPINGS_DIR): ImportMapping[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .flatMap((name) => {
      const parsed = importMappingSchema.safeParse(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
      return parsed.success ? [parsed.data] : [];
    });
}

/** A shipped mapping by its name (never a path: names are checked against the contract's pattern). */
export function shippedMapping(name: string): ImportMapping | null {
  return shippedMappings().find((m) => m.name === name) ?? null;
}
