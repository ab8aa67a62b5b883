import { DeleteOutlined } from '@ant-design/icons';
import type { RecordLink } from '@keel/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiSendVoid } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { QueryError } from '../../../components/query-error';
import type { RecordTabContext } from '../record-tabs';
import { recordPath, recordTypeByKey } from '../record-types';
import { linksApiPath } from '../use-record';
import { useRecordLabels } from '../use-record-labels';
import { AddLinkForm } from './add-link-form';
import { useLinks, useRefreshLinks } from './use-links';

/** Links to other records, both ways, labelled from this record's side ("caused by" / "causes"). */
export function LinksTab({ type, record, canWrite }: RecordTabContext) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const labels = useRecordLabels();
  const path = linksApiPath(type, record.number);
  const links = useLinks(path);
  const refresh = useRefreshLinks();

  const remove = useMutation({
    mutationFn: (link: RecordLink) => apiSendVoid('DELETE', `${path}/${link.id}`),
    onSuccess: async (_, link) => {
      void message.success(t('records.links.removed'));
      const other = recordTypeByKey(link.other.type);
      await refresh(path, ...(other ? [linksApiPath(other, link.other.number)] : []));
    },
    onError: (error) => showError(error),
  });

  return (
    <div data-testid="links">
      {canWrite && <AddLinkForm type={type} record={record} />}
      <QueryError error={links.error} onRetry={() => void links.refetch()} />
      {links.isPending ? (
        <Spin style={{ display: 'block', margin: '16px auto' }} />
      ) : (links.data?.items.length ?? 0) === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('records.links.empty')} />
      ) : (
        links.data?.items.map((link) => {
          const otherType = recordTypeByKey(link.other.type);
          return (
            <Flex
              key={link.id}
              justify="space-between"
              align="center"
              gap={8}
              style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
              data-testid="link-row"
            >
              <Space wrap size={8}>
                <Tag color="purple" data-testid="link-kind-label">
                  {labels.linkKind(link.kind, link.direction)}
                </Tag>
                {otherType ? <Link to={recordPath(otherType, link.other.number)}>{link.other.number}</Link> : link.other.number}
                <Typography.Text>{link.other.title}</Typography.Text>
                <Tag>{labels.stateCategory(link.other.stateCategory)}</Tag>
              </Space>
              {canWrite && (
                <Popconfirm title={t('records.links.removeConfirm')} onConfirm={() => remove.mutate(link)}>
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('records.links.remove')} data-testid="remove-link" />
                </Popconfirm>
              )}
            </Flex>
          );
        })
      )}
    </div>
  );
}
