/** What every evidence extractor reads: the cleaned message in three forms. */
import type { CredentialMatch } from '../../redaction/redact.ts';
import type { EvidenceItem } from '../types.ts';

export interface ExtractionInput {
  /** cleaned text with credentials in clear: only for checks on the key's own shape, never output */
  raw: string;
  /** the same text with every credential replaced by its label */
  redacted: string;
  /** `redacted` without the credential labels, lowercased: the user's own words */
  lower: string;
  credentials: readonly CredentialMatch[];
  /** ms since epoch, for JWT time claims */
  now: number;
}

export type Extracted = EvidenceItem[];

/** Cuts a quoted fragment of user text for an explanation (already redacted). */
export function quote(text: string, max = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const cut = oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
  return `\`${cut.replace(/`/g, "'")}\``;
}

/** The redacted form of `raw.slice(start, end)`: credentials inside it become their labels. */
export function redactSlice(input: ExtractionInput, start: number, end: number): string {
  let out = '';
  let at = start;
  for (const c of input.credentials) {
    if (c.end <= start || c.start >= end) continue;
    out += input.raw.slice(at, Math.max(at, c.start)) + c.fingerprint.label;
    at = Math.max(at, c.end);
  }
  return at < end ? out + input.raw.slice(at, end) : out;
}

/** The credential that covers position `pos` of the raw text, if any. */
export function credentialAt(
  input: ExtractionInput,
  pos: number,
): ExtractionInput['credentials'][number] | undefined {
  return input.credentials.find((c) => pos >= c.start && pos < c.end);
}
