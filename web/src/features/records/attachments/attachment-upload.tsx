import { InboxOutlined } from '@ant-design/icons';
import { App, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, newIdempotencyKey } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import type { RecordTypeUi } from '../record-types';
import { useUpload } from './use-attachments';

/**
 * Drop files or pick them; each goes up on its own. The server's size limit is not published,
 * so a file over it is refused with 413 and said in words, like a refused type (415).
 */
export function AttachmentUpload({ type, number }: { type: RecordTypeUi; number: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const upload = useUpload(type, number);
  // Only files still on their way are listed here; finished ones appear in the list below.
  const [pending, setPending] = useState<UploadFile[]>([]);

  const explain = (error: unknown, name: string) => {
    if (!(error instanceof ApiError)) return showError(error);
    if (error.status === 413) return void message.error(t('records.attachments.tooLarge', { name }), 6);
    if (error.status === 415) return void message.error(t('records.attachments.refused', { name }), 6);
    if (error.status === 400 && error.errors.some((e) => e.path === 'file'))
      return void message.error(t('records.attachments.emptyFile', { name }));
    showError(error);
  };

  return (
    <div style={{ marginBottom: 12 }} data-testid="attachment-upload">
      <Upload.Dragger
        multiple
        fileList={pending}
        onChange={(info) => setPending(info.fileList.filter((f) => f.status === 'uploading'))}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          upload
            .mutateAsync({ file, idempotencyKey: newIdempotencyKey() })
            .then((attachment) => {
              void message.success(t('records.attachments.added', { name: attachment.fileName }));
              onSuccess?.(attachment);
            })
            .catch((error: unknown) => {
              explain(error, file.name);
              onError?.(error instanceof Error ? error : new Error(String(error)));
            });
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('records.attachments.drop')}</p>
        <p className="ant-upload-hint">{t('records.attachments.hint')}</p>
      </Upload.Dragger>
    </div>
  );
}
