import { REQUIRABLE_FIELDS, type RecordItem, recordSchema } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend, etagFor } from '../../app/api';
import { useShowError } from '../../app/errors';
import type { RecordTypeUi } from './record-types';
import { recordApiPath, recordKey, useRecordSaved } from './use-record';
import { useRecordLabels } from './use-record-labels';
import { useWorkflowLabels } from './use-workflow';

const isRequirable = (path: string) => REQUIRABLE_FIELDS.some((f) => f === path);

/**
 * Workflow actions on one record (POST …/transitions with If-Match). The answers a user can
 * act on get their own handling: 409 says what is possible instead, 400 names the field to
 * fill (and opens the form on it), 412 means someone else changed the record first.
 */
export function useRecordActions(type: RecordTypeUi, record: RecordItem | undefined, onNeedsField: (field: string) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const labels = useRecordLabels();
  const workflow = useWorkflowLabels(type);
  const queryClient = useQueryClient();
  const saved = useRecordSaved(type);
  const [staleVersion, setStaleVersion] = useState<number | null>(null);

  const refresh = () => queryClient.refetchQueries({ queryKey: recordKey(type, record?.number ?? ''), exact: true });

  const run = useMutation({
    mutationFn: (action: string) => {
      if (!record) throw new ApiError({ code: 'not_found', status: 404 });
      return apiSend('POST', `${recordApiPath(type, record.number)}/transitions`, recordSchema, {
        body: { action },
        etag: etagFor(record.version),
      });
    },
    onSuccess: async (updated, action) => {
      void message.success(t('records.actionDone', { action: workflow.action(action) }));
      await saved(updated);
    },
    onError: async (error) => {
      if (!(error instanceof ApiError)) return showError(error);
      if (error.status === 409) {
        const allowed = error.allowed.map(workflow.action).join(' · ');
        void message.warning(
          `${t('records.actionNotAllowed')} ${allowed ? t('records.allowedActions', { actions: allowed }) : t('records.noActions')}`,
        );
        await refresh();
        return;
      }
      const field = error.status === 400 ? error.errors.find((e) => isRequirable(e.path))?.path : undefined;
      if (field) {
        void message.warning(t('records.fieldRequired', { field: labels.field(field) }));
        onNeedsField(field);
        return;
      }
      if (error.status === 412 && record) {
        setStaleVersion(record.version);
        return;
      }
      showError(error);
    },
  });

  const reload = useMutation({ mutationFn: refresh });

  return {
    run: (action: string) => run.mutate(action),
    pendingAction: run.isPending ? run.variables : null,
    stale: record !== undefined && staleVersion === record.version,
    reload: () => reload.mutate(),
    reloading: reload.isPending,
  };
}
