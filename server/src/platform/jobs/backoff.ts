/**
 * Delay before retry number `attempt` (1-based): exponential from 5 s, capped at an hour,
 * with ±20 % jitter so failures that happened together do not retry together.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
