/**
 * Finds credentials in text and replaces each with a fingerprint label such as
 * `[openai secret key …a1b2]`. Logs, stores and the engine all use it: a credential a user pasted is
 * never echoed, logged or stored in clear.
 */
import { CREDENTIAL_PATTERNS, isPasswordPlaceholder, type KeyShape } from './credential-patterns.ts';
import { normalise, originalSpan } from './normalise.ts';
import { valueInTemplateBraces } from './value-judges.ts';
import type { CredentialFingerprint } from './fingerprint.ts';

/** Below this length the last four characters would reveal too much of the value, so none are shown. */
const MIN_LENGTH_FOR_LAST4 = 20;

/** Invisible characters that break a key when pasted; removed before scanning so they cannot hide one. */
export const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * A credential found in a text, with its position in that text (the original characters, even when
 * it was found through look-alike letters, a line wrap or percent-encoding). The value, as the
 * patterns saw it, stays inside the engine, never in output.
 */
export interface CredentialMatch {
  start: number;
  end: number;
  value: string;
  shape?: KeyShape;
  fingerprint: CredentialFingerprint;
}

const PLACEHOLDER_WORDS =
  /your[_-]?|placeholder|example|fake|dummy|sample|redacted|changeme|replace|insert|undefined|null|none|x{4,}|\*{3,}|\.{3}|…|^<|>$|^\{|\}$|\{\{|^\$|\$[{(]|1234567|abcdef/i;

/** Whole values that are words people type in examples, not issued secrets. */
const COMMON_WORDS =
  /^(?:password|passw0rd|secret|pass|pwd|admin|root|test|testing|changeit|letmein|qwerty\w{0,6})$/i;

/** A run of mask characters in a value masked by hand or by a provider (sk-ab12****cd34, tok_…wxyz). */
const MASK_RUN = /\*{3,}|\.{3,}|…|•{2,}/g;
/** A key family's short prefix (sk-, sk-proj-, ghp_, xoxb-): it tells the shape, not the secret. */
const FAMILY_PREFIX = /^[A-Za-z]{1,6}(?:[-_][A-Za-z]{1,8}){0,2}[-_]/;
/**
 * A masked value still showing more than this many characters of the secret (its family prefix
 * aside) shows too much to be echoed; providers' own masks show five to nine (sk-PMafP****E873).
 */
const MAX_VISIBLE_OF_MASKED = 12;

/** True when a value has a mask in it but still shows much of the secret (sk-rr74s90yy51b****8ac7892149a18). */
function showsMuchOfMasked(value: string): boolean {
  const parts = value.split(MASK_RUN);
  if (parts.length < 2) return false;
  const visible = parts
    .join('')
    .replace(FAMILY_PREFIX, '')
    .replace(/[^A-Za-z0-9]/g, '');
  return visible.length > MAX_VISIBLE_OF_MASKED && /\d/.test(visible) && /[A-Za-z]/.test(visible);
}

/** True when a value is obviously not a working credential (YOUR_API_KEY, sk-xxxx…, <token>, FAKE). */
export function isPlaceholderValue(value: string): boolean {
  if (showsMuchOfMasked(value) && !DELIBERATE_PLACEHOLDER.test(value)) return false;
  if (valueInTemplateBraces(value) !== undefined) return false;
  if (PLACEHOLDER_WORDS.test(value) || COMMON_WORDS.test(value)) return true;
  // Values made of very few distinct characters (aaaa…, 0000…) are typed by hand, not issued.
  return new Set(value).size < 6;
}

/** Long and mixed (lower, upper, digits), with no deliberate placeholder word: a short word in it is chance. */
function looksIssued(value: string): boolean {
  if (DELIBERATE_PLACEHOLDER.test(value)) return false;
  return value.length >= 16 && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value);
}

/** Words someone writes on purpose into a made-up value (short ones like "none" can be chance). */
const DELIBERATE_PLACEHOLDER =
  /your[_-]|placeholder|example|fake|dummy|sample|redacted|changeme|replace|insert/i;

/** The label shown instead of a credential. */
export function credentialLabel(provider: string, kind: string, last4: string): string {
  const who = provider === 'generic' ? kind : `${provider} ${kind}`;
  return last4 ? `[${who} …${last4}]` : `[${who}]`;
}

function fingerprint(
  provider: string,
  kind: string,
  value: string,
  live: boolean,
  hideLast4 = false,
): CredentialFingerprint {
  // a value masked at its end (sk-abc123…) shows the last four it still has, not the mask
  const shown = value.replace(/(?:\*+|\.{2,}|…|•+)$/, '');
  const last4 = shown.length >= MIN_LENGTH_FOR_LAST4 && !hideLast4 ? shown.slice(-4) : '';
  return { provider, kind, last4, live, label: credentialLabel(provider, kind, last4) };
}

/** A key cut short by another key glued behind it is still redacted when this much of it is left. */
const MIN_CLIPPED_LENGTH = 8;

/** Encoded or escaped characters, and schemes, that can sit directly in front of a key. */
const GLUE =
  /\\[nrt"'\\]|(?:bearer|token|basic|bot)(?=(?:sk|rk|pk)[-_]|gh[pousr]_|github_pat_|xox[a-z]|xapp-|eyJ|AIza|hf_|SG\.|glpat-|ya29\.)/gi;

/** Merges two lists of spans sorted by start into one sorted list. */
function mergeByStart(a: CredentialMatch[], b: CredentialMatch[]): CredentialMatch[] {
  if (b.length === 0) return a;
  const out: CredentialMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (y === undefined || (x !== undefined && x.start <= y.start)) {
      out.push(x as CredentialMatch);
      i++;
    } else {
      out.push(y);
      j++;
    }
  }
  return out;
}

/**
 * Every credential in `text`, most specific pattern first, without overlaps, in text order.
 * Matches of one pattern come in increasing order, so overlaps with the spans already found are
 * checked with one pointer that only moves forward (linear, even with thousands of keys).
 * The patterns read the normalised view of the text; the spans returned are in `text` itself.
 */
export function scanCredentials(text: string): CredentialMatch[] {
  const view = normalise(text);
  return scanView(view.text).map((m) => ({ ...m, ...originalSpan(view, m.start, m.end) }));
}

/** Credentials in an already normalised text; spans in that text. */
function scanView(text: string): CredentialMatch[] {
  let found: CredentialMatch[] = [];
  // Keys glued to an escaped newline or a scheme ("\nsk-...", "Bearersk-...") have no word boundary
  // in front; the patterns run on a copy where that glue is blanked (same length, same positions).
  const scan = text.replace(GLUE, (g) => ' '.repeat(g.length));
  for (const pattern of CREDENTIAL_PATTERNS) {
    const added: CredentialMatch[] = [];
    let p = 0;
    pattern.regex.lastIndex = 0;
    for (let m = pattern.regex.exec(scan); m !== null; m = pattern.regex.exec(scan)) {
      let value = pattern.group === undefined ? m[0] : (m[pattern.group] ?? '');
      if (!value) continue;
      let start = pattern.group === undefined ? m.index : m.index + m[0].lastIndexOf(value);
      let end = start + value.length;
      while (p < found.length && (found[p]?.end ?? 0) <= start) p++;
      const taken = found[p];
      if (taken && taken.start < end) {
        // Two keys glued together ("xoxb-...sk_live_..."), or a generic value running into a key
        // found already (a Cookie header holding a JWT): keep the part in front of the one found.
        if (taken.start - start < MIN_CLIPPED_LENGTH) {
          // Look again just after what is already taken: another key may start inside this match.
          let q = p;
          while (q + 1 < found.length && (found[q + 1]?.start ?? 0) < end) q++;
          pattern.regex.lastIndex = Math.max(m.index + 1, found[q]?.end ?? 0);
          continue;
        }
        end = taken.start;
        value = scan.slice(start, end);
      }
      const d = pattern.describe(value, m);
      if (!d.kind) continue;
      if (d.skip) {
        value = value.slice(d.skip);
        start += d.skip;
      }
      if (d.trim) {
        value = value.slice(0, value.length - d.trim);
        end -= d.trim;
      }
      // A password is judged by what passwords look like: `password=$Tk9...` or one holding "none"
      // is real; `${DB_PASSWORD}` or `***` is not.
      const judged = d.judgeFrom ? value.slice(d.judgeFrom) : value;
      const placeholder = d.kind === 'password' ? isPasswordPlaceholder(judged) : isPlaceholderValue(judged);
      // A generic value that is a placeholder (YOUR_API_KEY) is not a credential: leave it visible,
      // unless it looks issued (long, three character classes): a random key may hold "none".
      if (pattern.provider === 'generic' && placeholder && !looksIssued(judged)) continue;
      const live = (d.live ?? true) && !placeholder && d.shape !== 'test';
      added.push({
        start,
        end,
        value,
        ...(d.shape ? { shape: d.shape } : {}),
        fingerprint: fingerprint(pattern.provider, d.kind, value, live, d.hideLast4),
      });
    }
    found = mergeByStart(found, added);
  }
  return withRepeats(text, withMaskedTails(text, found));
}

/** A credential found once is hidden wherever else the text repeats it, if it is this long. */
const MIN_REPEATED_LENGTH = 8;
/**
 * Only values shaped like keys are looked for again (letters and digits, no path): a value judged a
 * credential by where it stood (an address after `remote=`, a file path after `token:`) is not
 * hidden in the rest of the text as well.
 */
function repeatable(value: string): boolean {
  return (
    value.length >= MIN_REPEATED_LENGTH &&
    /[A-Za-z]/.test(value) &&
    /\d/.test(value) &&
    !/\/[a-z]{3,}/.test(value)
  );
}
/** Runs of the characters keys are made of: a repeat stands alone between other characters. */
const VALUE_RUN = /[A-Za-z0-9_\-+/~.=:]+/g;

/**
 * The other places the text repeats a credential found once: an error quoting the key it refused
 * (`API-KEY 'abc...' is invalid`), the same key pasted again in a sentence after the config. One
 * pass over the text's runs, each looked up in the set of values found.
 */
function withRepeats(text: string, found: CredentialMatch[]): CredentialMatch[] {
  const byValue = new Map<string, CredentialMatch>();
  for (const m of found) if (repeatable(m.value)) byValue.set(m.value, m);
  if (byValue.size === 0) return found;
  const added: CredentialMatch[] = [];
  let p = 0;
  for (const run of text.matchAll(VALUE_RUN)) {
    let value = byValue.has(run[0]) ? run[0] : run[0].replace(/[.:]+$/, '');
    let start = run.index;
    let known = byValue.get(value);
    // the value after a name and `:` or `=` (`UserName:<password>` in a dumped curl option)
    const cut = known ? -1 : value.search(/[:=][^:=]+$/);
    if (cut >= 0) {
      value = value.slice(cut + 1);
      start += cut + 1;
      known = byValue.get(value);
    }
    if (!known) continue;
    const end = start + value.length;
    while (p < found.length && (found[p]?.end ?? 0) <= start) p++;
    if ((found[p]?.start ?? Infinity) < end) continue;
    added.push({ ...known, start, end });
  }
  return mergeByStart(found, added);
}

/**
 * The end a user left visible after masking the middle of a key by hand ("Bearer eyJhbGci ...
 * Qssw5c8x", "AAAAAAAA…9xk2q3"): it is part of the secret. Only a random-looking piece (letters
 * and digits) counts, not the word after an ellipsis in a sentence.
 */
const MASKED_TAIL = /^[ \t]{0,2}(?:\.{3,}|…)[ \t]{0,2}([A-Za-z0-9_+/=-]{5,120})(?![A-Za-z0-9_+/=-])/;

function withMaskedTails(text: string, found: CredentialMatch[]): CredentialMatch[] {
  return found.map((m, i) => {
    const tail = MASKED_TAIL.exec(text.slice(m.end, m.end + 130));
    if (!tail || !/\d/.test(tail[1] ?? '') || !/[A-Za-z]/.test(tail[1] ?? '')) return m;
    const end = m.end + tail[0].length;
    const next = found[i + 1];
    return next && next.start < end ? m : { ...m, end };
  });
}

/** Replaces the matches in `text` with their labels (or with `replacement`). */
export function replaceCredentials(
  text: string,
  matches: readonly CredentialMatch[],
  replacement?: string,
): string {
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + (replacement ?? m.fingerprint.label);
    at = m.end;
  }
  return out + text.slice(at);
}

/** Credential labels as `credentialLabel` writes them, to find them again in redacted text. */
const LABEL =
  /\[[a-z0-9 .-]{0,60}(?:key|token|secret|password|credentials?|jwt|sid|cookie|signature|url)(?: …[^\]\s]{1,4})?\]/gi;

/** Removes credential labels from redacted text, so the words in them are not read as the user's. */
export function stripLabels(redacted: string): string {
  return redacted.replace(LABEL, ' ');
}

/** Each credential once, by its label: a key pasted twice, or quoted back by an error, is one key. */
export function distinctFingerprints(
  fingerprints: readonly CredentialFingerprint[],
): CredentialFingerprint[] {
  const seen = new Set<string>();
  const out: CredentialFingerprint[] = [];
  for (const f of fingerprints) {
    if (seen.has(f.label)) continue;
    seen.add(f.label);
    out.push(f);
  }
  return out;
}

/** Replaces every credential in `text` by its fingerprint label; returns the fingerprints (no values). */
export function redactSecrets(text: string): { text: string; credentials: CredentialFingerprint[] } {
  const clean = text.replace(ZERO_WIDTH, '');
  const matches = scanCredentials(clean);
  return { text: replaceCredentials(clean, matches), credentials: matches.map((m) => m.fingerprint) };
}
