import { z } from 'zod';
import { idSchema } from './common.js';
import type { Locale } from './locale.js';
import { pageQuerySchema, queryBoolean } from './pagination.js';

/**
 * The notification event catalogue. Every notification names one of these events with its
 * own parameters; adding an event means adding it here (with its parameters, default
 * preferences and the strings in both notify catalogues), so nothing sends an event the
 * preferences screen does not list.
 */
export const NOTIFICATION_EVENTS = [
  'mentioned',
  'assigned',
  'group_assigned',
  'commented',
  'state_changed',
  'approval_requested',
  'sla_warning',
  'sla_breached',
  'low_rating',
  'agreement_review_due',
  'escalated',
  'major_update_due',
  'sla_at_risk_customer',
] as const;
export type NotificationEvent = (typeof NOTIFICATION_EVENTS)[number];
export const notificationEventSchema = z.enum(NOTIFICATION_EVENTS);

/** Longest comment excerpt carried by a notification (and its mail). */
export const EXCERPT_MAX = 300;

const excerpt = z.string().max(EXCERPT_MAX);
const bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });

/** Each event's parameters: what its in-app text and its mail need besides the record. */
export const NOTIFICATION_PARAMS = {
  mentioned: z.object({ excerpt, internal: z.boolean() }),
  assigned: z.object({}),
  group_assigned: z.object({ groupName: z.string() }),
  commented: z.object({ excerpt }),
  state_changed: z.object({ state: z.string(), label: bilingual }),
  approval_requested: z.object({ approvalTitle: z.string() }),
  sla_warning: z.object({ target: bilingual, percent: z.number().int() }),
  sla_breached: z.object({ target: bilingual }),
  low_rating: z.object({ score: z.number().int() }),
  /** About an agreement, not a record: `record` carries the agreement (number AGR-<id>, its name). */
  agreement_review_due: z.object({ reviewAt: z.string() }),
  escalated: z.object({ reason: excerpt, level: z.number().int() }),
  major_update_due: z.object({}),
  /** Told to the customer: only the state's label, never internal detail. */
  sla_at_risk_customer: z.object({ label: bilingual }),
} as const satisfies Record<NotificationEvent, z.ZodType>;
export type NotificationParams = { [E in NotificationEvent]: z.infer<(typeof NOTIFICATION_PARAMS)[E]> };

/** The record a notification is about, as it was when the notification was made. */
export const notificationRecordSchema = z.object({
  type: z.string(),
  /** URL segment of the type: the record's page is /<path>/<number>. */
  path: z.string(),
  number: z.string(),
  title: z.string(),
});
export type NotificationRecord = z.infer<typeof notificationRecordSchema>;

/** An object schema with `shape` plus one event and its parameters, as a union discriminated by the event. */
export function withEventParams<T extends z.ZodRawShape>(shape: T) {
  const of = <E extends NotificationEvent>(event: E) => z.object({ ...shape, event: z.literal(event), params: NOTIFICATION_PARAMS[event] });
  return z.discriminatedUnion('event', [
    of('mentioned'),
    of('assigned'),
    of('group_assigned'),
    of('commented'),
    of('state_changed'),
    of('approval_requested'),
    of('sla_warning'),
    of('sla_breached'),
    of('low_rating'),
    of('agreement_review_due'),
    of('escalated'),
    of('major_update_due'),
    of('sla_at_risk_customer'),
  ]);
}

/** An event with its parameters, correlated. */
export type NotificationEventParams = { [E in NotificationEvent]: { event: E; params: NotificationParams[E] } }[NotificationEvent];

export const notificationSchema = withEventParams({
  id: z.number().int(),
  record: notificationRecordSchema,
  actorName: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const listNotificationsQuerySchema = pageQuerySchema.extend({
  /** Only notifications not yet read. */
  unread: queryBoolean.optional(),
});
export type ListNotificationsQuery = z.infer<typeof listNotificationsQuerySchema>;

export const unreadCountSchema = z.object({ count: z.number().int() });
export type UnreadCount = z.infer<typeof unreadCountSchema>;

export const readAllRequestSchema = z
  .strictObject({
    /** Marks only notifications up to this id: the ones the reader has seen, not one that arrived since. */
    upToId: idSchema.optional(),
  })
  // No body at all means "everything".
  .nullish();
export type ReadAllRequest = z.infer<typeof readAllRequestSchema>;
export const readAllResultSchema = z.object({ marked: z.number().int() });

export const notificationChannelsSchema = z.strictObject({ inApp: z.boolean(), email: z.boolean() });
export type NotificationChannels = z.infer<typeof notificationChannelsSchema>;

/** One entry per event, every event required (a zod record over an enum is exhaustive). */
export const notificationPreferencesSchema = z.record(notificationEventSchema, notificationChannelsSchema);
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

/**
 * What a user gets until they choose otherwise: everything in the bell, and mail for what
 * is addressed to them personally. Group assignments stay out of the mailbox by default:
 * a busy group's members would otherwise get a mail for every record in the queue.
 */
export const DEFAULT_NOTIFICATION_PREFERENCES: NotificationPreferences = {
  mentioned: { inApp: true, email: true },
  assigned: { inApp: true, email: true },
  group_assigned: { inApp: true, email: false },
  commented: { inApp: true, email: true },
  state_changed: { inApp: true, email: true },
  approval_requested: { inApp: true, email: true },
  sla_warning: { inApp: true, email: true },
  sla_breached: { inApp: true, email: true },
  low_rating: { inApp: true, email: true },
  agreement_review_due: { inApp: true, email: true },
  escalated: { inApp: true, email: true },
  major_update_due: { inApp: true, email: true },
  sla_at_risk_customer: { inApp: true, email: true },
};

export const notificationSettingsSchema = z.object({
  events: notificationPreferencesSchema,
  /** False when this server sends no mail (no SMTP configured): the email choices then have no effect. */
  mailAvailable: z.boolean(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const updateNotificationPreferencesSchema = z.strictObject({ events: notificationPreferencesSchema });
export type UpdateNotificationPreferences = z.infer<typeof updateNotificationPreferencesSchema>;

/**
 * The values the notify catalogue's texts interpolate ({{actor}}, {{number}}, {{title}},
 * {{group}}, {{state}}, {{detail}}), the same for the bell and the mail. `someone` names an actor that is gone.
 */
export function notificationTextValues(
  n: NotificationEventParams & { actorName: string | null; record: NotificationRecord },
  locale: Locale,
  someone: string,
): Record<'actor' | 'number' | 'title' | 'group' | 'state' | 'detail', string> {
  return {
    actor: n.actorName ?? someone,
    number: n.record.number,
    title: n.record.title,
    group: n.event === 'group_assigned' ? n.params.groupName : '',
    state: n.event === 'state_changed' ? n.params.label[locale] : '',
    detail: detailOf(n, locale),
  };
}

/** The event-specific words: the approval asked for, the SLA target and how far it has run. */
function detailOf(n: NotificationEventParams, locale: Locale): string {
  if (n.event === 'approval_requested') return n.params.approvalTitle;
  if (n.event === 'sla_warning') return `${n.params.target[locale]} ${n.params.percent}%`;
  if (n.event === 'sla_breached') return n.params.target[locale];
  if (n.event === 'low_rating') return `${n.params.score}/5`;
  if (n.event === 'agreement_review_due') return n.params.reviewAt.slice(0, 10);
  if (n.event === 'escalated') return n.params.reason;
  if (n.event === 'sla_at_risk_customer') return n.params.label[locale];
  return '';
}

/** The comment text a notification quotes, if its event has one. */
export function notificationExcerpt(n: NotificationEventParams): string | null {
  return n.event === 'mentioned' || n.event === 'commented' ? n.params.excerpt : null;
}
