import { IMPORT_PROBLEMS_SHOWN, type ImportMapping, type ImportProblem } from '@keel/shared';
import type { ImportEvent } from './events.js';
import { readLog } from './log-file.js';
import { importProblem } from './problems.js';
import { mappingProblems, rowReader, type TypeStates } from './read-row.js';

export type FileCheck = {
  rows: number;
  cases: number;
  rejectedRows: number;
  problems: ImportProblem[];
  /** The line of each case's last row: where the second pass knows the case is complete. */
  lastLineOf: Map<string, number>;
};

/**
 * The first pass: reads every row through the mapping and keeps only what the second pass
 * needs, so a 46 MB log is checked in constant memory per row. Problems are counted in full
 * and listed up to IMPORT_PROBLEMS_SHOWN.
 */
export async function checkLog(file: string, mapping: ImportMapping, states: TypeStates): Promise<FileCheck> {
  const check: FileCheck = { rows: 0, cases: 0, rejectedRows: 0, problems: [], lastLineOf: new Map() };
  let read: ReturnType<typeof rowReader> | null = null;
  const report = (problems: ImportProblem[]) => {
    check.rejectedRows++;
    for (const problem of problems) if (check.problems.length < IMPORT_PROBLEMS_SHOWN) check.problems.push(problem);
  };
  for await (const record of readLog(file, mapping)) {
    if (!read) {
      const problems = mappingProblems(mapping, record.cells, states);
      if (problems.length > 0) return { ...check, problems };
      read = rowReader(mapping, record.cells, states);
      continue;
    }
    check.rows++;
    const result = read(record);
    if (result.problems) {
      report(result.problems);
      continue;
    }
    check.lastLineOf.set(result.event.caseId, result.event.line);
  }
  if (!read) check.problems.push(importProblem(1, null, 'empty_file'));
  check.cases = check.lastLineOf.size;
  return check;
}

/**
 * The second pass: yields each case's events once its last row has been read. A log that
 * keeps a case's rows together holds one case in memory at a time; one that scatters them
 * holds each open case until its last row.
 */
export async function* casesOf(file: string, mapping: ImportMapping, states: TypeStates, check: FileCheck): AsyncGenerator<ImportEvent[]> {
  let read: ReturnType<typeof rowReader> | null = null;
  const open = new Map<string, ImportEvent[]>();
  for await (const record of readLog(file, mapping)) {
    if (!read) {
      read = rowReader(mapping, record.cells, states);
      continue;
    }
    const { event } = read(record);
    if (!event) throw new Error(`Line ${record.line} changed between the check and the import`);
    const events = open.get(event.caseId);
    if (events) events.push(event);
    else open.set(event.caseId, [event]);
    if (check.lastLineOf.get(event.caseId) === event.line) {
      open.delete(event.caseId);
      yield events ?? [event];
    }
  }
  if (open.size > 0) throw new Error('The file changed between the check and the import');
}
