import { organisationSchema, pageSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../../../app/api';
import { useCan } from '../../../app/session';

// Records carry the organisation's id only; its name comes from one page of the directory.
const LIMIT = 200;

/** Organisation names by id, loaded only while a list shows the organisation column. */
export function useOrganisationNames(wanted: boolean): (id: number | null) => string {
  const allowed = useCan('organisations.read');
  const query = useQuery({
    queryKey: ['/organisations', { limit: LIMIT, sort: 'name' }],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/organisations', { limit: LIMIT, sort: 'name' }), pageSchema(organisationSchema), { signal }),
    enabled: allowed && wanted,
    staleTime: 5 * 60_000,
  });
  const names = new Map(query.data?.items.map((o) => [o.id, o.name]));
  return (id) => (id === null ? '' : (names.get(id) ?? `#${id}`));
}
