import type { RecordItem } from '@keel/shared';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { ApprovalsTab } from '../approvals/approvals-tab';
import { AttachmentsTab, AttachmentsTabLabel } from './attachments/attachments-tab';
import { ChildrenTab } from './children/children-tab';
import { ImportedTab } from './imported/imported-tab';
import { LinksTab } from './links/links-tab';
import type { RecordTypeUi } from './record-types';
import { TimelineTab } from './timeline/timeline-tab';

export type RecordTabContext = { type: RecordTypeUi; record: RecordItem; canWrite: boolean };

/** One tab of the record page; `shows` hides it where it does not apply (no empty tabs). */
export type RecordTab = {
  key: string;
  label: ParseKeys;
  /** A label with live content (a count); `label` names the tab otherwise. */
  renderLabel?: (ctx: RecordTabContext) => ReactNode;
  render: (ctx: RecordTabContext) => ReactNode;
  /** A count or roll-up beside the label. */
  badge?: (ctx: RecordTabContext) => ReactNode;
  shows?: (ctx: RecordTabContext) => boolean;
};

/**
 * The tabs every record type has; a feature (attachments …) arrives as one entry here, or
 * in a type's own `tabs` in record-types.tsx.
 */
export const RECORD_TABS: readonly RecordTab[] = [
  { key: 'timeline', label: 'records.tabs.timeline', render: (ctx) => <TimelineTab {...ctx} /> },
  { key: 'links', label: 'records.tabs.links', render: (ctx) => <LinksTab {...ctx} /> },
  { key: 'approvals', label: 'engine.approvals.tab', render: (ctx) => <ApprovalsTab {...ctx} /> },
  {
    key: 'children',
    label: 'engine.children.tab',
    render: (ctx) => <ChildrenTab {...ctx} />,
    badge: ({ record }) => (record.children.total > 0 ? `${record.children.open}/${record.children.total}` : null),
  },
  {
    key: 'attachments',
    label: 'records.tabs.attachments',
    renderLabel: (ctx) => <AttachmentsTabLabel {...ctx} />,
    render: (ctx) => <AttachmentsTab {...ctx} />,
  },
  {
    key: 'imported',
    label: 'imports.record.tab',
    render: (ctx) => <ImportedTab {...ctx} />,
    shows: ({ record }) => record.source === 'import',
  },
];

export function tabsFor(ctx: RecordTabContext): RecordTab[] {
  return [...RECORD_TABS, ...(ctx.type.tabs ?? [])].filter((tab) => tab.shows?.(ctx) ?? true);
}
