import { AlertOutlined, BulbOutlined, CheckSquareOutlined } from '@ant-design/icons';
import type { Permission } from '@keel/shared';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import type { RecordTab } from './record-tabs';

/**
 * What the web app knows of a record type; the screens (list, record page, form, timeline,
 * links) are the same for all of them. A new type is one entry in RECORD_TYPES, which gives
 * it a menu entry, its routes and its permission guard.
 */
export type RecordTypeUi = {
  /** As in the API's `type` field and the server's RecordTypeDefinition. */
  key: string;
  /** Number prefix (TASK-000042), to find the type of a record named only by its number. */
  prefix: string;
  /** Collection under /api/v1. */
  apiPath: `/${string}`;
  /** The list's route; a record lives at `<routePath>/<number>`. */
  routePath: `/${string}`;
  labels: { plural: ParseKeys; singular: ParseKeys; new: ParseKeys };
  permissions: { read: Permission; write: Permission };
  icon: ReactNode;
  /** Names of the type's own fields (its `extension`), by key. */
  fieldLabels?: Readonly<Record<string, ParseKeys>>;
  /** Tabs only this type has, after the common ones (see record-tabs.tsx). */
  tabs?: readonly RecordTab[];
  /** The form offers a service picker (live services of the catalogue). */
  services?: boolean;
};

export const TASK_TYPE_UI: RecordTypeUi = {
  key: 'task',
  prefix: 'TASK',
  apiPath: '/tasks',
  routePath: '/tasks',
  labels: { plural: 'records.types.task.plural', singular: 'records.types.task.singular', new: 'records.types.task.new' },
  permissions: { read: 'tasks.read', write: 'tasks.manage' },
  icon: <CheckSquareOutlined />,
  fieldLabels: { dueAt: 'records.types.task.fields.dueAt', plannedMinutes: 'records.types.task.fields.plannedMinutes' },
};

export const INCIDENT_TYPE_UI: RecordTypeUi = {
  key: 'incident',
  prefix: 'INC',
  apiPath: '/incidents',
  routePath: '/incidents',
  labels: { plural: 'records.types.incident.plural', singular: 'records.types.incident.singular', new: 'records.types.incident.new' },
  permissions: { read: 'incidents.read', write: 'incidents.manage' },
  icon: <AlertOutlined />,
  services: true,
  fieldLabels: {
    resolutionCode: 'records.types.incident.fields.resolutionCode',
    resolutionNotes: 'records.types.incident.fields.resolutionNotes',
    major: 'records.types.incident.fields.major',
  },
};

export const IMPROVEMENT_TYPE_UI: RecordTypeUi = {
  key: 'improvement',
  prefix: 'IMP',
  apiPath: '/improvements',
  routePath: '/improvements',
  labels: {
    plural: 'records.types.improvement.plural',
    singular: 'records.types.improvement.singular',
    new: 'records.types.improvement.new',
  },
  permissions: { read: 'improvements.read', write: 'improvements.manage' },
  icon: <BulbOutlined />,
  services: true,
  fieldLabels: {
    sourceKind: 'records.types.improvement.fields.sourceKind',
    ownerId: 'records.types.improvement.fields.ownerId',
    plan: 'records.types.improvement.fields.plan',
    expectedBenefit: 'records.types.improvement.fields.expectedBenefit',
    measuredBenefit: 'records.types.improvement.fields.measuredBenefit',
  },
};

export const RECORD_TYPES: readonly RecordTypeUi[] = [TASK_TYPE_UI, INCIDENT_TYPE_UI, IMPROVEMENT_TYPE_UI];

export function recordTypeByKey(key: string): RecordTypeUi | undefined {
  return RECORD_TYPES.find((type) => type.key === key);
}

export function recordTypeOfNumber(number: string): RecordTypeUi | undefined {
  const prefix = number.split('-')[0];
  return RECORD_TYPES.find((type) => type.prefix === prefix);
}

export function recordPath(type: RecordTypeUi, number: string): string {
  return `${type.routePath}/${number}`;
}
