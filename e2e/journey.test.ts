import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserRequired, CHROMIUM, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;

if (!runs) {
  console.warn(`Skipping the browser journey: ${CHROMIUM} is missing (apt-get install -y chromium fonts-noto-cjk).`);
}

describe.skipIf(!runs)('browser journey', () => {
  let server: RunningServer;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    desktop = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page = await desktop.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs the administrator in with a Chinese interface', async () => {
    await page.goto(`${server.baseUrl}/admin/users`);
    await page.waitForURL(/\/sign-in\?next=%2Fadmin%2Fusers$/);
    await page.getByRole('heading', { name: '登录 Keel' }).waitFor();
    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    // `next` brings the user back to the page they asked for.
    await page.waitForURL(`${server.baseUrl}/admin/users`);
    await page.getByRole('heading', { name: '用户' }).waitFor();
    await page.getByRole('menuitem', { name: '首页' }).click();
    await page.getByTestId('welcome').filter({ hasText: '欢迎' }).waitFor();
  });

  it('switches to English and keeps the choice in the profile', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByTestId('welcome').filter({ hasText: 'Welcome' }).waitFor();
    await page.getByRole('menuitem', { name: 'Users' }).waitFor();
    const me: unknown = await page.evaluate(async () => (await fetch('/api/v1/me')).json());
    expect(me).toMatchObject({ locale: 'en' });
  });

  it('creates a user through the admin screen', async () => {
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await page.getByTestId('new-user').click();
    const form = page.getByTestId('user-form');
    await form.getByLabel('Username', { exact: true }).fill('li.wei');
    await form.getByLabel('Display name', { exact: true }).fill('李伟');
    await form.getByLabel('Email', { exact: true }).fill('li.wei@example.com');
    await form.getByLabel('Initial password', { exact: true }).fill('Kettle-Moon-42');
    await page.getByTestId('save-user').click();
    await page.getByTestId('users-table').getByRole('cell', { name: 'li.wei', exact: true }).waitFor();
  });

  it('creates a group with that user as a member', async () => {
    await page.getByRole('menuitem', { name: 'Groups' }).click();
    await page.getByTestId('new-group').click();
    await page.getByLabel('Name', { exact: true }).fill('Service desk 一线');
    await page.getByLabel('Members', { exact: true }).fill('li.wei');
    await page.locator('.ant-select-item-option').filter({ hasText: '李伟 (li.wei)' }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('save-group').click();
    const row = page.getByTestId('groups-table').getByRole('row').filter({ hasText: 'Service desk 一线' });
    await row.getByText('Members: 1').waitFor();
  });

  it('creates a customer organisation and cannot edit the locked administrator role', async () => {
    await page.getByRole('menuitem', { name: 'Organisations' }).click();
    await page.getByTestId('new-organisation').click();
    await page.getByLabel('Name', { exact: true }).fill('杭州西湖金融');
    await page.getByLabel('Code', { exact: true }).fill('HZ-FIN');
    await page.getByTestId('save-organisation').click();
    await page.getByRole('row').filter({ hasText: '杭州西湖金融' }).waitFor();
    await page.getByRole('menuitem', { name: 'Roles' }).click();
    await page.getByRole('row').filter({ hasText: 'administrator' }).getByRole('button').first().click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByTestId('save-role').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it("creates a business calendar that follows China's holidays and checks a due time", async () => {
    await page.getByRole('menuitem', { name: 'Business calendars' }).click();
    await page.getByTestId('new-calendar').click();
    await page.getByLabel('Name', { exact: true }).fill('Shanghai office 上海办公时间');
    await page.getByTestId('save-calendar').click();
    const row = page.getByTestId('calendars-table').getByRole('row').filter({ hasText: 'Shanghai office' });
    await row.waitFor();
    await row.getByTestId('open-due-check').click();
    const from = page.getByLabel('From', { exact: true });
    await from.click();
    await from.fill('2026-02-14 17:00');
    await from.press('Enter');
    await page.getByTestId('due-minutes').fill('120');
    await page.getByTestId('due-check').click();
    // Saturday 14 Feb 2026 is a make-up working day; 15–23 Feb are the Spring Festival.
    await page.getByTestId('due-result').filter({ hasText: '2026' }).waitFor();
    const text = (await page.getByTestId('due-result').textContent()) ?? '';
    expect(text).toContain('Feb 24, 2026, 10:00');
    await page.screenshot({ path: 'test-output/e2e/calendar-check.png' });
    await page.keyboard.press('Escape');
  });

  it('shows both creations in the audit trail and verifies the chain', async () => {
    await page.getByRole('menuitem', { name: 'Audit trail' }).click();
    const table = page.getByTestId('audit-table');
    await table.getByText('user.created', { exact: true }).waitFor();
    await table.getByText('group.created', { exact: true }).waitFor();
    await expect(table.getByText('User created', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await page.getByTestId('verify-chain').click();
    await page.getByTestId('verify-result').filter({ hasText: 'intact' }).waitFor();
    await page.screenshot({ path: path.join(outputDir, 'journey.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('opens the navigation drawer on a phone', async () => {
    const phone = await browser.newContext({
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      storageState: await desktop.storageState(),
    });
    const phonePage = await phone.newPage();
    const phoneErrors = watchErrors(phonePage);
    await phonePage.goto(`${server.baseUrl}/`);
    await phonePage.getByTestId('welcome').waitFor();
    await expect(phonePage.getByTestId('side-nav').isVisible()).resolves.toBe(false);
    await phonePage.getByTestId('nav-toggle').click();
    const drawer = phonePage.getByTestId('nav-drawer');
    // A trial click waits until the sliding drawer has settled, so the screenshot is sharp.
    await drawer.getByRole('menuitem', { name: 'Audit trail' }).click({ trial: true });
    await phonePage.screenshot({ path: path.join(outputDir, 'phone-nav.png') });
    await drawer.getByRole('menuitem', { name: 'Users' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await phonePage.getByTestId('users-table').getByRole('cell', { name: 'li.wei', exact: true }).waitFor();
    await phonePage.screenshot({ path: path.join(outputDir, 'phone-users.png') });
    expect(phoneErrors).toEqual([]);
    await phone.close();
  });
});
