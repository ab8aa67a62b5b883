import type { RecordItem } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { createBody, isRecordField, NEW_RECORD_VALUES, updateBody, valuesOf } from './record-values';

const stored: RecordItem = {
  id: 7,
  type: 'task',
  number: 'TASK-000007',
  title: 'Replace UPS batteries 更换电池',
  description: 'Rack **B3**',
  state: 'new',
  stateCategory: 'new',
  impact: 2,
  urgency: null,
  priority: null,
  category: 'Facilities',
  serviceId: null,
  serviceName: null,
  requesterId: 1,
  requesterName: 'Admin',
  organisationId: null,
  assigneeId: null,
  assigneeName: null,
  groupId: 3,
  groupName: 'Data centre',
  openedAt: '2026-01-05T01:00:00.000Z',
  updatedAt: '2026-01-05T01:00:00.000Z',
  resolvedAt: null,
  closedAt: null,
  version: 4,
  source: 'agent',
  externalId: null,
  reassignmentCount: 0,
  reopenCount: 0,
  parentNumber: null,
  children: { total: 0, open: 0 },
  extension: {},
  custom: {},
  sla: [],
  actions: ['start', 'cancel'],
};

describe('record form values', () => {
  it('creates with trimmed text and nulls for empty choices', () => {
    expect(createBody({ ...NEW_RECORD_VALUES, title: '  Printer jams  ', category: '   ' })).toEqual({
      title: 'Printer jams',
      description: '',
      impact: null,
      urgency: null,
      category: null,
      assigneeId: null,
      groupId: null,
    });
  });

  it('sends nothing when nothing changed, so saving an untouched form writes no journal entry', () => {
    expect(updateBody(stored, valuesOf(stored))).toEqual({});
  });

  it('sends only the fields that changed, including a cleared one', () => {
    const values = { ...valuesOf(stored), urgency: 1, category: '', assigneeId: 12 };
    expect(updateBody(stored, values)).toEqual({ urgency: 1, category: null, assigneeId: 12 });
  });

  it('puts a record under a parent by number and detaches it with null', () => {
    expect(createBody({ ...NEW_RECORD_VALUES, title: 'Child', parent: ' task-000002 ' }).parent).toBe('TASK-000002');
    expect(updateBody(stored, { ...valuesOf(stored), parent: 'TASK-000002' })).toEqual({ parent: 'TASK-000002' });
    expect(updateBody({ ...stored, parentNumber: 'TASK-000002' }, { ...valuesOf(stored), parent: '' })).toEqual({ parent: null });
  });

  it('sends a chosen service on create, and a changed or cleared one on update', () => {
    expect(createBody({ ...NEW_RECORD_VALUES, title: 'Mail down', serviceId: 4 }).serviceId).toBe(4);
    expect(createBody({ ...NEW_RECORD_VALUES, title: 'No service' })).not.toHaveProperty('serviceId');
    expect(updateBody(stored, { ...valuesOf(stored), serviceId: 4 })).toEqual({ serviceId: 4 });
    expect(updateBody({ ...stored, serviceId: 4, serviceName: 'Mail' }, { ...valuesOf(stored), serviceId: null })).toEqual({
      serviceId: null,
    });
  });

  it('knows which workflow-required fields the form can show', () => {
    expect(isRecordField('assigneeId')).toBe(true);
    expect(isRecordField('groupId')).toBe(true);
    expect(isRecordField('state')).toBe(false);
    expect(isRecordField('toString')).toBe(false);
  });
});
