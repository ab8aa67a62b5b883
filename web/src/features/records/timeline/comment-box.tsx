import { addCommentSchema, journalEntrySchema } from '@keel/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Form, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiSend, newIdempotencyKey } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useRules } from '../../../app/form-rules';
import { useMe } from '../../../app/session';
import { MarkdownEditor } from '../../../components/markdown-editor';

type Values = { body: string; internal: boolean };

/** Writes a comment, or (staff only) an internal work note that customers never see. */
export function CommentBox({ path, journalPath, recordKey }: { path: string; journalPath: string; recordKey: readonly string[] }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const showError = useShowError();
  const rules = useRules();
  const queryClient = useQueryClient();
  const staff = useMe().kind === 'staff';
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  // Remounting the editor after posting clears it and returns it to the "write" tab.
  const [round, setRound] = useState(0);

  const post = useMutation({
    mutationFn: (values: Values) =>
      apiSend('POST', path, journalEntrySchema, {
        body: { body: values.body, internal: staff && values.internal },
        idempotencyKey,
      }),
    onSuccess: async () => {
      void message.success(t('records.timeline.posted'));
      form.resetFields();
      setRound((n) => n + 1);
      setIdempotencyKey(newIdempotencyKey());
      // A comment moves the record's "updated" time (not its version): refresh both.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [journalPath] }),
        queryClient.invalidateQueries({ queryKey: recordKey, exact: true }),
      ]);
    },
    onError: (error) => {
      showError(error, form);
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) setIdempotencyKey(newIdempotencyKey());
    },
  });

  return (
    <Form<Values>
      form={form}
      name="comment"
      initialValues={{ body: '', internal: false }}
      onFinish={(values) => post.mutate(values)}
      data-testid="comment-form"
    >
      <Form.Item name="body" rules={[rules.required, rules.schema(addCommentSchema.shape.body)]} style={{ marginBottom: 8 }}>
        <MarkdownEditor key={round} minRows={3} placeholder={t('records.timeline.placeholder')} testId="comment-body" />
      </Form.Item>
      <Flex justify="space-between" align="center" wrap gap={8}>
        {staff ? (
          <Form.Item
            name="internal"
            valuePropName="checked"
            label={t('records.timeline.internalSwitch')}
            colon={false}
            style={{ margin: 0 }}
          >
            <Switch data-testid="comment-internal" />
          </Form.Item>
        ) : (
          <span />
        )}
        <Button type="primary" htmlType="submit" loading={post.isPending} data-testid="comment-post">
          {t('records.timeline.post')}
        </Button>
      </Flex>
    </Form>
  );
}
