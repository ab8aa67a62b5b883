import { QuestionCircleOutlined } from '@ant-design/icons';
import { pageSchema, userSchema } from '@keel/shared';
import { useQuery } from '@tanstack/react-query';
import { Input, Mentions, Tabs, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiGet, withQuery } from '../app/api';
import { useCan } from '../app/session';
import { Markdown } from './markdown';
import { useDebounced } from './use-debounced';

type Props = {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  minRows?: number;
  testId?: string;
};

/** People to mention, found on the server as the user types after "@". */
function useMentionOptions(search: string, enabled: boolean) {
  const q = useDebounced(search, 200);
  const found = useQuery({
    queryKey: ['/users', { q, limit: 8, active: true, sort: 'displayName' }],
    queryFn: ({ signal }) =>
      apiGet(withQuery('/users', { q, limit: 8, active: true, sort: 'displayName' }), pageSchema(userSchema), { signal }),
    enabled,
  });
  return {
    loading: found.isFetching,
    options: (found.data?.items ?? []).map((u) => ({ value: u.username, label: `${u.displayName} (${u.username})` })),
  };
}

/**
 * A markdown textarea with a preview rendered exactly as the record page will show it.
 * Typing "@" suggests people when the user may read the directory; otherwise it is plain text.
 */
export function MarkdownEditor({ id, value = '', onChange, placeholder, minRows = 4, testId }: Props) {
  const { t } = useTranslation();
  const canFindPeople = useCan('users.read');
  const [search, setSearch] = useState('');
  const [mentioning, setMentioning] = useState(false);
  const people = useMentionOptions(search, canFindPeople && mentioning);
  const autoSize = { minRows, maxRows: 16 };

  const write = canFindPeople ? (
    <Mentions
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      prefix="@"
      autoSize={autoSize}
      placeholder={placeholder}
      options={people.options}
      loading={people.loading}
      // The server filters; the local filter would hide a match on the display name.
      filterOption={false}
      onSearch={(text) => {
        setMentioning(true);
        setSearch(text);
      }}
      data-testid={testId}
    />
  ) : (
    <Input.TextArea
      id={id}
      value={value}
      onChange={(e) => onChange?.(e.target.value)}
      autoSize={autoSize}
      placeholder={placeholder}
      data-testid={testId}
    />
  );

  return (
    <Tabs
      size="small"
      items={[
        { key: 'write', label: t('records.editor.write'), children: write },
        {
          key: 'preview',
          label: t('records.editor.preview'),
          children:
            value.trim() === '' ? (
              <Typography.Text type="secondary">{t('records.editor.nothingToPreview')}</Typography.Text>
            ) : (
              <div style={{ minHeight: minRows * 22 }}>
                <Markdown source={value} testId={testId && `${testId}-preview`} />
              </div>
            ),
        },
      ]}
      tabBarExtraContent={
        <Tooltip title={t('records.editor.hint')}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <QuestionCircleOutlined /> {t('records.editor.markdown')}
          </Typography.Text>
        </Tooltip>
      }
    />
  );
}
