import { IMPORT_FIELDS, type ImportMapping } from '@keel/shared';

/** One place a mapping reads a column from, as the column-mapping step lists it. */
export type MappingTarget =
  | { key: string; kind: 'case'; part: 'id' | 'order' | 'at' | 'author' | 'createdBy'; required: boolean }
  | { key: string; kind: 'field'; field: (typeof IMPORT_FIELDS)[number] }
  | { key: string; kind: 'link'; index: number; linkKind: string }
  | { key: string; kind: 'sla' };

/** Every target of a mapping: the case columns, every record field (set or not), its links and its SLA column. */
export function targetsOf(mapping: ImportMapping): MappingTarget[] {
  return [
    { key: 'case.id', kind: 'case', part: 'id', required: true },
    { key: 'case.order', kind: 'case', part: 'order', required: false },
    { key: 'case.at', kind: 'case', part: 'at', required: true },
    { key: 'case.author', kind: 'case', part: 'author', required: false },
    { key: 'case.createdBy', kind: 'case', part: 'createdBy', required: false },
    ...IMPORT_FIELDS.map((field) => ({ key: `fields.${field}`, kind: 'field' as const, field })),
    ...mapping.links.map((link, index) => ({ key: `links.${index}`, kind: 'link' as const, index, linkKind: link.kind })),
    ...(mapping.sla ? [{ key: 'sla', kind: 'sla' as const }] : []),
  ];
}

export function columnOf(mapping: ImportMapping, target: MappingTarget): string | null {
  switch (target.kind) {
    case 'case':
      return mapping.case[target.part] ?? null;
    case 'field':
      return mapping.fields[target.field]?.column ?? null;
    case 'link':
      return mapping.links[target.index]?.column ?? null;
    case 'sla':
      return mapping.sla?.column ?? null;
  }
}

/**
 * The mapping with one target reading another column (null: not read at all, where that is
 * allowed). Value maps stay with their field: the column changes, not what its values mean.
 */
export function withColumn(mapping: ImportMapping, target: MappingTarget, column: string | null): ImportMapping {
  switch (target.kind) {
    case 'case': {
      if (column === null && target.required) return mapping;
      // An optional part left undefined is dropped when the mapping is sent as JSON.
      return { ...mapping, case: { ...mapping.case, [target.part]: column ?? undefined } };
    }
    case 'field': {
      const fields = { ...mapping.fields };
      const current = fields[target.field];
      if (column === null) delete fields[target.field];
      else fields[target.field] = { otherwise: 'reject', ...current, column };
      return { ...mapping, fields };
    }
    case 'link': {
      if (column === null) return { ...mapping, links: mapping.links.filter((_, i) => i !== target.index) };
      return { ...mapping, links: mapping.links.map((link, i) => (i === target.index ? { ...link, column } : link)) };
    }
    case 'sla': {
      if (!mapping.sla) return mapping;
      if (column === null) {
        const { sla: _, ...rest } = mapping;
        return rest;
      }
      return { ...mapping, sla: { ...mapping.sla, column } };
    }
  }
}
