import { BulbOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import {
  agreementSchema,
  pageSchema,
  recordSchema,
  type ServiceLevelBreach,
  type ServiceLevelBucket,
  serviceLevelBreachSchema,
  serviceLevelReportSchema,
} from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, DatePicker, Empty, Flex, Form, Segmented, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { apiGet, apiGetFile, apiSend, withQuery } from '../../app/api';
import { startOfToday } from '../../app/dates';
import { useShowError } from '../../app/errors';
import { useFormatDateTime } from '../../app/format';
import { useLocale } from '../../app/i18n';
import { can, useCan, useOptionalMe } from '../../app/session';
import { useIsPhone } from '../../app/use-is-phone';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { RECORD_TYPES, recordPath, recordTypeByKey, recordTypeOfNumber } from '../records/record-types';
import { useServiceOptions } from '../services/use-services';
import { TrendChart } from './trend-chart';

type Filters = { serviceId?: number; agreementId?: number; recordType?: string; from: string; to: string; bucket: ServiceLevelBucket };

const DATE = 'YYYY-MM-DD';

function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Service level report (P-3.1): attainment per target, trend, breaches with reasons, exports. */
export function ServiceLevelReportPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const phone = useIsPhone();
  const formatTime = useFormatDateTime();
  const showError = useShowError();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const canRaise = useCan('improvements.manage');
  const me = useOptionalMe();
  const readable = RECORD_TYPES.filter((type) => can(me, type.permissions.read));
  const services = useServiceOptions();
  // "Today" is the user's today (their profile's zone, as the server reads the dates), not the browser's.
  const [filters, setFilters] = useState<Filters>(() => {
    const today = me ? startOfToday(me.timeZone) : dayjs();
    return { from: today.startOf('month').subtract(5, 'month').format(DATE), to: today.format(DATE), bucket: 'month' };
  });
  const [extraBreaches, setExtraBreaches] = useState<{ items: ServiceLevelBreach[]; nextCursor: string | null } | null>(null);
  const agreements = useQuery({
    queryKey: ['/agreements', { serviceId: filters.serviceId }],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/agreements', { limit: 200, sort: 'name', serviceId: filters.serviceId }), pageSchema(agreementSchema), { signal }),
    enabled: useCan('services.read'),
  });
  const report = useQuery({
    queryKey: ['/service-levels/report', filters],
    queryFn: ({ signal }) => apiGet(withQuery('/service-levels/report', filters), serviceLevelReportSchema, { signal }),
  });
  const more = useMutation({
    mutationFn: (cursor: string) =>
      apiGet(
        withQuery('/service-levels/breaches', { ...filters, cursor, limit: 50, bucket: undefined }),
        pageSchema(serviceLevelBreachSchema),
      ),
    onSuccess: (page) => setExtraBreaches((prev) => ({ items: [...(prev?.items ?? []), ...page.items], nextCursor: page.nextCursor })),
    onError: (error) => showError(error),
  });
  const raise = useMutation({
    mutationFn: (clockId: number) => apiSend('POST', `/service-levels/breaches/${clockId}/improvement`, recordSchema, { body: {} }),
    onSuccess: async (record) => {
      await queryClient.invalidateQueries({ queryKey: ['/service-levels/report'] });
      const type = recordTypeByKey(record.type);
      if (type) navigate(recordPath(type, record.number));
    },
    onError: (error) => showError(error),
  });
  const download = useMutation({
    mutationFn: (format: 'xlsx' | 'pdf') =>
      apiGetFile(withQuery(`/service-levels/report.${format}`, filters), `keel-service-levels.${format}`),
    onSuccess: ({ blob, fileName }) => saveFile(blob, fileName),
    onError: (error) => showError(error),
  });

  const apply = (next: Partial<Filters>) => {
    setExtraBreaches(null);
    setFilters((prev) => ({ ...prev, ...next }));
  };
  const data = report.data;
  const breaches = data ? [...data.breaches.items, ...(extraBreaches?.items ?? [])] : [];
  const nextCursor = extraBreaches ? extraBreaches.nextCursor : (data?.breaches.nextCursor ?? null);

  return (
    <>
      <PageHeader
        title={t('serviceLevels.title')}
        extra={
          <>
            <Button
              icon={<FileExcelOutlined />}
              loading={download.isPending && download.variables === 'xlsx'}
              onClick={() => download.mutate('xlsx')}
              data-testid="sl-xlsx"
            >
              {t('serviceLevels.excel')}
            </Button>
            <Button
              icon={<FilePdfOutlined />}
              loading={download.isPending && download.variables === 'pdf'}
              onClick={() => download.mutate('pdf')}
              data-testid="sl-pdf"
            >
              {t('serviceLevels.pdf')}
            </Button>
          </>
        }
      />
      <Form layout={phone ? 'vertical' : 'inline'} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('serviceLevels.service')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 180 }}
            placeholder={t('serviceLevels.any')}
            loading={services.loading}
            options={services.options}
            value={filters.serviceId}
            onChange={(serviceId: number | undefined) => apply({ serviceId, agreementId: undefined })}
            data-testid="sl-service"
          />
        </Form.Item>
        <Form.Item label={t('serviceLevels.agreement')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ minWidth: 180 }}
            placeholder={t('serviceLevels.any')}
            options={(agreements.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
            value={filters.agreementId}
            onChange={(agreementId: number | undefined) => apply({ agreementId })}
            data-testid="sl-agreement"
          />
        </Form.Item>
        <Form.Item label={t('serviceLevels.recordType')}>
          <Select
            allowClear
            style={{ minWidth: 120 }}
            placeholder={t('serviceLevels.any')}
            options={readable.map((type) => ({ value: type.key, label: t(type.labels.plural) }))}
            value={filters.recordType}
            onChange={(recordType: string | undefined) => apply({ recordType })}
          />
        </Form.Item>
        <Form.Item label={t('serviceLevels.period')}>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(filters.from), dayjs(filters.to)]}
            onChange={(range) => {
              const [from, to] = (range ?? []) as [Dayjs | null, Dayjs | null];
              if (from && to) apply({ from: from.format(DATE), to: to.format(DATE) });
            }}
          />
        </Form.Item>
        <Form.Item label={t('serviceLevels.bucket')}>
          <Segmented
            value={filters.bucket}
            options={[
              { value: 'month', label: t('serviceLevels.buckets.month') },
              { value: 'week', label: t('serviceLevels.buckets.week') },
            ]}
            onChange={(bucket) => apply({ bucket: bucket as ServiceLevelBucket })}
          />
        </Form.Item>
      </Form>

      {report.error && <QueryError error={report.error} onRetry={() => void report.refetch()} />}

      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title={t('serviceLevels.targets')}>
          <Table
            size="small"
            rowKey="key"
            loading={report.isPending}
            pagination={false}
            scroll={{ x: true }}
            dataSource={data?.targets ?? []}
            locale={{ emptyText: <Empty description={t('serviceLevels.noData')} /> }}
            data-testid="sl-targets"
            columns={[
              { key: 'label', title: t('serviceLevels.target'), render: (_, r) => r.label[locale] },
              { key: 'total', title: t('serviceLevels.total'), dataIndex: 'total', align: 'right' },
              { key: 'met', title: t('serviceLevels.met'), dataIndex: 'met', align: 'right' },
              { key: 'breached', title: t('serviceLevels.breached'), dataIndex: 'breached', align: 'right' },
              {
                key: 'attainment',
                title: t('serviceLevels.attainment'),
                align: 'right',
                render: (_, r) => (r.attainment === null ? '—' : <Typography.Text strong>{`${r.attainment}%`}</Typography.Text>),
              },
            ]}
          />
        </Card>

        {data && data.targets.length > 0 && (
          <Card size="small" title={t('serviceLevels.trend')}>
            <TrendChart report={data} />
          </Card>
        )}

        <Card size="small" title={t('serviceLevels.breaches')}>
          <Table
            size="small"
            rowKey="clockId"
            loading={report.isPending}
            pagination={false}
            scroll={{ x: 900 }}
            dataSource={breaches}
            data-testid="sl-breaches"
            columns={[
              {
                key: 'record',
                title: t('serviceLevels.record'),
                render: (_, b) => {
                  const type = recordTypeByKey(b.record.type);
                  return type ? <Link to={recordPath(type, b.record.number)}>{b.record.number}</Link> : b.record.number;
                },
              },
              { key: 'title', title: t('serviceLevels.recordTitle'), render: (_, b) => b.record.title, ellipsis: true },
              { key: 'target', title: t('serviceLevels.target'), render: (_, b) => b.target.label[locale] },
              { key: 'breachedAt', title: t('serviceLevels.breachedAt'), render: (_, b) => formatTime(b.breachedAt) },
              {
                key: 'reason',
                title: t('serviceLevels.reason'),
                render: (_, b) => b.reason ?? <Typography.Text type="secondary">{t('serviceLevels.noReason')}</Typography.Text>,
              },
              {
                key: 'improvement',
                title: t('serviceLevels.improvement'),
                render: (_, b) => {
                  if (b.improvement) {
                    const type = recordTypeOfNumber(b.improvement.number);
                    return type ? <Link to={recordPath(type, b.improvement.number)}>{b.improvement.number}</Link> : b.improvement.number;
                  }
                  if (!canRaise) return null;
                  return (
                    <Button
                      size="small"
                      icon={<BulbOutlined />}
                      loading={raise.isPending && raise.variables === b.clockId}
                      onClick={() => raise.mutate(b.clockId)}
                      data-testid={`raise-improvement-${b.clockId}`}
                    >
                      {t('serviceLevels.raiseImprovement')}
                    </Button>
                  );
                },
              },
            ]}
          />
          {nextCursor && (
            <Flex justify="center" style={{ marginTop: 12 }}>
              <Button loading={more.isPending} onClick={() => more.mutate(nextCursor)}>
                {t('serviceLevels.loadMore')}
              </Button>
            </Flex>
          )}
        </Card>
      </Space>
    </>
  );
}
