import { rateTicketSchema } from '@keel/shared';
import { App, Button, Card, Empty, Form, Input, Rate, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { useFormatDateTime } from '../../app/format';
import type { RecordTabContext } from '../records/record-tabs';
import { useRate, useRating } from './portal-api';

type Values = { score: number; comment?: string };

/** The customer's rating of a closed ticket: the form until they rate, their rating afterwards. */
export function RatingCard({ type, record }: Omit<RecordTabContext, 'canWrite'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const [form] = Form.useForm<Values>();
  const rating = useRating(type, record.number);
  const rate = useRate(type, record.number);
  if (rating.isPending) return <Spin />;
  const given = rating.data?.rating;
  return (
    <Card title={given ? t('requests.rating.yours') : t('requests.rating.title')} data-testid="rating-card">
      {given ? (
        <div data-testid="rating-given">
          <Rate disabled value={given.score} />
          {given.comment && <Typography.Paragraph style={{ marginTop: 8 }}>{given.comment}</Typography.Paragraph>}
        </div>
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          name="rating"
          onFinish={(values) =>
            rate.mutate(
              { score: values.score, ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}) },
              { onSuccess: () => void message.success(t('requests.rating.thanks')), onError: (error) => showError(error, form) },
            )
          }
        >
          <Typography.Paragraph type="secondary">{t('requests.rating.prompt')}</Typography.Paragraph>
          <Form.Item name="score" rules={[{ required: true, message: t('requests.rating.scoreRequired') }]}>
            <Rate data-testid="rating-score" />
          </Form.Item>
          <Form.Item name="comment" label={t('requests.rating.comment')} rules={[rules.schema(rateTicketSchema.shape.comment.unwrap())]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="rating-comment" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={rate.isPending} data-testid="rating-submit">
            {t('requests.rating.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

/** Staff see the customer's rating on the record page. */
export function RatingTab({ type, record }: RecordTabContext) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const rating = useRating(type, record.number);
  if (rating.isPending) return <Spin />;
  const given = rating.data?.rating;
  if (!given) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('requests.rating.none')} />;
  return (
    <div data-testid="rating-tab">
      <Rate disabled value={given.score} /> <Typography.Text strong>{given.score}/5</Typography.Text>
      <Typography.Paragraph style={{ marginTop: 8 }}>{given.comment}</Typography.Paragraph>
      <Typography.Text type="secondary">
        {given.ratedByName} · {formatTime(given.ratedAt)}
      </Typography.Text>
    </div>
  );
}
