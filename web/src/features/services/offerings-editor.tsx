import { type Service, serviceOfferingSchema } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Input, List, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiSend, etagFor, newIdempotencyKey } from '../../app/api';
import { useShowError } from '../../app/errors';

/** A saved service's offerings: add one by name, switch one off or on (each change is its own request). */
export function OfferingsEditor({ service }: { service: Service }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [offerings, setOfferings] = useState(service.offerings);
  const [name, setName] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['/services'] });
  const add = useMutation({
    mutationFn: () =>
      apiSend('POST', `/services/${service.id}/offerings`, serviceOfferingSchema, {
        body: { name: name.trim() },
        idempotencyKey: newIdempotencyKey(),
      }),
    onSuccess: async (created) => {
      setOfferings((list) => [...list, created]);
      setName('');
      await refresh();
    },
    onError: (error) => showError(error),
  });
  const toggle = useMutation({
    mutationFn: (o: (typeof offerings)[number]) =>
      apiSend('PATCH', `/services/${service.id}/offerings/${o.id}`, serviceOfferingSchema, {
        body: { active: !o.active },
        etag: etagFor(o.version),
      }),
    onSuccess: async (changed) => {
      setOfferings((list) => list.map((o) => (o.id === changed.id ? changed : o)));
      await refresh();
    },
    onError: (error) => showError(error),
  });
  return (
    <div data-testid="service-offerings">
      <List
        size="small"
        dataSource={offerings}
        renderItem={(o) => (
          <List.Item
            extra={<Switch size="small" checked={o.active} aria-label={t('catalogue.services.active')} onChange={() => toggle.mutate(o)} />}
          >
            <Typography.Text delete={!o.active}>{o.name}</Typography.Text>
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('catalogue.services.offeringName')}
          onPressEnter={() => name.trim() && add.mutate()}
          data-testid="offering-name"
        />
        <Button onClick={() => add.mutate()} disabled={name.trim() === ''} loading={add.isPending} data-testid="add-offering">
          {t('catalogue.services.addOffering')}
        </Button>
      </Space.Compact>
    </div>
  );
}
