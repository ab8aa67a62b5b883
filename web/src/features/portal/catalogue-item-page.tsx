import { raiseRequestSchema } from '@keel/shared';
import { App, Button, Card, Form, Input, Result, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { QueryError } from '../../components/query-error';
import { answersOf } from './answer-rules';
import { CatalogueFormItems } from './catalogue-form-items';
import { useCatalogueItem, useRaise } from './portal-api';
import { PortalBack } from './portal-home';

type Values = { title?: string; description?: string; answers?: Record<string, unknown> };

/** One catalogue item: its form, checked as the customer fills it, then submitted as a request. */
export function CatalogueItemPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const itemId = Number(id);
  const item = useCatalogueItem(itemId);
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const navigate = useNavigate();
  const raise = useRaise('/requests');

  if (!Number.isInteger(itemId) || itemId <= 0) return <Result status="404" title="404" />;
  if (item.isPending) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (item.isError || !item.data) return <QueryError error={item.error} onRetry={() => void item.refetch()} />;
  const data = item.data;

  const submit = (values: Values) =>
    raise.mutate(
      {
        catalogueItemId: data.id,
        answers: answersOf(values.answers),
        ...(values.title?.trim() ? { title: values.title.trim() } : {}),
        ...(values.description?.trim() ? { description: values.description.trim() } : {}),
      },
      {
        onSuccess: (record) => {
          void message.success(t('requests.catalogue.submitted', { number: record.number }));
          void navigate(`/portal/tickets/${record.number}`);
        },
        onError: (error) => showError(error, form),
      },
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }} data-testid="catalogue-item-page">
      <PortalBack to="/portal/catalogue" label={t('requests.catalogue.title')} />
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {data.name}
        </Typography.Title>
        <Space size={4} wrap style={{ marginBottom: 8 }}>
          <Tag>{data.serviceName}</Tag>
          {data.needsApproval && <Tag color="orange">{t('requests.catalogue.needsApproval')}</Tag>}
        </Space>
        <Typography.Paragraph type="secondary">{data.description}</Typography.Paragraph>
        <Form<Values> form={form} layout="vertical" onFinish={submit} name="catalogue-request" data-testid="request-form">
          {data.form.fields.length === 0 && <Typography.Paragraph>{t('requests.catalogue.noFields')}</Typography.Paragraph>}
          <CatalogueFormItems form={data.form} />
          <Form.Item
            name="title"
            label={t('requests.catalogue.titleLabel')}
            rules={[rules.schema(raiseRequestSchema.shape.title.unwrap())]}
          >
            <Input placeholder={data.name} maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('requests.catalogue.description')}>
            <Input.TextArea autoSize={{ minRows: 2 }} data-testid="request-description" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={raise.isPending} block data-testid="request-submit">
            {t('requests.catalogue.submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
