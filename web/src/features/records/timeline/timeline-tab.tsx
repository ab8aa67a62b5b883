import type { JournalEntry } from '@keel/shared';
import { Button, Empty, Spin, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/query-error';
import { useExtraFieldText } from '../fields/use-extra-field-text';
import type { RecordTabContext } from '../record-tabs';
import { journalApiPath, recordKey } from '../use-record';
import { useWorkflowLabels } from '../use-workflow';
import { CommentBox } from './comment-box';
import { TimelineEntry } from './timeline-entry';
import { useTimeline } from './use-timeline';

const COLORS: Record<JournalEntry['kind'], string> = {
  comment: 'blue',
  work_note: 'orange',
  field_change: 'gray',
  transition: 'green',
  approval: 'purple',
  child: 'cyan',
  sla: 'red',
  attachment_added: 'geekblue',
  attachment_removed: 'gray',
  mail: 'blue',
};

/** Comments, internal notes, field changes and state changes, newest first, with the comment box on top. */
export function TimelineTab({ type, record, canWrite }: RecordTabContext) {
  const { t } = useTranslation();
  const path = journalApiPath(type, record.number);
  const timeline = useTimeline(path);
  const workflow = useWorkflowLabels(type);
  const extra = useExtraFieldText(type);

  return (
    <div data-testid="timeline">
      {canWrite && (
        <CommentBox path={`${type.apiPath}/${record.number}/comments`} journalPath={path} recordKey={recordKey(type, record.number)} />
      )}
      <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />
      {timeline.loading ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : timeline.total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.timeline.empty')} />
      ) : (
        <Timeline
          style={{ marginTop: 16 }}
          items={timeline.entries.map((entry) => ({
            key: entry.id,
            color: COLORS[entry.kind],
            content: <TimelineEntry entry={entry} workflow={workflow} extra={extra} />,
          }))}
        />
      )}
      {timeline.hasMore && (
        <div style={{ textAlign: 'center' }}>
          <Button onClick={timeline.showMore} data-testid="timeline-more">
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </div>
  );
}
