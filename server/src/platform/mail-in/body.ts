/** The longest description or comment Keel stores (the API's own limit). */
export const MAX_BODY = 50_000;

/** Link targets html-to-text writes in brackets after a link's text; only web and mail links are worth keeping. */
const UNSAFE_HREF = /\s?\[(?!https?:\/\/|mailto:)[a-z][a-z0-9+.-]*:[^\]\s]*\]/gi;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The text Keel stores for a mail body. mailparser gives the text/plain part as written or,
 * for an HTML-only mail, text made from the HTML with scripts and styles left out; nothing
 * of the HTML itself is ever stored. Bodies are markdown to Keel and rendered with raw HTML
 * disabled, so text that looks like a tag stays text.
 */
export function bodyText(text: string | undefined): string {
  const clean = (text ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .replace(UNSAFE_HREF, '')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return clean.length > MAX_BODY ? `${clean.slice(0, MAX_BODY - 1)}…` : clean;
}

/** Where the quoted earlier message starts in a reply: "On … wrote:", "在 … 写道：", Outlook's separator. */
const QUOTE_HEADER = /^(?:On .{1,200} wrote:|在.{1,200}写道[:：]|-{2,}\s*(?:Original Message|原始邮件)\s*-{2,}|_{10,}|From: .+)$/im;

/**
 * A reply without the earlier mail it quotes, so the journal does not repeat itself at every
 * answer. The whole text is kept when cutting would leave nothing.
 */
export function replyText(body: string): string {
  const header = QUOTE_HEADER.exec(body);
  let cut = header ? body.slice(0, header.index) : body;
  const lines = cut.split('\n');
  while (lines.length > 0 && (lines.at(-1)?.startsWith('>') || lines.at(-1)?.trim() === '')) lines.pop();
  cut = lines.join('\n').trim();
  return cut === '' ? body : cut;
}
