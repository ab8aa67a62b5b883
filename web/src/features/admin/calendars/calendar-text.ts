import type { WorkingPeriod } from '@keel/shared';

/**
 * The calendar form edits periods and dates as short text ("09:00-12:00, 13:00-18:00";
 * one date per line or comma-separated) — quicker to type than nested pickers, and the
 * shared schema still validates the result.
 */
export function formatPeriods(periods: readonly WorkingPeriod[]): string {
  return periods.map((p) => `${p.start}-${p.end}`).join(', ');
}

/** Null when the text is not a list of HH:MM-HH:MM periods. */
export function parsePeriods(text: string): WorkingPeriod[] | null {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const periods: WorkingPeriod[] = [];
  for (const part of trimmed.split(/[,，;；\s]+/).filter(Boolean)) {
    const match = /^(\d{1,2}:\d{2})[-–~](\d{1,2}:\d{2})$/.exec(part);
    if (!match?.[1] || !match[2]) return null;
    periods.push({ start: match[1].padStart(5, '0'), end: match[2].padStart(5, '0') });
  }
  return periods;
}

export function formatDates(dates: readonly string[]): string {
  return dates.join('\n');
}

export function parseDates(text: string): string[] {
  return [...new Set(text.split(/[\s,，;；]+/).filter(Boolean))].sort();
}
