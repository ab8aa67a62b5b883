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
  initialState: { state: 'new', category: 'new' },
};
