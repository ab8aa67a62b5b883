import type { JournalKind } from '@keel/shared';
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

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
  record_links: { id: Generated<number>; from_id: number; to_id: number; kind: string; created_by: number | null; created_at: number };
  blobs: BlobTable;
  record_attachments: RecordAttachmentTable;
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

type Versioned = { created_at: number; updated_at: number; version: number };

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
