import fs from 'node:fs';
import path from 'node:path';
import type { ImportReport } from '@keel/shared';
import { prepareDatabase } from '../bootstrap.js';
import type { Db } from '../db/connect.js';
import { RECORD_TYPES } from '../modules/record-types.js';
import { AppError } from '../platform/errors.js';
import { MAPPINGS_DIR, readMappingFile } from '../platform/import/mappings.js';
import { runImport } from '../platform/import/run-import.js';

type Print = (line: string) => void;

/** A mapping named by path, or by the name of a file in the repository's imports/ folder. */
function mappingPath(given: string): string {
  if (fs.existsSync(given)) return given;
  const shipped = path.join(MAPPINGS_DIR, `${given.replace(/\.json$/, '')}.json`);
  return fs.existsSync(shipped) ? shipped : given;
}

export function printReport(report: ImportReport, print: Print): void {
  const seconds = (report.ms / 1000).toFixed(1);
  print(
    `${report.dryRun ? 'Dry run' : 'Import'}: ${report.rows} rows, ${report.cases} cases, ${report.rejectedRows} rejected rows (${seconds} s)`,
  );
  for (const p of report.problems) print(`  line ${p.line}${p.column ? ` [${p.column}]` : ''}: ${p.message}`);
  if (report.rejectedRows > report.problems.length) print(`  … and more: only the first ${report.problems.length} problems are listed`);
  if (!report.ok) {
    print('Nothing was imported: correct the rows above (or the mapping) and run again.');
    return;
  }
  const verb = report.dryRun ? 'would be' : 'were';
  print(`Records: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged (${verb} written)`);
  print(`Timeline entries: ${report.journalEntries}; new placeholder people: ${report.people}; new groups: ${report.groups}`);
}

/** `keel import <mapping> <file> [--dry-run]`: exit 0 when imported (or the dry run found no bad row), 1 otherwise. */
export async function importCommand(db: Db, args: string[], dryRun: boolean, print: Print): Promise<number> {
  const [mappingArg, file] = args;
  if (!mappingArg || !file) {
    print('Usage: keel import <mapping.json | mapping name> <file> [--dry-run]');
    return 2;
  }
  if (!fs.existsSync(file)) {
    print(`No such file: ${file}`);
    return 2;
  }
  let mapping: ReturnType<typeof readMappingFile>;
  try {
    mapping = readMappingFile(mappingPath(mappingArg));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    print(`The mapping ${mappingArg} is not valid: ${error.message}`);
    for (const e of error.extras.errors ?? []) print(`  ${e.path}: ${e.message}`);
    return 2;
  }
  const def = RECORD_TYPES.find((t) => t.key === mapping.recordType);
  if (!def) {
    print(`The mapping's record type "${mapping.recordType}" does not exist (known: ${RECORD_TYPES.map((t) => t.key).join(', ')})`);
    return 2;
  }
  await prepareDatabase(db);
  const report = await runImport({
    db,
    def,
    mapping,
    file,
    fileName: path.basename(file),
    dryRun,
    ctx: { actorId: null, actorName: 'keel import', ip: null, requestId: null, dialect: db.dialect },
  });
  printReport(report, print);
  return report.ok ? 0 : 1;
}
