import { type Locale, type Workflow, workflowSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { apiGet } from '../../app/api';
import { useLocale } from '../../app/i18n';
import type { RecordTypeUi } from './record-types';

/** Workflows change only with a release (or an administrator's edit): read once per session. */
export function useWorkflow(type: RecordTypeUi) {
  return useQuery({
    queryKey: ['workflow', type.apiPath],
    queryFn: ({ signal }) => apiGet(`${type.apiPath}/workflow`, workflowSchema, { signal }),
    staleTime: 30 * 60_000,
  });
}

/**
 * State and action names in the UI language, from the workflow's own labels; a key the
 * workflow does not know (yet) is shown as it is rather than hidden.
 */
export function useWorkflowLabels(type: RecordTypeUi) {
  const workflow = useWorkflow(type).data;
  const locale = useLocale();
  return useMemo(() => workflowLabels(workflow, locale), [workflow, locale]);
}

export function workflowLabels(workflow: Workflow | undefined, locale: Locale) {
  const states = new Map(workflow?.states.map((s) => [s.key, s.label[locale]]));
  const actions = new Map(workflow?.transitions.map((t) => [t.key, t.label[locale]]));
  return {
    states: workflow?.states ?? [],
    state: (key: string) => states.get(key) ?? key,
    action: (key: string) => actions.get(key) ?? key,
  };
}
