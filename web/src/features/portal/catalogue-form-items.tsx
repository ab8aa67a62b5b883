import type { CatalogueField, CatalogueForm } from '@keel/shared';
import { Checkbox, Form, Input, InputNumber, Radio, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../app/i18n';
import { checkAnswer } from './answer-rules';

/** One answer's input, by the field's type; choices with few options are radio buttons (easier on a phone). */
function AnswerInput({
  field,
  id,
  ...rest
}: {
  field: CatalogueField;
  /** Given by Form.Item, so the label names this input (screen readers, getByLabel). */
  id?: string;
  value?: unknown;
  onChange?: (value: unknown) => void;
}) {
  const locale = useLocale();
  const { t } = useTranslation();
  const options = (field.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] }));
  const testId = `answer-${field.key}`;
  switch (field.type) {
    case 'text':
      return <Input id={id} value={rest.value as string} onChange={(e) => rest.onChange?.(e.target.value)} data-testid={testId} />;
    case 'textarea':
      return (
        <Input.TextArea
          id={id}
          autoSize={{ minRows: 3 }}
          value={rest.value as string}
          onChange={(e) => rest.onChange?.(e.target.value)}
          data-testid={testId}
        />
      );
    case 'number':
      return (
        <InputNumber
          id={id}
          style={{ width: '100%' }}
          value={rest.value as number | null}
          onChange={(v) => rest.onChange?.(v ?? undefined)}
          data-testid={testId}
        />
      );
    case 'date':
      // The phone's own date picker; the value is the YYYY-MM-DD the API takes.
      return (
        <Input id={id} type="date" value={rest.value as string} onChange={(e) => rest.onChange?.(e.target.value)} data-testid={testId} />
      );
    case 'boolean':
      return (
        <Switch
          id={id}
          checked={rest.value === true}
          onChange={(v) => rest.onChange?.(v)}
          checkedChildren={t('requests.form.yes')}
          unCheckedChildren={t('requests.form.no')}
          data-testid={testId}
        />
      );
    case 'user':
      return (
        <InputNumber
          id={id}
          style={{ width: '100%' }}
          min={1}
          precision={0}
          placeholder={t('requests.form.userId')}
          value={rest.value as number | null}
          onChange={(v) => rest.onChange?.(v ?? undefined)}
          data-testid={testId}
        />
      );
    case 'choice':
      return options.length <= 4 ? (
        <Radio.Group id={id} options={options} value={rest.value} onChange={(e) => rest.onChange?.(e.target.value)} data-testid={testId} />
      ) : (
        <Select id={id} options={options} value={rest.value} onChange={(v) => rest.onChange?.(v)} allowClear data-testid={testId} />
      );
    case 'multi_choice':
      return (
        <Checkbox.Group
          options={options}
          value={(rest.value as string[]) ?? []}
          onChange={(v) => rest.onChange?.(v)}
          data-testid={testId}
        />
      );
  }
}

/** The item's questions as form items under `answers`, each checked in the browser by the server's rules. */
export function CatalogueFormItems({ form }: { form: CatalogueForm }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const ruleFor = (field: CatalogueField): Rule => ({
    validator: async (_rule, value) => {
      const problem = checkAnswer(field, value);
      if (problem) throw new Error(t(`catalogue.answerProblems.${problem.code}`, { limit: problem.limit }));
    },
  });
  return (
    <>
      {form.fields.map((field) => (
        <Form.Item
          key={field.key}
          name={['answers', field.key]}
          label={field.label[locale]}
          required={field.required}
          rules={[ruleFor(field)]}
          valuePropName="value"
        >
          <AnswerInput field={field} />
        </Form.Item>
      ))}
    </>
  );
}
