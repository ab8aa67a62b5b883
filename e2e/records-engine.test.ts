import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const STAFF_PASSWORD = 'Teapot-Orbit-77';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;

/** Waits for toasts to fade and drawers and dialogs to close, so a screenshot shows the page itself. */
async function settled(page: Page): Promise<void> {
  await expect
    .poll(() => page.locator('.ant-message-notice, .ant-drawer-open, .ant-modal-wrap:visible').count(), { timeout: 10_000 })
    .toBe(0);
}

/** Waits for an opening drawer to finish sliding in from the right, so a screenshot shows it in place. */
async function drawerShown(page: Page): Promise<void> {
  const drawer = page.locator('.ant-drawer-open .ant-drawer-content-wrapper');
  await drawer.waitFor();
  const right = async () => {
    const box = await drawer.boundingBox();
    return box ? Math.round(box.x + box.width) : null;
  };
  await expect.poll(right, { timeout: 5000 }).toBe(page.viewportSize()?.width);
}

async function signIn(page: Page, baseUrl: string, username: string, password: string, next: string): Promise<void> {
  await page.goto(`${baseUrl}${next}`);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.waitForURL(`${baseUrl}${next}`);
}

async function pick(page: Page, option: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe.skipIf(!runs)('records engine journey: SLA, custom fields, workflow, approvals, child tasks', () => {
  let server: RunningServer;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let admin: Page;
  let agent: Page;
  let taskNumber = '';

  // Every desktop page's browser errors, checked at the end of the journey.
  const pageErrors: string[][] = [];

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    pageErrors.push(watchErrors(page));
    return page;
  }

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    const api = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    for (const [username, displayName] of [
      ['zhang.san', '张三'],
      ['li.wei', '李伟'],
    ]) {
      await api.post(
        '/users',
        { username, displayName, kind: 'staff', roles: ['agent'], locale: 'en', timeZone: 'Asia/Shanghai', password: STAFF_PASSWORD },
        z.object({ id: z.number() }),
      );
    }
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
    await browser?.close();
    await server?.stop();
  });

  it('an administrator adds an SLA policy from the admin screen', async () => {
    admin = await newPage();
    await signIn(admin, server.baseUrl, 'admin', ADMIN_PASSWORD, '/admin/sla-policies');
    // The administrator's own language is Chinese; this part of the journey reads in English.
    await admin.getByRole('heading', { name: 'SLA 策略' }).waitFor();
    await admin.getByTestId('language-switch').getByText('English').click();
    await admin.getByRole('heading', { name: 'SLA policies' }).waitFor();
    await admin.getByTestId('new-sla-policy').click();
    const form = admin.getByTestId('sla-policy-form');
    await form.getByLabel('Name', { exact: true }).fill('Tasks: resolve within a day 任务一日内解决');
    // A new policy starts with a resolution target; P1 gets two hours instead of four.
    await admin.getByTestId('target-0-p1').fill('120');
    await drawerShown(admin);
    await admin.screenshot({ path: path.join(outputDir, 'sla-policy-drawer.png') });
    await admin.getByTestId('save-sla-policy').click();
    const row = admin.getByTestId('sla-policies-table').getByRole('row').filter({ hasText: 'Tasks: resolve within a day' });
    await row.getByTestId('sla-target-summary').filter({ hasText: 'Resolution' }).filter({ hasText: 'P1 120 min' }).waitFor();
    await row.getByText('every record').waitFor();
    await settled(admin);
    await admin.screenshot({ path: path.join(outputDir, 'sla-policies.png') });
  });

  it('adds a required choice field to tasks, labelled in both languages', async () => {
    await admin.getByRole('menuitem', { name: 'Custom fields' }).click();
    await admin.getByRole('heading', { name: 'Custom fields' }).waitFor();
    await admin.getByTestId('new-custom-field').click();
    const form = admin.getByTestId('custom-field-form');
    await form.getByLabel('Key', { exact: true }).fill('site');
    await form.getByLabel('Label (中文)', { exact: true }).fill('站点');
    await form.getByLabel('Label (English)', { exact: true }).fill('Site');
    await form.getByLabel('Kind', { exact: true }).click();
    await pick(admin, /^Choice$/);
    for (const [index, key, zh, en] of [
      [0, 'pudong', '浦东', 'Pudong'],
      [1, 'minhang', '闵行', 'Minhang'],
    ] as const) {
      await admin.getByTestId('add-choice').click();
      await admin.getByTestId(`choice-key-${index}`).fill(key);
      await admin.getByTestId(`choice-zh-${index}`).fill(zh);
      await admin.getByTestId(`choice-en-${index}`).fill(en);
    }
    await admin.getByTestId('field-required').click();
    await admin.getByTestId('save-custom-field').click();
    const row = admin.getByTestId('custom-fields-table').getByRole('row').filter({ hasText: 'site' });
    await row.getByText('Choice', { exact: true }).waitFor();
    await row.getByText('Active', { exact: true }).waitFor();
    await settled(admin);
    await admin.screenshot({ path: path.join(outputDir, 'custom-fields.png') });
  });

  it('draws the task workflow and saves, then resets, an edited one', async () => {
    await admin.getByRole('menuitem', { name: 'Workflows' }).click();
    const diagram = admin.getByTestId('workflow-diagram');
    await diagram.waitFor();
    expect(await diagram.getByTestId('workflow-state').count()).toBe(5);
    await diagram.locator('[data-testid="workflow-state"][data-state="on_hold"]').getByText('On hold', { exact: true }).waitFor();
    await diagram
      .locator('[data-testid="workflow-edge"][data-from="in_progress"][data-to="done"]')
      .getByText('Complete', { exact: true })
      .waitFor();
    await admin.getByTestId('workflow-version').filter({ hasText: 'Shipped workflow' }).waitFor();
    await admin.screenshot({ path: path.join(outputDir, 'workflow-diagram.png'), fullPage: true });

    await admin.getByTestId('workflow-editor-panel').getByText('Edit as JSON').click();
    const json = admin.getByTestId('workflow-json');
    await json.fill((await json.inputValue()).replace('"en": "On hold"', '"en": "Waiting on others"'));
    await admin.getByTestId('workflow-check').getByText('The shape is valid.').waitFor();
    await admin.getByTestId('save-workflow').click();
    await admin.getByTestId('workflow-version').filter({ hasText: 'Edited (version 1)' }).waitFor();
    await diagram.locator('[data-testid="workflow-state"][data-state="on_hold"]').getByText('Waiting on others', { exact: true }).waitFor();
    await admin.getByTestId('reset-workflow').click();
    await admin.locator('.ant-popconfirm').getByRole('button', { name: 'OK' }).click();
    await admin.getByTestId('workflow-version').filter({ hasText: 'Shipped workflow' }).waitFor();
    await diagram.locator('[data-testid="workflow-state"][data-state="on_hold"]').getByText('On hold', { exact: true }).waitFor();
  });

  it('an agent creates a task with the custom field and sees its SLA clock count down', async () => {
    agent = await newPage();
    await signIn(agent, server.baseUrl, 'zhang.san', STAFF_PASSWORD, '/tasks');
    await agent.getByTestId('new-record').click();
    const form = agent.getByTestId('record-form');
    await form.getByLabel('Title', { exact: true }).fill('Core switch fails over 核心交换机切换');
    await agent.getByTestId('save-record').click();
    // The site is required: the form says so before anything is sent.
    await form.locator('.ant-form-item-has-error').filter({ hasText: 'Site' }).waitFor();
    await form.getByLabel('Site', { exact: true }).click();
    await pick(agent, 'Pudong');
    await agent.getByTestId('save-record').click();
    const row = agent.getByTestId('records-table').getByRole('row').filter({ hasText: 'Core switch fails over' });
    await row
      .getByTestId('sla-badge')
      .filter({ hasText: /^Resolution: \d+h( \d+m)? left$/ })
      .waitFor();
    taskNumber = (await row.getByTestId('record-link').textContent()) ?? '';
    expect(taskNumber).toMatch(/^TASK-\d{6}$/);

    await row.getByTestId('record-link').click();
    await agent.waitForURL(`${server.baseUrl}/tasks/${taskNumber}`);
    const badge = agent.getByTestId('record-title').locator('xpath=..').getByTestId('sla-badge');
    await badge.filter({ hasText: /^Resolution: 7h 5\dm left$/ }).waitFor();
    expect(await badge.getAttribute('data-tone')).toBe('normal');
    await agent.getByTestId('field-custom-site').getByText('Pudong').waitFor();
  });

  it('asks a colleague for approval', async () => {
    await agent.getByRole('tab', { name: 'Approvals' }).click();
    await agent.getByTestId('approvals').getByText('No approval has been asked for.').waitFor();
    await agent.getByTestId('request-approval').click();
    const form = agent.getByTestId('approval-form');
    await form.getByLabel('What is to be approved', { exact: true }).fill('Replace the core switch 更换核心交换机');
    await form.getByLabel('People', { exact: true }).fill('li');
    await pick(agent, '李伟 (li.wei)');
    await agent.keyboard.press('Escape');
    await agent.getByTestId('save-approval-request').click();
    const request = agent.getByTestId('approval-request').filter({ hasText: 'Replace the core switch' });
    await request.getByTestId('approval-state').filter({ hasText: 'Open' }).waitFor();
    await request.getByTestId('approvers').getByText('李伟').waitFor();
    await request.getByText('No votes yet.').waitFor();
    // The agent is not an approver: no vote buttons for them.
    expect(await request.getByTestId('approve').count()).toBe(0);
  });

  it('adds a child task from the Children tab and sees the roll-up', async () => {
    await agent.getByRole('tab', { name: /^Child records/ }).click();
    await agent.getByTestId('children').getByText('No child records.').waitFor();
    await agent.getByTestId('add-child').click();
    const form = agent.getByTestId('record-form');
    expect(await form.getByTestId('record-parent').inputValue()).toBe(taskNumber);
    await form.getByLabel('Title', { exact: true }).fill('Order a spare switch 订购备用交换机');
    await form.getByLabel('Site', { exact: true }).click();
    await pick(agent, 'Minhang');
    await agent.getByTestId('save-record').click();
    await agent
      .getByTestId('child-row')
      .filter({ hasText: 'Order a spare switch' })
      .getByTestId('state-tag')
      .filter({ hasText: 'New' })
      .waitFor();
    await agent.getByTestId('children-rollup').filter({ hasText: '1 of 1 still open' }).waitFor();
    await agent
      .getByRole('tab', { name: /^Child records/ })
      .getByTestId('tab-badge')
      .filter({ hasText: '1/1' })
      .waitFor();
    await settled(agent);
    await agent.screenshot({ path: path.join(outputDir, 'record-children.png'), fullPage: true });
  });

  it('the approver finds it in My approvals and approves with a comment', async () => {
    const approver = await newPage();
    await signIn(approver, server.baseUrl, 'li.wei', STAFF_PASSWORD, '/');
    await approver.getByTestId('nav-approvals').getByTestId('inbox-count').filter({ hasText: '1' }).waitFor();
    await approver.getByTestId('nav-approvals').click();
    await approver.waitForURL(`${server.baseUrl}/approvals`);
    const item = approver.getByTestId('inbox-item').filter({ hasText: 'Replace the core switch' });
    await item.getByTestId('inbox-record').filter({ hasText: taskNumber }).waitFor();
    await approver.screenshot({ path: path.join(outputDir, 'approvals-inbox.png'), fullPage: true });

    await item.getByTestId('inbox-approve').click();
    await approver.getByTestId('vote-comment').fill('Budget confirmed 预算已确认');
    await approver.getByTestId('vote-submit').click();
    await approver.getByTestId('approval-inbox').getByText('Nothing is waiting for your approval.').waitFor();
    await expect.poll(() => approver.getByTestId('inbox-count').count()).toBe(0);

    // A delegation while away: set, shown in words, ended.
    const delegation = approver.getByTestId('delegation');
    await delegation.getByLabel('Delegate', { exact: true }).fill('zhang');
    await pick(approver, '张三 (zhang.san)');
    await approver.getByTestId('save-delegation').click();
    await delegation
      .getByTestId('delegation-state')
      .filter({ hasText: 'Your approvals go to 张三 until you end the delegation.' })
      .waitFor();
    await approver.getByTestId('clear-delegation').click();
    await delegation.getByTestId('delegation-state').filter({ hasText: 'No delegation' }).waitFor();
  });

  it('the record shows the approval as approved, with the vote and its comment', async () => {
    await agent.reload();
    await agent.getByRole('tab', { name: 'Approvals' }).click();
    const request = agent.getByTestId('approval-request').filter({ hasText: 'Replace the core switch' });
    await request.getByTestId('approval-state').filter({ hasText: 'Approved' }).waitFor();
    const vote = request.getByTestId('approval-vote').filter({ hasText: '李伟' });
    await vote.getByText('Approve', { exact: true }).waitFor();
    await vote.getByTestId('vote-comment-text').filter({ hasText: 'Budget confirmed 预算已确认' }).waitFor();
    await settled(agent);
    await agent.screenshot({ path: path.join(outputDir, 'record-approvals.png'), fullPage: true });
  });

  it('reads in Chinese', async () => {
    await agent.getByTestId('language-switch').getByText('中文').click();
    await agent.getByRole('tab', { name: '审批' }).click();
    await agent.getByTestId('approval-state').filter({ hasText: '已批准' }).waitFor();
    await agent.getByRole('tab', { name: /^子记录/ }).waitFor();
    await agent
      .getByTestId('sla-badge')
      .filter({ hasText: /^解决：剩余 7 小时/ })
      .first()
      .waitFor();
    await agent.getByTestId('field-custom-site').getByText('浦东').waitFor();
    await agent.getByRole('menuitem', { name: /我的审批/ }).waitFor();
    await settled(agent);
    await agent.screenshot({ path: path.join(outputDir, 'record-engine-zh.png'), fullPage: true });
  });

  it('works on a phone', async () => {
    const phone = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      storageState: await agent.context().storageState(),
    });
    contexts.push(phone);
    const page = await phone.newPage();
    const phoneErrors = watchErrors(page);
    await page.goto(`${server.baseUrl}/tasks/${taskNumber}`);
    await page.getByTestId('sla-badge').first().waitFor();
    await page.getByRole('tab', { name: '审批' }).click();
    await page.getByTestId('approval-request').first().waitFor();
    await page.screenshot({ path: path.join(outputDir, 'record-engine-phone.png'), fullPage: true });
    await page.goto(`${server.baseUrl}/approvals`);
    await page.getByTestId('delegation').waitFor();
    await page.screenshot({ path: path.join(outputDir, 'approvals-phone.png'), fullPage: true });
    expect(phoneErrors).toEqual([]);
  });

  it('showed no errors in the browser', () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
