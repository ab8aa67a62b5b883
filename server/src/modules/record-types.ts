import type { RecordTypeDefinition } from '../platform/records/record-type.js';
import { IMPROVEMENT_TYPE } from './improvements/type.js';
import { INCIDENT_TYPE } from './incidents/type.js';
import { TASK_TYPE } from './tasks/type.js';

/** Every record type Keel serves; a new process adds its module's definition here. */
export const RECORD_TYPES: readonly RecordTypeDefinition[] = [TASK_TYPE, INCIDENT_TYPE, IMPROVEMENT_TYPE];
