import { DownloadOutlined } from '@ant-design/icons';
import type { EXPORT_FORMATS } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGetFile, withQuery } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import type { RecordListContext } from '../record-list-toolbar';

type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Hands a downloaded file to the browser's download manager. */
function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The click has started the download; the object URL is no longer needed once it has been read.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * CSV or Excel of exactly what the list shows: its filters, sort and columns. Fetched rather
 * than linked so a refusal (422 export_too_large: narrow the filters) is read and said in
 * words, and so one export is one request and one audit event.
 */
export function ExportMenu({ type, location, columns }: RecordListContext) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const run = useMutation({
    mutationFn: (format: ExportFormat) => {
      const path = withQuery(`${type.apiPath}/export`, { ...location.params, format, columns: columns.join(',') });
      return apiGetFile(path, `keel-${type.key}.${format}`);
    },
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'export_too_large') void message.warning(t('errors.export_too_large'), 8);
      else showError(error);
    },
  });
  return (
    <Dropdown
      trigger={['click']}
      disabled={run.isPending}
      menu={{
        items: [
          { key: 'csv', label: t('lists.export.csv'), onClick: () => run.mutate('csv') },
          { key: 'xlsx', label: t('lists.export.excel'), onClick: () => run.mutate('xlsx') },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} loading={run.isPending} data-testid="export-menu">
        {t('lists.export.title')}
      </Button>
    </Dropdown>
  );
}
