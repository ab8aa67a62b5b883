import type { JournalEntry, Page, RecordItem } from '@keel/shared';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { RECORD_TYPES } from '../src/modules/record-types.js';
import { type JobWorker, startJobWorker } from '../src/platform/jobs/worker.js';
import { type MailListener, startMailListener } from '../src/platform/mail-in/listener.js';
import { notifyJobHandlers } from '../src/platform/notify/mail/job.js';
import type { Client } from './client.js';
import { adminClient, createOrganisation, createUser, type TestUser } from './factories.js';
import { createTestDatabase, startTestServer, type TestDatabase, type TestServer } from './harness.js';
import { startTestSmtp, type TestSmtp } from './smtp.js';

export const HELPDESK = 'help@keel.test';
/** Small, so a message over the limit is quick to send. */
export const ATTACHMENT_MAX = 64 * 1024;

/** What the listener answered: the SMTP code and, on success, the record it names. */
export type Sent = { code: number; response: string; number: string | null };

/** Keel with its SMTP listener on a free loopback port, outbound mail to a loopback SMTP server, and a job worker run by hand. */
export type MailTest = {
  database: TestDatabase;
  server: TestServer;
  listener: MailListener;
  outbound: TestSmtp;
  worker: JobWorker;
  admin: Client;
  send: (message: SendMailOptions) => Promise<Sent>;
  deliverOutbound: () => Promise<void>;
  person: (options?: Parameters<typeof createUser>[2]) => Promise<TestUser & { email: string }>;
  customer: () => Promise<TestUser & { email: string }>;
  incident: (number: string) => Promise<RecordItem>;
  journal: (number: string) => Promise<JournalEntry[]>;
  close: () => Promise<void>;
};

let counter = 0;

export async function startMailTest(): Promise<MailTest> {
  const outbound = await startTestSmtp();
  const database = await createTestDatabase();
  const server = await startTestServer(
    {
      publicUrl: 'https://keel.test',
      mail: { smtpUrl: `smtp://127.0.0.1:${outbound.port}`, from: 'Keel <keel@keel.test>' },
      attachmentMaxBytes: ATTACHMENT_MAX,
      mailIn: { listen: null, addresses: [HELPDESK], domains: ['support.keel.test'] },
    },
    database,
  );
  const listen = { host: '127.0.0.1', port: 0 };
  const listener = await startMailListener({ config: server.config, db: database.db, types: RECORD_TYPES, log: server.app.log, listen });
  const worker = startJobWorker({ db: database.db, handlers: notifyJobHandlers(server.config), log: server.app.log }, false);
  const admin = await adminClient(server);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });

  const send = async (message: SendMailOptions): Promise<Sent> => {
    try {
      const info: { response: string } = await transport.sendMail({ to: HELPDESK, ...message });
      const number = /OK: ([A-Z]+-\d+)/.exec(info.response)?.[1] ?? null;
      return { code: Number(info.response.slice(0, 3)), response: info.response, number };
    } catch (error) {
      const code = typeof error === 'object' && error && 'responseCode' in error ? Number(error.responseCode) : 0;
      return { code, response: error instanceof Error ? error.message : String(error), number: null };
    }
  };
  const person = async (options: Parameters<typeof createUser>[2] = {}) => {
    const created = await createUser(server, admin, options);
    const email = `p${Date.now().toString(36)}${counter++}@example.test`;
    await created.client.patch('/api/v1/me', { email, locale: 'en' });
    return { ...created, email };
  };
  return {
    database,
    server,
    listener,
    outbound,
    worker,
    admin,
    send,
    deliverOutbound: async () => {
      for (;;) if ((await worker.runOnce()) === 0) return;
    },
    person,
    customer: async () => person({ kind: 'customer', organisationId: (await createOrganisation(admin)).id }),
    incident: async (number) => (await admin.get<RecordItem>(`/api/v1/incidents/${number}`)).body,
    journal: async (number) => (await admin.get<Page<JournalEntry>>(`/api/v1/incidents/${number}/journal?limit=100`)).body.items,
    close: async () => {
      transport.close();
      await listener.close();
      await server.close();
      await database.db.close();
      await database.drop();
      await outbound.close();
    },
  };
}

/** A unique Message-ID, as a mail client would make. */
export const messageId = (): string => `<${Date.now().toString(36)}.${counter++}@client.example>`;
