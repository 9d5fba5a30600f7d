/** What a person sees of a stored Slack message, as plain text: block texts in order, mrkdwn undone. */
import type { StoredMessage } from './fake-slack-api.ts';

export function visibleText(message: Pick<StoredMessage, 'text' | 'blocks'>): string {
  if (!message.blocks || message.blocks.length === 0) return unMrkdwn(message.text);
  return message.blocks.flatMap(blockTexts).map(unMrkdwn).join('\n');
}

function blockTexts(block: unknown): string[] {
  const b = block as {
    type?: string;
    text?: { text?: string };
    elements?: { type?: string; text?: unknown }[];
  };
  if (b.type === 'header' || b.type === 'section') return b.text?.text ? [b.text.text] : [];
  if (b.type === 'context') {
    return (b.elements ?? []).flatMap((e) => (typeof e.text === 'string' ? [e.text] : []));
  }
  return [];
}

/** Slack markup to what is displayed: links show their label, entities decoded. */
export function unMrkdwn(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]+)>/g, '$2')
    .replace(/<([^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
