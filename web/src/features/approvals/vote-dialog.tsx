import { Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session';
import { type ApprovalTarget, useVote } from './use-approvals';

export type Decision = 'approve' | 'reject';
/** Someone the caller may vote as: themselves, or an approver who delegated to them. */
export type VoteAs = { id: number; name: string };
export type VoteTarget = { target: ApprovalTarget; requestId: number; title: string; decision: Decision; voteAs: VoteAs[] };

type Values = { comment: string; voteAs: number };

/** Approve or reject one request, with a comment (required to reject) and, for a delegate, whom the vote is for. */
export function VoteDialog({ vote, onClose }: { vote: VoteTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const cast = useVote();
  const choices = vote?.voteAs ?? [];
  const first = choices.find((c) => c.id === me.id)?.id ?? choices[0]?.id ?? me.id;
  const onlyOther = choices.length === 1 && choices[0]?.id !== me.id ? choices[0] : undefined;
  const reject = vote?.decision === 'reject';

  const submit = (values: Values) => {
    if (!vote) return;
    const onBehalfOf = values.voteAs === me.id ? undefined : values.voteAs;
    cast.mutate(
      { target: vote.target, requestId: vote.requestId, vote: { decision: vote.decision, comment: values.comment.trim(), onBehalfOf } },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal
      open={vote !== null}
      onCancel={onClose}
      destroyOnHidden
      title={vote ? t(`engine.approvals.voteTitles.${vote.decision}`, { title: vote.title }) : ''}
      okText={reject ? t('engine.approvals.reject') : t('engine.approvals.approve')}
      okButtonProps={{ danger: reject, loading: cast.isPending, 'data-testid': 'vote-submit' }}
      onOk={() => form.submit()}
    >
      <Form<Values> form={form} layout="vertical" initialValues={{ comment: '', voteAs: first }} onFinish={submit} data-testid="vote-form">
        {choices.length > 1 ? (
          <Form.Item name="voteAs" label={t('engine.approvals.voteAs')}>
            <Select
              options={choices.map((c) => ({ value: c.id, label: c.id === me.id ? t('engine.approvals.yourself') : c.name }))}
              data-testid="vote-as"
            />
          </Form.Item>
        ) : (
          onlyOther && (
            <Typography.Paragraph type="secondary" data-testid="vote-on-behalf">
              {t('engine.approvals.onBehalfOf', { name: onlyOther.name })}
            </Typography.Paragraph>
          )
        )}
        <Form.Item
          name="comment"
          label={reject ? t('engine.approvals.comment') : t('engine.approvals.commentOptional')}
          rules={reject ? [{ required: true, whitespace: true, message: t('engine.approvals.commentRequired') }] : []}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={4000} data-testid="vote-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
