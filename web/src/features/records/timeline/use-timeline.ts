import { journalEntrySchema, LIMITS } from '@keel/shared';
import { useEffect, useMemo, useState } from 'react';
import { useCursorList } from '../../../components/use-cursor-list';

const SHOWN_PER_STEP = 20;

/**
 * A record's timeline, newest first, shown a step at a time.
 * The journal API lists oldest first only, so the newest entries are on its last page: this
 * reads every page (large ones, usually a single request) and reveals them newest first.
 * When the API gains a descending order, this hook becomes plain cursor paging and the
 * timeline component stays as it is.
 */
export function useTimeline(path: string) {
  const list = useCursorList(path, { limit: LIMITS.pageSizeMax }, journalEntrySchema);
  const [shown, setShown] = useState(SHOWN_PER_STEP);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const complete = !list.isPending && !hasNextPage;
  const newestFirst = useMemo(() => (complete ? [...list.items].reverse() : []), [complete, list.items]);
  return {
    entries: newestFirst.slice(0, shown),
    total: newestFirst.length,
    loading: !complete && !list.error,
    error: list.error,
    refetch: list.refetch,
    hasMore: newestFirst.length > shown,
    showMore: () => setShown((n) => n + SHOWN_PER_STEP),
  };
}
