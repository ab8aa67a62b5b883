import type { Workflow } from '@keel/shared';
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../app/i18n';
import { useLabels } from '../../../app/labels';
import { StateTag } from '../../records/record-tags';
import { useRecordLabels } from '../../records/use-record-labels';

type State = Workflow['states'][number];
type Transition = Workflow['transitions'][number];

const list = (items: string[], none: string) =>
  items.length === 0 ? <Typography.Text type="secondary">{none}</Typography.Text> : items.join(', ');

/** The workflow's states and transitions as tables: every detail the diagram leaves out. */
export function WorkflowTables({ workflow }: { workflow: Workflow }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const labels = useRecordLabels();
  const names = useLabels();
  const stateName = (key: string) => workflow.states.find((s) => s.key === key)?.label[locale] ?? key;

  const stateColumns: TableColumnsType<State> = [
    { key: 'label', title: t('engine.admin.workflows.label'), render: (_, s) => s.label[locale] },
    { key: 'key', title: t('engine.admin.workflows.key'), render: (_, s) => <Typography.Text code>{s.key}</Typography.Text> },
    {
      key: 'category',
      title: t('engine.admin.workflows.category'),
      render: (_, s) => <StateTag label={labels.stateCategory(s.category)} category={s.category} />,
    },
    {
      key: 'initial',
      title: t('engine.admin.workflows.initial'),
      render: (_, s) => (s.key === workflow.initial ? <Tag color="blue">{t('engine.admin.workflows.initial')}</Tag> : null),
    },
  ];
  const transitionColumns: TableColumnsType<Transition> = [
    {
      key: 'action',
      title: t('engine.admin.workflows.action'),
      render: (_, tr) => (
        <>
          {tr.label[locale]} <Typography.Text code>{tr.key}</Typography.Text>
        </>
      ),
    },
    { key: 'from', title: t('engine.admin.workflows.from'), render: (_, tr) => tr.from.map(stateName).join(', ') },
    { key: 'to', title: t('engine.admin.workflows.to'), render: (_, tr) => stateName(tr.to) },
    {
      key: 'roles',
      title: t('engine.admin.workflows.roles'),
      render: (_, tr) =>
        list(
          tr.roles.map((r) => names.role(r)),
          t('engine.admin.workflows.anyone'),
        ),
    },
    { key: 'requires', title: t('engine.admin.workflows.requires'), render: (_, tr) => list(tr.requires.map(labels.field), '—') },
    {
      key: 'guards',
      title: t('engine.admin.workflows.guards'),
      render: (_, tr) =>
        list(
          tr.guards.map((g) => t(`engine.guards.${g}`)),
          '—',
        ),
    },
    {
      key: 'effects',
      title: t('engine.admin.workflows.effects'),
      render: (_, tr) =>
        list(
          tr.effects.map((e) => t(`engine.effects.${e}`)),
          '—',
        ),
    },
  ];

  return (
    <>
      <Typography.Title level={5}>{t('engine.admin.workflows.states')}</Typography.Title>
      <Table<State>
        rowKey="key"
        size="small"
        columns={stateColumns}
        dataSource={workflow.states}
        pagination={false}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 24 }}
        data-testid="workflow-states"
      />
      <Typography.Title level={5}>{t('engine.admin.workflows.transitions')}</Typography.Title>
      <Table<Transition>
        rowKey="key"
        size="small"
        columns={transitionColumns}
        dataSource={workflow.transitions}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="workflow-transitions"
      />
    </>
  );
}
