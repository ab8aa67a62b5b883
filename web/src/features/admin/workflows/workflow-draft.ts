import { type Workflow, workflowSchema } from '@keel/shared';

export type DraftCheck =
  | { ok: true; workflow: Workflow }
  | { ok: false; jsonError: string; issues: [] }
  | { ok: false; jsonError: null; issues: { path: string; message: string }[] };

/** The editor's text read as a workflow: JSON first, then the contract's shape (the server checks the rest). */
export function checkDraft(text: string): DraftCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, jsonError: error instanceof Error ? error.message : String(error), issues: [] };
  }
  const parsed = workflowSchema.safeParse(value);
  if (parsed.success) return { ok: true, workflow: parsed.data };
  return {
    ok: false,
    jsonError: null,
    issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  };
}

/** The states a 409 names (one `errors` entry per state, path "states"), for telling the administrator which to keep. */
export function strandedStates(errors: readonly { path: string; message: string }[]): string[] {
  return errors.filter((e) => e.path === 'states').map((e) => e.message);
}

export function draftText(workflow: Workflow): string {
  return JSON.stringify(workflow, null, 2);
}
