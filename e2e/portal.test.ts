import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiSession, apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const PASSWORD = 'Lantern-River-58';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;
const id = z.object({ id: z.number() });

/** The catalogue item the customer asks for, made through the service catalogue's API. */
async function seedCatalogue(admin: ApiSession, groupId: number) {
  const service = await admin.post('/services', { name: 'Workplace 办公设备', status: 'live' }, id);
  const form = {
    fields: [
      {
        key: 'model',
        label: { 'zh-CN': '型号', en: 'Model' },
        type: 'choice',
        required: true,
        options: [
          { value: 'light', label: { 'zh-CN': '轻薄本', en: 'Light' } },
          { value: 'power', label: { 'zh-CN': '高性能', en: 'Power' } },
        ],
      },
      { key: 'quantity', label: { 'zh-CN': '数量', en: 'Quantity' }, type: 'number', required: true, min: 1, max: 3 },
      { key: 'cost_centre', label: { 'zh-CN': '成本中心', en: 'Cost centre' }, type: 'text', required: true, pattern: 'CC-[0-9]{4}' },
    ],
  };
  await admin.post(
    '/catalogue-items',
    {
      serviceId: service.id,
      name: '笔记本电脑 Laptop',
      description: '新员工或更换电脑',
      category: 'hardware',
      form,
      fulfilmentGroupId: groupId,
      approval: { kind: 'manager' },
    },
    id,
  );
}

describe.skipIf(!runs)('customer portal journey: request, approval, fulfilment, confirm and rate', () => {
  let server: RunningServer;
  let browser: Browser;
  let phone: BrowserContext;
  let page: Page;
  let errors: string[];
  let agent: ApiSession;
  let number = '';

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    const admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const org = await admin.post('/organisations', { name: '华东分公司', code: 'EAST' }, id);
    const manager = await admin.post(
      '/users',
      {
        username: 'li.wei',
        displayName: '李伟',
        kind: 'staff',
        roles: ['agent'],
        locale: 'en',
        timeZone: 'Asia/Shanghai',
        password: PASSWORD,
      },
      id,
    );
    await admin.post(
      '/users',
      {
        username: 'wang.fang',
        displayName: '王芳',
        kind: 'customer',
        roles: ['customer'],
        organisationId: org.id,
        managerId: manager.id,
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        password: PASSWORD,
      },
      id,
    );
    const desk = await admin.post('/groups', { name: 'Desktop support 桌面支持', memberIds: [manager.id] }, id);
    await seedCatalogue(admin, desk.id);
    agent = await apiSession(server.baseUrl, 'li.wei', PASSWORD);
    phone = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page = await phone.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await phone?.close();
    await browser?.close();
    await server?.stop();
  });

  it('a customer signs in on a phone and lands in the portal, in Chinese', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel('用户名', { exact: true }).fill('wang.fang');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('portal-home').getByText('王芳，您好！需要什么帮助？').waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
  });

  it('finds the item in the catalogue and fills its form, told in words what is wrong', async () => {
    await page.getByTestId('portal-catalogue').click();
    await page.getByTestId('catalogue-search').locator('input').fill('笔记本');
    await page.getByTestId('catalogue-item').filter({ hasText: '笔记本电脑 Laptop' }).filter({ hasText: '需要审批' }).click();
    const form = page.getByTestId('request-form');
    await form.getByText('轻薄本').click();
    await form.getByLabel('数量', { exact: true }).fill('5');
    await form.getByLabel('成本中心', { exact: true }).fill('cc-1');
    await page.getByTestId('request-submit').click();
    // The browser refuses what the server would, with the form's own limits.
    await form.getByText('不能大于 3').waitFor();
    await form.getByText('格式不正确').waitFor();
    await form.getByLabel('数量', { exact: true }).fill('2');
    await form.getByLabel('成本中心', { exact: true }).fill('CC-2048');
    await page.getByTestId('request-submit').click();
    await page.waitForURL(/\/portal\/tickets\/REQ-\d{6}$/);
    number = (await page.getByTestId('ticket-number').textContent()) ?? '';
    expect(number).toMatch(/^REQ-\d{6}$/);
    await page.getByTestId('state-tag').filter({ hasText: '待审批' }).waitFor();
    await page.getByTestId('approval-state').filter({ hasText: '等待审批' }).waitFor();
    await page.getByTestId('request-answers').getByText('CC-2048').waitFor();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(outputDir, 'portal-request-phone.png'), fullPage: true });
  });

  it('the manager approves and the service desk fulfils it', async () => {
    const approvals = await agent.get(`/requests/${number}/approvals`, z.object({ items: z.array(z.object({ id: z.number() })) }));
    await agent.post(`/requests/${number}/approvals/${approvals.items[0]?.id}/votes`, { decision: 'approve' }, z.unknown());
    const children = await agent.get(`/requests/${number}/children`, z.object({ items: z.array(z.object({ number: z.string() })) }));
    const task = children.items[0]?.number;
    expect(task).toMatch(/^TASK-/);
    const me = await agent.get('/me', id);
    await agent.patch(`/tasks/${task}`, { assigneeId: me.id }, z.unknown());
    await agent.post(`/tasks/${task}/transitions`, { action: 'start' }, z.unknown());
    await agent.post(`/tasks/${task}/transitions`, { action: 'complete' }, z.unknown());
    await agent.post(`/requests/${number}/transitions`, { action: 'fulfil' }, z.unknown());
  });

  it('the customer sees it fulfilled, confirms and rates it', async () => {
    await page.getByTestId('portal-back').click();
    await page.getByTestId('ticket-row').filter({ hasText: number }).filter({ hasText: '已完成' }).click();
    await page.getByTestId('approval-state').filter({ hasText: '已批准' }).waitFor();
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('state-tag').filter({ hasText: '已关闭' }).waitFor();
    const card = page.getByTestId('rating-card');
    await card.locator('.ant-rate-star').nth(4).click();
    await page.getByTestId('rating-comment').fill('很快就收到了，谢谢！');
    await page.getByTestId('rating-submit').click();
    await page.getByTestId('rating-given').getByText('很快就收到了，谢谢！').waitFor();
    await page.screenshot({ path: path.join(outputDir, 'portal-rated-phone.png'), fullPage: true });
    const rating = await agent.get(`/requests/${number}/rating`, z.object({ rating: z.object({ score: z.number() }) }));
    expect(rating.rating.score).toBe(5);
    expect(errors).toEqual([]);
  });

  it('the customer reports a problem from the portal', async () => {
    await page.goto(`${server.baseUrl}/portal`);
    await page.getByTestId('portal-raise-incident').click();
    await page.getByTestId('incident-title').fill('打印机卡纸 Printer jam');
    await page.getByTestId('incident-description').fill('三楼打印机一直卡纸。');
    await page.getByTestId('incident-submit').click();
    await page.waitForURL(/\/portal\/tickets\/INC-\d{6}$/);
    await page.getByTestId('state-tag').filter({ hasText: '新建' }).waitFor();
    await page.getByTestId('portal-back').click();
    await page.getByTestId('ticket-row').filter({ hasText: '打印机卡纸 Printer jam' }).waitFor();
    await page.getByTestId('ticket-row').filter({ hasText: number }).waitFor();
    expect(errors).toEqual([]);
  });

  it('the service desk sees the answers and the rating on the request, in English', async () => {
    const desktop = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    const staff = await desktop.newPage();
    const staffErrors = watchErrors(staff);
    await staff.goto(`${server.baseUrl}/requests/${number}`);
    await staff.getByLabel('Username', { exact: true }).fill('li.wei');
    await staff.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await staff.getByTestId('sign-in-submit').click();
    await staff.waitForURL(`${server.baseUrl}/requests/${number}`);
    await staff.getByRole('tab', { name: 'What you asked for' }).click();
    await staff.getByTestId('request-answers').getByText('Light').waitFor();
    await staff.getByRole('tab', { name: 'Customer rating' }).click();
    await staff.getByTestId('rating-tab').getByText('5/5').waitFor();
    await staff.screenshot({ path: path.join(outputDir, 'request-staff.png') });
    expect(staffErrors).toEqual([]);
    await desktop.close();
  });
});
