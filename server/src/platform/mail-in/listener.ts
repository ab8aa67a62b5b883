import type { FastifyBaseLogger } from 'fastify';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import { blobStore } from '../attachments/blob-store.js';
import type { RecordTypeDefinition } from '../records/record-type.js';
import { domainOf, normaliseAddress } from './address.js';
import { type Delivery, deliverMail, type MailDeps } from './deliver.js';
import { type InboundMail, parseMail } from './parse.js';

export type MailListener = { port: number; close: () => Promise<void> };

/** A whole mail may be the attachment limit after base64 (4/3, plus line breaks) and some room for headers and text. */
export const messageLimit = (attachmentMaxBytes: number): number => Math.ceil(attachmentMaxBytes * 1.37) + 64 * 1024;

const reply = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

/** Only the addresses and domains Keel was told are its own: it is nobody's open relay. */
function accepts(config: Config['mailIn'], address: string | null): boolean {
  if (!address) return false;
  return config.addresses.includes(address) || config.domains.includes(domainOf(address));
}

async function readAll(stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    // Read on to the end (the client is still sending) but keep nothing past the limit.
    if (size <= limit) chunks.push(chunk);
  }
  return stream.sizeExceeded || size > limit ? null : Buffer.concat(chunks);
}

function answer(delivery: Delivery): string {
  if (delivery.outcome === 'created' || delivery.outcome === 'replied') return `OK: ${delivery.recordNumber}`;
  return delivery.outcome === 'duplicate' ? 'OK: already received' : 'OK: not recorded (automatic mail)';
}

/**
 * Handles one DATA: reads the mail, records it, and only then answers 250, so a mail is off
 * the sending server's queue only once its record is committed. A mail that cannot be read
 * at all is refused for good (554); anything that may pass (a database error) is a 451, and
 * the sending server tries again later.
 */
async function onData(deps: MailDeps, log: FastifyBaseLogger, stream: SMTPServerDataStream, session: SMTPServerSession) {
  const raw = await readAll(stream, messageLimit(deps.store.maxBytes));
  if (!raw) throw reply(552, '5.3.4 Message too big');
  let mail: InboundMail;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    log.warn(
      { session: session.id, size: raw.byteLength, error: error instanceof Error ? error.message : 'unknown' },
      'inbound mail unreadable',
    );
    throw reply(554, '5.6.0 Message could not be read');
  }
  if (!mail.from && !mail.subject && !mail.text && mail.attachments.length === 0) throw reply(554, '5.6.0 Empty message');
  const envelope = {
    from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
    remoteAddress: session.remoteAddress ?? null,
    sessionId: session.id,
  };
  try {
    const delivery = await deliverMail(deps, mail, envelope);
    log.info({ session: session.id, size: raw.byteLength, ...delivery }, 'inbound mail');
    return answer(delivery);
  } catch (error) {
    log.error(
      { session: session.id, size: raw.byteLength, error: error instanceof Error ? error.message : 'unknown' },
      'inbound mail failed',
    );
    throw reply(451, '4.3.0 Temporary failure, try again later');
  }
}

/**
 * The SMTP listener of `keel start` when KEEL_MAIL_LISTEN is set (ADR 0011). Plain SMTP
 * without AUTH or TLS: it is meant to sit behind the organisation's mail server on a trusted
 * network, which relays the help desk's addresses to it.
 */
export async function startMailListener(input: {
  config: Config;
  db: Db;
  types: readonly RecordTypeDefinition[];
  log: FastifyBaseLogger;
  listen: { host: string; port: number };
}): Promise<MailListener> {
  const { config, log } = input;
  const ownHost = new URL(config.publicUrl).hostname;
  const deps: MailDeps = { db: input.db, config, store: blobStore(config), types: input.types, ownHost };
  const server = new SMTPServer({
    name: ownHost,
    banner: 'Keel',
    size: messageLimit(config.attachmentMaxBytes),
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    maxClients: 20,
    socketTimeout: 60_000,
    onRcptTo: (address, _session, callback) => {
      callback(accepts(config.mailIn, normaliseAddress(address.address)) ? undefined : reply(550, '5.1.1 No such mailbox here'));
    },
    onData: (stream, session, callback) => {
      onData(deps, log, stream, session).then(
        (message) => callback(null, message),
        (error: unknown) => callback(error instanceof Error ? error : reply(451, '4.3.0 Try again later')),
      );
    },
  });
  server.on('error', (error) => log.error({ error: error.message }, 'mail listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(input.listen.port, input.listen.host, () => resolve());
  });
  const address = server.server.address();
  const port = address && typeof address !== 'string' ? address.port : input.listen.port;
  log.info({ host: input.listen.host, port }, 'inbound mail listening');
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
