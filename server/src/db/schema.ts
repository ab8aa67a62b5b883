import type { JournalKind, NotificationEvent, RecordSource } from '@keel/shared';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  AgreementReviewTable,
  AgreementTable,
  AgreementTargetTable,
  AssignmentRuleTable,
  CatalogueItemTable,
  ImprovementExtTable,
  IncidentCommunicationTable,
  IncidentExtTable,
  IncidentReviewTable,
  MailMessageTable,
  RecordImportTable,
  ServiceOfferingTable,
  ServiceTable,
} from './schema-processes.js';

export type * from './schema-processes.js';

/**
 * The database as Kysely sees it. Conventions that hold on both dialects:
 * times are epoch milliseconds (bigint), booleans are 0/1 integers, JSON is text.
 */
export type Database = {
  organisations: OrganisationTable;
  users: UserTable;
  roles: RoleTable;
  user_roles: { user_id: number; role_id: number };
  groups: GroupTable;
  services: ServiceTable;
  service_customers: { service_id: number; organisation_id: number };
  service_dependencies: { service_id: number; supported_by_id: number };
  service_offerings: ServiceOfferingTable;
  catalogue_items: CatalogueItemTable;
  agreements: AgreementTable;
  agreement_targets: AgreementTargetTable;
  agreement_reviews: AgreementReviewTable;
  group_members: { group_id: number; user_id: number };
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_events: AuditEventTable;
  audit_head: { id: number; last_id: number; last_hash: string };
  idempotency_keys: IdempotencyKeyTable;
  calendars: CalendarTable;
  statutory_years: { region: string; year: number; schedule: string; imported_at: number };
  jobs: JobTable;
  record_sequences: { type: string; last_number: number };
  records: RecordTable;
  journal_entries: JournalEntryTable;
  custom_fields: CustomFieldTable;
  record_custom_values: { record_id: number; field_id: number; text_value: string | null; number_value: number | null };
  task_ext: { record_id: number; due_at: number | null; planned_minutes: number | null };
  request_ext: { record_id: number; catalogue_item_id: number | null; answers: string; approval_state: string };
  ticket_ratings: {
    id: Generated<number>;
    record_id: number;
    score: number;
    comment: string;
    rated_by: number;
    rated_at: number;
  };
  incident_ext: IncidentExtTable;
  settings: { key: string; value: string; updated_at: number | null; version: number };
  assignment_rules: AssignmentRuleTable;
  incident_communications: IncidentCommunicationTable;
  incident_reviews: IncidentReviewTable;
  improvement_ext: ImprovementExtTable;
  approval_requests: ApprovalRequestTable;
  approval_approvers: { request_id: number; user_id: number | null; group_id: number | null };
  approval_votes: ApprovalVoteTable;
  approval_delegations: { user_id: number; delegate_id: number; until: number | null; created_at: number };
  sla_policies: SlaPolicyTable;
  sla_clocks: SlaClockTable;
  workflows: { record_type: string; definition: string; updated_by: number | null; updated_at: number; version: Generated<number> };
  record_links: { id: Generated<number>; from_id: number; to_id: number; kind: string; created_by: number | null; created_at: number };
  saved_views: SavedViewTable;
  blobs: BlobTable;
  record_attachments: RecordAttachmentTable;
  notifications: NotificationTable;
  mail_messages: MailMessageTable;
  record_imports: RecordImportTable;
  record_external_links: { id: Generated<number>; record_id: number; kind: string; external_number: string };
  notification_preferences: { user_id: number; event: NotificationEvent; in_app: number; email: number; updated_at: number };
};

export type NotificationTable = {
  id: Generated<number>;
  user_id: number;
  event: NotificationEvent;
  /** Null when the notification is about something else (an agreement due for review). */
  record_id: number | null;
  record_type: string;
  record_number: string;
  record_title: string;
  actor_id: number | null;
  actor_name: string | null;
  /** The event's parameters (NOTIFICATION_PARAMS) as JSON. */
  params: string;
  dedupe_key: string;
  created_at: number;
  read_at: number | null;
};

export type SlaPolicyTable = {
  id: Generated<number>;
  name: string;
  record_type: string;
  conditions: string;
  calendar_id: number | null;
  targets: string;
  pause_on: string;
  warn_at: string;
  position: number;
  active: number;
  created_at: number;
  updated_at: number;
  version: number;
};

export type SlaClockTable = {
  id: Generated<number>;
  record_id: number;
  policy_id: number;
  target_key: string;
  label_en: string;
  label_zh: string;
  target_minutes: number;
  stop_on: string;
  pause_on: string;
  warn_at: string;
  calendar_id: number | null;
  state: 'running' | 'paused' | 'stopped' | 'cancelled';
  started_at: number;
  resumed_at: number | null;
  elapsed_ms: number;
  due_at: number | null;
  next_warn_at: number | null;
  warned_percent: number;
  breached: number;
  breached_at: number | null;
  stopped_at: number | null;
  breach_reason: string | null;
  breach_reason_by: number | null;
  breach_reason_at: number | null;
};

export type ApprovalRequestTable = {
  id: Generated<number>;
  record_id: number;
  title: string;
  mode: 'any' | 'all' | 'quorum';
  quorum: number | null;
  level: number;
  state: 'waiting' | 'pending' | 'approved' | 'rejected' | 'cancelled';
  created_by: number | null;
  created_at: number;
  decided_at: number | null;
};

export type ApprovalVoteTable = {
  id: Generated<number>;
  request_id: number;
  voter_id: number;
  cast_by: number;
  decision: 'approve' | 'reject';
  comment: string;
  created_at: number;
};

export type CustomFieldTable = {
  id: Generated<number>;
  record_type: string;
  key: string;
  label_en: string;
  label_zh: string;
  kind: 'text' | 'number' | 'date' | 'choice' | 'user' | 'reference';
  options: string;
  required: number;
  indexed: number;
  active: number;
  position: number;
  created_at: number;
  updated_at: number;
  version: number;
};

/** One stored file content, named by its SHA-256 (the file lives at <dataDir>/blobs/ab/cd/<sha256>). */
export type BlobTable = {
  sha256: string;
  size: number;
  media_type: string;
  created_at: number;
};

export type RecordAttachmentTable = {
  id: Generated<number>;
  record_id: number;
  blob_sha256: string;
  file_name: string;
  declared_media_type: string | null;
  media_type: string;
  size: number;
  uploaded_by: number | null;
  created_at: number;
};

export type JournalEntryTable = {
  id: Generated<number>;
  record_id: number;
  kind: JournalKind;
  visibility: 'public' | 'internal';
  body: string;
  data: string;
  author_id: number | null;
  created_at: number;
};

export type RecordTable = {
  id: Generated<number>;
  type: string;
  number: string;
  title: string;
  description: string;
  state: string;
  state_category: 'new' | 'active' | 'pending' | 'resolved' | 'closed' | 'cancelled';
  impact: number | null;
  urgency: number | null;
  priority: number | null;
  category: string | null;
  requester_id: number | null;
  organisation_id: number | null;
  assignee_id: number | null;
  group_id: number | null;
  created_by: number | null;
  opened_at: number;
  updated_at: number;
  resolved_at: number | null;
  closed_at: number | null;
  parent_id: number | null;
  sla_due_at: number | null;
  service_id: number | null;
  source: Generated<RecordSource>;
  external_id: string | null;
  reassignment_count: Generated<number>;
  reopen_count: Generated<number>;
  version: number;
};

export type SavedViewTable = {
  id: Generated<number>;
  owner_id: number;
  type: string;
  name: string;
  name_key: string;
  shared: number;
  /** The list's query parameters (JSON object of strings). */
  params: string;
  /** Column keys (JSON array). */
  columns: string;
  created_at: number;
  updated_at: number;
  version: number;
};

export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

export type JobTable = {
  id: Generated<number>;
  kind: string;
  payload: string;
  dedupe_key: string | null;
  status: JobStatus;
  run_at: number;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
};

export type CalendarTable = Versioned & {
  id: Generated<number>;
  name: string;
  name_key: string;
  description: string;
  /** CalendarDefinition as JSON. */
  definition: string;
  statutory_region: 'CN' | null;
};

export type Versioned = { created_at: number; updated_at: number; version: number };

export type OrganisationTable = Versioned & {
  id: Generated<number>;
  name: string;
  code: string;
  code_key: string;
  description: string;
  parent_id: number | null;
  active: number;
};

export type UserTable = Versioned & {
  id: Generated<number>;
  username: string;
  username_key: string;
  display_name: string;
  email: string | null;
  phone: string | null;
  kind: 'staff' | 'customer';
  organisation_id: number | null;
  sees_org_records: number;
  locale: 'zh-CN' | 'en';
  time_zone: string;
  active: number;
  password_hash: string;
  password_changed_at: number;
  must_change_password: number;
  /** Who approves this person's service requests (P-6.1). */
  manager_id: Generated<number | null>;
};

export type RoleTable = Versioned & {
  id: Generated<number>;
  key: string;
  name: string;
  description: string;
  built_in: number;
  permissions: string;
};

export type GroupTable = Versioned & {
  id: Generated<number>;
  name: string;
  name_key: string;
  description: string;
  email: string | null;
  lead_id: number | null;
};

export type SessionTable = {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ip: string | null;
  user_agent: string | null;
};

export type ApiTokenTable = {
  id: Generated<number>;
  user_id: number;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
};

export type LoginAttemptTable = {
  key: string;
  failures: number;
  window_start: number;
  locked_until: number | null;
};

export type AuditEventTable = {
  id: number;
  at: number;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  object_label: string | null;
  changes: string;
  ip: string | null;
  request_id: string | null;
  prev_hash: string;
  hash: string;
};

export type IdempotencyKeyTable = {
  actor_id: number;
  key: string;
  method: string;
  path: string;
  request_hash: string;
  status: number;
  response_body: string;
  created_at: number;
};

export type UserRow = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type OrganisationRow = Selectable<OrganisationTable>;
export type GroupRow = Selectable<GroupTable>;
export type RoleRow = Selectable<RoleTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type CalendarRow = Selectable<CalendarTable>;
export type JobRow = Selectable<JobTable>;
export type RecordRow = Selectable<RecordTable>;
