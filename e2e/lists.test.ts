import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiSession, apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const AGENT_PASSWORD = 'Teapot-Orbit-77';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;
const created = z.object({ number: z.string(), version: z.number() });
// A 1×1 PNG: small enough to read, real enough for the server's content sniffing.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Waits for toasts to fade and drawers to close, so a screenshot shows the page itself. */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.ant-message-notice, .ant-drawer-open, .ant-modal-wrap').count(), { timeout: 10_000 }).toBe(0);
}

async function text(download: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe.skipIf(!runs)('lists journey: filters, saved views, bulk update, export, search and attachments', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let admin: ApiSession;
  const tasks: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    // A low export limit, so the journey meets "narrow the filters" with a handful of tasks.
    server = await startServer(ADMIN_PASSWORD, { KEEL_EXPORT_MAX_ROWS: '4' });
    admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    for (const [username, displayName] of [
      ['wang.fang', '王芳'],
      ['zhao.lei', '赵磊'],
    ]) {
      await admin.post(
        '/users',
        { username, displayName, kind: 'staff', roles: ['agent'], locale: 'en', timeZone: 'Asia/Shanghai', password: AGENT_PASSWORD },
        z.object({ id: z.number() }),
      );
    }
    const seed: [string, string, string, number, number][] = [
      ['vpn', '无法登录 VPN 客户端', '用户在家办公时无法登录 VPN 客户端，提示证书已过期。', 1, 1],
      ['mail', '邮件服务器宕机', '上午九点起邮件服务器宕机，所有人无法收发邮件。', 1, 1],
      ['wifi', '三楼无线网络时断时续', '会议室的无线网络经常掉线。', 1, 1],
      ['printer', 'Printer on 3F jams 打印机卡纸', 'Paper tray 2 jams.', 3, 3],
      ['screen', '更换显示器', '显示器有坏点。', 2, 3],
    ];
    for (const [key, title, description, impact, urgency] of seed) {
      tasks[key] = (await admin.post('/tasks', { title, description, impact, urgency }, created)).number;
    }
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('filters the task list by priority, and the URL says so', async () => {
    await page.goto(`${server.baseUrl}/tasks`);
    await page.getByLabel('Username', { exact: true }).fill('wang.fang');
    await page.getByLabel('Password', { exact: true }).fill(AGENT_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/tasks`);
    const table = page.getByTestId('records-table');
    await table.getByText(tasks.screen ?? '').waitFor();

    await page.getByTestId('filter-priority').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'P1 Critical' }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/tasks\?priority=1$/);
    await table.getByText(tasks.screen ?? '').waitFor({ state: 'detached' });
    await expect.poll(() => table.getByTestId('record-link').count()).toBe(3);

    // The address alone reproduces the list: sorting goes into it too.
    await page.getByTestId('records-sort-direction').click();
    await page.waitForURL(/priority=1&sort=number$/);
    await expect.poll(() => table.getByTestId('record-link').first().textContent()).toBe(tasks.vpn);
    await settled(page);
    await page.screenshot({ path: path.join(outputDir, 'lists-filtered.png') });
  });

  it('saves the filtered list as a shared view and gets it back after a reload', async () => {
    await page.getByTestId('save-view').click();
    const form = page.getByTestId('view-form');
    await form.getByLabel('View name', { exact: true }).fill('P1 oldest first 紧急任务');
    await form.getByTestId('view-shared').click();
    await page.getByTestId('save-view-submit').click();
    await page.waitForURL(/\/tasks\?view=\d+&priority=1&sort=number$/);

    await page.goto(`${server.baseUrl}/tasks`);
    await page
      .getByTestId('records-table')
      .getByText(tasks.screen ?? '')
      .waitFor();
    await page.getByTestId('view-picker').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'P1 oldest first 紧急任务' }).click();
    await page.waitForURL(/\/tasks\?view=\d+&priority=1&sort=number$/);
    await page.reload();
    await page.getByTestId('view-picker').getByText('P1 oldest first 紧急任务').waitFor();
    await expect.poll(() => page.getByTestId('records-table').getByTestId('record-link').count()).toBe(3);
    await settled(page);
    await page.screenshot({ path: path.join(outputDir, 'lists-view.png') });
  });

  it('bulk-assigns the ticked tasks and shows a result per task, one refused as changed by someone else', async () => {
    const table = page.getByTestId('records-table');
    const row = (key: string) => table.getByRole('row').filter({ hasText: tasks[key] ?? '' });
    await row('vpn').getByRole('checkbox').check();
    // Keyboard: the checkboxes are ordinary focusable inputs.
    await row('mail').getByRole('checkbox').focus();
    await page.keyboard.press('Space');
    await row('wifi').getByRole('checkbox').check();
    await page.getByTestId('bulk-count').filter({ hasText: '3 selected' }).waitFor();
    // Someone else edits one of them after it was loaded: that row must fail as stale.
    await admin.patch(`/tasks/${tasks.wifi}`, { category: 'Network' }, created);

    await page.getByTestId('bulk-open').click();
    const drawer = page.getByTestId('bulk-drawer');
    await drawer.getByLabel('Assignee', { exact: true }).fill('zhao');
    await page.locator('.ant-select-item-option').filter({ hasText: '赵磊 (zhao.lei)' }).click();
    await drawer.getByTitle('赵磊 (zhao.lei)').waitFor();
    await page.getByTestId('bulk-apply').click();
    const results = page.getByTestId('bulk-results');
    await results.getByText('2 updated, 1 failed').waitFor();
    await results
      .locator('[data-testid="bulk-result"][data-ok="true"]')
      .filter({ hasText: tasks.vpn ?? '' })
      .waitFor();
    await results
      .locator('[data-testid="bulk-result"][data-ok="false"]')
      .filter({ hasText: tasks.wifi ?? '' })
      .filter({ hasText: 'Someone else changed this record' })
      .waitFor();
    // A trial click waits until the button stops moving: the drawer has finished sliding in.
    await page.getByTestId('bulk-close').click({ trial: true });
    await page.screenshot({ path: path.join(outputDir, 'lists-bulk-results.png') });
    await page.getByTestId('bulk-close').click();
    await row('vpn').getByText('赵磊').waitFor();
    await row('mail').getByText('赵磊').waitFor();
    expect(await row('wifi').getByText('赵磊').count()).toBe(0);
    await page.getByTestId('bulk-bar').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('exports CSV: too many rows asks to narrow the filters, the filtered list downloads with its Chinese titles', async () => {
    await page.goto(`${server.baseUrl}/tasks`);
    await page.getByTestId('export-menu').click();
    await page.getByRole('menuitem', { name: 'Export CSV' }).click();
    await page.getByText('The export would have too many rows. Narrow the filters and try again.').waitFor();
    // The refusal is the one expected red line: the 422 of the export.
    expect(errors).toEqual([expect.stringContaining('status of 422')]);
    errors.length = 0;

    await page.goto(`${server.baseUrl}/tasks?priority=1`);
    await page
      .getByTestId('records-table')
      .getByText(tasks.vpn ?? '')
      .waitFor();
    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^keel-tasks-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await text(download);
    expect(csv).toContain('无法登录 VPN 客户端');
    expect(csv).toContain('邮件服务器宕机');
    expect(csv).not.toContain('更换显示器');
    expect(csv.split('\n')[0]).toContain('Number');
  });

  it('searches from the header: a long Chinese term and a two-character one, both highlighted; Enter lists them all', async () => {
    await page.locator('body').click({ position: { x: 700, y: 600 } });
    // `/` anywhere focuses the header's search box: what is typed next lands in it.
    await page.keyboard.press('/');
    await page.keyboard.insertText('无法登录');
    const box = page.getByTestId('header-search');
    expect(await box.inputValue()).toBe('无法登录');
    const results = page.getByTestId('header-search-results');
    await results.locator('mark', { hasText: '无法登录' }).first().waitFor();
    await results.getByText('Tasks', { exact: true }).waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(outputDir, 'search-header.png') });

    await box.fill('宕机');
    await results.getByTestId('search-hit-title').locator('mark', { hasText: '宕机' }).waitFor();
    await results.getByTestId('search-hit-snippet').locator('mark', { hasText: '宕机' }).waitFor();
    await box.press('Enter');
    await page.waitForURL(/\/search\?q=%E5%AE%95%E6%9C%BA$/);
    const hit = page.getByTestId('search-result').filter({ hasText: tasks.mail ?? '' });
    await hit.locator('mark', { hasText: '宕机' }).first().waitFor();
    await results.waitFor({ state: 'hidden' });
    await page.screenshot({ path: path.join(outputDir, 'search-page.png') });
    await hit.click();
    await page.waitForURL(`${server.baseUrl}/tasks/${tasks.mail}`);
    await page.getByTestId('record-title').filter({ hasText: '邮件服务器宕机' }).waitFor();
  });

  it('attaches a PNG, lists it, downloads it as an attachment and removes it', async () => {
    await page.getByRole('tab', { name: 'Attachments (0)' }).click();
    await page.getByTestId('attachment-upload').locator('input[type=file]').setInputFiles({
      name: '截图-登录失败.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    const row = page.getByTestId('attachment-row').filter({ hasText: '截图-登录失败.png' });
    await row
      .getByTestId('attachment-meta')
      .filter({ hasText: `${PNG.length} B · image/png · 王芳` })
      .waitFor();
    await page.getByRole('tab', { name: 'Attachments (1)' }).waitFor();
    await settled(page);
    await page.screenshot({ path: path.join(outputDir, 'attachments.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('attachment-download').click()]);
    expect(download.suggestedFilename()).toBe('截图-登录失败.png');
    const href = await row.getByTestId('attachment-name').getAttribute('href');
    const res = await page.request.get(`${server.baseUrl}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.from(await res.body()).equals(PNG)).toBe(true);

    // A script is refused whatever it claims to be, and the user is told why.
    await page
      .getByTestId('attachment-upload')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'cleanup.sh',
        mimeType: 'text/plain',
        buffer: Buffer.from('#!/bin/sh\nrm -rf /tmp/cache\n'),
      });
    await page.getByText('"cleanup.sh" cannot be attached: programs and scripts are refused.').waitFor();
    expect(errors).toEqual([expect.stringContaining('status of 415')]);
    errors.length = 0;

    await row.getByTestId('attachment-remove').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Attachments (0)' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('works in Chinese on a phone', async () => {
    const phone = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      storageState: await context.storageState(),
    });
    const phonePage = await phone.newPage();
    const phoneErrors = watchErrors(phonePage);
    await phonePage.goto(`${server.baseUrl}/tasks?priority=1`);
    await phonePage.getByTestId('language-switch').getByText('中文').click();
    await phonePage
      .getByTestId('records-table')
      .getByText(tasks.vpn ?? '')
      .waitFor();
    await phonePage.getByText('更多筛选').waitFor();
    await phonePage.screenshot({ path: path.join(outputDir, 'lists-phone-zh.png'), fullPage: true });
    await phonePage.getByTestId('header-search-link').click();
    await phonePage.getByTestId('search-page-input').locator('input').fill('宕机');
    await phonePage.keyboard.press('Enter');
    await phonePage.getByTestId('search-result').locator('mark', { hasText: '宕机' }).first().waitFor();
    await phonePage.screenshot({ path: path.join(outputDir, 'search-phone-zh.png') });
    expect(phoneErrors).toEqual([]);
    await phone.close();
  });
});
