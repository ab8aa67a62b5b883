import { type CatalogueForm, catalogueFormSchema, type FormAnswerError, type Locale, validateCatalogueForm } from '@keel/shared';
import { Alert, Button, Checkbox, DatePicker, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../components/user-select';

type Answers = Record<string, unknown>;

/** Answers as the API takes them: dates as YYYY-MM-DD, nothing for an empty field. */
function answersOf(values: Answers): Answers {
  const out: Answers = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    out[key] = dayjs.isDayjs(value) ? value.format('YYYY-MM-DD') : value;
  }
  return out;
}

/**
 * The request form as a requester will see it, rendered from the definition being edited,
 * with "check" running the same validator the server runs when a request is raised.
 */
export function FormPreview({ definition }: { definition: CatalogueForm }) {
  const { t, i18n } = useTranslation();
  const locale: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const [form] = Form.useForm<Answers>();
  const [errors, setErrors] = useState<FormAnswerError[] | null>(null);
  // A definition still being typed may not be valid yet: preview what parses.
  const parsed = catalogueFormSchema.safeParse(definition);
  const fields = parsed.success ? parsed.data.fields : definition.fields.filter((f) => f.key && f.label);

  const check = () => {
    const found = validateCatalogueForm({ fields }, answersOf(form.getFieldsValue()), '');
    setErrors(found);
    form.setFields(
      fields.map((f) => ({
        name: f.key,
        errors: found.filter((e) => e.path === `.${f.key}`).map((e) => t(`catalogue.answerProblems.${e.code}`, { limit: e.limit })),
      })),
    );
  };

  return (
    <div data-testid="form-preview">
      <Typography.Paragraph type="secondary">{t('catalogue.formEditor.previewHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onValuesChange={() => setErrors(null)}>
        {fields.map((f) => {
          const label = f.label?.[locale] || f.key;
          const options = (f.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] }));
          return (
            <Form.Item
              key={f.key}
              name={f.key}
              label={label}
              required={f.required}
              valuePropName={f.type === 'boolean' ? 'checked' : 'value'}
            >
              {f.type === 'text' ? (
                <Input />
              ) : f.type === 'textarea' ? (
                <Input.TextArea autoSize={{ minRows: 2 }} />
              ) : f.type === 'number' ? (
                <InputNumber<number> style={{ width: '100%' }} />
              ) : f.type === 'date' ? (
                <DatePicker style={{ width: '100%' }} />
              ) : f.type === 'choice' ? (
                <Select allowClear options={options} />
              ) : f.type === 'multi_choice' ? (
                <Checkbox.Group options={options} />
              ) : f.type === 'user' ? (
                <UserSelect />
              ) : (
                <Switch />
              )}
            </Form.Item>
          );
        })}
      </Form>
      <Button onClick={check} data-testid="preview-check">
        {t('catalogue.formEditor.check')}
      </Button>
      {errors?.length === 0 && <Alert style={{ marginTop: 8 }} type="success" showIcon message={t('catalogue.formEditor.checkOk')} />}
    </div>
  );
}
