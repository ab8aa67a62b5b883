import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CATALOGUE_FIELD_TYPES } from '@keel/shared';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../app/form-rules';
import { type FieldValues, hasBounds, hasOptions, hasPattern, newField } from './form-values';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** The request form's fields, in order: add, remove, move, and each field's type, labels, options and bounds. */
export function FormEditor() {
  const { t } = useTranslation();
  const rules = useRules();
  const types = CATALOGUE_FIELD_TYPES.map((type) => ({ value: type, label: t(`catalogue.formEditor.types.${type}`) }));
  return (
    <Form.List name="fields">
      {(items, { add, remove, move }) => (
        <div data-testid="form-editor">
          {items.length === 0 && <Typography.Paragraph type="secondary">{t('catalogue.formEditor.empty')}</Typography.Paragraph>}
          {items.map((item, index) => (
            <Card
              key={item.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={t('catalogue.formEditor.field', { n: index + 1 })}
              extra={
                <Space size={4}>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={index === 0}
                    aria-label={t('catalogue.formEditor.moveUp')}
                    onClick={() => move(index, index - 1)}
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={index === items.length - 1}
                    aria-label={t('catalogue.formEditor.moveDown')}
                    onClick={() => move(index, index + 1)}
                  />
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('catalogue.formEditor.remove')}
                    onClick={() => remove(item.name)}
                  />
                </Space>
              }
            >
              <Row gutter={8}>
                <Col xs={12} sm={8}>
                  <Form.Item
                    name={[item.name, 'key']}
                    label={t('catalogue.formEditor.key')}
                    rules={[rules.required, { pattern: KEY, message: t('engine.admin.customFields.keyHelp') }]}
                  >
                    <Input autoComplete="off" data-testid={`field-key-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item name={[item.name, 'type']} label={t('catalogue.formEditor.type')}>
                    <Select options={types} data-testid={`field-type-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={8}>
                  <Form.Item name={[item.name, 'required']} label={t('catalogue.formEditor.required')} valuePropName="checked">
                    <Switch size="small" />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={8}>
                <Col xs={12}>
                  <Form.Item name={[item.name, 'labelZh']} label={t('catalogue.formEditor.labelZh')} rules={[rules.required]}>
                    <Input autoComplete="off" data-testid={`field-label-zh-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={12}>
                  <Form.Item name={[item.name, 'labelEn']} label={t('catalogue.formEditor.labelEn')} rules={[rules.required]}>
                    <Input autoComplete="off" data-testid={`field-label-en-${index}`} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const type = getFieldValue(['fields', item.name, 'type']) as FieldValues['type'];
                  return (
                    <>
                      {hasOptions(type) && (
                        <Form.Item name={[item.name, 'options']} label={t('catalogue.formEditor.options')} rules={[rules.required]}>
                          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid={`field-options-${index}`} />
                        </Form.Item>
                      )}
                      {hasBounds(type) && (
                        <Row gutter={8}>
                          <Col xs={12}>
                            <Form.Item name={[item.name, 'min']} label={t('catalogue.formEditor.min')}>
                              <InputNumber<number> style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                          <Col xs={12}>
                            <Form.Item name={[item.name, 'max']} label={t('catalogue.formEditor.max')}>
                              <InputNumber<number> style={{ width: '100%' }} />
                            </Form.Item>
                          </Col>
                        </Row>
                      )}
                      {hasPattern(type) && (
                        <Form.Item name={[item.name, 'pattern']} label={t('catalogue.formEditor.pattern')}>
                          <Input autoComplete="off" />
                        </Form.Item>
                      )}
                    </>
                  );
                }}
              </Form.Item>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newField(items.length))} data-testid="add-field">
            {t('catalogue.formEditor.addField')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
