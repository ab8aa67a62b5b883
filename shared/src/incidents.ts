import { z } from 'zod';

/**
 * The incident process's own endpoints (P-6.1): escalation, major incidents with their
 * communication log and review, and the known-error lookup. The incident record itself is
 * the records engine's (records.ts).
 */

const reason = z.string().trim().min(1).max(2000);
const refId = z.number().int().positive().max(2_147_483_647);

export const escalateIncidentSchema = z.discriminatedUnion('kind', [
  /** Hand the incident to another group: a reassignment, with the reason in the timeline. */
  z.strictObject({ kind: z.literal('functional'), groupId: refId, reason }),
  /** Alert the group lead and service management; raises the escalation level by one. */
  z.strictObject({ kind: z.literal('hierarchical'), reason }),
]);
export type EscalateIncident = z.infer<typeof escalateIncidentSchema>;

/** Who may declare a major incident (P-6.1: "declared by role"); the server and the web app read this one list. */
export const MAJOR_INCIDENT_ROLES: readonly string[] = ['service_manager', 'administrator'];

/** How often customers hear about a major incident, in minutes. */
export const MAJOR_UPDATE_INTERVALS = [15, 30, 60, 120, 240] as const;

export const declareMajorIncidentSchema = z.strictObject({
  reason,
  /** The major incident manager: an active staff user. */
  managerId: refId,
  updateIntervalMinutes: z
    .number()
    .int()
    .refine((n) => (MAJOR_UPDATE_INTERVALS as readonly number[]).includes(n), { message: 'One of 15, 30, 60, 120, 240' })
    .default(60),
});
export type DeclareMajorIncident = z.infer<typeof declareMajorIncidentSchema>;

export const COMMUNICATION_AUDIENCES = ['customers', 'internal'] as const;

export const addCommunicationSchema = z.strictObject({
  body: z.string().trim().min(1).max(10_000),
  audience: z.enum(COMMUNICATION_AUDIENCES),
});
export type AddCommunication = z.infer<typeof addCommunicationSchema>;

export const communicationSchema = z.object({
  id: z.number().int(),
  audience: z.enum(COMMUNICATION_AUDIENCES),
  body: z.string(),
  authorId: z.number().int().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type Communication = z.infer<typeof communicationSchema>;

export const communicationLogSchema = z.object({
  items: z.array(communicationSchema),
  /** When the next customer update is due (null when the incident is not major or is finished). */
  nextUpdateDue: z.string().nullable(),
});
export type CommunicationLog = z.infer<typeof communicationLogSchema>;

export const recordIncidentReviewSchema = z.strictObject({
  summary: z.string().trim().min(1).max(10_000),
  rootCause: z.string().trim().min(1).max(10_000),
  actions: z.string().trim().max(10_000).default(''),
  /** Ask problem management to raise a problem from this review (issue 6 creates it). */
  raiseProblem: z.boolean().default(false),
});
export type RecordIncidentReview = z.infer<typeof recordIncidentReviewSchema>;

export const incidentReviewSchema = z.object({
  summary: z.string(),
  rootCause: z.string(),
  actions: z.string(),
  raiseProblem: z.boolean(),
  /** The problem raised from it, once problem management has done so. */
  problemNumber: z.string().nullable(),
  authorId: z.number().int().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type IncidentReview = z.infer<typeof incidentReviewSchema>;

export const incidentReviewReplySchema = z.object({ review: incidentReviewSchema.nullable() });

export const knownErrorSuggestQuerySchema = z.strictObject({ q: z.string().trim().min(3).max(200) });

export const knownErrorSuggestionSchema = z.object({
  /** The record it comes from (a problem's number), for a link. */
  number: z.string(),
  title: z.string(),
  workaround: z.string().nullable(),
});
export type KnownErrorSuggestion = z.infer<typeof knownErrorSuggestionSchema>;
export const knownErrorSuggestionsSchema = z.object({ items: z.array(knownErrorSuggestionSchema) });
