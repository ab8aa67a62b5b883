import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiSession, apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;
const created = z.object({ number: z.string() });

describe.skipIf(!runs)('service desk dashboard', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let admin: ApiSession;

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const service = await admin.post('/services', { name: '邮件服务 Email', status: 'live' }, z.object({ id: z.number() }));
    for (const [title, impact, urgency] of [
      ['邮件服务器宕机', 1, 1],
      ['无法发送附件', 2, 2],
      ['邮箱容量不足', 3, 3],
    ] as const) {
      await admin.post('/incidents', { title, impact, urgency, serviceId: service.id }, created);
    }
    await admin.post('/incidents', { title: 'Printer jam', impact: 3, urgency: 3 }, created);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the open incidents, by priority and service, the backlog and time to resolve, in both languages', async () => {
    await page.goto(`${server.baseUrl}/dashboard`);
    await page.getByLabel('Username', { exact: true }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/dashboard`);
    // The administrator's own language is Chinese: once the page is in it, English, then back.
    await page.getByRole('heading', { name: '仪表板' }).waitFor();
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expect.poll(() => page.getByTestId('stat-open').textContent()).toContain('4');
    for (const chart of ['chart-by-priority', 'chart-by-service', 'chart-backlog']) {
      await page.getByTestId(chart).locator('canvas').first().waitFor();
    }
    await page.getByTestId('dashboard-period').getByText('Last 26 weeks').click();
    await page.getByTestId('chart-backlog').locator('canvas').first().waitFor();
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByRole('heading', { name: '仪表板' }).waitFor();
    expect(await page.getByTestId('stat-open').textContent()).toContain('当前未完成');
    await page.screenshot({ path: path.join(outputDir, 'dashboard-zh-CN.png') });
    expect(errors).toEqual([]);
  });
});
