import type { BulkRowResult, RecordItem } from '@keel/shared';
import { Button, Drawer, Form, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../app/use-is-phone';
import type { RecordTypeUi } from '../record-types';
import { BulkForm, type BulkValues, changeOf } from './bulk-form';
import { BulkResults } from './bulk-results';
import { useBulkUpdate } from './use-bulk-update';

type Props = { type: RecordTypeUi; records: readonly RecordItem[]; onClose: (applied: boolean) => void };

/** The change to make, then the result of every row; mounted per opening, so each starts empty. */
export function BulkDrawer({ type, records, onClose }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<BulkValues>();
  const values = Form.useWatch([], form);
  const [results, setResults] = useState<readonly BulkRowResult[] | null>(null);
  const bulk = useBulkUpdate(type);
  const submit = (v: BulkValues) => {
    const change = changeOf(v);
    if (change) bulk.mutate({ records, change }, { onSuccess: (answer) => setResults(answer.results) });
  };
  const close = () => onClose(results !== null);

  return (
    <Drawer
      open
      onClose={close}
      size={isPhone ? '100%' : 480}
      title={t('lists.bulk.title', { count: records.length })}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          {results ? (
            <Button type="primary" onClick={close} data-testid="bulk-close">
              {t('lists.bulk.close')}
            </Button>
          ) : (
            <>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button
                type="primary"
                loading={bulk.isPending}
                disabled={!values || changeOf(values) === null}
                onClick={() => form.submit()}
                data-testid="bulk-apply"
              >
                {t('lists.bulk.apply')}
              </Button>
            </>
          )}
        </Space>
      }
      data-testid="bulk-drawer"
    >
      {results ? <BulkResults type={type} results={results} /> : <BulkForm type={type} records={records} form={form} onFinish={submit} />}
    </Drawer>
  );
}
