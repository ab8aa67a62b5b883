/** The agent workspace: queues and keyboard shortcuts (English). */
export const workspaceEn = {
  title: 'Workspace',
  type: 'Record type',
  queues: {
    mine: 'My work',
    groups: "My groups' queue",
    unassigned: 'Unassigned',
    atRisk: 'At risk of breach',
    recent: 'Recently updated',
  },
  empty: {
    mine: 'Nothing is assigned to you.',
    groups: 'Your groups have no open work, or you belong to no group.',
    unassigned: 'Everything open has an assignee.',
    atRisk: 'No open record is due within two hours.',
    recent: 'Nothing yet.',
  },
  shortcuts: {
    title: 'Keyboard shortcuts',
    button: 'Shortcuts (?)',
    move: 'Next / previous row',
    open: 'Open the highlighted record',
    queue: 'Switch queue',
    search: 'Search',
    help: 'Show this list',
  },
} as const;
