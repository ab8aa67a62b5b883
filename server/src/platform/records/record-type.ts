import type { Permission, Workflow } from '@keel/shared';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../access/actor.js';
import type { AuditContext } from '../audit/append.js';

/**
 * What a module declares to get a record type; everything else (numbering, lifecycle,
 * audit, visibility, lists) comes from the engine. Later pieces of the engine add the
 * workflow, SLA, journal and extension-table hooks here.
 */
export type RecordTypeDefinition = {
  /** Stored in records.type and used in audit events. */
  key: string;
  /** URL segment of the type's endpoints: /api/v1/<path>. */
  path: string;
  /** Number prefix: TASK-000042. */
  prefix: string;
  permissions: { read: Permission; write: Permission };
  /** The type's default workflow (validated by a test with workflowProblems). */
  workflow: Workflow;
  /**
   * Customers may raise records of this type and follow their own (or their organisation's):
   * read, create, comment publicly, attach files and take the transitions that name the
   * `customer` role. Everything else stays staff-only.
   */
  customers?: boolean;
  /**
   * Mail to Keel's inbound address may raise records of this type (the first such type in
   * RECORD_TYPES) and replies naming one of its numbers go into its journal (docs/mail.md).
   */
  mail?: boolean;
  /** The type's own typed fields, stored 1:1 in its extension table (created by the module's migration). */
  extension?: RecordExtension;
  /**
   * A type whose create takes its own body (a service request: a catalogue item and the
   * answers to its form). `run` checks it, calls `createRecord` and returns the new number.
   */
  create?: {
    body: z.ZodType;
    run: (trx: Transaction<Database>, ctx: AuditContext, actor: Actor, body: unknown) => Promise<string>;
  };
  /** Called in the vote's transaction when one of the record's approval requests is decided. */
  onApprovalDecided?: (
    trx: Transaction<Database>,
    ctx: AuditContext,
    actor: Actor,
    record: { id: number; number: string },
    outcome: 'approved' | 'rejected' | 'cancelled',
  ) => Promise<void>;
};

/** How a typed field is stored: times as epoch ms, booleans as 0/1, the rest as they are. */
export type ExtensionFieldKind = 'text' | 'number' | 'time' | 'boolean';

export type ExtensionField = {
  /** Column in the extension table (code-defined, never from input). */
  column: string;
  kind: ExtensionFieldKind;
  /** The value as the API carries it (ISO text for a time). */
  schema: z.ZodType<string | number | boolean>;
  /** Must be given on create and can never be cleared. */
  required?: boolean;
  /** Shown on every record but written only by the type's own commands (declaring a major incident), never by a create or update body. */
  readOnly?: boolean;
};

export type RecordExtension = {
  /** The table, keyed by `record_id` referencing records.id. */
  table: string;
  fields: Record<string, ExtensionField>;
};

export const NUMBER_DIGITS = 6;

export function formatNumber(prefix: string, sequence: number): string {
  return `${prefix}-${String(sequence).padStart(NUMBER_DIGITS, '0')}`;
}
