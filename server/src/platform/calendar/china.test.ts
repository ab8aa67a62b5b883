import { createRequire } from 'node:module';
import { statutoryYearSchema } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { CHINA_STATUTORY_YEARS } from './china.js';
import { expandStatutoryYears } from './statutory.js';

// An independent, maintained data set of the same notices, used only to check ours.
const reference: { holidays: Record<string, string>; workdays: Record<string, string> } = createRequire(import.meta.url)(
  'chinese-days/dist/chinese-days.json',
);

describe("China's statutory schedule", () => {
  it('is valid data in the published-year shape', () => {
    for (const year of CHINA_STATUTORY_YEARS) expect(statutoryYearSchema.parse(year)).toEqual(year);
  });

  for (const { year } of CHINA_STATUTORY_YEARS) {
    it(`matches the reference for ${year}: every holiday and every make-up working day`, () => {
      const ours = expandStatutoryYears(CHINA_STATUTORY_YEARS.filter((y) => y.year === year));
      const inYear = (dates: Record<string, string>) =>
        Object.keys(dates)
          .filter((d) => d.startsWith(`${year}-`))
          .sort();
      expect(ours.holidays).toEqual(inYear(reference.holidays));
      expect(ours.workdays).toEqual(inYear(reference.workdays));
    });
  }

  it('puts make-up working days on weekends only', () => {
    const { workdays } = expandStatutoryYears(CHINA_STATUTORY_YEARS);
    for (const day of workdays) expect([0, 6]).toContain(new Date(`${day}T00:00:00Z`).getUTCDay());
  });
});
