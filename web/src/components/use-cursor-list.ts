import { pageSchema } from '@keel/shared';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiGet, type QueryValue, withQuery } from '../app/api';

/**
 * A server-paginated list (`{items, nextCursor}`) read page by page. The query key starts
 * with the collection path, so invalidating `[path]` refreshes every filtered view of it.
 */
export function useCursorList<S extends z.ZodType>(path: string, params: Record<string, QueryValue>, item: S) {
  const schema = pageSchema(item);
  const query = useInfiniteQuery({
    queryKey: [path, params],
    // '' means "first page": withQuery drops empty values.
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) => apiGet(withQuery(path, { ...params, cursor: pageParam }), schema, { signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items: z.output<S>[] = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, items };
}
