import { ATTACHMENT_FIELD, type Attachment, attachmentListSchema, attachmentSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiSend, apiSendVoid } from '../../../app/api';
import type { RecordTypeUi } from '../record-types';
import { journalApiPath, recordApiPath, recordKey } from '../use-record';

export const attachmentsApiPath = (type: RecordTypeUi, number: string) => `${recordApiPath(type, number)}/attachments`;

/** The record's files, oldest first; the tab and its label's count share this one request. */
export function useAttachments(type: RecordTypeUi, number: string) {
  const path = attachmentsApiPath(type, number);
  return useQuery({ queryKey: [path], queryFn: ({ signal }) => apiGet(path, attachmentListSchema, { signal }) });
}

/** A file added or removed also shows in the timeline and touches the record's updated time. */
function useRefresh(type: RecordTypeUi, number: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [attachmentsApiPath(type, number)] }),
      queryClient.invalidateQueries({ queryKey: [journalApiPath(type, number)] }),
      queryClient.invalidateQueries({ queryKey: recordKey(type, number), exact: true }),
    ]);
}

/** One multipart request per file (field `file`), with an Idempotency-Key so a retried upload attaches once. */
export function useUpload(type: RecordTypeUi, number: string) {
  const refresh = useRefresh(type, number);
  return useMutation({
    mutationFn: ({ file, idempotencyKey }: { file: File; idempotencyKey: string }) => {
      const body = new FormData();
      body.append(ATTACHMENT_FIELD, file, file.name);
      return apiSend('POST', attachmentsApiPath(type, number), attachmentSchema, { body, idempotencyKey });
    },
    onSuccess: refresh,
  });
}

export function useRemoveAttachment(type: RecordTypeUi, number: string) {
  const refresh = useRefresh(type, number);
  return useMutation({
    mutationFn: (attachment: Attachment) => apiSendVoid('DELETE', `${attachmentsApiPath(type, number)}/${attachment.id}`),
    onSuccess: refresh,
  });
}
