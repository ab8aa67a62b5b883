/** Stored times are epoch milliseconds; the API speaks ISO-8601 UTC. */
export const iso = (ms: number): string => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));
export const bool = (value: number): boolean => value === 1;
export const flag = (value: boolean): number => (value ? 1 : 0);
