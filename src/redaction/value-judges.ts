/**
 * Judges of a value a context pattern found: whether what follows a password name, an auth scheme,
 * a name that says "key", or a word in prose is a credential or ordinary text (a message, a
 * variable, a placeholder, a word).
 */

/** A value made of lowercase words and separators: a name or setting, not an issued secret. */
export const WORDY_VALUE = /^[a-z]{2,}(?:[-_.:/][a-z0-9]{1,})*$/;

/** Three character classes, few slashes, no path shape, capitals and small letters mixed: random. */
export function looksRandom(v: string): boolean {
  if (classCount(v) < 3 || v.includes('//')) return false;
  const slashes = v.length - v.replaceAll('/', '').length;
  // CamelCase identifiers have a capital per word; random strings about as many capitals as small.
  const upper = v.length - v.replace(/[A-Z]/g, '').length;
  const lower = v.length - v.replace(/[a-z]/g, '').length;
  return slashes * 10 <= v.length && upper * 4 >= lower && lower * 4 >= upper;
}

/** A value after a scheme word that is a credential, not prose ("Bearer token is wrong"). */
export function isSchemeValue(v: string): boolean {
  if (WORDY_VALUE.test(v) || PROSE_AFTER_SCHEME.test(v) || SINGLE_WORD.test(v)) return false;
  return v.length >= 8 || classCount(v) >= 2;
}

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
  if (new Set(value).size <= 1 || PASSWORD_PLACEHOLDER_WORD.test(value)) return true;
  return /^(?:password|passw0rd|secret|pass|pwd|admin|root|test|testing|changeit|letmein|qwerty\w{0,6})$/i.test(
    value,
  );
}

const PASSWORD_REFERENCE =
  /^(?:\$\{[^}]{0,100}\}|\$\(?[A-Z_][A-Z0-9_]{0,60}\)?|\$[a-z_][a-z0-9_]{0,60}|%[A-Za-z_][A-Za-z0-9_]{0,60}%|<[^>]{0,100}>|\{\{[^}]{0,100}\}\}|\[[^\]]{0,100}\])[.,;)]?$/;
const PASSWORD_MASK = /^(?:\*+|x+|•+|\.+|…|-+|#+)$/i;
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
): { kind: string; trim?: number } {
  const value = rawValue.replace(TRAILING, '');
  const trim = rawValue.length - value.length;
  if (REFERENCE.test(value) || WORDY_VALUE.test(value) || SINGLE_WORD.test(value)) return { kind: '' };
  if (/^[A-Z][A-Z0-9_]*$/.test(value) || /^[\d.:/-]+$/.test(value)) return { kind: '' };
  const name = rawName.toLowerCase();
  if (/pass/.test(name)) {
    const symbol = /[^A-Za-z0-9]/.test(value) && /[A-Za-z]/.test(value);
    if (isPasswordPlaceholder(value) || (classCount(value) < 2 && !symbol)) return { kind: '' };
    return { kind: 'password', trim };
  }
  // between the name and the value: "is", "was", "=" or ":" says a value is given
  const between = whole.slice(rawName.length, whole.length - rawValue.length);
  const min = /is|was|=|:/i.test(between) ? MIN_STATED_VALUE : MIN_BARE_VALUE;
  if (value.length < min || classCount(value) < 2) return { kind: '' };
  return { kind: /token|pat/.test(name) ? 'token' : /secret/.test(name) ? 'secret' : 'API key', trim };
}

/** A value stated in prose ("my key is ...") is redacted from this length... */
const MIN_STATED_VALUE = 12;
/** ...and one right after the word ("azure key 9f3a...") from this one. */
const MIN_BARE_VALUE = 20;

/** Trailing punctuation of prose or code around a value that is not part of it. */
const TRAILING = /[)\]},;.]+$/;

/** A value that names where the secret comes from (an env lookup, a template), not the secret. */
const REFERENCE =
  /^(?:\$\{|\$(?:[A-Z_][A-Z0-9_]*|[A-Za-z_][A-Za-z_]*)[.,;)]?$|process\.env|os\.environ|os\.getenv|env\.|ENV\[|getenv|System\.getenv|Environment\.|import\.meta\.env|Deno\.env|<|\{)/;

/** Judges a value found after a name: passwords whatever their shape, vague names only when keyish. */
export function nameValueDescribe(
  rawName: string,
  rawValue: string,
): { kind: string; hideLast4?: boolean; trim?: number } {
  const name = rawName.toLowerCase();
  const value = rawValue.replace(TRAILING, '');
  const trim = rawValue.length - value.length;
  if (REFERENCE.test(value) || /\($/.test(value)) return { kind: '' };
  // One word of prose is a message, not a value: "password: required", "Primary key: customerId"
  if (SINGLE_WORD.test(value) && value.length <= 12) return { kind: '' };
  if (/pass|pwd|passphrase/.test(name))
    return isPasswordPlaceholder(value) ? { kind: '' } : { kind: 'password', trim };
  if (WORDY_VALUE.test(value) || value.length < 8 || (value.length < 12 && classCount(value) < 2))
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
