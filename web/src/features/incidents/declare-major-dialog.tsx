import { type DeclareMajorIncident, declareMajorIncidentSchema, MAJOR_UPDATE_INTERVALS, type RecordItem, recordSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend, etagFor } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';
import { useMe } from '../../app/session';
import { UserSelect } from '../../components/user-select';
import type { RecordTypeUi } from '../records/record-types';
import { useRecordSaved } from '../records/use-record';

type Values = { reason: string; managerId: number | null; updateIntervalMinutes: number };
type Props = { type: RecordTypeUi; record: RecordItem; open: boolean; onClose: () => void };

/** Declares the incident major: why, who manages it, and how often customers hear from us. */
export function DeclareMajorDialog({ type, record, open, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const me = useMe();
  const saved = useRecordSaved(type);
  const [form] = Form.useForm<Values>();
  const declare = useMutation({
    mutationFn: (body: DeclareMajorIncident) =>
      apiSend('POST', `/incidents/${record.number}/major`, recordSchema, { body, etag: etagFor(record.version) }),
    onSuccess: async (updated) => {
      void message.success(t('incidentProcess.major.declared'));
      onClose();
      await saved(updated);
    },
    onError: (error) => showError(error, form),
  });
  const submit = (v: Values) => {
    if (v.managerId === null) return;
    declare.mutate({ reason: v.reason.trim(), managerId: v.managerId, updateIntervalMinutes: v.updateIntervalMinutes });
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      destroyOnHidden
      title={t('incidentProcess.major.declareTitle', { number: record.number })}
      okText={t('incidentProcess.major.declare')}
      okButtonProps={{ danger: true, loading: declare.isPending, 'data-testid': 'declare-major-submit' }}
      onOk={() => form.submit()}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ reason: '', managerId: me.id, updateIntervalMinutes: 60 }}
        onFinish={submit}
      >
        <Form.Item
          name="reason"
          label={t('incidentProcess.major.reason')}
          rules={[rules.required, rules.schema(declareMajorIncidentSchema.shape.reason)]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="declare-major-reason" />
        </Form.Item>
        <Form.Item name="managerId" label={t('incidentProcess.major.manager')} rules={[rules.required]}>
          <UserSelect kind="staff" known={[{ value: me.id, label: `${me.displayName} (${me.username})` }]} />
        </Form.Item>
        <Form.Item name="updateIntervalMinutes" label={t('incidentProcess.major.interval')}>
          <Select options={MAJOR_UPDATE_INTERVALS.map((m) => ({ value: m, label: t('incidentProcess.major.minutes', { minutes: m }) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
