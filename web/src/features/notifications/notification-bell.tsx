import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, List, Popover, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../components/load-more';
import { NotificationItem } from './notification-item';
import { useMarkAllRead, useMarkRead, useNotificationList, useUnreadCount } from './use-notifications';

function NotificationPanel({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotificationList(unreadOnly);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const newest = list.items[0]?.id;

  return (
    <Flex vertical style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-panel">
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{t('notify.title')}</Typography.Text>
        <Flex align="center" gap={8}>
          <Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} aria-label={t('notify.unreadOnly')} />
          <Typography.Text type="secondary">{t('notify.unreadOnly')}</Typography.Text>
        </Flex>
      </Flex>
      <div style={{ maxHeight: 420, overflowY: 'auto', marginTop: 8 }}>
        <List
          loading={list.isPending}
          dataSource={list.items}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(unreadOnly ? 'notify.emptyUnread' : 'notify.empty')} />,
          }}
          renderItem={(notification) => (
            <List.Item style={{ padding: 0 }}>
              <NotificationItem
                notification={notification}
                onOpen={() => {
                  if (notification.readAt === null) markRead.mutate(notification.id);
                  onNavigate();
                }}
                onMarkRead={() => markRead.mutate(notification.id)}
              />
            </List.Item>
          )}
        />
        {list.hasNextPage && (
          <LoadMore count={list.items.length} hasMore loading={list.isFetchingNextPage} onLoadMore={() => void list.fetchNextPage()} />
        )}
      </div>
      <Button
        type="link"
        disabled={newest === undefined}
        loading={markAllRead.isPending}
        onClick={() => markAllRead.mutate(newest)}
        data-testid="mark-all-read"
      >
        {t('notify.markAllRead')}
      </Button>
    </Flex>
  );
}

/** The bell in the header: the unread count, and recent notifications in a popover. */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = useUnreadCount().data?.count ?? 0;

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      arrow={false}
      destroyOnHidden
      content={<NotificationPanel onNavigate={() => setOpen(false)} />}
    >
      <Button
        type="text"
        aria-label={count > 0 ? t('notify.bellUnread', { count }) : t('notify.bell')}
        data-testid="notification-bell"
        icon={
          <Badge count={count} size="small" overflowCount={99} data-testid="notification-count">
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
