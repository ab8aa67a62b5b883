import { importMappingSchema } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { INCIDENT_TYPE } from '../../modules/incidents/type.js';
import { shippedMapping, shippedMappings } from './mappings.js';
import { mappingProblems } from './read-row.js';

const incidentStates = {
  initial: INCIDENT_TYPE.workflow.initial,
  categories: new Map(INCIDENT_TYPE.workflow.states.map((s) => [s.key, s.category])),
};

describe('shipped mapping files', () => {
  it('all pass the contract (a broken file would silently vanish from the list)', async () => {
    const fs = await import('node:fs');
    const { MAPPINGS_DIR } = await import('./mappings.js');
    const files = fs.readdirSync(MAPPINGS_DIR).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const parsed = importMappingSchema.safeParse(JSON.parse(fs.readFileSync(`${MAPPINGS_DIR}/${file}`, 'utf8')));
      expect([file, parsed.success && `${parsed.data.name}.json`]).toEqual([file, file]);
    }
    expect(shippedMappings().length).toBe(files.length);
  });

  it('the UCI mapping maps every state to the incident workflow and reads only columns of the UCI header', () => {
    const mapping = shippedMapping('uci-incident-event-log');
    expect(mapping).not.toBeNull();
    if (!mapping) return;
    const header =
      'number,incident_state,active,reassignment_count,reopen_count,sys_mod_count,made_sla,caller_id,opened_by,opened_at,sys_created_by,sys_created_at,sys_updated_by,sys_updated_at,contact_type,location,category,subcategory,u_symptom,cmdb_ci,impact,urgency,priority,assignment_group,assigned_to,knowledge,u_priority_confirmation,notify,problem_id,rfc,vendor,caused_by,closed_code,resolved_by,resolved_at,closed_at'.split(
        ',',
      );
    expect(mappingProblems(mapping, header, incidentStates)).toEqual([]);
    expect(mappingProblems(mapping, header.slice(1), incidentStates)).toMatchObject([
      { line: 1, column: 'number', code: 'missing_column', message: 'The mapping reads this column, but the file has no such column' },
    ]);
  });

  it('refuses unknown fields and a state the workflow does not have', () => {
    const mapping = shippedMapping('uci-incident-event-log');
    if (!mapping) throw new Error('missing');
    expect(importMappingSchema.safeParse({ ...mapping, fields: { ...mapping.fields, colour: { column: 'x' } } }).success).toBe(false);
    const wrong = {
      ...mapping,
      fields: { ...mapping.fields, state: { column: 'incident_state', values: { New: 'open' }, otherwise: 'reject' as const } },
    };
    expect(mappingProblems(wrong, ['number', 'incident_state'], incidentStates).map((p) => p.message)).toContain(
      '"open" is not a state of the incident workflow',
    );
  });
});
