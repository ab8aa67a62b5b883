import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiSession, apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const AGENT_PASSWORD = 'Teapot-Orbit-77';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;
const created = z.object({ number: z.string() });

/** Waits for toasts to fade and drawers to close, so a screenshot shows the page itself. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice, .ant-drawer-open').count(), { timeout: 10_000 }).toBe(0);
}

describe.skipIf(!runs)('records journey: a task from creation to links', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let dialogs = 0;
  let admin: ApiSession;
  let taskNumber = '';
  let causeNumber = '';

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    for (const [username, displayName] of [
      ['zhang.san', '张三'],
      ['li.wei', '李伟'],
    ]) {
      await admin.post(
        '/users',
        { username, displayName, kind: 'staff', roles: ['agent'], locale: 'en', timeZone: 'Asia/Shanghai', password: AGENT_PASSWORD },
        z.object({ id: z.number() }),
      );
    }
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
    page.on('dialog', (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs an agent in and creates a task from the list', async () => {
    await page.goto(`${server.baseUrl}/tasks`);
    await page.getByLabel('Username', { exact: true }).fill('zhang.san');
    await page.getByLabel('Password', { exact: true }).fill(AGENT_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/tasks`);
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();

    await page.getByTestId('new-record').click();
    const form = page.getByTestId('record-form');
    await form.getByLabel('Title', { exact: true }).fill('Printer on 3F jams 三楼打印机卡纸');
    await form.locator('textarea').first().fill('Paper tray 2 **jams** on every job.\n\n- model: HP M607');
    await form.getByRole('tab', { name: 'Preview' }).click();
    await page.getByTestId('record-description-preview').locator('strong', { hasText: 'jams' }).waitFor();
    await form.getByLabel('Impact', { exact: true }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'High' }).click();
    await page.getByTestId('save-record').click();
    const row = page.getByTestId('records-table').getByRole('row').filter({ hasText: 'Printer on 3F jams' });
    await row.waitFor();
    taskNumber = (await row.getByTestId('record-link').textContent()) ?? '';
    expect(taskNumber).toMatch(/^TASK-\d{6}$/);
    await row.getByText('New', { exact: true }).waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(outputDir, 'records-list.png') });
  });

  it('opens the task and comments in markdown: script tags show as text, a mention is suggested', async () => {
    await page.getByTestId('records-table').getByRole('row').filter({ hasText: taskNumber }).getByText('Printer on 3F').click();
    await page.waitForURL(`${server.baseUrl}/tasks/${taskNumber}`);
    await page.getByTestId('record-title').filter({ hasText: 'Printer on 3F jams' }).waitFor();
    await page.getByTestId('record-description').locator('li', { hasText: 'HP M607' }).waitFor();

    const box = page.getByTestId('comment-form').locator('textarea');
    await box.fill('Called the vendor, **tomorrow** <script>alert(1)</script> [x](javascript:alert(2)) ');
    await box.pressSequentially('@li.w');
    await page.locator('.ant-mentions-dropdown-menu-item').filter({ hasText: '李伟 (li.wei)' }).click();
    await page.getByTestId('comment-post').click();

    const comment = page.getByTestId('journal-entry').filter({ hasText: 'Called the vendor' });
    await comment.waitFor();
    const body = comment.getByTestId('entry-body');
    expect(await body.textContent()).toContain('<script>alert(1)</script>');
    await body.locator('strong', { hasText: 'tomorrow' }).waitFor();
    await body.locator('.mention', { hasText: '@li.wei' }).waitFor();
    expect(await page.getByTestId('timeline').locator('script').count()).toBe(0);
    expect(await body.locator('a').count()).toBe(0);
    expect(dialogs).toBe(0);
  });

  it('adds an internal note that is marked as internal', async () => {
    await page.getByTestId('comment-form').locator('textarea').fill('Vendor ticket HP-2231, do not share with the requester');
    await page.getByTestId('comment-internal').click();
    await page.getByTestId('comment-post').click();
    const note = page.locator('[data-testid="journal-entry"][data-kind="work_note"]').filter({ hasText: 'HP-2231' });
    await note.getByTestId('internal-tag').filter({ hasText: 'Internal' }).waitFor();
  });

  it('asks for an assignee before starting, then starts the task and shows the change in the timeline', async () => {
    await page.getByTestId('action-start').click();
    // The workflow requires an assignee: the edit form opens on that field.
    const form = page.getByTestId('record-form');
    await form.getByText('Fill in Assignee first.').waitFor();
    // That refusal is the browser's one expected red line: the 400 of the transition.
    expect(errors).toEqual([expect.stringContaining('status of 400')]);
    errors.length = 0;
    await form.getByLabel('Assignee', { exact: true }).fill('zhang');
    await page.locator('.ant-select-item-option').filter({ hasText: '张三 (zhang.san)' }).click();
    await page.getByTestId('save-record').click();
    await page.getByTestId('field-assignee').getByText('张三').waitFor();

    await page.getByTestId('action-start').click();
    await page.getByTestId('state-tag').filter({ hasText: 'In progress' }).waitFor();
    await page.getByTestId('transition').filter({ hasText: 'New → In progress' }).waitFor();
    await page.getByTestId('field-changes').filter({ hasText: 'Assignee' }).filter({ hasText: '张三' }).waitFor();
    expect(await page.getByTestId('record-actions').getByRole('button').allTextContents()).toEqual([
      'Put on hold',
      'Complete',
      'Cancel',
      'Edit',
    ]);
    await settled(page);
    await page.screenshot({ path: path.join(outputDir, 'record-page.png'), fullPage: true });
  });

  it('links the task to a second one and sees the link from the other side', async () => {
    causeNumber = (await admin.post('/tasks', { title: 'Toner supplier changed 更换碳粉供应商' }, created)).number;
    await page.getByRole('tab', { name: 'Links' }).click();
    const form = page.getByTestId('add-link-form');
    await form.getByLabel('Link type', { exact: true }).fill('Caused');
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^Caused by$/ })
      .click();
    await form.getByLabel('Record number', { exact: true }).fill(causeNumber.toLowerCase());
    await page.getByTestId('add-link').click();
    const link = page.getByTestId('link-row').filter({ hasText: causeNumber });
    await link.getByTestId('link-kind-label').filter({ hasText: 'Caused by' }).waitFor();

    await link.getByRole('link', { name: causeNumber }).click();
    await page.waitForURL(`${server.baseUrl}/tasks/${causeNumber}`);
    await page.getByRole('tab', { name: 'Links' }).click();
    const back = page.getByTestId('link-row').filter({ hasText: taskNumber });
    await back.getByTestId('link-kind-label').filter({ hasText: 'Causes' }).waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(outputDir, 'record-links.png') });
  });

  it('shows the record page in Chinese', async () => {
    await page.goto(`${server.baseUrl}/tasks/${taskNumber}`);
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByRole('tab', { name: '时间线' }).waitFor();
    await page.getByRole('tab', { name: '关联' }).waitFor();
    await page.getByTestId('record-fields').getByText('详细信息').waitFor();
    await page.getByTestId('record-fields').getByText('处理人').waitFor();
    await page.getByTestId('state-tag').filter({ hasText: '处理中' }).waitFor();
    // antd spaces out a two-character Chinese button label.
    await page
      .getByTestId('action-complete')
      .filter({ hasText: /^完\s?成$/ })
      .waitFor();
    await page.getByTestId('transition').filter({ hasText: '新建 → 处理中' }).waitFor();
    await page.getByTestId('internal-tag').filter({ hasText: '内部' }).first().waitFor();
    await page.getByRole('menuitem', { name: '任务' }).waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(outputDir, 'record-page-zh.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('works on a phone', async () => {
    const phone = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      storageState: await context.storageState(),
    });
    const phonePage = await phone.newPage();
    const phoneErrors = watchErrors(phonePage);
    await phonePage.goto(`${server.baseUrl}/tasks/${taskNumber}`);
    await phonePage.getByTestId('record-title').waitFor();
    await phonePage.getByTestId('journal-entry').first().waitFor();
    await phonePage.screenshot({ path: path.join(outputDir, 'record-phone.png'), fullPage: true });
    await phonePage.goto(`${server.baseUrl}/tasks`);
    await phonePage.getByTestId('records-table').getByText(taskNumber).waitFor();
    await phonePage.screenshot({ path: path.join(outputDir, 'records-list-phone.png') });
    expect(phoneErrors).toEqual([]);
    await phone.close();
  });
});
