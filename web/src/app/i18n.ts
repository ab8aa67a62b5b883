import { type Catalogue, catalogues, LOCALES, type Locale, localeSchema, pickLocale } from '@keel/shared';
import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';

declare module 'i18next' {
  // Declaration merging needs an interface: this types every t() key against the catalogue.
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Catalogue };
  }
}

const STORAGE_KEY = 'keel.locale';

function storedLocale(): Locale | null {
  try {
    const parsed = localeSchema.safeParse(window.localStorage.getItem(STORAGE_KEY));
    return parsed.success ? parsed.data : null;
  } catch {
    // Storage can be unavailable (private mode, blocked cookies); fall back to the browser.
    return null;
  }
}

/** The explicit choice wins over the browser's languages. */
export function initialLocale(): Locale {
  return storedLocale() ?? pickLocale(navigator.languages);
}

export function currentLocale(): Locale {
  const parsed = localeSchema.safeParse(i18next.language);
  return parsed.success ? parsed.data : 'en';
}

/** The UI language for picking one side of a bilingual label; re-renders on a language switch. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  const parsed = localeSchema.safeParse(i18n.language);
  return parsed.success ? parsed.data : 'en';
}

export async function setLocale(locale: Locale): Promise<void> {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisting is fine: the choice still applies to this page.
  }
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: initialLocale(),
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    resources: {
      en: { translation: catalogues.en },
      'zh-CN': { translation: catalogues['zh-CN'] },
    },
    // React escapes text itself; escaping twice would show &amp; to the user.
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
}
