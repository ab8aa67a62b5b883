import { type SearchHit, searchResultSchema } from '@keel/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../../app/api';
import { useOptionalMe } from '../../app/session';
import { RECORD_TYPES, type RecordTypeUi, recordPath, recordTypeByKey } from '../records/record-types';

/** `GET /search`: nothing is asked for an empty box; the last answer stays up while the next is on its way. */
export function useSearch(q: string, options: { types?: readonly string[]; limit: number }) {
  const types = options.types?.length ? options.types.join(',') : undefined;
  return useQuery({
    queryKey: ['/search', { q, types, limit: options.limit }],
    queryFn: ({ signal }) => apiGet(withQuery('/search', { q, types, limit: options.limit }), searchResultSchema, { signal }),
    enabled: q !== '',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** Where a hit opens: the record page of its type. */
export function hitPath(hit: SearchHit): string {
  const type = recordTypeByKey(hit.type);
  return type ? recordPath(type, hit.number) : `/${hit.path}/${hit.number}`;
}

/** The record types this user may read: the ones search covers and a filter may name. */
export function useSearchableTypes(): RecordTypeUi[] {
  const me = useOptionalMe();
  return RECORD_TYPES.filter((type) => me?.permissions.includes(type.permissions.read));
}

export function useTypeLabel(): (key: string) => string {
  const { t } = useTranslation();
  return (key) => {
    const type = recordTypeByKey(key);
    return type ? t(type.labels.plural) : key;
  };
}

/** Hits grouped by type, in the order their best hit ranks. */
export function groupByType(hits: readonly SearchHit[]): { type: string; hits: SearchHit[] }[] {
  const groups = new Map<string, SearchHit[]>();
  for (const hit of hits) groups.set(hit.type, [...(groups.get(hit.type) ?? []), hit]);
  return [...groups].map(([type, list]) => ({ type, hits: list }));
}
