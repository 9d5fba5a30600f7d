import { redactSecrets } from './redact.ts';

/** Replaces any credential left in a string; the value to store or log. */
export function redactText(text: string): string {
  return redactSecrets(text).text;
}

/** Every string inside a JSON-like value, redacted (keys too, as they can carry user text). */
export function redactDeep(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactText(k), redactDeep(v)]));
  }
  return value;
}

/**
 * Serialises a value with every credential replaced. Redacting the JSON text catches anything the
 * engine missed; if a replacement ever broke the JSON, fall back to redacting each string.
 */
export function redactedJson(value: unknown): string {
  const redacted = redactText(JSON.stringify(value));
  try {
    JSON.parse(redacted);
    return redacted;
  } catch {
    return JSON.stringify(redactDeep(value));
  }
}
