import { type Workflow, type WorkflowDocument, workflowDocumentSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, etagFor } from '../../../app/api';
import { RECORD_TYPES } from '../../records/record-types';

const path = (recordType: string) => `/workflows/${recordType}`;

export function useWorkflowDocument(recordType: string) {
  return useQuery({
    queryKey: [path(recordType)],
    queryFn: ({ signal }) => apiGet(path(recordType), workflowDocumentSchema, { signal }),
  });
}

/**
 * Save (PUT) or reset (DELETE) with the version shown as If-Match. Afterwards the record
 * screens read the new workflow for their state and action labels.
 */
export function useWorkflowWrites(doc: WorkflowDocument) {
  const queryClient = useQueryClient();
  const apiPath = RECORD_TYPES.find((t) => t.key === doc.recordType)?.apiPath;
  const done = async (next: WorkflowDocument) => {
    queryClient.setQueryData([path(doc.recordType)], next);
    if (apiPath) await queryClient.invalidateQueries({ queryKey: ['workflow', apiPath] });
  };
  const etag = etagFor(doc.version);
  const save = useMutation({
    mutationFn: (workflow: Workflow) => apiSend('PUT', path(doc.recordType), workflowDocumentSchema, { body: { workflow }, etag }),
    onSuccess: done,
  });
  const reset = useMutation({
    mutationFn: () => apiSend('DELETE', path(doc.recordType), workflowDocumentSchema, { etag }),
    onSuccess: done,
  });
  const reload = useMutation({ mutationFn: () => queryClient.refetchQueries({ queryKey: [path(doc.recordType)], exact: true }) });
  return { save, reset, reload };
}
