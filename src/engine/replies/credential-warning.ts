/** The warning shown when a live-looking credential was pasted: rotate it. Never contains the key. */
import type { CredentialFingerprint, ReplyBlock } from '../types.ts';

/** A warning block for the live credentials among `credentials`, or undefined when there are none. */
export function credentialWarning(credentials: readonly CredentialFingerprint[]): ReplyBlock | undefined {
  const live = credentials.filter((c) => c.live);
  if (live.length === 0) return undefined;
  const names = live.map(
    (c) =>
      `**${c.provider === 'generic' ? c.kind : `${c.provider} ${c.kind}`}**${c.last4 ? ` ending in \`${c.last4}\`` : ''}`,
  );
  const what =
    names.length === 1
      ? `what looks like a live ${names[0]}`
      : `what look like live credentials (${names.join(', ')})`;
  return {
    type: 'warning',
    text: [
      `You pasted ${what}. I did not store it, but treat it as leaked: anyone who can read this chat can use it.`,
      "1. Revoke (delete or roll) it now in the provider's dashboard or console.",
      '2. Create a new key with only the permissions you need.',
      '3. Update your secrets everywhere the old one is used: .env files, CI secrets, hosting settings, secret managers.',
      "4. Check the provider's usage logs for calls you did not make, and your git history for the old key.",
      'Next time, paste it as `sk-...abcd` or `xxx`: I only need its shape.',
    ].join('\n'),
  };
}
