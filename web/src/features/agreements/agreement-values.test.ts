import type { Agreement } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { agreementValuesOf, createAgreementBody, newAgreementValues, updateAgreementBody } from './agreement-values';

describe('agreement form values', () => {
  it('sends only the party its kind names, with dates as UTC midnight', () => {
    const values = {
      ...newAgreementValues('2026-01-01'),
      name: ' Mail SLA ',
      serviceId: 3,
      organisationId: 7,
      groupId: 9,
      supplierName: 'X',
      validTo: '2027-01-01',
    };
    expect(createAgreementBody(values)).toMatchObject({
      kind: 'sla',
      name: 'Mail SLA',
      organisationId: 7,
      groupId: null,
      supplierName: null,
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: '2027-01-01T00:00:00.000Z',
    });
    expect(createAgreementBody({ ...values, kind: 'uc', supplierRef: ' ' })).toMatchObject({
      organisationId: null,
      supplierName: 'X',
      supplierRef: null,
    });
  });

  it('round-trips a stored agreement and leaves kind and service out of an update', () => {
    const stored: Agreement = {
      id: 1,
      kind: 'ola',
      name: 'Network OLA',
      serviceId: 3,
      serviceName: 'Network',
      recordType: 'incident',
      organisationId: null,
      groupId: 9,
      supplierId: null,
      supplierName: null,
      supplierRef: null,
      calendarId: null,
      validFrom: '2026-01-01T00:00:00.000Z',
      validTo: null,
      reviewEveryMonths: 6,
      nextReviewAt: '2026-07-01T00:00:00.000Z',
      lastReviewedAt: null,
      ownerId: null,
      status: 'active',
      targets: [
        {
          key: 'resolution',
          label: { 'zh-CN': '解决', en: 'Resolution' },
          stopOn: ['resolved'],
          minutesByPriority: { '1': 60 },
          defaultMinutes: null,
        },
      ],
      slaPolicyId: 4,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      version: 1,
    };
    const body = updateAgreementBody(agreementValuesOf(stored));
    expect(body).not.toHaveProperty('kind');
    expect(body).not.toHaveProperty('serviceId');
    expect(body).toMatchObject({ groupId: 9, validFrom: stored.validFrom, validTo: null, reviewEveryMonths: 6, targets: stored.targets });
  });
});
