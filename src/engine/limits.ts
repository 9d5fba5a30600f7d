/** Named limits and tuning constants of the engine, in one place so they are easy to find and tune. */

/** Characters of a message that are analysed; the rest is cut (and `truncated` is set). */
export const MAX_ANALYSED_CHARS = 8_000;
/** Characters of accumulated redacted text kept in the conversation state. */
export const MAX_STATE_TEXT_CHARS = 8_000;
/** Transcript entries kept in the state, and the length each one is cut to. */
export const MAX_TRANSCRIPT_ENTRIES = 20;
export const MAX_TRANSCRIPT_ENTRY_CHARS = 500;
/** Follow-up questions asked before answering with the best candidate anyway. */
export const MAX_QUESTIONS = 3;
/** "Still broken" answers before the conversation is handed to a person. */
export const MAX_REJECTIONS = 3;
/** Ranked causes kept in the state and in a one-shot result. */
export const MAX_RANKED_KEPT = 8;
/** Causes mentioned under "other possibilities". */
export const OTHER_POSSIBILITIES = 2;
/** Dialogue log entries kept in the state (a long conversation must not grow it without bound). */
export const MAX_LOG_ENTRIES = 60;
