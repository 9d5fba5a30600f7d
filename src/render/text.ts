/**
 * Renders the engine's reply model as terminal text: the console chat and `keydoctor diagnose`.
 * ANSI colour only when asked for; the layout reads the same without it.
 */
import type { CodeSnippet, Reply, ReplyBlock, ReplyChoice } from '../engine/types.ts';
import { type Styler, styler } from './ansi.ts';
import { inlineToTerminal } from './inline.ts';

const INDENT = '  ';
/** Code under a numbered step sits past the "1. " marker. */
const STEP_CODE_INDENT = '     ';
const WARNING_MARK = '!! ';
const WARNING_INDENT = ' '.repeat(WARNING_MARK.length);
const UNDERLINE = '-';
const MAX_UNDERLINE = 72;
const PLAIN_STYLE = styler(false);
export const CHOICE_PROMPT = 'Reply with a number or the words:';

export interface RenderTextOptions {
  color?: boolean;
}

function renderCode(snippet: CodeSnippet, indent: string, s: Styler): string {
  // style each line so indentation stays outside the escape codes
  return snippet.code
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => (line.length > 0 ? indent + s.codeBlock(line) : line))
    .join('\n');
}

function renderBlock(block: ReplyBlock, s: Styler): string {
  const inline = (t: string) => inlineToTerminal(t, s);
  switch (block.type) {
    case 'text':
      return inline(block.text);
    case 'warning':
      // continuation lines sit under the text, not at the margin where they would read as the main list;
      // inline styles would end the warning colour mid-line, so the warning's markdown stays plain
      return inlineToTerminal(block.text, PLAIN_STYLE)
        .split('\n')
        .map((line, i) => s.warn(i === 0 ? `${WARNING_MARK}${line}` : `${WARNING_INDENT}${line}`))
        .join('\n');
    case 'evidence':
    case 'list':
      return [s.bold(`${block.title}:`), ...block.items.map((item) => `${INDENT}- ${inline(item)}`)].join(
        '\n',
      );
    case 'steps':
      return [
        s.bold(`${block.title}:`),
        ...block.items.map((step, i) => {
          const line = `${INDENT}${i + 1}. ${inline(step.text)}`;
          return step.code ? `${line}\n${renderCode(step.code, INDENT + STEP_CODE_INDENT, s)}` : line;
        }),
      ].join('\n');
    case 'code':
      return renderCode(block.snippet, INDENT + INDENT, s);
  }
}

/** The numbered choice menu; numbers are 1-based in the order the engine offered them. */
export function renderChoiceMenu(choices: ReplyChoice[], s: Styler = styler(false)): string {
  const items = choices.map((c, i) => `${INDENT}${s.accent(`${i + 1})`)} ${c.label}`);
  return [s.dim(CHOICE_PROMPT), ...items].join('\n');
}

/** The whole reply as terminal text (no trailing newline). */
export function renderText(reply: Reply, opts: RenderTextOptions = {}): string {
  const s = styler(opts.color ?? false);
  const parts: string[] = [];
  const heading = inlineToTerminal(reply.heading, PLAIN_STYLE).trim();
  if (heading)
    parts.push(`${s.bold(heading)}\n${s.dim(UNDERLINE.repeat(Math.min(heading.length, MAX_UNDERLINE)))}`);
  // warnings first: a leaked key matters more than the diagnosis
  const blocks = [
    ...reply.blocks.filter((b) => b.type === 'warning'),
    ...reply.blocks.filter((b) => b.type !== 'warning'),
  ];
  for (const block of blocks) parts.push(renderBlock(block, s));
  if (reply.choices.length > 0) parts.push(renderChoiceMenu(reply.choices, s));
  return parts.join('\n\n');
}
