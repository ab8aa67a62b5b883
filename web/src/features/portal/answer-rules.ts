import { type CatalogueField, validateCatalogueForm } from '@keel/shared';

/** Why an answer is refused, for the customer's own language. */
export type AnswerProblem = 'required' | 'type' | 'min' | 'max' | 'pattern' | 'option' | 'date';

const empty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Which bound a refused value, length or count breaks; null when it is within both. */
function bound(field: CatalogueField, n: number): 'min' | 'max' | null {
  if (field.min !== undefined && n < field.min) return 'min';
  if (field.max !== undefined && n > field.max) return 'max';
  return null;
}

/**
 * The server's own validator run on one field decides whether the answer is accepted, so
 * the browser refuses exactly what the server would; this only names the reason in words.
 */
export function checkAnswer(field: CatalogueField, value: unknown): AnswerProblem | null {
  const errors = validateCatalogueForm({ fields: [field] }, value === undefined ? {} : { [field.key]: value });
  if (errors.length === 0) return null;
  if (empty(value)) return 'required';
  switch (field.type) {
    case 'text':
    case 'textarea':
      if (typeof value !== 'string') return 'type';
      return bound(field, [...value].length) ?? (field.pattern ? 'pattern' : 'max');
    case 'number':
      return typeof value === 'number' ? (bound(field, value) ?? 'type') : 'type';
    case 'date':
      return 'date';
    case 'choice':
      return 'option';
    case 'multi_choice':
      return Array.isArray(value) ? (bound(field, value.length) ?? 'option') : 'type';
    default:
      return 'type';
  }
}

/** Answers as the form holds them, as the API takes them: empty optional answers left out. */
export function answersOf(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (empty(value)) continue;
    answers[key] = value;
  }
  return answers;
}
