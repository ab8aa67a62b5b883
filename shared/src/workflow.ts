import { z } from 'zod';
import { STATE_CATEGORIES } from './records.js';

const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'Lower-case letters, digits and underscore' });
const label = z.strictObject({ 'zh-CN': z.string().min(1).max(100), en: z.string().min(1).max(100) });

/** Fields a transition can require to be filled before it is allowed. */
export const REQUIRABLE_FIELDS = ['assigneeId', 'groupId', 'category', 'impact', 'urgency'] as const;

export const workflowSchema = z.strictObject({
  initial: key,
  states: z
    .array(z.strictObject({ key, category: z.enum(STATE_CATEGORIES), label }))
    .min(2)
    .max(50),
  transitions: z
    .array(
      z.strictObject({
        /** The action's name, as the API and the buttons use it: "start", "resolve". */
        key,
        from: z.array(key).min(1).max(50),
        to: key,
        /** Roles allowed to take it; empty means anyone who may edit the record. */
        roles: z.array(z.string().max(64)).max(20).default([]),
        requires: z.array(z.enum(REQUIRABLE_FIELDS)).max(10).default([]),
        label,
      }),
    )
    .min(1)
    .max(200),
});
export type Workflow = z.infer<typeof workflowSchema>;

export const transitionRequestSchema = z.strictObject({ action: key });
