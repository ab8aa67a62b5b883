import { Alert, Card, Empty, Flex, Input, List, Select, Spin, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useIsPhone } from '../../app/use-is-phone';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { SearchHitLine } from './search-hit';
import { hitPath, useSearch, useSearchableTypes, useTypeLabel } from './use-search';

const LIMIT = 50;

/** Full results for `/search?q=…&types=…`: best match first, with the type of each and a note when the search was partial. */
export function SearchPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const readable = useSearchableTypes();
  const types = (params.get('types') ?? '').split(',').filter((key) => readable.some((type) => type.key === key));
  const search = useSearch(q, { types, limit: LIMIT });
  const typeLabel = useTypeLabel();
  const update = (next: { q?: string; types?: string[] }) => {
    const merged = { q: next.q ?? q, types: (next.types ?? types).join(',') };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== '')), { replace: true });
  };
  const hits = q === '' ? [] : (search.data?.items ?? []);

  return (
    <>
      <PageHeader title={t('lists.search.title')} />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          <Input.Search
            key={q}
            defaultValue={q}
            allowClear
            autoFocus={q === ''}
            maxLength={200}
            placeholder={t('lists.search.placeholder')}
            onSearch={(value) => update({ q: value.trim() })}
            style={{ width: isPhone ? '100%' : 420 }}
            data-testid="search-page-input"
          />
          {readable.length > 0 && (
            <Select<string[]>
              mode="multiple"
              allowClear
              placeholder={t('lists.search.allTypes')}
              aria-label={t('lists.search.types')}
              value={types}
              options={readable.map((type) => ({ value: type.key, label: t(type.labels.plural) }))}
              onChange={(next) => update({ types: next })}
              style={{ width: isPhone ? '100%' : 260 }}
              data-testid="search-types"
            />
          )}
        </Flex>
        <QueryError error={search.error} onRetry={() => void search.refetch()} />
        {search.data?.partial && q !== '' && (
          <Alert type="info" showIcon title={t('lists.search.partial')} style={{ marginBottom: 16 }} data-testid="search-partial" />
        )}
        {q === '' ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lists.search.prompt')} />
        ) : search.isPending ? (
          <Spin style={{ display: 'block', margin: 24 }} />
        ) : (
          <List
            dataSource={hits}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lists.search.noResults')} /> }}
            renderItem={(hit) => (
              <List.Item>
                <Link to={hitPath(hit)} style={{ color: 'inherit', display: 'block', width: '100%' }} data-testid="search-result">
                  <Tag style={{ marginBottom: 4 }}>{typeLabel(hit.type)}</Tag>
                  <SearchHitLine hit={hit} detailed />
                </Link>
              </List.Item>
            )}
            data-testid="search-results"
          />
        )}
      </Card>
    </>
  );
}
