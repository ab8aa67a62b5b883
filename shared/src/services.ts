import { z } from 'zod';
import { optionalText, text } from './common.js';
import { LIMITS } from './limits.js';
import { pageQuerySchema, sortSchema } from './pagination.js';

/** A service's life: being designed, offered, withdrawn. Records cannot be raised against a retired service. */
export const SERVICE_STATUSES = ['pipeline', 'live', 'retired'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

const ids = (max: number) => z.array(z.number().int().positive()).max(max);

/** A packaged level of a service (e.g. Gold, Silver) that catalogue items and agreements can name. */
export const serviceOfferingSchema = z.object({
  id: z.number().int(),
  serviceId: z.number().int(),
  name: z.string(),
  description: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ServiceOffering = z.infer<typeof serviceOfferingSchema>;

export const createServiceOfferingSchema = z.strictObject({
  name: text(LIMITS.name),
  description: optionalText().default(''),
  active: z.boolean().default(true),
});
export type CreateServiceOffering = z.infer<typeof createServiceOfferingSchema>;
export const updateServiceOfferingSchema = z
  .strictObject({ name: text(LIMITS.name), description: optionalText(), active: z.boolean() })
  .partial();
export type UpdateServiceOffering = z.infer<typeof updateServiceOfferingSchema>;

export const serviceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string().nullable(),
  /** The service hours: a business calendar (null: around the clock). */
  calendarId: z.number().int().nullable(),
  status: z.enum(SERVICE_STATUSES),
  /** Organisations the service is offered to (a customer sees only their own). */
  customerIds: z.array(z.number().int()),
  /** Services this one depends on (staff only). */
  supportedByIds: z.array(z.number().int()),
  offerings: z.array(serviceOfferingSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Service = z.infer<typeof serviceSchema>;

const serviceFields = {
  name: text(LIMITS.name),
  description: optionalText(),
  ownerId: z.number().int().positive().nullable(),
  calendarId: z.number().int().positive().nullable(),
  status: z.enum(SERVICE_STATUSES),
  customerIds: ids(500),
  supportedByIds: ids(100),
};

export const createServiceSchema = z.strictObject({
  ...serviceFields,
  description: serviceFields.description.default(''),
  ownerId: serviceFields.ownerId.default(null),
  calendarId: serviceFields.calendarId.default(null),
  status: serviceFields.status.default('pipeline'),
  customerIds: serviceFields.customerIds.default([]),
  supportedByIds: serviceFields.supportedByIds.default([]),
});
export type CreateService = z.infer<typeof createServiceSchema>;
/** Every field optional and without defaults: only what is sent changes. Retiring is `status: "retired"`. */
export const updateServiceSchema = z.strictObject(serviceFields).partial();
export type UpdateService = z.infer<typeof updateServiceSchema>;

export const listServicesQuerySchema = pageQuerySchema.extend({
  sort: sortSchema(['name', 'createdAt']),
  q: z.string().max(LIMITS.search).optional(),
  status: z.enum(SERVICE_STATUSES).optional(),
  ownerId: z.coerce.number().int().positive().optional(),
});
export type ListServicesQuery = z.infer<typeof listServicesQuerySchema>;

/** The supporting services reachable from `start` through `edges` (service → services it depends on). */
export function reachableServices(start: number, edges: ReadonlyMap<number, readonly number[]>): Set<number> {
  const seen = new Set<number>();
  const stack = [...(edges.get(start) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop();
    if (next === undefined || seen.has(next)) continue;
    seen.add(next);
    stack.push(...(edges.get(next) ?? []));
  }
  return seen;
}
