import { type ImportMapping, importMappingSchema } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { rowReader } from './read-row.js';

const mapping: ImportMapping = importMappingSchema.parse({
  version: 1,
  name: 'tiny',
  label: 'Tiny',
  recordType: 'incident',
  format: { type: 'csv', missing: ['?'] },
  time: { format: 'd/m/yyyy HH:MM', timeZone: '+08:00' },
  case: { id: 'id', order: 'seq', at: 'when', author: 'who' },
  title: { template: '{cat} / {sub}' },
  fields: {
    state: { column: 'state', values: { Open: 'new', Done: 'resolved', '-100': null } },
    priority: { column: 'prio', values: { '1 - Critical': 1, '4 - Low': 4 } },
    category: { column: 'cat', values: { A: 'Alpha' }, otherwise: 'keep' },
    group: { column: 'grp' },
  },
  people: { usernamePrefix: 'x.' },
  links: [{ column: 'problem', kind: 'problem' }],
  sla: { column: 'sla', met: ['true'], missed: ['false'] },
  keep: ['sub'],
});
const header = ['id', 'seq', 'when', 'who', 'state', 'prio', 'cat', 'sub', 'grp', 'problem', 'sla'];
const states = { initial: 'new', categories: new Map([['new', 'new'] as const, ['resolved', 'resolved'] as const]) };
const read = rowReader(mapping, header, states);
const row = (line: number, cells: string) => read({ line, cells: cells.split(',') });

describe('reading a row through a mapping', () => {
  it('maps values, empties the missing token, composes the title and keeps the rest', () => {
    const { event } = row(2, 'C1,3,29/2/2016 09:16,Ann,Done,1 - Critical,A,?,?,PRB7,false');
    expect(event).toMatchObject({
      caseId: 'C1',
      order: 3,
      at: Date.UTC(2016, 1, 29, 1, 16),
      author: 'Ann',
      state: 'resolved',
      priority: 1,
      category: 'Alpha',
      group: null,
      // The title uses the cells as written, not as mapped.
      title: 'A /',
      links: [{ kind: 'problem', number: 'PRB7' }],
      slaMet: false,
      keep: { sub: null },
    });
  });

  it('keeps a value the map lacks when the field says so, and reads a mapped null as "no state on this row"', () => {
    const { event } = row(3, 'C1,4,1/3/2016 10:00,Ann,-100,4 - Low,B,S,G1,?,true');
    expect(event).toMatchObject({ state: null, category: 'B', group: 'G1', title: 'B / S', slaMet: true, links: [] });
  });

  it('names every problem of a bad row with its line and column', () => {
    const { problems } = row(9, 'C1,x,30/2/2016 10:00,Ann,Paused,9 - Odd,A,S,G,?,maybe');
    expect(problems?.map((p) => p.column)).toEqual(['seq', 'when', 'state', 'prio', 'sla']);
    expect(new Set(problems?.map((p) => p.line))).toEqual(new Set([9]));
  });
});
