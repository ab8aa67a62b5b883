import { calendarDefinitionSchema, createSlaPolicySchema } from '@keel/shared';
import type { Db } from '../db/connect.js';
import { createCalendar } from '../modules/calendars/commands.js';
import { createCustomField } from '../modules/custom-fields/commands.js';
import { RECORD_TYPES } from '../modules/record-types.js';
import { createSlaPolicy } from '../modules/sla-policies/commands.js';
import { TASK_TYPE } from '../modules/tasks/type.js';
import { type Actor, loadActor } from '../platform/access/actor.js';
import { requestApproval } from '../platform/approvals/commands.js';
import type { AuditContext } from '../platform/audit/append.js';
import { addComment, createRecord } from '../platform/records/commands.js';
import { transitionRecord } from '../platform/records/transition.js';

const office = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

type DemoTask = {
  title: string;
  description: string;
  by: string;
  group: string;
  assignee?: string;
  impact: number;
  urgency: number;
  site: string;
  start?: boolean;
  comment?: { by: string; body: string; internal?: boolean };
  children?: string[];
};

const TASKS: DemoTask[] = [
  {
    title: '更换机房 B3 机柜 UPS 电池',
    description: '电池已使用 4 年，巡检发现内阻偏高。**需在周末窗口更换**。',
    by: 'li.wei',
    group: '网络与基础设施 Network & Infrastructure',
    assignee: 'chen.jie',
    impact: 1,
    urgency: 2,
    site: 'hangzhou',
    start: true,
    comment: { by: 'li.wei', body: '@chen.jie 请先确认备件到货时间。' },
    children: ['采购 UPS 电池备件', '安排周末停机窗口'],
  },
  {
    title: 'Renew the TLS certificate of portal.northwind.example',
    description: 'The certificate expires in 21 days. See the runbook for the renewal steps.',
    by: 'emma.clarke',
    group: '服务台 Service Desk',
    assignee: 'emma.clarke',
    impact: 2,
    urgency: 1,
    site: 'shanghai',
    start: true,
    comment: { by: 'emma.clarke', body: 'Waiting for the CA to validate the domain.', internal: true },
  },
  {
    title: '为新员工开通 VPN 与邮箱账号',
    description: '财务部新入职 3 人，名单见附件。',
    by: 'zhang.min',
    group: '服务台 Service Desk',
    impact: 3,
    urgency: 2,
    site: 'hangzhou',
  },
  {
    title: 'Quarterly restore test of the ERP database backup',
    description: 'Restore last Sunday’s backup into the test environment and record the time taken.',
    by: 'li.wei',
    group: '网络与基础设施 Network & Infrastructure',
    impact: 2,
    urgency: 3,
    site: 'shanghai',
  },
];

/**
 * The demo's records-engine data, after its people exist: an office-hours calendar with
 * China's statutory schedule, a task SLA policy on it, a custom field, and a few tasks with
 * comments, child tasks and an approval waiting for the CAB.
 */
export async function loadDemoRecords(db: Db, ctx: AuditContext): Promise<void> {
  const people = await db.kysely.selectFrom('users').select(['id', 'username']).execute();
  const groups = await db.kysely.selectFrom('groups').select(['id', 'name']).execute();
  const idOf = (username: string) => people.find((p) => p.username === username)?.id ?? null;
  const groupOf = (name: string) => groups.find((g) => g.name === name)?.id ?? null;
  // Actors are loaded before the transaction: on SQLite one connection serves both.
  const actors = new Map<string, Actor>();
  for (const username of new Set(TASKS.flatMap((t) => [t.by, t.comment?.by ?? t.by]))) {
    const id = idOf(username);
    const actor = id === null ? null : await loadActor(db, id, { via: 'token', csrfToken: null, sessionIdHash: null });
    if (actor) actors.set(username, actor);
  }
  await db.kysely.transaction().execute(async (trx) => {
    const calendarId = await createCalendar(trx, ctx, {
      name: '上海办公时间 Shanghai office hours',
      description: '周一至周五 9:00–18:00，含法定节假日与调休 / Mon–Fri with China’s statutory schedule',
      definition: calendarDefinitionSchema.parse({ timeZone: 'Asia/Shanghai', weekly: [office, office, office, office, office, [], []] }),
      statutoryRegion: 'CN',
    });
    await createSlaPolicy(
      trx,
      ctx,
      RECORD_TYPES,
      createSlaPolicySchema.parse({
        name: '任务 SLA / Task SLA',
        recordType: 'task',
        calendarId,
        targets: [
          {
            key: 'response',
            label: { 'zh-CN': '响应', en: 'Response' },
            stopOn: ['active', 'resolved', 'closed'],
            minutesByPriority: { 1: 30, 2: 60, 3: 240, 4: 480, 5: 960 },
            defaultMinutes: 480,
          },
          {
            key: 'resolution',
            label: { 'zh-CN': '解决', en: 'Resolution' },
            stopOn: ['resolved', 'closed'],
            minutesByPriority: { 1: 240, 2: 480, 3: 1440, 4: 2880, 5: 4800 },
            defaultMinutes: 2880,
          },
        ],
      }),
    );
    await createCustomField(trx, ctx, RECORD_TYPES, {
      recordType: 'task',
      key: 'site',
      label: { 'zh-CN': '站点', en: 'Site' },
      kind: 'choice',
      options: {
        choices: [
          { key: 'hangzhou', label: { 'zh-CN': '杭州数据中心', en: 'Hangzhou data centre' } },
          { key: 'shanghai', label: { 'zh-CN': '上海办公室', en: 'Shanghai office' } },
        ],
      },
      required: false,
      indexed: true,
      position: 0,
    });
    for (const task of TASKS) {
      const actor = actors.get(task.by);
      if (!actor) continue;
      const number = await createRecord(trx, ctx, TASK_TYPE, actor, {
        title: task.title,
        description: task.description,
        impact: task.impact,
        urgency: task.urgency,
        groupId: groupOf(task.group),
        assigneeId: task.assignee ? idOf(task.assignee) : null,
        custom: { site: task.site },
      });
      for (const child of task.children ?? []) {
        await createRecord(trx, ctx, TASK_TYPE, actor, { title: child, parent: number, groupId: groupOf(task.group) });
      }
      if (task.start)
        await transitionRecord(trx, ctx, TASK_TYPE, actor, { number, action: 'start', expectedVersion: null, types: RECORD_TYPES });
      const commenter = task.comment ? actors.get(task.comment.by) : undefined;
      if (task.comment && commenter) {
        await addComment(trx, ctx, TASK_TYPE, commenter, { number, body: task.comment.body, internal: task.comment.internal ?? false });
      }
      if (task.children?.length) {
        const record = await trx
          .selectFrom('records')
          .select(['id', 'number', 'type', 'title'])
          .where('number', '=', number)
          .executeTakeFirstOrThrow();
        const cab = groupOf('变更顾问委员会 CAB');
        if (cab !== null) {
          await requestApproval(trx, ctx, { ...record, def: TASK_TYPE }, actor, {
            title: '周末停机窗口审批 / Weekend outage window',
            mode: 'quorum',
            quorum: 2,
            level: 1,
            userIds: [],
            groupIds: [cab],
          });
        }
      }
    }
  });
}
