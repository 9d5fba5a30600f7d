/**
 * Block Kit limits, as Slack documents them (https://docs.slack.dev/reference/block-kit). Slack refuses
 * a message that breaks any of them (`invalid_blocks`, `msg_blocks_too_long`), so the renderer keeps
 * every message inside them.
 */

/** Blocks in one message. */
export const MAX_BLOCKS_PER_MESSAGE = 50;
/** Characters of a section's text object. */
export const MAX_SECTION_TEXT_CHARS = 3000;
/** Characters of a header block's plain_text. */
export const MAX_HEADER_CHARS = 150;
/** Elements of one actions block. */
export const MAX_ACTIONS_PER_BLOCK = 25;
/** Characters of a button's plain_text label. */
export const MAX_BUTTON_TEXT_CHARS = 75;
/** Characters of an action_id. */
export const MAX_ACTION_ID_CHARS = 255;
/** Characters of a button's value. */
export const MAX_BUTTON_VALUE_CHARS = 2000;
/**
 * The serialised blocks of one message. Slack rejects roughly 13k characters with
 * `msg_blocks_too_long`; staying well under leaves room for JSON escaping differences.
 */
export const MAX_BLOCKS_JSON_CHARS = 11_000;
/** The plain `text` fallback (notifications, screen readers); together with the blocks under ~12k. */
export const MAX_FALLBACK_TEXT_CHARS = 1000;
/** One reply never floods a thread: beyond this many messages the rest is trimmed. */
export const MAX_MESSAGES_PER_REPLY = 4;
