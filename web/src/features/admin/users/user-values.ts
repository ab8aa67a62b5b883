import type { CreateUser, Locale, UpdateUser, User } from '@keel/shared';

/** What the user form edits; empty strings stand for "no value". */
export type UserValues = {
  username: string;
  displayName: string;
  email: string;
  phone: string;
  kind: 'staff' | 'customer';
  organisationId: number | null;
  seesOrganisationRecords: boolean;
  /** Approves this person's service requests. */
  managerId: number | null;
  roles: string[];
  locale: Locale;
  timeZone: string;
  active: boolean;
  password: string;
  unlock: boolean;
};

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function valuesOf(user: User): UserValues {
  return {
    username: user.username,
    displayName: user.displayName,
    email: user.email ?? '',
    phone: user.phone ?? '',
    kind: user.kind,
    organisationId: user.organisationId,
    seesOrganisationRecords: user.seesOrganisationRecords,
    managerId: user.managerId,
    roles: user.roles,
    locale: user.locale,
    timeZone: user.timeZone,
    active: user.active,
    password: '',
    unlock: false,
  };
}

export function newUserValues(locale: Locale, timeZone: string): UserValues {
  return {
    username: '',
    displayName: '',
    email: '',
    phone: '',
    kind: 'staff',
    organisationId: null,
    seesOrganisationRecords: false,
    managerId: null,
    roles: [],
    locale,
    timeZone,
    active: true,
    password: '',
    unlock: false,
  };
}

export function createBody(v: UserValues): CreateUser {
  const customer = v.kind === 'customer';
  return {
    username: v.username.trim(),
    displayName: v.displayName.trim(),
    email: orNull(v.email),
    phone: orNull(v.phone),
    kind: v.kind,
    organisationId: v.organisationId,
    seesOrganisationRecords: customer && v.seesOrganisationRecords,
    managerId: v.managerId,
    roles: v.roles,
    locale: v.locale,
    timeZone: v.timeZone,
    password: v.password,
  };
}

/** Only what changed, so the audit trail records the edit and nothing else. */
export function updateBody(user: User, v: UserValues): UpdateUser {
  const body: UpdateUser = {};
  if (v.displayName.trim() !== user.displayName) body.displayName = v.displayName.trim();
  if (orNull(v.email) !== user.email) body.email = orNull(v.email);
  if (orNull(v.phone) !== user.phone) body.phone = orNull(v.phone);
  if (v.organisationId !== user.organisationId) body.organisationId = v.organisationId;
  if (v.seesOrganisationRecords !== user.seesOrganisationRecords) body.seesOrganisationRecords = v.seesOrganisationRecords;
  if ((v.managerId ?? null) !== user.managerId) body.managerId = v.managerId ?? null;
  if ([...v.roles].sort().join() !== [...user.roles].sort().join()) body.roles = v.roles;
  if (v.locale !== user.locale) body.locale = v.locale;
  if (v.timeZone !== user.timeZone) body.timeZone = v.timeZone;
  if (v.active !== user.active) body.active = v.active;
  if (v.password !== '') body.password = v.password;
  if (v.unlock) body.unlock = true;
  return body;
}
