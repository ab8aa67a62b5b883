/** Records-engine strings shared by every record type: workflow guards and effects, approvals, custom field kinds. */
export const engineEn = {
  guards: {
    approvals_granted: 'all approvals granted',
    children_done: 'all child records finished',
  },
  effects: {
    open_review_task: 'Open a review task',
    resolve_children: 'Resolve the open child records',
    cancel_children: 'Cancel the open child records',
  },
  approvalModes: {
    any: 'Any one approver',
    all: 'All approvers',
    quorum: 'A quorum of approvers',
  },
  approvalStates: {
    waiting: 'Waiting for an earlier level',
    pending: 'Open',
    approved: 'Approved',
    rejected: 'Rejected',
    cancelled: 'Withdrawn',
  },
  fieldKinds: {
    text: 'Text',
    number: 'Number',
    date: 'Date',
    choice: 'Choice',
    user: 'Person',
    reference: 'Record',
  },
  /** Timeline lines for what the engine records: approvals, child records, SLA events. */
  timeline: {
    approvalRequested: 'asked for approval',
    approvalVoted: 'voted',
    approvalDecided: 'approval settled',
    decisions: { approve: 'Approve', reject: 'Reject' },
    childAdded: 'added a child record',
    slaWarned: 'SLA warning',
    slaBreached: 'SLA breached',
    slaWarnedBody: '{{target}} has used {{percent}}% of its time (due {{due}}).',
    slaBreachedBody: '{{target}} was due {{due}}.',
    onBehalfOf: 'on behalf of user #{{id}}',
  },
  /** The child records tab. */
  children: {
    tab: 'Child records',
    rollup: '{{open}} of {{total}} still open',
    empty: 'No child records.',
    add: 'Add child task',
  },
  /** SLA badges on a record and in lists. */
  sla: {
    column: 'SLA',
    running: '{{label}}: running',
    dueIn: '{{label}}: {{time}} left',
    overdue: '{{label}}: overdue by {{time}}',
    paused: '{{label}}: paused, {{used}} of {{target}} min used',
    met: '{{label}}: met',
    missed: '{{label}}: missed',
    target: 'Target {{minutes}} business minutes',
    dueAt: 'due {{time}}',
    breachedAt: 'breached {{time}}',
    units: { d: '{{n}}d', h: '{{n}}h', m: '{{n}}m', s: '{{n}}s' },
  },
  /** Titles the engine writes into records it creates (in the actor's language). */
  generated: {
    reviewTask: 'Review of {{number}}: {{title}}',
    resolvedWithParent: 'Resolved together with {{number}}',
    cancelledWithParent: 'Cancelled together with {{number}}',
  },
} as const;
