import { EditOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../app/session';
import type { RecordListContext } from '../record-list-toolbar';
import { BulkDrawer } from './bulk-drawer';

/** Shown while rows are ticked: how many, and a drawer that changes them all at once. */
export function BulkButton({ type, selection, clearSelection }: RecordListContext) {
  const { t } = useTranslation();
  const canWrite = useCan(type.permissions.write);
  // The rows are fixed when the drawer opens: the list reloading under it changes nothing sent.
  const [open, setOpen] = useState<RecordListContext['selection'] | null>(null);
  if (!canWrite || (selection.length === 0 && !open)) return null;
  return (
    <>
      {selection.length > 0 && (
        <Space size={4} wrap data-testid="bulk-bar">
          <Typography.Text strong data-testid="bulk-count">
            {t('lists.bulk.selected', { count: selection.length })}
          </Typography.Text>
          <Button type="primary" icon={<EditOutlined />} onClick={() => setOpen(selection)} data-testid="bulk-open">
            {t('lists.bulk.open')}
          </Button>
          <Button type="link" onClick={clearSelection} data-testid="bulk-clear">
            {t('lists.bulk.clear')}
          </Button>
        </Space>
      )}
      {open && (
        <BulkDrawer
          type={type}
          records={open}
          onClose={(applied) => {
            setOpen(null);
            if (applied) clearSelection();
          }}
        />
      )}
    </>
  );
}
