/** Reads one time cell into epoch milliseconds; null when the text does not fit the format or is no real date. */
export type TimeReader = (text: string) => number | null;

const TOKENS: Record<string, { pattern: string; part: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'ms' }> = {
  yyyy: { pattern: '(\\d{4})', part: 'year' },
  mm: { pattern: '(\\d{2})', part: 'month' },
  m: { pattern: '(\\d{1,2})', part: 'month' },
  dd: { pattern: '(\\d{2})', part: 'day' },
  d: { pattern: '(\\d{1,2})', part: 'day' },
  HH: { pattern: '(\\d{2})', part: 'hour' },
  H: { pattern: '(\\d{1,2})', part: 'hour' },
  MM: { pattern: '(\\d{2})', part: 'minute' },
  M: { pattern: '(\\d{1,2})', part: 'minute' },
  SS: { pattern: '(\\d{2})', part: 'second' },
  S: { pattern: '(\\d{1,2})', part: 'second' },
  fff: { pattern: '(\\d{3})', part: 'ms' },
};
const TOKEN = /yyyy|mm|m|dd|d|HH|H|MM|M|SS|S|fff/g;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The format's parts in order and the regular expression that captures them; throws on a format without a full date. */
export function compileTimeFormat(format: string): { regex: RegExp; parts: string[] } {
  const parts: string[] = [];
  let pattern = '';
  let last = 0;
  for (const match of format.matchAll(TOKEN)) {
    const token = TOKENS[match[0]];
    if (!token) continue;
    pattern += escapeRegExp(format.slice(last, match.index)) + token.pattern;
    parts.push(token.part);
    last = match.index + match[0].length;
  }
  pattern += escapeRegExp(format.slice(last));
  for (const needed of ['year', 'month', 'day']) {
    if (!parts.includes(needed)) throw new Error(`The time format "${format}" has no ${needed}`);
  }
  if (new Set(parts).size !== parts.length) throw new Error(`The time format "${format}" names a part twice`);
  return { regex: new RegExp(`^\\s*${pattern}\\s*$`), parts };
}

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * Minutes to add to UTC to get the zone's wall clock at an instant. IANA zones go through
 * Intl once per hour of wall-clock time (cached), which keeps a large log fast.
 */
export function zoneOffsetReader(timeZone: string): (wallClockAsUtc: number) => number {
  if (timeZone === 'UTC' || timeZone === 'Z') return () => 0;
  const fixed = FIXED_OFFSET.exec(timeZone);
  if (fixed) {
    const minutes = (Number(fixed[2]) * 60 + Number(fixed[3])) * (fixed[1] === '-' ? -1 : 1);
    return () => minutes;
  }
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const offsetAt = (instant: number) => {
    const p = Object.fromEntries(format.formatToParts(instant).map((x) => [x.type, x.value]));
    const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
  };
  const cache = new Map<number, number>();
  return (wallClock) => {
    const hour = Math.floor(wallClock / 3_600_000);
    let offset = cache.get(hour);
    if (offset === undefined) {
      // Two passes find the offset in force at that wall-clock time, also next to a DST change.
      const first = offsetAt(wallClock);
      offset = offsetAt(wallClock - first * 60_000);
      cache.set(hour, offset);
    }
    return offset;
  };
}

/** A reader for one format and zone; `iso` accepts ISO-8601 with or without an offset (none = the zone's). */
export function timeReader(format: string, timeZone: string): TimeReader {
  const offset = zoneOffsetReader(timeZone);
  if (format === 'iso') {
    return (text) => {
      const ms = Date.parse(text);
      if (Number.isNaN(ms)) return null;
      return /(Z|[+-]\d{2}:?\d{2})$/.test(text.trim()) ? ms : ms - offset(ms) * 60_000;
    };
  }
  const { regex, parts } = compileTimeFormat(format);
  return (text) => {
    const match = regex.exec(text);
    if (!match) return null;
    const v = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0, ms: 0 };
    for (let i = 0; i < parts.length; i++) v[parts[i] as keyof typeof v] = Number(match[i + 1]);
    if (v.month < 1 || v.month > 12 || v.day < 1 || v.hour > 23 || v.minute > 59 || v.second > 59) return null;
    const wallClock = Date.UTC(v.year, v.month - 1, v.day, v.hour, v.minute, v.second, v.ms);
    // 31/2 would roll over into March: a day the month does not have is no date.
    if (new Date(wallClock).getUTCDate() !== v.day) return null;
    return wallClock - offset(wallClock) * 60_000;
  };
}
