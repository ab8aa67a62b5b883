import { type RecordItem, recordSchema } from '@keel/shared';
import { Button, Card, Descriptions, Flex, Modal, Segmented } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { can, useOptionalMe } from '../../app/session';
import { CursorTable } from '../../components/cursor-table';
import { PageHeader } from '../../components/page-header';
import { useCursorList } from '../../components/use-cursor-list';
import { RECORD_TYPES, type RecordTypeUi, recordPath } from '../records/record-types';
import { useRecordColumns } from '../records/use-record-columns';
import { isQueue, QUEUES, type Queue, queueParams } from './queues';
import { useQueueKeys } from './use-queue-keys';

/** The record types this agent may read, incidents first (the desk's daily work). */
function useReadableTypes(): RecordTypeUi[] {
  const me = useOptionalMe();
  const readable = RECORD_TYPES.filter((type) => can(me, type.permissions.read));
  return [...readable.filter((type) => type.key === 'incident'), ...readable.filter((type) => type.key !== 'incident')];
}

/**
 * The agent's workspace (P-6.1): my work, my groups' queue, unassigned, at risk of breach and
 * recently updated, for one record type at a time; queue and type are kept in the URL.
 */
export function WorkspacePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const types = useReadableTypes();
  const type = types.find((candidate) => candidate.key === search.get('type')) ?? types[0];
  const queueParam = search.get('queue');
  const queue: Queue = isQueue(queueParam) ? queueParam : 'mine';
  const [helpOpen, setHelpOpen] = useState(false);
  // "At risk" is relative to when the queue was opened; reopening it looks again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the moment is taken again when the queue or type changes.
  const params = useMemo(() => queueParams(queue, Date.now()), [queue, type?.key]);

  const choose = (next: { queue?: Queue; type?: string }) =>
    setSearch(
      (current) => {
        const copy = new URLSearchParams(current);
        if (next.queue) copy.set('queue', next.queue);
        if (next.type) copy.set('type', next.type);
        return copy;
      },
      { replace: true },
    );

  if (!type) return null;
  return (
    <>
      <PageHeader
        title={t('workspace.title')}
        extra={
          <Button onClick={() => setHelpOpen(true)} data-testid="workspace-shortcuts">
            {t('workspace.shortcuts.button')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap="middle" style={{ marginBottom: 16 }}>
          <Segmented<Queue>
            value={queue}
            onChange={(value) => choose({ queue: value })}
            options={QUEUES.map((q) => ({ value: q, label: t(`workspace.queues.${q}`) }))}
            data-testid="workspace-queues"
          />
          {types.length > 1 && (
            <Segmented<string>
              aria-label={t('workspace.type')}
              value={type.key}
              onChange={(value) => choose({ type: value })}
              options={types.map((candidate) => ({ value: candidate.key, label: t(candidate.labels.plural) }))}
            />
          )}
        </Flex>
        <QueueTable
          key={`${type.key}:${queue}`}
          type={type}
          queue={queue}
          params={params}
          onOpen={(record) => void navigate(recordPath(type, record.number))}
          onQueue={(index) => {
            const next = QUEUES[index];
            if (next) choose({ queue: next });
          }}
          onHelp={() => setHelpOpen(true)}
        />
      </Card>
      <Modal title={t('workspace.shortcuts.title')} open={helpOpen} onCancel={() => setHelpOpen(false)} footer={null}>
        <Descriptions column={1} size="small" data-testid="workspace-shortcut-list">
          <Descriptions.Item label="j / k · ↓ / ↑">{t('workspace.shortcuts.move')}</Descriptions.Item>
          <Descriptions.Item label="Enter">{t('workspace.shortcuts.open')}</Descriptions.Item>
          <Descriptions.Item label={`1 – ${QUEUES.length}`}>{t('workspace.shortcuts.queue')}</Descriptions.Item>
          <Descriptions.Item label="/">{t('workspace.shortcuts.search')}</Descriptions.Item>
          <Descriptions.Item label="?">{t('workspace.shortcuts.help')}</Descriptions.Item>
        </Descriptions>
      </Modal>
    </>
  );
}

function QueueTable(props: {
  type: RecordTypeUi;
  queue: Queue;
  params: Record<string, string>;
  onOpen: (record: RecordItem) => void;
  onQueue: (index: number) => void;
  onHelp: () => void;
}) {
  const { type, queue, params, onOpen, onQueue, onHelp } = props;
  const { t } = useTranslation();
  const list = useCursorList(type.apiPath, { limit: 50, ...params }, recordSchema);
  const columns = useRecordColumns(type);
  const openAt = useCallback(
    (index: number) => {
      const record = list.items[index];
      if (record) onOpen(record);
    },
    [list.items, onOpen],
  );
  const highlighted = useQueueKeys({
    count: list.items.length,
    queueCount: QUEUES.length,
    resetOn: `${type.key}:${queue}`,
    onOpen: openAt,
    onQueue,
    onHelp,
  });
  return (
    <CursorTable<RecordItem>
      list={list}
      columns={columns}
      testId="workspace-table"
      emptyText={t(`workspace.empty.${queue}`)}
      rowClassName={(_, index) => (index === highlighted ? 'keel-clickable-row keel-highlighted-row' : 'keel-clickable-row')}
      onRow={(record) => ({ onClick: () => onOpen(record) })}
    />
  );
}
