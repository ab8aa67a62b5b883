import type { ServiceLevelReport } from '@keel/shared';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useLocale } from '../../app/i18n';

// Only what this chart draws: the bundle carries no other chart type.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Attainment per target per week or month; a gap where nothing was measured. */
export function TrendChart({ report }: { report: ServiceLevelReport }) {
  const locale = useLocale();
  const option = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28, containLabel: true },
    xAxis: {
      type: 'category',
      data: report.trend.map((b) => b.start.slice(report.bucket === 'month' ? 0 : 5, report.bucket === 'month' ? 7 : 10)),
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: report.targets.map((target) => ({
      name: target.label[locale],
      type: 'line',
      connectNulls: false,
      data: report.trend.map((b) => b.targets.find((x) => x.key === target.key)?.attainment ?? null),
    })),
  };
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 280, width: '100%' }} />;
}
