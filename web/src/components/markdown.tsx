import { renderMarkdown } from '@keel/shared';
import { useMemo } from 'react';

/**
 * Shows user-written markdown. dangerouslySetInnerHTML is acceptable here and nowhere else:
 * renderMarkdown runs markdown-it with `html: false`, so raw tags arrive as escaped text,
 * link and image targets are limited to http(s)/mailto, and every attribute is escaped. No
 * HTML sanitiser is needed because no user HTML is ever passed through; the page's CSP
 * (no inline script) is the second line of defence.
 */
export function Markdown({ source, testId }: { source: string; testId?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  // biome-ignore lint/security/noDangerouslySetInnerHtml: the renderer's output is safe by construction (see above).
  return <div className="keel-markdown" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
