/**
 * Priority from impact × urgency (each 1 = high … 3 = low), 1 = critical … 5 = planning,
 * the common ITIL matrix. Issue 5 makes the matrix editable; this is its default.
 */
export const DEFAULT_PRIORITY_MATRIX: readonly (readonly number[])[] = [
  [1, 2, 3],
  [2, 3, 4],
  [3, 4, 5],
];

export function priorityOf(impact: number | null, urgency: number | null, matrix = DEFAULT_PRIORITY_MATRIX): number | null {
  if (impact === null || urgency === null) return null;
  return matrix[impact - 1]?.[urgency - 1] ?? null;
}
