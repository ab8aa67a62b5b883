import type { Permission } from '@keel/shared';
import { Checkbox, Col, Row, Typography } from 'antd';
import { permissionsByDomain, useLabels } from '../../../app/labels';

type Props = { value?: Permission[]; onChange?: (value: Permission[]) => void; disabled?: boolean };

/** Every permission as a checkbox, grouped by domain (users, groups, audit …). */
export function PermissionPicker({ value = [], onChange, disabled }: Props) {
  const labels = useLabels();
  return (
    <Checkbox.Group<Permission> value={value} onChange={(next) => onChange?.(next)} disabled={disabled} style={{ width: '100%' }}>
      <Row gutter={[16, 12]} style={{ width: '100%' }}>
        {permissionsByDomain().map(({ domain, permissions }) => (
          <Col key={domain} xs={24} sm={12}>
            <Typography.Text strong>{labels.domain(domain)}</Typography.Text>
            {permissions.map((permission) => (
              <div key={permission} style={{ marginTop: 4 }}>
                <Checkbox value={permission} data-testid={`permission-${permission}`}>
                  {labels.permission(permission)}
                </Checkbox>
              </div>
            ))}
          </Col>
        ))}
      </Row>
    </Checkbox.Group>
  );
}
