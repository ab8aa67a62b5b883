import { type EscalateIncident, escalateIncidentSchema, type RecordItem, recordSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend, etagFor } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { GroupSelect } from '../../components/group-select';
import type { RecordTypeUi } from '../records/record-types';
import { useRecordSaved } from '../records/use-record';

type Values = { kind: EscalateIncident['kind']; groupId: number | null; reason: string };

/** Escalate with a reason: to another group (functional) or up the line (hierarchical). */
type Props = { type: RecordTypeUi; record: RecordItem; open: boolean; onClose: () => void };

export function EscalateDialog({ type, record, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const saved = useRecordSaved(type);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const escalate = useMutation({
    mutationFn: (body: EscalateIncident) =>
      apiSend('POST', `/incidents/${record.number}/escalate`, recordSchema, { body, etag: etagFor(record.version) }),
    onSuccess: async (updated) => {
      void message.success(t('incidentProcess.escalation.done'));
      onClose();
      await saved(updated);
    },
    onError: (error) => showError(error, form),
  });
  const submit = (v: Values) =>
    escalate.mutate(
      v.kind === 'functional' && v.groupId !== null
        ? { kind: 'functional', groupId: v.groupId, reason: v.reason.trim() }
        : { kind: 'hierarchical', reason: v.reason.trim() },
    );

  return (
    <Modal
      open={open}
      onCancel={onClose}
      destroyOnHidden
      title={t('incidentProcess.escalation.title', { number: record.number })}
      okText={t('incidentProcess.escalation.escalate')}
      okButtonProps={{ loading: escalate.isPending, 'data-testid': 'escalate-submit' }}
      onOk={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'functional', groupId: null, reason: '' }} onFinish={submit}>
        <Form.Item name="kind" label={t('incidentProcess.escalation.kind')}>
          <Radio.Group
            options={[
              { value: 'functional', label: t('incidentProcess.escalation.functional') },
              { value: 'hierarchical', label: t('incidentProcess.escalation.hierarchical') },
            ]}
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          />
        </Form.Item>
        {kind !== 'hierarchical' && (
          <Form.Item name="groupId" label={t('incidentProcess.escalation.group')} rules={[rules.required]}>
            <GroupSelect testId="escalate-group" />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('incidentProcess.escalation.reason')}
          rules={[rules.required, rules.schema(escalateIncidentSchema.options[1].shape.reason)]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="escalate-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
