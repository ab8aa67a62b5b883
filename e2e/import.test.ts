import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const fixtures = path.join(repoRoot, 'server', 'test', 'fixtures');
const runs = hasBrowser || browserRequired;

// The administrator's interface is in Chinese (the default locale), so the journey reads the zh-CN strings.
describe.skipIf(!runs)('import journey: column mapping, a dry run with bad rows, a clean dry run, the import, the history', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs the administrator in to the import screen and reads the file header for the column-mapping step', async () => {
    await page.goto(`${server.baseUrl}/admin/imports`);
    await page.getByLabel('Username', { exact: true }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/admin/imports`);
    await page.getByRole('heading', { name: '导入记录' }).waitFor();

    await page.getByTestId('import-mapping').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'UCI incident management' }).click();
    await page.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'uci-bad-rows.csv'));
    await page.getByText('uci-bad-rows.csv：找到 36 列').waitFor();
    const columns = page.getByTestId('import-columns');
    await columns.getByRole('row').filter({ hasText: '案例编号（保存为外部编号）' }).getByText('number', { exact: true }).waitFor();
    expect(await columns.getByText('文件中没有此列').count()).toBe(0);
    await expect.poll(() => page.getByTestId('import-run').isDisabled()).toBe(true);
  });

  it('lists every bad row of a dry run with its line, in words, and offers no import', async () => {
    await page.getByTestId('import-dry-run').click();
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    await page.getByText('未导入任何内容：有 6 行有误', { exact: false }).waitFor();
    const first = problems.getByRole('row').filter({ hasText: 'sys_updated_at' });
    await first.getByText('“31/2/2016 10:00”不符合时间格式 d/m/yyyy HH:MM。').waitFor();
    expect(await first.getByRole('cell').first().textContent()).toBe('4');
    expect(await problems.locator('tbody tr').count()).toBe(6);
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true);
  });

  it('imports a clean file after a dry run, and the incidents show their history', async () => {
    await page.locator('input[type="file"]').setInputFiles(path.join(fixtures, 'uci-head.csv'));
    await page.getByText('uci-head.csv：找到 36 列').waitFor();
    await page.getByTestId('import-dry-run').click();
    await page.getByText('试运行：未写入任何内容').waitFor();
    await page.getByTestId('import-run').click();
    await page.locator('.ant-modal-confirm-title', { hasText: '将 52 个案例导入为事件？' }).waitFor();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /确\s?定/ })
      .click();
    const report = page.getByTestId('import-report');
    await report.getByText('已导入', { exact: true }).waitFor();
    await report.getByText('52', { exact: true }).first().waitFor();
    await page.screenshot({ path: path.join(outputDir, 'import-report.png'), fullPage: true });

    await page.goto(`${server.baseUrl}/incidents/INC-000001`);
    await page.getByTestId('record-title').filter({ hasText: 'Category 55 / Subcategory 170 / Symptom 72' }).waitFor();
    const moved = page.locator('[data-testid="journal-entry"][data-kind="transition"]').filter({ hasText: '更改了状态（导入的历史）' });
    await moved.filter({ hasText: 'Updated by 642' }).waitFor();
    await page.screenshot({ path: path.join(outputDir, 'import-history.png'), fullPage: true });
    await page.getByRole('tab', { name: '导入来源' }).click();
    await page.getByTestId('imported').getByText('INC0000045', { exact: true }).waitFor();
    await page.getByTestId('imported').getByText('uci-incident-event-log', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});
