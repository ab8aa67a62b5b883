import { type CreateSavedView, type SavedView, savedViewSchema, type UpdateSavedView } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError, apiGet, apiSend, apiSendVoid, etagFor, withQuery } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import type { RecordTypeUi } from '../record-types';

const viewListSchema = z.object({ items: z.array(savedViewSchema) });
const viewsKey = (type: RecordTypeUi) => ['/saved-views', type.key] as const;

/** The caller's own views of a type, then the shared ones (the API's order). */
export function useSavedViews(type: RecordTypeUi) {
  return useQuery({
    queryKey: viewsKey(type),
    queryFn: ({ signal }) => apiGet(withQuery('/saved-views', { type: type.key }), viewListSchema, { signal }),
    staleTime: 60_000,
  });
}

/**
 * Creating, changing and deleting views. Changes send If-Match: a view someone else changed
 * first (412) is reloaded and the user told, instead of overwriting their change.
 */
export function useViewMutations(type: RecordTypeUi) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: viewsKey(type) });
  const onError = async (error: unknown) => {
    if (error instanceof ApiError && (error.status === 412 || error.status === 404)) {
      void message.warning(t(error.status === 412 ? 'lists.views.stale' : 'lists.views.gone'));
      await refresh();
      return;
    }
    showError(error);
  };

  const create = useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Omit<CreateSavedView, 'type'>; idempotencyKey: string }) =>
      apiSend('POST', '/saved-views', savedViewSchema, { body: { ...body, type: type.key }, idempotencyKey }),
    onSuccess: async (view) => {
      void message.success(t('lists.views.saved', { name: view.name }));
      await refresh();
    },
    onError,
  });
  const update = useMutation({
    mutationFn: ({ view, patch }: { view: SavedView; patch: UpdateSavedView }) =>
      apiSend('PATCH', `/saved-views/${view.id}`, savedViewSchema, { body: patch, etag: etagFor(view.version) }),
    onSuccess: async (view) => {
      void message.success(t('lists.views.saved', { name: view.name }));
      await refresh();
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (view: SavedView) => apiSendVoid('DELETE', `/saved-views/${view.id}`, { etag: etagFor(view.version) }),
    onSuccess: async (_, view) => {
      void message.success(t('lists.views.deleted', { name: view.name }));
      await refresh();
    },
    onError,
  });
  return { create, update, remove };
}
