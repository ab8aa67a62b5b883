import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { type RunningServer, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const runs = hasBrowser || browserRequired;

async function pick(page: Page, option: string | RegExp): Promise<void> {
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
}

describe.skipIf(!runs)('incident process journey: priority matrix, escalation, major incident', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let incidentNumber = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(ADMIN_PASSWORD);
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('an administrator makes impact 1 × urgency 2 critical in the priority matrix', async () => {
    await page.goto(`${server.baseUrl}/admin/priority-matrix`);
    await page.getByLabel('Username', { exact: true }).fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/admin/priority-matrix`);
    // The administrator's own language is Chinese; this journey reads in English.
    await page.getByRole('heading', { name: '优先级矩阵' }).waitFor();
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByRole('heading', { name: 'Priority matrix' }).waitFor();
    await page.getByTestId('matrix-cell-1-2').click();
    await pick(page, /^P1/);
    await page.getByTestId('save-matrix').click();
    await page.getByText('The priority matrix has been saved.').waitFor();
    const matrix: unknown = await page.evaluate(async () => (await fetch('/api/v1/settings/priority-matrix')).json());
    expect(matrix).toMatchObject({
      matrix: [
        [1, 1, 3],
        [2, 3, 4],
        [3, 4, 5],
      ],
    });
  });

  it('a new incident is priced by the new matrix and escalated from its page', async () => {
    const api = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const created = await api.post(
      '/incidents',
      { title: 'Core switch down 核心交换机故障', impact: 1, urgency: 2 },
      z.object({ number: z.string(), priority: z.number().nullable() }),
    );
    expect(created.priority).toBe(1);
    incidentNumber = created.number;
    await page.goto(`${server.baseUrl}/incidents/${incidentNumber}`);
    await page.getByTestId('record-title').filter({ hasText: 'Core switch down' }).waitFor();
    await page.getByTestId('escalate').click();
    await page.getByText('Hierarchical: alert the group lead and the service manager').click();
    await page.getByTestId('escalate-reason').fill('Whole building offline');
    await page.getByTestId('escalate-submit').click();
    await page.getByTestId('escalation-badge').filter({ hasText: 'Escalated ×1' }).waitFor();
  });

  it('is declared a major incident, and a customer update is posted to its log', async () => {
    await page.getByTestId('declare-major').click();
    await page.getByTestId('declare-major-reason').fill('Every floor affected');
    await page.getByTestId('declare-major-submit').click();
    const panel = page.getByTestId('major-incident-panel');
    await panel.waitFor();
    await page.getByTestId('major-badge').waitFor();
    await panel.getByTestId('next-update').waitFor();
    await panel.getByTestId('communication-body').fill('We are replacing the switch; next update in one hour.');
    await panel.getByTestId('post-communication').click();
    await panel.getByTestId('communication-log').getByText('We are replacing the switch; next update in one hour.').waitFor();
    // The review is asked for before the incident can close.
    await panel.getByText('The major incident cannot be closed until its review is recorded.').waitFor();
    await panel.getByTestId('review-summary').fill('Switch power supply failed');
    await panel.getByTestId('review-root-cause').fill('Ageing hardware');
    await panel.getByTestId('save-review').click();
    await panel.getByTestId('review-recorded').waitFor();
    expect(errors).toEqual([]);
  });
});
