import { pageSchema, type ServiceStatus, serviceSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../../app/api';
import { useCan } from '../../app/session';

// A catalogue has tens to a few hundred services: one page holds a picker's worth.
const SERVICE_LIMIT = 200;

/** Services for a picker; `status` narrows it (the record form offers live services only). */
export function useServiceOptions(status?: ServiceStatus) {
  const allowed = useCan('services.read');
  const params = { limit: SERVICE_LIMIT, sort: 'name', status };
  const query = useQuery({
    queryKey: ['/services', params],
    queryFn: ({ signal }) => apiGet(withQuery('/services', params), pageSchema(serviceSchema), { signal }),
    enabled: allowed,
    staleTime: 60_000,
  });
  const services = query.data?.items ?? [];
  return {
    services,
    loading: allowed && query.isPending,
    options: services.map((s) => ({ value: s.id, label: s.name })),
  };
}
