import { calendarDefinitionSchema } from '@keel/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../calendar/business-time.js';
import { ALWAYS, elapsedAt, markWarned, pauseClock, resumeClock, retargetClock, startClock, stopClock } from './clock.js';

const MIN = 60_000;
const T0 = Date.parse('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai

const day = [{ start: '09:00', end: '18:00' }];
const officeHours = calendarDefinitionSchema.parse({ timeZone: 'Asia/Shanghai', weekly: [day, day, day, day, day, [], []] });

describe('SLA clock', () => {
  it('falls due after its target and warns at each threshold in turn', () => {
    const clock = startClock({ targetMinutes: 100, warnAt: [90, 75], at: T0 }, ALWAYS);
    expect(clock.dueAt).toBe(T0 + 100 * MIN);
    expect(clock.nextWarnAt).toBe(T0 + 75 * MIN);
    const warned = markWarned(clock, 75, ALWAYS);
    expect(warned.nextWarnAt).toBe(T0 + 90 * MIN);
    expect(markWarned(warned, 90, ALWAYS).nextWarnAt).toBeNull();
  });

  it('stops counting while paused and moves the due time by the pause', () => {
    let clock = startClock({ targetMinutes: 60, warnAt: [], at: T0 }, ALWAYS);
    clock = pauseClock(clock, T0 + 20 * MIN, ALWAYS);
    expect(clock).toMatchObject({ state: 'paused', elapsedMs: 20 * MIN, dueAt: null });
    clock = resumeClock(clock, T0 + 500 * MIN, ALWAYS);
    expect(clock.dueAt).toBe(T0 + 540 * MIN);
    expect(elapsedAt(clock, T0 + 530 * MIN, ALWAYS)).toBe(50 * MIN);
    clock = stopClock(clock, T0 + 530 * MIN, ALWAYS);
    expect(clock).toMatchObject({ state: 'stopped', elapsedMs: 50 * MIN, stoppedAt: T0 + 530 * MIN });
  });

  it('counts only working time on a calendar (Friday 17:00 + 2 h is Monday 10:00)', () => {
    const time = new BusinessCalendar(officeHours);
    const friday17 = Date.parse('2026-11-27T09:00:00Z');
    const clock = startClock({ targetMinutes: 120, warnAt: [50], at: friday17 }, time);
    expect(new Date(clock.dueAt ?? 0).toISOString()).toBe('2026-11-30T02:00:00.000Z');
    expect(new Date(clock.nextWarnAt ?? 0).toISOString()).toBe('2026-11-27T10:00:00.000Z');
  });

  it('keeps the time used when the target changes', () => {
    const clock = startClock({ targetMinutes: 240, warnAt: [], at: T0 }, ALWAYS);
    const tighter = retargetClock(clock, 60, T0 + 30 * MIN, ALWAYS);
    expect(tighter.dueAt).toBe(T0 + 60 * MIN);
    const paused = retargetClock(pauseClock(clock, T0 + 30 * MIN, ALWAYS), 90, T0 + 40 * MIN, ALWAYS);
    expect(paused).toMatchObject({ state: 'paused', targetMinutes: 90, elapsedMs: 30 * MIN });
  });

  it('lands on the same due time however the running time is split by pauses', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 500 })), { maxLength: 6 }), (stretches) => {
        let clock = startClock({ targetMinutes: 400, warnAt: [], at: T0 }, ALWAYS);
        let at = T0;
        let paused = 0;
        for (const [run, pause] of stretches) {
          at += run * MIN;
          clock = pauseClock(clock, at, ALWAYS);
          at += pause * MIN;
          paused += pause * MIN;
          clock = resumeClock(clock, at, ALWAYS);
        }
        expect(clock.dueAt).toBe(T0 + 400 * MIN + paused);
      }),
    );
  });
});
