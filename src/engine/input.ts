/** Bounds and cleans a raw message before anything else reads it. */
import { MAX_ANALYSED_CHARS } from './limits.ts';
import { capHeadAndTail } from '../redaction/cap.ts';
import { ZERO_WIDTH } from '../redaction/redact.ts';

export interface CleanInput {
  /** the text to analyse: capped, without control characters or zero-width characters */
  text: string;
  truncated: boolean;
  /** a zero-width or other invisible character sat next to a letter or digit (a broken key) */
  zeroWidth: boolean;
}

// C0/C1 control characters except tab, newline and carriage return (CR is evidence: CRLF in a key).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/g;
const ZERO_WIDTH_NEXT_TO_WORD =
  /[A-Za-z0-9_-][\u200B-\u200D\u2060\uFEFF]|[\u200B-\u200D\u2060\uFEFF][A-Za-z0-9_-]/;

export { capHeadAndTail };

/** Caps the text at the analysis limit and strips binary noise; never throws. */
export function cleanInput(raw: string): CleanInput {
  const source = typeof raw === 'string' ? raw : '';
  // Cut a little above the cap first so the regexes below never see a huge string.
  const truncated = source.length > MAX_ANALYSED_CHARS;
  let text = capHeadAndTail(source, MAX_ANALYSED_CHARS);
  const zeroWidth = ZERO_WIDTH_NEXT_TO_WORD.test(text);
  text = text.replace(ZERO_WIDTH, '').replace(CONTROL, ' ');
  // Lone surrogates (binary pasted as text) would break JSON and renderers.
  text = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, ' ');
  return { text, truncated, zeroWidth };
}
