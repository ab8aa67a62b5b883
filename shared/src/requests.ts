import { z } from 'zod';
import { catalogueFormSchema } from './catalogue.js';
import { idSchema, isoTimeSchema, optionalText, text } from './common.js';
import { LIMITS } from './limits.js';
import { levelSchema } from './records.js';

/** Answers as sent: field key → value (text, number, boolean, a list of choices, a user id); checked by validateCatalogueForm. */
export const catalogueAnswersSchema = z.record(z.string().max(40), z.unknown());

/**
 * Raising a service request (P-6.1): a catalogue item and the answers to its form. The title
 * defaults to the item's name; the service and the fulfilment group come from the item.
 */
export const raiseRequestSchema = z.strictObject({
  catalogueItemId: z.number().int().positive(),
  answers: catalogueAnswersSchema.default({}),
  title: text(LIMITS.name).optional(),
  description: optionalText(50_000).optional(),
  impact: levelSchema.nullable().optional(),
  urgency: levelSchema.nullable().optional(),
  /** Staff may raise a request on someone's behalf; customers raise for themselves. */
  requesterId: z.number().int().positive().nullable().optional(),
});
export type RaiseRequest = z.infer<typeof raiseRequestSchema>;

/** Where a request's approval stands. */
export const REQUEST_APPROVAL_STATES = ['not_required', 'pending', 'approved', 'rejected'] as const;
export type RequestApprovalState = (typeof REQUEST_APPROVAL_STATES)[number];

/** A catalogue item as the portal shows it: what it is, under which service, and its form. */
export const requestableItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  category: z.string().nullable(),
  serviceId: z.number().int(),
  serviceName: z.string(),
  form: catalogueFormSchema,
  /** Whether someone must approve before the work starts. */
  needsApproval: z.boolean(),
});
export type RequestableItem = z.infer<typeof requestableItemSchema>;

export const requestableItemsQuerySchema = z.strictObject({
  q: z.string().trim().max(100).optional(),
  serviceId: idSchema.optional(),
  category: z.string().trim().max(100).optional(),
});

/** What was asked for on a request: the item and the answers given. */
export const requestFormSchema = z.object({
  catalogueItemId: z.number().int(),
  itemName: z.string(),
  form: catalogueFormSchema,
  answers: z.record(z.string(), z.unknown()),
  approvalState: z.enum(REQUEST_APPROVAL_STATES),
});
export type RequestForm = z.infer<typeof requestFormSchema>;

/** A satisfaction rating of a closed ticket (P-5.3): 1 (poor) to 5 (excellent). */
export const rateTicketSchema = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: optionalText(2000).optional(),
});
export type RateTicket = z.infer<typeof rateTicketSchema>;

export const ticketRatingSchema = z.object({
  score: z.number().int(),
  comment: z.string(),
  ratedById: z.number().int(),
  ratedByName: z.string().nullable(),
  ratedAt: z.string(),
});
export type TicketRating = z.infer<typeof ticketRatingSchema>;

/** A rating at or below this notifies the lead of the record's group. */
export const LOW_RATING_MAX = 2;

export const ratingSummaryQuerySchema = z.strictObject({
  from: isoTimeSchema.optional(),
  to: isoTimeSchema.optional(),
  serviceId: idSchema.optional(),
  groupId: idSchema.optional(),
});
export type RatingSummaryQuery = z.infer<typeof ratingSummaryQuerySchema>;

export const ratingSummarySchema = z.object({
  count: z.number().int(),
  /** Mean score, two decimals; null when nothing was rated. */
  average: z.number().nullable(),
  /** How many ratings gave each score, 1 to 5. */
  distribution: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int(), 4: z.number().int(), 5: z.number().int() }),
});
export type RatingSummary = z.infer<typeof ratingSummarySchema>;
