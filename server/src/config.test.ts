import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('mail configuration', () => {
  it('sends no mail without KEEL_SMTP_URL and links to localhost by default', () => {
    const config = loadConfig({ PORT: '4000' });
    expect(config.mail).toEqual({ smtpUrl: null, from: 'Keel <keel@localhost>' });
    expect(config.publicUrl).toBe('http://localhost:4000');
  });

  it('takes the SMTP URL, sender and public URL (without a trailing slash)', () => {
    const config = loadConfig({
      KEEL_SMTP_URL: 'smtps://keel:pw@mail.example.cn:465',
      KEEL_MAIL_FROM: 'Keel 服务台 <itsm@example.cn>',
      KEEL_PUBLIC_URL: 'https://itsm.example.cn/',
    });
    expect(config.mail.smtpUrl).toBe('smtps://keel:pw@mail.example.cn:465');
    expect(config.mail.from).toBe('Keel 服务台 <itsm@example.cn>');
    expect(config.publicUrl).toBe('https://itsm.example.cn');
  });

  it('refuses a bad SMTP URL without repeating it (it may hold a password)', () => {
    for (const url of ['http://keel:Secret-Pw-1@mail.example.cn', 'keel:Secret-Pw-1@mail']) {
      expect(() => loadConfig({ KEEL_SMTP_URL: url })).toThrow(/KEEL_SMTP_URL/);
      expect(() => loadConfig({ KEEL_SMTP_URL: url })).not.toThrow(/Secret-Pw-1/);
    }
    expect(() => loadConfig({ KEEL_PUBLIC_URL: 'javascript:alert(1)' })).toThrow(/KEEL_PUBLIC_URL/);
  });
});

describe('inbound mail configuration', () => {
  it('listens nowhere by default', () => {
    expect(loadConfig({}).mailIn).toEqual({ listen: null, addresses: [], domains: [] });
  });

  it('takes host:port and lower-cased address and domain lists', () => {
    const config = loadConfig({
      KEEL_MAIL_LISTEN: '127.0.0.1:2525',
      KEEL_MAIL_ADDRESSES: 'Help@Example.com, it@example.com',
      KEEL_MAIL_DOMAIN: 'Support.Example.com',
    });
    expect(config.mailIn).toEqual({
      listen: { host: '127.0.0.1', port: 2525 },
      addresses: ['help@example.com', 'it@example.com'],
      domains: ['support.example.com'],
    });
    expect(loadConfig({ KEEL_MAIL_LISTEN: '[::1]:25', KEEL_MAIL_DOMAIN: 'x.example' }).mailIn.listen).toEqual({ host: '::1', port: 25 });
  });

  it('refuses a listener without a port or without anyone to accept mail for', () => {
    expect(() => loadConfig({ KEEL_MAIL_LISTEN: '127.0.0.1', KEEL_MAIL_DOMAIN: 'x.example' })).toThrow(/host:port/);
    expect(() => loadConfig({ KEEL_MAIL_LISTEN: '127.0.0.1:99999', KEEL_MAIL_DOMAIN: 'x.example' })).toThrow(/host:port/);
    expect(() => loadConfig({ KEEL_MAIL_LISTEN: '127.0.0.1:2525' })).toThrow(/KEEL_MAIL_ADDRESSES/);
  });
});
