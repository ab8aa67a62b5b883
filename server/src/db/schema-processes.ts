import type { MailIgnoreReason, MailOutcome } from '@keel/shared';
import type { Generated } from 'kysely';
import type { Versioned } from './schema.js';

/**
 * The tables of the service management processes built on the records engine: the service
 * catalogue and its agreements, the incident process, improvements, inbound mail and imports.
 * `schema.ts` holds the platform's tables and the `Database` map that names all of them.
 */

export type ServiceTable = Versioned & {
  id: Generated<number>;
  name: string;
  name_key: string;
  description: string;
  owner_id: number | null;
  /** The service hours (a business calendar). */
  calendar_id: number | null;
  status: 'pipeline' | 'live' | 'retired';
};

export type ServiceOfferingTable = Versioned & {
  id: Generated<number>;
  service_id: number;
  name: string;
  name_key: string;
  description: string;
  active: number;
};

export type CatalogueItemTable = Versioned & {
  id: Generated<number>;
  service_id: number;
  offering_id: number | null;
  name: string;
  name_key: string;
  description: string;
  category: string | null;
  active: number;
  /** The request form (catalogueFormSchema) as JSON. */
  form: string;
  fulfilment_group_id: number | null;
  /** The approval policy (catalogueApprovalSchema) as JSON. */
  approval: string;
};

export type AgreementTable = Versioned & {
  id: Generated<number>;
  kind: 'sla' | 'ola' | 'uc';
  name: string;
  service_id: number;
  record_type: string;
  organisation_id: number | null;
  group_id: number | null;
  supplier_id: number | null;
  supplier_name: string | null;
  supplier_ref: string | null;
  calendar_id: number | null;
  valid_from: number;
  valid_to: number | null;
  review_every_months: number;
  next_review_at: number;
  last_reviewed_at: number | null;
  reminded_for: number | null;
  status: 'draft' | 'active' | 'expired';
  sla_policy_id: number | null;
};

export type AgreementTargetTable = {
  agreement_id: number;
  position: number;
  target_key: string;
  label_en: string;
  label_zh: string;
  stop_on: string;
  minutes_p1: number | null;
  minutes_p2: number | null;
  minutes_p3: number | null;
  minutes_p4: number | null;
  minutes_p5: number | null;
  default_minutes: number | null;
};

export type AgreementReviewTable = {
  id: Generated<number>;
  agreement_id: number;
  reviewed_by: number | null;
  notes: string;
  reviewed_at: number;
  next_review_at: number;
};

export type IncidentExtTable = {
  record_id: number;
  resolution_code: string | null;
  resolution_notes: string | null;
  major: number | null;
  escalation_level: number | null;
  major_manager_id: number | null;
  major_declared_at: number | null;
  update_interval_minutes: number | null;
  next_update_due: number | null;
  update_reminded_at: number | null;
};

export type AssignmentRuleTable = Versioned & {
  id: Generated<number>;
  name: string;
  record_type: string;
  category: string | null;
  service_id: number | null;
  priority: number | null;
  group_id: number;
  assignee_id: number | null;
  position: number;
  active: number;
};

export type IncidentCommunicationTable = {
  id: Generated<number>;
  record_id: number;
  audience: 'customers' | 'internal';
  body: string;
  author_id: number | null;
  created_at: number;
};

export type IncidentReviewTable = {
  record_id: number;
  summary: string;
  root_cause: string;
  actions: string;
  raise_problem: number;
  problem_record_id: number | null;
  author_id: number | null;
  created_at: number;
};

export type ImprovementExtTable = {
  record_id: number;
  source_kind: string | null;
  owner_id: number | null;
  plan: string | null;
  expected_benefit: string | null;
  measured_benefit: string | null;
  source_clock_id: number | null;
};

export type MailMessageTable = {
  id: Generated<number>;
  message_id: string;
  sender: string | null;
  subject: string;
  outcome: MailOutcome;
  reason: MailIgnoreReason | null;
  record_id: number | null;
  journal_entry_id: number | null;
  size: number;
  received_at: number;
};

/** How far the importer has replayed a record's source history, and what it kept of the source. */
export type RecordImportTable = {
  record_id: number;
  mapping: string;
  last_order: number;
  /** The source's own SLA outcome (1 met, 0 missed), for the attainment report. */
  sla_met: number | null;
  /** The mapping's `keep` columns as JSON, as they were on the case's last event. */
  source: string;
  imported_at: number;
};
