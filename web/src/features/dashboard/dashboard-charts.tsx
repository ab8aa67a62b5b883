import type { Backlog } from '@keel/shared';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { useRecordLabels } from '../records/use-record-labels';

// Only what the dashboard draws: the bundle carries no other chart type.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

const GRID = { left: 8, right: 16, top: 36, bottom: 8, containLabel: true };

function Chart({ option, testId }: { option: Record<string, unknown>; testId: string }) {
  return (
    <div data-testid={testId}>
      <ReactEChartsCore echarts={echarts} option={{ animation: false, ...option }} notMerge style={{ height: 260, width: '100%' }} />
    </div>
  );
}

export function OpenByPriorityChart({ open }: { open: Backlog['open'] }) {
  const { t } = useTranslation();
  const labels = useRecordLabels();
  const option = {
    tooltip: { trigger: 'axis' },
    grid: GRID,
    xAxis: {
      type: 'category',
      data: open.byPriority.map((p) => (p.priority === null ? t('dashboard.noPriority') : labels.priority(p.priority))),
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: t('dashboard.openNow'), data: open.byPriority.map((p) => p.count), itemStyle: { color: '#fa8c16' } }],
  };
  return <Chart option={option} testId="chart-by-priority" />;
}

export function OpenByServiceChart({ open }: { open: Backlog['open'] }) {
  const { t } = useTranslation();
  // The largest at the top: a horizontal bar chart draws its first category at the bottom.
  const rows = [...open.byService].reverse();
  const option = {
    tooltip: { trigger: 'axis' },
    grid: GRID,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((s) => s.serviceName ?? t('dashboard.noService')) },
    series: [{ type: 'bar', name: t('dashboard.openNow'), data: rows.map((s) => s.count), itemStyle: { color: '#1677ff' } }],
  };
  return <Chart option={option} testId="chart-by-service" />;
}

export function BacklogChart({ trend, bucket }: { trend: Backlog['trend']; bucket: 'day' | 'week' }) {
  const { t } = useTranslation();
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: trend.map((b) => b.start.slice(5, 10)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'line', name: t('dashboard.series.open'), data: trend.map((b) => b.open), smooth: bucket === 'week' },
      { type: 'bar', name: t('dashboard.series.opened'), data: trend.map((b) => b.opened) },
      { type: 'bar', name: t('dashboard.series.resolved'), data: trend.map((b) => b.resolved) },
    ],
  };
  return <Chart option={option} testId="chart-backlog" />;
}
