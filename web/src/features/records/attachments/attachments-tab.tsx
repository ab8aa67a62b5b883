import { DeleteOutlined, DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import type { Attachment } from '@keel/shared';
import { App, Button, Empty, Flex, List, Popconfirm, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../../app/errors';
import { useFormatDateTime } from '../../../app/format';
import { QueryError } from '../../../components/query-error';
import type { RecordTabContext } from '../record-tabs';
import { AttachmentUpload } from './attachment-upload';
import { formatSize } from './format-size';
import { useAttachments, useRemoveAttachment } from './use-attachments';

/** The record's files: download any, add and remove them with the type's write permission. */
export function AttachmentsTab({ type, record, canWrite }: RecordTabContext) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const formatTime = useFormatDateTime();
  const attachments = useAttachments(type, record.number);
  const remove = useRemoveAttachment(type, record.number);
  const items = attachments.data?.items ?? [];

  const onRemove = (attachment: Attachment) =>
    remove.mutate(attachment, {
      onSuccess: () => void message.success(t('records.attachments.removed', { name: attachment.fileName })),
      onError: (error) => showError(error),
    });

  return (
    <div data-testid="attachments">
      {canWrite && <AttachmentUpload type={type} number={record.number} />}
      <QueryError error={attachments.error} onRetry={() => void attachments.refetch()} />
      {attachments.isPending ? (
        <Spin style={{ display: 'block', margin: '16px auto' }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.attachments.none')} />
      ) : (
        <List
          dataSource={items}
          renderItem={(a) => (
            <List.Item
              data-testid="attachment-row"
              actions={[
                <Button
                  key="download"
                  size="small"
                  icon={<DownloadOutlined />}
                  href={a.contentUrl}
                  download
                  aria-label={t('records.attachments.download', { name: a.fileName })}
                  data-testid="attachment-download"
                />,
                ...(canWrite
                  ? [
                      <Popconfirm
                        key="remove"
                        title={t('records.attachments.removeConfirm', { name: a.fileName })}
                        okText={t('common.delete')}
                        cancelText={t('common.cancel')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => onRemove(a)}
                      >
                        <Button
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('records.attachments.remove', { name: a.fileName })}
                          data-testid="attachment-remove"
                        />
                      </Popconfirm>,
                    ]
                  : []),
              ]}
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <a href={a.contentUrl} download style={{ overflowWrap: 'anywhere' }} data-testid="attachment-name">
                  <PaperClipOutlined /> {a.fileName}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="attachment-meta">
                  {[
                    formatSize(a.size, i18n.language),
                    a.mediaType,
                    a.uploadedByName ?? t('records.timeline.system'),
                    formatTime(a.createdAt),
                  ].join(' · ')}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

/** "Attachments (2)": the count comes from the same request as the tab's list. */
export function AttachmentsTabLabel({ type, record }: RecordTabContext) {
  const { t } = useTranslation();
  const count = useAttachments(type, record.number).data?.items.length;
  return (
    <span data-testid="attachments-tab-label">
      {count === undefined ? t('records.tabs.attachments') : t('records.tabs.attachmentsCount', { count })}
    </span>
  );
}
