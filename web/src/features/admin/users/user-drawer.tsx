import { userSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGetVersioned, apiSendVoid, newIdempotencyKey } from '../../../app/api';
import { useErrorText, useShowError } from '../../../app/errors';
import { currentLocale } from '../../../app/i18n';
import { useMe } from '../../../app/session';
import { FormDrawer } from '../../../components/form-drawer';
import { UserForm } from './user-form';
import { createBody, newUserValues, type UserValues, updateBody, valuesOf } from './user-values';

type Props = { target: number | 'new' | null; onClose: () => void };

export function UserDrawer({ target, onClose }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<UserValues>();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const errorText = useErrorText();
  const { message } = App.useApp();
  const id = typeof target === 'number' ? target : null;
  const record = useQuery({
    queryKey: ['/users', id],
    queryFn: ({ signal }) => apiGetVersioned(`/users/${id}`, userSchema, { signal }),
    enabled: id !== null,
    gcTime: 0,
  });

  const save = useMutation({
    mutationFn: async (values: UserValues) => {
      if (id === null) {
        return apiSendVoid('POST', '/users', { body: createBody(values), idempotencyKey: newIdempotencyKey() });
      }
      if (!record.data) throw new ApiError({ code: 'precondition_failed', status: 412 });
      return apiSendVoid('PATCH', `/users/${id}`, { body: updateBody(record.data.data, values), etag: record.data.etag });
    },
    onSuccess: async () => {
      void message.success(id === null ? t('common.created') : t('common.saved'));
      await queryClient.invalidateQueries({ queryKey: ['/users'] });
      onClose();
    },
    onError: async (error) => {
      showError(error, form);
      // Someone else saved first: show their version so the user can redo the edit on top of it.
      if (error instanceof ApiError && error.status === 412 && id !== null) {
        await record.refetch();
        void message.info(t('common.reloaded'));
      }
    },
  });

  const user = record.data?.data;
  const initial = user ? valuesOf(user) : newUserValues(currentLocale(), me.timeZone);
  const loading = id !== null && record.isPending;

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={560}
      title={user ? t('users.editTitle', { name: user.displayName }) : t('users.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveDisabled={loading}
      saveTestId="save-user"
    >
      {record.isError && <Alert type="error" showIcon title={errorText(record.error)} />}
      {loading ? (
        <Spin />
      ) : (
        <UserForm
          // Remount on every load so a reloaded record replaces what was on screen.
          key={`${id ?? 'new'}-${record.dataUpdatedAt}`}
          form={form}
          initialValues={initial}
          user={user ?? null}
          onFinish={(values) => save.mutate(values)}
        />
      )}
    </FormDrawer>
  );
}
