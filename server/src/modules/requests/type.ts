import { defineWorkflow, REQUEST_APPROVAL_STATES, raiseRequestSchema } from '@keel/shared';
import { z } from 'zod';
import type { RecordTypeDefinition } from '../../platform/records/record-type.js';
import { approvalDecided, raiseRequest } from './commands.js';

const SERVICE_DESK = ['agent', 'service_manager'];

/**
 * Service requests (P-6.1): raised from a catalogue item with the answers to its form,
 * approved by the requester's manager, the service owner or a group when the item says so,
 * fulfilled by child tasks to the item's fulfilment group, and confirmed (or reopened) and
 * rated by the customer. The module moves a request on by itself when its approval is
 * decided; the service desk may also take each step by hand.
 */
export const REQUEST_TYPE: RecordTypeDefinition = {
  key: 'request',
  path: 'requests',
  prefix: 'REQ',
  permissions: { read: 'requests.read', write: 'requests.manage' },
  customers: true,
  extension: {
    table: 'request_ext',
    fields: {
      catalogueItemId: { column: 'catalogue_item_id', kind: 'number', schema: z.number().int(), readOnly: true },
      approvalState: { column: 'approval_state', kind: 'text', schema: z.enum(REQUEST_APPROVAL_STATES), readOnly: true },
    },
  },
  create: { body: raiseRequestSchema, run: (trx, ctx, actor, body) => raiseRequest(trx, ctx, actor, raiseRequestSchema.parse(body)) },
  onApprovalDecided: approvalDecided,
  workflow: defineWorkflow({
    initial: 'submitted',
    states: [
      { key: 'submitted', category: 'new', label: { 'zh-CN': '已提交', en: 'Submitted' } },
      { key: 'awaiting_approval', category: 'pending', label: { 'zh-CN': '待审批', en: 'Awaiting approval' } },
      { key: 'in_fulfilment', category: 'active', label: { 'zh-CN': '执行中', en: 'In fulfilment' } },
      { key: 'fulfilled', category: 'resolved', label: { 'zh-CN': '已完成', en: 'Fulfilled' } },
      { key: 'closed', category: 'closed', label: { 'zh-CN': '已关闭', en: 'Closed' } },
      { key: 'rejected', category: 'cancelled', label: { 'zh-CN': '已拒绝', en: 'Rejected' } },
      { key: 'cancelled', category: 'cancelled', label: { 'zh-CN': '已取消', en: 'Cancelled' } },
    ],
    transitions: [
      {
        key: 'request_approval',
        from: ['submitted'],
        to: 'awaiting_approval',
        roles: SERVICE_DESK,
        label: { 'zh-CN': '提交审批', en: 'Ask for approval' },
      },
      {
        key: 'approve',
        from: ['awaiting_approval'],
        to: 'in_fulfilment',
        roles: SERVICE_DESK,
        guards: ['approvals_granted'],
        label: { 'zh-CN': '审批通过', en: 'Approved' },
      },
      { key: 'reject', from: ['awaiting_approval'], to: 'rejected', roles: SERVICE_DESK, label: { 'zh-CN': '拒绝', en: 'Reject' } },
      {
        key: 'start',
        from: ['submitted'],
        to: 'in_fulfilment',
        roles: SERVICE_DESK,
        label: { 'zh-CN': '开始执行', en: 'Start fulfilment' },
      },
      {
        key: 'fulfil',
        from: ['in_fulfilment'],
        to: 'fulfilled',
        roles: SERVICE_DESK,
        guards: ['children_done'],
        label: { 'zh-CN': '完成', en: 'Fulfil' },
      },
      {
        key: 'confirm',
        from: ['fulfilled'],
        to: 'closed',
        roles: ['customer', ...SERVICE_DESK],
        label: { 'zh-CN': '确认关闭', en: 'Confirm and close' },
      },
      {
        key: 'reopen',
        from: ['fulfilled'],
        to: 'in_fulfilment',
        roles: ['customer', ...SERVICE_DESK],
        label: { 'zh-CN': '重新打开', en: 'Reopen' },
      },
      {
        key: 'cancel',
        from: ['submitted', 'awaiting_approval', 'in_fulfilment'],
        to: 'cancelled',
        roles: ['customer', ...SERVICE_DESK],
        effects: ['cancel_children'],
        label: { 'zh-CN': '取消', en: 'Cancel' },
      },
    ],
  }),
};
