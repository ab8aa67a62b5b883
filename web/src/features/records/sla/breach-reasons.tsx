import { EditOutlined } from '@ant-design/icons';
import { type RecordItem, type SlaClock, slaClockSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiSend } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useLocale } from '../../../app/i18n';
import type { RecordTypeUi } from '../record-types';
import { recordApiPath, useRecord } from '../use-record';

/** The reason each breached target was missed, with an edit button for whoever may work the record. */
export function BreachReasons({ type, record, canWrite }: { type: RecordTypeUi; record: RecordItem; canWrite: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [editing, setEditing] = useState<SlaClock | null>(null);
  const breached = record.sla.filter((c) => c.breached);
  if (breached.length === 0) return null;
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        data-testid="breach-reasons"
        message={
          <Flex vertical gap={4}>
            {breached.map((clock) => (
              <Flex key={clock.id} gap={8} align="center" wrap>
                <Typography.Text strong>{`${t('serviceLevels.breachReason.label')} · ${clock.label[locale]}:`}</Typography.Text>
                <Typography.Text type={clock.breachReason ? undefined : 'secondary'} data-testid={`breach-reason-${clock.target}`}>
                  {clock.breachReason ?? t('serviceLevels.noReason')}
                </Typography.Text>
                {canWrite && (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => setEditing(clock)}
                    data-testid={`edit-breach-reason-${clock.target}`}
                  >
                    {t('serviceLevels.breachReason.edit')}
                  </Button>
                )}
              </Flex>
            ))}
          </Flex>
        }
      />
      {editing && <ReasonDialog type={type} number={record.number} clock={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

function ReasonDialog({ type, number, clock, onClose }: { type: RecordTypeUi; number: string; clock: SlaClock; onClose: () => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const { refetch } = useRecord(type, number);
  const save = useMutation({
    mutationFn: (reason: string) =>
      apiSend('PUT', `${recordApiPath(type, number)}/sla/${clock.target}/breach-reason`, slaClockSchema, { body: { reason } }),
    onSuccess: async () => {
      await refetch();
      onClose();
    },
    onError: (error) => showError(error, form),
  });
  return (
    <Modal
      open
      title={t('serviceLevels.breachReason.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ reason: clock.breachReason ?? '' }} onFinish={(v) => save.mutate(v.reason)}>
        <Form.Item name="reason" label={t('serviceLevels.breachReason.label')} rules={[{ required: true, whitespace: true, max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="breach-reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
