/** Discord's limits on what one message may carry; the renderer splits or trims to stay inside them. */

/** characters of plain message content */
export const CONTENT_MAX = 2_000;
export const EMBED_TITLE_MAX = 256;
export const EMBED_DESCRIPTION_MAX = 4_096;
export const EMBED_FIELDS_MAX = 25;
export const EMBED_FIELD_NAME_MAX = 256;
export const EMBED_FIELD_VALUE_MAX = 1_024;
/** title + description + field names and values + footer + author, summed over every embed of a message */
export const EMBED_TOTAL_MAX = 6_000;
export const EMBEDS_PER_MESSAGE_MAX = 10;
export const ACTION_ROWS_MAX = 5;
export const BUTTONS_PER_ROW_MAX = 5;
export const CUSTOM_ID_MAX = 100;
export const BUTTON_LABEL_MAX = 80;
export const SELECT_OPTIONS_MAX = 25;
export const SELECT_OPTION_LABEL_MAX = 100;
export const SELECT_OPTION_VALUE_MAX = 100;
/** thread names */
export const THREAD_NAME_MAX = 100;
