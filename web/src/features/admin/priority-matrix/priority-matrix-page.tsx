import { type PriorityMatrix, priorityMatrixViewSchema } from '@keel/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Select, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGetVersioned, apiSend } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useCan } from '../../../app/session';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { PriorityTag } from '../../records/record-tags';
import { useRecordLabels } from '../../records/use-record-labels';
import { AutoCloseCard } from './auto-close-card';

const PATH = '/settings/priority-matrix';
const LEVELS = ['1', '2', '3'] as const;
type Row = { impact: (typeof LEVELS)[number]; cells: number[] };

/** The impact × urgency → priority grid: rows are impact, columns urgency; each cell picks 1..5. */
export function PriorityMatrixPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const labels = useRecordLabels();
  const canEdit = useCan('records.configure');
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: [PATH], queryFn: ({ signal }) => apiGetVersioned(PATH, priorityMatrixViewSchema, { signal }) });
  const [draft, setDraft] = useState<PriorityMatrix | null>(null);
  const matrix = draft ?? query.data?.data.matrix ?? null;
  const save = useMutation({
    mutationFn: (body: PriorityMatrix) =>
      apiSend('PUT', PATH, priorityMatrixViewSchema, { body: { matrix: body }, etag: query.data?.etag }),
    onSuccess: async () => {
      void message.success(t('incidentProcess.priorityMatrix.saved'));
      setDraft(null);
      await queryClient.invalidateQueries({ queryKey: [PATH] });
    },
    onError: async (error) => {
      showError(error);
      await queryClient.invalidateQueries({ queryKey: [PATH] });
    },
  });

  const setCell = (impact: number, urgency: number, value: number) => {
    if (!matrix) return;
    setDraft(matrix.map((row, i) => row.map((cell, j) => (i === impact && j === urgency ? value : cell))));
  };
  const levelLabel = (level: (typeof LEVELS)[number]) => t(`incidentProcess.priorityMatrix.level.${level}`);
  const options = [1, 2, 3, 4, 5].map((p) => ({ value: p, label: labels.priority(p) }));

  const columns: TableColumnsType<Row> = [
    {
      key: 'impact',
      title: `${t('incidentProcess.priorityMatrix.impact')} \\ ${t('incidentProcess.priorityMatrix.urgency')}`,
      render: (_, row) => <Typography.Text strong>{levelLabel(row.impact)}</Typography.Text>,
    },
    ...LEVELS.map((urgency, j) => ({
      key: `u${urgency}`,
      title: `${t('incidentProcess.priorityMatrix.urgency')} ${levelLabel(urgency)}`,
      render: (_: unknown, row: Row, i: number) => {
        const value = row.cells[j] ?? 1;
        return canEdit ? (
          <Select
            value={value}
            options={options}
            style={{ minWidth: 140 }}
            onChange={(v) => setCell(i, j, v)}
            aria-label={`${levelLabel(row.impact)} × ${levelLabel(urgency)}`}
            data-testid={`matrix-cell-${i + 1}-${j + 1}`}
          />
        ) : (
          <PriorityTag priority={value} />
        );
      },
    })),
  ];
  const rows: Row[] = matrix ? LEVELS.map((impact, i) => ({ impact, cells: matrix[i] ?? [] })) : [];

  return (
    <>
      <PageHeader
        title={t('incidentProcess.priorityMatrix.title')}
        extra={
          canEdit && (
            <>
              <Button disabled={!draft} onClick={() => setDraft(null)}>
                {t('incidentProcess.priorityMatrix.reset')}
              </Button>
              <Button
                type="primary"
                disabled={!draft}
                loading={save.isPending}
                onClick={() => draft && save.mutate(draft)}
                data-testid="save-matrix"
              >
                {t('incidentProcess.priorityMatrix.save')}
              </Button>
            </>
          )
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('incidentProcess.priorityMatrix.intro')}
          </Typography.Paragraph>
          {!canEdit && <Alert type="info" showIcon title={t('incidentProcess.priorityMatrix.readOnly')} />}
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
          <Table<Row>
            rowKey="impact"
            columns={columns}
            dataSource={rows}
            loading={query.isLoading}
            pagination={false}
            scroll={{ x: true }}
            data-testid="priority-matrix"
          />
        </Flex>
      </Card>
      <AutoCloseCard />
    </>
  );
}
