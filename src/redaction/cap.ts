/** Cutting an over-long message without ever keeping part of a credential. */
import { scanCredentials } from './redact.ts';

/** Share of an over-long text kept from its end: tracebacks and logs put the real error last. */
const TAIL_SHARE = 0.4;
/** What stands where the middle was cut out. */
export const CUT_MARK = '\n[…]\n';

/**
 * Cuts a text to at most `max` characters, keeping its beginning and its end (never splitting a
 * surrogate pair): a pasted stack trace names the failing request first and the API's error last.
 * Credentials are found on the whole text first and a cut never falls inside one, nor between one
 * and what names it (`Authorization: Bearer`, `DB_PASSWORD=`, a `name:` line above a `value:`): a
 * key that straddles a cut is dropped whole with its context, so the kept text never holds half a
 * key, nor a whole key cut off from the name that made it recognisable.
 */
export function capHeadAndTail(text: string, max: number): string {
  if (text.length <= max) return text;
  const spans = scanCredentials(text).map((s) => ({ start: contextStart(text, s.start), end: s.end }));
  if (max <= CUT_MARK.length * 4) {
    return text.slice(0, outsideSpans(spans, max, 'before')).replace(/[\uD800-\uDBFF]$/, '');
  }
  const tailLength = Math.floor(max * TAIL_SHARE);
  const headEnd = outsideSpans(spans, max - tailLength - CUT_MARK.length, 'before');
  const tailStart = outsideSpans(spans, text.length - tailLength, 'after');
  const head = text.slice(0, headEnd).replace(/[\uD800-\uDBFF]$/, '');
  const tail = text.slice(tailStart).replace(/^[\uDC00-\uDFFF]/, '');
  return head + CUT_MARK + tail;
}

/** How far in front of a credential its naming context may reach. */
const CONTEXT_CHARS = 200;

/**
 * The start of a credential's context: the earliest line start at most CONTEXT_CHARS before it
 * (so a `name:` line above a `value:` line counts), or CONTEXT_CHARS before it on a longer line.
 */
function contextStart(text: string, start: number): number {
  const from = Math.max(0, start - CONTEXT_CHARS);
  if (from === 0) return 0;
  const nl = text.indexOf('\n', from - 1);
  return nl >= 0 && nl < start ? nl + 1 : from;
}

/**
 * Moves a cut at `pos` out of every credential span: to the start ('before') or the end ('after')
 * of the span it falls in, again until it falls in none (moving out of one key's context can land
 * inside another key). Spans only shrink the kept text, so this ends.
 */
function outsideSpans(
  spans: readonly { start: number; end: number }[],
  pos: number,
  side: 'before' | 'after',
): number {
  let at = pos;
  for (;;) {
    const inside = spans.find((s) => s.start < at && at < s.end);
    if (!inside) return at;
    at = side === 'before' ? inside.start : inside.end;
  }
}
