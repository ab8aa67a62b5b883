import { describe, expect, it } from 'vitest';
import { fieldNameOf } from './field-name';

describe('fieldNameOf', () => {
  it('names the top-level item unless the path is inside a nested group', () => {
    expect(fieldNameOf('title')).toBe('title');
    expect(fieldNameOf('custom.site')).toBe('custom');
    expect(fieldNameOf('custom.site', ['custom', 'extension'])).toEqual(['custom', 'site']);
    expect(fieldNameOf('extension.dueAt', ['custom', 'extension'])).toEqual(['extension', 'dueAt']);
  });

  it('reads list indexes as numbers, as form lists name their items', () => {
    expect(fieldNameOf('targets.0.key', ['targets'])).toEqual(['targets', 0, 'key']);
    expect(fieldNameOf('options.choices.2.label.en', ['options'])).toEqual(['options', 'choices', 2, 'label', 'en']);
  });
});
