import { defineWorkflow } from '@keel/shared';
import { z } from 'zod';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';

/** How an incident was resolved (P-6.1); issue 5 makes the list an administrator's. */
export const RESOLUTION_CODES = ['fixed', 'workaround', 'no_fault_found', 'duplicate', 'user_error', 'change_implemented'] as const;

const SERVICE_DESK = ['agent', 'service_manager'];

/**
 * Incidents (P-6.1): raised by customers and staff, worked by the service desk, confirmed or
 * reopened by the customer. The engine's second type, and the first one open to customers;
 * the incident process proper (assignment rules, major incidents, the portal) builds on it.
 */
export const INCIDENT_TYPE: RecordTypeDefinition = {
  key: 'incident',
  path: 'incidents',
  prefix: 'INC',
  permissions: { read: 'incidents.read', write: 'incidents.manage' },
  customers: true,
  mail: true,
  extension: {
    table: 'incident_ext',
    fields: {
      resolutionCode: { column: 'resolution_code', kind: 'text', schema: z.enum(RESOLUTION_CODES) },
      resolutionNotes: { column: 'resolution_notes', kind: 'text', schema: z.string().trim().min(1).max(4000) },
      // Set by declaring a major incident and by escalating (modules/incidents/), never by a plain edit.
      major: { column: 'major', kind: 'boolean', schema: z.boolean(), readOnly: true },
      majorManagerId: { column: 'major_manager_id', kind: 'number', schema: z.number().int(), readOnly: true },
      majorDeclaredAt: { column: 'major_declared_at', kind: 'time', schema: z.string(), readOnly: true },
      updateIntervalMinutes: { column: 'update_interval_minutes', kind: 'number', schema: z.number().int(), readOnly: true },
      nextUpdateDue: { column: 'next_update_due', kind: 'time', schema: z.string(), readOnly: true },
      escalationLevel: { column: 'escalation_level', kind: 'number', schema: z.number().int(), readOnly: true },
    },
  },
  workflow: defineWorkflow({
    initial: 'new',
    states: [
      { key: 'new', category: 'new', label: { 'zh-CN': '新建', en: 'New' } },
      { key: 'in_progress', category: 'active', label: { 'zh-CN': '处理中', en: 'In progress' } },
      { key: 'awaiting_customer', category: 'pending', label: { 'zh-CN': '等待客户', en: 'Awaiting customer' } },
      { key: 'resolved', category: 'resolved', label: { 'zh-CN': '已解决', en: 'Resolved' } },
      { key: 'closed', category: 'closed', label: { 'zh-CN': '已关闭', en: 'Closed' } },
      { key: 'cancelled', category: 'cancelled', label: { 'zh-CN': '已取消', en: 'Cancelled' } },
    ],
    transitions: [
      { key: 'start', from: ['new'], to: 'in_progress', requires: ['assigneeId'], label: { 'zh-CN': '开始处理', en: 'Start work' } },
      { key: 'ask_customer', from: ['in_progress'], to: 'awaiting_customer', label: { 'zh-CN': '等待客户', en: 'Ask the customer' } },
      {
        key: 'answer',
        from: ['awaiting_customer'],
        to: 'in_progress',
        roles: ['customer', ...SERVICE_DESK],
        label: { 'zh-CN': '已答复', en: 'Answered' },
      },
      {
        key: 'resolve',
        from: ['in_progress'],
        to: 'resolved',
        requires: ['assigneeId', 'category'],
        // A major incident's children (a mass outage) are resolved with it, each with a note naming it.
        effects: ['resolve_children'],
        label: { 'zh-CN': '解决', en: 'Resolve' },
      },
      {
        key: 'confirm',
        from: ['resolved'],
        to: 'closed',
        roles: ['customer', ...SERVICE_DESK],
        guards: ['review_recorded'],
        label: { 'zh-CN': '确认关闭', en: 'Confirm and close' },
      },
      {
        key: 'reopen',
        from: ['resolved'],
        to: 'in_progress',
        roles: ['customer', ...SERVICE_DESK],
        label: { 'zh-CN': '重新打开', en: 'Reopen' },
      },
      {
        key: 'cancel',
        from: ['new', 'in_progress', 'awaiting_customer'],
        to: 'cancelled',
        roles: SERVICE_DESK,
        label: { 'zh-CN': '取消', en: 'Cancel' },
      },
    ],
  }),
};
