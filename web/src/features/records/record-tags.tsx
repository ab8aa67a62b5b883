import type { StateCategory } from '@keel/shared';
import { Tag } from 'antd';
import { useRecordLabels } from './use-record-labels';

const STATE_COLORS: Record<StateCategory, string> = {
  new: 'blue',
  active: 'processing',
  pending: 'warning',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
};

const PRIORITY_COLORS = ['', 'red', 'volcano', 'orange', 'blue', 'default'];

export function StateTag({ label, category }: { label: string; category: StateCategory }) {
  return (
    <Tag color={STATE_COLORS[category]} data-testid="state-tag">
      {label}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: number | null }) {
  const labels = useRecordLabels();
  if (priority === null) return null;
  return (
    <Tag color={PRIORITY_COLORS[priority] ?? 'default'} data-testid="priority-tag">
      {labels.priority(priority)}
    </Tag>
  );
}
