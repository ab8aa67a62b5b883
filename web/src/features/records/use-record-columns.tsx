import { DEFAULT_RECORD_COLUMNS, type RecordColumn, type RecordItem } from '@keel/shared';
import type { TableColumnsType } from 'antd';
import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../app/format';
import { useIsPhone } from '../../app/use-is-phone';
import { useOrganisationNames } from './list/use-organisation-names';
import { PriorityTag, StateTag } from './record-tags';
import { type RecordTypeUi, recordPath } from './record-types';
import { SlaBadges } from './sla/sla-badges';
import { useRecordLabels } from './use-record-labels';
import { useWorkflowLabels } from './use-workflow';

/** Columns that stay on a tablet; the others need a wide screen. */
const ALWAYS: readonly RecordColumn[] = ['number', 'title', 'state', 'priority'];

/** The list's columns, as chosen (a saved view's, or the defaults); on a phone one stacked column. */
export function useRecordColumns(
  type: RecordTypeUi,
  chosen: readonly RecordColumn[] = DEFAULT_RECORD_COLUMNS,
): TableColumnsType<RecordItem> {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const workflow = useWorkflowLabels(type);
  const labels = useRecordLabels();
  const isPhone = useIsPhone();
  const organisation = useOrganisationNames(!isPhone && chosen.includes('organisation'));
  const number = (r: RecordItem) => (
    // A real link too, so a record opens in a new tab with a middle click.
    <Link to={recordPath(type, r.number)} onClick={(e) => e.stopPropagation()} data-testid="record-link">
      {r.number}
    </Link>
  );
  const state = (r: RecordItem) => <StateTag label={workflow.state(r.state)} category={r.stateCategory} />;
  const tags = (r: RecordItem) => (
    <>
      {state(r)}
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
  const secondary = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;
  const long = (text: string, max: number) => (
    <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: max }}>
      {text}
    </Typography.Text>
  );
  const cells: Record<RecordColumn, (r: RecordItem) => ReactNode> = {
    number,
    title: (r) => long(r.title, 360),
    description: (r) => long(r.description, 280),
    state,
    stateCategory: (r) => labels.stateCategory(r.stateCategory),
    priority: (r) => <PriorityTag priority={r.priority} />,
    impact: (r) => (r.impact === null ? '' : labels.level(r.impact)),
    urgency: (r) => (r.urgency === null ? '' : labels.level(r.urgency)),
    category: (r) => r.category ?? '',
    requester: (r) => r.requesterName ?? '',
    organisation: (r) => organisation(r.organisationId),
    assignee: (r) => r.assigneeName ?? secondary(t('records.unassigned')),
    group: (r) => r.groupName ?? '',
    openedAt: (r) => formatTime(r.openedAt),
    updatedAt: (r) => formatTime(r.updatedAt),
    resolvedAt: (r) => formatTime(r.resolvedAt),
    closedAt: (r) => formatTime(r.closedAt),
  };
  const columns: TableColumnsType<RecordItem> = chosen.map((key) => ({
    key,
    title: t(`lists.columns.${key}`),
    responsive: ALWAYS.includes(key) ? undefined : ['md'],
    render: (_, r) => cells[key](r),
  }));
  // The SLA badges are live, not a stored value: a column beside priority (or after the chosen ones), never exported.
  const sla = { key: 'sla', title: t('engine.sla.column'), render: (_: unknown, r: RecordItem) => <SlaBadges clocks={r.sla} compact /> };
  const at = chosen.indexOf('priority');
  columns.splice(at >= 0 ? at + 1 : columns.length, 0, sla);
  return columns;
}
