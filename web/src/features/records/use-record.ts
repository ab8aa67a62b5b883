import { type RecordItem, recordSchema } from '@keel/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet } from '../../app/api';
import type { RecordTypeUi } from './record-types';

export const recordApiPath = (type: RecordTypeUi, number: string) => `${type.apiPath}/${number}`;
export const journalApiPath = (type: RecordTypeUi, number: string) => `${recordApiPath(type, number)}/journal`;
export const linksApiPath = (type: RecordTypeUi, number: string) => `${recordApiPath(type, number)}/links`;

// Under the collection's key, so refreshing the list refreshes open records too.
export const recordKey = (type: RecordTypeUi, number: string) => [type.apiPath, number] as const;

export function useRecord(type: RecordTypeUi, number: string) {
  return useQuery({
    queryKey: recordKey(type, number),
    queryFn: ({ signal }) => apiGet(recordApiPath(type, number), recordSchema, { signal }),
  });
}

/**
 * After a write that answered the record: show that answer at once, then refresh what the
 * write also changed (the list, and the timeline that gained an entry).
 */
export function useRecordSaved(type: RecordTypeUi) {
  const queryClient = useQueryClient();
  return async (record: RecordItem) => {
    queryClient.setQueryData(recordKey(type, record.number), record);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [type.apiPath], exact: false, refetchType: 'none' }),
      queryClient.invalidateQueries({ queryKey: [journalApiPath(type, record.number)] }),
    ]);
  };
}
