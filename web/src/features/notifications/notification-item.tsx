import { type Notification, notificationExcerpt, notificationTextValues } from '@keel/shared';
import { Badge, Button, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatDateTime } from '../../app/format';
import { currentLocale } from '../../app/i18n';

/** The record page, built from the type's path: /tasks/TASK-000042. */
export function recordHref(record: Notification['record']): string {
  return `/${encodeURIComponent(record.path)}/${encodeURIComponent(record.number)}`;
}

type Props = { notification: Notification; onOpen: () => void; onMarkRead: () => void };

/** One notification: what happened, the record, a quote, when; everything as text (React escapes it). */
export function NotificationItem({ notification, onOpen, onMarkRead }: Props) {
  const { t } = useTranslation();
  const formatTime = useFormatDateTime();
  const unread = notification.readAt === null;
  const values = notificationTextValues(notification, currentLocale(), t('notify.someone'));
  const excerpt = notificationExcerpt(notification);
  const internal = notification.event === 'mentioned' && notification.params.internal;

  return (
    <Flex gap={8} align="start" style={{ padding: '8px 0', width: '100%' }} data-testid="notification-item" data-unread={unread}>
      <Badge status={unread ? 'processing' : 'default'} style={{ marginTop: 6, visibility: unread ? 'visible' : 'hidden' }} />
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Link to={recordHref(notification.record)} onClick={onOpen} style={{ fontWeight: unread ? 600 : 400 }}>
          {t(`notify.events.${notification.event}`, values)}
        </Link>
        <Typography.Text ellipsis>{notification.record.title}</Typography.Text>
        {excerpt && (
          <Typography.Text type="secondary" ellipsis>
            {internal && <Tag color="orange">{t('notify.internal')}</Tag>}
            {excerpt}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatTime(notification.createdAt)}
        </Typography.Text>
      </Flex>
      {unread && (
        <Button size="small" type="link" onClick={onMarkRead} data-testid="mark-read">
          {t('notify.markRead')}
        </Button>
      )}
    </Flex>
  );
}
