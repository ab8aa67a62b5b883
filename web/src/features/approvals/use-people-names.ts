import { userSchema } from '@keel/shared';
import { useQueries } from '@tanstack/react-query';
import { apiGet } from '../../app/api';
import { useCan } from '../../app/session';

/**
 * Names for user ids: those already known first, the rest looked up when the caller may read
 * the directory (the same cache as the timeline's names), else shown as "#id".
 */
export function usePeopleNames(ids: readonly number[], known: ReadonlyMap<number, string>): (id: number) => string {
  const mayRead = useCan('users.read');
  const missing = ids.filter((id) => !known.has(id));
  const found = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['reference-name', 'user', id],
      queryFn: async ({ signal }: { signal: AbortSignal }) => (await apiGet(`/users/${id}`, userSchema, { signal })).displayName,
      enabled: mayRead,
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const names = new Map(known);
  missing.forEach((id, i) => {
    const name = found[i]?.data;
    if (name) names.set(id, name);
  });
  return (id) => names.get(id) ?? `#${id}`;
}
