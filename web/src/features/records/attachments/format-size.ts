const UNITS = ['kilobyte', 'megabyte', 'gigabyte'] as const;

/** A file size in the reader's number format: 512 B, 1.5 kB, 23 MB (steps of 1024, as file managers show them). */
export function formatSize(bytes: number, locale: string): string {
  // Intl's byte unit reads "512 byte" or "512B" depending on the language; "B" is universal.
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    unitDisplay: 'short',
    maximumFractionDigits: value >= 100 ? 0 : 1,
  }).format(value);
}
