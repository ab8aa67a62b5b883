import { z } from 'zod';
import { optionalText, text } from './common.js';
import { LIMITS } from './limits.js';
import { localeSchema, timeZoneSchema } from './locale.js';
import { pageQuerySchema, queryBoolean, sortSchema } from './pagination.js';
import { permissionSchema } from './permissions.js';

export const userKindSchema = z.enum(['staff', 'customer']);
export const usernameSchema = z
  .string()
  .trim()
  .min(2)
  .max(LIMITS.username)
  .regex(/^[A-Za-z0-9._@-]+$/, { message: 'Letters, digits, dot, underscore, @ and dash only' });

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  kind: userKindSchema,
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  seesOrganisationRecords: z.boolean(),
  /** Who approves this person's service requests when an item asks for the manager's approval. */
  managerId: z.number().int().nullable(),
  managerName: z.string().nullable(),
  roles: z.array(z.string()),
  locale: localeSchema,
  timeZone: z.string(),
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z.strictObject({
  username: usernameSchema,
  displayName: text(LIMITS.name),
  email: z.email().max(LIMITS.email).nullable().optional(),
  phone: optionalText(LIMITS.phone).nullable().optional(),
  kind: userKindSchema,
  organisationId: z.number().int().positive().nullable().optional(),
  seesOrganisationRecords: z.boolean().optional(),
  managerId: z.number().int().positive().nullable().optional(),
  roles: z.array(z.string().max(64)).max(20).optional(),
  locale: localeSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z.strictObject({
  displayName: text(LIMITS.name).optional(),
  email: z.email().max(LIMITS.email).nullable().optional(),
  phone: optionalText(LIMITS.phone).nullable().optional(),
  organisationId: z.number().int().positive().nullable().optional(),
  seesOrganisationRecords: z.boolean().optional(),
  managerId: z.number().int().positive().nullable().optional(),
  roles: z.array(z.string().max(64)).max(20).optional(),
  locale: localeSchema.optional(),
  timeZone: timeZoneSchema.optional(),
  active: z.boolean().optional(),
  unlock: z.literal(true).optional(),
  password: z.string().min(1).max(LIMITS.passwordMax).optional(),
});
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const listUsersQuerySchema = pageQuerySchema.extend({
  sort: sortSchema(['username', 'displayName', 'createdAt']),
  q: z.string().max(LIMITS.search).optional(),
  kind: userKindSchema.optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  groupId: z.coerce.number().int().positive().optional(),
  role: z.string().max(64).optional(),
  active: queryBoolean.optional(),
});
export type ListUsersQuery = z.infer<typeof listUsersQuerySchema>;

export const organisationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string(),
  description: z.string(),
  parentId: z.number().int().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Organisation = z.infer<typeof organisationSchema>;

const orgCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'Letters, digits, underscore and dash only' });

export const createOrganisationSchema = z.strictObject({
  name: text(LIMITS.name),
  code: orgCode,
  description: optionalText().optional(),
  parentId: z.number().int().positive().nullable().optional(),
});
export type CreateOrganisation = z.infer<typeof createOrganisationSchema>;
export const updateOrganisationSchema = createOrganisationSchema.partial().extend({ active: z.boolean().optional() }).strict();
export type UpdateOrganisation = z.infer<typeof updateOrganisationSchema>;

export const listOrganisationsQuerySchema = pageQuerySchema.extend({
  sort: sortSchema(['name', 'code', 'createdAt']),
  q: z.string().max(LIMITS.search).optional(),
  active: queryBoolean.optional(),
});
export type ListOrganisationsQuery = z.infer<typeof listOrganisationsQuerySchema>;

export const groupSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  email: z.string().nullable(),
  leadId: z.number().int().nullable(),
  leadName: z.string().nullable(),
  memberIds: z.array(z.number().int()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Group = z.infer<typeof groupSchema>;

export const createGroupSchema = z.strictObject({
  name: text(LIMITS.name),
  description: optionalText().optional(),
  email: z.email().max(LIMITS.email).nullable().optional(),
  leadId: z.number().int().positive().nullable().optional(),
  memberIds: z.array(z.number().int().positive()).max(500).optional(),
});
export type CreateGroup = z.infer<typeof createGroupSchema>;
export const updateGroupSchema = createGroupSchema.partial().strict();
export type UpdateGroup = z.infer<typeof updateGroupSchema>;

export const listGroupsQuerySchema = pageQuerySchema.extend({
  sort: sortSchema(['name', 'createdAt']),
  q: z.string().max(LIMITS.search).optional(),
});
export type ListGroupsQuery = z.infer<typeof listGroupsQuerySchema>;

export const roleSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
  builtIn: z.boolean(),
  permissions: z.array(permissionSchema),
  version: z.number().int(),
});
export type Role = z.infer<typeof roleSchema>;

const roleKey = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[a-z][a-z0-9_]*$/, { message: 'Lower-case letters, digits and underscore' });

export const createRoleSchema = z.strictObject({
  key: roleKey,
  name: text(LIMITS.name),
  description: optionalText().optional(),
  permissions: z.array(permissionSchema).max(200),
});
export type CreateRole = z.infer<typeof createRoleSchema>;
export const updateRoleSchema = z.strictObject({
  name: text(LIMITS.name).optional(),
  description: optionalText().optional(),
  permissions: z.array(permissionSchema).max(200).optional(),
});
export type UpdateRole = z.infer<typeof updateRoleSchema>;

/** Roles are few: one bounded list, not paged. */
export const roleListSchema = z.object({ items: z.array(roleSchema) });
