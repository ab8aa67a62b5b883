import {
  ApartmentOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CheckCircleOutlined,
  ContainerOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FormOutlined,
  FundOutlined,
  HomeOutlined,
  ImportOutlined,
  NodeIndexOutlined,
  OrderedListOutlined,
  SafetyCertificateOutlined,
  TableOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@keel/shared';
import type { ParseKeys } from 'i18next';
import { type ComponentType, lazy, type ReactNode } from 'react';
import { InboxCount } from '../features/approvals/inbox-count';
import { RECORD_TYPES } from '../features/records/record-types';

// Screens load on first use, so signing in does not wait for every admin page.
const ApprovalsInboxPage = lazy(() =>
  import('../features/approvals/approvals-inbox-page').then((m) => ({ default: m.ApprovalsInboxPage })),
);
const AuditPage = lazy(() => import('../features/admin/audit/audit-page').then((m) => ({ default: m.AuditPage })));
const CustomFieldsPage = lazy(() =>
  import('../features/admin/custom-fields/custom-fields-page').then((m) => ({ default: m.CustomFieldsPage })),
);
const ImportsPage = lazy(() => import('../features/admin/imports/imports-page').then((m) => ({ default: m.ImportsPage })));
const WorkflowsPage = lazy(() => import('../features/admin/workflows/workflows-page').then((m) => ({ default: m.WorkflowsPage })));
const SlaPoliciesPage = lazy(() => import('../features/admin/sla/sla-policies-page').then((m) => ({ default: m.SlaPoliciesPage })));
const PriorityMatrixPage = lazy(() =>
  import('../features/admin/priority-matrix/priority-matrix-page').then((m) => ({ default: m.PriorityMatrixPage })),
);
const AssignmentRulesPage = lazy(() =>
  import('../features/admin/assignment-rules/assignment-rules-page').then((m) => ({ default: m.AssignmentRulesPage })),
);
const CalendarsPage = lazy(() => import('../features/admin/calendars/calendars-page').then((m) => ({ default: m.CalendarsPage })));
const GroupsPage = lazy(() => import('../features/admin/groups/groups-page').then((m) => ({ default: m.GroupsPage })));
const OrganisationsPage = lazy(() =>
  import('../features/admin/organisations/organisations-page').then((m) => ({ default: m.OrganisationsPage })),
);
const RolesPage = lazy(() => import('../features/admin/roles/roles-page').then((m) => ({ default: m.RolesPage })));
const UsersPage = lazy(() => import('../features/admin/users/users-page').then((m) => ({ default: m.UsersPage })));
const ServicesPage = lazy(() => import('../features/services/services-page').then((m) => ({ default: m.ServicesPage })));
const CatalogueItemsPage = lazy(() =>
  import('../features/catalogue/catalogue-items-page').then((m) => ({ default: m.CatalogueItemsPage })),
);
const AgreementsPage = lazy(() => import('../features/agreements/agreements-page').then((m) => ({ default: m.AgreementsPage })));
const ServiceLevelReportPage = lazy(() =>
  import('../features/service-levels/service-level-report-page').then((m) => ({ default: m.ServiceLevelReportPage })),
);
const RecordListPage = lazy(() => import('../features/records/record-list-page').then((m) => ({ default: m.RecordListPage })));
const DashboardPage = lazy(() => import('../features/dashboard/dashboard-page').then((m) => ({ default: m.DashboardPage })));
const WorkspacePage = lazy(() => import('../features/workspace/workspace-page').then((m) => ({ default: m.WorkspacePage })));
const RecordPage = lazy(() => import('../features/records/record-page').then((m) => ({ default: m.RecordPage })));

export type NavSection = 'main' | 'administration';

export type NavEntry = {
  key: string;
  path: string;
  label: ParseKeys;
  icon: ReactNode;
  section: NavSection;
  /** Deny by default: an entry without the permission is neither shown nor routable. */
  permission: Permission | null;
  element: ReactNode;
  /** Pages under this entry (a record's own page), behind the same permission. */
  children?: readonly { path: string; element: ReactNode }[];
  /** A live count beside the label (e.g. approvals waiting). */
  badge?: ComponentType;
};

/** Every record type: its list in the menu, and its records at `<list>/<number>`. */
const RECORD_ENTRIES: NavEntry[] = RECORD_TYPES.map((type) => ({
  key: type.apiPath.slice(1),
  path: type.routePath,
  label: type.labels.plural,
  icon: type.icon,
  section: 'main',
  permission: type.permissions.read,
  element: <RecordListPage type={type} />,
  children: [{ path: `${type.routePath}/:number`, element: <RecordPage type={type} /> }],
}));

/**
 * Every screen reachable from the side navigation. A process (incidents, changes, CMDB …)
 * adds its screens here, which gives it a menu entry, a route and a permission guard.
 */
export const NAV_ENTRIES: readonly NavEntry[] = [
  {
    key: 'workspace',
    path: '/workspace',
    label: 'nav.workspace',
    icon: <DashboardOutlined />,
    section: 'main',
    permission: 'incidents.read',
    element: <WorkspacePage />,
  },
  {
    key: 'dashboard',
    path: '/dashboard',
    label: 'nav.dashboard',
    icon: <BarChartOutlined />,
    section: 'main',
    permission: 'incidents.read',
    element: <DashboardPage />,
  },
  ...RECORD_ENTRIES,
  {
    key: 'approvals',
    path: '/approvals',
    label: 'nav.approvals',
    icon: <CheckCircleOutlined />,
    section: 'main',
    // Anyone signed in: the inbox lists only what the caller may vote on, on types they can read.
    permission: null,
    element: <ApprovalsInboxPage />,
    badge: InboxCount,
  },
  {
    key: 'service-levels',
    path: '/service-levels',
    label: 'nav.serviceLevels',
    icon: <FundOutlined />,
    section: 'main',
    permission: 'sla.read',
    element: <ServiceLevelReportPage />,
  },
  {
    key: 'users',
    path: '/admin/users',
    label: 'nav.users',
    icon: <UserOutlined />,
    section: 'administration',
    permission: 'users.read',
    element: <UsersPage />,
  },
  {
    key: 'organisations',
    path: '/admin/organisations',
    label: 'nav.organisations',
    icon: <ApartmentOutlined />,
    section: 'administration',
    permission: 'organisations.read',
    element: <OrganisationsPage />,
  },
  {
    key: 'groups',
    path: '/admin/groups',
    label: 'nav.groups',
    icon: <TeamOutlined />,
    section: 'administration',
    permission: 'groups.read',
    element: <GroupsPage />,
  },
  {
    key: 'roles',
    path: '/admin/roles',
    label: 'nav.roles',
    icon: <SafetyCertificateOutlined />,
    section: 'administration',
    permission: 'roles.read',
    element: <RolesPage />,
  },
  {
    key: 'calendars',
    path: '/admin/calendars',
    label: 'nav.calendars',
    icon: <CalendarOutlined />,
    section: 'administration',
    permission: 'calendars.read',
    element: <CalendarsPage />,
  },
  {
    key: 'custom-fields',
    path: '/admin/custom-fields',
    label: 'nav.customFields',
    icon: <FormOutlined />,
    section: 'administration',
    permission: 'records.configure',
    element: <CustomFieldsPage />,
  },
  {
    key: 'workflows',
    path: '/admin/workflows',
    label: 'nav.workflows',
    icon: <NodeIndexOutlined />,
    section: 'administration',
    permission: 'records.configure',
    element: <WorkflowsPage />,
  },
  {
    key: 'imports',
    path: '/admin/imports',
    label: 'nav.imports',
    icon: <ImportOutlined />,
    section: 'administration',
    permission: 'records.configure',
    element: <ImportsPage />,
  },
  {
    key: 'sla-policies',
    path: '/admin/sla-policies',
    label: 'nav.slaPolicies',
    icon: <FieldTimeOutlined />,
    section: 'administration',
    permission: 'sla.read',
    element: <SlaPoliciesPage />,
  },
  {
    key: 'services',
    path: '/admin/services',
    label: 'nav.services',
    icon: <AppstoreOutlined />,
    section: 'administration',
    permission: 'services.read',
    element: <ServicesPage />,
  },
  {
    key: 'catalogue-items',
    path: '/admin/catalogue-items',
    label: 'nav.catalogueItems',
    icon: <ContainerOutlined />,
    section: 'administration',
    permission: 'services.read',
    element: <CatalogueItemsPage />,
  },
  {
    key: 'agreements',
    path: '/admin/agreements',
    label: 'nav.agreements',
    icon: <FileProtectOutlined />,
    section: 'administration',
    permission: 'services.read',
    element: <AgreementsPage />,
    // A review reminder links to /agreements/AGR-<id>: the list opens that agreement.
    children: [{ path: '/agreements/:number', element: <AgreementsPage /> }],
  },
  {
    key: 'priority-matrix',
    path: '/admin/priority-matrix',
    label: 'nav.priorityMatrix',
    icon: <TableOutlined />,
    section: 'administration',
    permission: 'incidents.read',
    element: <PriorityMatrixPage />,
  },
  {
    key: 'assignment-rules',
    path: '/admin/assignment-rules',
    label: 'nav.assignmentRules',
    icon: <OrderedListOutlined />,
    section: 'administration',
    permission: 'records.configure',
    element: <AssignmentRulesPage />,
  },
  {
    key: 'audit',
    path: '/admin/audit',
    label: 'nav.audit',
    icon: <AuditOutlined />,
    section: 'administration',
    permission: 'audit.read',
    element: <AuditPage />,
  },
];

export const HOME_ENTRY: Pick<NavEntry, 'key' | 'path' | 'label' | 'icon'> = {
  key: 'home',
  path: '/',
  label: 'nav.home',
  icon: <HomeOutlined />,
};
