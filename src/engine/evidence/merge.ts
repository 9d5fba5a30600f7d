/** Accumulates evidence across the messages of one conversation. */
import { MAX_STATE_TEXT_CHARS } from '../limits.ts';
import type { Evidence } from '../types.ts';
import { dedupeSignals } from './index.ts';

/** `older` plus what `newer` adds; the text keeps its most recent part within the state cap. */
export function mergeEvidence(older: Evidence, newer: Evidence): Evidence {
  const text = older.redactedText ? `${older.redactedText}\n${newer.redactedText}` : newer.redactedText;
  const errors = [...older.errors];
  for (const e of newer.errors) if (!errors.some((o) => o.match === e.match)) errors.push(e);
  const credentials = [...older.credentials];
  for (const c of newer.credentials) if (!credentials.some((o) => o.label === c.label)) credentials.push(c);
  return {
    signals: dedupeSignals([...older.signals, ...newer.signals]),
    providers: [...new Set([...older.providers, ...newer.providers])],
    tools: [...new Set([...(older.tools ?? []), ...(newer.tools ?? [])])],
    errors,
    credentials,
    redactedText: text.length > MAX_STATE_TEXT_CHARS ? text.slice(text.length - MAX_STATE_TEXT_CHARS) : text,
    truncated: older.truncated || newer.truncated || text.length > MAX_STATE_TEXT_CHARS,
  };
}

/** True when `newer` brings a signal, error string or provider that `older` did not have. */
export function addsEvidence(older: Evidence, newer: Evidence): boolean {
  return (
    newer.signals.some((s) => !older.signals.some((o) => o.signal === s.signal)) ||
    newer.errors.some((e) => !older.errors.some((o) => o.match === e.match)) ||
    newer.providers.some((p) => !older.providers.includes(p)) ||
    (newer.tools ?? []).some((t) => !(older.tools ?? []).includes(t))
  );
}
