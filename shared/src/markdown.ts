import markdownIt, { type MarkdownIt, type StateInline, type Token } from 'markdown-it';

/**
 * Markdown for descriptions and comments, rendered the same way in the browser and in
 * HTML mail. Safety comes from what the parser can produce, not from cleaning its output:
 * `html: false` turns every raw tag into escaped text, link and image targets must pass
 * `safeUrl`, and every attribute value goes through markdown-it's escaping. The output
 * therefore needs no HTML sanitiser; keep `html: false` if you touch this file.
 */
export type MarkdownOptions = {
  /** Show remote images inline. Off by default: loading them tells the sender who read the text and when. */
  allowRemoteImages?: boolean;
};

export const LINK_REL = 'noopener noreferrer nofollow';

/** Only web and mail links; `javascript:`, `data:`, `vbscript:`, `file:` and relative targets are dropped. */
export function safeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}

// A mention is "@" + a username, not preceded by a username character (so an email address is not one).
const MENTION_CHAR = /[A-Za-z0-9._@-]/;
const MENTION = /^@([A-Za-z0-9._-]*[A-Za-z0-9_-])/;

function mentionRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x40) return false;
  const before = state.pos > 0 ? state.src.charAt(state.pos - 1) : '';
  if (MENTION_CHAR.test(before)) return false;
  const match = MENTION.exec(state.src.slice(state.pos, state.posMax));
  const username = match?.[1];
  if (!match || !username) return false;
  if (!silent) {
    const token = state.push('mention', '', 0);
    token.content = username;
  }
  state.pos += match[0].length;
  return true;
}

function setLinkAttrs(token: Token | undefined): void {
  token?.attrSet('rel', LINK_REL);
  token?.attrSet('target', '_blank');
}

function create(allowRemoteImages: boolean): MarkdownIt {
  const md = markdownIt({ html: false, linkify: true, breaks: true, typographer: false });
  md.validateLink = safeUrl;
  md.inline.ruler.before('emphasis', 'mention', mentionRule);
  const { escapeHtml } = md.utils;

  md.renderer.rules.mention = (tokens, idx) => {
    const username = escapeHtml(tokens[idx]?.content ?? '');
    return `<span class="mention" data-mention="${username}">@${username}</span>`;
  };
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    setLinkAttrs(tokens[idx]);
    return self.renderToken(tokens, idx, options);
  };
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (!token) return '';
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const src = String(token.attrGet('src') ?? '');
    if (allowRemoteImages) {
      token.attrSet('alt', alt);
      token.attrSet('loading', 'lazy');
      token.attrSet('referrerpolicy', 'no-referrer');
      return self.renderToken(tokens, idx, options);
    }
    // A link the reader may choose to follow, instead of a request made on their behalf.
    return `<a class="md-image-link" href="${escapeHtml(src)}" rel="${LINK_REL}" target="_blank">${escapeHtml(alt || src)}</a>`;
  };
  return md;
}

const parsers = new Map<boolean, MarkdownIt>();

// Built on first use, so code that imports the contract without rendering does not pay for it.
function parser(allowRemoteImages: boolean): MarkdownIt {
  let md = parsers.get(allowRemoteImages);
  if (!md) {
    md = create(allowRemoteImages);
    parsers.set(allowRemoteImages, md);
  }
  return md;
}

/** Markdown source → HTML that is safe to insert into a page or a mail without further cleaning. */
export function renderMarkdown(source: string, options: MarkdownOptions = {}): string {
  return parser(options.allowRemoteImages === true).render(source);
}

/** The usernames mentioned in a text, once each, ignoring code spans and blocks (for notifications). */
export function mentionsIn(source: string): string[] {
  const found = new Set<string>();
  const visit = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'mention') found.add(token.content);
      if (token.children) visit(token.children);
    }
  };
  visit(parser(false).parse(source, {}));
  return [...found];
}
