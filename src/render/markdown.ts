/**
 * Renders the engine's reply model as GitHub-flavoured markdown (`keydoctor diagnose --markdown`,
 * docs). The model's inline markup is already markdown, so text passes through.
 */
import type { CodeSnippet, Reply, ReplyBlock } from '../engine/types.ts';

function fence(snippet: CodeSnippet, indent = ''): string {
  // a longer fence than any backtick run inside the code keeps the block closed where it should be
  const longest = Math.max(2, ...[...snippet.code.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return [`${ticks}${snippet.language}`, snippet.code.replace(/\s+$/, ''), ticks]
    .map((line) =>
      line
        .split('\n')
        .map((l) => (l ? indent + l : l))
        .join('\n'),
    )
    .join('\n');
}

function renderBlock(block: ReplyBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'warning':
      return `> **Warning:** ${block.text.replace(/\n/g, '\n> ')}`;
    case 'evidence':
    case 'list':
      return [`**${block.title}**`, '', ...block.items.map((item) => `- ${item}`)].join('\n');
    case 'steps':
      return [
        `**${block.title}**`,
        '',
        ...block.items.map((step, i) => {
          const line = `${i + 1}. ${step.text}`;
          return step.code ? `${line}\n\n${fence(step.code, '   ')}\n` : line;
        }),
      ].join('\n');
    case 'code':
      return fence(block.snippet);
  }
}

/** The whole reply as markdown, ending with a newline. */
export function renderMarkdown(reply: Reply): string {
  const parts: string[] = [];
  if (reply.heading.trim()) parts.push(`## ${reply.heading}`);
  const warnings = reply.blocks.filter((b) => b.type === 'warning');
  for (const block of [...warnings, ...reply.blocks.filter((b) => b.type !== 'warning')]) {
    parts.push(renderBlock(block));
  }
  if (reply.choices.length > 0) {
    parts.push(['**Options**', '', ...reply.choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n'));
  }
  return `${parts.join('\n\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
