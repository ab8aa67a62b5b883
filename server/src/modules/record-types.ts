import type { RecordTypeDefinition } from '../platform/records/record-type.js';
import { IMPROVEMENT_TYPE } from './improvements/type.js';
import { INCIDENT_TYPE } from './incidents/type.js';
import { REQUEST_TYPE } from './requests/type.js';
import { TASK_TYPE } from './tasks/type.js';

/** Every record type Keel serves; a new process adds its module's definition here. */
export const RECORD_TYPES: readonly RecordTypeDefinition[] = [TASK_TYPE, INCIDENT_TYPE, REQUEST_TYPE, IMPROVEMENT_TYPE];
