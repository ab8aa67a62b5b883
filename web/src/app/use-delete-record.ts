import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSendVoid } from './api';
import { useShowError } from './errors';

/** Deleting a row of a collection: DELETE `<collection>/<id>`, a message, and a refreshed list. */
export function useDeleteRecord(collection: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiSendVoid('DELETE', `${collection}/${id}`),
    onSuccess: async () => {
      void message.success(t('common.deleted'));
      await queryClient.invalidateQueries({ queryKey: [collection] });
    },
    onError: (error) => showError(error),
  });
}
