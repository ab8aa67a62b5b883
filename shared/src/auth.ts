import { z } from 'zod';
import { LIMITS } from './limits.js';
import { localeSchema, timeZoneSchema } from './locale.js';
import { permissionSchema } from './permissions.js';

export const loginRequestSchema = z.strictObject({
  username: z.string().min(1).max(LIMITS.username),
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const meSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  kind: z.enum(['staff', 'customer']),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  roles: z.array(z.string()),
  permissions: z.array(permissionSchema),
  locale: localeSchema,
  timeZone: z.string(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const updateProfileSchema = z.strictObject({
  displayName: z.string().trim().min(1).max(LIMITS.name).optional(),
  email: z.email().max(LIMITS.email).nullable().optional(),
  locale: localeSchema.optional(),
  timeZone: timeZoneSchema.optional(),
});
export type UpdateProfile = z.infer<typeof updateProfileSchema>;

export const changePasswordSchema = z.strictObject({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: z.string().min(1).max(LIMITS.passwordMax),
});
export type ChangePassword = z.infer<typeof changePasswordSchema>;

export const PASSWORD_RULES = {
  minLength: LIMITS.passwordMin,
  maxLength: LIMITS.passwordMax,
  minClasses: 3,
} as const;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_simple' | 'contains_username';

/** Length, at least three of lower/upper/digit/other, and not built on the username. */
export function checkPassword(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_RULES.minLength) problems.push('too_short');
  if (length > PASSWORD_RULES.maxLength) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password));
  if (classes.length < PASSWORD_RULES.minClasses) problems.push('too_simple');
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('contains_username');
  }
  return problems;
}

export const apiTokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.shortText),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export type CreateApiToken = z.infer<typeof createApiTokenSchema>;

/** A user's live tokens: bounded (at most a few hundred), not paged. */
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

/** The only time the secret is ever shown. */
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;
