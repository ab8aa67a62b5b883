import { Button, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type Props = { count: number; hasMore: boolean; loading: boolean; onLoadMore: () => void };

/** Cursor pagination footer: how many rows are shown and a button for the next page. */
export function LoadMore({ count, hasMore, loading, onLoadMore }: Props) {
  const { t } = useTranslation();
  return (
    <Space style={{ width: '100%', justifyContent: 'center', marginTop: 16 }} wrap>
      <Typography.Text type="secondary">{t('common.countShown', { count })}</Typography.Text>
      {hasMore ? (
        <Button onClick={onLoadMore} loading={loading} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : (
        count > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
      )}
    </Space>
  );
}
