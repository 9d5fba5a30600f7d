import { PASSWORD_WORDS } from './credential-words.ts';

/**
 * Judges of a value a context pattern found: whether what follows a password name, an auth scheme,
 * a name that says "key", or a word in prose is a credential or ordinary text (a message, a
 * variable, a placeholder, a word).
 */

const WORDY_SHAPE = /^[a-z]{2,}(?:[-_.:/](?:[a-z0-9]{1,10}|[a-z]+|[0-9]+))*$/;
/** Five consonants in a row (srzcrzzcjhrg), which no word of twelve or more letters has. */
const RANDOM_LETTERS = /[b-df-hj-np-tv-xz]{5}/;

/**
 * A value made of lowercase words and separators: a name or setting (us-east-1, gpt-4o-mini), not
 * an issued secret. A long part mixing letters and digits (sess-1j27zafm2cxmf9v2), or a long run of
 * letters no word has (sess-srzcrzzcjhrgggtm), is random, not a word.
 */
export function isWordyValue(v: string): boolean {
  return WORDY_SHAPE.test(v) && !hasRandomLetters(v);
}

/**
 * A part of twelve or more letters that no word has (the body of sess-srzcrzzcjhrgggtm), or of eight
 * or more with digits between letters the way an issued key's are (the body of wm_juqdv3rr), which
 * a name with a version does not put there (gpt-4o-mini, base64url, sha256sum, win32api).
 */
function hasRandomLetters(v: string): boolean {
  const parts = v.toLowerCase().split(/[-_.:/]/);
  return (
    parts.some(
      (part) =>
        (part.length >= 12 && (RANDOM_LETTERS.test(part) || fewVowels(part))) ||
        (part.length >= 8 && /[a-z]\d+[a-z]{2}/.test(part) && !VERSIONED_WORD.test(part)),
    ) ||
    // two short parts with digits between letters (my-secret-bp8u-gs3fd), which one name's version
    // or a numeronym (i18n, k8s) does not make
    parts.filter(
      (part) =>
        part.length >= 4 &&
        /[a-z]\d+[a-z]/.test(part) &&
        !/^[a-z]\d+[a-z]$/.test(part) &&
        !VERSIONED_WORD.test(part),
    ).length >= 2
  );
}

/** A word with a number inside it that names a format, an algorithm or a platform, not a key. */
const VERSIONED_WORD =
  /^(?:base\d+|sha\d+|md\d|utf\d+|win\d+|x\d+|amd\d+|arm\d+|ipv\d|http\d|oauth\d|v\d+)[a-z]*$/;

/** Fewer than one letter in five a vowel: random letters (a word of twelve or more has more). */
function fewVowels(part: string): boolean {
  return (part.length - part.replace(/[aeiouy]/g, '').length) * 5 < part.length;
}

/** Three character classes, few slashes, no path shape, capitals and small letters (or digits) mixed: random. */
export function looksRandom(v: string): boolean {
  if (classCount(v) < 3 || v.includes('://') || v.startsWith('//')) return false;
  // a path with words in it (archives/C05.../p17..., file/d/<id>/view) is a URL's, not a key
  if (v.includes('/') && v.split('/').some((part) => /^[a-z]{4,}$|^[a-z]{3,}(?:-[a-z0-9]+)+$/.test(part)))
    return false;
  // a name made of words (Qwen3.6-27B-AEON-Ultimate-BF16, AmazonEC2ContainerRegistryReadOnly)
  const parts = v.split(/[-_]/);
  if (
    parts.length >= 4 &&
    parts.filter((p) => /^(?:[A-Za-z][a-z]{2,}|\d+[A-Za-z]?|[A-Z]{2,5}\d{0,3})$/.test(p)).length * 4 >=
      parts.length * 3
  )
    return false;
  if (/^(?:[A-Z][a-z]{2,}|[A-Z]{2,4}\d{0,2}|\d{1,3}){4,}$/.test(v)) return false;
  const slashes = v.length - v.replaceAll('/', '').length;
  // CamelCase identifiers have a capital per word; random strings about as many capitals as small.
  const upper = v.length - v.replace(/[A-Z]/g, '').length;
  const lower = v.length - v.replace(/[a-z]/g, '').length;
  // ...and an identifier has a digit or two, where a random run of letters and digits has one in
  // five or more, and letters beyond hex (a hex id with a capital glued on is not random)
  const digits = v.length - v.replace(/\d/g, '').length;
  const beyondHex = v.length - v.replace(/[g-z]/g, '').length;
  const mixed =
    (upper * 4 >= lower && lower * 4 >= upper) ||
    (/^[A-Za-z0-9]+$/.test(v) && upper >= 2 && beyondHex >= 4 && digits * 5 >= v.length);
  return slashes * 10 <= v.length && mixed;
}

/** A value after a scheme word that is a credential, not prose ("Bearer token is wrong"). */
export function isSchemeValue(raw: string): boolean {
  const v = raw.replace(/^[*_~]+|[*_~]+$/g, '');
  if (isWordyValue(v) || PROSE_AFTER_SCHEME.test(v) || SINGLE_WORD.test(v)) return false;
  if (/^[A-Za-z_]+=$/.test(v) || isCodeOrPath(v) || URL_VALUE.test(v)) return false;
  if (NOT_A_SCHEME_VALUE.some((r) => r.test(v))) return false;
  return v.length >= 8 || classCount(v) >= 2;
}

/**
 * What follows "Token"/"Bearer"/"Bot" in reports without being a credential: a word in another
 * language ("Token 已过期", "Token zurückerhalten"), a word in capitals ("NO TOKEN AVAILABLE"), a
 * short word with a version ("Token OAuth2"), a placeholder name (`Bearer MY_API_KEY`), a protocol
 * ("/auth/token HTTP/2.0"), a query string, a Windows path or a stack frame.
 */
const NOT_A_SCHEME_VALUE = [
  /[^\x00-\x7f]/,
  /^[A-Z]+[.,:;!?]?$/,
  // a word with a version (OAuth2, JWT, token1), not letters with a capital inside (CxzdfvwsdqJ8)
  /^(?:[A-Z]{0,3}[a-z]+|[A-Z]+)\d{0,2}[.,:;!?]?$/,
  /^[a-z]+[.,:;!?]$/,
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/,
  /^HTTP\/\d/,
  /^[a-z_]+=|[&?][A-Za-z_]+=/,
  /\\/,
  /\.(?:js|ts|py|go|java|rb|php|cs)(?::\d+)+\)?$/,
  /::|[()]/,
  // a command-line flag (letters and dashes), not a key id that starts with a dash (-s900t_...)
  /^--?[a-z][a-z-]*$/,
];

/** One word of prose, capitalised or not ("Expired", "OpenAI"): not an issued value. */
const SINGLE_WORD = /^(?=.{1,16}$)[A-Z]?[a-z]+(?:[A-Z][a-z]*){0,2}[.,:;!?]?$/;

/**
 * A password value that is obviously not the real one: a reference ($DB_PASSWORD, ${PASS},
 * %PASS%, <password>, {{ secret }}), a mask (***, xxxx), one character repeated, a deliberate
 * placeholder word, or a word everyone types in examples. Anything else after a password name is
 * redacted, whatever its shape.
 */
export function isPasswordPlaceholder(value: string): boolean {
  if (PASSWORD_REFERENCE.test(value) || PASSWORD_MASK.test(value)) return true;
  // Home Assistant's `!secret name`, and a name in capitals standing for the value (MY_TOKEN)
  if (/^!secret$/.test(value) || /^[A-Z]+(?:_[A-Z]+)+$/.test(value)) return true;
  if (new Set(value).size <= 1 || PASSWORD_PLACEHOLDER_WORD.test(value)) return true;
  // the word itself, as a form label or a message says it ("Password is required", "Passwort")
  if (PASSWORD_LABEL_VALUE.test(value.normalize('NFKC'))) return true;
  return /^(?:password|passw0rd|secret|pass|pwd|admin|root|test|testing|changeit|letmein|qwerty\w{0,6})$/i.test(
    value,
  );
}

/** A value that is the word "password" in some language, alone or opening a message. */
const PASSWORD_LABEL_VALUE = new RegExp(
  `^(?:password|${PASSWORD_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?:\\s|$|[?.!:])`,
  'iu',
);

const PASSWORD_REFERENCE =
  /^(?:\$\{[^}]{0,100}\}|\$\(?[A-Z_][A-Z0-9_]{0,60}\)?|\$[A-Za-z_][A-Za-z0-9_]{0,60}|%[A-Z_][A-Z0-9_]{0,60}%|<[^>]{0,100}>|\{\{[^}]{0,100}\}\}|\[[^\]]{0,100}\])[.,;)]?$/;
const PASSWORD_MASK = /^(?:\*+|x+|•+|\.+|…|-+|#+|\(sensitive(?: value\))?|\(sensitive value\))$/i;
const PASSWORD_PLACEHOLDER_WORD =
  /(?:^|[^a-z])(?:your|placeholder|example|fake|dummy|sample|redacted|changeme|replace|insert|(?:my|the)[_-]?(?:password|pass|pwd|secret))(?:[^a-z]|$)/i;

const PROSE_AFTER_SCHEME =
  /^(?:auth(?:entication|orization)?|tokens?|scheme|header|prefix|keyword|format)\b/i;

export function classCount(v: string): number {
  return Number(/[a-z]/.test(v)) + Number(/[A-Z]/.test(v)) + Number(/[0-9]/.test(v));
}

/**
 * A value named in prose ("my token is ..."): only one that looks issued, not a word ("the key is
 * invalid"), a variable name (OPENAI_API_KEY) or a date; without "is" or ":" it must be longer.
 */
export function proseValueDescribe(
  rawName: string,
  rawValue: string,
  whole: string,
): { kind: string; skip?: number; trim?: number } {
  // markdown emphasis around a value is not part of it (**GPTSimpleVectorIndex**, ~~old key~~)
  const skip = /^[*_~]*/.exec(rawValue)?.[0].length ?? 0;
  const value = rawValue
    .slice(skip)
    .replace(TRAILING, '')
    .replace(/[*_~]+$/, '');
  const trim = rawValue.length - skip - value.length;
  if (REFERENCE.test(value) || isWordyValue(value) || SINGLE_WORD.test(value)) return { kind: '' };
  if (KEYBOARD_SHORTCUT.test(value) || ISO_TIME.test(value) || HASHED_CACHE_KEY.test(value))
    return { kind: '' };
  if (FLAG.test(value) || /^(?:SHA(?:1|256|384|512)|MD5):/i.test(value)) return { kind: '' };
  if (HEADER_NAME.test(value) || UPPER_HEADER_NAME.test(value)) return { kind: '' };
  // another setting of the same message (AdditionalMessage=Invalid), or code (JWT::encode($p)), not a value
  if (/^[A-Za-z_]+=[A-Za-z_]*$/.test(value) || /::|\(/.test(value)) return { kind: '' };
  if (/^[A-Z][A-Z0-9_]*$/.test(value) || /^[\d.:/-]+$/.test(value)) return { kind: '' };
  if (DOTTED_PATH.test(value) || /^\.{0,2}\//.test(value)) return { kind: '' };
  if (/[^\x00-\x7f]/.test(value) || isCodeOrPath(value) || EMAIL.test(value)) return { kind: '' };
  if (URL_VALUE.test(value) || /^[([{]/.test(value) || /^\d{4}-\d{2}-\d{2}/.test(value)) return { kind: '' };
  // a markdown link, a file path, an identifier: words of the sentence, not a value
  if (/\]\(|:\/\//.test(value) || /^~?\.{0,2}\//.test(value) || /\/.*\.\w{2,4}$/.test(value))
    return { kind: '' };
  if (!/\d/.test(value) && /^[A-Za-z_-]+$/.test(value)) return { kind: '' };
  // a value on the next line only after "key:" ("here is my API key:\n..."), not after a word
  // ending a line ("publishable API key\nstripe.error...")
  const between = whole.slice(rawName.length, whole.length - rawValue.length);
  if (between.includes('\n') && !/:|is|was|=/.test(between)) return { kind: '' };
  // an attribute of the key, not the key: "gpg key ID: 3AA5...", "key length: 4096", "token type: ..."
  if (KEY_ATTRIBUTE.test(between)) return { kind: '' };
  const name = rawName.toLowerCase();
  if (/pass/.test(name)) {
    const symbol = /[^A-Za-z0-9]/.test(value) && /[A-Za-z]/.test(value);
    if (isPasswordPlaceholder(value) || (classCount(value) < 2 && !symbol)) return { kind: '' };
    return { kind: 'password', skip, trim };
  }
  // words between the name and the value ("the key I use is ..."): only an issued-looking value,
  // not an id ("client secret keys for app '<uuid>'")
  if (
    /[A-Za-z]{2}/.test(between.replace(/\b(?:is|was|to)\b/g, '')) &&
    (UUID.test(value) || value.length < 16)
  )
    return { kind: '' };
  // between the name and the value: "is", "was", "to", "=", ":" or an opening bracket says a value
  // is given ("I set the token to ...", "the api key (...)")
  const min = /is|was|\bto\b|=|:|\(/i.test(between) ? MIN_STATED_VALUE : MIN_BARE_VALUE;
  if (value.length < min || classCount(value) < 2) return { kind: '' };
  return { kind: /token|pat/.test(name) ? 'token' : /secret/.test(name) ? 'secret' : 'API key', skip, trim };
}

/** Words of an error message that follow "password:" where a value would ("password: required"). */
export const PASSWORD_MESSAGE_WORD =
  /^(?:required|invalid|incorrect|missing|empty|wrong|expired|yes|no|true|false|null|none|undefined|must|should|cannot|can't|not|is|was|needs?|has|have|does|did|will|the|a|an|your|enter|please|field|length|minimum|at|changed|reset|set|provided|mismatch|error|failed|too|short|long|weak|strong|hidden|masked|omitted|unset|blank|present|absent|ok)[.,:;!?)]?$/i;
/** A command-line flag standing where a value would (`--value`, `-p`): the value comes after it. */
const FLAG = /^--?[a-z][a-z-]{0,30}$/;
/**
 * Names that end in a secret word but hold none: a handshake nonce, a client-chosen id, a column,
 * a pagination cursor, a public key, a CA certificate, a proxy bypass list, a keyboard shortcut, a
 * key's id (a private key's id stays withheld: it sits in a service-account file beside the key).
 */
const NOT_SECRET_NAME =
  /^(?:sec-websocket-(?:key|accept)|(?:x-)?idempotency-key|primary[-_ ]?key|foreign[-_ ]?key|sort[-_ ]?key|partition[-_ ]?key|cache[-_ ]?key|row[-_ ]?key|(?:next[-_]?)?page[-_]?token|next[-_]?token|continuation[-_]?token|sync[-_]?token|public[-_]?key|pub[-_]?key|certificate-authority-data|[a-z]*[-_]?bypass|shortcut[-_ ]?key|hot[-_]?key|(?![a-z0-9_-]*(?:private|secret))(?:[a-z0-9]+[-_])*key[-_]?ids?)$/;
/** A name for a key's id (APCA_API_KEY_ID, access_key_id, client-key-id). */
const KEY_ID_NAME = /key[-_]?ids?$/;
/** A key id this long and random is withheld like a key. */
const MIN_RANDOM_KEY_ID = 16;
/** A word naming an attribute of a key right after the key's name: its id, fingerprint, length. */
const KEY_ATTRIBUTE =
  /^[ \t]{1,3}(?:id|ids|fingerprint|length|size|type|name|prefix|format|version|count|expiry|expiration)\b/i;
/** A keyboard shortcut (ctrl+shift+k, Cmd+Option+I): what a "key" setting of an editor holds. */
const KEYBOARD_SHORTCUT =
  /^(?:(?:ctrl|control|cmd|command|shift|alt|option|opt|meta|super|win)\+)+[^\s+]{1,12}$/i;
/** A timestamp (token: 2024-06-01T10:00:00Z): when, not what. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
/** A CI cache key: words, then the hash of a lock file (Linux-node-9a09ade9...). */
const HASHED_CACHE_KEY = /^[A-Za-z]+(?:-[A-Za-z0-9.]+)*-[0-9a-f]{32,64}$/;
/** An HTTP header name (Content-Type, X-Client-Info): what a list of header names holds. */
const HEADER_NAME = /^(?:[A-Z][a-z]+|X)(?:-[A-Z][A-Za-z]*)+$/;
/** A header name in capitals (CB-ACCESS-PASSPHRASE, X-API-KEY). */
const UPPER_HEADER_NAME = /^[A-Z]+(?:-[A-Z0-9]+)+$/;
/** An environment variable's name (OPENAI_API_KEY): a reference to a value, not one. */
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/**
 * An environment variable's name has a word among its parts (OPENAI_API_KEY, S3_BUCKET); capitals
 * and digits mixed in every part (UGN7_N8G_GH3) are an issued value written in capitals.
 */
function isEnvName(v: string): boolean {
  return ENV_NAME.test(v) && (v.length < 10 || v.split('_').some((part) => /^[A-Z]{2,}$/.test(part)));
}
/** A dotted path of identifiers (common.buttons.submitForm, config.apiKey): code or a key path. */
const DOTTED_PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** An IPv4 address, perhaps with a port or a prefix length. */
const IP_ADDRESS = /^(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5}|\/\d{1,2})?$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A URL (its user:password part, if any, is the URL pattern's). */
const URL_VALUE = /^[a-z][a-z0-9+.-]{1,20}:\/\//i;

/** An e-mail address: a user name, not a secret. */
const EMAIL = /^[^@\s]{1,64}@[^@\s]{1,200}\.[A-Za-z]{2,}$/;

/**
 * Code standing where a value would, or a path: `req.body.password`, `hashSync(...)`,
 * `request.form[...]`, `password_hash`, `userPassword`, `ConvertTo-SecureString`,
 * `ProjectSettings/DefaultRegion`. Identifiers with digits are left to be values (`aB3cD4eF`).
 */
export function isCodeOrPath(v: string): boolean {
  // a long run strewn with symbols is a generated salt or password (WordPress keys), not code
  if (v.length >= 20 && (v.match(/[!@#%^&*;<>?|~+=]/g)?.length ?? 0) >= 3 && !/\s/.test(v)) return false;
  // a dotted value with a long random part is a token (dt0c01.ST2EY72K....<secret>), not code
  if (
    v.includes('.') &&
    v.split('.').some((part) => /^[A-Za-z0-9_-]{16,}$/.test(part) && /\d/.test(part) && classCount(part) >= 2)
  )
    return false;
  // ...and so is one whose parts are shorter but random: digits strewn among small and capital
  // letters (eyJc3ttM5t09T7.sOj9LSsOVDN...), which no identifier in code has
  if (v.includes('.') && (v.split('.').some(strewnDigits) || looksRandom(v))) return false;
  if (/^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+(?:[([;,)]|$)/.test(v) && !/^\w+\.\w{2,4}$/.test(v))
    return true;
  if (/^[A-Za-z_$][\w$.]*[([]/.test(v)) return true;
  // a camelCase name, perhaps ending in a number (hashInBase64)
  if (/^[a-z]+(?:[A-Z][a-z]+)+\d{0,3}$/.test(v)) return true;
  if (/\d/.test(v)) return false;
  return (
    /^_*[a-z]+(?:_[a-z]+)+_*$/.test(v) ||
    /^[A-Z][a-z]+[A-Z]?[a-z]*-[A-Z][A-Za-z]+$/.test(v) ||
    /^[A-Za-z_][\w-]*(?:\/[A-Za-z_][\w-]*)+\/?$/.test(v)
  );
}

/** Ten or more characters of all three classes with digits in two or more separate places. */
function strewnDigits(part: string): boolean {
  return /^[A-Za-z0-9_-]{10,}$/.test(part) && classCount(part) >= 3 && (part.match(/\d+/g)?.length ?? 0) >= 2;
}

/** A value after a scheme word on the next line: long and mixed, as issued tokens are. */
export function looksIssuedAfterBreak(v: string): boolean {
  return v.length >= 16 && classCount(v) >= 2 && !v.includes('/') && !v.endsWith(':');
}

/** A value stated in prose ("my key is ...") is redacted from this length... */
const MIN_STATED_VALUE = 12;
/** ...and one right after the word ("azure key 9f3a...") from this one. */
const MIN_BARE_VALUE = 20;

/** Trailing punctuation of prose or code around a value that is not part of it. */
const TRAILING = /[)\]},;.:`]+$/;
/** A value followed by the next field of a form body: `k3e8…&format=json` (group 1: the value). */
const FORM_FIELD_AFTER = /^([^&=\s]{3,}?)&[A-Za-z_][A-Za-z0-9_.[\]-]{0,40}=/;

/** A value that names where the secret comes from (an env lookup, a template), not the secret. */
const REFERENCE =
  /^(?:\$\{|\$(?:[A-Z_][A-Z0-9_]*|[A-Za-z_][A-Za-z_]*)[.,;)]?$|process\.env|os\.environ|os\.getenv|env\.|ENV\[|getenv|System\.getenv|Environment\.|import\.meta\.env|Deno\.env|<|\{)/;

/**
 * Letters and digits mixed all through, with no word in it: an issued run (an OAuth code, a client
 * id such as hyB2qefdTaP30yy92hxs6i9f), not an error's code or a name, which are words.
 */
export function randomAlnum(v: string): boolean {
  if (!/^[A-Za-z0-9]{16,512}$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  const longestLetters = Math.max(...(v.match(/[A-Za-z]+/g) ?? ['']).map((run) => run.length));
  return digits >= 3 && v.length - digits >= 4 && digits * 6 >= v.length && longestLetters <= 8;
}

/** Capitals and digits mixed, as issued key ids are (PK9DF3CA0FHCKY2BWF8R), not a constant's name. */
function randomCapitalsAndDigits(v: string): boolean {
  if (!/^[A-Z0-9]{16,64}$/.test(v)) return false;
  const digits = v.replace(/\D/g, '').length;
  return digits >= 3 && v.length - digits >= 3;
}

/**
 * A random value someone put inside a template's braces (`api_key=${k3e8...}`, or the braces of a
 * documented placeholder left around a real key, `api_key={k3e8...}`): the braces make it look like
 * a reference, but no variable is named like that. Returns the value inside.
 */
export function valueInTemplateBraces(value: string): string | undefined {
  const inner = /^\$?\{([A-Za-z0-9_-]{16,200})\}?$/.exec(value)?.[1];
  if (inner === undefined || ENV_NAME.test(inner)) return undefined;
  const random = looksRandom(inner) || (/\d.*\d.*\d/.test(inner) && /[a-z]/.test(inner) && !/_/.test(inner));
  return random ? inner : undefined;
}

/** Judges a value found after a name: passwords whatever their shape, vague names only when keyish. */
export function nameValueDescribe(
  rawName: string,
  rawValue: string,
): { kind: string; hideLast4?: boolean; trim?: number; skip?: number } {
  const name = rawName.toLowerCase();
  // A form body (api_key=...&format=json, with no "?" before it): the value ends where the next
  // field starts. Keys never hold "&name="; a password might, so it keeps the whole run hidden.
  const field = /pass|pwd/.test(name) ? null : FORM_FIELD_AFTER.exec(rawValue);
  if (field?.[1] !== undefined) {
    const head = field[1];
    const d = nameValueDescribe(rawName, head);
    return d.kind ? { ...d, trim: (d.trim ?? 0) + rawValue.length - head.length } : d;
  }
  const value = rawValue.replace(TRAILING, '');
  const trim = rawValue.length - value.length;
  // a random value in template braces is judged as the value itself; its "${" or "{" and "}" stay visible
  const inBraces = valueInTemplateBraces(value);
  if (inBraces !== undefined)
    return { ...nameValueDescribe(rawName, inBraces), skip: value.startsWith('$') ? 2 : 1, trim };
  // Maven's encrypted password ({base64=}) is the secret itself, not a template
  if (/pass|pwd/.test(name) && /^\{[A-Za-z0-9+/]{16,}={0,2}\}$/.test(rawValue)) return { kind: 'password' };
  // ODBC quotes a password in braces (PWD={...};), which a template ({{ x }}, {DB_PASSWORD}) is not
  const braced = /^\{([^{}\s]{3,200})\};?$/.exec(rawValue)?.[1];
  if (/pass|pwd/.test(name) && braced !== undefined && /[^A-Za-z_]/.test(braced)) return { kind: 'password' };
  if (REFERENCE.test(value) || /\($/.test(value) || isCodeOrPath(value) || EMAIL.test(value))
    return { kind: '' };
  // a file the secret is read from (/run/secrets/db_password, ../htpasswd), not the secret
  if (/^(?:\.{1,2})?\/[\w.-]+(?:\/[\w.-]+)+$/.test(value)) return { kind: '' };
  if (URL_VALUE.test(value)) return { kind: '' }; // a URL's own credentials have their pattern
  if (/^[A-Za-z_]+=$/.test(value)) return { kind: '' }; // a parameter's name (`hmac username=`)
  // A key's id names it rather than proving it, but a random one is half of a key pair
  // (APCA_API_KEY_ID, an access key id): withheld too; a short or hex id (a GPG key id) stays.
  if (
    KEY_ID_NAME.test(name) &&
    value.length >= MIN_RANDOM_KEY_ID &&
    (looksRandom(value) || randomCapitalsAndDigits(value))
  )
    return { kind: 'key id' };
  if (FLAG.test(value) || NOT_SECRET_NAME.test(name)) return { kind: '' };
  // an address (the client's IP in a log line: "invalid API key: remote='10.0.0.7'"), which an
  // IP-restriction diagnosis needs to see, is not a key
  if (!/pass|pwd/.test(name) && IP_ADDRESS.test(value)) return { kind: '' };
  if (KEYBOARD_SHORTCUT.test(value) || ISO_TIME.test(value) || HASHED_CACHE_KEY.test(value))
    return { kind: '' };
  if (/pass|pwd|passphrase|(?:^|_)pw$/.test(name)) {
    // A password is redacted whatever its shape, unless it is a placeholder or a word of a message
    // ("password: required", "(using password: YES)")
    if (isPasswordPlaceholder(value) || PASSWORD_MESSAGE_WORD.test(value)) return { kind: '' };
    return { kind: 'password', trim };
  }
  // Not a password (those are redacted whatever their shape): an expression or a bracketed
  // placeholder ((var), [AuthToken]), a file path (Lambda/release.zip), the query string that
  // follows (XX&consumer_secret=XX), another setting (Message=Invalid)
  if (/^\(|^\[[A-Za-z_ ]*\]?$/.test(value) || /\/.*\.\w{2,4}$/.test(value)) return { kind: '' };
  if (/^[^&=\s]{0,10}&[A-Za-z_[\]]+=/.test(value) || /^[A-Za-z_]+=[A-Za-z_]*$/.test(value))
    return { kind: '' };
  // One word of prose, a header name, an env var name or a path is not a value: "Primary key:
  // customerId", "Authorization", "Content-Type", `OPENAI_API_KEY`, '/.../aws4_request'
  if (SINGLE_WORD.test(value) || HEADER_NAME.test(value) || /[^\x00-\x7f]/.test(value)) return { kind: '' };
  if (UPPER_HEADER_NAME.test(value) || (/^[A-Za-z]+(?:-[A-Za-z]+)+$/.test(value) && !hasRandomLetters(value)))
    return { kind: '' };
  if (isEnvName(value) || /^\.{0,2}\//.test(value)) return { kind: '' };
  // a PascalCase identifier (ClearTextPassword, SecretAccessKey) names a setting, not a value
  if (/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/.test(value)) return { kind: '' };
  if (isWordyValue(value) || value.length < 8 || (value.length < 12 && classCount(value) < 2))
    return { kind: '' };
  if (/^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+$/.test(value) && !/\d/.test(value))
    return { kind: '' }; // a code expression (config.apiKey), not a value
  const kind = /token/.test(name)
    ? 'token'
    : /secret|credential/.test(name)
      ? 'secret'
      : /session|auth|sig|code/.test(name)
        ? 'credential'
        : 'API key';
  return { kind, trim };
}
