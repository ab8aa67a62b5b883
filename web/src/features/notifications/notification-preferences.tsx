import {
  NOTIFICATION_EVENTS,
  type NotificationEvent,
  notificationSettingsSchema,
  type NotificationPreferences as Preferences,
} from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Switch, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiSend } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useMe } from '../../app/session';
import { QueryError } from '../../components/query-error';

const path = '/me/notification-preferences';

/** The profile's "Notifications" card: per event, in the app and by email. */
export function NotificationPreferences() {
  const { t } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const showError = useShowError();
  const { message } = App.useApp();
  const settings = useQuery({ queryKey: [path], queryFn: ({ signal }) => apiGet(path, notificationSettingsSchema, { signal }) });
  // Edits live here until saved; null means "as loaded".
  const [draft, setDraft] = useState<Preferences | null>(null);
  const events = draft ?? settings.data?.events;
  const save = useMutation({
    mutationFn: (next: Preferences) => apiSend('PUT', path, notificationSettingsSchema, { body: { events: next } }),
    onSuccess: (saved) => {
      queryClient.setQueryData([path], saved);
      setDraft(null);
      void message.success(t('notify.preferences.saved'));
    },
    onError: (error) => showError(error),
  });

  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  const mailAvailable = settings.data?.mailAvailable ?? false;
  const toggle = (event: NotificationEvent, channel: 'inApp' | 'email', on: boolean) => {
    if (events) setDraft({ ...events, [event]: { ...events[event], [channel]: on } });
  };

  const columns = [
    {
      key: 'event',
      title: t('notify.preferences.event'),
      render: (_: unknown, event: NotificationEvent) => t(`notify.preferences.events.${event}`),
    },
    {
      key: 'inApp',
      title: t('notify.preferences.inApp'),
      render: (_: unknown, event: NotificationEvent) => (
        <Switch
          checked={events?.[event].inApp ?? false}
          onChange={(on) => toggle(event, 'inApp', on)}
          aria-label={`${t(`notify.preferences.events.${event}`)}: ${t('notify.preferences.inApp')}`}
          data-testid={`pref-${event}-inApp`}
        />
      ),
    },
    {
      key: 'email',
      title: t('notify.preferences.email'),
      render: (_: unknown, event: NotificationEvent) => (
        <Switch
          checked={events?.[event].email ?? false}
          disabled={!mailAvailable}
          onChange={(on) => toggle(event, 'email', on)}
          aria-label={`${t(`notify.preferences.events.${event}`)}: ${t('notify.preferences.email')}`}
          data-testid={`pref-${event}-email`}
        />
      ),
    },
  ];

  return (
    <Card title={t('notify.preferences.title')} data-testid="notification-preferences">
      <Typography.Paragraph type="secondary">{t('notify.preferences.intro')}</Typography.Paragraph>
      {settings.data && !mailAvailable && (
        <Alert type="info" showIcon title={t('notify.preferences.mailUnavailable')} style={{ marginBottom: 12 }} />
      )}
      {mailAvailable && !me.email && (
        <Alert type="warning" showIcon title={t('notify.preferences.noEmailAddress')} style={{ marginBottom: 12 }} />
      )}
      <Table<NotificationEvent>
        rowKey={(event) => event}
        size="small"
        columns={columns}
        dataSource={[...NOTIFICATION_EVENTS]}
        loading={settings.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <Button
        type="primary"
        style={{ marginTop: 16 }}
        disabled={!draft}
        loading={save.isPending}
        onClick={() => draft && save.mutate(draft)}
        data-testid="save-notification-preferences"
      >
        {t('common.save')}
      </Button>
    </Card>
  );
}
