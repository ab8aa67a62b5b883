import { type CatalogueField, type FormAnswerError, validateCatalogueForm } from '@keel/shared';

const empty = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/**
 * The server's own validator run on one field, so the browser refuses exactly what the
 * server would, with the same stable code (worded by `catalogue.answerProblems.*`).
 */
export function checkAnswer(field: CatalogueField, value: unknown): FormAnswerError | null {
  return validateCatalogueForm({ fields: [field] }, empty(value) ? {} : { [field.key]: value })[0] ?? null;
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
