import { calendarSchema, pageSchema, STATE_CATEGORIES } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet, withQuery } from '../../../app/api';
import { useCan } from '../../../app/session';
import { useRecordLabels } from '../../records/use-record-labels';

// Business calendars are few: one page holds them.
const CALENDAR_LIMIT = 200;

export function useCalendarOptions() {
  const allowed = useCan('calendars.read');
  const query = useQuery({
    queryKey: ['/calendars', { limit: CALENDAR_LIMIT }],
    queryFn: ({ signal }) => apiGet(withQuery('/calendars', { limit: CALENDAR_LIMIT }), pageSchema(calendarSchema), { signal }),
    enabled: allowed,
    staleTime: 60_000,
  });
  const calendars = query.data?.items ?? [];
  return {
    allowed,
    loading: allowed && query.isPending,
    options: calendars.map((c) => ({ value: c.id, label: c.name })),
    name: (id: number) => calendars.find((c) => c.id === id)?.name ?? `#${id}`,
  };
}

export function useCategoryOptions() {
  const labels = useRecordLabels();
  return STATE_CATEGORIES.map((c) => ({ value: c, label: labels.stateCategory(c) }));
}
