import type { LinkKind, StateCategory } from '@keel/shared';
import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';

const LEVELS = { 1: 'high', 2: 'medium', 3: 'low' } as const;
const PRIORITIES = { 1: 'p1', 2: 'p2', 3: 'p3', 4: 'p4', 5: 'p5' } as const;
const isLevel = (n: number): n is keyof typeof LEVELS => Object.hasOwn(LEVELS, n);
const isPriority = (n: number): n is keyof typeof PRIORITIES => Object.hasOwn(PRIORITIES, n);

/** Names of the fields a timeline's field changes mention (the journal uses column names). */
const FIELD_LABELS: Record<string, ParseKeys> = {
  title: 'records.title',
  description: 'records.description',
  impact: 'records.impact',
  urgency: 'records.urgency',
  priority: 'records.priority',
  category: 'records.category',
  requester_id: 'records.requester',
  requesterId: 'records.requester',
  assignee_id: 'records.assignee',
  assigneeId: 'records.assignee',
  group_id: 'records.group',
  groupId: 'records.group',
};

/** Translated names for record values that are the same for every record type. */
export function useRecordLabels() {
  const { t } = useTranslation();
  return {
    level: (n: number | null) => (n !== null && isLevel(n) ? t(`records.levels.${LEVELS[n]}`) : t('records.noValue')),
    priority: (n: number | null) => (n !== null && isPriority(n) ? t(`records.priorities.${PRIORITIES[n]}`) : t('records.noValue')),
    stateCategory: (category: StateCategory) => t(`records.stateCategories.${category}`),
    field: (name: string) => {
      const key = FIELD_LABELS[name];
      return key ? t(key) : name;
    },
    linkKind: (kind: LinkKind, direction: 'outgoing' | 'incoming') => t(`records.links.kinds.${kind}.${direction}`),
  };
}
