import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Popconfirm } from 'antd';
import { useTranslation } from 'react-i18next';

/** The primary "new …" button of a list page, shown only to those who may create. */
export function NewButton({ show, label, onClick, testId }: { show: boolean; label: string; onClick: () => void; testId: string }) {
  if (!show) return null;
  return (
    <Button type="primary" icon={<PlusOutlined />} onClick={onClick} data-testid={testId}>
      {label}
    </Button>
  );
}

/** A row's delete button, behind a confirmation. */
export function DeleteButton({ onConfirm }: { onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Popconfirm title={t('common.deleteConfirm')} onConfirm={onConfirm}>
      <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
    </Popconfirm>
  );
}

/** The text search above a list; the list reloads from the server with `q`. */
export function SearchBox({ placeholder, onSearch }: { placeholder: string; onSearch: (q: string) => void }) {
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      onSearch={(value) => onSearch(value.trim())}
      style={{ width: 260, marginBottom: 16 }}
    />
  );
}
