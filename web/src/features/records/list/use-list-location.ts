import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type ListLocation, type ListParams, readLocation, writeLocation } from './list-params';

/**
 * The list's filters, sort, view and columns live in the URL, so a filtered list can be
 * bookmarked, shared and reloaded. Changes replace the history entry: Back leaves the list.
 */
export function useListLocation() {
  const [search, setSearch] = useSearchParams();
  const location = useMemo(() => readLocation(search), [search]);
  const show = (next: ListLocation) => setSearch(writeLocation(next), { replace: true });
  return {
    location,
    show,
    /** New filters keep the chosen view and columns: the view then shows as changed. */
    setParams: (params: ListParams) => show({ ...location, params }),
  };
}
