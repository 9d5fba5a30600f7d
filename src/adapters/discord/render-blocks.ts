/** Reply blocks as Discord markdown, each piece redacted. */
import type { CodeSnippet, ReplyBlock, ReplyStep } from '../../engine/types.ts';
import { safe } from './safe-text.ts';

export function codeBlock(snippet: CodeSnippet): string {
  // a fence inside the code would close ours early
  const code = safe(snippet.code).replace(/```/g, '`\u200b``');
  return `\`\`\`${snippet.language}\n${code}\n\`\`\``;
}

export function stepText(step: ReplyStep, index: number): string {
  const head = `${index + 1}. ${safe(step.text)}`;
  return step.code ? `${head}\n${codeBlock(step.code)}` : head;
}

const bullets = (items: readonly string[]) => items.map((i) => `- ${safe(i)}`).join('\n');

/** One block as markdown (used for plain-content replies and embed descriptions). */
export function blockMarkdown(block: ReplyBlock): string {
  switch (block.type) {
    case 'text':
      return safe(block.text);
    case 'warning':
      return `⚠️ ${safe(block.text)}`;
    case 'evidence':
    case 'list':
      return `**${safe(block.title)}**\n${bullets(block.items)}`;
    case 'steps':
      return `**${safe(block.title)}**\n${block.items.map(stepText).join('\n')}`;
    case 'code':
      return codeBlock(block.snippet);
  }
}

export { bullets };
