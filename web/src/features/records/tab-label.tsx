import { Tag } from 'antd';
import type { ReactNode } from 'react';

/** A tab's name with its count or roll-up, if it has one. */
export function TabLabel({ label, badge }: { label: string; badge: ReactNode }) {
  if (badge === null || badge === undefined) return label;
  return (
    <span>
      {label}{' '}
      <Tag style={{ marginInlineEnd: 0 }} data-testid="tab-badge">
        {badge}
      </Tag>
    </span>
  );
}
