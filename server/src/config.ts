import path from 'node:path';
import { ATTACHMENT_LIMITS } from '@keel/shared';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  adminPassword: string | null;
  demo: boolean;
  logLevel: string;
  trustProxy: boolean;
  secureCookies: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; windowMinutes: number; lockMinutes: number; maxFailuresPerIp: number };
  defaultLocale: 'zh-CN' | 'en';
  defaultTimeZone: string;
  webDir: string | null;
  bodyLimitBytes: number;
  /** Where users reach Keel: links in mails point here. */
  publicUrl: string;
  /** Outgoing mail; without an SMTP URL Keel sends none and notifies in the app only. */
  mail: { smtpUrl: string | null; from: string };
  /** Rows one record export may hold; more is a 422 asking to narrow the filters. */
  exportMaxRows: number;
  /** The largest attachment accepted, in bytes (files live under <dataDir>/blobs on either database). */
  attachmentMaxBytes: number;
  /** Inbound mail (docs/mail.md): an SMTP listener when `listen` is set, for these addresses and domains only. */
  mailIn: MailInConfig;
};

export type MailInConfig = { listen: { host: string; port: number } | null; addresses: string[]; domains: string[] };

/** KEEL_MAIL_LISTEN (host:port), KEEL_MAIL_ADDRESSES and KEEL_MAIL_DOMAIN (comma lists); refuses a listener that would accept mail for nobody. */
function mailIn(env: NodeJS.ProcessEnv): MailInConfig {
  const list = (value: string | undefined) =>
    (value ?? '')
      .split(',')
      .map((v) => v.trim().toLowerCase())
      .filter(Boolean);
  const addresses = list(env.KEEL_MAIL_ADDRESSES);
  const domains = list(env.KEEL_MAIL_DOMAIN);
  if (!env.KEEL_MAIL_LISTEN) return { listen: null, addresses, domains };
  const match = /^(.+):(\d{1,5})$/.exec(env.KEEL_MAIL_LISTEN.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || port > 65_535) throw new Error('KEEL_MAIL_LISTEN must be host:port, e.g. 127.0.0.1:2525');
  if (addresses.length === 0 && domains.length === 0)
    throw new Error('KEEL_MAIL_LISTEN needs KEEL_MAIL_ADDRESSES or KEEL_MAIL_DOMAIN: whose mail should Keel accept?');
  return { listen: { host: match[1].replace(/^\[(.*)\]$/, '$1'), port }, addresses, domains };
}

function int(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 0) throw new Error(`Expected a non-negative integer, got "${value}"`);
  return n;
}

/** The SMTP URL is checked without ever echoing it: it may hold a password. */
function smtpUrl(value: string | undefined): string | null {
  if (!value) return null;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error('KEEL_SMTP_URL is not a valid URL (expected smtp://user:password@host:587 or smtps://…)');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') throw new Error('KEEL_SMTP_URL must start with smtp:// or smtps://');
  return value;
}

function publicUrl(value: string | undefined, port: number): string {
  const url = new URL(value || `http://localhost:${port}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('KEEL_PUBLIC_URL must be an http(s) URL');
  return url.toString().replace(/\/+$/, '');
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true' || value === 'yes';
}

/** Reads configuration from the environment once, at start; nothing else reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.KEEL_DATA_DIR ?? 'data');
  const port = int(env.PORT, 3000);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: env.KEEL_DATABASE_URL || null,
    adminPassword: env.KEEL_ADMIN_PASSWORD || null,
    demo: flag(env.KEEL_DEMO),
    logLevel: env.KEEL_LOG_LEVEL ?? 'info',
    trustProxy: flag(env.KEEL_TRUST_PROXY),
    secureCookies: flag(env.KEEL_SECURE_COOKIES),
    session: {
      idleMinutes: int(env.KEEL_SESSION_IDLE_MINUTES, 60),
      absoluteHours: int(env.KEEL_SESSION_ABSOLUTE_HOURS, 12),
    },
    login: {
      maxFailures: int(env.KEEL_LOGIN_MAX_FAILURES, 5),
      windowMinutes: int(env.KEEL_LOGIN_WINDOW_MINUTES, 15),
      lockMinutes: int(env.KEEL_LOGIN_LOCK_MINUTES, 15),
      maxFailuresPerIp: int(env.KEEL_LOGIN_MAX_FAILURES_PER_IP, 50),
    },
    defaultLocale: env.KEEL_DEFAULT_LOCALE === 'en' ? 'en' : 'zh-CN',
    defaultTimeZone: env.KEEL_DEFAULT_TIME_ZONE ?? 'Asia/Shanghai',
    webDir: env.KEEL_WEB_DIR ?? null,
    bodyLimitBytes: int(env.KEEL_BODY_LIMIT_BYTES, 1024 * 1024),
    publicUrl: publicUrl(env.KEEL_PUBLIC_URL, port),
    mail: { smtpUrl: smtpUrl(env.KEEL_SMTP_URL), from: env.KEEL_MAIL_FROM || 'Keel <keel@localhost>' },
    exportMaxRows: int(env.KEEL_EXPORT_MAX_ROWS, 100_000),
    attachmentMaxBytes: int(env.KEEL_ATTACHMENT_MAX_BYTES, ATTACHMENT_LIMITS.defaultMaxBytes),
    mailIn: mailIn(env),
    ...overrides,
  };
}
