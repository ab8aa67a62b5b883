import { incidentReviewReplySchema, type RecordIncidentReview, type RecordItem, recordIncidentReviewSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet, apiSend } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { useFormatDateTime } from '../../app/format';
import { useCan } from '../../app/session';
import { QueryError } from '../../components/query-error';

/** The post-incident review a major incident needs before it closes; raising a problem is a request problem management fulfils. */
export function IncidentReviewForm({ record }: { record: RecordItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const formatDateTime = useFormatDateTime();
  const canManage = useCan('incidents.manage');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RecordIncidentReview>();
  const path = `/incidents/${record.number}/review`;
  const query = useQuery({ queryKey: [path], queryFn: ({ signal }) => apiGet(path, incidentReviewReplySchema, { signal }) });
  const save = useMutation({
    mutationFn: (body: RecordIncidentReview) => apiSend('PUT', path, incidentReviewReplySchema, { body }),
    onSuccess: (data) => {
      void message.success(t('common.saved'));
      queryClient.setQueryData([path], data);
    },
    onError: (error) => showError(error, form),
  });
  const review = query.data?.review ?? null;
  if (query.isLoading) return null;

  return (
    <Flex vertical gap={8}>
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
      {review ? (
        <Typography.Text type="secondary" data-testid="review-recorded">
          {t('incidentProcess.major.reviewed', { name: review.authorName ?? '', time: formatDateTime(review.createdAt) })}
          {review.raiseProblem && ` ${t('incidentProcess.major.problemRequested')}`}
        </Typography.Text>
      ) : (
        <Alert type="warning" showIcon title={t('incidentProcess.major.reviewNeeded')} />
      )}
      {canManage && (
        <Form<RecordIncidentReview>
          key={review?.createdAt ?? 'new'}
          form={form}
          layout="vertical"
          initialValues={review ?? { summary: '', rootCause: '', actions: '', raiseProblem: false }}
          onFinish={(v) => save.mutate({ ...v, summary: v.summary.trim(), rootCause: v.rootCause.trim(), actions: v.actions.trim() })}
        >
          <Form.Item
            name="summary"
            label={t('incidentProcess.major.summary')}
            rules={[rules.required, rules.schema(recordIncidentReviewSchema.shape.summary)]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="review-summary" />
          </Form.Item>
          <Form.Item
            name="rootCause"
            label={t('incidentProcess.major.rootCause')}
            rules={[rules.required, rules.schema(recordIncidentReviewSchema.shape.rootCause)]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="review-root-cause" />
          </Form.Item>
          <Form.Item name="actions" label={t('incidentProcess.major.actions')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Form.Item name="raiseProblem" valuePropName="checked" noStyle>
              <Checkbox>{t('incidentProcess.major.raiseProblem')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-review">
              {t('incidentProcess.major.saveReview')}
            </Button>
          </Flex>
        </Form>
      )}
    </Flex>
  );
}
