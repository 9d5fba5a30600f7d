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

/**
 * Invisible characters, dropped from the view: format characters (zero-width, bidi controls, soft
 * hyphen, tags), combining marks and variation selectors (a mark on a key's letter), Hangul and
 * Mongolian fillers, DEL.
 */
const INVISIBLE = /^[\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u007F\u000B\u000C\u0085]$/u;
/** Unicode spaces other than tab, newline and the ASCII space (NBSP, en/em spaces, ideographic). */
const UNICODE_SPACE = /[\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]/;
/** Dashes, quotes and colons that chat apps and word processors put in place of ASCII ones. */
const PUNCTUATION_ALIKES = new Map<string, string>([
  ...[...'\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63'].map((c): [string, string] => [c, '-']),
  ...[...'\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB'].map((c): [string, string] => [c, '"']),
  ...[...'\u2018\u2019\u201A\u201B\u2032'].map((c): [string, string] => [c, "'"]),
  // colons: small, ratio, modifier letter, presentation form
  ...[...'\uFE55\u2236\uA789\uFE13'].map((c): [string, string] => [c, ':']),
]);

/** Letters from Cyrillic and Greek that look like ASCII letters in most fonts, and their twins. */
const LOOK_ALIKE_FROM = 'авекмнорстухѕіїјԁԛԝһӏɡսАВЕКМНОРСТХЅІЈҮԀԚԜҺӀαϲεικνορτυχωΑΒΕΖΗΙΚΜΝΟΡΤΥΧϹıօꜱɑ';
const LOOK_ALIKE_TO = 'aBekMHopcTyxsiijdqwhlguABEKMHOPCTXSIJYDQWhIaceikvoptuxwABEZHIKMNOPTYXCiosa';
const LOOK_ALIKES = new Map([...LOOK_ALIKE_FROM].map((c, i) => [c, LOOK_ALIKE_TO[i] ?? c]));

/** A word as the view shows it: its look-alike letters in ASCII ("пароль" -> "пapoль"). */
export function foldLookAlikes(word: string): string {
  return [...word].map((c) => LOOK_ALIKES.get(c) ?? c).join('');
}

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
const MAX_WRAP_INDENT = 80;
/** What may follow the continuation of a wrapped key: the end of the value. */
const WRAP_TAIL_END = /[\s"'`,;)\]}>&@#]/;

const HEX = /^[0-9A-Fa-f]{2}$/;
/** Backslash, newline (CRLF or LF) and indent. */
const LINE_CONTINUATION = new RegExp(`^\\\\\\r?\\n[ \\t]{0,${MAX_WRAP_INDENT}}`);
/** A closing quote, an optional +, a newline, an indent and the same quote opening again. */
const STRING_CONTINUATION = new RegExp(
  `^(["'])[ \\t]{0,3}\\+?[ \\t]{0,3}\\r?\\n[ \\t>]{0,${MAX_WRAP_INDENT}}\\+?[ \\t]{0,3}(["'])`,
);
/** &#95; or &#x5f;, or one of the named references HTML escaping writes (&quot; &amp; &lt; ...). */
const ENTITY = /^&(?:#(?:(\d{2,3})|[xX]([0-9A-Fa-f]{2}))|(quot|amp|lt|gt|apos|nbsp));/;
const NAMED_ENTITIES: Record<string, number> = {
  quot: 0x22,
  amp: 0x26,
  lt: 0x3c,
  gt: 0x3e,
  apos: 0x27,
  nbsp: 0x20,
};
/** A key split into two string literals has at least this much in its first part. */
const MIN_SPLIT_LITERAL = 16;
/** What follows a label's name on the next line of a listing: spaces, then a colon or =. */
const LABEL_AFTER = /^[ \t]{1,3}[:=]/;
/** A NAME=value line. */
const ASSIGNMENT_LINE = /^[A-Za-z_][A-Za-z0-9_.]{0,60}=/;

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
  // the indent may carry a mail or markdown quote ("> ")
  while (i < indentEnd && (text[i] === ' ' || text[i] === '\t' || text[i] === '>')) i++;
  const start = i;
  let bits = 0;
  while (i < text.length && isKeyChar(text.charCodeAt(i))) bits |= classBit(text.charCodeAt(i++));
  if (i - start < MIN_WRAPPED_TAIL || classCount(bits) < 2) return -1;
  // The next line of a .env or config file (AWS_REGION=us-east-1) is not a key's continuation,
  // nor a line of prose starting with a capitalised word ("Then I run...").
  if (ASSIGNMENT_LINE.test(text.slice(start, i))) return -1;
  if (text[i] === ' ' && /^[A-Z][a-z]+$/.test(text.slice(start, i))) return -1;
  // nor the next label of a listing ("masterKey : ..."): a name that a colon or = follows
  if (LABEL_AFTER.test(text.slice(i, i + 5))) return -1;
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

/** Blocks whose characters NFKC turns into ASCII letters or digits (the rest is left as it is, fast). */
function hasCompatibilityForm(point: number): boolean {
  return (
    (point >= 0x1d400 && point <= 0x1d7ff) ||
    (point >= 0x2070 && point <= 0x24ff) ||
    (point >= 0xfb00 && point <= 0xfb06) ||
    (point >= 0x1f100 && point <= 0x1f1ff) ||
    (point >= 0xb2 && point <= 0xbe)
  );
}

/** Plain ASCII with nothing to normalise: copied in runs, not character by character. */
const isPlain = (code: number) =>
  code < 0x7f &&
  code !== 0x25 &&
  code !== 0x0a &&
  code !== 0x0d &&
  code !== 0x0b &&
  code !== 0x0c &&
  code !== 0x26 &&
  code !== 0x5c &&
  code !== 0x22 &&
  code !== 0x27;

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
    // Whole code points: a mathematical letter or a tag character is two UTF-16 units.
    const point = text.codePointAt(i) ?? code;
    const width = point > 0xffff ? 2 : 1;
    const ch = width === 2 ? text.slice(i, i + 2) : (text[i] ?? '');
    if (INVISIBLE.test(ch)) {
      i += width;
      continue;
    }
    if (UNICODE_SPACE.test(ch)) {
      // A no-break space or line separator inside a key-like run (a rich-text paste) joins it.
      const next = text.charCodeAt(i + 1);
      if (ch !== '\u3000' && run >= MIN_WRAPPED_HEAD && classCount(runBits) >= 2 && isKeyChar(next)) {
        i++;
        continue;
      }
      push(' ', i, i + 1);
      i++;
      continue;
    }
    if (ch === '\\') {
      // A shell line continuation joins the lines: backslash, newline and the next line's indent.
      const joined = LINE_CONTINUATION.exec(text.slice(i, i + 3 + MAX_WRAP_INDENT));
      if (joined) {
        i += joined[0].length;
        continue;
      }
    }
    if ((ch === '"' || ch === "'") && run >= MIN_SPLIT_LITERAL && classCount(runBits) >= 2) {
      // A key split into string literals over two lines ("...",\n "..." / '...' +\n '...'): the
      // view joins the two parts.
      const split = STRING_CONTINUATION.exec(text.slice(i, i + 8 + MAX_WRAP_INDENT));
      if (split && split[1] === ch && split[2] === ch) {
        i += split[0].length;
        continue;
      }
    }
    if (ch === '&') {
      // An HTML character reference for an ASCII character (&#95; for _, &#x5f;, &quot;).
      const entity = ENTITY.exec(text.slice(i, i + 8));
      const decoded = !entity
        ? -1
        : entity[3]
          ? (NAMED_ENTITIES[entity[3]] ?? -1)
          : parseInt(entity[1] ?? entity[2] ?? '', entity[1] ? 10 : 16);
      if (entity && decoded >= 0x20 && decoded <= 0x7e) {
        push(String.fromCharCode(decoded), i, i + entity[0].length);
        i += entity[0].length;
        continue;
      }
    }
    if (ch === '%' && HEX.test(text.slice(i + 1, i + 3))) {
      // Encoded twice (a URL inside a redirect parameter): %253D is %3D is "=".
      if (text.slice(i + 1, i + 3) === '25' && HEX.test(text.slice(i + 3, i + 5))) {
        const inner = parseInt(text.slice(i + 3, i + 5), 16);
        if (inner >= 0x20 && inner <= 0x7e) {
          push(String.fromCharCode(inner), i, i + 5);
          i += 5;
          continue;
        }
      }
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
    const alike = LOOK_ALIKES.get(ch) ?? PUNCTUATION_ALIKES.get(ch);
    if (alike !== undefined) {
      push(alike, i, i + 1);
      i++;
      continue;
    }
    if (hasCompatibilityForm(point)) {
      // Compatibility forms (mathematical bold letters, super- and subscripts, circled letters,
      // letterlike symbols): the ASCII character NFKC makes of them.
      const compatible = ch.normalize('NFKC');
      if (compatible.length === 1 && compatible.charCodeAt(0) < 0x7f && compatible !== ch) {
        push(compatible, i, i + width);
        i += width;
        continue;
      }
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
    // One view entry per UTF-16 unit: an emoji (two units) stays two, so spans after it line up.
    for (let u = 0; u < width; u++) push(text[i + u] ?? '', i, i + width);
    i += width;
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
