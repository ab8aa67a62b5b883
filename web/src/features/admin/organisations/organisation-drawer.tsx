import { createOrganisationSchema, type Organisation, type UpdateOrganisation } from '@keel/shared';
import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSendVoid, etagFor, newIdempotencyKey } from '../../../app/api';
import { useRules } from '../../../app/form-rules';
import { useSaveRecord } from '../../../app/use-save-record';
import { FormDrawer } from '../../../components/form-drawer';
import { useOrganisationOptions } from '../directory-options';

type Values = { name: string; code: string; description: string; parentId: number | null; active: boolean };
type Props = { target: Organisation | 'new' | null; onClose: () => void };

export function OrganisationDrawer({ target, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const { options, loading } = useOrganisationOptions();
  const org = target === 'new' ? null : target;
  const shape = createOrganisationSchema.shape;

  const save = useSaveRecord({
    collection: '/organisations',
    isNew: !org,
    form,
    onClose,
    send: (values: Values) => {
      const body: UpdateOrganisation = {
        name: values.name.trim(),
        code: values.code.trim(),
        description: values.description,
        parentId: values.parentId ?? null,
      };
      if (!org) return apiSendVoid('POST', '/organisations', { body, idempotencyKey: newIdempotencyKey() });
      return apiSendVoid('PATCH', `/organisations/${org.id}`, {
        body: { ...body, active: values.active },
        etag: etagFor(org.version),
      });
    },
  });

  const initialValues: Values = {
    name: org?.name ?? '',
    code: org?.code ?? '',
    description: org?.description ?? '',
    parentId: org?.parentId ?? null,
    active: org?.active ?? true,
  };

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      title={org ? t('organisations.editTitle', { name: org.name }) : t('organisations.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-organisation"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={initialValues}
        onFinish={(values) => save.mutate(values)}
      >
        <Form.Item name="name" label={t('organisations.name')} rules={[rules.required, rules.schema(shape.name)]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="code" label={t('organisations.code')} rules={[rules.required, rules.schema(shape.code, t('form.code'))]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="description" label={t('organisations.description')} rules={[rules.schema(shape.description)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="parentId" label={t('organisations.parent')}>
          <Select<number | null>
            allowClear
            placeholder={t('organisations.noParent')}
            loading={loading}
            options={options.filter((o) => o.value !== org?.id)}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        {org && (
          <Form.Item name="active" label={t('organisations.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
