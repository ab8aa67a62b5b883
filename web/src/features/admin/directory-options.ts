import { organisationSchema, pageSchema, roleListSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../../app/api';
import { useLabels } from '../../app/labels';
import { useCan } from '../../app/session';

// Pickers load one large page: a directory with more organisations than this needs a search picker.
const PICKER_LIMIT = 200;

export function useOrganisationOptions() {
  const allowed = useCan('organisations.read');
  const query = useQuery({
    queryKey: ['/organisations', { limit: PICKER_LIMIT, sort: 'name' }],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/organisations', { limit: PICKER_LIMIT, sort: 'name' }), pageSchema(organisationSchema), { signal }),
    enabled: allowed,
  });
  const organisations = query.data?.items ?? [];
  return {
    organisations,
    loading: query.isPending && allowed,
    options: organisations.map((o) => ({ value: o.id, label: `${o.name} (${o.code})` })),
  };
}

// GET /roles answers every role at once (`{items}`, no cursor): there are only ever a few.

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ['/roles'],
    queryFn: ({ signal }) => apiGet('/roles', roleListSchema, { signal }),
    enabled,
  });
}

export function useRoleOptions() {
  const allowed = useCan('roles.read');
  const labels = useLabels();
  const query = useRoles(allowed);
  const roles = query.data?.items ?? [];
  return {
    roles,
    loading: query.isPending && allowed,
    options: roles.map((r) => ({ value: r.key, label: labels.role(r.key, r.name) })),
  };
}
