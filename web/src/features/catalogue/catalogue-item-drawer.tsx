import { type CatalogueApproval, type CatalogueItem, type CreateCatalogueItem, createCatalogueItemSchema } from '@keel/shared';
import { Col, Form, Input, Row, Select, Switch, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSendVoid, etagFor, newIdempotencyKey } from '../../app/api';
import { useRules } from '../../app/form-rules';
import { useSaveRecord } from '../../app/use-save-record';
import { FormDrawer } from '../../components/form-drawer';
import { GroupSelect } from '../../components/group-select';
import { useServiceOptions } from '../services/use-services';
import { FormEditor } from './form-editor';
import { FormPreview } from './form-preview';
import { type FieldValues, fieldValuesOf, formOf } from './form-values';

type Values = {
  name: string;
  description: string;
  serviceId: number | null;
  offeringId: number | null;
  category: string;
  active: boolean;
  fulfilmentGroupId: number | null;
  approvalKind: CatalogueApproval['kind'];
  approvalGroupId: number | null;
  fields: FieldValues[];
};
type Props = { target: CatalogueItem | 'new' | null; onClose: () => void };

const APPROVAL_KINDS: CatalogueApproval['kind'][] = ['none', 'manager', 'service_owner', 'group'];

function approvalOf(v: Values): CatalogueApproval {
  if (v.approvalKind === 'group') return { kind: 'group', groupId: v.approvalGroupId ?? 0 };
  return { kind: v.approvalKind };
}

/** Creates or edits a catalogue item: what it is, its service, fulfilment and approval, and its request form with a live preview. */
export function CatalogueItemDrawer({ target, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const item = target === 'new' ? null : target;
  const shape = createCatalogueItemSchema.shape;
  const services = useServiceOptions();
  const serviceId = Form.useWatch('serviceId', form);
  const approvalKind = Form.useWatch('approvalKind', form);
  const fields = Form.useWatch('fields', form) ?? [];
  const offerings = services.services.find((s) => s.id === serviceId)?.offerings.filter((o) => o.active) ?? [];

  const save = useSaveRecord({
    collection: '/catalogue-items',
    isNew: !item,
    form,
    onClose,
    send: (v: Values) => {
      const body: CreateCatalogueItem = {
        name: v.name.trim(),
        description: v.description,
        serviceId: v.serviceId ?? 0,
        offeringId: v.offeringId ?? null,
        category: v.category.trim() === '' ? null : v.category.trim(),
        active: v.active,
        fulfilmentGroupId: v.fulfilmentGroupId ?? null,
        approval: approvalOf(v),
        form: formOf(v.fields ?? []),
      };
      if (!item) return apiSendVoid('POST', '/catalogue-items', { body, idempotencyKey: newIdempotencyKey() });
      return apiSendVoid('PATCH', `/catalogue-items/${item.id}`, { body, etag: etagFor(item.version) });
    },
  });

  const initialValues: Values = {
    name: item?.name ?? '',
    description: item?.description ?? '',
    serviceId: item?.serviceId ?? null,
    offeringId: item?.offeringId ?? null,
    category: item?.category ?? '',
    active: item?.active ?? true,
    fulfilmentGroupId: item?.fulfilmentGroupId ?? null,
    approvalKind: item?.approval.kind ?? 'none',
    approvalGroupId: item?.approval.kind === 'group' ? item.approval.groupId : null,
    fields: item?.form.fields.map(fieldValuesOf) ?? [],
  };

  const details = (
    <>
      <Form.Item name="name" label={t('catalogue.items.name')} rules={[rules.required, rules.schema(shape.name)]}>
        <Input autoComplete="off" data-testid="item-name" />
      </Form.Item>
      <Form.Item name="description" label={t('catalogue.items.description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Row gutter={8}>
        <Col xs={24} sm={12}>
          <Form.Item name="serviceId" label={t('catalogue.items.service')} rules={[rules.required]}>
            <Select<number>
              showSearch
              optionFilterProp="label"
              options={services.options}
              loading={services.loading}
              data-testid="item-service"
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="offeringId" label={t('catalogue.items.offering')}>
            <Select<number | null> allowClear options={offerings.map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={8}>
        <Col xs={16}>
          <Form.Item name="category" label={t('catalogue.items.category')}>
            <Input autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={8}>
          <Form.Item name="active" label={t('catalogue.items.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="fulfilmentGroupId" label={t('catalogue.items.fulfilmentGroup')}>
        <GroupSelect />
      </Form.Item>
      <Row gutter={8}>
        <Col xs={24} sm={12}>
          <Form.Item name="approvalKind" label={t('catalogue.items.approval')}>
            <Select options={APPROVAL_KINDS.map((k) => ({ value: k, label: t(`catalogue.items.approvalKinds.${k}`) }))} />
          </Form.Item>
        </Col>
        {approvalKind === 'group' && (
          <Col xs={24} sm={12}>
            <Form.Item name="approvalGroupId" label={t('catalogue.items.approvalGroup')} rules={[rules.required]}>
              <GroupSelect />
            </Form.Item>
          </Col>
        )}
      </Row>
    </>
  );

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      width={760}
      title={item ? t('catalogue.items.editTitle', { name: item.name }) : t('catalogue.items.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-item"
    >
      <Form<Values> form={form} layout="vertical" scrollToFirstError initialValues={initialValues} onFinish={(v) => save.mutate(v)}>
        <Tabs
          items={[
            { key: 'details', label: t('catalogue.items.title'), children: details, forceRender: true },
            { key: 'form', label: t('catalogue.items.form'), children: <FormEditor />, forceRender: true },
            { key: 'preview', label: t('catalogue.formEditor.preview'), children: <FormPreview definition={formOf(fields)} /> },
          ]}
        />
      </Form>
    </FormDrawer>
  );
}
