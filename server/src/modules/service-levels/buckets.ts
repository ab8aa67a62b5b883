import type { ServiceLevelBucket } from '@keel/shared';
import { addDays, instantOf, weekdayIndex } from '../../platform/calendar/zone.js';

/** One period of the trend: local dates (both included) and the instants they span, end excluded. */
export type Bucket = { start: string; end: string; startMs: number; endMs: number };

function nextStart(dateKey: string, bucket: ServiceLevelBucket): string {
  if (bucket === 'week') return addDays(dateKey, 7 - weekdayIndex(dateKey));
  const [year, month] = dateKey.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/**
 * The trend's buckets over a period of local dates in `timeZone`: ISO weeks (Monday to Sunday) or
 * calendar months, the first and last cut to the period. Each boundary is the instant of local
 * midnight in that zone (daylight-saving changes move it, as a person there would expect).
 */
export function periodBuckets(from: string, to: string, bucket: ServiceLevelBucket, timeZone: string): Bucket[] {
  const out: Bucket[] = [];
  const after = addDays(to, 1);
  let start = from;
  while (start < after) {
    const next = nextStart(start, bucket);
    // biome-ignore lint/complexity/useMathMinMax: local dates compared as text, not numbers
    const end = next < after ? next : after;
    out.push({ start, end: addDays(end, -1), startMs: instantOf(start, 0, timeZone), endMs: instantOf(end, 0, timeZone) });
    start = end;
  }
  return out;
}

/** Percent met with one decimal; null when nothing was measured. */
export function attainment(met: number, total: number): number | null {
  return total === 0 ? null : Math.round((met / total) * 1000) / 10;
}
