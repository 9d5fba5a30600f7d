/** Reads the value written after a header name: a quoted literal in code, or a raw header value. */

/** Longest header value read (a header line longer than this is cut). */
const MAX_VALUE_CHARS = 300;

/** How far back on its line a header looks for an open quote: bounds the work on a huge line. */
const MAX_LINE_LOOKBACK = 1_000;

/** Where an unquoted header value written in code ends. */
const UNQUOTED_END = /[,;})\]]|\s\/\/|\s#/;

export interface Literal {
  /** index in raw where the value starts */
  start: number;
  content: string;
  quoteChar: string;
  /** prefix before the quote: f (python f-string), r, b */
  prefix: string;
  /** text after the literal on the same line */
  rest: string;
  /** the header was written in a shell command line (`-H` or `--header`) */
  shell: boolean;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** The value at `pos` (just after `Authorization:` or similar, whose name starts at `headerStart`). */
export function readLiteral(raw: string, pos: number, headerStart: number): Literal {
  const window = raw.slice(pos, pos + MAX_VALUE_CHARS);
  const lineEnd = window.indexOf('\n');
  const line = lineEnd === -1 ? window : window.slice(0, lineEnd);
  const lineStart = Math.max(raw.lastIndexOf('\n', headerStart) + 1, headerStart - MAX_LINE_LOOKBACK);
  const before = raw.slice(Math.max(lineStart, headerStart - 20), headerStart);
  const shell = /(?:-H|--header)\s{0,3}["']?$/.test(before);
  // The header itself may sit inside a shell string: -H "Authorization: Bearer x" / -H 'Authorization: ...'
  const enclosing = /(["'`])$/.exec(before)?.[1] ?? '';
  const q = /^([frbFRB]?)(["'`])/.exec(line);
  // A quote right after `Authorization=` that closes a string opened before the name is not a value.
  const closes = !!q && !q[1] && countOf(raw.slice(lineStart, pos), q[2] ?? '') % 2 === 1;
  if (q && !closes) {
    const quoteChar = q[2] ?? '';
    const open = q[0].length;
    const close = line.indexOf(quoteChar, open);
    const content = close === -1 ? line.slice(open) : line.slice(open, close);
    return {
      start: pos + open,
      content,
      quoteChar,
      prefix: (q[1] ?? '').toLowerCase(),
      rest: close === -1 ? '' : line.slice(close + 1),
      shell,
    };
  }
  // Unquoted: a raw HTTP header runs to the end of the line; inside a shell string to its quote.
  const stop = enclosing ? line.indexOf(enclosing) : -1;
  const value = stop === -1 ? line : line.slice(0, stop);
  // In code, an unquoted value is an expression that ends at the next comma, brace or comment.
  const end = value.search(UNQUOTED_END);
  const content = (end === -1 ? value : value.slice(0, end)).replace(/[\r\s]+$/, '');
  return { start: pos, content, quoteChar: enclosing, prefix: '', rest: '', shell };
}
