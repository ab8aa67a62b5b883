import { type ImportMapping, importMappingListSchema, importReportSchema } from '@keel/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { apiGet, apiSend, withQuery } from '../../../app/api';
import { useShowError } from '../../../app/errors';

export function useShippedMappings() {
  return useQuery({
    queryKey: ['/imports/mappings'],
    queryFn: ({ signal }) => apiGet('/imports/mappings', importMappingListSchema, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** One run of the importer: the edited mapping travels with the file, so what the screen shows is what runs. */
export function useRunImport() {
  const showError = useShowError();
  return useMutation({
    mutationFn: ({ file, mapping, dryRun }: { file: File; mapping: ImportMapping; dryRun: boolean }) => {
      const body = new FormData();
      body.append('mapping', JSON.stringify(mapping));
      body.append('file', file, file.name);
      return apiSend('POST', withQuery('/imports', { dryRun }), importReportSchema, { body });
    },
    onError: (error) => showError(error),
  });
}
