import { type ImportMapping, importMappingSchema } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { columnOf, targetsOf, withColumn } from './mapping-targets';

const mapping: ImportMapping = importMappingSchema.parse({
  version: 1,
  name: 'm',
  label: 'M',
  recordType: 'incident',
  format: { type: 'csv' },
  time: { format: 'iso' },
  case: { id: 'number', order: 'seq', at: 'when', author: 'who' },
  title: { template: '{number}' },
  fields: { priority: { column: 'prio', values: { High: 1 } } },
  people: { usernamePrefix: 'm.' },
  links: [{ column: 'problem_id', kind: 'problem' }],
  sla: { column: 'made_sla', met: ['true'], missed: ['false'] },
});
const target = (key: string) => {
  const found = targetsOf(mapping).find((t) => t.key === key);
  if (!found) throw new Error(key);
  return found;
};

describe('the column-mapping step', () => {
  it('lists the case columns, every record field, the links and the SLA column', () => {
    const keys = targetsOf(mapping).map((t) => t.key);
    expect(keys.slice(0, 5)).toEqual(['case.id', 'case.order', 'case.at', 'case.author', 'case.createdBy']);
    expect(keys).toContain('fields.state');
    expect(keys.slice(-2)).toEqual(['links.0', 'sla']);
    expect(columnOf(mapping, target('fields.priority'))).toBe('prio');
    expect(columnOf(mapping, target('fields.state'))).toBeNull();
  });

  it('moves a field to another column keeping its value map, and the result still passes the contract', () => {
    const moved = withColumn(mapping, target('fields.priority'), 'priority');
    expect(moved.fields.priority).toEqual({ column: 'priority', values: { High: 1 }, otherwise: 'reject' });
    const added = withColumn(moved, target('fields.state'), 'incident_state');
    expect(added.fields.state).toEqual({ column: 'incident_state', otherwise: 'reject' });
    expect(importMappingSchema.safeParse(JSON.parse(JSON.stringify(added))).success).toBe(true);
  });

  it('drops optional reads but never the case id, order or time', () => {
    expect(withColumn(mapping, target('case.id'), null)).toBe(mapping);
    const noAuthor = JSON.parse(JSON.stringify(withColumn(mapping, target('case.author'), null)));
    expect(noAuthor.case).toEqual({ id: 'number', order: 'seq', at: 'when' });
    expect(withColumn(mapping, target('links.0'), null).links).toEqual([]);
    expect(withColumn(mapping, target('sla'), null).sla).toBeUndefined();
    expect(withColumn(mapping, target('fields.priority'), null).fields.priority).toBeUndefined();
  });
});
