import type { JournalEntry } from '@keel/shared';
import { Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../../app/format';

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const APPROVAL_COLORS: Record<string, string> = { approved: 'green', rejected: 'red', cancelled: 'default' };

/** What the engine itself wrote into the timeline: approvals, child records and SLA events, as a heading and a line. */
export function useEngineEntry(): (entry: JournalEntry) => { what: string; body: ReactNode } {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  return (entry) => {
    const event = text(entry.data.event);
    if (entry.kind === 'approval') {
      if (event === 'requested') return { what: t('engine.timeline.approvalRequested'), body: text(entry.data.title) };
      if (event === 'voted') {
        const decision = entry.data.decision === 'reject' ? 'reject' : 'approve';
        return {
          what: t('engine.timeline.approvalVoted'),
          body: (
            <span>
              <Tag color={decision === 'approve' ? 'green' : 'red'}>{t(`engine.timeline.decisions.${decision}`)}</Tag>
              {entry.data.onBehalfOf
                ? t('engine.timeline.onBehalfOf', { name: text(entry.data.onBehalfOfName) || `#${String(entry.data.onBehalfOf)}` })
                : null}
              {entry.body && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{entry.body}</Typography.Paragraph>}
            </span>
          ),
        };
      }
      const state = event === 'approved' || event === 'rejected' || event === 'cancelled' ? event : 'pending';
      return {
        what: t('engine.timeline.approvalDecided'),
        body: <Tag color={APPROVAL_COLORS[state]}>{t(`engine.approvalStates.${state}`)}</Tag>,
      };
    }
    if (entry.kind === 'attachment_added' || entry.kind === 'attachment_removed') {
      const what = entry.kind === 'attachment_added' ? t('engine.timeline.attachmentAdded') : t('engine.timeline.attachmentRemoved');
      return { what, body: text(entry.data.fileName) };
    }
    if (entry.kind === 'child') {
      const number = text(entry.data.number);
      return { what: t('engine.timeline.childAdded'), body: <Link to={`/${text(entry.data.path) || 'tasks'}/${number}`}>{number}</Link> };
    }
    const due = entry.data.dueAt ? formatTime(text(entry.data.dueAt)) : '—';
    const target = text(entry.data.target);
    if (event === 'breach_reason') return { what: t('serviceLevels.breachReason.timeline'), body: `${target}: ${entry.body}` };
    if (event === 'breached')
      return { what: t('engine.timeline.slaBreached'), body: t('engine.timeline.slaBreachedBody', { target, due }) };
    return {
      what: t('engine.timeline.slaWarned'),
      body: t('engine.timeline.slaWarnedBody', { target, percent: String(entry.data.percent ?? ''), due }),
    };
  };
}
