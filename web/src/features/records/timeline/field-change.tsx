import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExtraFieldText } from '../fields/use-extra-field-text';
import { useRecordLabels } from '../use-record-labels';
import { ReferenceName } from './reference-name';

const isPair = (value: unknown): value is [unknown, unknown] => Array.isArray(value) && value.length === 2;

/** "field: before → after" for each field of a field-change entry, with names and values in the UI language. */
export function FieldChanges({ data, extra }: { data: Record<string, unknown>; extra?: ExtraFieldText }) {
  const labels = useRecordLabels();
  const baseValue = useValueText();
  const value = (field: string, v: unknown) => extra?.value(field, v) ?? baseValue(field, v);
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="field-changes">
      {Object.entries(data)
        .filter((entry): entry is [string, [unknown, unknown]] => isPair(entry[1]))
        .map(([field, [before, after]]) => (
          <li key={field}>
            <Typography.Text strong>{extra?.label(field) ?? labels.field(field)}</Typography.Text>
            {': '}
            {field === 'description' ? (
              <DescriptionChanged />
            ) : (
              <>
                {value(field, before)} → {value(field, after)}
              </>
            )}
          </li>
        ))}
    </ul>
  );
}

function DescriptionChanged() {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t('records.timeline.descriptionChanged')}</Typography.Text>;
}

function useValueText(): (field: string, value: unknown) => ReactNode {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  return (field, value) => {
    if (value === null || value === undefined || value === '') {
      return <Typography.Text type="secondary">{t('records.noValue')}</Typography.Text>;
    }
    if (typeof value === 'number') {
      if (field === 'impact' || field === 'urgency') return labels.level(value);
      if (field === 'priority') return labels.priority(value);
      if (field === 'assignee_id' || field === 'requester_id') return <ReferenceName kind="user" id={value} />;
      if (field === 'group_id') return <ReferenceName kind="group" id={value} />;
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
}
