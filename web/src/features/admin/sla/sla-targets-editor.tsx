import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRules } from '../../../app/form-rules';
import { newTarget, PRIORITY_KEYS } from './sla-values';
import { useCategoryOptions } from './use-sla-options';

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** The policy's targets: each a key, a name in both languages, when it stops, and minutes per priority. */
export function SlaTargetsEditor() {
  const { t } = useTranslation();
  const rules = useRules();
  const categories = useCategoryOptions();
  const minutes = (name: (string | number)[], label: string, testId: string) => (
    <Form.Item name={name} label={label} style={{ marginBottom: 8 }}>
      <InputNumber<number> min={1} max={525_600} precision={0} style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );
  return (
    <Form.List name="targets">
      {(items, { add, remove }) => (
        <div data-testid="sla-targets">
          {items.map((item, index) => (
            <Card
              key={item.key}
              size="small"
              style={{ marginBottom: 12 }}
              title={`${t('engine.admin.sla.target')} ${index + 1}`}
              extra={
                items.length > 1 && (
                  <Button
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('engine.admin.sla.removeTarget')}
                    onClick={() => remove(item.name)}
                  />
                )
              }
            >
              <Row gutter={8}>
                <Col xs={24} sm={8}>
                  <Form.Item
                    name={[item.name, 'key']}
                    label={t('engine.admin.sla.targetKey')}
                    rules={[rules.required, { pattern: KEY, message: t('engine.admin.customFields.keyHelp') }]}
                  >
                    <Input autoComplete="off" data-testid={`target-key-${index}`} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item name={[item.name, 'label', 'zh-CN']} label={t('engine.admin.sla.targetLabelZh')} rules={[rules.required]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item name={[item.name, 'label', 'en']} label={t('engine.admin.sla.targetLabelEn')} rules={[rules.required]}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={[item.name, 'stopOn']} label={t('engine.admin.sla.stopOn')} rules={[rules.required]}>
                <Select mode="multiple" options={categories} />
              </Form.Item>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                {t('engine.admin.sla.minutesHelp')}
              </Typography.Paragraph>
              <Row gutter={8}>
                {PRIORITY_KEYS.map((p, i) => (
                  <Col key={p} xs={8} sm={4}>
                    {minutes([item.name, 'minutes', i], `P${p}`, `target-${index}-p${p}`)}
                  </Col>
                ))}
                <Col xs={8} sm={4}>
                  {minutes([item.name, 'defaultMinutes'], t('engine.admin.sla.defaultMinutes'), `target-${index}-default`)}
                </Col>
              </Row>
            </Card>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ ...newTarget(), key: '' })} data-testid="add-target">
            {t('engine.admin.sla.addTarget')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
