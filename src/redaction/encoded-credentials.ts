/**
 * Credentials hidden in base64: a bare `user:password` someone encoded for a Basic header, a
 * Kubernetes secret's `data:` value holding a database URL, a key or a private key encoded into a
 * config blob. Short runs are what the last-resort rule (32 characters and more) cannot see. The
 * run is redacted when what it decodes to is itself a credential; base64 of ordinary data (a public
 * key, an image, a certificate) decodes to binary or to text with no credential in it and is left.
 */
import { isPasswordPlaceholder, looksRandom } from './value-judges.ts';
import type { CredentialPattern } from './pattern-types.ts';

/** Shortest run worth decoding: "a:bcdefghi" is 10 bytes, 16 characters. */
const MIN_ENCODED = 16;
/** Longest run decoded: a secret's encoding is short; a longer blob is data (and costs time). */
const MAX_ENCODED = 2048;

/** `user:password` and nothing else, the way Basic authentication encodes it. */
const USER_PASSWORD = /^([^\s:{}"[\]]{1,64}):(\S{4,200})$/;
/** A URL whose user information carries a password (postgres://app:pw@db/...). */
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]{1,20}:\/\/[^\s/:@]{1,64}:([^\s@/]{3,200})@/i;
/** A name that says what the value after it is (password=, "token": ...). */
const NAMED_SECRET =
  /(?:pass(?:word|wd)?|secret|token|api[_-]?key|private[_-]?key)["']?\s{0,3}[:=]\s{0,3}["']?([^\s"',;]{6,})/i;
/** A PEM private key (an encoded deploy key, a kubeconfig's client-key-data). */
const PRIVATE_KEY = /-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY-----/;
/** Prefixes of keys issued by the big providers. */
const KEY_PREFIX =
  /(?:^|[^A-Za-z0-9])(?:sk-|sk_live_|rk_live_|gh[pousr]_|github_pat_|xox[abp]-|glpat-|AKIA|AIza|hf_)[A-Za-z0-9_-]{16}/;

/** Mostly printable ASCII text (tabs and line breaks allowed): what an encoded secret decodes to. */
function printable(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c > 0x7e) return false;
  }
  return true;
}

/** The text `run` decodes to when it is base64 of printable text, else undefined. */
function decodeBase64Text(run: string): string | undefined {
  const body = run.replace(/=+$/, '');
  if (body.length < MIN_ENCODED || body.length > MAX_ENCODED || body.length % 4 === 1) return undefined;
  const text = Buffer.from(body, 'base64').toString('latin1');
  return printable(text) ? text : undefined;
}

/**
 * True when `run` is base64 of a credential: user:password, a URL with a password, a named secret,
 * a provider's key or a PEM private key.
 */
function decodesToCredential(run: string): boolean {
  const text = decodeBase64Text(run);
  if (text === undefined) return false;
  const pair = USER_PASSWORD.exec(text);
  if (pair) {
    const secret = pair[2] ?? '';
    // a time (12:30:00) or a ratio is not a login; a password is not a placeholder
    return !/^[\d:.]+$/.test(text) && !isPasswordPlaceholder(secret);
  }
  const url = URL_WITH_PASSWORD.exec(text);
  if (url) return !isPasswordPlaceholder(url[1] ?? '');
  const named = NAMED_SECRET.exec(text);
  if (named) return !isPasswordPlaceholder(named[1] ?? '') || looksRandom(named[1] ?? '');
  return KEY_PREFIX.test(text) || PRIVATE_KEY.test(text);
}

export const ENCODED_CREDENTIAL_PATTERNS: readonly CredentialPattern[] = [
  {
    provider: 'generic',
    // a run glued to a dot is a part of a dotted token (a JWT's header), not a value of its own
    regex: new RegExp(
      `(?<![A-Za-z0-9+/=_.-])[A-Za-z0-9+/]{${MIN_ENCODED},${MAX_ENCODED}}={0,2}(?![A-Za-z0-9+/=_.-])`,
      'g',
    ),
    describe: (v) => (decodesToCredential(v) ? { kind: 'encoded credentials' } : { kind: '' }),
  },
];
