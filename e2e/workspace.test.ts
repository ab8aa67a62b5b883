import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiSession, apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const AGENT_PASSWORD = 'Quiet-Desk-4821';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;
const created = z.object({ id: z.number(), number: z.string() });

describe.skipIf(!runs)('agent workspace: queues and keyboard', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let admin: ApiSession;
  const incidents: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const agent = await admin.post(
      '/users',
      {
        username: 'li.na',
        displayName: '李娜',
        kind: 'staff',
        roles: ['agent'],
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        password: AGENT_PASSWORD,
      },
      z.object({ id: z.number() }),
    );
    const group = await admin.post('/groups', { name: '网络组 Network', memberIds: [agent.id] }, z.object({ id: z.number() }));
    const seed: [string, Record<string, unknown>][] = [
      ['mine', { title: '无法登录 VPN', impact: 1, urgency: 1, assigneeId: agent.id, groupId: group.id }],
      ['group', { title: '交换机端口故障', impact: 2, urgency: 2, groupId: group.id }],
      ['nobody', { title: '打印机卡纸 Printer jam', impact: 3, urgency: 3 }],
    ];
    for (const [key, body] of seed) incidents[key] = (await admin.post('/incidents', body, created)).number;
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows my work, my groups and unassigned queues in Chinese, and opens a record from the keyboard', async () => {
    await page.goto(`${server.baseUrl}/workspace`);
    await page.getByLabel('用户名', { exact: true }).fill('li.na');
    await page.getByLabel('密码', { exact: true }).fill(AGENT_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/workspace`);
    const table = page.getByTestId('workspace-table');
    await expect.poll(() => table.locator('tbody tr.keel-clickable-row').count()).toBe(1);
    expect(await table.textContent()).toContain(incidents.mine);

    await page.keyboard.press('2');
    await page.waitForURL(/queue=groups/);
    await expect.poll(() => table.textContent()).toContain(incidents.group);
    expect(await table.textContent()).toContain(incidents.mine);
    expect(await table.textContent()).not.toContain(incidents.nobody);

    await page.getByTestId('workspace-queues').getByText('未分派').click();
    await expect.poll(() => table.textContent()).toContain(incidents.nobody);
    expect(await table.textContent()).toContain(incidents.group);
    expect(await table.textContent()).not.toContain(incidents.mine);

    await page.keyboard.press('?');
    const shortcuts = page.getByTestId('workspace-shortcut-list');
    await shortcuts.waitFor();
    expect(await shortcuts.textContent()).toContain('打开选中的记录');
    await page.keyboard.press('Escape');
    await shortcuts.waitFor({ state: 'hidden' });

    // j twice, k once: the keyboard ends on the first row, whichever incident the queue put there.
    for (const key of ['j', 'j', 'k']) await page.keyboard.press(key);
    const highlighted = table.locator('tr.keel-highlighted-row');
    await expect.poll(() => highlighted.count()).toBe(1);
    expect(await highlighted.textContent()).toContain(
      await table.locator('tbody tr.keel-clickable-row').first().locator('td').first().textContent(),
    );
    const number = /INC-\d{6}/.exec((await highlighted.textContent()) ?? '')?.[0];
    await page.screenshot({ path: path.join(outputDir, 'workspace-zh-CN.png') });
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/incidents/${number}$`));
    expect(errors).toEqual([]);
  });
});
