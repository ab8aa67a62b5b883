import { LockOutlined } from '@ant-design/icons';
import type { JournalEntry } from '@keel/shared';
import { Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../app/format';
import { Markdown } from '../../../components/markdown';
import type { ExtraFieldText } from '../fields/use-extra-field-text';
import type { workflowLabels } from '../use-workflow';
import { useEngineEntry } from './engine-entry';
import { FieldChanges } from './field-change';

type Props = { entry: JournalEntry; workflow: ReturnType<typeof workflowLabels>; extra?: ExtraFieldText };

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A mail's entry: the reply's text, or on a new record who sent it; files that were not attached are named. */
function mailEntry(entry: JournalEntry, t: TFunction): { what: string; body: ReactNode } {
  const files: unknown[] = Array.isArray(entry.data.dropped) ? entry.data.dropped : [];
  const dropped = files.map((d) => (typeof d === 'object' && d !== null && 'fileName' in d ? text(d.fileName) : ''));
  const received = entry.data.event === 'received';
  return {
    what: received ? t('records.timeline.mailReceived', { from: text(entry.data.from) || '?' }) : t('records.timeline.mail'),
    body: (
      <>
        {!received && <Markdown source={entry.body} testId="entry-body" />}
        {dropped.length > 0 && (
          <Typography.Text type="warning">{t('records.timeline.mailDropped', { names: dropped.join(', ') })}</Typography.Text>
        )}
      </>
    ),
  };
}

/** One timeline entry: who, what, when; work notes stand out so nobody mistakes them for replies. */
export function TimelineEntry({ entry, workflow, extra }: Props) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const internal = entry.visibility === 'internal';
  const note = entry.kind === 'work_note';
  const engineEntry = useEngineEntry();

  let what: string;
  let body: ReactNode = null;
  // A mail from a sender matched to no user is shown by the address it claims, never as a user.
  const author = entry.authorName ?? (entry.kind === 'mail' ? text(entry.data.fromName) || text(entry.data.from) : '');
  if (entry.kind === 'mail') {
    ({ what, body } = mailEntry(entry, t));
  } else if (entry.kind === 'comment' || entry.kind === 'work_note') {
    what = note ? t('records.timeline.workNote') : t('records.timeline.comment');
    body = <Markdown source={entry.body} testId="entry-body" />;
  } else if (entry.kind === 'field_change') {
    what = t('records.timeline.changed');
    body = <FieldChanges data={entry.data} extra={extra} />;
  } else if (entry.kind !== 'transition') {
    ({ what, body } = engineEntry(entry));
  } else {
    // A move the source's process made without a matching action of this workflow (IMPORTED_ACTION on the server).
    what =
      entry.data.action === 'import'
        ? t('records.timeline.importedTransition')
        : t('records.timeline.transition', { action: workflow.action(text(entry.data.action)) });
    body = (
      <span data-testid="transition">
        {workflow.state(text(entry.data.from))} → <Typography.Text strong>{workflow.state(text(entry.data.to))}</Typography.Text>
      </span>
    );
  }

  return (
    <div
      data-testid="journal-entry"
      data-kind={entry.kind}
      style={note ? { background: '#fffbe6', border: '1px solid #ffe58f', borderRadius: 6, padding: '8px 12px' } : undefined}
    >
      <Space size={6} wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{author || t('records.timeline.system')}</Typography.Text>
        <Typography.Text type="secondary">{what}</Typography.Text>
        {internal && (
          <Tag color="orange" icon={<LockOutlined />} data-testid="internal-tag">
            {t('records.timeline.internal')}
          </Tag>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(entry.createdAt)}
        </Typography.Text>
      </Space>
      <div>{body}</div>
    </div>
  );
}
