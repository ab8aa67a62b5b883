import { splitList } from '@keel/shared';
import { describe, expect, it } from 'vitest';
import { joinList, parseSort, readLocation, sameParams, sortParam, withParams, writeLocation } from './list-params';

describe('list parameters in the URL', () => {
  it('keeps the filters, view and columns a list URL holds, in a stable order', () => {
    const location = readLocation(new URLSearchParams('priority=1,2&assigneeId=me&view=7&columns=title,number&sort=-updatedAt'));
    expect(location).toEqual({
      params: { priority: '1,2', assigneeId: 'me', sort: '-updatedAt' },
      viewId: 7,
      columns: ['number', 'title'],
    });
    expect(writeLocation(location).toString()).toBe('view=7&priority=1%2C2&assigneeId=me&sort=-updatedAt&columns=number%2Ctitle');
  });

  it('drops what the API would refuse, so a hand-edited link still lists', () => {
    const location = readLocation(
      new URLSearchParams('priority=9&secret=1&sort=title&openedAt.gte=yesterday&assigneeId.empty=true&view=x&columns=bogus'),
    );
    expect(location).toEqual({ params: { 'assigneeId.empty': 'true' }, viewId: null, columns: null });
  });

  it('escapes commas in values so a category with a comma stays one value', () => {
    const joined = joinList(['Network, WAN', 'a\\b']);
    expect(splitList(joined)).toEqual(['Network, WAN', 'a\\b']);
  });

  it('sets and removes parameters; an empty list removes one', () => {
    const params = withParams({ q: 'vpn', priority: '1' }, { priority: [], stateCategory: ['new', 'active'], q: undefined });
    expect(params).toEqual({ stateCategory: 'new,active' });
    expect(sameParams(params, { stateCategory: 'new,active' })).toBe(true);
    expect(sameParams(params, {})).toBe(false);
  });

  it('reads the sort and leaves the default out of the URL', () => {
    expect(parseSort(undefined)).toEqual({ field: 'number', descending: true });
    expect(parseSort('priority')).toEqual({ field: 'priority', descending: false });
    expect(sortParam({ field: 'number', descending: true })).toBeUndefined();
    expect(sortParam({ field: 'openedAt', descending: false })).toBe('openedAt');
  });
});
