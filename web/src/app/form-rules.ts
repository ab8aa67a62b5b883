import type { FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

/**
 * Form rules that reuse the API's request schemas, so the form and the server agree on
 * what is valid; messages come from the catalogue. `formatMessage` names the rule of a
 * pattern (e.g. which characters a username may use).
 */
export function useRules() {
  const { t } = useTranslation();
  const required: FormRule = { required: true, message: t('form.required') };
  const schema = (fieldSchema: z.ZodType, formatMessage?: string): FormRule => ({
    validator: async (_rule, value: unknown) => {
      if (isEmpty(value)) return;
      const result = fieldSchema.safeParse(value);
      if (result.success) return;
      const issue = result.error.issues[0];
      if (!issue) throw new Error(t('form.invalid'));
      if (issue.code === 'too_small' && issue.origin === 'string') {
        throw new Error(t('form.tooShort', { min: Number(issue.minimum) }));
      }
      if (issue.code === 'too_big' && issue.origin === 'string') {
        throw new Error(t('form.tooLong', { max: Number(issue.maximum) }));
      }
      if (issue.code === 'invalid_format' && issue.format === 'email') throw new Error(t('form.email'));
      throw new Error(formatMessage ?? t('form.invalid'));
    },
  });
  return { required, schema };
}
