import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import { createGroup } from '../modules/groups/commands.js';
import { createOrganisation } from '../modules/organisations/commands.js';
import { createUser } from '../modules/users/commands.js';
import { type AuditContext, appendAudit } from '../platform/audit/append.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { loadDemoRecords } from './demo-records.js';

/** Every demo account signs in with this password (documented in the README; demo only). */
export const DEMO_PASSWORD = 'Keel-Demo-2026';

type DemoUser = {
  username: string;
  displayName: string;
  kind: 'staff' | 'customer';
  roles: string[];
  org?: string;
  locale: 'zh-CN' | 'en';
  email: string;
  seesOrganisationRecords?: boolean;
};

const ORGANISATIONS = [
  {
    code: 'HZ-FIN',
    name: '杭州西湖金融服务有限公司',
    description: '主要客户：网上银行与柜面系统 / Key customer: online and branch banking',
  },
  { code: 'NORTHWIND', name: 'Northwind Logistics (Shanghai) Ltd.', description: '仓储与运输调度系统 / Warehouse and dispatch systems' },
];

const USERS: DemoUser[] = [
  { username: 'li.wei', displayName: '李伟', kind: 'staff', roles: ['service_manager'], locale: 'zh-CN', email: 'li.wei@keel.example' },
  { username: 'zhang.min', displayName: '张敏', kind: 'staff', roles: ['agent'], locale: 'zh-CN', email: 'zhang.min@keel.example' },
  {
    username: 'emma.clarke',
    displayName: 'Emma Clarke',
    kind: 'staff',
    roles: ['agent', 'cab_member'],
    locale: 'en',
    email: 'emma.clarke@keel.example',
  },
  {
    username: 'wang.fang',
    displayName: '王芳',
    kind: 'staff',
    roles: ['change_manager', 'cab_member'],
    locale: 'zh-CN',
    email: 'wang.fang@keel.example',
  },
  {
    username: 'chen.jie',
    displayName: '陈杰',
    kind: 'staff',
    roles: ['problem_manager', 'agent'],
    locale: 'zh-CN',
    email: 'chen.jie@keel.example',
  },
  {
    username: 'omar.haddad',
    displayName: 'Omar Haddad',
    kind: 'staff',
    roles: ['security_officer'],
    locale: 'en',
    email: 'omar.haddad@keel.example',
  },
  { username: 'zhao.lin', displayName: '赵琳', kind: 'staff', roles: ['auditor'], locale: 'zh-CN', email: 'zhao.lin@keel.example' },
  {
    username: 'liu.yang',
    displayName: '刘洋',
    kind: 'customer',
    roles: ['customer'],
    org: 'HZ-FIN',
    locale: 'zh-CN',
    email: 'liu.yang@hzfin.example',
    seesOrganisationRecords: true,
  },
  {
    username: 'sun.li',
    displayName: '孙丽',
    kind: 'customer',
    roles: ['customer'],
    org: 'HZ-FIN',
    locale: 'zh-CN',
    email: 'sun.li@hzfin.example',
  },
  {
    username: 'james.wu',
    displayName: 'James Wu',
    kind: 'customer',
    roles: ['customer'],
    org: 'NORTHWIND',
    locale: 'en',
    email: 'james.wu@northwind.example',
  },
];

const GROUPS = [
  {
    name: '服务台 Service Desk',
    description: '一线支持，7×24 受理 / First line, 24×7',
    lead: 'li.wei',
    members: ['zhang.min', 'emma.clarke'],
  },
  {
    name: '网络与基础设施 Network & Infrastructure',
    description: '二线：网络、服务器、存储 / Second line',
    lead: 'chen.jie',
    members: ['chen.jie', 'emma.clarke'],
  },
  {
    name: '变更顾问委员会 CAB',
    description: '审批正常与紧急变更 / Approves normal and emergency changes',
    lead: 'wang.fang',
    members: ['wang.fang', 'emma.clarke', 'li.wei'],
  },
];

/** Loads the demo organisation and its records once; returns false when they are already there. */
export async function loadDemo(db: Db, config: Config): Promise<boolean> {
  const ctx: AuditContext = { actorId: null, actorName: 'system', ip: null, requestId: null, dialect: db.dialect };
  const loaded = await loadDemoPeople(db, config, ctx);
  if (loaded) await loadDemoRecords(db, ctx);
  return loaded;
}

async function loadDemoPeople(db: Db, config: Config, ctx: AuditContext): Promise<boolean> {
  const present = await db.kysely.selectFrom('organisations').select('id').where('code_key', '=', 'hz-fin').executeTakeFirst();
  if (present) return false;
  // Every demo account shares the documented password: hash it once, outside the transaction.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.kysely.transaction().execute(async (trx) => {
    // Another process may have loaded it meanwhile.
    const raced = await trx.selectFrom('organisations').select('id').where('code_key', '=', 'hz-fin').executeTakeFirst();
    if (raced) return false;
    const orgIds = new Map<string, number>();
    for (const org of ORGANISATIONS) orgIds.set(org.code, await createOrganisation(trx, ctx, org));
    const userIds = new Map<string, number>();
    for (const user of USERS) {
      const id = await createUser(
        trx,
        ctx,
        config,
        {
          username: user.username,
          displayName: user.displayName,
          email: user.email,
          kind: user.kind,
          organisationId: user.org ? orgIds.get(user.org) : null,
          seesOrganisationRecords: user.seesOrganisationRecords ?? false,
          roles: user.roles,
          locale: user.locale,
          timeZone: user.locale === 'en' && user.kind === 'staff' ? 'Europe/London' : 'Asia/Shanghai',
          password: DEMO_PASSWORD,
        },
        passwordHash,
      );
      userIds.set(user.username, id);
    }
    // Demo people sign in with the documented password without being forced to change it.
    await trx
      .updateTable('users')
      .set({ must_change_password: 0 })
      .where('id', 'in', [...userIds.values()])
      .execute();
    for (const group of GROUPS) {
      await createGroup(trx, ctx, {
        name: group.name,
        description: group.description,
        leadId: userIds.get(group.lead) ?? null,
        memberIds: group.members.flatMap((m) => userIds.get(m) ?? []),
      });
    }
    await appendAudit(trx, ctx, { action: 'system.demo_loaded', objectType: 'system', changes: { users: [null, USERS.length] } });
    return true;
  });
}
