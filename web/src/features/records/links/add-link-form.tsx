import { PlusOutlined } from '@ant-design/icons';
import { LINK_KINDS, type LinkKind, type RecordItem, recordNumberParamsSchema } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend, newIdempotencyKey } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useRules } from '../../../app/form-rules';
import { type RecordTypeUi, recordTypeOfNumber } from '../record-types';
import { linksApiPath } from '../use-record';
import { useRecordLabels } from '../use-record-labels';
import { linkListSchema, useRefreshLinks } from './use-links';

type Direction = 'outgoing' | 'incoming';
type Values = { kind: `${LinkKind}:${Direction}`; target: string };

function parseKind(value: Values['kind']): { kind: LinkKind; direction: Direction } {
  const [kind, direction] = value.split(':');
  const known = LINK_KINDS.find((k) => k === kind) ?? 'relates_to';
  return { kind: known, direction: direction === 'incoming' ? 'incoming' : 'outgoing' };
}

/**
 * Adds a link seen from this record: "caused by X" is stored here, "causes X" is stored on X
 * (a link is kept once, by the record it starts from), so both read naturally in the picker.
 */
export function AddLinkForm({ type, record }: { type: RecordTypeUi; record: RecordItem }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const labels = useRecordLabels();
  const refresh = useRefreshLinks();
  // The symmetric kind first: it is the default and the most common.
  const kinds: LinkKind[] = ['relates_to', ...LINK_KINDS.filter((kind) => kind !== 'relates_to')];
  const options = kinds.flatMap((kind) =>
    (kind === 'relates_to' ? (['outgoing'] as const) : (['outgoing', 'incoming'] as const)).map((direction) => ({
      value: `${kind}:${direction}` as const,
      label: labels.linkKind(kind, direction),
    })),
  );

  const add = useMutation({
    mutationFn: async (values: Values) => {
      const { kind, direction } = parseKind(values.kind);
      const target = values.target.trim().toUpperCase();
      const here = linksApiPath(type, record.number);
      const otherType = recordTypeOfNumber(target);
      const there = otherType ? linksApiPath(otherType, target) : null;
      if (direction === 'outgoing' || !there) {
        await apiSend('POST', here, linkListSchema, { body: { kind, target }, idempotencyKey: newIdempotencyKey() });
      } else {
        await apiSend('POST', there, linkListSchema, { body: { kind, target: record.number }, idempotencyKey: newIdempotencyKey() });
      }
      await refresh(here, ...(there ? [there] : []));
    },
    onSuccess: () => {
      void message.success(t('records.links.added'));
      form.resetFields(['target']);
    },
    onError: (error) => showError(error, form),
  });

  return (
    <Form<Values>
      form={form}
      name="link"
      layout="inline"
      initialValues={{ kind: 'relates_to:outgoing', target: '' }}
      onFinish={(values) => add.mutate(values)}
      style={{ rowGap: 8, marginBottom: 16 }}
      data-testid="add-link-form"
    >
      <Form.Item name="kind" label={t('records.links.kind')}>
        <Select options={options} showSearch={{ optionFilterProp: 'label' }} style={{ width: 200 }} data-testid="link-kind" />
      </Form.Item>
      <Form.Item
        name="target"
        label={t('records.links.target')}
        rules={[rules.required, rules.schema(recordNumberParamsSchema.shape.number, t('records.links.targetFormat'))]}
        normalize={(value: string) => value.toUpperCase()}
      >
        <Input placeholder={`${type.prefix}-000042`} style={{ width: 170 }} autoComplete="off" data-testid="link-target" />
      </Form.Item>
      <Form.Item style={{ marginInlineEnd: 0 }}>
        <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="add-link">
          {t('records.links.add')}
        </Button>
      </Form.Item>
    </Form>
  );
}
