import type { Catalogue } from './en.js';

/** 服务台仪表板（简体中文）。 */
export const dashboardZhCN: Catalogue['dashboard'] = {
  title: '仪表板',
  periods: { '30d': '最近 30 天', '26w': '最近 26 周' },
  openNow: '当前未完成',
  slaAttainment: 'SLA 达成率',
  slaMeasured: '{{measured}} 项中达成 {{met}} 项',
  satisfaction: '满意度',
  ratings: '{{count}} 条评价',
  reopenRate: '重新打开',
  reassignments: '平均转派次数',
  byPriority: '按优先级的未完成事件',
  byService: '按服务的未完成事件',
  noService: '无服务 / 其他',
  backlog: '积压趋势',
  series: { open: '期末未完成', opened: '新建', resolved: '已解决' },
  mttr: '解决时长',
  mttrColumns: { priority: '优先级', resolved: '已解决', median: '中位数（小时）', mean: '平均（小时）' },
  noPriority: '无',
  none: '—',
};
