import { describe, expect, it } from 'vitest';
import { compileTimeFormat, timeReader } from './dates.js';

describe('time cells', () => {
  const uci = timeReader('d/m/yyyy HH:MM', 'UTC');

  it('reads the UCI format without zero padding, in UTC', () => {
    expect(uci('29/2/2016 01:16')).toBe(Date.UTC(2016, 1, 29, 1, 16));
    expect(uci('5/3/2016 12:00')).toBe(Date.UTC(2016, 2, 5, 12, 0));
    expect(uci('16/12/2016 23:59')).toBe(Date.UTC(2016, 11, 16, 23, 59));
  });

  it('refuses days a month does not have, impossible hours and other shapes', () => {
    expect(uci('29/2/2017 01:16')).toBeNull();
    expect(uci('31/4/2016 10:00')).toBeNull();
    expect(uci('1/13/2016 10:00')).toBeNull();
    expect(uci('1/1/2016 24:00')).toBeNull();
    expect(uci('2016-01-01 10:00')).toBeNull();
    expect(uci('?')).toBeNull();
  });

  it('applies a fixed offset and an IANA zone, daylight saving included', () => {
    expect(timeReader('yyyy-mm-dd HH:MM', '+08:00')('2026-01-05 09:30')).toBe(Date.UTC(2026, 0, 5, 1, 30));
    const berlin = timeReader('yyyy-mm-dd HH:MM:SS', 'Europe/Berlin');
    expect(berlin('2016-01-15 12:00:00')).toBe(Date.UTC(2016, 0, 15, 11, 0));
    expect(berlin('2016-07-15 12:00:00')).toBe(Date.UTC(2016, 6, 15, 10, 0));
    expect(timeReader('d/m/yyyy H:MM', 'Asia/Shanghai')('1/10/2026 8:05')).toBe(Date.UTC(2026, 8, 30, 23, 40) + 25 * 60_000);
  });

  it('reads milliseconds (the BPI 2013 log)', () => {
    expect(timeReader('yyyy-mm-dd HH:MM:SS.fff', 'UTC')('2006-01-12 01:19:42.250')).toBe(Date.UTC(2006, 0, 12, 1, 19, 42, 250));
  });

  it('reads ISO times, using the zone only when the text has no offset', () => {
    const iso = timeReader('iso', '+08:00');
    expect(iso('2026-01-05T09:30:00Z')).toBe(Date.UTC(2026, 0, 5, 9, 30));
    expect(iso('2026-01-05T09:30:00')).toBe(Date.UTC(2026, 0, 5, 1, 30));
  });

  it('refuses a format without a full date', () => {
    expect(() => compileTimeFormat('HH:MM')).toThrow(/no year/);
    expect(() => compileTimeFormat('d/m/yyyy d')).toThrow(/twice/);
  });
});
