import { recordLinkSchema } from '@keel/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiGet } from '../../../app/api';

export const linkListSchema = z.object({ items: z.array(recordLinkSchema) });

export function useLinks(path: string) {
  return useQuery({ queryKey: [path], queryFn: ({ signal }) => apiGet(path, linkListSchema, { signal }) });
}

/** A link shows on both records: refresh both lists (and the other's, if it is open in the cache). */
export function useRefreshLinks() {
  const queryClient = useQueryClient();
  return (...paths: string[]) => Promise.all(paths.map((path) => queryClient.invalidateQueries({ queryKey: [path] })));
}
