import { recordImportResponseSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../../app/api';
import { useFormatDateTime } from '../../../app/format';
import { useCan } from '../../../app/session';
import { QueryError } from '../../../components/query-error';
import type { RecordTabContext } from '../record-tabs';

/** Where an imported record came from: the mapping, the source's SLA outcome, its external references and kept columns. */
export function ImportedTab({ type, record }: RecordTabContext) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const staff = useCan(type.permissions.read);
  const path = `${type.apiPath}/${encodeURIComponent(record.number)}/imported`;
  const query = useQuery({
    queryKey: [path],
    queryFn: ({ signal }) => apiGet(path, recordImportResponseSchema, { signal }),
    enabled: staff,
  });
  if (!staff) return null;
  const item = query.data?.item;
  return (
    <div data-testid="imported">
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
      {query.isPending && <Spin style={{ display: 'block', margin: '16px auto' }} />}
      {query.data && !item && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('imports.record.none')} />}
      {item && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('imports.record.externalId')}>{record.externalId ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('imports.record.mapping')}>{item.mapping}</Descriptions.Item>
            <Descriptions.Item label={t('imports.record.importedAt')}>{formatTime(item.importedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('imports.record.slaMet')}>
              {item.slaMet === null ? '—' : item.slaMet ? t('imports.record.met') : t('imports.record.missed')}
            </Descriptions.Item>
            <Descriptions.Item label={t('imports.record.externalLinks')}>
              {item.externalLinks.length === 0 ? (
                '—'
              ) : (
                <Space wrap size={4} data-testid="external-links">
                  {item.externalLinks.map((link) => (
                    <Tag key={`${link.kind}:${link.number}`} color="purple">
                      {link.kind}: {link.number}
                    </Tag>
                  ))}
                </Space>
              )}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('imports.record.source')}
          </Typography.Title>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            {Object.entries(item.source).map(([column, value]) => (
              <Descriptions.Item key={column} label={column}>
                {value ?? '—'}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </>
      )}
    </div>
  );
}
