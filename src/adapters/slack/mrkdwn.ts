/**
 * Converting the engine's light markdown (**bold**, `code`, [label](url)) to Slack's mrkdwn, and to the
 * plain text of a message's `text` fallback. Slack treats `&`, `<` and `>` as control characters, so
 * they are escaped in everything we send: user-derived text can never form a mention or a link.
 */

const CODE_SPAN = /(`[^`\n]*`)/;
const BOLD = /\*\*([^*\n]+?)\*\*/g;
const LINK = /\[([^\]\n]{1,500})\]\(([^)\s]{1,2000})\)/g;
const SAFE_URL = /^(https?:\/\/|mailto:)/i;
const ELLIPSIS = '…';

/** Escapes Slack's three control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Light markdown to mrkdwn; code spans are left as they are (their content escaped only). */
export function markdownToMrkdwn(markdown: string): string {
  return escapeMrkdwn(markdown)
    .split(CODE_SPAN)
    .map((part, i) => (i % 2 === 1 ? part : convertOutsideCode(part)))
    .join('');
}

function convertOutsideCode(text: string): string {
  return text
    .replace(BOLD, (_m, inner: string) => `*${inner}*`)
    .replace(LINK, (_m, label: string, url: string) =>
      SAFE_URL.test(url)
        ? `<${url.replace(/\|/g, '%7C')}|${label.replace(/\|/g, '/')}>`
        : `${label} (${url})`,
    );
}

/** Light markdown to plain text (escaped): for the `text` fallback. */
export function markdownToPlain(markdown: string): string {
  return escapeMrkdwn(
    markdown
      .replace(BOLD, '$1')
      .replace(LINK, (_m, label: string, url: string) => `${label} (${url})`)
      .replace(/`([^`\n]*)`/g, '$1'),
  );
}

/** Cuts text to `max` characters, ending with an ellipsis when something was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - ELLIPSIS.length))}${ELLIPSIS}`;
}

/**
 * Splits text into pieces of at most `max` characters, at line breaks where possible. An escape
 * entity (`&amp;`) is never cut in half.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = safeCut(rest, max);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function safeCut(text: string, max: number): number {
  const amp = text.lastIndexOf('&', max);
  return amp > max - 6 && amp > 0 ? amp : max;
}
