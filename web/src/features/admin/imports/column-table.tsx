import type { ImportMapping } from '@keel/shared';
import { Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { columnOf, type MappingTarget, targetsOf, withColumn } from './mapping-targets';

type Props = { mapping: ImportMapping; header: string[]; onChange: (mapping: ImportMapping) => void };

/** The column-mapping step: each place the mapping reads, against the columns the file really has. */
export function ColumnTable({ mapping, header, onChange }: Props) {
  const { t } = useTranslation();
  const label = (target: MappingTarget) => {
    switch (target.kind) {
      case 'case':
        return t(`imports.targets.${target.part === 'id' ? 'caseId' : target.part}`);
      case 'field':
        return t(`imports.targets.field.${target.field}`);
      case 'link':
        return t('imports.targets.link', { kind: target.linkKind });
      case 'sla':
        return t('imports.targets.sla');
    }
  };
  const options = [{ value: '', label: t('imports.unused') }, ...header.map((column) => ({ value: column, label: column }))];
  return (
    <Table<MappingTarget>
      size="small"
      pagination={false}
      rowKey="key"
      dataSource={targetsOf(mapping)}
      data-testid="import-columns"
      columns={[
        { title: t('imports.target'), key: 'target', render: (_, target) => label(target) },
        {
          title: t('imports.column'),
          key: 'column',
          render: (_, target) => {
            const column = columnOf(mapping, target);
            const missing = column !== null && header.length > 0 && !header.includes(column);
            return (
              <>
                <Select
                  style={{ minWidth: 220 }}
                  value={column ?? ''}
                  options={options}
                  aria-label={label(target)}
                  onChange={(value: string) => onChange(withColumn(mapping, target, value === '' ? null : value))}
                />
                {missing && (
                  <Tag color="red" style={{ marginInlineStart: 8 }}>
                    {t('imports.notInFile')}
                  </Tag>
                )}
              </>
            );
          },
        },
        {
          title: '',
          key: 'values',
          render: (_, target) =>
            target.kind === 'field' && mapping.fields[target.field]?.values ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {Object.keys(mapping.fields[target.field]?.values ?? {}).join(' · ')}
              </Typography.Text>
            ) : null,
        },
      ]}
    />
  );
}
