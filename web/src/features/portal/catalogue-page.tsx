import { Card, Empty, Flex, Input, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../components/query-error';
import { useDebounced } from '../../components/use-debounced';
import { useCatalogue } from './portal-api';
import { PortalBack } from './portal-home';

/** Browse what can be requested: by service and category, with a search box. */
export function CataloguePage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const [serviceId, setServiceId] = useState<number | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  // The choices come from the whole catalogue, the list from the filtered one.
  const all = useCatalogue({});
  const items = useCatalogue({ ...(q ? { q } : {}), ...(serviceId ? { serviceId } : {}), ...(category ? { category } : {}) });
  const services = useMemo(() => {
    const seen = new Map<number, string>();
    for (const item of all.data?.items ?? []) seen.set(item.serviceId, item.serviceName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [all.data]);
  const categories = useMemo(
    () => [...new Set((all.data?.items ?? []).flatMap((i) => (i.category ? [i.category] : [])))].map((c) => ({ value: c, label: c })),
    [all.data],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="catalogue-page">
      <PortalBack />
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('requests.catalogue.title')}
      </Typography.Title>
      <Flex gap={8} wrap>
        <Input.Search
          allowClear
          placeholder={t('requests.catalogue.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ flex: '1 1 220px' }}
          data-testid="catalogue-search"
        />
        <Select
          allowClear
          placeholder={t('requests.catalogue.allServices')}
          options={services}
          value={serviceId}
          onChange={setServiceId}
          style={{ flex: '1 1 160px' }}
        />
        <Select
          allowClear
          placeholder={t('requests.catalogue.allCategories')}
          options={categories}
          value={category}
          onChange={setCategory}
          style={{ flex: '1 1 160px' }}
        />
      </Flex>
      <QueryError error={items.error} onRetry={() => void items.refetch()} />
      {items.isPending ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : (items.data?.items.length ?? 0) === 0 ? (
        <Empty description={t('requests.catalogue.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {items.data?.items.map((item) => (
            <Link key={item.id} to={`/portal/catalogue/${item.id}`} data-testid="catalogue-item">
              <Card hoverable size="small">
                <Flex justify="space-between" align="start" gap={8} wrap>
                  <div style={{ minWidth: 0 }}>
                    <Typography.Text strong>{item.name}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary">{item.description}</Typography.Text>
                    </div>
                  </div>
                  <Space size={4} wrap>
                    <Tag>{item.serviceName}</Tag>
                    {item.category && <Tag color="blue">{item.category}</Tag>}
                    {item.needsApproval && <Tag color="orange">{t('requests.catalogue.needsApproval')}</Tag>}
                  </Space>
                </Flex>
              </Card>
            </Link>
          ))}
        </Flex>
      )}
    </Space>
  );
}
