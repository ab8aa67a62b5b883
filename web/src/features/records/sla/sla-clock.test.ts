import type { SlaClock } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { formatDuration, slaView } from './sla-clock';

const now = Date.parse('2026-03-02T08:00:00.000Z');
const clock: SlaClock = {
  id: 1,
  target: 'resolution',
  label: { 'zh-CN': '解决', en: 'Resolution' },
  state: 'running',
  targetMinutes: 240,
  dueAt: '2026-03-02T10:30:00.000Z',
  elapsedMinutes: 0,
  breached: false,
  breachedAt: null,
  warnedPercent: 0,
  startedAt: '2026-03-02T06:00:00.000Z',
  stoppedAt: null,
  breachReason: null,
  breachReasonAt: null,
};
const en = (u: string, n: number) => `${n}${u}`;
const zh = (u: string, n: number) => `${n}${{ d: '天', h: '小时', m: '分', s: '秒' }[u]}`;

describe('slaView', () => {
  it('counts down to the due time of a running clock', () => {
    expect(slaView(clock, now)).toEqual({ kind: 'running', tone: 'normal', remainingMs: 9_000_000 });
  });

  it('turns orange once a warning was raised and red once breached or past due', () => {
    expect(slaView({ ...clock, warnedPercent: 75 }, now)).toMatchObject({ tone: 'warning' });
    expect(slaView({ ...clock, breached: true }, now)).toMatchObject({ tone: 'breached' });
    expect(slaView(clock, Date.parse('2026-03-02T10:30:01.000Z'))).toEqual({ kind: 'running', tone: 'breached', remainingMs: -1000 });
  });

  it('reports used and target minutes while paused, and met or missed once stopped', () => {
    expect(slaView({ ...clock, state: 'paused', dueAt: null, elapsedMinutes: 95 }, now)).toEqual({
      kind: 'paused',
      tone: 'normal',
      usedMinutes: 95,
      targetMinutes: 240,
    });
    expect(slaView({ ...clock, state: 'stopped' }, now)).toEqual({ kind: 'stopped', met: true });
    expect(slaView({ ...clock, state: 'stopped', breached: true }, now)).toEqual({ kind: 'stopped', met: false });
    expect(slaView({ ...clock, state: 'cancelled' }, now)).toEqual({ kind: 'cancelled' });
  });

  it('has no countdown when a running clock lacks a due time', () => {
    expect(slaView({ ...clock, dueAt: null }, now)).toEqual({ kind: 'running', tone: 'normal', remainingMs: null });
  });
});

describe('formatDuration', () => {
  it('shows the two largest units', () => {
    expect(formatDuration(9_000_000, en)).toBe('2h 30m');
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000 + 59_000, en)).toBe('2d 4h');
    expect(formatDuration(249_999, en)).toBe('4m 9s');
    expect(formatDuration(12_500, en)).toBe('12s');
  });

  it('drops a zero second unit and ignores the sign', () => {
    expect(formatDuration(3 * 86_400_000, en)).toBe('3d');
    expect(formatDuration(-7_200_000, en)).toBe('2h');
    expect(formatDuration(0, en)).toBe('0s');
  });

  it('words the units in the given language', () => {
    expect(formatDuration(3_900_000, zh)).toBe('1小时 5分');
  });
});
