import { AlertOutlined, BulbOutlined, CheckSquareOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import type { Permission, RecordItem } from '@keel/shared';
import type { ParseKeys } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import { IncidentActions, IncidentBadges } from '../incidents/incident-extras';
import { KnownErrorHints } from '../incidents/known-error-hints';
import { MajorIncidentPanel } from '../incidents/major-incident-panel';
import { RatingTab } from '../portal/rating-card';
import { RequestAnswersTab } from '../portal/request-answers';
import type { RecordTab } from './record-tabs';

/** The customer's satisfaction rating, on the types customers raise, once closed. */
const RATING_TAB: RecordTab = {
  key: 'rating',
  label: 'requests.rating.staffTitle',
  render: (ctx) => <RatingTab {...ctx} />,
  shows: ({ record }) => record.stateCategory === 'closed',
};

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
  /** Where "New" leads when the type is raised elsewhere than the record form (a request from the catalogue). */
  createPath?: `/${string}`;
  /** The form offers a service picker (live services of the catalogue). */
  services?: boolean;
  /** The type's own parts of the record page: header buttons, tags beside the state, a panel above the description. */
  extras?: {
    actions?: ComponentType<RecordExtraProps>;
    badges?: ComponentType<RecordExtraProps>;
    panel?: ComponentType<RecordExtraProps>;
    /** Under the title while a new record is written (an incident's known-error suggestions). */
    titleHint?: ComponentType<{ title: string }>;
  };
};

export type RecordExtraProps = { type: RecordTypeUi; record: RecordItem };

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
  tabs: [RATING_TAB],
  extras: { actions: IncidentActions, badges: IncidentBadges, panel: MajorIncidentPanel, titleHint: KnownErrorHints },
};

export const REQUEST_TYPE_UI: RecordTypeUi = {
  key: 'request',
  prefix: 'REQ',
  apiPath: '/requests',
  routePath: '/requests',
  labels: { plural: 'records.types.request.plural', singular: 'records.types.request.singular', new: 'records.types.request.new' },
  permissions: { read: 'requests.read', write: 'requests.manage' },
  icon: <ShoppingCartOutlined />,
  fieldLabels: {
    catalogueItemId: 'records.types.request.fields.catalogueItemId',
    approvalState: 'records.types.request.fields.approvalState',
  },
  createPath: '/portal/catalogue',
  tabs: [{ key: 'form', label: 'requests.ticket.answers', render: (ctx) => <RequestAnswersTab {...ctx} /> }, RATING_TAB],
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

export const RECORD_TYPES: readonly RecordTypeUi[] = [TASK_TYPE_UI, INCIDENT_TYPE_UI, REQUEST_TYPE_UI, IMPROVEMENT_TYPE_UI];

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
