import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, cleanUp, exitWithin, freePort, freshInstallation, type Installation, startKeel, waitForLogLines } from './spawn.js';

// `keel start` itself: KEEL_MAIL_LISTEN starts the listener, SIGTERM stops it with the rest.
const installations: Installation[] = [];

describe('keel start with KEEL_MAIL_LISTEN', () => {
  beforeAll(buildServer, 120_000);
  afterAll(() => cleanUp(installations));

  it('takes mail for its addresses, refuses others, and stops with the process', async () => {
    const installation = await freshInstallation();
    installations.push(installation);
    const port = await freePort();
    const keel = await startKeel(installation, 'info', {
      KEEL_MAIL_LISTEN: `127.0.0.1:${port}`,
      KEEL_MAIL_ADDRESSES: 'help@keel.test',
    });
    await waitForLogLines(keel, (line) => line.msg === 'inbound mail listening', 1);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      const info: { response: string } = await transport.sendMail({
        from: 'a@elsewhere.example',
        to: 'help@keel.test',
        subject: 'Hi',
        text: 'x',
      });
      expect(info.response).toMatch(/^250 .*OK: INC-\d{6}$/);
      await expect(
        transport.sendMail({ from: 'a@elsewhere.example', to: 'other@keel.test', subject: 'Hi', text: 'x' }),
      ).rejects.toMatchObject({
        responseCode: 550,
      });
    } finally {
      transport.close();
    }
    // Bodies stay out of the log; outcomes do not.
    expect(keel.output()).toContain('"outcome":"created"');
    expect(keel.output()).not.toContain('body-never-logged-42');
    keel.child.kill('SIGTERM');
    expect(await exitWithin(keel, 20_000)).toBe(0);
  });
});
