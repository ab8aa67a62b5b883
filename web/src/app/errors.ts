import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';
import { isErrorCode } from './api-error';
import { fieldNameOf } from './field-name';

/** The catalogue message for any failure; unknown codes read as the generic one. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return (error) => {
    if (!(error instanceof ApiError)) return t('errors.internal');
    const seconds = error.retryAfterSeconds ?? 60;
    if (error.code === 'network') return t('errors.network');
    if (isErrorCode(error.code)) return t(`errors.${error.code}`, { seconds });
    return t('errors.internal');
  };
}

/**
 * Shows an API failure: a toast with the catalogue message and, for validation errors,
 * the message on each named form field (`nested` names groups whose items are keyed one level down).
 * Server field messages are English, so other languages show the catalogue's generic wording instead.
 */
export function useShowError() {
  const { message } = App.useApp();
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  return (error: unknown, form?: FormInstance, nested?: readonly string[]) => {
    void message.error(errorText(error));
    if (!form || !(error instanceof ApiError)) return;
    const fields = error.errors
      .filter((e) => e.path !== '')
      .map((e) => ({
        name: fieldNameOf(e.path, nested),
        errors: [i18n.language === 'en' ? e.message : t('form.invalid')],
      }));
    if (fields.length > 0) form.setFields(fields);
  };
}
