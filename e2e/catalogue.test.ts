import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const MANAGER_PASSWORD = 'Lantern-Quay-58';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;

/** Picks an option of an open antd select by its text. */
async function choose(page: Page, text: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
}

describe.skipIf(!runs)('service catalogue journey: a service, a catalogue item with its form, an incident for the service', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    const admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    await admin.post(
      '/users',
      {
        username: 'li.wei',
        displayName: '李伟',
        kind: 'staff',
        roles: ['service_manager'],
        locale: 'en',
        timeZone: 'Asia/Shanghai',
        password: MANAGER_PASSWORD,
      },
      z.object({ id: z.number() }),
    );
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs a service manager in and creates a live service', async () => {
    await page.goto(`${server.baseUrl}/admin/services`);
    await page.getByLabel('Username', { exact: true }).fill('li.wei');
    await page.getByLabel('Password', { exact: true }).fill(MANAGER_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/admin/services`);
    await page.getByRole('heading', { name: 'Services' }).waitFor();
    await page.getByTestId('new-service').click();
    await page.getByTestId('service-name').fill('Corporate mail 企业邮箱');
    await page.getByLabel('Status', { exact: true }).click();
    await choose(page, 'Live');
    await page.getByTestId('save-service').click();
    const row = page.getByTestId('services-table').getByRole('row').filter({ hasText: 'Corporate mail' });
    await row.getByText('Live').waitFor();
  });

  it('builds a catalogue item’s request form and tries it in the preview', async () => {
    await page.getByRole('menuitem', { name: 'Request catalogue' }).click();
    await page.getByTestId('new-item').click();
    await page.getByTestId('item-name').fill('New mailbox 新邮箱');
    await page.getByTestId('item-service').click();
    await choose(page, 'Corporate mail');
    await page.getByRole('tab', { name: 'Request form' }).click();
    await page.getByTestId('add-field').click();
    await page.getByTestId('field-key-0').fill('mailbox');
    await page.getByTestId('field-label-zh-0').fill('邮箱名');
    await page.getByTestId('field-label-en-0').fill('Mailbox name');
    await page.getByTestId('form-editor').getByRole('switch').first().click();
    await page.getByTestId('add-field').click();
    await page.getByTestId('field-key-1').fill('size');
    await page.getByTestId('field-label-zh-1').fill('容量');
    await page.getByTestId('field-label-en-1').fill('Size');
    await page.getByTestId('field-type-1').click();
    await choose(page, 'Choice');
    await page.getByTestId('field-options-1').fill('small | 小 | Small\nlarge | 大 | Large');

    await page.getByRole('tab', { name: 'Preview' }).click();
    const preview = page.getByTestId('form-preview');
    await preview.getByText('Mailbox name').waitFor();
    await page.getByTestId('preview-check').click();
    await preview.getByText('Required').waitFor();
    await preview.getByLabel('Mailbox name').fill('finance-team');
    await page.getByTestId('preview-check').click();
    await preview.getByText('These answers would be accepted.').waitFor();

    await page.getByTestId('save-item').click();
    const row = page.getByTestId('catalogue-items-table').getByRole('row').filter({ hasText: 'New mailbox' });
    await row.getByText('Fields: 2').waitFor();
  });

  it('raises an incident against the live service with the service picker', async () => {
    await page.goto(`${server.baseUrl}/incidents`);
    await page.getByTestId('new-record').click();
    const form = page.getByTestId('record-form');
    await form.getByLabel('Title', { exact: true }).fill('Cannot send mail 无法发送邮件');
    await page.getByTestId('record-service').click();
    await choose(page, 'Corporate mail');
    await page.getByTestId('save-record').click();
    const row = page.getByTestId('records-table').getByRole('row').filter({ hasText: 'Cannot send mail' });
    await row.waitFor();
    const records: unknown = await page.evaluate(async () => (await fetch('/api/v1/incidents?limit=5')).json());
    const page1 = z.object({ items: z.array(z.object({ title: z.string(), serviceName: z.string().nullable() })) }).parse(records);
    expect(page1.items.find((r) => r.title.startsWith('Cannot send mail'))?.serviceName).toBe('Corporate mail 企业邮箱');
    await page.screenshot({ path: path.join(outputDir, 'catalogue-incident.png') });
    expect(errors).toEqual([]);
  });
});
