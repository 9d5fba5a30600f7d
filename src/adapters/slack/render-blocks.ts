/**
 * Renders the engine's platform-neutral `Reply` as Block Kit messages: a header, sections for text and
 * the "why", numbered steps with fenced code, context for prevention and references, and buttons for
 * the choices. Every message stays inside Block Kit's limits: a long reply is split into several
 * messages (buttons on the last), and beyond a few messages it is trimmed with a note. Never throws.
 */
import type { ActionsBlock, Button, ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { CodeSnippet, Reply, ReplyBlock, ReplyChoice } from '../../engine/types.ts';
import {
  MAX_ACTION_ID_CHARS,
  MAX_ACTIONS_PER_BLOCK,
  MAX_BLOCKS_JSON_CHARS,
  MAX_BLOCKS_PER_MESSAGE,
  MAX_BUTTON_TEXT_CHARS,
  MAX_BUTTON_VALUE_CHARS,
  MAX_FALLBACK_TEXT_CHARS,
  MAX_HEADER_CHARS,
  MAX_MESSAGES_PER_REPLY,
  MAX_SECTION_TEXT_CHARS,
} from './block-limits.ts';
import { escapeMrkdwn, markdownToMrkdwn, markdownToPlain, splitText, truncate } from './mrkdwn.ts';

/** One Slack message: the blocks and the plain-text fallback Slack shows in notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** an mrkdwn line shown under the header, e.g. who asked with /keydoctor */
  preface?: string;
}

/** Buttons carry the engine's choice id: in `value`, and in the action_id after this prefix. */
export const ACTION_ID_PREFIX = 'kd:';
const FENCE = '```';
const TRIMMED_NOTE = '_… the rest of this answer was too long for Slack and was trimmed._';
const CONTINUED_TEXT = '(continued)';
const EMPTY_REPLY = '…';

/** Under a question: how to answer in Slack. */
const ANSWER_HINT = 'Click an answer, or type it in this thread in your own words.';

/** Renders a reply as one or more Slack messages, each inside Block Kit's limits. */
export function renderBlockKit(reply: Reply, options: RenderOptions = {}): SlackMessage[] {
  const content = [
    ...headerBlocks(reply, options),
    ...reply.blocks.flatMap(renderBlock),
    ...(reply.kind === 'question' ? [context(ANSWER_HINT)] : []),
  ];
  const actions = actionsBlocks(reply.choices);
  const messages = packWithinLimits(content, actions);
  const fallback = fallbackText(reply);
  return messages.map((blocks, i) => ({ text: i === 0 ? fallback : CONTINUED_TEXT, blocks }));
}

function headerBlocks(reply: Reply, options: RenderOptions): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const heading = reply.heading.trim();
  if (heading) {
    const header: HeaderBlock = {
      type: 'header',
      text: { type: 'plain_text', text: truncate(heading, MAX_HEADER_CHARS), emoji: true },
    };
    blocks.push(header);
  }
  if (options.preface) blocks.push(context(options.preface));
  return blocks;
}

function renderBlock(block: ReplyBlock): KnownBlock[] {
  switch (block.type) {
    case 'text':
      return sections(markdownToMrkdwn(block.text));
    case 'warning':
      return sections(`:warning: ${markdownToMrkdwn(block.text)}`);
    case 'evidence':
      return sections(
        titled(
          block.title,
          block.items.map((item) => `• ${markdownToMrkdwn(item)}`),
        ),
      );
    case 'list':
      return contexts(
        titled(
          block.title,
          block.items.map((item) => `• ${markdownToMrkdwn(item)}`),
        ),
      );
    case 'code':
      return codeSections(block.snippet);
    case 'steps':
      return [
        ...(block.title.trim() ? sections(`*${escapeMrkdwn(block.title)}*`) : []),
        ...block.items.flatMap((step, i) => [
          ...sections(`${i + 1}. ${markdownToMrkdwn(step.text)}`),
          ...(step.code ? codeSections(step.code) : []),
        ]),
      ];
  }
}

function titled(title: string, lines: string[]): string {
  return [title.trim() ? `*${escapeMrkdwn(title)}*` : '', ...lines].filter(Boolean).join('\n');
}

function section(text: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function sections(mrkdwn: string): SectionBlock[] {
  if (!mrkdwn.trim()) return [];
  return splitText(mrkdwn, MAX_SECTION_TEXT_CHARS).map(section);
}

function context(mrkdwn: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, MAX_SECTION_TEXT_CHARS) }] };
}

function contexts(mrkdwn: string): ContextBlock[] {
  if (!mrkdwn.trim()) return [];
  return splitText(mrkdwn, MAX_SECTION_TEXT_CHARS).map(context);
}

/** Code in fenced sections; a long snippet becomes several fences, each a whole section. */
function codeSections(snippet: CodeSnippet): SectionBlock[] {
  // a ``` inside the code would close the fence early
  const code = escapeMrkdwn(snippet.code.replace(/```/g, '`\u200b``')).replace(/\n+$/, '');
  if (!code.trim()) return [];
  const room = MAX_SECTION_TEXT_CHARS - 2 * FENCE.length - 2;
  return splitText(code, room).map((piece) => section(`${FENCE}\n${piece}\n${FENCE}`));
}

function actionsBlocks(choices: ReplyChoice[]): ActionsBlock[] {
  const buttons = choices.flatMap((choice, i) => {
    const b = button(choice, i);
    return b ? [b] : [];
  });
  const blocks: ActionsBlock[] = [];
  for (let i = 0; i < buttons.length; i += MAX_ACTIONS_PER_BLOCK) {
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + MAX_ACTIONS_PER_BLOCK) });
  }
  return blocks;
}

function button(choice: ReplyChoice, index: number): Button | undefined {
  // an id that cannot travel in `value` cannot be handled when clicked: leave the button out
  if (choice.id.length === 0 || choice.id.length > MAX_BUTTON_VALUE_CHARS) return undefined;
  const actionId = `${ACTION_ID_PREFIX}${choice.id}`;
  const b: Button = {
    type: 'button',
    text: {
      type: 'plain_text',
      text: truncate(choice.label.trim() || choice.id, MAX_BUTTON_TEXT_CHARS),
      emoji: true,
    },
    // action_ids must be unique in a message; a too-long id falls back to its position
    action_id: actionId.length <= MAX_ACTION_ID_CHARS ? actionId : `${ACTION_ID_PREFIX}#${index}`,
    value: choice.id,
  };
  if (choice.style === 'primary' || choice.style === 'danger') b.style = choice.style;
  return b;
}

function jsonSize(block: KnownBlock): number {
  return JSON.stringify(block).length;
}

/** Packs blocks into messages under the block-count and size limits; buttons stay at the end. */
function pack(blocks: KnownBlock[]): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let size = 2; // the array's brackets
  for (const block of blocks) {
    const blockSize = jsonSize(block) + 1;
    if (
      current.length > 0 &&
      (current.length >= MAX_BLOCKS_PER_MESSAGE || size + blockSize > MAX_BLOCKS_JSON_CHARS)
    ) {
      messages.push(current);
      current = [];
      size = 2;
    }
    current.push(block);
    size += blockSize;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** Splits into at most MAX_MESSAGES_PER_REPLY messages, dropping trailing content (never buttons). */
function packWithinLimits(content: KnownBlock[], actions: ActionsBlock[]): KnownBlock[][] {
  let kept = content;
  let messages = pack([...kept, ...actions]);
  while (messages.length > MAX_MESSAGES_PER_REPLY && kept.length > 0) {
    kept = kept.slice(0, -1);
    messages = pack([...kept, section(TRIMMED_NOTE), ...actions]);
  }
  // even buttons alone could overflow (thousands of choices): keep what fits
  return messages.length > 0 ? messages.slice(0, MAX_MESSAGES_PER_REPLY) : [[section(EMPTY_REPLY)]];
}

function fallbackText(reply: Reply): string {
  const firstText = reply.blocks.find((b) => b.type === 'text' || b.type === 'warning');
  const parts = [reply.heading.trim(), firstText && 'text' in firstText ? firstText.text : ''];
  const text = markdownToPlain(parts.filter(Boolean).join('\n'));
  return truncate(text || 'keydoctor', MAX_FALLBACK_TEXT_CHARS);
}
