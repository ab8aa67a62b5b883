import type { CatalogueField, RecordItem } from '@keel/shared';
import { Descriptions, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n';
import type { RecordTabContext } from '../records/record-tabs';
import { useRequestForm } from './portal-api';

function AnswerText({ field, value }: { field: CatalogueField; value: unknown }) {
  const locale = useLocale();
  const { t } = useTranslation();
  const option = (v: unknown) => field.options?.find((o) => o.value === v)?.label[locale] ?? String(v);
  if (value === undefined || value === null) return <>—</>;
  if (field.type === 'boolean') return <>{value ? t('requests.form.yes') : t('requests.form.no')}</>;
  if (field.type === 'choice') return <>{option(value)}</>;
  if (field.type === 'multi_choice' && Array.isArray(value)) return <>{value.map(option).join(', ')}</>;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{String(value)}</span>;
}

/** What was asked for on a request: the item, each question with its answer, and where the approval stands. */
export function RequestAnswers({ record }: { record: RecordItem }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const form = useRequestForm(record.number, record.type === 'request');
  if (record.type !== 'request') return null;
  if (form.isPending) return <Spin />;
  if (!form.data) return null;
  const { data } = form;
  return (
    <Descriptions
      column={1}
      bordered
      size="small"
      title={`${t('requests.ticket.answers')}: ${data.itemName}`}
      data-testid="request-answers"
    >
      {data.form.fields.map((field) => (
        <Descriptions.Item key={field.key} label={field.label[locale]}>
          <AnswerText field={field} value={data.answers[field.key]} />
        </Descriptions.Item>
      ))}
      <Descriptions.Item label={t('requests.ticket.approval')}>
        <Tag
          color={data.approvalState === 'rejected' ? 'red' : data.approvalState === 'approved' ? 'green' : 'default'}
          data-testid="approval-state"
        >
          {t(`requests.ticket.approvalStates.${data.approvalState}`)}
        </Tag>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The same, as a tab of the staff record page. */
export function RequestAnswersTab({ record }: RecordTabContext) {
  return <RequestAnswers record={record} />;
}
