/**
 * A normalised view of a text for the credential patterns, with a map back to the original: the
 * patterns see plain ASCII where a paste brought look-alike letters, exotic spaces, invisible
 * characters, percent-encoding or a line wrap, and the redactor replaces the original characters.
 */

/** The view the patterns read, and for each of its characters the original span it stands for. */
export interface NormalisedView {
  text: string;
  /** original index of the first character behind view character i */
  from: Int32Array;
  /** original index just after the last character behind view character i */
  to: Int32Array;
}

/** Zero-width, bidi-control and soft-hyphen characters: invisible, so dropped from the view. */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
/** Unicode spaces other than tab, newline and the ASCII space (NBSP, en/em spaces, ideographic). */
const UNICODE_SPACE = /[\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;

/** Letters from Cyrillic and Greek that look like ASCII letters in most fonts, and their twins. */
const LOOK_ALIKE_FROM = 'авекмнорстухѕіїјԁԛԝһӏɡսАВЕКМНОРСТХЅІЈҮԀԚԜҺӀαϲεικνορτυχωΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹ';
const LOOK_ALIKE_TO = 'aBekMHopcTyxsiijdqwhlguABEKMHOPCTXSIJYDQWhIaceikvoptuxwABEZHIKMNOPTYXC';
const LOOK_ALIKES = new Map([...LOOK_ALIKE_FROM].map((c, i) => [c, LOOK_ALIKE_TO[i] ?? c]));

const FULLWIDTH_FIRST = 0xff01;
const FULLWIDTH_LAST = 0xff5e;
const FULLWIDTH_OFFSET = 0xfee0;

/** Characters keys are made of (A-Z a-z 0-9 _ + / = . -): a run of them is a candidate key. */
const KEY_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=.-')
  KEY_CHAR[c.charCodeAt(0)] = 1;
const isKeyChar = (code: number) => code < 128 && KEY_CHAR[code] === 1;
/** A wrapped key's first line ends in a run at least this long with two character classes. */
const MIN_WRAPPED_HEAD = 8;
/** ... and its next line starts (after an indent) with a run at least this long. */
const MIN_WRAPPED_TAIL = 4;
const MAX_WRAP_INDENT = 40;
/** What may follow the continuation of a wrapped key: the end of the value. */
const WRAP_TAIL_END = /[\s"'`,;)\]}>&@#]/;

const HEX = /^[0-9A-Fa-f]{2}$/;

function classCount(bits: number): number {
  return (bits & 1) + ((bits >> 1) & 1) + ((bits >> 2) & 1);
}

/**
 * The end (exclusive) of the indent + continuation after the newline at `nl` when the next line
 * continues a key: a random-looking run (two character classes) that ends where a value ends.
 */
function wrapContinuation(text: string, nl: number): number {
  let i = nl + 1;
  const indentEnd = Math.min(text.length, i + MAX_WRAP_INDENT);
  while (i < indentEnd && (text[i] === ' ' || text[i] === '\t')) i++;
  const start = i;
  let bits = 0;
  while (i < text.length && isKeyChar(text.charCodeAt(i))) bits |= classBit(text.charCodeAt(i++));
  if (i - start < MIN_WRAPPED_TAIL || classCount(bits) < 2) return -1;
  if (i < text.length && !WRAP_TAIL_END.test(text[i] ?? '')) return -1;
  return start;
}

/** The class bit of an ASCII code (1 digit, 2 lower, 4 upper, 0 other). */
function classBit(code: number): number {
  if (code >= 48 && code <= 57) return 1;
  if (code >= 97 && code <= 122) return 2;
  if (code >= 65 && code <= 90) return 4;
  return 0;
}

/** Plain ASCII with nothing to normalise: copied in runs, not character by character. */
const isPlain = (code: number) => code < 0x80 && code !== 0x25 && code !== 0x0a && code !== 0x0d;

/** Builds the normalised view of `text` in one pass (linear time). */
export function normalise(text: string): NormalisedView {
  const parts: string[] = [];
  const from = new Int32Array(text.length + 1);
  const to = new Int32Array(text.length + 1);
  let n = 0;
  // the run of key characters that ends the view so far, and its character classes
  let run = 0;
  let runBits = 0;
  const track = (code: number) => {
    if (isKeyChar(code)) {
      run++;
      runBits |= classBit(code);
    } else {
      run = 0;
      runBits = 0;
    }
  };
  const push = (ch: string, start: number, end: number) => {
    parts.push(ch);
    from[n] = start;
    to[n] = end;
    n++;
    track(ch.charCodeAt(0));
  };
  for (let i = 0; i < text.length;) {
    let code = text.charCodeAt(i);
    if (isPlain(code)) {
      const runStart = i;
      while (i < text.length && isPlain((code = text.charCodeAt(i)))) {
        from[n] = i;
        to[n] = i + 1;
        n++;
        track(code);
        i++;
      }
      parts.push(text.slice(runStart, i));
      continue;
    }
    const ch = text[i] ?? '';
    if (INVISIBLE.test(ch)) {
      i++;
      continue;
    }
    if (UNICODE_SPACE.test(ch)) {
      push(' ', i, i + 1);
      i++;
      continue;
    }
    if (ch === '%' && HEX.test(text.slice(i + 1, i + 3))) {
      const decoded = parseInt(text.slice(i + 1, i + 3), 16);
      if (decoded === 0x09 || decoded === 0x0a || decoded === 0x0d || (decoded >= 0x20 && decoded <= 0x7e)) {
        push(String.fromCharCode(decoded), i, i + 3);
        i += 3;
        continue;
      }
    }
    if (code >= FULLWIDTH_FIRST && code <= FULLWIDTH_LAST) {
      push(String.fromCharCode(code - FULLWIDTH_OFFSET), i, i + 1);
      i++;
      continue;
    }
    const alike = LOOK_ALIKES.get(ch);
    if (alike !== undefined) {
      push(alike, i, i + 1);
      i++;
      continue;
    }
    const nl = ch === '\r' && text[i + 1] === '\n' ? i + 1 : ch === '\n' ? i : -1;
    if (nl >= 0 && run >= MIN_WRAPPED_HEAD && classCount(runBits) >= 2) {
      // A key wrapped over two lines: the view joins them, the replacement covers the line break.
      const resume = wrapContinuation(text, nl);
      if (resume > 0) {
        i = resume;
        continue;
      }
    }
    push(ch, i, i + 1);
    i++;
  }
  from[n] = text.length;
  to[n] = text.length;
  return { text: parts.join(''), from: from.subarray(0, n + 1), to: to.subarray(0, n + 1) };
}

/** The original span behind view characters [start, end). */
export function originalSpan(
  view: NormalisedView,
  start: number,
  end: number,
): { start: number; end: number } {
  if (end <= start) return { start: view.from[start] ?? 0, end: view.from[start] ?? 0 };
  return { start: view.from[start] ?? 0, end: view.to[end - 1] ?? 0 };
}
