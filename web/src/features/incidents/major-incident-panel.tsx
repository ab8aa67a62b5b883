import { recordSchema, userSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Card, Col, Flex, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, apiSend } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useCan } from '../../app/session';
import type { RecordExtraProps } from '../records/record-types';
import { recordKey } from '../records/use-record';
import { CommunicationLog } from './communication-log';
import { IncidentReviewForm } from './incident-review';

function ManagerName({ id }: { id: number | null }) {
  const { t } = useTranslation();
  const canRead = useCan('users.read');
  const user = useQuery({
    queryKey: ['/users', id],
    queryFn: ({ signal }) => apiGet(`/users/${id}`, userSchema, { signal }),
    enabled: id !== null && canRead,
  });
  const name = user.data?.displayName ?? (id === null ? t('incidentProcess.major.managerUnknown') : `#${id}`);
  return <>{t('incidentProcess.major.managedBy', { name })}</>;
}

/** Puts another incident under this one (the engine's parent link), so it is told of updates and resolved with it. */
function LinkChild({ type, record }: RecordExtraProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [number, setNumber] = useState('');
  const link = useMutation({
    mutationFn: (child: string) => apiSend('PATCH', `/incidents/${child}`, recordSchema, { body: { parent: record.number } }),
    onSuccess: async () => {
      void message.success(t('incidentProcess.major.linked'));
      setNumber('');
      await queryClient.invalidateQueries({ queryKey: recordKey(type, record.number) });
    },
    onError: (error) => showError(error),
  });
  return (
    <Input.Search
      value={number}
      onChange={(e) => setNumber(e.target.value.toUpperCase())}
      placeholder={t('incidentProcess.major.linkPlaceholder')}
      enterButton={t('incidentProcess.major.link')}
      loading={link.isPending}
      onSearch={(value) => value.trim() && link.mutate(value.trim())}
      data-testid="link-child-incident"
    />
  );
}

/** Above a major incident's description: banner, manager, communication log with the next-update countdown, children, review. */
export function MajorIncidentPanel({ type, record }: RecordExtraProps) {
  const { t } = useTranslation();
  const canManage = useCan('incidents.manage');
  if (record.extension.major !== true) return null;
  const managerId = typeof record.extension.majorManagerId === 'number' ? record.extension.majorManagerId : null;
  return (
    <Card size="small" style={{ marginBottom: 16, borderColor: '#ff4d4f' }} data-testid="major-incident-panel">
      <Flex vertical gap={12}>
        <Alert type="error" showIcon title={t('incidentProcess.major.banner')} description={<ManagerName id={managerId} />} />
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <Typography.Title level={5}>{t('incidentProcess.major.communications')}</Typography.Title>
            <CommunicationLog type={type} record={record} />
          </Col>
          <Col xs={24} lg={10}>
            <Typography.Title level={5}>
              {t('incidentProcess.major.children')} ({record.children.open}/{record.children.total})
            </Typography.Title>
            {canManage && <LinkChild type={type} record={record} />}
            <Typography.Title level={5} style={{ marginTop: 16 }}>
              {t('incidentProcess.major.review')}
            </Typography.Title>
            <IncidentReviewForm record={record} />
          </Col>
        </Row>
      </Flex>
    </Card>
  );
}
