import type { RecordItem } from '@keel/shared';
import { Card, Descriptions, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../app/format';
import { useLocale } from '../../app/i18n';
import { ExtraFieldValue } from './fields/extra-field-value';
import { useExtensionLabel } from './fields/extra-form-items';
import { useRecordFields } from './fields/use-record-fields';
import { PriorityTag } from './record-tags';
import { type RecordTypeUi, recordPath, recordTypeOfNumber } from './record-types';
import { useRecordLabels } from './use-record-labels';

/** The record's base fields and times (in the user's time zone), its parent, then its own and custom fields. */
export function RecordFields({ type, record }: { type: RecordTypeUi; record: RecordItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fields = useRecordFields(type);
  const extensionLabel = useExtensionLabel(type);
  const parentType = record.parentNumber ? recordTypeOfNumber(record.parentNumber) : undefined;
  const labels = useRecordLabels();
  const formatTime = useFormatDateTime();
  const none = <Typography.Text type="secondary">{t('records.noValue')}</Typography.Text>;
  const or = (value: ReactNode) => value ?? none;
  const items: { key: string; label: string; value: ReactNode }[] = [
    { key: 'impact', label: t('records.impact'), value: record.impact ? labels.level(record.impact) : none },
    { key: 'urgency', label: t('records.urgency'), value: record.urgency ? labels.level(record.urgency) : none },
    { key: 'priority', label: t('records.priority'), value: record.priority ? <PriorityTag priority={record.priority} /> : none },
    { key: 'category', label: t('records.category'), value: or(record.category) },
    { key: 'requester', label: t('records.requester'), value: or(record.requesterName) },
    {
      key: 'assignee',
      label: t('records.assignee'),
      value: record.assigneeName ?? <Typography.Text type="secondary">{t('records.unassigned')}</Typography.Text>,
    },
    { key: 'group', label: t('records.group'), value: or(record.groupName) },
    { key: 'openedAt', label: t('records.openedAt'), value: formatTime(record.openedAt) },
    { key: 'updatedAt', label: t('records.updatedAt'), value: formatTime(record.updatedAt) },
    ...(record.resolvedAt ? [{ key: 'resolvedAt', label: t('records.resolvedAt'), value: formatTime(record.resolvedAt) }] : []),
    ...(record.closedAt ? [{ key: 'closedAt', label: t('records.closedAt'), value: formatTime(record.closedAt) }] : []),
    ...(record.parentNumber
      ? [
          {
            key: 'parent',
            label: t('records.parent'),
            value: parentType ? <Link to={recordPath(parentType, record.parentNumber)}>{record.parentNumber}</Link> : record.parentNumber,
          },
        ]
      : []),
    ...fields.extras.extension.map((f) => ({
      key: `extension-${f.key}`,
      label: extensionLabel(f.key),
      value: <ExtraFieldValue kind={f.kind} value={record.extension[f.key]} />,
    })),
    ...fields.custom.map((f) => ({
      key: `custom-${f.key}`,
      label: f.label[locale],
      value: <ExtraFieldValue kind={f.kind} value={record.custom[f.key]} field={f} />,
    })),
  ];
  return (
    <Card size="small" title={t('records.details')} data-testid="record-fields">
      <Descriptions
        column={1}
        size="small"
        items={items.map((item) => ({
          key: item.key,
          label: item.label,
          children: <span data-testid={`field-${item.key}`}>{item.value}</span>,
        }))}
      />
    </Card>
  );
}
