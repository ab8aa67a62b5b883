import { defineWorkflow, IMPROVEMENT_SOURCES } from '@keel/shared';
import { z } from 'zod';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';

const MANAGERS = ['service_manager'];
const longText = z.string().trim().min(1).max(4000);

/**
 * Improvements (P-4.1): the one register every process feeds — SLA breaches, outages, problems,
 * audits, complaints, surveys and reviews — each with its source, owner, plan, expected and
 * measured benefit. Proposed, approved by a service manager, worked, implemented, then closed
 * once the benefit is measured.
 */
export const IMPROVEMENT_TYPE: RecordTypeDefinition = {
  key: 'improvement',
  path: 'improvements',
  prefix: 'IMP',
  permissions: { read: 'improvements.read', write: 'improvements.manage' },
  extension: {
    table: 'improvement_ext',
    fields: {
      sourceKind: { column: 'source_kind', kind: 'text', schema: z.enum(IMPROVEMENT_SOURCES) },
      ownerId: { column: 'owner_id', kind: 'number', schema: z.number().int().positive().max(2_147_483_647) },
      plan: { column: 'plan', kind: 'text', schema: longText },
      expectedBenefit: { column: 'expected_benefit', kind: 'text', schema: longText },
      measuredBenefit: { column: 'measured_benefit', kind: 'text', schema: longText },
    },
  },
  workflow: defineWorkflow({
    initial: 'proposed',
    states: [
      { key: 'proposed', category: 'new', label: { 'zh-CN': '已提议', en: 'Proposed' } },
      { key: 'approved', category: 'active', label: { 'zh-CN': '已批准', en: 'Approved' } },
      { key: 'in_progress', category: 'active', label: { 'zh-CN': '实施中', en: 'In progress' } },
      { key: 'implemented', category: 'resolved', label: { 'zh-CN': '已实施', en: 'Implemented' } },
      { key: 'closed', category: 'closed', label: { 'zh-CN': '已关闭', en: 'Closed' } },
      { key: 'rejected', category: 'cancelled', label: { 'zh-CN': '已拒绝', en: 'Rejected' } },
      { key: 'cancelled', category: 'cancelled', label: { 'zh-CN': '已取消', en: 'Cancelled' } },
    ],
    transitions: [
      { key: 'approve', from: ['proposed'], to: 'approved', roles: MANAGERS, label: { 'zh-CN': '批准', en: 'Approve' } },
      { key: 'reject', from: ['proposed'], to: 'rejected', roles: MANAGERS, label: { 'zh-CN': '拒绝', en: 'Reject' } },
      { key: 'start', from: ['approved'], to: 'in_progress', requires: ['assigneeId'], label: { 'zh-CN': '开始实施', en: 'Start work' } },
      { key: 'implement', from: ['in_progress'], to: 'implemented', label: { 'zh-CN': '标记为已实施', en: 'Mark implemented' } },
      {
        key: 'close',
        from: ['implemented'],
        to: 'closed',
        roles: MANAGERS,
        label: { 'zh-CN': '关闭（已衡量收益）', en: 'Close (benefit measured)' },
      },
      { key: 'reopen', from: ['implemented'], to: 'in_progress', roles: MANAGERS, label: { 'zh-CN': '重新打开', en: 'Reopen' } },
      {
        key: 'cancel',
        from: ['proposed', 'approved', 'in_progress'],
        to: 'cancelled',
        roles: MANAGERS,
        label: { 'zh-CN': '取消', en: 'Cancel' },
      },
    ],
  }),
};
