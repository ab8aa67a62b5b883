import { startOfToday } from '../../app/dates';

/** The dashboard's periods: the last 30 days by day, or the last 26 weeks by week. */
export const PERIODS = ['30d', '26w'] as const;
export type Period = (typeof PERIODS)[number];

/** From the start of a day in the user's zone to the end of today, as the reports take it. */
export function periodQuery(period: Period, timeZone: string, now: Date = new Date()) {
  const today = startOfToday(timeZone, now);
  const start = period === '30d' ? today.subtract(29, 'day') : today.subtract(26 * 7 - 1, 'day');
  return {
    from: start.toISOString(),
    to: today.add(1, 'day').toISOString(),
    bucket: period === '30d' ? ('day' as const) : ('week' as const),
  };
}
