import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from './errors';

/**
 * Saving a record from a drawer: on success a message, close and refresh the collection;
 * on failure the problem on the form's fields and a refresh (a 412 means someone else saved).
 */
export function useSaveRecord<Body, FormValues = Body>(options: {
  collection: string;
  isNew: boolean;
  form: FormInstance<FormValues>;
  onClose: () => void;
  send: (body: Body) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: options.send,
    onSuccess: async () => {
      void message.success(options.isNew ? t('common.created') : t('common.saved'));
      options.onClose();
      await queryClient.invalidateQueries({ queryKey: [options.collection] });
    },
    onError: async (error) => {
      showError(error, options.form);
      await queryClient.invalidateQueries({ queryKey: [options.collection] });
    },
  });
}
