import { AlertOutlined, RiseOutlined } from '@ant-design/icons';
import { MAJOR_INCIDENT_ROLES } from '@keel/shared';
import { Button, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../app/session';
import type { RecordExtraProps } from '../records/record-types';
import { DeclareMajorDialog } from './declare-major-dialog';
import { EscalateDialog } from './escalate-dialog';

const FINISHED = new Set(['closed', 'cancelled']);

/** The incident's own header buttons beside its workflow actions: escalate (and, below, major incidents). */
export function IncidentActions({ type, record }: RecordExtraProps) {
  const { t } = useTranslation();
  const canManage = useCan('incidents.manage');
  const me = useMe();
  const [escalating, setEscalating] = useState(false);
  const [declaring, setDeclaring] = useState(false);
  if (!canManage || FINISHED.has(record.stateCategory)) return null;
  // Declared by role (P-6.1); the server checks the same list.
  const mayDeclare =
    record.extension.major !== true && record.stateCategory !== 'resolved' && me.roles.some((r) => MAJOR_INCIDENT_ROLES.includes(r));
  return (
    <>
      {mayDeclare && (
        <Button danger icon={<AlertOutlined />} onClick={() => setDeclaring(true)} data-testid="declare-major">
          {t('incidentProcess.major.declare')}
        </Button>
      )}
      <DeclareMajorDialog type={type} record={record} open={declaring} onClose={() => setDeclaring(false)} />
      <Button icon={<RiseOutlined />} onClick={() => setEscalating(true)} data-testid="escalate">
        {t('incidentProcess.escalation.escalate')}
      </Button>
      <EscalateDialog type={type} record={record} open={escalating} onClose={() => setEscalating(false)} />
    </>
  );
}

/** Tags beside the state: how far the incident has been escalated, and whether it is major. */
export function IncidentBadges({ record }: RecordExtraProps) {
  const { t } = useTranslation();
  const level = Number(record.extension.escalationLevel ?? 0);
  return (
    <>
      {record.extension.major === true && (
        <Tag color="red" data-testid="major-badge">
          {t('incidentProcess.major.banner')}
        </Tag>
      )}
      {level > 0 && (
        <Tag color="volcano" data-testid="escalation-badge">
          {t('incidentProcess.escalation.level', { level })}
        </Tag>
      )}
    </>
  );
}
