import { type BulkRowResult, type BulkUpdateRequest, bulkUpdateResultSchema, type RecordItem } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiSend } from '../../../app/api';
import { isErrorCode } from '../../../app/api-error';
import { useShowError } from '../../../app/errors';
import type { RecordTypeUi } from '../record-types';
import { useRecordLabels } from '../use-record-labels';
import { useWorkflowLabels } from '../use-workflow';

export type BulkChange = Pick<BulkUpdateRequest, 'patch' | 'action'>;

/**
 * `POST /<path>/bulk` for the ticked rows, each with the version it was seen at (a row
 * someone changed since fails alone as stale). The list reloads whatever the outcome.
 */
export function useBulkUpdate(type: RecordTypeUi) {
  const queryClient = useQueryClient();
  const showError = useShowError();
  return useMutation({
    mutationFn: ({ records, change }: { records: readonly RecordItem[]; change: BulkChange }) =>
      apiSend('POST', `${type.apiPath}/bulk`, bulkUpdateResultSchema, {
        body: {
          numbers: records.map((r) => r.number),
          versions: Object.fromEntries(records.map((r) => [r.number, r.version])),
          ...change,
        },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [type.apiPath] }),
    onError: (error) => showError(error),
  });
}

/** Why one row failed, in words: the catalogue's message, then what is possible or which fields. */
export function useRowErrorText(type: RecordTypeUi) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const workflow = useWorkflowLabels(type);
  return (error: NonNullable<BulkRowResult['error']>): string => {
    if (error.code === 'conflict' && error.allowed) {
      const allowed = error.allowed.map(workflow.action).join(' · ');
      return `${t('records.actionNotAllowed')} ${allowed ? t('records.allowedActions', { actions: allowed }) : t('records.noActions')}`;
    }
    if (error.code === 'validation_failed' && error.errors?.length) {
      return t('lists.bulk.invalidFields', { fields: error.errors.map((e) => labels.field(e.path)).join(' · ') });
    }
    if (error.code === 'transition_blocked') return t('lists.bulk.blocked');
    return isErrorCode(error.code) ? t(`errors.${error.code}`, { seconds: 60 }) : t('errors.internal');
  };
}
