import { describe, expect, it } from 'vitest';
import { bulkUpdateRequestSchema } from './bulk.js';
import { recordExportQuerySchema, recordFilterFields, recordListQuerySchema, splitList } from './lists.js';
import { searchQuerySchema } from './search.js';

const fields = recordFilterFields(['new', 'in_progress', 'done']);
const list = recordListQuerySchema(fields);

describe('list filters', () => {
  it('split comma lists, with \\, for a literal comma', () => {
    expect(splitList('a,b')).toEqual(['a', 'b']);
    expect(splitList('网络\\, 存储,x')).toEqual(['网络, 存储', 'x']);
    expect(splitList('a\\\\,b')).toEqual(['a\\', 'b']);
  });

  it('turn every operator into a typed condition', () => {
    const parsed = list.parse({
      priority: '1,2',
      'impact.gte': '2',
      'openedAt.lte': '2026-01-31T16:00:00Z',
      'assigneeId.empty': 'true',
      groupId: 'me,7',
      state: 'done',
      'title.text': 'VPN',
      limit: '10',
    });
    expect(parsed.limit).toBe(10);
    expect(parsed.filters).toEqual([
      { field: 'priority', op: 'eq', values: [1, 2] },
      { field: 'impact', op: 'gte', value: 2 },
      { field: 'openedAt', op: 'lte', value: Date.parse('2026-01-31T16:00:00Z') },
      { field: 'assigneeId', op: 'empty', value: true },
      { field: 'groupId', op: 'eq', values: ['me', 7] },
      { field: 'state', op: 'eq', values: ['done'] },
      { field: 'title', op: 'text', value: 'VPN' },
    ]);
  });

  it('name the parameter that is wrong', () => {
    const cases: [Record<string, string>, string][] = [
      [{ colour: 'red' }, 'colour'],
      [{ 'priority.text': 'x' }, 'priority.text'],
      [{ priority: '9' }, 'priority'],
      [{ state: 'teleported' }, 'state'],
      [{ 'openedAt.gte': 'yesterday' }, 'openedAt.gte'],
      [{ 'closedAt.empty': 'maybe' }, 'closedAt.empty'],
      [{ assigneeId: '1 OR 1=1' }, 'assigneeId'],
      [{ 'state.eq; drop table records': '1' }, 'state.eq; drop table records'],
      [{ sort: 'id;DROP' }, 'sort'],
    ];
    for (const [query, path] of cases) {
      const result = list.safeParse(query);
      expect(result.success, path).toBe(false);
      expect(
        result.error?.issues.map((i) => i.path.join('.')),
        path,
      ).toContain(path);
    }
  });

  it('read an empty text box as no text filter', () => {
    expect(list.parse({ q: '  ' }).q).toBeUndefined();
    expect(list.parse({ q: ' vpn ' }).q).toBe('vpn');
    expect(list.safeParse({ q: 'a\u0000b' }).success).toBe(false);
  });

  it('refuse arrays and more than 50 values', () => {
    expect(list.safeParse({ priority: ['1', '2'] }).success).toBe(false);
    expect(list.safeParse({ groupId: Array.from({ length: 51 }, (_, i) => i + 1).join(',') }).success).toBe(false);
  });

  it('take a saved view, columns and a format on export', () => {
    const parsed = recordExportQuerySchema(fields).parse({ format: 'xlsx', columns: 'title,number', view: '3', priority: '1' });
    expect(parsed).toMatchObject({ format: 'xlsx', columns: ['number', 'title'], view: 3, filters: [{ field: 'priority' }] });
    expect(recordExportQuerySchema(fields).safeParse({ columns: 'number,password_hash' }).success).toBe(false);
    expect(recordExportQuerySchema(fields).safeParse({ limit: '5' }).success).toBe(false);
  });
});

describe('bulk and search requests', () => {
  it('need a patch or an action, each number once, at most 500', () => {
    expect(bulkUpdateRequestSchema.safeParse({ numbers: ['TASK-000001'] }).success).toBe(false);
    expect(bulkUpdateRequestSchema.safeParse({ numbers: ['TASK-000001', 'TASK-000001'], action: 'start' }).success).toBe(false);
    const many = Array.from({ length: 501 }, (_, i) => `TASK-${String(i + 1).padStart(6, '0')}`);
    expect(bulkUpdateRequestSchema.safeParse({ numbers: many, action: 'start' }).success).toBe(false);
    expect(bulkUpdateRequestSchema.safeParse({ numbers: ['TASK-000001'], patch: { organisationId: 1 } }).success).toBe(false);
    expect(bulkUpdateRequestSchema.parse({ numbers: ['TASK-000001'], patch: { impact: 1 } }).patch).toEqual({ impact: 1 });
  });

  it('trim the query and split the types', () => {
    expect(searchQuerySchema.parse({ q: '  宕机 ', types: 'task,incident' })).toEqual({
      q: '宕机',
      types: ['task', 'incident'],
      limit: 20,
    });
    expect(searchQuerySchema.safeParse({ q: '   ' }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: 'x', types: 'Task;drop' }).success).toBe(false);
  });
});
