import { type ApprovalDelegation, approvalDelegationSchema, type SetDelegation } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, type FormInstance, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiGet, apiSend } from '../../app/api';
import { pickedInstant } from '../../app/dates';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { useFormatDateTime } from '../../app/format';
import { useMe } from '../../app/session';
import { QueryError } from '../../components/query-error';
import { UserSelect } from '../../components/user-select';

const PATH = '/me/approval-delegation';
type Values = { delegateId: number | null; until: Dayjs | null };

/** Who votes for the caller while they are away (GET/PUT /me/approval-delegation), until a time in their zone. */
export function DelegationCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const formatTime = useFormatDateTime();
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: [PATH], queryFn: ({ signal }) => apiGet(PATH, approvalDelegationSchema, { signal }) });

  const save = useMutation({
    mutationFn: (body: SetDelegation) => apiSend('PUT', PATH, approvalDelegationSchema, { body }),
    onSuccess: (saved) => {
      queryClient.setQueryData([PATH], saved);
      void message.success(t(saved.delegateId === null ? 'engine.delegation.cleared' : 'engine.delegation.saved'));
    },
  });
  const d = current.data;

  return (
    <Card title={t('engine.delegation.title')} data-testid="delegation">
      <Typography.Paragraph type="secondary">{t('engine.delegation.intro')}</Typography.Paragraph>
      <QueryError error={current.error} onRetry={() => void current.refetch()} />
      {current.isPending ? (
        <Spin />
      ) : (
        <>
          <Alert
            type={d?.delegateId ? 'info' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="delegation-state"
            title={
              d?.delegateId
                ? d.until
                  ? t('engine.delegation.active', { name: d.delegateName ?? `#${d.delegateId}`, time: formatTime(d.until) })
                  : t('engine.delegation.activeOpenEnded', { name: d.delegateName ?? `#${d.delegateId}` })
                : t('engine.delegation.none')
            }
          />
          <DelegationForm
            // A fresh form for each saved state, starting from it.
            key={`${d?.delegateId ?? 'none'}-${d?.until ?? ''}`}
            current={d ?? null}
            saving={save.isPending ? (save.variables?.delegateId === null ? 'clear' : 'save') : null}
            onSave={(body, form) => save.mutate(body, { onError: (error) => showError(error, form) })}
          />
        </>
      )}
    </Card>
  );
}

type FormProps = {
  current: ApprovalDelegation | null;
  saving: 'save' | 'clear' | null;
  onSave: (body: SetDelegation, form: FormInstance<Values>) => void;
};

function DelegationForm({ current: d, saving, onSave }: FormProps) {
  const { t } = useTranslation();
  const me = useMe();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values>
      form={form}
      name="delegation"
      layout="vertical"
      initialValues={{ delegateId: d?.delegateId ?? null, until: d?.until ? dayjs(d.until).tz(me.timeZone) : null }}
      onFinish={(values) =>
        onSave({ delegateId: values.delegateId, until: values.until ? pickedInstant(values.until, me.timeZone) : null }, form)
      }
    >
      <Form.Item name="delegateId" label={t('engine.delegation.delegate')} rules={[rules.required]}>
        <UserSelect
          kind="staff"
          known={d?.delegateId && d.delegateName ? [{ value: d.delegateId, label: d.delegateName }] : []}
          testId="delegate"
        />
      </Form.Item>
      <Form.Item name="until" label={t('engine.delegation.until')} extra={t('engine.delegation.untilHelp')}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="delegate-until" />
      </Form.Item>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={saving === 'save'} data-testid="save-delegation">
          {t('engine.delegation.save')}
        </Button>
        {d?.delegateId && (
          <Button
            loading={saving === 'clear'}
            onClick={() => onSave({ delegateId: null, until: null }, form)}
            data-testid="clear-delegation"
          >
            {t('engine.delegation.clear')}
          </Button>
        )}
      </Space>
    </Form>
  );
}
