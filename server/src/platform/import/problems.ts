import type { ImportProblem, ImportProblemCode } from '@keel/shared';

type Params = Record<string, string | number>;

/** The English wording for the CLI and the API; the web app words the same codes in the reader's language. */
const MESSAGES: Record<ImportProblemCode, (p: Params) => string> = {
  missing_column: () => 'The mapping reads this column, but the file has no such column',
  duplicate_column: () => 'This column appears twice in the header',
  not_a_state: (p) => `"${p.value}" is not a state of the ${p.type} workflow`,
  not_a_level: (p) => `"${p.value}" is not a ${p.field} from 1 to 5`,
  bad_time_format: (p) => `The time format "${p.format}" cannot be read: ${p.reason}`,
  cell_count: (p) => `The row has ${p.cells} cells; the header has ${p.expected}`,
  case_id_missing: () => 'The case id is missing',
  order_not_integer: (p) => `"${p.value}" is not a whole number`,
  time_missing: () => 'The event time is missing',
  bad_time: (p) => `"${p.value}" is not a time written ${p.format}`,
  not_in_values: (p) => `"${p.value}" is not in the mapping's values for ${p.field}`,
  sla_value: (p) => `"${p.value}" is neither met nor missed`,
  unclosed_quote: () => 'A quoted cell is never closed',
  empty_file: () => 'The file is empty: it has no header row',
};

export function importProblem(line: number, column: string | null, code: ImportProblemCode, params: Params = {}): ImportProblem {
  return { line, column, code, params, message: MESSAGES[code](params) };
}
