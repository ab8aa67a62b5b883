import { describe, expect, it } from 'vitest';
import { escapeHtml, interpolate, type MailInput, recordLink, renderMail } from './templates.js';

const record = { type: 'task', path: 'tasks', number: 'TASK-000042', title: '更换 UPS 电池' };
const base = { recipientName: 'Emma', record, actorName: '李伟', link: recordLink('https://keel.example.cn', record) } as const;

describe('notification mail templates', () => {
  it('puts the record number first in the subject, in the recipient language', () => {
    const zh = renderMail({ ...base, locale: 'zh-CN', event: 'mentioned', params: { excerpt: '请看一下', internal: false } });
    expect(zh.subject).toBe('[TASK-000042] 李伟 提到了您：更换 UPS 电池');
    expect(zh.text).toContain('Emma，您好：');
    const en = renderMail({ ...base, locale: 'en', event: 'assigned', params: {} });
    expect(en.subject).toBe('[TASK-000042] Assigned to you: 更换 UPS 电池');
    expect(en.text).toContain('李伟 assigned TASK-000042 “更换 UPS 电池” to you.');
  });

  it('links to the record page under the public URL', () => {
    const mail = renderMail({ ...base, locale: 'en', event: 'commented', params: { excerpt: 'Done' } });
    expect(mail.text).toContain('Open TASK-000042: https://keel.example.cn/tasks/TASK-000042');
    expect(mail.html).toContain('<a href="https://keel.example.cn/tasks/TASK-000042">Open TASK-000042</a>');
  });

  it('escapes every user-supplied value in the HTML part and keeps the text part literal', () => {
    const evil: MailInput = {
      ...base,
      locale: 'en',
      record: { ...record, title: '<img src=x onerror=alert(1)>' },
      actorName: '"><script>alert(2)</script>',
      event: 'mentioned',
      params: { excerpt: '[click](javascript:alert(3)) <svg onload=alert(4)>', internal: false },
    };
    const mail = renderMail(evil);
    expect(mail.html).not.toMatch(/<img|<script|<svg/);
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).not.toContain('href="javascript');
    expect(mail.text).toContain('<img src=x onerror=alert(1)>');
  });

  it('marks an excerpt from an internal note and names the group and the state', () => {
    const note = renderMail({ ...base, locale: 'en', event: 'mentioned', params: { excerpt: 'vendor is late', internal: true } });
    expect(note.text).toContain('> [Internal note] vendor is late');
    const group = renderMail({ ...base, locale: 'zh-CN', event: 'group_assigned', params: { groupName: '网络组' } });
    expect(group.subject).toBe('[TASK-000042] 分派给 网络组：更换 UPS 电池');
    const state = renderMail({
      ...base,
      locale: 'zh-CN',
      actorName: null,
      event: 'state_changed',
      params: { state: 'done', label: { 'zh-CN': '已完成', en: 'Done' } },
    });
    expect(state.subject).toBe('[TASK-000042] 状态变为已完成：更换 UPS 电池');
  });

  it('writes an agreement review reminder with its date, linking to the agreement', () => {
    const agreement = { type: 'agreement', path: 'agreements', number: 'AGR-7', title: '邮件服务 SLA' };
    const input = { ...base, record: agreement, actorName: null, link: recordLink('https://keel.example.cn', agreement) };
    const params = { reviewAt: '2027-03-01T00:00:00.000Z' };
    const zh = renderMail({ ...input, locale: 'zh-CN', event: 'agreement_review_due', params });
    expect(zh.subject).toBe('[AGR-7] 协议待评审（2027-03-01）：邮件服务 SLA');
    const en = renderMail({ ...input, locale: 'en', event: 'agreement_review_due', params });
    expect(en.text).toContain('is due for review on 2027-03-01');
    expect(en.text).toContain('https://keel.example.cn/agreements/AGR-7');
  });

  it('keeps line breaks out of the subject', () => {
    const mail = renderMail({
      ...base,
      locale: 'en',
      record: { ...record, title: 'a\r\nBcc: x@evil.example' },
      event: 'assigned',
      params: {},
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('escapes and interpolates as documented', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(interpolate('{{a}} and {{missing}}', { a: '1' })).toBe('1 and ');
  });
});
