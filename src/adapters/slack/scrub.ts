/** Removes credentials from text bound for logs (Bolt's debug lines can carry user messages). */
import { redactSecrets } from '../../redaction/redact.ts';

export function scrubCredentials(text: string): string {
  return redactSecrets(text).text;
}
