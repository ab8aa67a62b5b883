import { DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import type { SavedView } from '@keel/shared';
import { App, Button, Dropdown, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../app/session';
import { useIsPhone } from '../../../app/use-is-phone';
import { EMPTY_LOCATION, sameColumns, sameParams } from '../list/list-params';
import type { RecordListContext } from '../record-list-toolbar';
import { useSavedViews, useViewMutations } from './use-saved-views';
import { ViewFormModal, type ViewFormValues } from './view-form-modal';

/** Pick a saved view (own ones, then shared), save the list as a view, update, rename or delete one. */
export function ViewPicker({ type, location, columns, show }: RecordListContext) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const me = useMe();
  const isPhone = useIsPhone();
  const views = useSavedViews(type);
  const { create, update, remove } = useViewMutations(type);
  const [editing, setEditing] = useState<'new' | SavedView | null>(null);
  const items = views.data?.items ?? [];
  const current = items.find((v) => v.id === location.viewId) ?? null;
  const changed = current !== null && (!sameParams(location.params, current.params) || !sameColumns(columns, current.columns));
  const label = (v: SavedView) => (
    <span>
      {v.name}
      {v.ownerId !== me.id && <span style={{ opacity: 0.6 }}> · {v.ownerName}</span>}
      {v.ownerId === me.id && v.shared && <Tag style={{ marginInlineStart: 6 }}>{t('lists.views.sharedTag')}</Tag>}
    </span>
  );
  const group = (title: string, list: SavedView[]) =>
    list.length === 0 ? [] : [{ label: title, options: list.map((v) => ({ value: v.id, label: label(v), title: v.name })) }];

  const save = (values: ViewFormValues, idempotencyKey: string) => {
    if (editing === 'new') {
      const body = { ...values, params: { ...location.params }, columns: [...columns] };
      create.mutate(
        { body, idempotencyKey },
        {
          onSuccess: (view) => {
            setEditing(null);
            show({ params: view.params, viewId: view.id, columns: null });
          },
        },
      );
    } else if (editing) update.mutate({ view: editing, patch: values }, { onSuccess: () => setEditing(null) });
  };
  const saveChanges = (view: SavedView) => update.mutate({ view, patch: { params: { ...location.params }, columns: [...columns] } });
  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t('lists.views.deleteConfirm', { name: view.name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => remove.mutateAsync(view).then(() => show({ ...location, viewId: null })),
    });

  return (
    <Space.Compact style={isPhone ? { width: '100%' } : undefined}>
      <Select<number | null>
        allowClear
        showSearch={{ optionFilterProp: 'title' }}
        value={current?.id ?? null}
        placeholder={t('lists.views.title')}
        aria-label={t('lists.views.title')}
        loading={views.isPending}
        options={[
          ...group(
            t('lists.views.mine'),
            items.filter((v) => v.ownerId === me.id),
          ),
          ...group(
            t('lists.views.sharedViews'),
            items.filter((v) => v.ownerId !== me.id),
          ),
        ]}
        onChange={(id) => {
          const view = items.find((v) => v.id === id);
          show(view ? { params: view.params, viewId: view.id, columns: null } : EMPTY_LOCATION);
        }}
        notFoundContent={t('lists.views.none')}
        style={isPhone ? { flex: 1, minWidth: 0 } : { width: 220 }}
        data-testid="view-picker"
      />
      {changed && current.editable && (
        <Button icon={<SaveOutlined />} loading={update.isPending} onClick={() => saveChanges(current)} data-testid="update-view">
          {t('lists.views.update')}
        </Button>
      )}
      <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="save-view">
        {t('lists.views.save')}
      </Button>
      {current?.editable && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              { key: 'rename', icon: <EditOutlined />, label: t('lists.views.rename'), onClick: () => setEditing(current) },
              { key: 'delete', icon: <DeleteOutlined />, danger: true, label: t('common.delete'), onClick: () => confirmDelete(current) },
            ],
          }}
        >
          <Button icon={<MoreOutlined />} aria-label={t('lists.views.manage')} data-testid="view-menu" />
        </Dropdown>
      )}
      {editing && (
        <ViewFormModal
          view={editing === 'new' ? null : editing}
          saving={create.isPending || update.isPending}
          onSave={save}
          onClose={() => setEditing(null)}
        />
      )}
    </Space.Compact>
  );
}
