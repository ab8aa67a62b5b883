import { backlogSchema, type RecordSummary, ratingSummarySchema, recordSummarySchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../../app/api';
import { useCan, useMe } from '../../app/session';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { useRecordLabels } from '../records/use-record-labels';
import { BacklogChart, OpenByPriorityChart, OpenByServiceChart } from './dashboard-charts';
import { PERIODS, type Period, periodQuery } from './period';

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/**
 * The service desk's dashboard (P-6.1): incidents open now by priority and service, the backlog
 * over the period, time to resolve, SLA attainment and satisfaction. Every figure comes from a
 * server report; nothing is counted in the browser.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canSeeRatings = useCan('ratings.read');
  const [period, setPeriod] = useState<Period>('30d');
  const query = periodQuery(period, me.timeZone);
  const window = { from: query.from, to: query.to };
  const backlog = useQuery({
    queryKey: ['/reports/incidents/backlog', query],
    queryFn: ({ signal }) => apiGet(withQuery('/reports/incidents/backlog', query), backlogSchema, { signal }),
  });
  const summary = useQuery({
    queryKey: ['/reports/incidents/summary', window],
    queryFn: ({ signal }) => apiGet(withQuery('/reports/incidents/summary', window), recordSummarySchema, { signal }),
  });
  const ratings = useQuery({
    queryKey: ['/ratings/summary', window],
    queryFn: ({ signal }) => apiGet(withQuery('/ratings/summary', window), ratingSummarySchema, { signal }),
    enabled: canSeeRatings,
  });
  const sla = summary.data?.sla;

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        extra={
          <Segmented<Period>
            value={period}
            onChange={setPeriod}
            options={PERIODS.map((p) => ({ value: p, label: t(`dashboard.periods.${p}`) }))}
            data-testid="dashboard-period"
          />
        }
      />
      <QueryError error={backlog.error ?? summary.error ?? ratings.error} onRetry={() => void backlog.refetch()} />
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Card>
            <Statistic title={t('dashboard.openNow')} value={backlog.data?.open.total ?? '—'} data-testid="stat-open" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('dashboard.slaAttainment')}
              value={percent(sla?.rate ?? null) ?? t('dashboard.none')}
              suffix={sla?.rate == null ? undefined : '%'}
              data-testid="stat-sla"
            />
            {sla && <small>{t('dashboard.slaMeasured', { met: sla.met, measured: sla.measured })}</small>}
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card>
            <Statistic
              title={t('dashboard.reopenRate')}
              value={percent(summary.data?.reopens.rate ?? null) ?? t('dashboard.none')}
              suffix={summary.data ? '%' : undefined}
            />
            {summary.data && (
              <small>
                {t('dashboard.reassignments')}: {summary.data.reassignments.mean.toFixed(2)}
              </small>
            )}
          </Card>
        </Col>
        {canSeeRatings && (
          <Col xs={12} md={6}>
            <Card>
              <Statistic
                title={t('dashboard.satisfaction')}
                value={ratings.data?.average ?? t('dashboard.none')}
                suffix={ratings.data?.average == null ? undefined : '/ 5'}
                data-testid="stat-satisfaction"
              />
              {ratings.data && <small>{t('dashboard.ratings', { count: ratings.data.count })}</small>}
            </Card>
          </Col>
        )}
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.byPriority')}>{backlog.data && <OpenByPriorityChart open={backlog.data.open} />}</Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dashboard.byService')}>{backlog.data && <OpenByServiceChart open={backlog.data.open} />}</Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card title={t('dashboard.backlog')}>{backlog.data && <BacklogChart trend={backlog.data.trend} bucket={query.bucket} />}</Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('dashboard.mttr')}>
            <ResolutionTable resolution={summary.data?.resolution ?? []} loading={summary.isPending} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

function ResolutionTable({ resolution, loading }: { resolution: RecordSummary['resolution']; loading: boolean }) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  return (
    <Table
      size="small"
      pagination={false}
      loading={loading}
      rowKey={(r) => String(r.priority)}
      dataSource={resolution}
      data-testid="mttr-table"
      columns={[
        {
          title: t('dashboard.mttrColumns.priority'),
          render: (_, r) => (r.priority === null ? t('dashboard.noPriority') : labels.priority(r.priority)),
        },
        { title: t('dashboard.mttrColumns.resolved'), dataIndex: 'resolved', align: 'right' },
        { title: t('dashboard.mttrColumns.median'), render: (_, r) => r.medianHours.toFixed(1), align: 'right' },
        { title: t('dashboard.mttrColumns.mean'), render: (_, r) => r.meanHours.toFixed(1), align: 'right' },
      ]}
    />
  );
}
