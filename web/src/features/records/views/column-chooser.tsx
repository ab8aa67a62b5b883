import { TableOutlined } from '@ant-design/icons';
import { RECORD_COLUMNS, type RecordColumn } from '@keel/shared';
import { Button, Checkbox, Flex, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../app/use-is-phone';
import type { RecordListContext } from '../record-list-toolbar';

const isColumn = (value: unknown): value is RecordColumn => RECORD_COLUMNS.some((c) => c === value);

/** The columns the list shows and an export writes (the API's column set); kept in the URL and saved with a view. */
export function ColumnChooser({ location, columns, show }: RecordListContext) {
  const { t } = useTranslation();
  // A phone shows one stacked column; the choice still applies to exports.
  const isPhone = useIsPhone();
  const choose = (next: RecordColumn[]) => {
    if (next.length > 0) show({ ...location, columns: RECORD_COLUMNS.filter((c) => next.includes(c)) });
  };
  const content = (
    <Flex vertical gap={8} style={{ maxWidth: 260 }} data-testid="column-chooser">
      <Checkbox.Group
        value={[...columns]}
        onChange={(values) => choose(values.filter(isColumn))}
        options={RECORD_COLUMNS.map((c) => ({
          value: c,
          label: t(`lists.columns.${c}`),
          disabled: columns.length === 1 && columns[0] === c,
        }))}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 4 }}
      />
      <Button size="small" onClick={() => show({ ...location, columns: null })} data-testid="reset-columns">
        {t('lists.views.resetColumns')}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomLeft" content={content} title={t('lists.views.columns')}>
      <Button icon={<TableOutlined />} data-testid="choose-columns" aria-label={t('lists.views.columns')}>
        {isPhone ? null : t('lists.views.columns')}
      </Button>
    </Popover>
  );
}
