import type { Agreement, AgreementKind, AgreementStatus, CreateAgreement, UpdateAgreement } from '@keel/shared';
import { type TargetValues, targetOf, targetValuesOf } from '../admin/sla/sla-values';

/** What the agreement form edits; dates as YYYY-MM-DD, read as UTC midnight. */
export type AgreementValues = {
  kind: AgreementKind;
  name: string;
  serviceId: number | null;
  recordType: string;
  organisationId: number | null;
  groupId: number | null;
  supplierName: string;
  supplierRef: string;
  calendarId: number | null;
  validFrom: string;
  validTo: string;
  reviewEveryMonths: number;
  status: AgreementStatus;
  targets: TargetValues[];
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
const instant = (date: string) => `${date}T00:00:00.000Z`;
const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

export function newAgreementValues(today: string): AgreementValues {
  return {
    kind: 'sla',
    name: '',
    serviceId: null,
    recordType: 'incident',
    organisationId: null,
    groupId: null,
    supplierName: '',
    supplierRef: '',
    calendarId: null,
    validFrom: today,
    validTo: '',
    reviewEveryMonths: 12,
    status: 'draft',
    targets: [],
  };
}

export function agreementValuesOf(a: Agreement): AgreementValues {
  return {
    kind: a.kind,
    name: a.name,
    serviceId: a.serviceId,
    recordType: a.recordType,
    organisationId: a.organisationId,
    groupId: a.groupId,
    supplierName: a.supplierName ?? '',
    supplierRef: a.supplierRef ?? '',
    calendarId: a.calendarId,
    validFrom: day(a.validFrom),
    validTo: day(a.validTo),
    reviewEveryMonths: a.reviewEveryMonths,
    status: a.status,
    targets: a.targets.map(targetValuesOf),
  };
}

/** Only the party the kind names is sent: an SLA its customer, an OLA its group, a UC its supplier. */
export function createAgreementBody(v: AgreementValues): CreateAgreement {
  return {
    kind: v.kind,
    name: v.name.trim(),
    serviceId: v.serviceId ?? 0,
    recordType: v.recordType,
    organisationId: v.kind === 'sla' ? (v.organisationId ?? null) : null,
    groupId: v.kind === 'ola' ? (v.groupId ?? null) : null,
    supplierName: v.kind === 'uc' ? orNull(v.supplierName) : null,
    supplierRef: v.kind === 'uc' ? orNull(v.supplierRef) : null,
    calendarId: v.calendarId ?? null,
    validFrom: instant(v.validFrom),
    validTo: v.validTo ? instant(v.validTo) : null,
    reviewEveryMonths: v.reviewEveryMonths,
    status: v.status,
    targets: v.targets.map(targetOf),
  };
}

/** The kind and service never change once made. */
export function updateAgreementBody(v: AgreementValues): UpdateAgreement {
  const { kind: _kind, serviceId: _service, ...rest } = createAgreementBody(v);
  return rest;
}
