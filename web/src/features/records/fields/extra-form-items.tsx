import type { CustomFieldOptions, RecordFields } from '@keel/shared';
import { Col, Form, type FormRule, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../app/form-rules';
import { useLocale } from '../../../app/i18n';
import type { RecordTypeUi } from '../record-types';
import { ExtraInput } from './extra-input';
import type { ExtraKind } from './extra-values';

type Item = { group: 'extension' | 'custom'; key: string; label: string; kind: ExtraKind; required: boolean; options: CustomFieldOptions };

const REFERENCE = /^[A-Z]{2,8}-\d{6,}$/;

/** Beyond the base fields: the type's own fields, then its custom fields, each marked when required. */
type Props = {
  type: RecordTypeUi;
  fields: RecordFields;
  /** The record's stored values when editing; null when creating. */
  stored: { extension: Record<string, unknown>; custom: Record<string, unknown> } | null;
};

/**
 * A required field must be filled on create; on edit it may not be emptied, but a record
 * that predates the field (and so has no value) can still be saved without it, as the server allows.
 */
const mustFill = (required: boolean, stored: Record<string, unknown> | undefined, key: string) =>
  required && (stored === undefined || (stored[key] !== null && stored[key] !== undefined));

export function ExtraFormItems({ type, fields, stored }: Props) {
  const { t } = useTranslation();
  const rules = useRules();
  const locale = useLocale();
  const extensionLabel = useExtensionLabel(type);
  const items: Item[] = [
    ...fields.extension.map((f) => ({
      group: 'extension' as const,
      key: f.key,
      label: extensionLabel(f.key),
      kind: f.kind,
      required: mustFill(f.required, stored?.extension, f.key),
      options: {},
    })),
    ...fields.custom.map((f) => ({
      group: 'custom' as const,
      key: f.key,
      label: f.label[locale],
      kind: f.kind,
      required: f.required,
      options: f.options,
    })),
  ];
  if (items.length === 0) return null;
  const rulesOf = (item: Item): FormRule[] => [
    ...(item.required ? [rules.required] : []),
    ...(item.kind === 'reference'
      ? [{ pattern: REFERENCE, message: t('records.links.targetFormat') } satisfies FormRule]
      : item.kind === 'text' && item.options.maxLength
        ? [{ max: item.options.maxLength, message: t('form.tooLong', { max: item.options.maxLength }) } satisfies FormRule]
        : []),
  ];
  return (
    <Row gutter={12} data-testid="extra-fields">
      {items.map((item) => (
        <Col key={`${item.group}.${item.key}`} xs={24} sm={12}>
          <Form.Item name={[item.group, item.key]} label={item.label} rules={rulesOf(item)}>
            <ExtraInput kind={item.kind} options={item.options} testId={`${item.group}-${item.key}`} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}

/** A type's own field by the name its registry entry gives it, else by key. */
export function useExtensionLabel(type: RecordTypeUi): (key: string) => string {
  const { t } = useTranslation();
  return (key) => {
    const label = type.fieldLabels?.[key];
    return label ? t(label) : key;
  };
}
