import { z } from 'zod';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const localeSchema = z.enum(LOCALES);

/** Picks the best supported locale from an Accept-Language style list; Chinese variants map to zh-CN. */
export function pickLocale(preferred: readonly string[] | string | undefined): Locale {
  const list = typeof preferred === 'string' ? preferred.split(',') : (preferred ?? []);
  for (const raw of list) {
    const tag = raw.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().min(1).max(64).refine(isTimeZone, { message: 'Unknown IANA time zone' });
