import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A calendar day picked in the UI, as the UTC instant it starts (or ends) in the user's zone. */
export function dayBoundary(day: Dayjs, timeZone: string, edge: 'start' | 'end'): string {
  const local = dayjs.tz(day.format('YYYY-MM-DD'), timeZone);
  return (edge === 'start' ? local.startOf('day') : local.endOf('day')).toISOString();
}

/** A date and time picked in the UI, read as wall-clock time in the user's zone (not the browser's). */
export function pickedInstant(value: Dayjs, timeZone: string): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), timeZone).toISOString();
}

/** The start of the current day in the user's zone (not the browser's). */
export function startOfToday(timeZone: string, now: Date = new Date()): Dayjs {
  return dayjs(now).tz(timeZone).startOf('day');
}
