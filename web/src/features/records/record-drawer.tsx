import { type RecordItem, recordSchema } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend, etagFor, newIdempotencyKey } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useMe } from '../../app/session';
import { FormDrawer } from '../../components/form-drawer';
import { QueryError } from '../../components/query-error';
import { extrasForCreate, extrasForUpdate, formValues } from './fields/extra-values';
import { useRecordFields } from './fields/use-record-fields';
import { RecordForm } from './record-form';
import type { RecordTypeUi } from './record-types';
import { createBody, NEW_RECORD_VALUES, type RecordValues, updateBody, valuesOf } from './record-values';
import { StaleAlert } from './stale-alert';
import { recordApiPath, recordKey, useRecordSaved } from './use-record';

type Props = {
  type: RecordTypeUi;
  target: RecordItem | 'new' | null;
  onClose: () => void;
  /** A field a workflow action needs: marked on the form as soon as it opens. */
  focusField?: string | null;
  /** Values a new record starts with, e.g. the parent when adding a child. */
  preset?: Partial<RecordValues>;
  /** After a create, e.g. to refresh the parent's list of children. */
  onCreated?: (record: RecordItem) => Promise<unknown>;
};

/** Creates (POST with an Idempotency-Key) or edits (PATCH with If-Match) a record. */
export function RecordDrawer({ type, target, onClose, focusField, preset, onCreated }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RecordValues>();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const saved = useRecordSaved(type);
  const record = target === 'new' ? null : target;
  const timeZone = useMe().timeZone;
  const fields = useRecordFields(type);
  // One key per opening: a double click (or a retry after a lost answer) creates one record.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  // The version someone else's save made stale; reloading brings a newer one and hides the warning.
  const [staleVersion, setStaleVersion] = useState<number | null>(null);
  const reload = useMutation({
    mutationFn: () => queryClient.refetchQueries({ queryKey: recordKey(type, record?.number ?? ''), exact: true }),
  });

  const save = useMutation({
    mutationFn: async (values: RecordValues): Promise<RecordItem | null> => {
      if (!record) {
        const body = { ...createBody(values), ...extrasForCreate(fields.extras, values, timeZone) };
        return apiSend('POST', type.apiPath, recordSchema, { body, idempotencyKey });
      }
      const body = { ...updateBody(record, values), ...extrasForUpdate(fields.extras, values, record, timeZone) };
      if (Object.keys(body).length === 0) return null;
      return apiSend('PATCH', recordApiPath(type, record.number), recordSchema, { body, etag: etagFor(record.version) });
    },
    onSuccess: async (result) => {
      onClose();
      if (!result) return;
      if (record) {
        void message.success(t('common.saved'));
        await saved(result);
      } else {
        void message.success(t('records.created', { number: result.number }));
        await Promise.all([queryClient.invalidateQueries({ queryKey: [type.apiPath] }), onCreated?.(result)]);
      }
    },
    onError: (error) => {
      showError(error, form, ['extension', 'custom']);
      // The server refused this body, so nothing was created: the next attempt is a new request.
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) setIdempotencyKey(newIdempotencyKey());
      if (record && error instanceof ApiError && error.status === 412) setStaleVersion(record.version);
    },
  });

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={640}
      title={record ? t('records.editTitle', { number: record.number }) : t(type.labels.new)}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-record"
    >
      {record && staleVersion === record.version && <StaleAlert reloading={reload.isPending} onReload={() => reload.mutate()} />}
      <QueryError error={fields.error} onRetry={() => void fields.refetch()} />
      {fields.isPending ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <RecordForm
          // A reloaded record starts a fresh form with its values.
          key={record?.version ?? 'new'}
          type={type}
          fields={fields.data ?? null}
          form={form}
          initialValues={{
            ...(record ? valuesOf(record) : { ...NEW_RECORD_VALUES, ...preset }),
            extension: formValues(fields.extras.extension, record?.extension ?? {}, timeZone),
            custom: formValues(fields.extras.custom, record?.custom ?? {}, timeZone),
          }}
          record={record}
          focusField={focusField ?? null}
          onFinish={(values) => save.mutate(values)}
        />
      )}
    </FormDrawer>
  );
}
