import { mkdirSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type ApiSession, apiSession } from './support/api.js';
import { browserRequired, hasBrowser, launchBrowser, watchErrors } from './support/browser.js';
import { freePort, type RunningServer, repoRoot, startServer } from './support/server.js';

const ADMIN_PASSWORD = 'Harbour-Lights-2025!';
const CUSTOMER_PASSWORD = 'Paper-Lantern-6093';
const HELPDESK = 'help@keel.test';
const outputDir = path.join(repoRoot, 'test-output', 'e2e');
const runs = hasBrowser || browserRequired;

describe.skipIf(!runs)('mail to ticket: a mail becomes an incident and the reply threads', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let admin: ApiSession;
  let send: (message: { from: string; subject: string; text: string; inReplyTo?: string }) => Promise<string>;

  beforeAll(async () => {
    mkdirSync(outputDir, { recursive: true });
    browser = await launchBrowser();
    const mailPort = await freePort();
    server = await startServer(ADMIN_PASSWORD, { KEEL_MAIL_LISTEN: `127.0.0.1:${mailPort}`, KEEL_MAIL_ADDRESSES: HELPDESK });
    admin = await apiSession(server.baseUrl, 'admin', ADMIN_PASSWORD);
    const org = await admin.post('/organisations', { name: '华东销售部', code: 'EAST-SALES' }, z.object({ id: z.number() }));
    await admin.post(
      '/users',
      {
        username: 'chen.jing',
        displayName: '陈静',
        email: 'chen.jing@customer.test',
        kind: 'customer',
        organisationId: org.id,
        locale: 'zh-CN',
        timeZone: 'Asia/Shanghai',
        password: CUSTOMER_PASSWORD,
      },
      z.object({ id: z.number() }),
    );
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: mailPort, secure: false, ignoreTLS: true });
    send = async (message) => {
      const info = await transport.sendMail({ to: HELPDESK, ...message });
      return info.messageId;
    };
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the service desk an incident raised by mail, with the customer as requester, and the reply in its timeline', async () => {
    const first = await send({
      from: '陈静 <chen.jing@customer.test>',
      subject: 'VPN 无法连接',
      text: '从今天早上开始，VPN 客户端一直提示连接超时。',
    });
    await page.goto(`${server.baseUrl}/incidents`);
    await page.getByLabel('用户名', { exact: true }).fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(`${server.baseUrl}/incidents`);
    const row = page.getByTestId('records-table').locator('tbody tr', { hasText: 'VPN 无法连接' });
    await row.waitFor();
    expect(await row.textContent()).toContain('陈静');
    const number = (await row.getByTestId('record-link').textContent()) ?? '';
    expect(number).toMatch(/^INC-\d{6}$/);

    // The customer answers the acknowledgement: the reply names the first mail.
    await send({
      from: 'chen.jing@customer.test',
      subject: `Re: [${number}] VPN 无法连接`,
      text: '补充：错误代码是 809。\n\n> 之前的邮件内容',
      inReplyTo: first,
    });
    await page.goto(`${server.baseUrl}/incidents/${number}`);
    await expect.poll(() => page.locator('body').textContent(), { timeout: 15_000 }).toContain('错误代码是 809');
    expect(await page.locator('body').textContent()).toContain('VPN 客户端一直提示连接超时');
    await page.screenshot({ path: path.join(outputDir, 'mail-to-ticket-zh-CN.png') });
    const incidents = await admin.get('/incidents?limit=50', z.object({ items: z.array(z.object({ number: z.string() })) }));
    // The reply threaded: still one incident.
    expect(incidents.items).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
