import { describe, expect, it } from 'vitest';
import { LINK_REL, mentionsIn, renderMarkdown, safeUrl } from './markdown.js';

/** Every attribute of every tag the renderer produced, so a test can say "no event handler anywhere". */
function tags(html: string): string[] {
  return [...html.matchAll(/<([a-z0-9]+)([^>]*)>/gi)].map((m) => `${m[1]}${m[2]}`);
}

function expectInert(html: string): void {
  for (const tag of tags(html)) {
    expect(tag).not.toMatch(/^(script|iframe|object|embed|svg|math|style|form|input|img|video|audio|base|meta|link)\b/i);
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/(href|src)="\s*(javascript|vbscript|data|file):/i);
  }
}

describe('renderMarkdown', () => {
  it('renders ordinary markdown and Chinese text', () => {
    const html = renderMarkdown('已联系供应商，**明天**上门\n\n- 更换 UPS 电池\n- `ipconfig /all`');
    expect(html).toContain('<p>已联系供应商，<strong>明天</strong>上门</p>');
    expect(html).toContain('<li>更换 UPS 电池</li>');
    expect(html).toContain('<code>ipconfig /all</code>');
  });

  it('keeps single line breaks, as people write comments', () => {
    expect(renderMarkdown('第一行\n第二行')).toBe('<p>第一行<br>\n第二行</p>\n');
  });

  it('shows a script tag as text', () => {
    const html = renderMarkdown('hello <script>alert(1)</script>');
    expect(html).toBe('<p>hello &lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
    expectInert(html);
  });

  it('shows raw HTML blocks, event handlers and SVG as text', () => {
    for (const payload of [
      '<img src=x onerror=alert(1)>',
      '<div onmouseover="alert(1)">hover</div>',
      '<svg onload=alert(1)><circle r="1"/></svg>',
      '<svg><script>alert(1)</script></svg>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '<a href="javascript:alert(1)">x</a>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
      '<style>body{display:none}</style>',
    ]) {
      const html = renderMarkdown(payload);
      expectInert(html);
      expect(html).toContain('&lt;');
    }
  });

  it('drops javascript:, vbscript:, data: and file: link targets, however they are spelled', () => {
    for (const target of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      '&#106;avascript:alert(1)',
      '&#x6A;avascript&colon;alert(1)',
      'javascript&#58;alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative',
    ]) {
      const html = renderMarkdown(`[x](${target})`);
      expect(html, target).not.toContain('<a');
      expectInert(html);
    }
  });

  it('refuses the same targets in reference links and angle-bracket autolinks', () => {
    expectInert(renderMarkdown('[x][a]\n\n[a]: javascript:alert(1)'));
    expect(renderMarkdown('[x][a]\n\n[a]: javascript:alert(1)')).not.toContain('<a');
    expect(renderMarkdown('<javascript:alert(1)>')).not.toContain('<a');
    expect(renderMarkdown('<data:text/html,<script>alert(1)</script>>')).not.toContain('<a');
  });

  it('opens web and mail links in a new tab without the opener or referrer', () => {
    const html = renderMarkdown('[文档](https://example.com/a?b=1&c=2) and <mailto:ops@example.com>');
    expect(html).toContain(`<a href="https://example.com/a?b=1&amp;c=2" rel="${LINK_REL}" target="_blank">文档</a>`);
    expect(html).toContain(`<a href="mailto:ops@example.com" rel="${LINK_REL}" target="_blank">mailto:ops@example.com</a>`);
  });

  it('links bare URLs and email addresses, also next to Chinese text', () => {
    const html = renderMarkdown('请访问 https://example.com/status。或写信给 ops@example.com');
    expect(html).toContain(`<a href="https://example.com/status" rel="${LINK_REL}" target="_blank">https://example.com/status</a>。`);
    expect(html).toContain(`<a href="mailto:ops@example.com" rel="${LINK_REL}" target="_blank">ops@example.com</a>`);
  });

  it('cannot break out of an attribute with quotes in a URL', () => {
    const html = renderMarkdown('[x](https://example.com/"onmouseover="alert(1))');
    expectInert(html);
    expect(html).not.toContain('" onmouseover');
  });

  it('does not load remote images: it links to them with the alt text', () => {
    const html = renderMarkdown('![监控截图](https://tracker.example/pixel.png)');
    expect(html).toBe(
      `<p><a class="md-image-link" href="https://tracker.example/pixel.png" rel="${LINK_REL}" target="_blank">监控截图</a></p>\n`,
    );
    expect(html).not.toContain('<img');
  });

  it('names the address of an image without alt text, and escapes alt text', () => {
    expect(renderMarkdown('![](https://example.com/a.png)')).toContain('>https://example.com/a.png</a>');
    const html = renderMarkdown('![<img src=x onerror=alert(1)>](https://example.com/a.png)');
    expectInert(html);
  });

  it('never turns data: or javascript: images into anything', () => {
    for (const src of [
      'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
      'data:image/png;base64,iVBORw0KGgo=',
      'javascript:alert(1)',
    ]) {
      const html = renderMarkdown(`![x](${src})`, { allowRemoteImages: true });
      expect(html, src).not.toContain('<img');
      expect(html, src).not.toContain('<a');
    }
  });

  it('shows remote images when allowed, without a referrer', () => {
    const html = renderMarkdown('![图](https://example.com/a.png "t")', { allowRemoteImages: true });
    expect(html).toContain('<img src="https://example.com/a.png" alt="图" title="t" loading="lazy" referrerpolicy="no-referrer">');
  });

  it('decodes entities as text, never as markup', () => {
    const html = renderMarkdown('&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expectInert(html);
  });

  it('keeps code as text', () => {
    const html = renderMarkdown('```html\n<script>alert(1)</script>\n```');
    expect(html).toContain('&lt;script&gt;');
    expectInert(html);
  });
});

describe('mentions', () => {
  it('renders @username as a mention, also inside Chinese text', () => {
    expect(renderMarkdown('请 @li.wei 处理')).toBe('<p>请 <span class="mention" data-mention="li.wei">@li.wei</span> 处理</p>\n');
    expect(renderMarkdown('请@li.wei处理。')).toContain('<span class="mention" data-mention="li.wei">@li.wei</span>处理。');
  });

  it('ends a mention before trailing punctuation and leaves email addresses alone', () => {
    expect(renderMarkdown('Thanks @zhang_san.')).toContain('data-mention="zhang_san">@zhang_san</span>.');
    expect(renderMarkdown('write to li.wei@example.com')).not.toContain('mention');
    expect(renderMarkdown('just an @ sign')).not.toContain('mention');
  });

  it('lists each mentioned username once, ignoring code and escaped @', () => {
    expect(mentionsIn('@li.wei and @wang-fang, again @li.wei; `@not.me` \\@nor.me\n\n    @code.block')).toEqual(['li.wei', 'wang-fang']);
  });
});

describe('safeUrl', () => {
  it('allows http, https and mailto only', () => {
    expect(safeUrl('https://example.com')).toBe(true);
    expect(safeUrl('HTTP://example.com')).toBe(true);
    expect(safeUrl('mailto:a@example.com')).toBe(true);
    expect(safeUrl('javascript:alert(1)')).toBe(false);
    expect(safeUrl('data:text/html,x')).toBe(false);
    expect(safeUrl('ftp://example.com')).toBe(false);
  });
});
