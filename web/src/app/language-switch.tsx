import { LOCALES, type Locale, localeSchema, meSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend } from './api';
import { useShowError } from './errors';
import { currentLocale, setLocale } from './i18n';
import { useOptionalMe, useSetMe } from './session';

/** 中文 / English; a signed-in user's choice is saved to their profile too. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const me = useOptionalMe();
  const setMe = useSetMe();
  const showError = useShowError();
  const save = useMutation({
    mutationFn: (locale: Locale) => apiSend('PATCH', '/me', meSchema, { body: { locale } }),
    onSuccess: (updated) => setMe(updated),
    onError: (error) => showError(error),
  });

  const change = (value: string) => {
    const parsed = localeSchema.safeParse(value);
    if (!parsed.success) return;
    void setLocale(parsed.data);
    if (me) save.mutate(parsed.data);
  };

  return (
    <Segmented
      size="small"
      aria-label={t('app.language')}
      data-testid="language-switch"
      value={currentLocale()}
      onChange={change}
      options={LOCALES.map((locale) => ({ value: locale, label: t(`locales.${locale}`) }))}
    />
  );
}
