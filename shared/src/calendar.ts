import { z } from 'zod';
import { timeZoneSchema } from './locale.js';

/** A local calendar date, `YYYY-MM-DD`. */
export const dateKeySchema = z.iso.date();

/** A local time of day, `HH:MM`; `24:00` ends a period at midnight. */
export const timeOfDaySchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { message: 'Use HH:MM (00:00–24:00)' });

export function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export const workingPeriodSchema = z
  .strictObject({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((p) => minutesOfDay(p.start) < minutesOfDay(p.end), { message: 'A period ends after it starts' });
export type WorkingPeriod = z.infer<typeof workingPeriodSchema>;

const periodsSchema = z
  .array(workingPeriodSchema)
  .max(8)
  .refine(
    (periods) => {
      const sorted = [...periods].sort((a, b) => minutesOfDay(a.start) - minutesOfDay(b.start));
      return sorted.every((p, i) => i === 0 || minutesOfDay(p.start) >= minutesOfDay(sorted[i - 1]?.end ?? '00:00'));
    },
    { message: 'Periods of one day must not overlap' },
  );

/**
 * A business calendar: working periods per weekday (index 0 = Monday … 6 = Sunday) in the
 * calendar's time zone, public holidays (closed), make-up working days (调休: a weekend day
 * worked with `makeUpPeriods`, by default Monday's), and one-off exceptions that replace a
 * day's periods (an empty list closes the day).
 */
export const calendarDefinitionSchema = z.strictObject({
  timeZone: timeZoneSchema,
  weekly: z.array(periodsSchema).length(7),
  holidays: z.array(dateKeySchema).max(5000).default([]),
  workdays: z.array(dateKeySchema).max(5000).default([]),
  makeUpPeriods: periodsSchema.optional(),
  exceptions: z
    .array(z.strictObject({ date: dateKeySchema, periods: periodsSchema }))
    .max(5000)
    .default([]),
});
export type CalendarDefinition = z.infer<typeof calendarDefinitionSchema>;

const localisedName = z.strictObject({ 'zh-CN': z.string().min(1).max(100), en: z.string().min(1).max(100) });

/**
 * One year of a country's statutory schedule, as the government publishes it: holiday
 * ranges and make-up working days. Keel ships China's published years and accepts a new
 * year in this shape (see docs/calendars.md).
 */
export const statutoryYearSchema = z.strictObject({
  region: z.string().regex(/^[A-Z]{2}$/),
  year: z.number().int().min(2000).max(2100),
  source: z.string().min(1).max(300),
  holidays: z.array(z.strictObject({ from: dateKeySchema, to: dateKeySchema, name: localisedName })).max(50),
  workdays: z.array(z.strictObject({ date: dateKeySchema, name: localisedName })).max(50),
});
export type StatutoryYear = z.infer<typeof statutoryYearSchema>;

export const STATUTORY_REGIONS = ['CN'] as const;

export const calendarSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  definition: calendarDefinitionSchema,
  /** The country whose published holidays and make-up days apply on top of `definition`. */
  statutoryRegion: z.enum(STATUTORY_REGIONS).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const createCalendarSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000).optional(),
  definition: calendarDefinitionSchema,
  statutoryRegion: z.enum(STATUTORY_REGIONS).nullable().optional(),
});
export type CreateCalendar = z.infer<typeof createCalendarSchema>;
export const updateCalendarSchema = createCalendarSchema.partial().strict();
export type UpdateCalendar = z.infer<typeof updateCalendarSchema>;

export const listCalendarsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
  q: z.string().max(200).optional(),
});

/** `GET /calendars/{id}/due`: when `minutes` of working time after `from` end. */
export const dueQuerySchema = z.strictObject({
  from: z.iso.datetime({ offset: true }),
  minutes: z.coerce
    .number()
    .int()
    .min(0)
    .max(366 * 24 * 60),
});
export const dueResultSchema = z.object({ due: z.string() });

export const statutoryYearListSchema = z.object({
  items: z.array(statutoryYearSchema.extend({ origin: z.enum(['shipped', 'imported']) })),
});
