import { groupSchema, userSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';
import { useCan } from '../../../app/session';

/**
 * The name of a user or group referred to by id. Looked up only when the caller may read
 * the directory; otherwise (or for a deleted one, or no id) undefined.
 */
export function useReferenceName(kind: 'user' | 'group', id: number | null): string | undefined {
  const mayRead = useCan(kind === 'user' ? 'users.read' : 'groups.read');
  const name = useQuery({
    // Its own key: other screens cache these paths with a different shape (e.g. with the ETag).
    queryKey: ['reference-name', kind, id],
    queryFn: async ({ signal }) =>
      kind === 'user'
        ? (await apiGet(`/users/${id}`, userSchema, { signal })).displayName
        : (await apiGet(`/groups/${id}`, groupSchema, { signal })).name,
    enabled: mayRead && id !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return name.data;
}

/** A field change's user or group, by name when the caller may look it up, else by id. */
export function ReferenceName({ kind, id }: { kind: 'user' | 'group'; id: number }) {
  return <>{useReferenceName(kind, id) ?? `#${id}`}</>;
}
