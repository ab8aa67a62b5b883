import type { RecordItem } from '@keel/shared';
import type { TableColumnsType } from 'antd';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../app/format';
import { useIsPhone } from '../../app/use-is-phone';
import { PriorityTag, StateTag } from './record-tags';
import { type RecordTypeUi, recordPath } from './record-types';
import { SlaBadges } from './sla/sla-badges';
import { useWorkflowLabels } from './use-workflow';

/** The list's columns; the less important ones drop off on a phone. */
export function useRecordColumns(type: RecordTypeUi): TableColumnsType<RecordItem> {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const workflow = useWorkflowLabels(type);
  const isPhone = useIsPhone();
  const number = (r: RecordItem) => (
    // A real link too, so a record opens in a new tab with a middle click.
    <Link to={recordPath(type, r.number)} onClick={(e) => e.stopPropagation()} data-testid="record-link">
      {r.number}
    </Link>
  );
  const tags = (r: RecordItem) => (
    <>
      <StateTag label={workflow.state(r.state)} category={r.stateCategory} />
      <PriorityTag priority={r.priority} />
    </>
  );
  // A phone has room for one column: everything that matters, stacked.
  if (isPhone) {
    return [
      {
        key: 'record',
        title: t(type.labels.singular),
        render: (_, r) => (
          <div style={{ minWidth: 0 }}>
            <div>{number(r)}</div>
            <div style={{ overflowWrap: 'anywhere' }}>{r.title}</div>
            <div style={{ marginTop: 4 }}>
              {tags(r)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.assigneeName ?? t('records.unassigned')}
              </Typography.Text>
            </div>
            {r.sla.length > 0 && (
              <div style={{ marginTop: 4 }}>
                <SlaBadges clocks={r.sla} compact />
              </div>
            )}
          </div>
        ),
      },
    ];
  }
  return [
    {
      key: 'number',
      title: t('records.number'),
      render: (_, r) => number(r),
    },
    {
      key: 'title',
      title: t('records.title'),
      render: (_, r) => (
        <Typography.Text ellipsis={{ tooltip: r.title }} style={{ maxWidth: 360 }}>
          {r.title}
        </Typography.Text>
      ),
    },
    { key: 'state', title: t('records.state'), render: (_, r) => <StateTag label={workflow.state(r.state)} category={r.stateCategory} /> },
    { key: 'priority', title: t('records.priority'), render: (_, r) => <PriorityTag priority={r.priority} /> },
    { key: 'sla', title: t('engine.sla.column'), render: (_, r) => <SlaBadges clocks={r.sla} compact /> },
    {
      key: 'assignee',
      title: t('records.assignee'),
      responsive: ['md'],
      render: (_, r) => r.assigneeName ?? <Typography.Text type="secondary">{t('records.unassigned')}</Typography.Text>,
    },
    { key: 'group', title: t('records.group'), responsive: ['lg'], render: (_, r) => r.groupName ?? '' },
    { key: 'updatedAt', title: t('records.updatedAt'), responsive: ['md'], render: (_, r) => formatTime(r.updatedAt) },
  ];
}
