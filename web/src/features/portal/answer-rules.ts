import { type CatalogueField, type FormErrorCode, validateCatalogueForm } from '@keel/shared';

/**
 * The server's own validator run on one field, so the browser refuses exactly what the
 * server would (the same rules, the same codes), before anything is sent.
 */
export function checkAnswer(field: CatalogueField, value: unknown): FormErrorCode | null {
  const result = validateCatalogueForm({ fields: [field] }, value === undefined ? {} : { [field.key]: value });
  return result.ok ? null : (result.errors[0]?.code ?? null);
}

/** Answers as the form holds them, as the API takes them: empty optional answers left out. */
export function answersOf(values: Record<string, unknown> | undefined): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    answers[key] = value;
  }
  return answers;
}
