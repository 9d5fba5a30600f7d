import { isCredentialField, pairedCredentialField, WITHHELD, withholds } from './credential-field.ts';
import { redactSecrets } from './redact.ts';

/** Replaces any credential left in a string; the value to store or log. */
export function redactText(text: string): string {
  return redactSecrets(text).text;
}

/**
 * Strings already scanned and found free of credentials. A conversation's state is saved on every
 * turn and carries the texts of earlier turns (and many template sentences shared by every
 * conversation): scanning them again each time cost a third of a turn. Only clean strings are kept,
 * so the cache never holds a secret; it is bounded by count and by characters.
 */
const CLEAN_MAX_STRINGS = 20_000;
const CLEAN_MAX_CHARS = 4_000_000;
const clean = new Set<string>();
let cleanChars = 0;

function redactKnownClean(text: string): string {
  if (clean.has(text)) return text;
  const { text: redacted, credentials } = redactSecrets(text);
  if (credentials.length === 0 && redacted === text) {
    if (clean.size >= CLEAN_MAX_STRINGS || cleanChars + text.length > CLEAN_MAX_CHARS) {
      clean.clear();
      fieldVerdicts.clear();
      cleanChars = 0;
    }
    clean.add(text);
    cleanChars += text.length;
  }
  return redacted;
}

/**
 * Whether a field name is a credential's, for names seen clean before: a state object's field
 * names are the same few on every save, and working out each again was a tenth of a save. Only
 * names in the clean set are kept, so this never holds a secret either; it is cleared with it.
 */
const fieldVerdicts = new Map<string, boolean>();

function credentialFieldKnownClean(name: string): boolean {
  const known = fieldVerdicts.get(name);
  if (known !== undefined) return known;
  const verdict = isCredentialField(name);
  if (clean.has(name)) {
    if (fieldVerdicts.size >= CLEAN_MAX_STRINGS) fieldVerdicts.clear();
    fieldVerdicts.set(name, verdict);
  }
  return verdict;
}

/** An object that wraps a value in a `value` field (ARM parameters, Terraform outputs). */
function isValueWrapper(v: unknown): boolean {
  return (
    v !== null &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    typeof (v as Record<string, unknown>).value === 'string' &&
    ((v as Record<string, unknown>).value as string).length > 0
  );
}

interface Redactor {
  text: (text: string) => string;
  isCredentialField: (name: string) => boolean;
}

function redactValue(value: unknown, redact: Redactor): unknown {
  if (typeof value === 'string') return redact.text(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const paired = pairedCredentialField(value as Record<string, unknown>);
    for (const [k, v] of Object.entries(value)) {
      const name = redact.text(k);
      const credential = redact.isCredentialField(k);
      // an ARM parameter under a credential's name: {"adminPassword": {"value": "..."}}
      const wrapped = credential && isValueWrapper(v);
      out[name] =
        (credential && withholds(k, v)) || k === paired
          ? WITHHELD
          : wrapped
            ? { ...(redactValue(v, redact) as object), value: WITHHELD }
            : redactValue(v, redact);
    }
    return out;
  }
  return value;
}

/**
 * Every string inside a JSON-like value, redacted (keys too, as they can carry user text); the
 * value of a field named for a credential (`apiKey`, `password`) is withheld whatever its shape.
 */
export function redactDeep(value: unknown): unknown {
  return redactValue(value, { text: redactText, isCredentialField });
}

/**
 * Serialises a value with every credential replaced: each string (and key) is scanned on its own,
 * as the text it really is (a newline is a newline, not JSON's `\n`), so a key wrapped over two
 * lines is still found. Strings seen clean before are not scanned again.
 */
export function redactedJson(value: unknown): string {
  return JSON.stringify(
    redactValue(value, { text: redactKnownClean, isCredentialField: credentialFieldKnownClean }),
  );
}
