import type { SlaClock } from '@keel/shared';

/** How a clock reads at one instant; the badge turns this into words and a colour. */
export type SlaView =
  | { kind: 'running'; tone: SlaTone; remainingMs: number | null }
  | { kind: 'paused'; tone: SlaTone; usedMinutes: number; targetMinutes: number }
  | { kind: 'stopped'; met: boolean }
  | { kind: 'cancelled' };

/** normal: on time; warning: a warning threshold was passed; breached: breached or past due. */
export type SlaTone = 'normal' | 'warning' | 'breached';

export type DurationUnit = 'd' | 'h' | 'm' | 's';

/** A clock at `now` (epoch ms). Past its due time counts as breached at once, before the sweeper notices. */
export function slaView(clock: SlaClock, now: number): SlaView {
  if (clock.state === 'cancelled') return { kind: 'cancelled' };
  if (clock.state === 'stopped') return { kind: 'stopped', met: !clock.breached };
  const tone: SlaTone = clock.breached ? 'breached' : clock.warnedPercent > 0 ? 'warning' : 'normal';
  if (clock.state === 'paused') {
    return { kind: 'paused', tone, usedMinutes: clock.elapsedMinutes, targetMinutes: clock.targetMinutes };
  }
  const due = clock.dueAt ? Date.parse(clock.dueAt) : Number.NaN;
  if (Number.isNaN(due)) return { kind: 'running', tone, remainingMs: null };
  const remainingMs = due - now;
  return { kind: 'running', tone: remainingMs <= 0 ? 'breached' : tone, remainingMs };
}

/**
 * A duration in its two largest units ("2d 4h", "3h 5m", "4m 9s", "12s"), sign ignored;
 * `unit` words each part in the UI language.
 */
export function formatDuration(ms: number, unit: (u: DurationUnit, n: number) => string): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return h > 0 ? `${unit('d', d)} ${unit('h', h)}` : unit('d', d);
  if (h > 0) return m > 0 ? `${unit('h', h)} ${unit('m', m)}` : unit('h', h);
  if (m > 0) return `${unit('m', m)} ${unit('s', s)}`;
  return unit('s', s);
}
