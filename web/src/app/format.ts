import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useOptionalMe } from './session';

function formatter(locale: string, timeZone: string | undefined): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  } catch {
    // A time zone this browser does not know: fall back to the browser's own.
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  }
}

/** Formats API times (UTC ISO strings) in the user's time zone and language. */
export function useFormatDateTime(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const timeZone = useOptionalMe()?.timeZone;
  return useMemo(() => {
    const f = formatter(i18n.language, timeZone);
    return (iso) => {
      if (!iso) return '';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : f.format(date);
    };
  }, [i18n.language, timeZone]);
}

/** Every IANA zone this browser knows, with UTC first. */
export function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}
