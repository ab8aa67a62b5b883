import { defineWorkflow, isoTimeSchema } from '@keel/shared';
import { z } from 'zod';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';

/**
 * The minimal record type: a piece of work for a person or a group. It proves the engine
 * and is what other records' child tasks will be.
 */
export const TASK_TYPE: RecordTypeDefinition = {
  key: 'task',
  path: 'tasks',
  prefix: 'TASK',
  permissions: { read: 'tasks.read', write: 'tasks.manage' },
  extension: {
    table: 'task_ext',
    fields: {
      dueAt: { column: 'due_at', kind: 'time', schema: isoTimeSchema },
      plannedMinutes: { column: 'planned_minutes', kind: 'number', schema: z.number().int().min(0).max(100_000) },
    },
  },
  workflow: defineWorkflow({
    initial: 'new',
    states: [
      { key: 'new', category: 'new', label: { 'zh-CN': '新建', en: 'New' } },
      { key: 'in_progress', category: 'active', label: { 'zh-CN': '处理中', en: 'In progress' } },
      { key: 'on_hold', category: 'pending', label: { 'zh-CN': '挂起', en: 'On hold' } },
      { key: 'done', category: 'closed', label: { 'zh-CN': '已完成', en: 'Done' } },
      { key: 'cancelled', category: 'cancelled', label: { 'zh-CN': '已取消', en: 'Cancelled' } },
    ],
    transitions: [
      {
        key: 'start',
        from: ['new', 'on_hold'],
        to: 'in_progress',
        roles: [],
        requires: ['assigneeId'],
        label: { 'zh-CN': '开始', en: 'Start' },
      },
      { key: 'hold', from: ['in_progress'], to: 'on_hold', roles: [], requires: [], label: { 'zh-CN': '挂起', en: 'Put on hold' } },
      {
        key: 'complete',
        from: ['in_progress'],
        to: 'done',
        guards: ['children_done'],
        label: { 'zh-CN': '完成', en: 'Complete' },
      },
      {
        key: 'reopen',
        from: ['done'],
        to: 'in_progress',
        roles: ['service_manager'],
        requires: [],
        label: { 'zh-CN': '重新打开', en: 'Reopen' },
      },
      {
        key: 'cancel',
        from: ['new', 'in_progress', 'on_hold'],
        to: 'cancelled',
        roles: [],
        requires: [],
        label: { 'zh-CN': '取消', en: 'Cancel' },
      },
    ],
  }),
};
