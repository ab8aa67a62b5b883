import type { Catalogue } from './en.js';

export const engineZhCN: Catalogue['engine'] = {
  guards: {
    approvals_granted: '所有审批均已通过',
    children_done: '所有子记录均已完成',
  },
  effects: {
    open_review_task: '创建评审任务',
    resolve_children: '解决未完成的子记录',
    cancel_children: '取消未完成的子记录',
  },
  approvalModes: {
    any: '任一审批人',
    all: '全部审批人',
    quorum: '达到法定人数',
  },
  approvalStates: {
    waiting: '等待上一级审批',
    pending: '审批中',
    approved: '已批准',
    rejected: '已驳回',
    cancelled: '已撤回',
  },
  fieldKinds: {
    text: '文本',
    number: '数字',
    date: '日期',
    choice: '选项',
    user: '人员',
    reference: '记录',
  },
  timeline: {
    approvalRequested: '发起了审批',
    approvalVoted: '投票',
    approvalDecided: '审批已有结论',
    decisions: { approve: '同意', reject: '驳回' },
    childAdded: '添加了子记录',
    slaWarned: 'SLA 预警',
    slaBreached: 'SLA 违约',
    slaWarnedBody: '{{target}} 已用去 {{percent}}% 的时间（截止 {{due}}）。',
    slaBreachedBody: '{{target}} 的截止时间为 {{due}}。',
    onBehalfOf: '代用户 #{{id}}',
  },
  children: {
    tab: '子记录',
    rollup: '共 {{total}} 条，{{open}} 条未完成',
    empty: '没有子记录。',
    add: '添加子任务',
  },
  sla: {
    column: 'SLA',
    running: '{{label}}：计时中',
    dueIn: '{{label}}：剩余 {{time}}',
    overdue: '{{label}}：已超时 {{time}}',
    paused: '{{label}}：已暂停，已用 {{used}} / {{target}} 分钟',
    met: '{{label}}：已达成',
    missed: '{{label}}：未达成',
    target: '目标 {{minutes}} 个工作分钟',
    dueAt: '截止 {{time}}',
    breachedAt: '违约于 {{time}}',
    units: { d: '{{n}} 天', h: '{{n}} 小时', m: '{{n}} 分', s: '{{n}} 秒' },
  },
  generated: {
    reviewTask: '{{number}} 的评审：{{title}}',
    resolvedWithParent: '随 {{number}} 一并解决',
    cancelledWithParent: '随 {{number}} 一并取消',
  },
};
