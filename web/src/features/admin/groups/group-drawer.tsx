import { type CreateGroup, createGroupSchema, type Group, pageSchema, userSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiGet, apiSendVoid, etagFor, newIdempotencyKey, withQuery } from '../../../app/api';
import { useRules } from '../../../app/form-rules';
import { useSaveRecord } from '../../../app/use-save-record';
import { FormDrawer } from '../../../components/form-drawer';
import { type UserOption, UserSelect, userOption } from '../../../components/user-select';

type Values = { name: string; description: string; email: string; leadId: number | null; memberIds: number[] };
type Props = { target: Group | 'new' | null; onClose: () => void };

const MEMBER_LIMIT = 200;

export function GroupDrawer({ target, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const rules = useRules();
  const group = target === 'new' ? null : target;
  const shape = createGroupSchema.shape;
  // Member ids alone cannot be shown; fetch their names once for the picker.
  const members = useQuery({
    queryKey: ['/users', { groupId: group?.id, limit: MEMBER_LIMIT }],
    queryFn: ({ signal }) => apiGet(withQuery('/users', { groupId: group?.id, limit: MEMBER_LIMIT }), pageSchema(userSchema), { signal }),
    enabled: group !== null,
  });
  // Later entries win: members carry "name (username)", the lead only its name.
  const known: UserOption[] = [
    ...(group?.leadId && group.leadName ? [{ value: group.leadId, label: group.leadName }] : []),
    ...(members.data?.items.map(userOption) ?? []),
  ];

  const save = useSaveRecord({
    collection: '/groups',
    isNew: !group,
    form,
    onClose,
    send: (values: Values) => {
      const body: CreateGroup = {
        name: values.name.trim(),
        description: values.description,
        email: values.email.trim() === '' ? null : values.email.trim(),
        leadId: values.leadId ?? null,
        memberIds: values.memberIds,
      };
      if (!group) return apiSendVoid('POST', '/groups', { body, idempotencyKey: newIdempotencyKey() });
      return apiSendVoid('PATCH', `/groups/${group.id}`, { body, etag: etagFor(group.version) });
    },
  });

  const initialValues: Values = {
    name: group?.name ?? '',
    description: group?.description ?? '',
    email: group?.email ?? '',
    leadId: group?.leadId ?? null,
    memberIds: group?.memberIds ?? [],
  };

  return (
    <FormDrawer
      open={target !== null}
      onClose={onClose}
      title={group ? t('groups.editTitle', { name: group.name }) : t('groups.new')}
      saving={save.isPending}
      onSave={() => form.submit()}
      saveTestId="save-group"
    >
      {group && members.isPending ? (
        <Spin />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          scrollToFirstError
          initialValues={initialValues}
          onFinish={(values) => save.mutate(values)}
        >
          <Form.Item name="name" label={t('groups.name')} rules={[rules.required, rules.schema(shape.name)]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="description" label={t('groups.description')} rules={[rules.schema(shape.description)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
          </Form.Item>
          <Form.Item name="email" label={t('groups.email')} rules={[rules.schema(shape.email)]}>
            <Input type="email" autoComplete="off" />
          </Form.Item>
          <Form.Item name="leadId" label={t('groups.lead')}>
            <UserSelect known={known} testId="group-lead" />
          </Form.Item>
          <Form.Item name="memberIds" label={t('groups.members')}>
            <UserSelect multiple known={known} testId="group-members" />
          </Form.Item>
        </Form>
      )}
    </FormDrawer>
  );
}
