/**
 * Slack sends message text in its own markup: `&`, `<`, `>` escaped, links as `<url|label>`, mentions
 * as `<@U123>`. The engine wants what the user typed, so this turns Slack markup back into plain text
 * (a pasted `curl https://…` or `Authorization: <token>` must reach the engine as written).
 */

const ANGLE_TOKEN = /<([^<>\n]{1,3000})>/g;

/** Slack message text to plain text, with mentions of the bot removed. */
export function slackTextToPlain(text: string, botUserId?: string): string {
  return text
    .replace(ANGLE_TOKEN, (_m, inner: string) => angleTokenToPlain(inner, botUserId))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

function angleTokenToPlain(inner: string, botUserId: string | undefined): string {
  const [target = '', label] = inner.split('|', 2);
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return id === botUserId ? '' : `@${label ?? id}`;
  }
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) return `@${label ?? target.slice(1).split('^')[0]}`;
  // a link: Slack shows the label, which is the URL the user typed unless they named it
  return label ?? target.replace(/^mailto:/, '');
}

/** True when the text mentions this user (`<@U123>` or `<@U123|name>`). */
export function mentions(text: string, userId: string): boolean {
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`);
}
