import type { Catalogue } from './en.js';

/** 坐席工作台：队列与键盘快捷键（简体中文）。 */
export const workspaceZhCN: Catalogue['workspace'] = {
  title: '工作台',
  type: '记录类型',
  queues: {
    mine: '我的工作',
    groups: '我所在组的队列',
    unassigned: '未分派',
    atRisk: '即将违约',
    recent: '最近更新',
  },
  empty: {
    mine: '没有分派给你的工作。',
    groups: '你所在的组没有未完成的工作，或你不属于任何组。',
    unassigned: '所有未完成的记录都已分派。',
    atRisk: '两小时内没有到期的未完成记录。',
    recent: '暂无记录。',
  },
  shortcuts: {
    title: '键盘快捷键',
    button: '快捷键（?）',
    move: '下一行 / 上一行',
    open: '打开选中的记录',
    queue: '切换队列',
    search: '搜索',
    help: '显示本列表',
  },
};
