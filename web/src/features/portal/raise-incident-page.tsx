import { createRecordSchema } from '@keel/shared';
import { App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { useRaise } from './portal-api';
import { PortalBack } from './portal-home';

type Values = { title: string; description?: string };

/** A customer reports a problem: a summary and the details; the service desk does the rest. */
export function RaiseIncidentPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const navigate = useNavigate();
  const raise = useRaise('/incidents');

  const submit = (values: Values) =>
    raise.mutate(
      { title: values.title.trim(), ...(values.description?.trim() ? { description: values.description.trim() } : {}) },
      {
        onSuccess: (record) => {
          void message.success(t('requests.incident.submitted', { number: record.number }));
          void navigate(`/portal/tickets/${record.number}`);
        },
        onError: (error) => showError(error, form),
      },
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      <PortalBack />
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('requests.incident.title')}
        </Typography.Title>
        <Form<Values> form={form} layout="vertical" onFinish={submit} name="portal-incident" data-testid="incident-form">
          <Form.Item
            name="title"
            label={t('requests.incident.summary')}
            rules={[rules.required, rules.schema(createRecordSchema.shape.title)]}
          >
            <Input maxLength={200} data-testid="incident-title" />
          </Form.Item>
          <Form.Item name="description" label={t('requests.incident.description')}>
            <Input.TextArea autoSize={{ minRows: 4 }} data-testid="incident-description" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={raise.isPending} block data-testid="incident-submit">
            {t('requests.incident.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
