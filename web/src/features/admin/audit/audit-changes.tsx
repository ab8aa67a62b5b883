import type { AuditChanges } from '@keel/shared';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

function show(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** Field: before → after, as plain text; recorded values are user input and never markup. */
export function AuditChangesText({ changes }: { changes: AuditChanges }) {
  const { t } = useTranslation();
  const empty = t('audit.emptyValue');
  const entries = Object.entries(changes);
  if (entries.length === 0) return null;
  return (
    <div style={{ maxWidth: 420 }}>
      {entries.map(([field, [before, after]]) => (
        <div key={field} style={{ wordBreak: 'break-word' }}>
          <Typography.Text type="secondary">{field}: </Typography.Text>
          <Typography.Text delete={before !== null && before !== undefined && before !== ''}>{show(before, empty)}</Typography.Text>
          {' → '}
          <Typography.Text>{show(after, empty)}</Typography.Text>
        </div>
      ))}
    </div>
  );
}
