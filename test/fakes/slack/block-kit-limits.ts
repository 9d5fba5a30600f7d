/**
 * How the fake Slack judges a message, as the real one does: `invalid_blocks` for a block that breaks
 * a Block Kit limit, `msg_blocks_too_long` for too much in all, `no_text` when there is nothing.
 * The fake is no looser than Slack: the byte limit is below the ~13k where Slack starts refusing.
 */

export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION_TEXT = 3000;
export const SLACK_MAX_HEADER_TEXT = 150;
export const SLACK_MAX_ACTIONS_ELEMENTS = 25;
export const SLACK_MAX_CONTEXT_ELEMENTS = 10;
export const SLACK_MAX_BUTTON_TEXT = 75;
export const SLACK_MAX_ACTION_ID = 255;
export const SLACK_MAX_BUTTON_VALUE = 2000;
export const SLACK_MAX_BLOCKS_JSON = 12_000;
export const SLACK_MAX_TEXT = 40_000;

type Json = Record<string, unknown>;

/** The error Slack would answer for this message, or undefined when it would accept it. */
export function judgeMessage(text: unknown, blocks: unknown): string | undefined {
  const hasText = typeof text === 'string' && text.trim().length > 0;
  if (blocks === undefined) return hasText ? checkText(text as string) : 'no_text';
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (!hasText && blocks.length === 0) return 'no_text';
  if (blocks.length > SLACK_MAX_BLOCKS) return 'invalid_blocks';
  if (JSON.stringify(blocks).length > SLACK_MAX_BLOCKS_JSON) return 'msg_blocks_too_long';
  for (const block of blocks as Json[]) {
    const problem = checkBlock(block);
    if (problem) return problem;
  }
  return hasText ? checkText(text as string) : undefined;
}

function checkText(text: string): string | undefined {
  return text.length > SLACK_MAX_TEXT ? 'msg_too_long' : undefined;
}

function textOf(obj: unknown): string {
  const t = (obj as { text?: unknown } | undefined)?.text;
  return typeof t === 'string' ? t : '';
}

function checkBlock(block: Json): string | undefined {
  switch (block.type) {
    case 'header': {
      const t = textOf(block.text);
      return t.length === 0 || t.length > SLACK_MAX_HEADER_TEXT ? 'invalid_blocks' : undefined;
    }
    case 'section': {
      const t = textOf(block.text);
      return t.length === 0 || t.length > SLACK_MAX_SECTION_TEXT ? 'invalid_blocks' : undefined;
    }
    case 'context': {
      const elements = block.elements as Json[] | undefined;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > SLACK_MAX_CONTEXT_ELEMENTS) {
        return 'invalid_blocks';
      }
      return elements.some((e) => textOf(e).length > SLACK_MAX_SECTION_TEXT) ? 'invalid_blocks' : undefined;
    }
    case 'actions': {
      const elements = block.elements as Json[] | undefined;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > SLACK_MAX_ACTIONS_ELEMENTS) {
        return 'invalid_blocks';
      }
      const ids = new Set<string>();
      for (const el of elements) {
        const label = textOf(el.text);
        const actionId = String(el.action_id ?? '');
        if (label.length === 0 || label.length > SLACK_MAX_BUTTON_TEXT) return 'invalid_blocks';
        if (actionId.length > SLACK_MAX_ACTION_ID || ids.has(actionId)) return 'invalid_blocks';
        if (String(el.value ?? '').length > SLACK_MAX_BUTTON_VALUE) return 'invalid_blocks';
        ids.add(actionId);
      }
      return undefined;
    }
    case 'divider':
      return undefined;
    default:
      return 'invalid_blocks';
  }
}
