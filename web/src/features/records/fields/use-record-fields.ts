import { recordFieldsSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../app/api';
import type { RecordTypeUi } from '../record-types';
import type { FormExtras } from './extra-values';

/** Every type's form fields share this prefix, so the custom fields screen can refresh them all. */
export const RECORD_FIELDS_KEY = 'record-fields';

/** The type's own fields and its active custom fields, in form order (GET /<type>/fields). */
export function useRecordFields(type: RecordTypeUi) {
  const query = useQuery({
    queryKey: [RECORD_FIELDS_KEY, type.apiPath],
    queryFn: ({ signal }) => apiGet(`${type.apiPath}/fields`, recordFieldsSchema, { signal }),
    staleTime: 5 * 60_000,
  });
  const extras: FormExtras = { extension: query.data?.extension ?? [], custom: query.data?.custom ?? [] };
  return { ...query, extras, custom: query.data?.custom ?? [] };
}
