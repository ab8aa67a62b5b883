import { type Organisation, type User, userSchema } from '@keel/shared';
import { Drawer, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../app/use-is-phone';
import { CursorTable } from '../../../components/cursor-table';
import { useCursorList } from '../../../components/use-cursor-list';

type Props = { organisation: Organisation | null; onClose: () => void };

export function OrganisationPeople({ organisation, onClose }: Props) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Drawer
      open={organisation !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 640}
      destroyOnHidden
      title={organisation ? t('organisations.peopleTitle', { name: organisation.name }) : ''}
    >
      {organisation && <PeopleTable organisationId={organisation.id} />}
    </Drawer>
  );
}

function PeopleTable({ organisationId }: { organisationId: number }) {
  const { t } = useTranslation();
  const list = useCursorList(`/organisations/${organisationId}/users`, { limit: 50 }, userSchema);
  const columns = [
    { key: 'username', title: t('users.username'), dataIndex: 'username' },
    { key: 'displayName', title: t('users.displayName'), dataIndex: 'displayName' },
    {
      key: 'kind',
      title: t('users.kind'),
      render: (_: unknown, user: User) => <Tag>{t(`users.kinds.${user.kind}`)}</Tag>,
    },
    { key: 'email', title: t('users.email'), render: (_: unknown, user: User) => user.email ?? '' },
  ];
  return <CursorTable<User> list={list} columns={columns} size="small" emptyText={t('organisations.noPeople')} />;
}
