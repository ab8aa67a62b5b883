import type { CalendarDefinition, StatutoryYear } from '@keel/shared';
import { addDays } from './zone.js';

/** Every holiday date and make-up working day of some published years. */
export function expandStatutoryYears(years: readonly StatutoryYear[]): { holidays: string[]; workdays: string[] } {
  const holidays: string[] = [];
  const workdays: string[] = [];
  for (const year of years) {
    for (const range of year.holidays) {
      for (let day = range.from; day <= range.to; day = addDays(day, 1)) holidays.push(day);
    }
    for (const workday of year.workdays) workdays.push(workday.date);
  }
  return { holidays: [...new Set(holidays)].sort(), workdays: [...new Set(workdays)].sort() };
}

/** A calendar with a statutory schedule merged in (its own holidays and make-up days kept). */
export function withStatutoryYears(definition: CalendarDefinition, years: readonly StatutoryYear[]): CalendarDefinition {
  const expanded = expandStatutoryYears(years);
  return {
    ...definition,
    holidays: [...new Set([...definition.holidays, ...expanded.holidays])].sort(),
    workdays: [...new Set([...definition.workdays, ...expanded.workdays])].sort(),
  };
}
