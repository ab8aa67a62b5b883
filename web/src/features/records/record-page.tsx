import { Card, Col, Row, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError } from '../../app/api';
import { NotFound } from '../../app/guards';
import { useCan } from '../../app/session';
import { Markdown } from '../../components/markdown';
import { QueryError } from '../../components/query-error';
import { useDrawerTarget } from '../../components/use-drawer-target';
import { RecordDrawer } from './record-drawer';
import { RecordFields } from './record-fields';
import { RecordHeader } from './record-header';
import { tabsFor } from './record-tabs';
import type { RecordTypeUi } from './record-types';
import { BreachReasons } from './sla/breach-reasons';
import { SlaBadges } from './sla/sla-badges';
import { StaleAlert } from './stale-alert';
import { TabLabel } from './tab-label';
import { useRecord } from './use-record';
import { useRecordActions } from './use-record-actions';

/** One record of any type: header with its actions, description, fields, and tabs. */
export function RecordPage({ type }: { type: RecordTypeUi }) {
  const { t } = useTranslation();
  const number = useParams().number ?? '';
  const canWrite = useCan(type.permissions.write);
  const query = useRecord(type, number);
  const record = query.data;
  // The drawer edits the record as it is now (also after a reload), opened on a field if one is needed.
  const editing = useDrawerTarget<{ focusField: string | null }>();
  const actions = useRecordActions(type, record, (field) => editing.open({ focusField: field }));

  if (query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400)) return <NotFound />;
  if (!record) {
    return query.isPending ? (
      <Spin style={{ display: 'block', marginTop: 48 }} />
    ) : (
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  const ctx = { type, record, canWrite };
  const Extras = type.extras ?? {};

  return (
    <>
      {actions.stale && <StaleAlert reloading={actions.reloading} onReload={actions.reload} />}
      <RecordHeader
        type={type}
        record={record}
        canWrite={canWrite}
        onEdit={() => editing.open({ focusField: null })}
        onAction={actions.run}
        pendingAction={actions.pendingAction}
        badges={
          <>
            <SlaBadges clocks={record.sla} />
            {Extras.badges && <Extras.badges type={type} record={record} />}
          </>
        }
        extraActions={Extras.actions && <Extras.actions type={type} record={record} />}
      />
      {Extras.panel && <Extras.panel type={type} record={record} />}
      <BreachReasons type={type} record={record} canWrite={canWrite} />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
          <Card size="small" title={t('records.description')} style={{ marginBottom: 16 }}>
            {record.description.trim() === '' ? (
              <Typography.Text type="secondary">{t('records.noDescription')}</Typography.Text>
            ) : (
              <Markdown source={record.description} testId="record-description" />
            )}
          </Card>
          <Card size="small">
            <Tabs
              items={tabsFor(ctx).map((tab) => ({
                key: tab.key,
                label: tab.renderLabel?.(ctx) ?? <TabLabel label={t(tab.label)} badge={tab.badge?.(ctx)} />,
                children: tab.render(ctx),
              }))}
              data-testid="record-tabs"
            />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
          <RecordFields type={type} record={record} />
        </Col>
      </Row>
      <RecordDrawer
        key={editing.key}
        type={type}
        target={editing.target ? record : null}
        focusField={editing.target?.focusField ?? null}
        onClose={editing.close}
      />
    </>
  );
}
