import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../app/form-rules';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** A choice field's values: a stable key and a label in each language. */
export function ChoicesEditor() {
  const { t } = useTranslation();
  const rules = useRules();
  return (
    <Form.List
      name={['options', 'choices']}
      rules={[
        {
          validator: async (_, choices: unknown[] | undefined) => {
            if (!choices || choices.length === 0) throw new Error(t('engine.admin.customFields.needChoices'));
          },
        },
      ]}
    >
      {(items, { add, remove }, { errors }) => (
        <div data-testid="choices">
          {items.map((item, index) => (
            <Row key={item.key} gutter={8} align="top" wrap={false}>
              <Col flex="110px">
                <Form.Item
                  name={[item.name, 'key']}
                  rules={[rules.required, { pattern: KEY, message: t('engine.admin.customFields.keyHelp') }]}
                  style={{ marginBottom: 8 }}
                >
                  <Input placeholder={t('engine.admin.customFields.choiceKey')} autoComplete="off" data-testid={`choice-key-${index}`} />
                </Form.Item>
              </Col>
              <Col flex="auto">
                <Form.Item name={[item.name, 'label', 'zh-CN']} rules={[rules.required]} style={{ marginBottom: 8 }}>
                  <Input placeholder="中文" autoComplete="off" data-testid={`choice-zh-${index}`} />
                </Form.Item>
              </Col>
              <Col flex="auto">
                <Form.Item name={[item.name, 'label', 'en']} rules={[rules.required]} style={{ marginBottom: 8 }}>
                  <Input placeholder="English" autoComplete="off" data-testid={`choice-en-${index}`} />
                </Form.Item>
              </Col>
              <Col flex="32px">
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('engine.admin.customFields.removeChoice')}
                  onClick={() => remove(item.name)}
                />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => add({ key: '', label: { 'zh-CN': '', en: '' } })}
            style={{ marginBottom: 16 }}
            data-testid="add-choice"
          >
            {t('engine.admin.customFields.addChoice')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
