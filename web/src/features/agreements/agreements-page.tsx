import { AuditOutlined, EditOutlined } from '@ant-design/icons';
import { AGREEMENT_KINDS, type Agreement, type AgreementKind, type AgreementStatus, agreementSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { apiGet } from '../../app/api';
import { useFormatDateTime } from '../../app/format';
import { useCan, useMe } from '../../app/session';
import { CursorTable } from '../../components/cursor-table';
import { NewButton, SearchBox } from '../../components/list-controls';
import { PageHeader } from '../../components/page-header';
import { useCursorList } from '../../components/use-cursor-list';
import { useDrawerTarget } from '../../components/use-drawer-target';
import { AgreementDrawer } from './agreement-drawer';
import { ReviewDialog } from './review-dialog';

const STATUS_COLOURS: Record<AgreementStatus, string> = { draft: 'default', active: 'green', expired: 'red' };

export function AgreementsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canManage = useCan('services.manage');
  const formatDate = useFormatDateTime();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<AgreementKind | undefined>(undefined);
  const editing = useDrawerTarget<Agreement | 'new'>();
  const [reviewing, setReviewing] = useState<Agreement | null>(null);
  const list = useCursorList('/agreements', { limit: 50, sort: 'nextReviewAt', q, kind }, agreementSchema);
  // A reminder links to /agreements/AGR-<id>: open that agreement's review (or its form).
  const { number } = useParams();
  const linkedId = number?.startsWith('AGR-') ? Number(number.slice(4)) : null;
  const linked = useQuery({
    queryKey: ['/agreements', linkedId],
    queryFn: ({ signal }) => apiGet(`/agreements/${linkedId}`, agreementSchema, { signal }),
    enabled: linkedId !== null && Number.isInteger(linkedId),
  });
  useEffect(() => {
    if (linked.data) setReviewing(linked.data);
  }, [linked.data]);
  const mayReview = (a: Agreement) => canManage || a.ownerId === me.id;

  const columns = [
    { key: 'name', title: t('catalogue.agreements.name'), render: (_: unknown, a: Agreement) => a.name },
    { key: 'kind', title: t('catalogue.agreements.kind'), render: (_: unknown, a: Agreement) => t(`catalogue.agreements.kinds.${a.kind}`) },
    { key: 'service', title: t('catalogue.agreements.service'), render: (_: unknown, a: Agreement) => a.serviceName },
    {
      key: 'status',
      title: t('catalogue.agreements.status'),
      render: (_: unknown, a: Agreement) => <Tag color={STATUS_COLOURS[a.status]}>{t(`catalogue.agreements.statuses.${a.status}`)}</Tag>,
    },
    { key: 'next', title: t('catalogue.agreements.nextReviewAt'), render: (_: unknown, a: Agreement) => formatDate(a.nextReviewAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, a: Agreement) => (
        <Space size={4}>
          {canManage && (
            <Button size="small" icon={<EditOutlined />} onClick={() => editing.open(a)} data-testid={`edit-agreement-${a.id}`}>
              {t('common.edit')}
            </Button>
          )}
          {mayReview(a) && (
            <Button size="small" icon={<AuditOutlined />} onClick={() => setReviewing(a)} data-testid={`review-agreement-${a.id}`}>
              {t('catalogue.agreements.review')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('catalogue.agreements.title')}
        extra={
          <NewButton show={canManage} label={t('catalogue.agreements.new')} onClick={() => editing.open('new')} testId="new-agreement" />
        }
      />
      <Typography.Paragraph type="secondary">{t('catalogue.agreements.intro')}</Typography.Paragraph>
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <SearchBox placeholder={t('catalogue.agreements.searchPlaceholder')} onSearch={setQ} />
          <Select<AgreementKind | undefined>
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t('catalogue.agreements.anyKind')}
            value={kind}
            onChange={setKind}
            options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`catalogue.agreements.kinds.${k}`) }))}
          />
        </Space>
        <CursorTable<Agreement> list={list} columns={columns} testId="agreements-table" />
      </Card>
      <AgreementDrawer key={editing.key} target={editing.target} onClose={editing.close} />
      <ReviewDialog agreement={reviewing && mayReview(reviewing) ? reviewing : null} onClose={() => setReviewing(null)} />
    </>
  );
}
