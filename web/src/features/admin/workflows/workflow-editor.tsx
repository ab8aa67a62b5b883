import type { WorkflowDocument } from '@keel/shared';
import { Alert, App, Button, Flex, Input, Popconfirm, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../app/api';
import { useShowError } from '../../../app/errors';
import { useLocale } from '../../../app/i18n';
import { useWorkflowWrites } from './use-workflow-document';
import { WorkflowDiagram } from './workflow-diagram';
import { checkDraft, draftText, strandedStates } from './workflow-draft';

type Refusal = { kind: 'problems'; messages: string[] } | { kind: 'stranded'; states: string[] } | { kind: 'stale' };

/**
 * The workflow as JSON, checked against the contract as it is typed; Save sends it with
 * If-Match and shows the server's own problems (400), the states records still sit in
 * (409) or that someone else saved first (412).
 */
export function WorkflowEditor({ doc }: { doc: WorkflowDocument }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const showError = useShowError();
  const original = useMemo(() => draftText(doc.workflow), [doc.workflow]);
  const [text, setText] = useState(original);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const { save, reset, reload } = useWorkflowWrites(doc);
  const check = useMemo(() => checkDraft(text), [text]);
  const changed = text !== original;

  const refused = (error: Error) => {
    if (!(error instanceof ApiError)) return showError(error);
    if (error.status === 400 && error.errors.length > 0)
      return setRefusal({ kind: 'problems', messages: error.errors.map((e) => e.message) });
    if (error.status === 409) return setRefusal({ kind: 'stranded', states: strandedStates(error.errors) });
    if (error.status === 412) return setRefusal({ kind: 'stale' });
    showError(error);
  };
  const stateName = (key: string) => {
    const label = doc.workflow.states.find((s) => s.key === key)?.label[locale];
    return label ? `${label} (${key})` : key;
  };

  return (
    <div data-testid="workflow-editor">
      <Typography.Paragraph type="secondary">{t('engine.admin.workflows.editorHelp')}</Typography.Paragraph>
      <Input.TextArea
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setRefusal(null);
        }}
        autoSize={{ minRows: 12, maxRows: 32 }}
        spellCheck={false}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
        aria-label={t('engine.admin.workflows.editor')}
        data-testid="workflow-json"
      />
      <div style={{ margin: '12px 0' }} data-testid="workflow-check">
        {check.ok ? (
          <Typography.Text type="success">{t('engine.admin.workflows.valid')}</Typography.Text>
        ) : check.jsonError !== null ? (
          <Typography.Text type="danger">{t('engine.admin.workflows.notJson', { message: check.jsonError })}</Typography.Text>
        ) : (
          <Alert
            type="error"
            title={t('engine.admin.workflows.problems')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {check.issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>
                    <Typography.Text code>{i.path || '/'}</Typography.Text> {i.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
      </div>
      {refusal?.kind === 'problems' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('engine.admin.workflows.problems')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {refusal.messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
          data-testid="workflow-problems"
        />
      )}
      {refusal?.kind === 'stranded' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="workflow-stranded"
          title={
            refusal.states.length > 0
              ? t('engine.admin.workflows.stranded', {
                  states: refusal.states.map(stateName).join(', '),
                })
              : t('engine.admin.workflows.strandedUnknown')
          }
        />
      )}
      {refusal?.kind === 'stale' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('engine.admin.workflows.stale')}
          action={
            <Button size="small" type="primary" loading={reload.isPending} onClick={() => reload.mutate()}>
              {t('records.reload')}
            </Button>
          }
        />
      )}
      <Flex wrap gap={8}>
        <Button
          type="primary"
          disabled={!check.ok || !changed}
          loading={save.isPending}
          onClick={() =>
            check.ok &&
            save.mutate(check.workflow, {
              onSuccess: () => void message.success(t('engine.admin.workflows.saved')),
              onError: refused,
            })
          }
          data-testid="save-workflow"
        >
          {t('engine.admin.workflows.save')}
        </Button>
        <Button disabled={!changed} onClick={() => setText(original)}>
          {t('engine.admin.workflows.revert')}
        </Button>
        <Popconfirm
          title={t('engine.admin.workflows.resetConfirm')}
          onConfirm={() =>
            reset.mutate(undefined, {
              onSuccess: () => void message.success(t('engine.admin.workflows.resetDone')),
              onError: refused,
            })
          }
        >
          <Button danger disabled={doc.isDefault} loading={reset.isPending} data-testid="reset-workflow">
            {t('engine.admin.workflows.reset')}
          </Button>
        </Popconfirm>
      </Flex>
      {check.ok && changed && (
        <div style={{ marginTop: 16 }}>
          <WorkflowDiagram workflow={check.workflow} />
        </div>
      )}
    </div>
  );
}
