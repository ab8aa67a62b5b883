/**
 * Time-zone arithmetic with nothing but Intl: the offset of a zone at an instant, the local
 * date of an instant, and the instant of a local wall time. Formatters are cached per zone.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local wall clock of an instant, as if it were UTC (milliseconds, seconds precision). */
function wallClock(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** Milliseconds to add to UTC to get local time at that instant. */
export function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClock(whole, timeZone) - whole;
}

export function dateKeyOf(utcWallMs: number): string {
  return new Date(utcWallMs).toISOString().slice(0, 10);
}

/** The local calendar date (`YYYY-MM-DD`) of an instant. */
export function localDateKey(ms: number, timeZone: string): string {
  return dateKeyOf(ms + offsetAt(ms, timeZone));
}

/** Minutes since local midnight of an instant. */
export function localMinuteOfDay(ms: number, timeZone: string): number {
  const wall = ms + offsetAt(ms, timeZone);
  return Math.floor((((wall % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
}

export function addDays(dateKey: string, days: number): string {
  return dateKeyOf(Date.parse(`${dateKey}T00:00:00Z`) + days * 86_400_000);
}

/** ISO weekday of a date: 0 = Monday … 6 = Sunday. */
export function weekdayIndex(dateKey: string): number {
  return (new Date(`${dateKey}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/**
 * The instant at which a local wall time occurs. In a spring-forward gap the wall time does
 * not exist and the instant after the gap is returned; in a fall-back overlap, the first.
 */
export function instantOf(dateKey: string, minuteOfDay: number, timeZone: string): number {
  const wall = Date.parse(`${dateKey}T00:00:00Z`) + minuteOfDay * 60_000;
  // A day before and after, the zone's offsets are those on either side of any transition near `wall`.
  const before = wall - offsetAt(wall - 86_400_000, timeZone);
  const after = wall - offsetAt(wall + 86_400_000, timeZone);
  const exact = [before, after].filter((t) => t + offsetAt(t, timeZone) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // A spring-forward gap: the first instant whose local time is at or after the wall time.
  let lo = Math.min(before, after);
  let hi = Math.max(before, after);
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (mid + offsetAt(mid, timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return hi;
}
