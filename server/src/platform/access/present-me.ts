import type { Me } from '@keel/shared';
import type { Actor } from './actor.js';

export function presentMe(actor: Actor): Me {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    email: actor.email,
    kind: actor.kind,
    organisationId: actor.organisationId,
    organisationName: actor.organisationName,
    roles: actor.roles,
    permissions: [...actor.permissions].sort(),
    locale: actor.locale,
    timeZone: actor.timeZone,
    mustChangePassword: actor.mustChangePassword,
    csrfToken: actor.csrfToken ?? '',
  };
}
