import { notificationSchema, readAllResultSchema, unreadCountSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useCursorList } from '../../components/use-cursor-list';

export const notificationsPath = '/notifications';
const countKey = [notificationsPath, 'unread-count'] as const;

/** Polled, and fetched again when the window regains focus: the bell is the one live thing in the header. */
export const UNREAD_POLL_MS = 45_000;

export function useUnreadCount() {
  return useQuery({
    queryKey: countKey,
    queryFn: ({ signal }) => apiGet(`${notificationsPath}/unread-count`, unreadCountSchema, { signal }),
    refetchInterval: UNREAD_POLL_MS,
    refetchOnWindowFocus: true,
  });
}

export function useNotificationList(unreadOnly: boolean) {
  return useCursorList(notificationsPath, { limit: 20, unread: unreadOnly ? 'true' : undefined }, notificationSchema);
}

/** After any change both the lists and the count are stale (their keys start with the path). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: [notificationsPath] });
}

export function useMarkRead() {
  const refresh = useRefresh();
  const showError = useShowError();
  return useMutation({
    mutationFn: (id: number) => apiSend('POST', `${notificationsPath}/${id}/read`, notificationSchema),
    onSuccess: refresh,
    onError: (error) => showError(error),
  });
}

/** Marks read up to the newest notification shown, so one that arrived meanwhile stays unread. */
export function useMarkAllRead() {
  const refresh = useRefresh();
  const showError = useShowError();
  return useMutation({
    mutationFn: (upToId: number | undefined) =>
      apiSend('POST', `${notificationsPath}/read-all`, readAllResultSchema, { body: upToId === undefined ? {} : { upToId } }),
    onSuccess: refresh,
    onError: (error) => showError(error),
  });
}
