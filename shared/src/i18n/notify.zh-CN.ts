import type { Catalogue } from './en.js';

/** 通知铃铛、通知设置与通知邮件（简体中文）。 */
export const notifyZhCN: Catalogue['notify'] = {
  bell: '通知',
  bellUnread: '通知：{{count}} 条未读',
  title: '通知',
  unreadOnly: '仅看未读',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  empty: '暂无通知。',
  emptyUnread: '没有未读通知。',
  someone: '有人',
  internal: '内部备注',
  events: {
    mentioned: '{{actor}} 在 {{number}} 中提到了您',
    assigned: '{{actor}} 将 {{number}} 分派给了您',
    group_assigned: '{{number}} 已分派给您所在的组 {{group}}',
    commented: '{{actor}} 评论了 {{number}}',
    state_changed: '{{number}} 的状态变为 {{state}}',
  },
  preferences: {
    title: '通知',
    intro: '选择 Keel 以何种方式通知您与您相关的记录。您自己的操作不会通知您。',
    event: '何时通知',
    inApp: '站内通知',
    email: '邮件通知',
    mailUnavailable: '本服务器未配置邮件发送：只会发送站内通知。',
    noEmailAddress: '请在“个人信息”中填写邮箱地址，才能收到邮件。',
    saved: '通知设置已保存。',
    events: {
      mentioned: '有人在评论中提到我',
      assigned: '记录分派给我',
      group_assigned: '记录分派给我所在的组',
      commented: '有人评论我提交的记录',
      state_changed: '我提交的记录状态发生变化',
    },
  },
  mail: {
    subjects: {
      mentioned: '[{{number}}] {{actor}} 提到了您：{{title}}',
      assigned: '[{{number}}] 分派给您：{{title}}',
      group_assigned: '[{{number}}] 分派给 {{group}}：{{title}}',
      commented: '[{{number}}] 新评论：{{title}}',
      state_changed: '[{{number}}] 状态变为{{state}}：{{title}}',
    },
    lines: {
      mentioned: '{{actor}} 在 {{number}}“{{title}}”中提到了您。',
      assigned: '{{actor}} 将 {{number}}“{{title}}”分派给了您。',
      group_assigned: '{{number}}“{{title}}”已分派给您所在的组 {{group}}。',
      commented: '{{actor}} 评论了 {{number}}“{{title}}”。',
      state_changed: '{{number}}“{{title}}”的状态变为{{state}}。',
    },
    greeting: '{{name}}，您好：',
    open: '查看 {{number}}',
    footer: '您收到这封邮件，是因为您在 Keel 中的通知设置（个人资料 → 通知）。',
  },
};
