import { READ_ONLY_ROLES, type SavedView } from '@keel/shared';
import { Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../../app/api';
import { useMe } from '../../../app/session';

export type ViewFormValues = { name: string; shared: boolean };

type Props = {
  /** The view being renamed, or null for a new one. */
  view: SavedView | null;
  saving: boolean;
  onSave: (values: ViewFormValues, idempotencyKey: string) => void;
  onClose: () => void;
};

/** Sharing shows a view to all staff: the API allows it to staff whose roles may write. */
function useMayShare(): boolean {
  const me = useMe();
  const readOnly = me.roles.length > 0 && me.roles.every((role) => READ_ONLY_ROLES.some((r) => r === role));
  return me.kind === 'staff' && !readOnly;
}

/** Name (and sharing) of a new view, or of one being renamed. */
export function ViewFormModal({ view, saving, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ViewFormValues>();
  const mayShare = useMayShare();
  // One key per opening: a double click saves one view.
  const [idempotencyKey] = useState(newIdempotencyKey);
  return (
    <Modal
      open
      title={view ? t('lists.views.rename') : t('lists.views.saveAs')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'save-view-submit' }}
      destroyOnHidden
    >
      <Form<ViewFormValues>
        form={form}
        layout="vertical"
        initialValues={{ name: view?.name ?? '', shared: view?.shared ?? false }}
        onFinish={(values) => onSave({ name: values.name.trim(), shared: mayShare && values.shared }, idempotencyKey)}
        data-testid="view-form"
      >
        <Form.Item
          name="name"
          label={t('lists.views.name')}
          rules={[
            { required: true, whitespace: true, message: t('form.required') },
            { max: 100, message: t('form.tooLong', { max: 100 }) },
          ]}
        >
          <Input autoFocus maxLength={100} />
        </Form.Item>
        {mayShare && (
          <Form.Item name="shared" label={t('lists.views.shared')} valuePropName="checked" extra={t('lists.views.sharedHint')}>
            <Switch data-testid="view-shared" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
