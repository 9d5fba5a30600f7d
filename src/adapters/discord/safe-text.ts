/** Every string the adapter builds from user or engine text passes through here before Discord sees it. */
import { redactSecrets } from '../../redaction/redact.ts';
import { THREAD_NAME_MAX } from './limits.ts';

const ELLIPSIS = '…';
const FALLBACK_THREAD_NAME = 'keydoctor diagnosis';

/** Replaces any credential with its redacted label (defence in depth: the engine redacts too). */
export function safe(text: string): string {
  return redactSecrets(text).text;
}

/** Cuts `text` to at most `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}${ELLIPSIS}`;
}

/** A thread name from the user's symptom: redacted, one line, within Discord's 100 characters. */
export function threadName(symptom: string): string {
  const line = safe(symptom)
    .replace(/[`*_~|>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(line.length > 0 ? line : FALLBACK_THREAD_NAME, THREAD_NAME_MAX);
}
