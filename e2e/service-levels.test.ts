import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;
const created = z.object({ id: z.number(), number: z.string() });

describe.skipIf(!runs)('service level report: a breach, its reason and an improvement', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let incident = '';

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    const admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    await admin.post(
      '/sla-policies',
      {
        name: '事件 SLA',
        recordType: 'incident',
        targets: [
          {
            key: 'resolution',
            label: { 'zh-CN': '解决', en: 'Resolution' },
            stopOn: ['resolved', 'closed'],
            minutesByPriority: { '1': 60 },
          },
        ],
      },
      z.object({ id: z.number() }),
    );
    const record = await admin.post('/incidents', { title: '邮件服务器宕机', impact: 1, urgency: 1 }, created);
    incident = record.number;
    // An hour ago the clock fell due and the sweeper breached it: set that straight in the database.
    const db = new Database(path.join(server.dataDir, 'keel.db'));
    const at = Date.now() - 3_600_000;
    db.prepare('update sla_clocks set breached = 1, breached_at = ?, due_at = ? where record_id = ?').run(at, at, record.id);
    db.close();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records the reason on the record, shows attainment and raises an improvement from the breach', async () => {
    await page.goto(`${server.baseUrl}/incidents/${incident}`);
    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/incidents/${incident}`);
    await page.getByTestId('edit-breach-reason-resolution').click();
    await page.getByTestId('breach-reason-input').fill('机房断电，备用电源未切换');
    await page.getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect.poll(() => page.getByTestId('breach-reason-resolution').textContent()).toBe('机房断电，备用电源未切换');

    await page.goto(`${server.baseUrl}/service-levels`);
    const targets = page.getByTestId('sl-targets');
    await expect.poll(() => targets.textContent()).toContain('解决');
    expect(await targets.textContent()).toContain('0%');
    const breaches = page.getByTestId('sl-breaches');
    await expect.poll(() => breaches.textContent()).toContain(incident);
    expect(await breaches.textContent()).toContain('机房断电，备用电源未切换');
    await page.screenshot({ path: path.join(outputDir, 'service-levels-zh-CN.png'), fullPage: true });

    await breaches.getByRole('button', { name: /发起改进/ }).click();
    await page.waitForURL(/\/improvements\/IMP-\d{6}$/);
    await expect.poll(() => page.textContent('body')).toContain(`SLA 违约：${incident} 的解决`);
    expect(errors).toEqual([]);
  });
});
