import { describe, expect, it } from 'vitest';
import { type ClassifyInput, ignoreReason } from './classify.js';
import { headerMap } from './headers.js';

function input(lines: string[], extra: Partial<ClassifyInput> = {}): ClassifyInput {
  const headers = headerMap(lines.map((line) => ({ key: line.slice(0, line.indexOf(':')).toLowerCase(), line })));
  return { headers, envelopeFrom: 'li.wei@example.com', from: 'li.wei@example.com', ownHost: 'keel.test', ...extra };
}

describe('ignoreReason', () => {
  it('lets an ordinary mail through', () => {
    expect(ignoreReason(input(['Subject: Printer', 'Auto-Submitted: no', 'Precedence: normal']))).toBeNull();
  });

  it('ignores answering machines by Auto-Submitted, X-Autoreply and Precedence', () => {
    expect(ignoreReason(input(['Auto-Submitted: auto-replied']))).toBe('auto_reply');
    expect(ignoreReason(input(['Auto-Submitted: Auto-Generated; owner-email="x@y.z"']))).toBe('auto_reply');
    expect(ignoreReason(input(['X-Autoreply: yes']))).toBe('auto_reply');
    expect(ignoreReason(input(['Precedence: auto_reply']))).toBe('auto_reply');
  });

  it('ignores bulk and list mail', () => {
    expect(ignoreReason(input(['Precedence: bulk']))).toBe('bulk');
    expect(ignoreReason(input(['Precedence: JUNK']))).toBe('bulk');
    expect(ignoreReason(input(['Precedence: list']))).toBe('bulk');
  });

  it('ignores bounces: the null sender, Return-Path <>, delivery reports and mailer daemons', () => {
    expect(ignoreReason(input([], { envelopeFrom: '' }))).toBe('bounce');
    expect(ignoreReason(input(['Return-Path: <>']))).toBe('bounce');
    expect(ignoreReason(input(['Content-Type: multipart/report; report-type=delivery-status; boundary="x"']))).toBe('bounce');
    expect(ignoreReason(input([], { from: 'mailer-daemon@mx.example.com' }))).toBe('bounce');
  });

  it('ignores our own mail coming back, by header or by a Message-ID of ours', () => {
    expect(ignoreReason(input(['X-Keel-Record: INC-000042']))).toBe('loop');
    expect(ignoreReason(input(['Message-ID: <keel.INC-000042.0a1b2c@keel.test>']))).toBe('loop');
    expect(ignoreReason(input(['Message-ID: <keel.INC-000042.0a1b2c@other.example>']))).toBeNull();
  });
});
