import { SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Input, type InputRef, Popover, Spin, Typography } from 'antd';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useIsPhone } from '../../app/use-is-phone';
import { useDebounced } from '../../components/use-debounced';
import { SearchHitLine } from './search-hit';
import { groupByType, hitPath, useSearch, useTypeLabel } from './use-search';

const LIMIT = 8;

/** Typing in a field, or with a modifier held, is not the `/` shortcut. */
function isTyping(event: globalThis.KeyboardEvent): boolean {
  const target = event.target;
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export const searchPagePath = (q: string) => `/search?${new URLSearchParams({ q })}`;

/**
 * The header's search: results grouped by type as you type, arrows to move, Enter to open
 * the highlighted one or the full results page; `/` anywhere focuses it.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  const input = useRef<InputRef>(null);
  const listId = useId();
  const [text, setText] = useState('');
  const [focused, setFocused] = useState(false);
  const [active, setActive] = useState(-1);
  const q = useDebounced(text.trim(), 250);
  const search = useSearch(q, { limit: LIMIT });
  const typeLabel = useTypeLabel();
  const hits = q === '' ? [] : (search.data?.items ?? []);
  const groups = groupByType(hits);
  const ordered = groups.flatMap((g) => g.hits);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== '/' || isTyping(event)) return;
      event.preventDefault();
      input.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  if (isPhone) {
    return (
      <Button
        type="text"
        icon={<SearchOutlined style={{ fontSize: 18 }} />}
        aria-label={t('lists.search.open')}
        onClick={() => void navigate('/search')}
        data-testid="header-search-link"
      />
    );
  }

  const done = () => {
    setText('');
    setActive(-1);
    input.current?.blur();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => Math.max(-1, Math.min(ordered.length - 1, i + step)));
    } else if (event.key === 'Enter' && text.trim() !== '') {
      const hit = ordered[active];
      void navigate(hit ? hitPath(hit) : searchPagePath(text.trim()));
      done();
    } else if (event.key === 'Escape') {
      input.current?.blur();
    }
  };

  const panel = (
    // Clicks inside keep the focus in the box, so the panel stays until a link is followed.
    <div
      id={listId}
      role="listbox"
      aria-label={t('lists.search.results')}
      style={{ width: 420, maxWidth: 'calc(100vw - 32px)', maxHeight: 480, overflowY: 'auto' }}
      onMouseDown={(e) => e.preventDefault()}
      data-testid="header-search-results"
    >
      {hits.length === 0 && (text.trim() !== q || search.isFetching) ? (
        <Spin style={{ display: 'block', margin: 16 }} />
      ) : hits.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('lists.search.noResults')} />
      ) : (
        groups.map((group) => (
          <div key={group.type}>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', padding: '4px 8px' }}>
              {typeLabel(group.type)}
            </Typography.Text>
            {group.hits.map((hit) => {
              const index = ordered.indexOf(hit);
              return (
                <Link
                  key={`${hit.type}-${hit.number}`}
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  to={hitPath(hit)}
                  onClick={done}
                  className="keel-search-option"
                  tabIndex={-1}
                >
                  <SearchHitLine hit={hit} />
                </Link>
              );
            })}
          </div>
        ))
      )}
      {search.data?.partial && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 8 }} data-testid="search-partial">
          {t('lists.search.partial')}
        </Typography.Paragraph>
      )}
      {q !== '' && (
        <Link to={searchPagePath(q)} onClick={done} className="keel-search-option" tabIndex={-1} data-testid="search-all">
          {t('lists.search.all', { q })}
        </Link>
      )}
    </div>
  );

  return (
    <Popover open={focused && text.trim() !== ''} content={panel} placement="bottomRight" arrow={false} trigger={[]}>
      <Input
        ref={input}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
        }}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={onKeyDown}
        prefix={<SearchOutlined />}
        suffix={<kbd className="keel-kbd">/</kbd>}
        placeholder={t('lists.search.short')}
        aria-label={t('lists.search.placeholder')}
        role="combobox"
        aria-expanded={focused && text.trim() !== ''}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        maxLength={200}
        allowClear
        style={{ width: 240 }}
        data-testid="header-search"
      />
    </Popover>
  );
}
