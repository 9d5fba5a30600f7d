/**
 * Renders the engine's reply model as terminal text: the console chat and `keydoctor diagnose`.
 * ANSI colour only when asked for; the layout reads the same without it.
 */
import type { CodeSnippet, Reply, ReplyBlock, ReplyChoice } from '../engine/types.ts';
import { type Styler, styler } from './ansi.ts';
import { inlineToTerminal } from './inline.ts';
import { visibleLength, wrapText } from './wrap.ts';

const INDENT = '  ';
/** Code under a numbered step sits past the "1. " marker. */
const STEP_CODE_INDENT = '     ';
const WARNING_MARK = '!! ';
const WARNING_INDENT = ' '.repeat(WARNING_MARK.length);
const UNDERLINE = '-';
/** Lines are wrapped to the terminal's width; this when it is unknown (a pipe, a test). */
export const DEFAULT_WIDTH = 80;
/** Narrower than this and the hanging indents would leave no room for words. */
const MIN_WIDTH = 40;
const PLAIN_STYLE = styler(false);
export const CHOICE_PROMPT = 'Reply with a number or the words:';

export interface RenderTextOptions {
  color?: boolean;
  /** the terminal's width in columns (default 80); code is never wrapped */
  width?: number;
}

function renderCode(snippet: CodeSnippet, indent: string, s: Styler): string {
  // style each line so indentation stays outside the escape codes
  return snippet.code
    .replace(/\s+$/, '')
    .split('\n')
    .map((line) => (line.length > 0 ? indent + s.codeBlock(line) : line))
    .join('\n');
}

function renderBlock(block: ReplyBlock, s: Styler, width: number): string {
  const inline = (t: string) => inlineToTerminal(t, s);
  switch (block.type) {
    case 'text':
      return wrapText(inline(block.text), width);
    case 'warning':
      // continuation lines sit under the text, not at the margin where they would read as the main list;
      // inline styles would end the warning colour mid-line, so the warning's markdown stays plain
      return wrapText(inlineToTerminal(block.text, PLAIN_STYLE), width, WARNING_MARK, WARNING_INDENT)
        .split('\n')
        .map((line) => s.warn(line))
        .join('\n');
    case 'evidence':
    case 'list':
      return [
        s.bold(`${block.title}:`),
        ...block.items.map((item) => wrapText(inline(item), width, `${INDENT}- `, `${INDENT}  `)),
      ].join('\n');
    case 'steps':
      return [
        s.bold(`${block.title}:`),
        ...block.items.map((step, i) => {
          const marker = `${INDENT}${i + 1}. `;
          const line = wrapText(inline(step.text), width, marker, ' '.repeat(marker.length));
          return step.code ? `${line}\n${renderCode(step.code, INDENT + STEP_CODE_INDENT, s)}` : line;
        }),
      ].join('\n');
    case 'code':
      return renderCode(block.snippet, INDENT + INDENT, s);
  }
}

/** The numbered choice menu; numbers are 1-based in the order the engine offered them. */
export function renderChoiceMenu(
  choices: ReplyChoice[],
  s: Styler = styler(false),
  width = DEFAULT_WIDTH,
): string {
  const items = choices.map((c, i) => {
    const number = `${i + 1})`;
    return wrapText(
      c.label,
      width,
      `${INDENT}${s.accent(number)} `,
      ' '.repeat(INDENT.length + number.length + 1),
    );
  });
  return [s.dim(CHOICE_PROMPT), ...items].join('\n');
}

/** The whole reply as terminal text (no trailing newline). */
export function renderText(reply: Reply, opts: RenderTextOptions = {}): string {
  const s = styler(opts.color ?? false);
  const width = Math.max(MIN_WIDTH, opts.width ?? DEFAULT_WIDTH);
  const parts: string[] = [];
  const heading = inlineToTerminal(reply.heading, PLAIN_STYLE).trim();
  if (heading) {
    // a long heading wraps, and its underline runs under its longest line
    const lines = wrapText(heading, width).split('\n');
    const underline = UNDERLINE.repeat(Math.max(...lines.map(visibleLength)));
    parts.push(`${lines.map((l) => s.bold(l)).join('\n')}\n${s.dim(underline)}`);
  }
  // warnings first: a leaked key matters more than the diagnosis
  const blocks = [
    ...reply.blocks.filter((b) => b.type === 'warning'),
    ...reply.blocks.filter((b) => b.type !== 'warning'),
  ];
  for (const block of blocks) parts.push(renderBlock(block, s, width));
  if (reply.choices.length > 0) parts.push(renderChoiceMenu(reply.choices, s, width));
  return parts.join('\n\n');
}
