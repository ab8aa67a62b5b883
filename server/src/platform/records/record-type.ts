import type { Permission, Workflow } from '@keel/shared';

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
};

export const NUMBER_DIGITS = 6;

export function formatNumber(prefix: string, sequence: number): string {
  return `${prefix}-${String(sequence).padStart(NUMBER_DIGITS, '0')}`;
}
