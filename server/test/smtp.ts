import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = { rcpt: string[]; user: string | null; mail: ParsedMail };

/** A real SMTP server on a random loopback port that keeps what arrives, and can refuse on demand. */
export type TestSmtp = {
  port: number;
  received: ReceivedMail[];
  /** The next `count` messages get a transient 451 after their data. */
  failNext: (count: number) => void;
  /** Addresses refused with a permanent 550. */
  rejected: Set<string>;
  to: (address: string) => ParsedMail[];
  close: () => Promise<void>;
};

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const rejected = new Set<string>();
  let failures = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    // Loopback without TLS, as a relay on the same host would be.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username }),
    onRcptTo: (address, _session, callback) => callback(rejected.has(address.address) ? smtpError('No such mailbox here', 550) : undefined),
    onData: (stream, session, callback) => {
      if (failures > 0) {
        failures--;
        stream.on('end', () => callback(smtpError('Try again later', 451)));
        stream.resume();
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          const user = typeof session.user === 'string' ? session.user : null;
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), user, mail });
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  if (!address || typeof address === 'string') throw new Error('SMTP server has no port');
  return {
    port: address.port,
    received,
    rejected,
    failNext: (count) => {
      failures = count;
    },
    to: (address) => received.filter((r) => r.rcpt.includes(address)).map((r) => r.mail),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
