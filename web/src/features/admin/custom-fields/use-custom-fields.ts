import { type CustomField, customFieldSchema, type UpdateCustomField } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError, apiGet, apiSend, etagFor, withQuery } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { RECORD_FIELDS_KEY } from '../../records/fields/use-record-fields';

export const CUSTOM_FIELDS_PATH = '/custom-fields';
const listSchema = z.object({ items: z.array(customFieldSchema) });

export function useCustomFields(recordType: string) {
  return useQuery({
    queryKey: [CUSTOM_FIELDS_PATH, recordType],
    queryFn: ({ signal }) => apiGet(withQuery(CUSTOM_FIELDS_PATH, { recordType }), listSchema, { signal }),
  });
}

/** After a change: this list, and every record form that reads the type's fields. */
export function useFieldsChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [CUSTOM_FIELDS_PATH] }),
      queryClient.invalidateQueries({ queryKey: [RECORD_FIELDS_KEY] }),
    ]);
}

/** A PATCH with the version the screen showed; 412 and 409 are told in words and the list reloads. */
export function usePatchField() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const changed = useFieldsChanged();
  return useMutation({
    mutationFn: ({ field, patch }: { field: CustomField; patch: UpdateCustomField }) =>
      apiSend('PATCH', `${CUSTOM_FIELDS_PATH}/${field.id}`, customFieldSchema, { body: patch, etag: etagFor(field.version) }),
    onSuccess: async (saved) => {
      void message.success(t(saved.active ? 'engine.admin.customFields.restoredDone' : 'engine.admin.customFields.retiredDone'));
      await changed();
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) void message.warning(t('engine.admin.customFields.tooMany'));
      else showError(error);
      await changed();
    },
  });
}
