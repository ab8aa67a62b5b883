import { type AddCommunication, addCommunicationSchema, communicationLogSchema, type RecordItem } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Form, Input, List, Radio, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiSend } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { useFormatDateTime } from '../../app/format';
import { useCan } from '../../app/session';
import { QueryError } from '../../components/query-error';
import type { RecordTypeUi } from '../records/record-types';
import { journalApiPath, recordKey } from '../records/use-record';

export const communicationsPath = (number: string) => `/incidents/${number}/communications`;

/** Re-renders every 30 s, so "overdue" appears without a reload. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The major incident's updates, newest first, the next-update countdown, and the form to post one. */
export function CommunicationLog({ type, record }: { type: RecordTypeUi; record: RecordItem }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const formatDateTime = useFormatDateTime();
  const canManage = useCan('incidents.manage');
  const queryClient = useQueryClient();
  const now = useNow();
  const [form] = Form.useForm<AddCommunication>();
  const path = communicationsPath(record.number);
  const log = useQuery({ queryKey: [path], queryFn: ({ signal }) => apiGet(path, communicationLogSchema, { signal }) });
  const post = useMutation({
    mutationFn: (body: AddCommunication) => apiSend('POST', path, communicationLogSchema, { body }),
    onSuccess: async (data) => {
      void message.success(t('incidentProcess.major.posted'));
      form.resetFields();
      queryClient.setQueryData([path], data);
      await queryClient.invalidateQueries({ queryKey: [journalApiPath(type, record.number)] });
      await queryClient.invalidateQueries({ queryKey: recordKey(type, record.number) });
    },
    onError: (error) => showError(error, form),
  });
  const due = log.data?.nextUpdateDue ? Date.parse(log.data.nextUpdateDue) : null;
  const minutesLeft = due === null ? null : Math.round((due - now) / 60_000);

  return (
    <Flex vertical gap={12}>
      <QueryError error={log.error} onRetry={() => void log.refetch()} />
      {due !== null && minutesLeft !== null && (
        <Alert
          type={minutesLeft < 0 ? 'error' : minutesLeft <= 10 ? 'warning' : 'info'}
          showIcon
          title={
            minutesLeft < 0
              ? t('incidentProcess.major.overdue', { time: formatDateTime(log.data?.nextUpdateDue) })
              : t('incidentProcess.major.nextUpdate', { time: formatDateTime(log.data?.nextUpdateDue) })
          }
          data-testid="next-update"
        />
      )}
      {canManage && (
        <Form<AddCommunication>
          form={form}
          layout="vertical"
          initialValues={{ body: '', audience: 'customers' }}
          onFinish={(v) => post.mutate({ body: v.body.trim(), audience: v.audience })}
        >
          <Form.Item
            name="body"
            label={t('incidentProcess.major.body')}
            rules={[rules.required, rules.schema(addCommunicationSchema.shape.body)]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10_000} data-testid="communication-body" />
          </Form.Item>
          <Flex justify="space-between" align="center" wrap gap={8}>
            <Form.Item name="audience" noStyle>
              <Radio.Group
                options={[
                  { value: 'customers', label: t('incidentProcess.major.customers') },
                  { value: 'internal', label: t('incidentProcess.major.internal') },
                ]}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={post.isPending} data-testid="post-communication">
              {t('incidentProcess.major.post')}
            </Button>
          </Flex>
        </Form>
      )}
      <List
        size="small"
        loading={log.isLoading}
        dataSource={log.data?.items ?? []}
        locale={{ emptyText: t('incidentProcess.major.noCommunications') }}
        renderItem={(c) => (
          <List.Item>
            <Flex vertical gap={4} style={{ width: '100%' }}>
              <Flex gap={8} wrap align="center">
                <Tag color={c.audience === 'customers' ? 'blue' : 'default'}>
                  {c.audience === 'customers' ? t('incidentProcess.major.audienceCustomers') : t('incidentProcess.major.internal')}
                </Tag>
                <Typography.Text type="secondary">
                  {c.authorName ?? ''} · {formatDateTime(c.createdAt)}
                </Typography.Text>
              </Flex>
              <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{c.body}</Typography.Paragraph>
            </Flex>
          </List.Item>
        )}
        data-testid="communication-log"
      />
    </Flex>
  );
}
