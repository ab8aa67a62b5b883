import { type Agreement, agreementSchema, recordAgreementReviewSchema } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiSend, etagFor } from '../../app/api';
import { useShowError } from '../../app/errors';
import { useRules } from '../../app/form-rules';

/** The service owner (or a service manager) records a review; the next review date moves on. */
export function ReviewDialog({ agreement, onClose }: { agreement: Agreement | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const rules = useRules();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ notes: string }>();
  const save = useMutation({
    mutationFn: (notes: string) =>
      apiSend('POST', `/agreements/${agreement?.id}/reviews`, agreementSchema, {
        body: { notes: notes.trim() },
        etag: agreement ? etagFor(agreement.version) : undefined,
      }),
    onSuccess: async (saved) => {
      void message.success(t('catalogue.agreements.reviewSaved', { date: saved.nextReviewAt.slice(0, 10) }));
      onClose();
      await queryClient.invalidateQueries({ queryKey: ['/agreements'] });
    },
    onError: (error) => showError(error, form),
  });
  return (
    <Modal
      open={agreement !== null}
      title={agreement ? t('catalogue.agreements.reviewTitle', { name: agreement.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'save-review' }}
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v.notes)}>
        <Form.Item
          name="notes"
          label={t('catalogue.agreements.reviewNotes')}
          rules={[rules.required, rules.schema(recordAgreementReviewSchema.shape.notes)]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} data-testid="review-notes" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
